import { dynamoDb } from './dynamodb-client.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { matchesRepository } from './matches-repository.ts';
import { organisationsDirectory } from './organisations-repository.ts';
import { outboxRepository } from './outbox-repository.ts';
import { rateLimitRepository } from './rate-limit-repository.ts';
import { tokensRepository } from './tokens-repository.ts';
import { departureStore } from './volunteer-departures.ts';
import { volunteersRepository } from './volunteers-repository.ts';

export interface VolunteerPortsEnv {
  readonly TABLE_VOLUNTEERS: string;
  readonly TABLE_TOKENS: string;
  readonly TABLE_OUTBOX: string;
  readonly TABLE_KOMMUNER: string;
  readonly TABLE_RATE_LIMITS: string;
  readonly TABLE_ORGANISATIONS: string;
  readonly SIGNUP_RATE_LIMIT: string;
}

/** What the self-service function reaches beyond the sign-up's tables: a leaving volunteer ends their matches. */
export interface SelfServicePortsEnv extends VolunteerPortsEnv {
  readonly TABLE_MATCHES: string;
  readonly TABLE_CONSENTS: string;
  readonly TABLE_TASKS: string;
}

/** The sign-up's adapters plus the departure of a volunteer with open matches. */
export const selfServicePorts = (env: SelfServicePortsEnv) => ({
  ...volunteerPorts(env),
  /** Their friendships: "Vi har mødtes" and a concern write the match's events and tasks. */
  matches: matchesRepository(dynamoDb(), {
    matches: env.TABLE_MATCHES,
    tasks: env.TABLE_TASKS,
    consents: '',
    volunteers: '',
    kommuner: '',
    outbox: '',
  }),
  departures: departureStore(dynamoDb(), {
    volunteers: env.TABLE_VOLUNTEERS,
    matches: env.TABLE_MATCHES,
    consents: env.TABLE_CONSENTS,
    kommuner: env.TABLE_KOMMUNER,
    outbox: env.TABLE_OUTBOX,
    tasks: env.TABLE_TASKS,
  }),
});

/** The real adapters the volunteer functions use, wired once per function instance. */
export const volunteerPorts = (env: VolunteerPortsEnv) => {
  const db = dynamoDb();
  return {
    volunteers: volunteersRepository(db, env.TABLE_VOLUNTEERS),
    kommuner: kommunerRepository(db, env.TABLE_KOMMUNER),
    tokens: tokensRepository(db, env.TABLE_TOKENS),
    /** The local groups a volunteer chooses among (one Query per sign-up: groups change any day). */
    groups: organisationsDirectory(db, env.TABLE_ORGANISATIONS),
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
