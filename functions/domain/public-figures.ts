import { type KommuneWithCounters, missingVolunteers, regionsOf } from './kommune.ts';

/** Counts of 1 and 2 are shown as "under 3", so nobody can be singled out from a public figure. */
export type ShownCount = number | 'under 3';

export const shownCount = (n: number): ShownCount => (n >= 1 && n <= 2 ? 'under 3' : n);

export interface KommuneFigures {
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  readonly region: string;
  readonly waiting: ShownCount;
  readonly available: ShownCount;
  /** Volunteers missing: refugees waiting beyond the available volunteers. */
  readonly missing: ShownCount;
}

export interface PublicFigures {
  readonly kommuner: readonly KommuneFigures[];
  readonly totals: {
    readonly waiting: ShownCount;
    readonly available: ShownCount;
    readonly missing: ShownCount;
  };
  readonly regions: readonly { readonly code: string; readonly name: string }[];
  /** The largest exact gap shown, for scaling the chart. */
  readonly largestMissing: number;
}

/** The public figures, sorted by volunteers missing (most first), optionally for one region. */
export const publicFigures = (all: readonly KommuneWithCounters[], region?: string): PublicFigures => {
  const regions = regionsOf(all);
  const selected =
    region && regions.some((r) => r.code === region) ? all.filter((k) => k.regionCode === region) : all;
  const sorted = [...selected].sort(
    (a, b) => missingVolunteers(b) - missingVolunteers(a) || a.name.localeCompare(b.name, 'da'),
  );
  const sum = (pick: (k: KommuneWithCounters) => number) => selected.reduce((total, k) => total + pick(k), 0);
  return {
    kommuner: sorted.map((k) => ({
      code: k.code,
      name: k.name,
      regionCode: k.regionCode,
      region: k.region,
      waiting: shownCount(k.waitingRefugees),
      available: shownCount(k.availableVolunteers),
      missing: shownCount(missingVolunteers(k)),
    })),
    totals: {
      waiting: shownCount(sum((k) => k.waitingRefugees)),
      available: shownCount(sum((k) => k.availableVolunteers)),
      missing: shownCount(sum(missingVolunteers)),
    },
    regions,
    largestMissing: sorted.length > 0 ? missingVolunteers(sorted[0] as KommuneWithCounters) : 0,
  };
};
