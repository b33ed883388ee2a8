import { createHash } from 'node:crypto';
import { forEachConcurrently } from '../lib/concurrently.ts';
import { copenhagenDate, copenhagenMidnight, copenhagenMonth, isoWeekOf } from './danish-time.ts';
import type { NewOutboxEntry, OutboxEntry, OutboxStore } from './email-delivery.ts';
import type { HandoverRecord } from './handover.ts';
import { referenceOf } from './handover-reference.ts';
import { type KommuneWithCounters, missingVolunteers } from './kommune.ts';
import type { Match } from './match.ts';
import { daysWaiting } from './matching.ts';
import type { PublicGroup } from './organisations.ts';
import {
  type MatchFigures,
  type MatchOutcomes,
  matchOutcomes,
  monthsBetween,
  twelveMonthsEndingIn,
} from './secretariat-figures.ts';

/**
 * The weekly kommune digest: to each contact of a kommune, what happened in the week before the
 * Monday it is for: new arrivals who consented to sharing with the kommune, who still waits and
 * how long, matches made, active matches, available volunteers and the gap. Each email has the
 * key `kommune-digest#<kommune>#<week>#<contact>`, written with a condition before the outbox
 * sender sends it, so runs repeated by hand or by EventBridge's retries send nothing twice.
 */

/** What a kommune wants when nothing happened in the week: a short digest with the figures, or none. */
export const quietDigestOptions = ['short', 'none'] as const;
export type QuietDigest = (typeof quietDigestOptions)[number];

export interface DigestContact {
  readonly kommuneCode: string;
  readonly contactId: string;
  readonly email: string;
  readonly addedAt: string;
}

export type KommuneForDigest = KommuneWithCounters & { readonly quietDigest?: QuietDigest };

/** What the digest reads: per kommune one GetItem and three key Queries, whatever the database holds. */
export interface DigestSources {
  /** Every contact of every kommune: one Query. */
  contacts(): Promise<DigestContact[]>;
  kommune(code: string): Promise<KommuneForDigest | undefined>;
  /** Records recorded in [since, until) whose details the kommune may see (sparse index). */
  sharedWithKommune(code: string, since: string, until: string): Promise<HandoverRecord[]>;
  /** The kommune's queue, longest wait first. */
  waiting(code: string): Promise<HandoverRecord[]>;
  activeMatches(code: string): Promise<Match[]>;
  /** The kommune's coordinators to contact (name and work e-mail): one Query. */
  coordinators(code: string, now: Date): Promise<DigestCoordinator[]>;
  /** The kommune's match figures of these months (YYYY-MM): one BatchGetItem. */
  matchFigures(code: string, months: readonly string[]): Promise<MatchFigures[]>;
  /** The active local groups covering the kommune, with what they offer and their contact. */
  groups(code: string): Promise<PublicGroup[]>;
}

export interface DigestCoordinator {
  readonly name?: string;
  readonly email: string;
}

/**
 * One person in the digest's table, listed once: new in the period or still waiting (or both).
 * Name, household and moving date only for a refugee who consented to sharing with the kommune.
 */
export interface DigestPerson {
  readonly reference: string;
  readonly name?: string;
  readonly adults?: number;
  readonly children?: number;
  readonly movingDate?: string;
  /** Whole days waiting since the later of the handover and the move; undefined before the move. */
  readonly daysWaiting?: number;
  readonly status: string;
  /** Recorded in the period. */
  readonly isNew: boolean;
}

export const contactIdFor = (email: string) =>
  createHash('sha256')
    .update(`venner/contact:${email.trim().toLowerCase()}`)
    .digest('base64url')
    .slice(0, 16);

const day = 24 * 3600 * 1000;

/** The digest of the week that starts on `monday` covers the seven days before it (Danish midnights). */
export const digestPeriod = (monday: string): { since: string; until: string } => {
  const until = copenhagenMidnight(monday);
  const previousMonday = new Date(Date.parse(`${monday}T12:00:00Z`) - 7 * day).toISOString().slice(0, 10);
  return { since: copenhagenMidnight(previousMonday).toISOString(), until: until.toISOString() };
};

export interface WaitingRefugee {
  readonly reference: string;
  /** Only for a refugee who consented to sharing with the kommune. */
  readonly name?: string;
  readonly waitingSince: string;
  readonly daysWaiting: number;
}

export interface KommuneDigest {
  readonly kommuneCode: string;
  readonly kommuneName: string;
  readonly week: string;
  readonly since: string;
  readonly until: string;
  readonly newArrivals: readonly { reference: string; name?: string; recordedAt: string; status: string }[];
  readonly waiting: readonly WaitingRefugee[];
  /** New arrivals and waiting refugees in one list, each once: the new first, then the longest wait. */
  readonly people: readonly DigestPerson[];
  readonly coordinators: readonly DigestCoordinator[];
  /** The local groups active in the kommune: whom it can refer refugees to. */
  readonly groups: readonly PublicGroup[];
  readonly matchesMade: number;
  readonly activeMatches: number;
  readonly availableVolunteers: number;
  readonly waitingRefugees: number;
  readonly gap: number;
  /** Nothing new: no arrivals and no matches in the week. */
  readonly quiet: boolean;
  /** The friendships' outcomes over the last twelve months (from the counters). */
  readonly outcomes?: MatchOutcomes;
}

/** The week's news in a kommune: the arrivals it may see and the matches made; quiet without either. */
const weekNews = async (
  sources: Pick<DigestSources, 'sharedWithKommune' | 'activeMatches'>,
  kommuneCode: string,
  period: { since: string; until: string },
) => {
  const [arrivals, active] = await Promise.all([
    sources.sharedWithKommune(kommuneCode, period.since, period.until),
    sources.activeMatches(kommuneCode),
  ]);
  const matchesMade = active.filter(
    (m) => m.activeSince !== undefined && m.activeSince >= period.since && m.activeSince < period.until,
  ).length;
  return { arrivals, active, matchesMade, quiet: arrivals.length === 0 && matchesMade === 0 };
};

export const buildDigest = async (
  sources: Omit<DigestSources, 'contacts'>,
  kommune: KommuneForDigest,
  week: string,
  period: { since: string; until: string },
  now: Date,
): Promise<KommuneDigest> => {
  const lastMonth = copenhagenMonth(new Date(Date.parse(period.until) - 1));
  const [{ arrivals, active, matchesMade, quiet }, waiting, coordinators, figures, groups] =
    await Promise.all([
      weekNews(sources, kommune.code, period),
      sources.waiting(kommune.code),
      sources.coordinators(kommune.code, now),
      sources.matchFigures(kommune.code, monthsBetween(twelveMonthsEndingIn(lastMonth).from, lastMonth)),
      sources.groups(kommune.code),
    ]);
  const today = copenhagenDate(now);
  const personOf = (r: HandoverRecord, isNew: boolean): DigestPerson => {
    const shared = r.consent.shareWithKommune && r.person ? r.person : undefined;
    const moving = r.person?.expectedMovingDate;
    return {
      reference: referenceOf(r.id),
      ...(shared
        ? {
            name: shared.name,
            adults: shared.household === 'family' ? (shared.adults ?? 1) : 1,
            children: shared.childrenAges.length,
            ...(moving ? { movingDate: moving } : {}),
          }
        : {}),
      ...(r.status === 'waiting' && (!moving || moving <= today) ? { daysWaiting: daysWaiting(r, now) } : {}),
      status: r.status,
      isNew,
    };
  };
  const newIds = new Set(arrivals.map((r) => r.id));
  const people = [
    ...arrivals.map((r) => personOf(r, true)),
    ...waiting.filter((r) => !newIds.has(r.id)).map((r) => personOf(r, false)),
  ];
  return {
    people,
    coordinators,
    groups,
    kommuneCode: kommune.code,
    kommuneName: kommune.name,
    week,
    ...period,
    newArrivals: arrivals.map((r) => ({
      reference: referenceOf(r.id),
      name: r.person?.name,
      recordedAt: r.recordedAt,
      status: r.status,
    })),
    waiting: waiting.map((r) => ({
      reference: referenceOf(r.id),
      ...(r.consent.shareWithKommune && r.person ? { name: r.person.name } : {}),
      waitingSince: r.recordedAt,
      daysWaiting: daysWaiting(r, now),
    })),
    matchesMade,
    activeMatches: active.length,
    availableVolunteers: kommune.availableVolunteers,
    waitingRefugees: kommune.waitingRefugees,
    gap: missingVolunteers(kommune),
    quiet,
    outcomes: matchOutcomes(figures),
  };
};

/** The entry carries the week and its period; the sender composes the digest (short or full) from them. */
export const digestEmail = (
  contact: DigestContact,
  week: string,
  period: { since: string; until: string },
): NewOutboxEntry => ({
  key: `kommune-digest#${contact.kommuneCode}#${week}#${contact.contactId}`,
  template: 'kommune-digest',
  recipientRef: `${contact.kommuneCode}#${contact.contactId}`,
  facts: { week, since: period.since, until: period.until },
});

export interface DigestReport {
  readonly week: string;
  readonly kommuner: number;
  readonly contacts: number;
  /** Emails written to the outbox by this run. */
  readonly written: number;
  /** Emails an earlier run of the same week already wrote (sent or on their way). */
  readonly alreadyWritten: number;
  /** Kommuner that want no digest in a quiet week, and had one. */
  readonly quietSkipped: number;
}

/**
 * The weekly run: each contact's digest is claimed once. Only a kommune that wants nothing in a
 * quiet week has its news read here, to decide; the sender reads the rest when it composes.
 */
export const writeWeeklyDigests = async (deps: {
  sources: DigestSources;
  outbox: Pick<OutboxStore, 'claim'>;
  now: () => Date;
}): Promise<DigestReport> => {
  const now = deps.now();
  const { week, monday } = isoWeekOf(now);
  const period = digestPeriod(monday);
  const contacts = await deps.sources.contacts();
  const byKommune = new Map<string, DigestContact[]>();
  for (const contact of contacts)
    byKommune.set(contact.kommuneCode, [...(byKommune.get(contact.kommuneCode) ?? []), contact]);
  let written = 0;
  let alreadyWritten = 0;
  let quietSkipped = 0;
  await forEachConcurrently([...byKommune], 8, async ([code, kommuneContacts]) => {
    const kommune = await deps.sources.kommune(code);
    if (!kommune) return;
    if (kommune.quietDigest === 'none' && (await weekNews(deps.sources, code, period)).quiet) {
      quietSkipped++;
      return;
    }
    for (const contact of kommuneContacts) {
      if (await deps.outbox.claim(digestEmail(contact, week, period), now)) written++;
      else alreadyWritten++;
    }
  });
  return { week, kommuner: byKommune.size, contacts: contacts.length, written, alreadyWritten, quietSkipped };
};

/** One contact of one kommune, by the ids an outbox entry names. */
export interface DigestContactLookup {
  getDigestContact(kommuneCode: string, contactId: string): Promise<DigestContact | undefined>;
}

/**
 * The weekly digest to one kommune contact, decided when it is sent from the period fixed in the
 * outbox entry (a retry builds the same week). A contact removed since gets nothing.
 */
export const decideDigestEmail = async (
  deps: { readonly sources: Omit<DigestSources, 'contacts'>; readonly contacts: DigestContactLookup },
  entry: OutboxEntry,
  now: Date,
): Promise<
  | { readonly contact: DigestContact; readonly kommune: KommuneForDigest; readonly digest: KommuneDigest }
  | { readonly skip: string }
> => {
  const [kommuneCode, contactId] = entry.recipientRef.split('#') as [string, string];
  const contact = await deps.contacts.getDigestContact(kommuneCode, contactId);
  if (!contact) return { skip: 'recipient-gone' };
  const kommune = await deps.sources.kommune(kommuneCode);
  if (!kommune) return { skip: 'recipient-gone' };
  const facts = entry.facts ?? {};
  const digest = await buildDigest(
    deps.sources,
    kommune,
    String(facts.week),
    { since: String(facts.since), until: String(facts.until) },
    now,
  );
  return { contact, kommune, digest };
};
