import type { HandoverDeps, MovedTask } from '../domain/handover.ts';
import { auditRepository } from './audit-repository.ts';
import { consentsRepository } from './consents-repository.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { matchesRepository } from './matches-repository.ts';
import { outboxItemByKey } from './outbox-repository.ts';
import { tasksRepository, volunteerRequests } from './tasks-repository.ts';
import { volunteersRepository } from './volunteers-repository.ts';

export interface HandoverPortsEnv {
  readonly TABLE_CONSENTS: string;
  readonly TABLE_AUDIT: string;
  readonly TABLE_OUTBOX: string;
  readonly TABLE_STAFF: string;
  readonly TABLE_MATCHES: string;
  readonly TABLE_VOLUNTEERS: string;
  readonly TABLE_KOMMUNER: string;
  /** The coordinators' tasks, for a function whose match changes open or close them. */
  readonly TABLE_TASKS?: string;
}

/** The tables the consents and matches repositories write across, from a function's env. */
export const recordTables = (env: Omit<HandoverPortsEnv, 'TABLE_AUDIT' | 'TABLE_STAFF'>) => ({
  consents: env.TABLE_CONSENTS,
  outbox: env.TABLE_OUTBOX,
  matches: env.TABLE_MATCHES,
  kommuner: env.TABLE_KOMMUNER,
  volunteers: env.TABLE_VOLUNTEERS,
  tasks: env.TABLE_TASKS ?? '',
});

/** The real adapters of the handover use cases, wired once per function instance. */
export const handoverPorts = (env: HandoverPortsEnv) => {
  const db = dynamoDb();
  const tables = recordTables(env);
  const taskStore = env.TABLE_TASKS ? tasksRepository(db, env.TABLE_TASKS) : undefined;
  const deps: HandoverDeps = {
    handovers: consentsRepository(db, tables),
    matches: matchesRepository(db, tables),
    volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
    audit: auditRepository(db, env.TABLE_AUDIT),
    ...(taskStore
      ? {
          tasks: {
            existing: async (kommune: string, ids: readonly string[]) =>
              (await taskStore.existing(kommune, ids)) as unknown as MovedTask[],
          },
        }
      : {}),
    ...(env.TABLE_TASKS ? { requests: volunteerRequests(db, env.TABLE_TASKS) } : {}),
    emails: {
      async mayHaveBeenSent(key) {
        const status = (await outboxItemByKey(db, env.TABLE_OUTBOX, key))?.status;
        return status === undefined || status === 'sent' || status === 'sending';
      },
    },
    now: () => new Date(),
  };
  return {
    deps,
    /** An email's state as the outbox recorded it (for "the kommune was informed at …"). */
    emailState: async (key: string) => {
      const item = await outboxItemByKey(db, env.TABLE_OUTBOX, key);
      return item
        ? { status: String(item.status), finishedAt: item.finishedAt ? String(item.finishedAt) : undefined }
        : undefined;
    },
  };
};
