import type { DeliveryDeps, EmailComposer } from '../domain/email-delivery.ts';
import { logger } from '../lib/logger.ts';
import { consentsRepository } from './consents-repository.ts';
import { digestSources } from './digest-sources.ts';
import { dynamoDb } from './dynamodb-client.ts';
import { kommuneDigestComposer } from './kommune-digest-email.tsx';
import {
  kommuneHandoverComposer,
  kommuneMovedComposer,
  kommuneWithdrawalComposer,
} from './kommune-emails.tsx';
import { kommunerRepository } from './kommuner-repository.ts';
import { matchEmailComposers } from './match-emails.tsx';
import { matchesRepository } from './matches-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { sesMailer } from './ses-mailer.ts';
import { staffDirectory } from './staff-directory.ts';
import { suppressionList } from './suppression-list.ts';
import { tokensRepository } from './tokens-repository.ts';
import { volunteerEmailComposer } from './volunteer-emails.tsx';
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
}

/** The real adapters of the outbox sender, wired once per function instance. */
export const emailPorts = (env: EmailPortsEnv): DeliveryDeps => {
  const db = dynamoDb();
  const tokens = tokensRepository(db, env.TABLE_TOKENS);
  const volunteerEmails = volunteerEmailComposer({
    volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
    tokens,
    baseUrl: env.PUBLIC_BASE_URL,
  });
  // The sender only reads records and matches: none of the other tables is written through these.
  const tables = {
    consents: env.TABLE_CONSENTS,
    matches: env.TABLE_MATCHES,
    outbox: env.TABLE_OUTBOX,
    kommuner: '',
    volunteers: '',
  };
  const handovers = consentsRepository(db, tables);
  const byTemplate: Record<string, EmailComposer> = {
    'kommune-handover': kommuneHandoverComposer({ handovers }),
    'kommune-withdrawal': kommuneWithdrawalComposer({ handovers }),
    'kommune-moved': kommuneMovedComposer({ handovers }),
    'kommune-digest': kommuneDigestComposer({
      sources: digestSources(db, {
        consents: env.TABLE_CONSENTS,
        matches: env.TABLE_MATCHES,
        kommuner: env.TABLE_KOMMUNER,
      }),
      contacts: kommunerRepository(db, env.TABLE_KOMMUNER),
      baseUrl: env.PUBLIC_BASE_URL,
    }),
    ...matchEmailComposers({
      matches: matchesRepository(db, tables),
      handovers,
      volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
      tokens,
      staff: staffDirectory(db, env.TABLE_STAFF),
      baseUrl: env.PUBLIC_BASE_URL,
    }),
  };
  return {
    outbox: outboxRepository(db, env.TABLE_OUTBOX),
    mailer: sesMailer({ from: env.SES_FROM_ADDRESS, configurationSet: env.SES_CONFIGURATION_SET }),
    compose: (entry, now) => (byTemplate[entry.template] ?? volunteerEmails)(entry, now),
    now: () => new Date(),
    log: (message, details) => logger.warn(message, details),
    suppressions: suppressionList(db, env.TABLE_OUTBOX),
  };
};
