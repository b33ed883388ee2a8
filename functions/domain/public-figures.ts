import { type KommuneWithCounters, regionsOf } from './kommune.ts';

/** Counts of 1 and 2 are shown as "under 3", so nobody can be singled out from a public figure. */
export type ShownCount = number | 'under 3';

export const shownCount = (n: number): ShownCount => (n >= 1 && n <= 2 ? 'under 3' : n);

/**
 * A figure worked out from other figures (volunteers missing, a total), as shown: exact, "under 3"
 * (fewer than 3), or "at least N".
 */
export type ShownTotal = ShownCount | { readonly atLeast: number };

/** What the published table tells about a count: exactly n, or between 1 and 2 ("under 3"). */
interface Range {
  readonly low: number;
  readonly high: number;
}

const rangeOf = (n: number): Range =>
  shownCount(n) === 'under 3' ? { low: 1, high: 2 } : { low: n, high: n };

const shownRange = ({ low, high }: Range): ShownTotal => {
  if (low === high) return shownCount(low);
  return high <= 2 ? 'under 3' : { atLeast: low };
};

const sumOf = (ranges: readonly Range[]): Range =>
  ranges.reduce((sum, r) => ({ low: sum.low + r.low, high: sum.high + r.high }), { low: 0, high: 0 });

/** Volunteers missing in a kommune, from what the table shows of its waiting and available counts. */
const missingRange = (k: KommuneWithCounters): Range => {
  const waiting = rangeOf(k.waitingRefugees);
  const available = rangeOf(k.availableVolunteers);
  return {
    low: Math.max(0, waiting.low - available.high),
    high: Math.max(0, waiting.high - available.low),
  };
};

/**
 * A total of counts as shown, telling nothing the counts do not: were it exact while a count of 1
 * or 2 shows as "under 3", the total minus the exact counts would give that count away. So every
 * worked-out figure (a kommune's volunteers missing, a total) is worked out from what the table
 * shows, not from the exact counts: exact when the counts it comes from are, otherwise the lowest
 * value the table allows, shown as "at least N" (or "under 3" when it is below 3 either way).
 */
export const shownTotal = (counts: readonly number[]): ShownTotal => shownRange(sumOf(counts.map(rangeOf)));

export interface KommuneFigures {
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  readonly region: string;
  readonly waiting: ShownCount;
  readonly available: ShownCount;
  /** Volunteers missing: refugees waiting beyond the available volunteers. */
  readonly missing: ShownTotal;
}

export interface PublicFigures {
  /** The kommuner of the region chosen (all without one), most missing first. */
  readonly kommuner: readonly KommuneFigures[];
  /** Every kommune, whatever the region: the map shows the whole country. */
  readonly everyKommune: readonly KommuneFigures[];
  /** The region chosen, if any. */
  readonly region?: { readonly code: string; readonly name: string };
  readonly totals: {
    readonly waiting: ShownTotal;
    readonly available: ShownTotal;
    readonly missing: ShownTotal;
  };
  readonly regions: readonly { readonly code: string; readonly name: string }[];
  /** The largest gap as shown (an "under 3" counts as 1), for scaling the chart. */
  readonly largestMissing: number;
}

/** The bar of a shown figure: its number, the lower bound of "at least", 1 for "under 3". */
export const barValue = (n: ShownTotal): number =>
  n === 'under 3' ? 1 : typeof n === 'object' ? n.atLeast : n;

/** The public figures, sorted by volunteers missing (most first), optionally for one region. */
export const publicFigures = (all: readonly KommuneWithCounters[], region?: string): PublicFigures => {
  const regions = regionsOf(all);
  const selected =
    region && regions.some((r) => r.code === region) ? all.filter((k) => k.regionCode === region) : all;
  // Sorted by what is shown, then by name: an order by the exact gap would tell which of two
  // "under 3" is the larger.
  const rank = (k: KommuneWithCounters) => {
    const r = missingRange(k);
    return (r.low + r.high) / 2;
  };
  const sorted = [...selected].sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name, 'da'));
  const figuresOf = (k: KommuneWithCounters): KommuneFigures => ({
    code: k.code,
    name: k.name,
    regionCode: k.regionCode,
    region: k.region,
    waiting: shownCount(k.waitingRefugees),
    available: shownCount(k.availableVolunteers),
    missing: shownRange(missingRange(k)),
  });
  const rows = sorted.map(figuresOf);
  const chosen = selected === all ? undefined : regions.find((r) => r.code === region);
  return {
    kommuner: rows,
    everyKommune: all.map(figuresOf),
    ...(chosen ? { region: chosen } : {}),
    totals: {
      waiting: shownTotal(selected.map((k) => k.waitingRefugees)),
      available: shownTotal(selected.map((k) => k.availableVolunteers)),
      missing: shownRange(sumOf(selected.map(missingRange))),
    },
    regions,
    largestMissing: rows.reduce((largest, k) => Math.max(largest, barValue(k.missing)), 0),
  };
};
