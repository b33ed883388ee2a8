import { createHash } from 'node:crypto';
import {
  type HandoverStatus,
  personFields,
  type RefugeeDetails,
  recordIdSchema,
} from '../../shared/handover-contract.ts';
import { type StaffContext, staffName } from '../lib/staff-context.ts';
import type { NewOutboxEntry } from './email-delivery.ts';
import { DomainError } from './errors.ts';
import type { Volunteer } from './volunteer.ts';

/**
 * The handover: at the interview the refugee decides whether they want a volunteer friend and
 * consents to who may receive their details. A "no" is only counted. A "yes" is one record holding
 * the consent (exact and never overwritten: a withdrawal is appended) and the refugee's details
 * (erased on withdrawal). The record's id follows from the form's submission key, so a resubmitted
 * form finds its record instead of making a second one.
 */

export interface StaffRef {
  readonly sub: string;
  readonly name: string;
}

export interface Consent {
  readonly noticeVersion: string;
  readonly noticeLanguage: string;
  readonly interpreterUsed: boolean;
  readonly consentMethod: string;
  readonly shareWithVolunteers: boolean;
  readonly shareWithKommune: boolean;
}

export interface ConsentEvent {
  readonly type: 'given' | 'withdrawn';
  readonly at: string;
  readonly by: StaffRef;
  readonly requestedVia?: string;
}

/** The refugee's personal details as stored (the receiving kommune lives on the record itself). */
export type PersonDetails = Omit<RefugeeDetails, 'receivingKommune'>;

/** The kommune caseworker named on the form: kept after an erasure only to tell them about it. */
export interface KommuneContact {
  readonly name?: string;
  readonly email: string;
}

/**
 * Who was sent the refugee's details, in order: the kommune caseworker at the handover, and each
 * new one after a correction (another address, or another kommune). Kept outside the personal
 * details, so a withdrawal can tell every one of them to delete what they got.
 */
export interface KommuneRecipient extends KommuneContact {
  readonly kommuneCode: string;
  /** When they were named (the handover, or the correction). */
  readonly since: string;
}

export interface HandoverRecord {
  readonly id: string;
  readonly centreId: string;
  readonly kommuneCode: string;
  readonly interviewDate: string;
  readonly status: HandoverStatus;
  readonly recordedAt: string;
  readonly recordedBy: StaffRef;
  readonly consent: Consent;
  readonly consentEvents: readonly ConsentEvent[];
  /** Absent after withdrawal (or retention): nothing personal remains. */
  readonly person?: PersonDetails;
  /** Set at withdrawal by records from before `kommuneRecipients` existed: whom to tell that the details must go. */
  readonly kommuneContact?: KommuneContact;
  /** Every kommune caseworker who was sent the details (kommuneRecipientsOf reads older records too). */
  readonly kommuneRecipients?: readonly KommuneRecipient[];
  /** The match the refugee is on (proposed or active), set by the matching work. */
  readonly currentMatchId?: string;
  /** How many matches have been proposed for the refugee: numbers the next one. */
  readonly matchRounds?: number;
  readonly version: number;
  readonly updatedAt: string;
}

export interface DeclinedCount {
  readonly markerId: string;
  /** The record a "yes" on the same form makes: a form saved as "yes" is not counted as "no" too. */
  readonly recordId: string;
  readonly centreId: string;
  readonly kommuneCode: string;
  /** YYYY-MM of the interview. */
  readonly month: string;
}

export interface HandoverStore {
  /**
   * Counts a "no" once per submission: `already-counted` when this submission was counted before,
   * `already-recorded` when it was saved as a "yes".
   */
  countDeclined(count: DeclinedCount, now: Date): Promise<'counted' | 'already-counted' | 'already-recorded'>;
  /**
   * Writes a new record (and the kommune's email, in the same transaction); false when the id
   * exists. A "no" counted for the same submission (`declinedMarkerId`) is taken back in the same
   * transaction: one interview, one count.
   */
  create(
    record: HandoverRecord,
    kommuneEmail: NewOutboxEntry | undefined,
    now: Date,
    declinedMarkerId?: string,
  ): Promise<boolean>;
  get(id: string): Promise<HandoverRecord | undefined>;
  /**
   * Replaces the details if the record is still at `expectedVersion` (undefined when it is not),
   * with what the correction calls for in the same transaction: a new kommune recipient, the emails,
   * and the refugee's open matches moved to the new kommune (each only if still as read).
   */
  correct(
    record: HandoverRecord,
    person: PersonDetails,
    kommuneCode: string,
    expectedVersion: number,
    now: Date,
    effects?: CorrectionEffects,
  ): Promise<HandoverRecord | undefined>;
  /**
   * Appends the withdrawal and erases the details in one write, with the kommune's notices and the
   * matches it ends: `already-withdrawn`, or `changed` when a match or volunteer changed meanwhile.
   */
  withdraw(
    record: HandoverRecord,
    event: ConsentEvent,
    kommuneNotices: readonly NewOutboxEntry[],
    endedMatches: readonly EndedMatch[],
    now: Date,
  ): Promise<'withdrawn' | 'already-withdrawn' | 'changed'>;
}

/** A coordinator's task as stored (coordinator-task.ts), moved whole with a corrected kommune. */
export type MovedTask = { readonly kommuneCode: string; readonly id: string } & Readonly<
  Record<string, unknown>
>;

/** What a correction writes beside the details (consents-repository: one transaction). */
export interface CorrectionEffects {
  /** The kommune caseworker who is now to get the details (appended to `kommuneRecipients`). */
  readonly recipient?: KommuneRecipient;
  /** The recipients the record had before, written when the record predates the list. */
  readonly recipientsBefore: readonly KommuneRecipient[];
  readonly emails: readonly NewOutboxEntry[];
  /** The refugee's open matches, moved along with them to the new kommune. */
  readonly movedMatches: readonly OpenMatch[];
  /** The coordinators' open tasks of those matches, moved along too (as read, with their old kommune). */
  readonly movedTasks?: readonly MovedTask[];
}

/** A proposed or active match of the refugee (the matches table; the matching work creates them). */
export interface OpenMatch {
  readonly matchId: string;
  readonly volunteerId: string;
  readonly kommuneCode: string;
  readonly status: 'proposed' | 'active' | 'paused';
  /** The match's version as read: a write that moves it is made only if it is unchanged. */
  readonly version: number;
  /** The ids of the coordinators' tasks the match may have open (in its kommune): closed or moved with it. */
  readonly taskIds?: readonly string[];
}

/**
 * A match to end in the withdrawal's transaction, with the volunteer's "the contact has ended"
 * email and their place given back (when they still exist).
 */
export interface EndedMatch extends OpenMatch {
  readonly email: NewOutboxEntry;
  readonly volunteer?: { readonly before: Volunteer; readonly after: Volunteer };
}

export interface MatchLookup {
  /**
   * The refugee's proposed and active matches: those the `by-consent` index lists, and the one the
   * record is on (`currentMatchId`, read consistently: an index may not have it yet).
   */
  openMatchesOf(handoverId: string, currentMatchId?: string): Promise<OpenMatch[]>;
  /** Erases the notes (concerns, calls) on every match of the refugee: a withdrawal leaves no text about them. */
  forgetNotes?(handoverId: string): Promise<number>;
}

export type AuditAction =
  | 'create'
  | 'view'
  | 'list'
  | 'search'
  | 'correct'
  | 'withdraw'
  | 'export'
  /** A coordinator's step on a match: `fields` says which (proposed, pause, end:<reason> …). */
  | 'match';

export interface AuditEntry {
  readonly refugeeId: string;
  readonly at: string;
  readonly actor: StaffRef;
  readonly action: AuditAction;
  /** Names of the changed fields for a correction (never their values); the step for a match. */
  readonly fields?: readonly string[];
}

export interface AuditLog {
  record(entries: readonly AuditEntry[]): Promise<void>;
  listFor(refugeeId: string): Promise<AuditEntry[]>;
}

export interface HandoverDeps {
  readonly handovers: HandoverStore;
  readonly matches: MatchLookup;
  readonly volunteers: { get(id: string, now: Date): Promise<Volunteer | undefined> };
  readonly audit: AuditLog;
  /**
   * Whether a kommune may have a record's details: its email went out, is going out now, or is no
   * longer in the outbox (which forgets after 90 days); not when it is still waiting or was skipped.
   */
  readonly emails: { mayHaveBeenSent(key: string): Promise<boolean> };
  /** The coordinators' tasks that exist of these ids in a kommune (one BatchGetItem): moved with a corrected kommune. */
  readonly tasks?: { existing(kommuneCode: string, ids: readonly string[]): Promise<MovedTask[]> };
  /**
   * Requests between local groups for a refugee (volunteer-requests.ts): answered for good when the
   * refugee withdraws, or moves kommune (the groups there are others).
   */
  readonly requests?: { closeAll(kommuneCode: string, consentId: string): Promise<number> };
  readonly now: () => Date;
}

/** Who is acting, with the scope the staff gate established. */
export interface Actor extends StaffRef {
  readonly roles: readonly string[];
  readonly centres: readonly string[];
  readonly kommuner: readonly string[];
  /** The local groups a coordinator belongs to (organisations.ts: whose volunteers they see). */
  readonly groups?: readonly string[];
}

/**
 * The signed-in staff member as the use cases name them: by the e-mail the staff gate read from
 * the staff table (`displayName`), or their username if it was never noted.
 */
export const actorOf = (staff: StaffContext): Actor => ({ ...staff, name: staffName(staff) });

export class HandoverNotFoundError extends DomainError {
  override readonly name = 'HandoverNotFoundError';
  readonly kind = 'not-found';
  constructor() {
    super('Overdragelsen findes ikke.');
  }
}
export class NotYourCentreError extends DomainError {
  override readonly name = 'NotYourCentreError';
  readonly kind = 'invalid';
  override readonly errors = [
    { field: 'centreId', message: 'Du kan kun registrere overdragelser for dit eget asylcenter.' },
  ];
  constructor() {
    super('Du kan kun registrere overdragelser for dit eget asylcenter.');
  }
}
export class SubmissionConflictError extends DomainError {
  override readonly name = 'SubmissionConflictError';
  readonly kind = 'conflict';
  constructor() {
    super('Formularen er allerede sendt af en anden. Genindlæs siden, og prøv igen.');
  }
}
export class StaleVersionError extends DomainError {
  override readonly name = 'StaleVersionError';
  readonly kind = 'conflict';
  constructor() {
    super('Overdragelsen er blevet ændret af en anden, mens du rettede. Åbn den igen, og ret på ny.');
  }
}
export class AlreadyWithdrawnError extends DomainError {
  override readonly name = 'AlreadyWithdrawnError';
  readonly kind = 'conflict';
  constructor() {
    super('Samtykket er trukket tilbage, og oplysningerne er slettet.');
  }
}
/** A "no" sent with a form that was already saved as a "yes": the record stands (withdraw it instead). */
export class AlreadyRecordedError extends DomainError {
  override readonly name = 'AlreadyRecordedError';
  readonly kind = 'conflict';
  constructor(readonly recordId: string) {
    super(
      'Formularen er allerede gemt med samtykke (et ja). Overdragelsen er ikke ændret. Skal samtykket trækkes tilbage, så gør det på overdragelsen.',
    );
  }
}

/** A record id from a request (path, form or link), or not found: a malformed id cannot exist. */
export const parseRecordId = (value: unknown): string => {
  const parsed = recordIdSchema.safeParse(value);
  if (!parsed.success) throw new HandoverNotFoundError();
  return parsed.data;
};

export const hash = (purpose: string, key: string) =>
  createHash('sha256').update(`venner/${purpose}:${key}`).digest('base64url').slice(0, 32);

export const handoverIdFor = (submissionKey: string): string => hash('handover', submissionKey);

/** The month (YYYY-MM) a handover is counted under: that of its interview. */
export const interviewMonth = (interviewDate: string): string => interviewDate.slice(0, 7);

/**
 * The kommune's emails about one record, per recipient (`kommuneRecipients[n]`): the first keeps
 * the record's own key, so each email is written once per recipient.
 */
export const kommuneEmail =
  (template: string) =>
  (id: string, recipient = 0): NewOutboxEntry => ({
    key: recipient === 0 ? `${template}#${id}` : `${template}#${id}#${recipient}`,
    template,
    recipientRef: recipient === 0 ? id : `${id}#${recipient}`,
  });

/** The consented details, to the kommune caseworker. */
export const kommuneEmailFor = kommuneEmail('kommune-handover');
/** The refugee withdrew: delete what you got. */
export const kommuneWithdrawalEmailFor = kommuneEmail('kommune-withdrawal');
/**
 * The refugee moves to another kommune after all: delete what you got (nothing about where). Once
 * per recipient and correction (the record's version): a refugee may move away more than once.
 */
export const kommuneMovedEmailFor = (id: string, recipient: number, version: number): NewOutboxEntry => {
  const entry = kommuneEmail('kommune-moved')(id, recipient);
  return { ...entry, key: `kommune-moved#${id}#${recipient}#v${version}` };
};

/** The record id and recipient number an email's `recipientRef` names. */
export const recipientOf = (recipientRef: string): { id: string; recipient: number } => {
  const [id = '', n] = recipientRef.split('#');
  return { id, recipient: n === undefined ? 0 : Number(n) };
};

/** Every kommune caseworker who was sent the details, older records (before the list) included. */
export const kommuneRecipientsOf = (record: HandoverRecord): readonly KommuneRecipient[] => {
  if (record.kommuneRecipients) return record.kommuneRecipients;
  const contact =
    record.kommuneContact ??
    (record.consent.shareWithKommune && record.person?.kommuneCaseworkerEmail
      ? { email: record.person.kommuneCaseworkerEmail, name: record.person.kommuneCaseworkerName }
      : undefined);
  return contact ? [{ ...contact, kommuneCode: record.kommuneCode, since: record.recordedAt }] : [];
};

/** The caseworker a consent to the kommune sends the details to, from the details as they are now. */
export const recipientFor = (
  shareWithKommune: boolean,
  person: PersonDetails,
  kommuneCode: string,
  since: string,
): KommuneRecipient | undefined =>
  shareWithKommune && person.kommuneCaseworkerEmail
    ? {
        kommuneCode,
        email: person.kommuneCaseworkerEmail,
        ...(person.kommuneCaseworkerName ? { name: person.kommuneCaseworkerName } : {}),
        since,
      }
    : undefined;

export { referenceOf } from './handover-reference.ts';

/** The refugee's details out of a handover or a correction: exactly the person fields, nothing else. */
export const personOf = (details: RefugeeDetails): PersonDetails =>
  Object.fromEntries(
    personFields.filter((field) => details[field] !== undefined).map((field) => [field, details[field]]),
  ) as PersonDetails;

export const isCaseworkerFor = (actor: Actor, record: Pick<HandoverRecord, 'centreId'>) =>
  actor.roles.includes('caseworker') && actor.centres.includes(record.centreId);

/**
 * Who may see a record: a caseworker of its centre; a coordinator of its kommune when the refugee
 * consented to sharing with volunteers and has not withdrawn; an administrator (the secretariat
 * answers data-subject requests). Everyone else is told it does not exist.
 */
export const canSee = (actor: Actor, record: HandoverRecord): boolean =>
  actor.roles.includes('admin') ||
  isCaseworkerFor(actor, record) ||
  (actor.roles.includes('coordinator') &&
    actor.kommuner.includes(record.kommuneCode) &&
    record.consent.shareWithVolunteers &&
    record.status !== 'withdrawn');

/** Who may correct, withdraw and export: the record's caseworkers, and administrators except for corrections. */
export const canManage = (actor: Actor, record: HandoverRecord, action: 'correct' | 'withdraw' | 'export') =>
  isCaseworkerFor(actor, record) || (action !== 'correct' && actor.roles.includes('admin'));

export const staffRef = (actor: Actor): StaffRef => ({ sub: actor.sub, name: actor.name });

/** Records that `actor` did `action` to each record, at one moment (nothing for an empty list). */
export const audited = async (
  deps: Pick<HandoverDeps, 'audit' | 'now'>,
  actor: Actor,
  action: AuditAction,
  records: readonly Pick<HandoverRecord, 'id'>[],
  fields?: readonly string[],
) => {
  if (records.length === 0) return;
  const at = deps.now().toISOString();
  await deps.audit.record(
    records.map((record) => ({ refugeeId: record.id, at, actor: staffRef(actor), action, fields })),
  );
};

/** The recipients each address first appears as, once per address: whom to tell something once. */
export const firstPerAddress = (recipients: readonly KommuneRecipient[]) =>
  recipients.flatMap((recipient, index) =>
    recipients.findIndex((r) => r.email === recipient.email) === index ? [{ recipient, index }] : [],
  );
