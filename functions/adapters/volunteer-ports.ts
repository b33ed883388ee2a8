import { dynamoDb } from './dynamodb-client.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { rateLimitRepository } from './rate-limit-repository.ts';
import { tokensRepository } from './tokens-repository.ts';
import { volunteersRepository } from './volunteers-repository.ts';

export interface VolunteerPortsEnv {
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
  return {
    volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
    kommuner: kommunerRepository(db, env.TABLE_KOMMUNER),
    tokens: tokensRepository(db, env.TABLE_TOKENS),
    /** Emails are written here; the outbox sender sends them. */
    outbox: outboxRepository(db, env.TABLE_OUTBOX),
    /** Sign-ups and link requests per client per 10 minutes. */
    rateLimiter: rateLimitRepository(db, env.TABLE_RATE_LIMITS, {
      maxPerWindow: Number(env.SIGNUP_RATE_LIMIT),
      windowSeconds: 600,
    }),
    now: () => new Date(),
  };
};
