import type { HandoverInput } from '../../shared/handover-contract.ts';
import {
  type Actor,
  AlreadyRecordedError,
  audited,
  type HandoverDeps,
  type HandoverRecord,
  handoverIdFor,
  hash,
  interviewMonth,
  isCaseworkerFor,
  kommuneEmailFor,
  NotYourCentreError,
  personOf,
  recipientFor,
  SubmissionConflictError,
  staffRef,
} from './handover.ts';

export type RecordResult =
  | { readonly kind: 'counted' }
  | { readonly kind: 'recorded'; readonly record: HandoverRecord; readonly created: boolean };

/** Records a handover interview: a "no" is counted, a "yes" becomes the consent record. */
export const recordHandover = async (
  deps: HandoverDeps,
  input: HandoverInput,
  actor: Actor,
): Promise<RecordResult> => {
  if (!isCaseworkerFor(actor, input)) throw new NotYourCentreError();
  const now = deps.now();
  const id = handoverIdFor(input.submissionKey);
  const declinedMarkerId = hash('declined', input.submissionKey);
  if (!input.wantsContact) {
    const counted = await deps.handovers.countDeclined(
      {
        markerId: declinedMarkerId,
        recordId: id,
        centreId: input.centreId,
        kommuneCode: input.receivingKommune,
        month: interviewMonth(input.interviewDate),
      },
      now,
    );
    if (counted === 'already-recorded') throw new AlreadyRecordedError(id);
    return { kind: 'counted' };
  }
  const at = now.toISOString();
  const person = personOf(input);
  const recipient = recipientFor(input.shareWithKommune, person, input.receivingKommune, at);
  const record: HandoverRecord = {
    id,
    centreId: input.centreId,
    kommuneCode: input.receivingKommune,
    interviewDate: input.interviewDate,
    status: 'waiting',
    recordedAt: at,
    recordedBy: staffRef(actor),
    consent: {
      noticeVersion: input.noticeVersion,
      noticeLanguage: input.noticeLanguage,
      interpreterUsed: input.interpreterUsed,
      consentMethod: input.consentMethod,
      shareWithVolunteers: input.shareWithVolunteers,
      shareWithKommune: input.shareWithKommune,
    },
    consentEvents: [{ type: 'given', at, by: staffRef(actor) }],
    person,
    ...(recipient ? { kommuneRecipients: [recipient] } : {}),
    version: 1,
    updatedAt: at,
  };
  const created = await deps.handovers.create(
    record,
    recipient ? kommuneEmailFor(id) : undefined,
    now,
    declinedMarkerId,
  );
  if (created) {
    await audited(deps, actor, 'create', [record]);
    return { kind: 'recorded', record, created: true };
  }
  // The same submission again (double click, retry, replay): the record it made, if it is theirs.
  const existing = await deps.handovers.get(id);
  if (!existing || existing.recordedBy.sub !== actor.sub) throw new SubmissionConflictError();
  return { kind: 'recorded', record: existing, created: false };
};
