import type { DeliveryDeps } from '../domain/email-delivery.ts';
import type { LetterPorts } from '../domain/letter-ports.ts';
import { logger } from '../lib/logger.ts';
import { consentsRepository } from './consents-repository.ts';
import { digestSources } from './digest-sources.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { matchesRepository } from './matches-repository.ts';
import { organisationsDirectory } from './organisations-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { sesMailer } from './ses-mailer.ts';
import { staffDirectory } from './staff-directory.ts';
import { suppressionList } from './suppression-list.ts';
import { tokensRepository } from './tokens-repository.ts';
import { volunteersRepository } from './volunteers-repository.ts';

export interface EmailPortsEnv {
  readonly PUBLIC_BASE_URL: string;
  readonly SES_FROM_ADDRESS: string;
  readonly SES_CONFIGURATION_SET: string;
  readonly TABLE_OUTBOX: string;
  readonly TABLE_VOLUNTEERS: string;
  readonly TABLE_TOKENS: string;
  readonly TABLE_CONSENTS: string;
  readonly TABLE_MATCHES: string;
  readonly TABLE_STAFF: string;
  readonly TABLE_KOMMUNER: string;
  readonly TABLE_ORGANISATIONS: string;
}

/** The real adapters of the outbox sender, wired once per function instance (the composer joins them in the handler). */
export const emailPorts = (
  env: EmailPortsEnv,
): { delivery: Omit<DeliveryDeps, 'compose'>; letters: LetterPorts } => {
  const db = dynamoDb();
  // The sender only reads records and matches: none of the other tables is written through these.
  const tables = {
    consents: env.TABLE_CONSENTS,
    matches: env.TABLE_MATCHES,
    outbox: env.TABLE_OUTBOX,
    kommuner: '',
    volunteers: '',
  };
  return {
    delivery: {
      outbox: outboxRepository(db, env.TABLE_OUTBOX),
      mailer: sesMailer({ from: env.SES_FROM_ADDRESS, configurationSet: env.SES_CONFIGURATION_SET }),
      now: () => new Date(),
      log: (message, details) => logger.warn(message, details),
      suppressions: suppressionList(db, env.TABLE_OUTBOX),
    },
    letters: {
      matches: matchesRepository(db, tables),
      handovers: consentsRepository(db, tables),
      volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
      tokens: tokensRepository(db, env.TABLE_TOKENS),
      staff: staffDirectory(db, env.TABLE_STAFF),
      organisations: organisationsDirectory(db, env.TABLE_ORGANISATIONS),
      digests: {
        sources: digestSources(db, {
          consents: env.TABLE_CONSENTS,
          matches: env.TABLE_MATCHES,
          kommuner: env.TABLE_KOMMUNER,
          staff: env.TABLE_STAFF,
          organisations: env.TABLE_ORGANISATIONS,
        }),
        contacts: kommunerRepository(db, env.TABLE_KOMMUNER),
      },
    },
  };
};
