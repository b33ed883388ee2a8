import type { FiguresDeps } from '../domain/secretariat-figures.ts';
import { handoverCounts } from './consents-repository.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { organisationsDirectory } from './organisations-repository.ts';

export interface FiguresPortsEnv {
  readonly TABLE_CONSENTS: string;
  readonly TABLE_KOMMUNER: string;
  readonly TABLE_ORGANISATIONS?: string;
}

/** The monthly aggregates the secretariat's figures read: three key Queries per month, one for the kommuner. */
export const figuresPorts = (env: FiguresPortsEnv, db = dynamoDb()): FiguresDeps => {
  const kommuner = kommunerRepository(db, env.TABLE_KOMMUNER);
  const countsOf = handoverCounts(db, env.TABLE_CONSENTS);
  return {
    month: async (month) => {
      const [handovers, matches, recruited] = await Promise.all([
        countsOf(month),
        kommuner.matchFigures(month),
        kommuner.recruitment(month),
      ]);
      return { handovers, matches, recruited };
    },
    kommuner: () => kommuner.listWithCounters(),
    ...(env.TABLE_ORGANISATIONS
      ? { directory: organisationsDirectory(db, env.TABLE_ORGANISATIONS).all }
      : {}),
    now: () => new Date(),
  };
};
