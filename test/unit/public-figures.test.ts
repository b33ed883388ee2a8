import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KommuneWithCounters } from '../../functions/domain/kommune.ts';
import { barValue, publicFigures, shownCount, shownTotal } from '../../functions/domain/public-figures.ts';

/** The public "volunteers missing" figures: small counts shown as "under 3", and nothing derivable from them. */

const kommune = (
  code: string,
  name: string,
  regionCode: string,
  waiting: number,
  available: number,
): KommuneWithCounters => ({
  code,
  name,
  regionCode,
  region: `Region ${regionCode}`,
  waitingRefugees: waiting,
  availableVolunteers: available,
  confirmedVolunteers: 0,
  volunteersLeft: 0,
  listedVolunteers: 0,
});

describe('public figures (domain)', () => {
  it('shows 1 and 2 as "under 3", and 0 and 3+ as numbers', () => {
    expect([0, 1, 2, 3, 40].map(shownCount)).toEqual([0, 'under 3', 'under 3', 3, 40]);
  });

  it('sorts by volunteers missing, most first, then by name; totals give no "under 3" away', () => {
    const figures = publicFigures([
      kommune('101', 'København', '1084', 30, 10),
      kommune('751', 'Aarhus', '1082', 12, 2),
      kommune('461', 'Odense', '1083', 5, 9),
      kommune('147', 'Frederiksberg', '1084', 2, 1),
    ]);
    expect(figures.kommuner.map((k) => [k.name, k.waiting, k.available, k.missing])).toEqual([
      ['København', 30, 10, 20],
      // 12 waiting and "under 3" available: between 10 and 11 missing, as far as the table tells.
      ['Aarhus', 12, 'under 3', { atLeast: 10 }],
      ['Frederiksberg', 'under 3', 'under 3', 'under 3'],
      ['Odense', 5, 9, 0],
    ]);
    // Each total with an "under 3" in it is the exact counts plus 1 for each "under 3": a lower bound.
    expect(figures.totals).toEqual({
      waiting: { atLeast: 48 },
      available: { atLeast: 21 },
      missing: { atLeast: 30 },
    });
    expect(figures.largestMissing).toBe(20);
    // With no "under 3" among them, totals are exact.
    expect(
      publicFigures([kommune('101', 'København', '1084', 30, 10), kommune('751', 'Aarhus', '1082', 12, 4)])
        .totals,
    ).toEqual({ waiting: 42, available: 14, missing: 28 });
  });

  it('shows a small total as "under 3" too, for the country and for a region', () => {
    const all = [
      kommune('101', 'København', '1084', 0, 0),
      kommune('147', 'Frederiksberg', '1084', 1, 0),
      kommune('751', 'Aarhus', '1082', 0, 0),
    ];
    expect(publicFigures(all).totals).toEqual({ waiting: 'under 3', available: 0, missing: 'under 3' });
    expect(publicFigures(all, '1084').totals.waiting).toBe('under 3');
    expect(publicFigures(all, '1082').totals).toEqual({ waiting: 0, available: 0, missing: 0 });
  });

  it('never lets a total give away a count shown as "under 3" (the same table, the same totals)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.nat(40), fc.boolean()), { minLength: 1, maxLength: 98 }),
        fc.boolean(),
        (cells, region) => {
          const build = (swap: boolean) =>
            cells.map(([waiting, available, east], i) => {
              // A count of 1 and one of 2 look the same ("under 3"): the totals must not tell them apart.
              const hide = (n: number) => (swap && (n === 1 || n === 2) ? 3 - n : n);
              return kommune(
                String(100 + i),
                `K${i}`,
                east ? '1084' : '1082',
                hide(waiting),
                hide(available),
              );
            });
          const a = publicFigures(build(false), region ? '1084' : undefined);
          const b = publicFigures(build(true), region ? '1084' : undefined);
          expect(b.kommuner.map((k) => [k.waiting, k.available])).toEqual(
            a.kommuner.map((k) => [k.waiting, k.available]),
          );
          expect(b.kommuner.map((k) => k.missing)).toEqual(a.kommuner.map((k) => k.missing));
          expect(b.totals).toEqual(a.totals);
          expect(b.largestMissing).toBe(a.largestMissing);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('filters by region, and ignores a region that does not exist', () => {
    const all = [kommune('101', 'København', '1084', 3, 0), kommune('751', 'Aarhus', '1082', 4, 0)];
    expect(publicFigures(all, '1082').kommuner.map((k) => k.code)).toEqual(['751']);
    expect(publicFigures(all, '9999').kommuner).toHaveLength(2);
    expect(
      publicFigures(all)
        .regions.map((r) => r.code)
        .sort(),
    ).toEqual(['1082', '1084']);
  });
});

describe('shown figures', () => {
  it('work out a total from what the counts show', () => {
    expect(shownTotal([])).toBe(0);
    expect(shownTotal([3, 4])).toBe(7);
    expect(shownTotal([1])).toBe('under 3');
    expect(shownTotal([0, 2])).toBe('under 3');
    expect(shownTotal([1, 1])).toEqual({ atLeast: 2 });
    expect(shownTotal([5, 1])).toEqual({ atLeast: 6 });
    expect(barValue('under 3')).toBe(1);
    expect(barValue({ atLeast: 7 })).toBe(7);
    expect(barValue(12)).toBe(12);
  });

  it('scale the chart by the largest gap shown', () => {
    expect(
      publicFigures([kommune('101', 'A', '1084', 9, 2), kommune('147', 'B', '1084', 20, 5)]).largestMissing,
    ).toBe(15);
    expect(publicFigures([kommune('101', 'A', '1084', 1, 0)]).largestMissing).toBe(1);
    expect(publicFigures([kommune('101', 'A', '1084', 0, 4)]).largestMissing).toBe(0);
    expect(publicFigures([]).largestMissing).toBe(0);
  });

  it('keep each kommune’s name, region and codes', () => {
    expect(publicFigures([kommune('101', 'København', '1084', 5, 1)]).kommuner[0]).toEqual({
      code: '101',
      name: 'København',
      regionCode: '1084',
      region: 'Region 1084',
      waiting: 5,
      available: 'under 3',
      missing: { atLeast: 3 },
    });
  });

  it('sort ties by name in Danish order', () => {
    const rows = publicFigures([
      kommune('1', 'Århus', '1084', 5, 0),
      kommune('2', 'Aabenraa', '1084', 5, 0),
      kommune('3', 'Ærø', '1084', 5, 0),
      kommune('4', 'Bornholm', '1084', 9, 0),
    ]).kommuner.map((k) => k.name);
    expect(rows).toEqual(['Bornholm', 'Ærø', 'Aabenraa', 'Århus']);
  });
});
