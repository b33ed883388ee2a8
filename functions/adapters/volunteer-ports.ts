import { randomUUID } from 'node:crypto';
import { dynamoDb } from './dynamodb-client.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { rateLimitRepository } from './rate-limit-repository.ts';
import { sesMailer } from './ses-mailer.ts';
import { tokensRepository } from './tokens-repository.ts';
import { volunteerEmails } from './volunteer-emails.tsx';
import { volunteersRepository } from './volunteers-repository.ts';

export interface VolunteerPortsEnv {
  readonly PUBLIC_BASE_URL: string;
  readonly SES_FROM_ADDRESS: string;
  readonly SES_CONFIGURATION_SET: string;
  readonly TABLE_VOLUNTEERS: string;
  readonly TABLE_TOKENS: string;
  readonly TABLE_OUTBOX: string;
  readonly TABLE_KOMMUNER: string;
  readonly TABLE_RATE_LIMITS: string;
  readonly SIGNUP_RATE_LIMIT: string;
}

/** The real adapters the volunteer functions use, wired once per function instance. */
export const volunteerPorts = (env: VolunteerPortsEnv) => {
  const db = dynamoDb();
  const now = () => new Date();
  return {
    volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
    kommuner: kommunerRepository(db, env.TABLE_KOMMUNER),
    tokens: tokensRepository(db, env.TABLE_TOKENS),
    emails: volunteerEmails({
      outbox: outboxRepository(db, env.TABLE_OUTBOX),
      mailer: sesMailer({ from: env.SES_FROM_ADDRESS, configurationSet: env.SES_CONFIGURATION_SET }),
      baseUrl: env.PUBLIC_BASE_URL,
      now,
    }),
    /** Sign-ups and link requests per client per 10 minutes. */
    rateLimiter: rateLimitRepository(db, env.TABLE_RATE_LIMITS, {
      maxPerWindow: Number(env.SIGNUP_RATE_LIMIT),
      windowSeconds: 600,
    }),
    now,
    newId: () => randomUUID(),
  };
};
