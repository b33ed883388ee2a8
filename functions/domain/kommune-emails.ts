import type { OutboxEntry } from './email-delivery.ts';
import {
  type HandoverRecord,
  type HandoverStore,
  type KommuneRecipient,
  kommuneRecipientsOf,
  type PersonDetails,
  recipientOf,
} from './handover.ts';

/**
 * Who in a kommune gets which email about a refugee, decided when it is sent from the record as
 * it is then. The texts are in `functions/email/kommune-templates.tsx`.
 */

export interface KommuneLetter {
  readonly record: HandoverRecord;
  readonly recipient: KommuneRecipient;
}

type Skip = { readonly skip: string };
type Deps = { readonly handovers: Pick<HandoverStore, 'get'> };

const recordAndRecipient = async (deps: Deps, entry: OutboxEntry) => {
  const { id, recipient: n } = recipientOf(entry.recipientRef);
  const record = await deps.handovers.get(id);
  return { record, recipient: record && kommuneRecipientsOf(record)[n] };
};

/**
 * The consented details, to the receiving kommune's caseworker. A record withdrawn (erased) before
 * then, or whose consent does not cover the kommune, sends nothing.
 */
export const decideKommuneHandover = async (
  deps: Deps,
  entry: OutboxEntry,
): Promise<(KommuneLetter & { readonly person: PersonDetails }) | Skip> => {
  const { record, recipient } = await recordAndRecipient(deps, entry);
  const person = record?.person;
  if (!record || !person || record.status === 'withdrawn') return { skip: 'erased' };
  if (!record.consent.shareWithKommune || !recipient) return { skip: 'no-kommune-consent' };
  // Corrected to another kommune before this went out: the new kommune's caseworker gets their own.
  if (recipient.kommuneCode !== record.kommuneCode) return { skip: 'moved' };
  return { record, recipient, person };
};

/** The refugee withdrew: each caseworker who was sent the details is told to delete them. */
export const decideKommuneWithdrawal = async (
  deps: Deps,
  entry: OutboxEntry,
): Promise<KommuneLetter | Skip> => {
  const { record, recipient } = await recordAndRecipient(deps, entry);
  if (!record || !recipient) return { skip: 'no-kommune-contact' };
  return { record, recipient };
};

/** The refugee moves to another kommune after all: the old kommune's caseworker deletes what they got. */
export const decideKommuneMoved = async (deps: Deps, entry: OutboxEntry): Promise<KommuneLetter | Skip> => {
  const { record, recipient } = await recordAndRecipient(deps, entry);
  if (!record || !recipient) return { skip: 'no-kommune-contact' };
  if (recipient.kommuneCode === record.kommuneCode) return { skip: 'not-moved' };
  return { record, recipient };
};
