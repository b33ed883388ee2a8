import { monthPattern } from '../../shared/figures-contract.ts';
import { copenhagenMonth } from './danish-time.ts';
import { DomainError, type FieldError } from './errors.ts';
import type { Actor } from './handover.ts';
import { type KommuneWithCounters, missingVolunteers, regionsOf } from './kommune.ts';
import { coordinates } from './matching.ts';
import type { LocalGroup, Organisation } from './organisations.ts';
import { shownCount } from './public-figures.ts';
import type { Volunteer } from './volunteer.ts';

/**
 * The secretariat's figures: per kommune, region or the whole country, per month. Read from
 * monthly aggregates the writes keep in step (never a scan at page-load time):
 * - handover counts per centre and kommune (`COUNT#<month>`, consents table),
 * - matches made, days from arrival to match, matches that reached six months (`FIGURES#<month>`),
 * - volunteers recruited per campaign source at confirmation (`RECRUITED#<month>`),
 * - and the kommune counters for the volunteers missing now.
 */

export type HandoverCounter = 'declined' | 'consented' | 'wantsFriend' | 'withdrawn';

export interface HandoverCount {
  readonly month: string;
  readonly centreId: string;
  readonly kommuneCode: string;
  readonly declined: number;
  readonly consented: number;
  /** Consented to sharing with volunteers: wanted a friend. */
  readonly wantsFriend: number;
  readonly withdrawn: number;
}

export interface MatchFigures {
  readonly month: string;
  readonly kommuneCode: string;
  readonly matchesMade: number;
  /** Days from arrival to match, one per match made that month. */
  readonly daysToMatch: readonly number[];
  readonly reachedSixMonths: number;
  /** Matches that ended after six months (they were counted in `reachedSixMonths` at six months). */
  readonly endedAfterSixMonths?: number;
  /** Matches that ended before six months, by `<party>:<reason>`. */
  readonly endedEarly?: Readonly<Record<string, number>>;
  /** Check-in answers, by answer. */
  readonly checkInAnswers?: Readonly<Record<string, number>>;
  /** Meetings per month of each match whose outcome became known that month. */
  readonly meetingsPerMonth?: readonly number[];
  /** The same month's counts per local group (matches of volunteers without a group are in none). */
  readonly byGroup?: Readonly<Record<string, GroupMatchCounts>>;
}

export interface GroupMatchCounts {
  readonly matchesMade: number;
  readonly reachedSixMonths: number;
  readonly endedEarly: number;
  readonly endedAfterSixMonths: number;
}

/**
 * The line to beat: in mentoring programmes 30–38 % of matches close early (Kupersmidt et al. 2017:
 * 38 % of 6,468 matches; the US STAR evaluation: about 30 %).
 */
export const mentoringEarlyClosure = { low: 0.3, high: 0.38 } as const;

/** Where a volunteer came from: a tagged campaign link, or what they said on the form. */
export type RecruitmentSource =
  | { readonly channel: 'campaign'; readonly source: string; readonly campaign?: string }
  | { readonly channel: 'heard-from'; readonly source: string };

export type Recruitment = RecruitmentSource & {
  readonly month: string;
  readonly kommuneCode: string;
  readonly count: number;
  /** Of the count, per local group. */
  readonly byGroup?: Readonly<Record<string, number>>;
};

export interface RecruitmentChange {
  readonly month: string;
  readonly kommuneCode: string;
  readonly source: RecruitmentSource;
  readonly groupId?: string;
}

export interface MonthAggregates {
  readonly handovers: readonly HandoverCount[];
  readonly matches: readonly MatchFigures[];
  readonly recruited: readonly Recruitment[];
}

export interface FiguresDeps {
  /** A fixed number of key Queries for one month, whatever the number of records. */
  readonly month: (month: string) => Promise<MonthAggregates>;
  readonly kommuner: () => Promise<KommuneWithCounters[]>;
  /** The organisations and their local groups (names for the figures per group). */
  readonly directory?: () => Promise<{ organisations: Organisation[]; groups: LocalGroup[] }>;
  readonly now: () => Date;
}

/** The campaign source a volunteer is counted under when they confirm. */
export const recruitmentSourceOf = (volunteer: Volunteer): RecruitmentSource =>
  volunteer.utmSource || volunteer.utmCampaign
    ? {
        channel: 'campaign',
        source: volunteer.utmSource ?? '',
        ...(volunteer.utmCampaign ? { campaign: volunteer.utmCampaign } : {}),
      }
    : { channel: 'heard-from', source: volunteer.heardFrom ?? 'unknown' };

/** A volunteer is recruited when they confirm their sign-up: counted once, in that month and kommune. */
export const recruitmentOf = (
  before: Volunteer | undefined,
  after: Volunteer | undefined,
  now: Date,
): RecruitmentChange | undefined =>
  before?.status === 'unconfirmed' && after?.status === 'confirmed'
    ? {
        month: copenhagenMonth(now),
        kommuneCode: after.kommuneCode,
        source: recruitmentSourceOf(after),
        ...(after.groupId ? { groupId: after.groupId } : {}),
      }
    : undefined;

// --- The page's question -------------------------------------------------------------------------

/** The whole scope (every kommune for an administrator, their own for a coordinator), a region or one kommune. */
export type Area =
  | { readonly kind: 'all' }
  | { readonly kind: 'region'; readonly code: string }
  | { readonly kind: 'kommune'; readonly code: string };

export interface FiguresQuery {
  readonly area: Area;
  /** YYYY-MM, inclusive. */
  readonly from: string;
  readonly to: string;
}

export const maxMonths = 36;

export class FiguresAreaError extends DomainError {
  override readonly name = 'FiguresAreaError';
  readonly kind = 'not-found';
}
/** A period the figures cannot cover: an error on the "from" field. */
export class FiguresPeriodError extends DomainError {
  override readonly name = 'FiguresPeriodError';
  readonly kind = 'invalid';
  override readonly errors: readonly FieldError[];
  constructor(message: string) {
    super(message);
    this.errors = [{ field: 'from', message }];
  }
}

/** The months from `from` to `to`, inclusive. */
export const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let current = from; current <= to; current = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    if (months.length > maxMonths) break;
  }
  return months;
};

/** The twelve months that end with `to` (YYYY-MM). */
export const twelveMonthsEndingIn = (to: string): { from: string; to: string } => {
  const [year, month] = to.split('-').map(Number) as [number, number];
  const from = month === 12 ? `${year}-01` : `${year - 1}-${String(month + 1).padStart(2, '0')}`;
  return { from, to };
};

/** The default period: the last twelve months up to this one. */
export const defaultPeriod = (now: Date) => twelveMonthsEndingIn(copenhagenMonth(now));

// --- Aggregation ---------------------------------------------------------------------------------

export interface FigureRow {
  /** Every interview: declined and consented. */
  readonly handovers: number;
  readonly consented: number;
  readonly wantedFriend: number;
  /** wantedFriend / handovers, undefined without handovers. */
  readonly shareWantedFriend?: number;
  readonly withdrawn: number;
  readonly matchesMade: number;
  readonly medianDaysToMatch?: number;
  readonly reachedSixMonths: number;
  readonly recruited: number;
  /** Matches that closed before six months. */
  readonly endedEarly: number;
  readonly endedAfterSixMonths: number;
  /** Of the matches whose outcome is known (reached six months, or closed before): the share that reached six months. */
  readonly shareReachedSixMonths?: number;
  /** … and the share that closed early: the figure to hold against mentoring's 30–38 %. */
  readonly earlyClosureRate?: number;
  /** Early closures by `<party>:<reason>`. */
  readonly earlyReasons: Readonly<Record<string, number>>;
  readonly medianMeetingsPerMonth?: number;
  readonly checkInAnswers: Readonly<Record<string, number>>;
}

export interface AreaRow {
  readonly code: string;
  readonly name: string;
  readonly figures: FigureRow;
  /** Refugees waiting beyond the available volunteers, now (not per month). */
  readonly missingNow: number;
}

export interface SourceRow {
  readonly source: RecruitmentSource;
  readonly count: number;
}

export interface SecretariatFigures {
  readonly query: FiguresQuery;
  readonly months: readonly string[];
  readonly areaName: string;
  readonly total: FigureRow;
  readonly missingNow: number;
  readonly byMonth: readonly { month: string; figures: FigureRow }[];
  /** The breakdown one level down: regions of the country, kommuner of a region. */
  readonly byArea: readonly AreaRow[];
  /** Each kommune of the area now, for the map: waiting, available and missing volunteers (exact). */
  readonly byKommuneNow: readonly {
    readonly code: string;
    readonly name: string;
    readonly waiting: number;
    readonly available: number;
    readonly missing: number;
  }[];
  /** Per month and kommune (the CSV). */
  readonly byMonthAndKommune: readonly { month: string; kommuneCode: string; figures: FigureRow }[];
  readonly sources: readonly SourceRow[];
  /** Per month, kommune and source (the sources CSV). */
  readonly recruitment: readonly Recruitment[];
  /** Per organisation, then per local group, in the area: volunteers now, matches and their outcomes, recruitment. */
  readonly byOrganisation: readonly OrganisationRow[];
}

/** One organisation's (or one group's) figures in the area and period. */
export interface GroupFigures {
  readonly volunteersNow: number;
  readonly availableNow: number;
  readonly matchesMade: number;
  readonly reachedSixMonths: number;
  readonly endedEarly: number;
  readonly endedAfterSixMonths: number;
  /** Of the outcomes known (six months reached, or closed before): the share that reached six months. */
  readonly shareReachedSixMonths?: number;
  readonly recruited: number;
  /** The campaign source most of its volunteers came from. */
  readonly topSource?: RecruitmentSource;
}

export interface GroupRow {
  /** Undefined: volunteers and matches without a group ("not yet assigned"). */
  readonly groupId?: string;
  readonly name: string;
  readonly figures: GroupFigures;
}

export interface OrganisationRow {
  /** Undefined: the volunteers and matches of no group. */
  readonly organisationId?: string;
  readonly name: string;
  readonly figures: GroupFigures;
  readonly groups: readonly GroupRow[];
}

/** The middle value (the mean of the two middle ones for an even count), rounded to whole days. */
export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value);
};

interface Accumulated {
  declined: number;
  consented: number;
  wantedFriend: number;
  withdrawn: number;
  matchesMade: number;
  daysToMatch: number[];
  reachedSixMonths: number;
  recruited: number;
  endedAfterSixMonths: number;
  earlyReasons: Record<string, number>;
  checkInAnswers: Record<string, number>;
  meetingsPerMonth: number[];
}

const addCounts = (into: Record<string, number>, from: Readonly<Record<string, number>> | undefined) => {
  for (const [key, n] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + n;
};

/** The median with one decimal (meetings per month). */
const medianTenths = (values: readonly number[]): number | undefined => {
  const m = median(values.map((v) => v * 10));
  return m === undefined ? undefined : m / 10;
};

const empty = (): Accumulated => ({
  declined: 0,
  consented: 0,
  wantedFriend: 0,
  withdrawn: 0,
  matchesMade: 0,
  daysToMatch: [],
  reachedSixMonths: 0,
  recruited: 0,
  endedAfterSixMonths: 0,
  earlyReasons: {},
  checkInAnswers: {},
  meetingsPerMonth: [],
});

const rowOf = (a: Accumulated): FigureRow => {
  const handovers = a.declined + a.consented;
  return {
    handovers,
    consented: a.consented,
    wantedFriend: a.wantedFriend,
    ...(handovers > 0 ? { shareWantedFriend: a.wantedFriend / handovers } : {}),
    withdrawn: a.withdrawn,
    matchesMade: a.matchesMade,
    ...(a.daysToMatch.length > 0 ? { medianDaysToMatch: median(a.daysToMatch) } : {}),
    reachedSixMonths: a.reachedSixMonths,
    recruited: a.recruited,
    ...outcomesOf(a),
  };
};

const outcomesOf = (a: Accumulated) => {
  const endedEarly = Object.values(a.earlyReasons).reduce((sum, n) => sum + n, 0);
  const known = a.reachedSixMonths + endedEarly;
  return {
    endedEarly,
    endedAfterSixMonths: a.endedAfterSixMonths,
    ...(known > 0
      ? { shareReachedSixMonths: a.reachedSixMonths / known, earlyClosureRate: endedEarly / known }
      : {}),
    earlyReasons: a.earlyReasons,
    ...(a.meetingsPerMonth.length > 0 ? { medianMeetingsPerMonth: medianTenths(a.meetingsPerMonth) } : {}),
    checkInAnswers: a.checkInAnswers,
  };
};

/** One kommune's outcomes after the match, from its months' figures (the weekly digest's). */
export const matchOutcomes = (months: readonly MatchFigures[]) => {
  const a = empty();
  for (const figures of months) {
    a.reachedSixMonths += figures.reachedSixMonths;
    a.endedAfterSixMonths += figures.endedAfterSixMonths ?? 0;
    addCounts(a.earlyReasons, figures.endedEarly);
    addCounts(a.checkInAnswers, figures.checkInAnswers);
    a.meetingsPerMonth.push(...(figures.meetingsPerMonth ?? []));
  }
  return { reachedSixMonths: a.reachedSixMonths, ...outcomesOf(a) };
};
export type MatchOutcomes = ReturnType<typeof matchOutcomes>;

/** Sums every aggregate of the months into buckets chosen by `keyOf` (undefined: left out). */
const accumulate = (
  aggregates: readonly (MonthAggregates & { month: string })[],
  keyOf: (month: string, kommuneCode: string) => string | undefined,
): Map<string, Accumulated> => {
  const buckets = new Map<string, Accumulated>();
  const bucket = (month: string, kommuneCode: string) => {
    const key = keyOf(month, kommuneCode);
    if (key === undefined) return undefined;
    let found = buckets.get(key);
    if (!found) {
      found = empty();
      buckets.set(key, found);
    }
    return found;
  };
  for (const { handovers, matches, recruited } of aggregates) {
    for (const count of handovers) {
      const b = bucket(count.month, count.kommuneCode);
      if (!b) continue;
      b.declined += count.declined;
      b.consented += count.consented;
      b.wantedFriend += count.wantsFriend;
      b.withdrawn += count.withdrawn;
    }
    for (const figures of matches) {
      const b = bucket(figures.month, figures.kommuneCode);
      if (!b) continue;
      b.matchesMade += figures.matchesMade;
      b.daysToMatch.push(...figures.daysToMatch);
      b.reachedSixMonths += figures.reachedSixMonths;
      b.endedAfterSixMonths += figures.endedAfterSixMonths ?? 0;
      addCounts(b.earlyReasons, figures.endedEarly);
      addCounts(b.checkInAnswers, figures.checkInAnswers);
      b.meetingsPerMonth.push(...(figures.meetingsPerMonth ?? []));
    }
    for (const recruitment of recruited) {
      const b = bucket(recruitment.month, recruitment.kommuneCode);
      if (b) b.recruited += recruitment.count;
    }
  }
  return buckets;
};

const sourceKey = (source: RecruitmentSource) =>
  source.channel === 'campaign'
    ? `campaign\u0000${source.source}\u0000${source.campaign ?? ''}`
    : `heard-from\u0000${source.source}`;

/** Who asks: only their roles and kommuner matter. */
export type Viewer = Pick<Actor, 'roles' | 'kommuner'>;

const isAdmin = (actor: Viewer) => actor.roles.includes('admin');

export interface FiguresScope {
  readonly inScope: KommuneWithCounters[];
  readonly regions: { code: string; name: string }[];
}

/** The kommuner (and their regions) whose figures a staff member may see: all for an administrator, their own for a coordinator. */
export const scopeOf = (all: readonly KommuneWithCounters[], actor: Viewer): FiguresScope => {
  const inScope = all
    .filter((k) => coordinates(actor, k.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  return { inScope, regions: regionsOf(inScope) };
};

/**
 * The figures one staff member asked for: an administrator sees every kommune, a coordinator only
 * their own (a region or "all" then means their kommuner in it). Three key Queries per month and
 * one for the kommuner, whatever the number of handovers, matches or volunteers.
 */
export const secretariatFigures = async (
  deps: FiguresDeps,
  actor: Viewer,
  query: FiguresQuery,
): Promise<SecretariatFigures> => {
  if (!monthPattern.test(query.from) || !monthPattern.test(query.to))
    throw new FiguresPeriodError('Skriv måneder som ÅÅÅÅ-MM, fx 2026-01.');
  if (query.from > query.to) throw new FiguresPeriodError('Perioden skal starte før den slutter.');
  const months = monthsBetween(query.from, query.to);
  if (months.length > maxMonths) throw new FiguresPeriodError(`Vælg højst ${maxMonths} måneder ad gangen.`);

  const { inScope, regions } = scopeOf(await deps.kommuner(), actor);

  const { area } = query;
  const selected =
    area.kind === 'all'
      ? inScope
      : inScope.filter((k) => (area.kind === 'region' ? k.regionCode : k.code) === area.code);
  if (selected.length === 0)
    throw new FiguresAreaError('Området findes ikke, eller du har ikke adgang til dets tal.');
  const selectedCodes = new Set(selected.map((k) => k.code));
  const kommuneByCode = new Map(selected.map((k) => [k.code, k]));

  const aggregates = await Promise.all(
    months.map(async (month) => ({ month, ...(await deps.month(month)) })),
  );
  const inArea = (code: string) => selectedCodes.has(code);

  const total = rowOf(
    accumulate(aggregates, (_m, code) => (inArea(code) ? 'total' : undefined)).get('total') ?? empty(),
  );
  const perMonth = accumulate(aggregates, (month, code) => (inArea(code) ? month : undefined));
  const perMonthAndKommune = accumulate(aggregates, (month, code) =>
    inArea(code) ? `${month} ${code}` : undefined,
  );

  // One level down: the regions of the whole scope, the kommuner of a region; none below a kommune.
  const breakdownOf = (k: KommuneWithCounters) =>
    area.kind === 'all' && regions.length > 1 ? k.regionCode : k.code;
  const perArea = accumulate(aggregates, (_m, code) => {
    const kommune = kommuneByCode.get(code);
    return kommune ? breakdownOf(kommune) : undefined;
  });
  const areaRows = new Map<string, AreaRow>();
  for (const kommune of selected) {
    const code = breakdownOf(kommune);
    const previous = areaRows.get(code);
    areaRows.set(code, {
      code,
      name: code === kommune.code ? kommune.name : kommune.region,
      figures: rowOf(perArea.get(code) ?? empty()),
      missingNow: (previous?.missingNow ?? 0) + missingVolunteers(kommune),
    });
  }

  const sources = new Map<string, SourceRow>();
  const recruitment: Recruitment[] = [];
  for (const { recruited } of aggregates) {
    for (const r of recruited) {
      if (!inArea(r.kommuneCode)) continue;
      recruitment.push(r);
      const { month: _month, kommuneCode: _kommune, count, byGroup: _groups, ...source } = r;
      const key = sourceKey(source);
      sources.set(key, { source, count: (sources.get(key)?.count ?? 0) + count });
    }
  }

  const areaName =
    area.kind === 'all'
      ? isAdmin(actor)
        ? 'Hele landet'
        : 'Mine kommuner'
      : area.kind === 'region'
        ? (regions.find((r) => r.code === area.code)?.name ?? area.code)
        : (kommuneByCode.get(area.code)?.name ?? area.code);

  const byOrganisation = organisationFigures(
    aggregates,
    selected,
    inArea,
    deps.directory ? await deps.directory() : { organisations: [], groups: [] },
    total,
    recruitment,
  );

  return {
    query,
    months,
    areaName,
    byOrganisation,
    total,
    missingNow: selected.reduce((sum, k) => sum + missingVolunteers(k), 0),
    byMonth: months.map((month) => ({ month, figures: rowOf(perMonth.get(month) ?? empty()) })),
    byKommuneNow: selected.map((k) => ({
      code: k.code,
      name: k.name,
      waiting: k.waitingRefugees,
      available: k.availableVolunteers,
      missing: missingVolunteers(k),
    })),
    byArea:
      area.kind === 'kommune'
        ? []
        : [...areaRows.values()].sort((a, b) => a.name.localeCompare(b.name, 'da')),
    byMonthAndKommune: months.flatMap((month) =>
      selected
        .map((k) => ({ month, kommuneCode: k.code, bucket: perMonthAndKommune.get(`${month} ${k.code}`) }))
        .filter((row) => row.bucket !== undefined)
        .map(({ month: m, kommuneCode, bucket }) => ({
          month: m,
          kommuneCode,
          figures: rowOf(bucket as Accumulated),
        })),
    ),
    sources: [...sources.values()].sort(
      (a, b) => b.count - a.count || sourceKey(a.source).localeCompare(sourceKey(b.source)),
    ),
    recruitment: recruitment.sort(
      (a, b) =>
        a.month.localeCompare(b.month) || a.kommuneCode.localeCompare(b.kommuneCode) || b.count - a.count,
    ),
  };
};

interface GroupTally {
  volunteersNow: number;
  availableNow: number;
  matchesMade: number;
  reachedSixMonths: number;
  endedEarly: number;
  endedAfterSixMonths: number;
  recruited: number;
  sources: Map<string, { source: RecruitmentSource; count: number }>;
}

const emptyTally = (): GroupTally => ({
  volunteersNow: 0,
  availableNow: 0,
  matchesMade: 0,
  reachedSixMonths: 0,
  endedEarly: 0,
  endedAfterSixMonths: 0,
  recruited: 0,
  sources: new Map(),
});

const figuresOfTally = (t: GroupTally): GroupFigures => {
  const known = t.reachedSixMonths + t.endedEarly;
  const top = [...t.sources.values()].sort((a, b) => b.count - a.count)[0];
  return {
    volunteersNow: t.volunteersNow,
    availableNow: t.availableNow,
    matchesMade: t.matchesMade,
    reachedSixMonths: t.reachedSixMonths,
    endedEarly: t.endedEarly,
    endedAfterSixMonths: t.endedAfterSixMonths,
    ...(known > 0 ? { shareReachedSixMonths: t.reachedSixMonths / known } : {}),
    recruited: t.recruited,
    ...(top ? { topSource: top.source } : {}),
  };
};

const addTally = (into: GroupTally, from: GroupTally) => {
  into.volunteersNow += from.volunteersNow;
  into.availableNow += from.availableNow;
  into.matchesMade += from.matchesMade;
  into.reachedSixMonths += from.reachedSixMonths;
  into.endedEarly += from.endedEarly;
  into.endedAfterSixMonths += from.endedAfterSixMonths;
  into.recruited += from.recruited;
  for (const [key, entry] of from.sources) {
    const had = into.sources.get(key);
    into.sources.set(key, { source: entry.source, count: (had?.count ?? 0) + entry.count });
  }
};

/**
 * Figures per organisation and local group, from the counters the writes keep beside each
 * kommune's (`group:<id>:…`): volunteers now, matches made and their six-month outcomes, and the
 * volunteers recruited with their main source. What no group has (volunteers not yet assigned,
 * matches made before groups) is the kommune totals less every group's: "Ikke tildelt en gruppe".
 */
const organisationFigures = (
  aggregates: readonly (MonthAggregates & { month: string })[],
  selected: readonly KommuneWithCounters[],
  inArea: (code: string) => boolean,
  directory: { organisations: readonly Organisation[]; groups: readonly LocalGroup[] },
  total: FigureRow,
  recruitment: readonly Recruitment[],
): OrganisationRow[] => {
  const tallies = new Map<string, GroupTally>();
  const tally = (id: string) => {
    let found = tallies.get(id);
    if (!found) {
      found = emptyTally();
      tallies.set(id, found);
    }
    return found;
  };
  for (const k of selected)
    for (const [id, counts] of Object.entries(k.groups ?? {})) {
      tally(id).volunteersNow += counts.listedVolunteers;
      tally(id).availableNow += counts.availableVolunteers;
    }
  for (const { matches } of aggregates)
    for (const figures of matches) {
      if (!inArea(figures.kommuneCode)) continue;
      for (const [id, g] of Object.entries(figures.byGroup ?? {})) {
        const t = tally(id);
        t.matchesMade += g.matchesMade;
        t.reachedSixMonths += g.reachedSixMonths;
        t.endedEarly += g.endedEarly;
        t.endedAfterSixMonths += g.endedAfterSixMonths;
      }
    }
  const unassignedSources = new Map<string, { source: RecruitmentSource; count: number }>();
  for (const r of recruitment) {
    const { month: _m, kommuneCode: _k, count, byGroup, ...source } = r;
    const key = sourceKey(source);
    let ofGroups = 0;
    for (const [id, n] of Object.entries(byGroup ?? {})) {
      const t = tally(id);
      t.recruited += n;
      ofGroups += n;
      t.sources.set(key, { source, count: (t.sources.get(key)?.count ?? 0) + n });
    }
    if (count > ofGroups)
      unassignedSources.set(key, {
        source,
        count: (unassignedSources.get(key)?.count ?? 0) + count - ofGroups,
      });
  }
  const groupName = (id: string) => directory.groups.find((g) => g.id === id)?.name ?? id;
  const organisationOf = (id: string) => directory.groups.find((g) => g.id === id)?.organisationId ?? '';
  const rows: OrganisationRow[] = [];
  const organisationIds = [...new Set([...tallies.keys()].map(organisationOf))];
  const all = emptyTally();
  for (const orgId of organisationIds) {
    const groups = [...tallies].filter(([id]) => organisationOf(id) === orgId);
    const sum = emptyTally();
    for (const [, t] of groups) addTally(sum, t);
    addTally(all, sum);
    rows.push({
      ...(orgId ? { organisationId: orgId } : {}),
      name: directory.organisations.find((o) => o.id === orgId)?.name ?? (orgId || 'Ukendt organisation'),
      figures: figuresOfTally(sum),
      groups: groups
        .map(([id, t]) => ({ groupId: id, name: groupName(id), figures: figuresOfTally(t) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'da')),
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const volunteersNow = selected.reduce((sum, k) => sum + k.listedVolunteers, 0);
  const availableNow = selected.reduce((sum, k) => sum + k.availableVolunteers, 0);
  const rest: GroupTally = {
    volunteersNow: Math.max(0, volunteersNow - all.volunteersNow),
    availableNow: Math.max(0, availableNow - all.availableNow),
    matchesMade: Math.max(0, total.matchesMade - all.matchesMade),
    reachedSixMonths: Math.max(0, total.reachedSixMonths - all.reachedSixMonths),
    endedEarly: Math.max(0, total.endedEarly - all.endedEarly),
    endedAfterSixMonths: Math.max(0, total.endedAfterSixMonths - all.endedAfterSixMonths),
    recruited: Math.max(0, total.recruited - all.recruited),
    sources: unassignedSources,
  };
  const restFigures = figuresOfTally(rest);
  if (Object.entries(restFigures).some(([key, n]) => key !== 'topSource' && typeof n === 'number' && n > 0))
    rows.push({ name: 'Ikke tildelt en gruppe', figures: restFigures, groups: [] });
  return rows;
};

/**
 * A group's figures as shown beside other organisations' (page, CSV and JSON): counts of 1 and 2
 * as "under 3", as on the public page, and a share only over at least 3 known outcomes.
 */
export const shownGroupFigures = (f: GroupFigures) => {
  const known = f.reachedSixMonths + f.endedEarly;
  return {
    volunteersNow: shownCount(f.volunteersNow),
    availableNow: shownCount(f.availableNow),
    matchesMade: shownCount(f.matchesMade),
    reachedSixMonths: shownCount(f.reachedSixMonths),
    endedEarly: shownCount(f.endedEarly),
    endedAfterSixMonths: shownCount(f.endedAfterSixMonths),
    ...(known >= 3 && f.shareReachedSixMonths !== undefined
      ? { shareReachedSixMonths: f.shareReachedSixMonths }
      : {}),
    recruited: shownCount(f.recruited),
    ...(f.topSource && f.recruited >= 3 ? { topSource: f.topSource } : {}),
  };
};
export type ShownGroupFigures = ReturnType<typeof shownGroupFigures>;
