import type { AnswerDeps, MatchingDeps } from '../domain/matching.ts';
import { auditRepository } from './audit-repository.ts';
import { consentsRepository } from './consents-repository.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { recordTables } from './handover-ports.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { matchesRepository } from './matches-repository.ts';
import { organisationsDirectory } from './organisations-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { volunteerRequests } from './tasks-repository.ts';
import { tokensRepository } from './tokens-repository.ts';
import { volunteersRepository } from './volunteers-repository.ts';

export interface MatchingPortsEnv {
  readonly TABLE_CONSENTS: string;
  readonly TABLE_VOLUNTEERS: string;
  readonly TABLE_MATCHES: string;
  readonly TABLE_KOMMUNER: string;
  readonly TABLE_OUTBOX: string;
  readonly TABLE_TOKENS: string;
  readonly TABLE_AUDIT: string;
  readonly TABLE_STAFF: string;
}

/** The real adapters of the matching use cases, wired once per function instance. */
export const matchingPorts = (env: MatchingPortsEnv) => {
  const db = dynamoDb();
  const tables = recordTables(env);
  const volunteers = volunteersRepository(db, env.TABLE_VOLUNTEERS);
  const deps: MatchingDeps = {
    matches: matchesRepository(db, tables),
    records: consentsRepository(db, tables),
    volunteers,
    audit: auditRepository(db, env.TABLE_AUDIT),
    tokens: tokensRepository(db, env.TABLE_TOKENS),
    now: () => new Date(),
  };
  return {
    deps,
    kommuner: kommunerRepository(db, env.TABLE_KOMMUNER),
    /** The volunteers as a store (a move to another group saves one). */
    volunteers,
  };
};

/** The adapters of the volunteer's answer links: no audit log and no staff directory. */
export const matchAnswerPorts = (env: Omit<MatchingPortsEnv, 'TABLE_AUDIT' | 'TABLE_STAFF'>): AnswerDeps => {
  const db = dynamoDb();
  const tables = recordTables(env);
  return {
    matches: matchesRepository(db, tables),
    records: consentsRepository(db, tables),
    volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
    tokens: tokensRepository(db, env.TABLE_TOKENS),
    now: () => new Date(),
  };
};

/** Local groups on the coordinators' pages: the directory, requests between groups, the move's email. */
export const groupPorts = (env: {
  TABLE_TASKS: string;
  TABLE_ORGANISATIONS: string;
  TABLE_OUTBOX: string;
}) => {
  const db = dynamoDb();
  return {
    organisations: organisationsDirectory(db, env.TABLE_ORGANISATIONS),
    requests: volunteerRequests(db, env.TABLE_TASKS),
    outbox: outboxRepository(db, env.TABLE_OUTBOX),
  };
};
