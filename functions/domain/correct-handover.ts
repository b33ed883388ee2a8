import type { HandoverCorrection } from '../../shared/handover-contract.ts';
import {
  type Actor,
  AlreadyWithdrawnError,
  audited,
  type CorrectionEffects,
  canManage,
  canSee,
  firstPerAddress,
  type HandoverDeps,
  HandoverNotFoundError,
  type HandoverRecord,
  kommuneEmailFor,
  kommuneMovedEmailFor,
  kommuneRecipientsOf,
  type PersonDetails,
  personOf,
  recipientFor,
  StaleVersionError,
} from './handover.ts';

export const changedFields = (before: PersonDetails, after: PersonDetails): string[] => {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter(
      (name) =>
        JSON.stringify((before as Record<string, unknown>)[name]) !==
        JSON.stringify((after as Record<string, unknown>)[name]),
    )
    .sort();
};

/**
 * What a correction calls for beside the new details. Another kommune caseworker (a new address,
 * or another kommune) gets the consented details and joins the record's recipients. When the
 * refugee moves to another kommune, everything of theirs moves with them in the same transaction
 * (the waiting-list entry and counters in the repository, the open proposal or match here), and
 * each caseworker of the old kommune who was sent the details is told, without details, to delete
 * them: the old kommune's digests never show the refugee again.
 */
export const correctionEffects = async (
  deps: HandoverDeps,
  record: HandoverRecord & { person: PersonDetails },
  person: PersonDetails,
  kommuneCode: string,
  at: string,
): Promise<CorrectionEffects> => {
  const before = kommuneRecipientsOf(record);
  const latest = before.at(-1);
  const next = recipientFor(record.consent.shareWithKommune, person, kommuneCode, at);
  const recipient =
    next && (latest?.email !== next.email || latest.kommuneCode !== next.kommuneCode) ? next : undefined;
  const moved = record.kommuneCode !== kommuneCode;
  const told = moved
    ? await Promise.all(
        firstPerAddress(before)
          .filter(({ recipient: r }) => r.kommuneCode === record.kommuneCode && r.email !== recipient?.email)
          .map(async ({ index }) =>
            (await deps.emails.mayHaveBeenSent(kommuneEmailFor(record.id, index).key))
              ? [kommuneMovedEmailFor(record.id, index, record.version)]
              : [],
          ),
      )
    : [];
  const movedMatches = moved ? await deps.matches.openMatchesOf(record.id, record.currentMatchId) : [];
  return {
    recipient,
    recipientsBefore: before,
    emails: [...(recipient ? [kommuneEmailFor(record.id, before.length)] : []), ...told.flat()],
    movedMatches,
    movedTasks: (
      await Promise.all(
        movedMatches.map((m) => deps.tasks?.existing(m.kommuneCode, m.taskIds ?? []) ?? Promise.resolve([])),
      )
    ).flat(),
  };
};

/** Corrects the refugee's details; the audit log names the changed fields (not their values). */
export const correctHandover = async (
  deps: HandoverDeps,
  id: string,
  correction: HandoverCorrection,
  actor: Actor,
): Promise<HandoverRecord> => {
  const record = await deps.handovers.get(id);
  if (!record || !canSee(actor, record) || !canManage(actor, record, 'correct'))
    throw new HandoverNotFoundError();
  if (!record.person) throw new AlreadyWithdrawnError();
  const { version, ...details } = correction;
  const person = personOf(details);
  const fields = changedFields(record.person, person);
  if (record.kommuneCode !== details.receivingKommune) fields.push('receivingKommune');
  if (fields.length === 0) return record;
  const now = deps.now();
  const effects = await correctionEffects(
    deps,
    { ...record, person: record.person },
    person,
    details.receivingKommune,
    now.toISOString(),
  );
  const updated = await deps.handovers.correct(
    record,
    person,
    details.receivingKommune,
    version,
    now,
    effects,
  );
  if (!updated) throw new StaleVersionError();
  if (details.receivingKommune !== record.kommuneCode)
    await deps.requests?.closeAll(record.kommuneCode, record.id);
  await audited(deps, actor, 'correct', [record], fields);
  return updated;
};
