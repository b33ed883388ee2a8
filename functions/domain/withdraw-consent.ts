import { DomainError } from './errors.ts';
import {
  type Actor,
  AlreadyWithdrawnError,
  audited,
  type ConsentEvent,
  canManage,
  canSee,
  type EndedMatch,
  firstPerAddress,
  type HandoverDeps,
  HandoverNotFoundError,
  type HandoverRecord,
  kommuneRecipientsOf,
  kommuneWithdrawalEmailFor,
  staffRef,
} from './handover.ts';
import { withPlacesTaken } from './volunteer.ts';
import { volunteerEmail } from './volunteer-emails.ts';

/** Attempts of a withdrawal whose matches keep changing under it (a volunteer answering at that moment). */
export const withdrawalAttempts = 6;

/** A withdrawal could not be written because its matches kept changing: rare; the caller may try again at once. */
export class WithdrawalBusyError extends DomainError {
  override readonly name = 'WithdrawalBusyError';
  readonly kind = 'busy';
  override readonly retryAfterSeconds = 1;
  constructor() {
    super('Der skete flere ændringer på samme tid. Intet er gemt endnu: tryk på knappen igen.');
  }
}

/**
 * Withdraws consent at the refugee's request: the withdrawal is appended to the consent record and
 * every personal detail is erased in the same write; the record keeps only what the counts need.
 * Every kommune caseworker who was sent the details is told to delete them; an open proposal or
 * match ends (the volunteer is told the contact has ended, nothing more). When a match changes in
 * between (the volunteer says yes at that moment), all is read again and written again: the
 * withdrawal always wins, and never half-way.
 */
export const withdrawConsent = async (
  deps: HandoverDeps,
  id: string,
  requestedVia: string,
  actor: Actor,
): Promise<HandoverRecord> => {
  for (let attempt = 1; attempt <= withdrawalAttempts; attempt++) {
    const record = await deps.handovers.get(id);
    if (!record || !canSee(actor, record) || !canManage(actor, record, 'withdraw'))
      throw new HandoverNotFoundError();
    if (record.status === 'withdrawn') throw new AlreadyWithdrawnError();
    const now = deps.now();
    const at = now.toISOString();
    const event: ConsentEvent = { type: 'withdrawn', at, by: staffRef(actor), requestedVia };
    const kommuneNotices = firstPerAddress(kommuneRecipientsOf(record)).map(({ index }) =>
      kommuneWithdrawalEmailFor(record.id, index),
    );
    const endedMatches: EndedMatch[] = await Promise.all(
      (await deps.matches.openMatchesOf(record.id, record.currentMatchId)).map(async (match) => {
        const before = await deps.volunteers.get(match.volunteerId, now);
        return {
          ...match,
          email: volunteerEmail.matchEnded(match.volunteerId, match.matchId),
          volunteer: before && { before, after: withPlacesTaken(before, -1, now) },
        };
      }),
    );
    const outcome = await deps.handovers.withdraw(record, event, kommuneNotices, endedMatches, now);
    if (outcome === 'already-withdrawn') throw new AlreadyWithdrawnError();
    if (outcome === 'changed') continue;
    // The notes about the friendship (concerns, calls) go with the details: no text about them is kept.
    await deps.matches.forgetNotes?.(record.id);
    // Nobody is to propose a friend for them any more: other groups' requests are answered.
    await deps.requests?.closeAll(record.kommuneCode, record.id);
    await audited(deps, actor, 'withdraw', [record]);
    const { person: _erased, ...rest } = record;
    return {
      ...rest,
      kommuneRecipients: kommuneRecipientsOf(record),
      status: 'withdrawn',
      consentEvents: [...record.consentEvents, event],
      version: record.version + 1,
      updatedAt: at,
    };
  }
  throw new WithdrawalBusyError();
};
