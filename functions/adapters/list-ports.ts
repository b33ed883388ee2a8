import type { ListDeps } from '../domain/staff-lists.ts';
import { auditRepository } from './audit-repository.ts';
import { consentsLists } from './consents-lists.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { recordTables } from './handover-ports.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { matchesRepository } from './matches-repository.ts';
import { volunteersLists } from './volunteers-lists.ts';

export interface ListPortsEnv {
  readonly TABLE_CONSENTS: string;
  readonly TABLE_VOLUNTEERS: string;
  readonly TABLE_MATCHES: string;
  readonly TABLE_KOMMUNER: string;
  readonly TABLE_OUTBOX: string;
  readonly TABLE_AUDIT: string;
}

/** The real adapters of the staff's paged lists, wired once per function instance. */
export const listPorts = (env: ListPortsEnv): ListDeps => {
  const db = dynamoDb();
  return {
    records: consentsLists(db, env.TABLE_CONSENTS),
    volunteers: volunteersLists(db, env.TABLE_VOLUNTEERS),
    matches: matchesRepository(db, recordTables(env)),
    kommuner: kommunerRepository(db, env.TABLE_KOMMUNER),
    audit: auditRepository(db, env.TABLE_AUDIT),
    now: () => new Date(),
  };
};
