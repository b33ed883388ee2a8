/**
 * The staff's lists at volume: the caseworker's handovers, the coordinator's waiting refugees,
 * volunteers and matches. Each pages with a cursor, says where it is and how many there are in
 * all (from counters), filters and searches, and reads a fixed number of index Queries per page
 * (the stores promise that; `npm run bench -- lists` measures it). Reads of refugees' details are
 * audited as before: `list` for a page, `search` for a search.
 */

import type { HandoverStatus } from '../../shared/handover-contract.ts';
import { type Actor, type AuditLog, audited, type HandoverRecord } from './handover.ts';
import type { KommuneWithCounters } from './kommune.ts';
import type { Match, MatchStatus } from './match.ts';
import { coordinates } from './matching.ts';
import type { Page, PageRequest } from './paging.ts';
import { type SearchTerm, searchLimit, searchTermOf } from './search-terms.ts';
import type { Volunteer } from './volunteer.ts';

export interface HandoverFilter {
  readonly status?: HandoverStatus;
  readonly kommuneCode?: string;
}

export interface WaitingFilter {
  readonly language?: string;
  readonly household?: string;
  /** Only those who have waited at least this many days. */
  readonly waitedDays?: number;
}

/** Available: may be proposed now; unavailable: paused, not ready or full. */
export type VolunteerAvailability = 'available' | 'unavailable';

import { redactedMatch } from './matching-views.ts';
import { type GroupScope, seesVolunteer, visibleGroups } from './organisations.ts';

export interface VolunteerFilter {
  readonly availability?: VolunteerAvailability;
  readonly language?: string;
  /** Only those who offer this kind of friendship: a friend, or a friend family. */
  readonly kind?: Volunteer['kind'];
  /** Only those with a place left (whether or not they are paused or ready now). */
  readonly withRoom?: boolean;
  /** Only those ready for a new friend and not pausing (whatever their places). */
  readonly ready?: boolean;
  /**
   * Set by the use case, never by a request: the groups whose volunteers the reader sees besides
   * those not yet assigned (organisations.ts); undefined for the secretariat, who sees all.
   */
  readonly groups?: readonly string[];
}

/** Where a search looks: the caseworker's centres, or the waiting queues of a coordinator's kommuner. */
export type RecordScope = { readonly centres: readonly string[] } | { readonly queues: readonly string[] };

export interface RecordLists {
  pageByCentres(
    centres: readonly string[],
    page: PageRequest,
    filter: HandoverFilter,
  ): Promise<Page<HandoverRecord>>;
  /** Longest wait first. */
  pageWaiting(
    kommuner: readonly string[],
    page: PageRequest,
    filter: WaitingFilter,
    now: Date,
  ): Promise<Page<HandoverRecord>>;
  search(scope: RecordScope, term: SearchTerm, limit: number): Promise<HandoverRecord[]>;
  /** How many records the centres hold (a counter per centre). */
  centreTotal(centres: readonly string[]): Promise<number>;
  getMany(ids: readonly string[]): Promise<HandoverRecord[]>;
}

export interface VolunteerLists {
  /** Confirmed volunteers, latest activity first. */
  page(kommuner: readonly string[], page: PageRequest, filter: VolunteerFilter): Promise<Page<Volunteer>>;
  search(kommuner: readonly string[], term: SearchTerm, limit: number): Promise<Volunteer[]>;
  getMany(ids: readonly string[]): Promise<Volunteer[]>;
}

export interface MatchLists {
  /** Newest first. */
  page(
    kommuner: readonly string[],
    statuses: readonly MatchStatus[],
    page: PageRequest,
  ): Promise<Page<Match>>;
}

/** A kommune's counters with its matches per status (`matchCounts.active`). */
export type KommuneListCounters = KommuneWithCounters & {
  readonly matchCounts: Readonly<Record<string, number>>;
};

export interface ListDeps {
  readonly records: RecordLists;
  readonly volunteers: VolunteerLists;
  readonly matches: MatchLists;
  /** The kommuner's counters (one BatchGet): the lists' totals and the overview's figures. */
  readonly kommuner: { countersOf(codes: readonly string[]): Promise<KommuneListCounters[]> };
  readonly audit: AuditLog;
  readonly now: () => Date;
}

/** The kommuner an actor coordinates among those asked for (all of theirs when none is asked). */
export const coordinatedKommuner = (actor: Actor, asked?: string): string[] =>
  asked
    ? coordinates(actor, asked)
      ? [asked]
      : []
    : actor.roles.includes('coordinator')
      ? [...actor.kommuner]
      : [];

const centresOf = (actor: Actor) => (actor.roles.includes('caseworker') ? actor.centres : []);

/** A page of the caseworker's handovers, newest first, with the centres' total. */
export const handoverPage = async (
  deps: Pick<ListDeps, 'records' | 'audit' | 'now'>,
  actor: Actor,
  page: PageRequest,
  filter: HandoverFilter,
): Promise<Page<HandoverRecord>> => {
  const centres = centresOf(actor);
  if (centres.length === 0) return { items: [], offset: 0, total: 0 };
  const [found, total] = await Promise.all([
    deps.records.pageByCentres(centres, page, filter),
    deps.records.centreTotal(centres),
  ]);
  await audited(
    deps,
    actor,
    'list',
    found.items.filter((r) => r.person),
  );
  return { ...found, total };
};

/** What a caseworker's search finds in their centres (by name, phone or the kommune's reference). */
export const searchHandovers = async (
  deps: Pick<ListDeps, 'records' | 'audit' | 'now'>,
  actor: Actor,
  text: string,
): Promise<HandoverRecord[]> => {
  const term = searchTermOf(text);
  const centres = centresOf(actor);
  if (!term || centres.length === 0) return [];
  const found = await deps.records.search({ centres }, term, searchLimit);
  await audited(
    deps,
    actor,
    'search',
    found.filter((r) => r.person),
  );
  return found;
};

export interface WaitingList {
  readonly page: Page<HandoverRecord>;
  /** The counters of the kommuner listed (waiting, available, gap). */
  readonly kommuner: readonly KommuneWithCounters[];
}

/** A page of the refugees waiting in the coordinator's kommuner (or one of them), longest wait first. */
export const waitingPage = async (
  deps: ListDeps,
  actor: Actor,
  kommuner: readonly string[],
  page: PageRequest,
  filter: WaitingFilter,
): Promise<WaitingList> => {
  if (kommuner.length === 0) return { page: { items: [], offset: 0, total: 0 }, kommuner: [] };
  const [found, counters] = await Promise.all([
    deps.records.pageWaiting(kommuner, page, filter, deps.now()),
    deps.kommuner.countersOf(kommuner),
  ]);
  const listed = counters;
  await audited(deps, actor, 'list', found.items);
  return {
    page: { ...found, total: listed.reduce((sum, k) => sum + k.waitingRefugees, 0) },
    kommuner: listed,
  };
};

/** What a coordinator's search finds among the refugees waiting in their kommuner. */
export const searchWaiting = async (
  deps: Pick<ListDeps, 'records' | 'audit' | 'now'>,
  actor: Actor,
  kommuner: readonly string[],
  text: string,
): Promise<HandoverRecord[]> => {
  const term = searchTermOf(text);
  if (!term || kommuner.length === 0) return [];
  const found = await deps.records.search(
    { queues: kommuner.map((code) => `${code}#waiting`) },
    term,
    searchLimit,
  );
  await audited(deps, actor, 'search', found);
  return found;
};

/** A page of the confirmed volunteers in the coordinator's kommuner, latest activity first. */
export const volunteerPage = async (
  deps: Pick<ListDeps, 'volunteers' | 'kommuner'>,
  actor: GroupScope,
  kommuner: readonly string[],
  page: PageRequest,
  asked: Omit<VolunteerFilter, 'groups'>,
): Promise<Page<Volunteer>> => {
  if (kommuner.length === 0) return { items: [], offset: 0, total: 0 };
  const groups = visibleGroups(actor);
  const filter: VolunteerFilter = { ...asked, groups };
  const [found, counters] = await Promise.all([
    deps.volunteers.page(kommuner, page, filter),
    deps.kommuner.countersOf(kommuner),
  ]);
  // The kommune's counters count every group's volunteers: less those of the groups not shown.
  const countOf = (c: { listedVolunteers: number; availableVolunteers: number }) =>
    filter.availability === 'available' ? c.availableVolunteers : c.listedVolunteers;
  const total = counters.reduce((sum, k) => {
    const others = Object.entries(k.groups ?? {})
      .filter(([id]) => groups !== undefined && !groups.includes(id))
      .reduce((n, [, c]) => n + countOf(c), 0);
    return sum + Math.max(0, countOf(k) - others);
  }, 0);
  return { ...found, total };
};

export const searchVolunteers = async (
  deps: Pick<ListDeps, 'volunteers'>,
  actor: GroupScope,
  kommuner: readonly string[],
  text: string,
): Promise<Volunteer[]> => {
  const term = searchTermOf(text);
  if (!term || kommuner.length === 0) return [];
  // Other groups' volunteers are not found by name (read more, so they do not crowd out one's own).
  const found = await deps.volunteers.search(
    kommuner,
    term,
    visibleGroups(actor) ? searchLimit * 4 : searchLimit,
  );
  return found.filter((v) => seesVolunteer(actor, v)).slice(0, searchLimit);
};

export interface ListedMatch {
  readonly match: Match;
  /** Absent once the refugee's details are erased. */
  readonly refugee?: HandoverRecord;
  /** Absent once the volunteer has left, or when they are another group's. */
  readonly volunteer?: Volunteer;
  /** Another group's match: who holds the refugee is shown, not its volunteer or its page. */
  readonly otherGroup?: boolean;
}

/** A page of matches in the coordinator's kommuner, newest first, with both people's names. */
export const matchPage = async (
  deps: Pick<ListDeps, 'matches' | 'records' | 'volunteers' | 'audit' | 'now' | 'kommuner'>,
  actor: Actor,
  kommuner: readonly string[],
  statuses: readonly MatchStatus[],
  page: PageRequest,
): Promise<Page<ListedMatch>> => {
  if (kommuner.length === 0) return { items: [], offset: 0, total: 0 };
  const [found, counters] = await Promise.all([
    deps.matches.page(kommuner, statuses, page),
    deps.kommuner.countersOf(kommuner),
  ]);
  const total = counters.reduce(
    (sum, k) => sum + statuses.reduce((n, status) => n + (k.matchCounts[status] ?? 0), 0),
    0,
  );
  const [records, volunteers] = await Promise.all([
    deps.records.getMany(found.items.map((m) => m.consentId)),
    deps.volunteers.getMany(found.items.map((m) => m.volunteerId)),
  ]);
  const recordsById = new Map(records.map((r) => [r.id, r]));
  const volunteersById = new Map(volunteers.map((v) => [v.id, v]));
  const shown = records.filter((r) => r.person);
  await audited(deps, actor, 'list', shown);
  return {
    ...found,
    total,
    items: found.items.map((match) => {
      const volunteer = volunteersById.get(match.volunteerId);
      // Another group's volunteer is not named: the list says which group holds the refugee.
      const otherGroup =
        !seesVolunteer(actor, match) ||
        // A volunteer of no group: the match's kommune decides (it may have moved, the volunteer not).
        (volunteer?.groupId !== undefined && !seesVolunteer(actor, volunteer));
      return {
        match: otherGroup ? redactedMatch(match) : match,
        refugee: recordsById.get(match.consentId),
        ...(otherGroup ? { otherGroup } : volunteer ? { volunteer } : {}),
      };
    }),
  };
};
