import type { VolunteerSignup } from '../../shared/volunteer-contract.ts';
import type { KommunerRepository } from '../adapters/kommuner-repository.ts';
import { DuplicateEmailError, type VolunteersRepository } from '../adapters/volunteers-repository.ts';
import { hashToken, issueToken, isTokenShaped, prepareToken, type TokenStore } from './tokens.ts';
import { confirm, newVolunteer } from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';
import type { VolunteerEmails } from './volunteer-emails.ts';

export interface SignupDeps {
  readonly volunteers: VolunteersRepository;
  readonly kommuner: Pick<KommunerRepository, 'counterUpdates'>;
  readonly tokens: TokenStore;
  readonly emails: VolunteerEmails;
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * A public sign-up. A new email creates an unconfirmed volunteer and sends the confirmation link.
 * A known email creates nothing; its owner is emailed a link to their existing sign-up, and the
 * caller gets an answer of the same shape, so the screen reveals nothing.
 */
export const signUp = async (
  deps: SignupDeps,
  input: VolunteerSignup,
): Promise<{ id: string; status: 'unconfirmed' }> => {
  const now = deps.now();
  const volunteer = newVolunteer(input, deps.newId(), now);
  // The volunteer, their email guard, both link tokens and the confirmation email's outbox claim: one transaction.
  const confirmToken = prepareToken('confirm', volunteer.id, now);
  const unsubscribeToken = prepareToken('unsubscribe', volunteer.id, now);
  const email = deps.emails.prepareConfirmation(volunteer, {
    confirm: confirmToken.value,
    unsubscribe: unsubscribeToken.value,
  });
  try {
    await deps.volunteers.create(volunteer, [
      deps.tokens.putItem(confirmToken.record),
      deps.tokens.putItem(unsubscribeToken.record),
      email.claim,
    ]);
  } catch (error) {
    if (!(error instanceof DuplicateEmailError)) throw error;
    const existing = error.existingVolunteerId
      ? await deps.volunteers.get(error.existingVolunteerId, now)
      : undefined;
    if (existing && !existing.emailOptOut) {
      const [manage, unsubscribe] = await Promise.all([
        issueToken(deps.tokens, 'manage', existing.id, now),
        issueToken(deps.tokens, 'unsubscribe', existing.id, now),
      ]);
      await deps.emails.alreadySignedUp(existing, { manage, unsubscribe });
    }
    return { id: volunteer.id, status: 'unconfirmed' };
  }
  await email.send();
  return { id: volunteer.id, status: 'unconfirmed' };
};

/**
 * The confirmation link: uses the single-use token, confirms the volunteer (counting them as
 * available in their kommune in the same transaction) and opens a self-service session.
 */
export const confirmSignup = async (
  deps: Omit<SignupDeps, 'emails' | 'newId'>,
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
    await deps.volunteers.save(before, after, deps.kommuner.counterUpdates(counterChanges(before, after)));
  }
  return { volunteerId, session: await issueToken(deps.tokens, 'session', volunteerId, now) };
};
