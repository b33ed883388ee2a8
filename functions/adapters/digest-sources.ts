import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DigestSources } from '../domain/kommune-digest.ts';
import { activeGroupsIn, publicGroupOf } from '../domain/organisations.ts';
import { kommuneNews } from './consents-repository.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { matchesRepository } from './matches-repository.ts';
import { organisationsDirectory } from './organisations-repository.ts';
import { kommuneCoordinators } from './staff-directory.ts';

export interface DigestTables {
  readonly consents: string;
  readonly matches: string;
  readonly kommuner: string;
  /** Where each kommune's coordinators are listed; without it the digest names none (the job only decides). */
  readonly staff?: string;
  /** The local groups; without it the digest lists none (the job only decides). */
  readonly organisations?: string;
}

/** What the weekly digest reads, for the job (to decide) and the sender (to compose): read-only. */
export const digestSources = (db: DynamoDBDocumentClient, tables: DigestTables): DigestSources => {
  const kommuner = kommunerRepository(db, tables.kommuner);
  const news = kommuneNews(db, tables.consents);
  // Only read through: the other tables of the repository are never written from here.
  const matches = matchesRepository(db, { ...tables, outbox: '', volunteers: '' });
  return {
    contacts: () => kommuner.listDigestContacts(),
    kommune: (code) => kommuner.getKommune(code),
    sharedWithKommune: news.sharedWithKommune,
    waiting: news.waiting,
    activeMatches: (code) => matches.listByKommune(code, 'active'),
    coordinators: async (code, now) =>
      tables.staff ? kommuneCoordinators(db, tables.staff).of(code, now) : [],
    matchFigures: (code, months) => kommuner.kommuneMatchFigures(code, months),
    groups: async (code) => {
      if (!tables.organisations) return [];
      const directory = await organisationsDirectory(db, tables.organisations).all();
      return activeGroupsIn(directory.groups, code).map((g) => publicGroupOf(g, directory.organisations));
    },
  };
};
