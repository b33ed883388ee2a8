import { bestFitGroup } from '../../shared/organisations-contract.ts';
import type { VolunteerSignup } from '../../shared/volunteer-contract.ts';
import type { OutboxStore } from './email-delivery.ts';
import { DomainError, ValidationError } from './errors.ts';
import { activelyCovers, bestFitGroupFor, type OrganisationsDirectory } from './organisations.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { recruitmentOf } from './secretariat-figures.ts';
import { hashToken, issueToken, isTokenShaped, type TokenStore } from './tokens.ts';
import { confirm, newVolunteer, newVolunteerId } from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';
import { volunteerEmail } from './volunteer-emails.ts';
import { DuplicateEmailError, type KommuneCounterWrites, type VolunteerStore } from './volunteer-store.ts';

export interface SignupDeps {
  readonly volunteers: VolunteerStore;
  readonly kommuner: KommuneCounterWrites;
  readonly tokens: TokenStore;
  readonly outbox: Pick<OutboxStore, 'claim'>;
  readonly rateLimiter: RateLimiter;
  /** The local groups a volunteer may choose among (the organisations table). */
  readonly groups: Pick<OrganisationsDirectory, 'all'>;
  readonly now: () => Date;
}

/** The group a sign-up joins: the one chosen (active, covering the kommune), the best fit, or none yet. */
export const groupOfSignup = async (
  deps: Pick<SignupDeps, 'groups'>,
  input: Pick<VolunteerSignup, 'group' | 'kommuneCode' | 'kind'>,
  id: string,
): Promise<string | undefined> => {
  const { groups } = await deps.groups.all();
  if (!input.group || input.group === bestFitGroup)
    return bestFitGroupFor(groups, { id, kommuneCode: input.kommuneCode, kind: input.kind })?.id;
  const chosen = groups.find((g) => g.id === input.group);
  if (!activelyCovers(chosen, input.kommuneCode))
    throw new ValidationError([
      { field: 'group', message: 'Gruppen dækker ikke den kommune, du har valgt. Vælg en anden gruppe.' },
    ]);
  return chosen.id;
};

/** The sign-ups one client sent in the current window; the caller words the answer. */
export class SignupRateLimitedError extends DomainError {
  override readonly name = 'SignupRateLimitedError';
  readonly kind = 'too-many';
  constructor(override readonly retryAfterSeconds: number) {
    super('Der er sendt mange tilmeldinger fra din forbindelse på kort tid. Vent lidt, og prøv igen.');
  }
}

/**
 * A public sign-up. After the client's rate-limit count, a new email creates an unconfirmed
 * volunteer (a random id) and the guard of their address in one transaction, then claims their
 * confirmation email in the outbox (the sender sends it; the volunteers table's stream claims it
 * too, should this function stop in between, and the key makes it one email).
 *
 * A known email creates nothing; its owner is emailed a link to their existing sign-up. Both
 * paths make the same three calls (count, transaction, outbox claim) and give an answer of the
 * same shape with an id that is new each time, so neither the answer nor how long it takes tells
 * whether an address is signed up.
 */
export const signUp = async (
  deps: Pick<SignupDeps, 'volunteers' | 'outbox' | 'rateLimiter' | 'groups' | 'now'>,
  input: VolunteerSignup,
  client: string,
): Promise<{ id: string; status: 'unconfirmed' }> => {
  const now = deps.now();
  const outcome = await deps.rateLimiter.hit('signup', client, now);
  if (!outcome.allowed) throw new SignupRateLimitedError(outcome.retryAfterSeconds);
  const id = newVolunteerId();
  const volunteer = newVolunteer(input, now, id, await groupOfSignup(deps, input, id));
  let email = volunteerEmail.confirmation(volunteer.id, volunteer.createdAt);
  try {
    await deps.volunteers.create(volunteer);
  } catch (error) {
    if (!(error instanceof DuplicateEmailError)) throw error;
    // The composer sends nothing to someone who stopped emails; deciding that here would take a read.
    email = volunteerEmail.alreadySignedUp(error.existingId ?? volunteer.id, now);
  }
  await deps.outbox.claim(email, now);
  return { id: volunteer.id, status: 'unconfirmed' };
};

/**
 * The confirmation link: uses the single-use token, confirms the volunteer (counting them as
 * available in their kommune in the same transaction) and opens a self-service session.
 */
export const confirmSignup = async (
  deps: Pick<SignupDeps, 'volunteers' | 'kommuner' | 'tokens' | 'now'>,
  token: unknown,
): Promise<{ volunteerId: string; session: string } | undefined> => {
  if (!isTokenShaped(token)) return undefined;
  const now = deps.now();
  const volunteerId = await deps.tokens.consume(hashToken(token), 'confirm', now);
  if (!volunteerId) return undefined;
  const before = await deps.volunteers.get(volunteerId, now);
  if (!before) return undefined;
  const after = confirm(before, now);
  if (after !== before) {
    // The kommune's counters and the month's recruitment per campaign source move with the confirmation.
    await deps.volunteers.save(before, after, [
      ...deps.kommuner.counterUpdates(counterChanges(before, after)),
      ...deps.kommuner.recruitmentUpdates(recruitmentOf(before, after, now)),
    ]);
  }
  return { volunteerId, session: await issueToken(deps.tokens, 'session', volunteerId, now) };
};
