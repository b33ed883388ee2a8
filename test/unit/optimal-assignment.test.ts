import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from '../../functions/domain/optimal-assignment.ts';

/** A small seeded generator, so a failing case can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

/** Every way to give each row nobody or a column with room, the best total found by trying them all. */
const bruteForce = (weights: (number | undefined)[][], capacities: number[]): number => {
  const left = [...capacities];
  const best = (row: number): number => {
    if (row === weights.length) return 0;
    let result = best(row + 1);
    (weights[row] ?? []).forEach((w, c) => {
      if (w === undefined || w <= 0 || left[c] === 0) return;
      left[c] = (left[c] ?? 0) - 1;
      result = Math.max(result, w + best(row + 1));
      left[c] = (left[c] ?? 0) + 1;
    });
    return result;
  };
  return best(0);
};

describe('the optimal assignment', () => {
  it('finds the best total on 400 small random cases, as brute force does, and respects every capacity', () => {
    const next = random(7);
    for (let round = 0; round < 400; round++) {
      const rows = 1 + Math.floor(next() * 6);
      const columns = 1 + Math.floor(next() * 5);
      const capacities = Array.from({ length: columns }, () => Math.floor(next() * 3));
      const weights = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => (next() < 0.25 ? undefined : Math.floor(next() * 60) - 10)),
      );
      const { assignment, total } = maxWeightAssignment(rows, capacities, (r, c) => weights[r]?.[c]);
      expect(total, `round ${round}`).toBe(bruteForce(weights, capacities));
      // The pairs made add up to the total, are allowed and worthwhile, and fit the capacities.
      const usedPerColumn = new Array(columns).fill(0);
      let sum = 0;
      assignment.forEach((c, r) => {
        if (c === undefined) return;
        const w = weights[r]?.[c];
        expect(w).toBeGreaterThan(0);
        sum += w ?? 0;
        usedPerColumn[c] += 1;
      });
      expect(sum).toBe(total);
      usedPerColumn.forEach((used, c) => {
        expect(used).toBeLessThanOrEqual(capacities[c] ?? 0);
      });
    }
  });

  it('beats the greedy choice where greedy is wrong', () => {
    // Greedy gives row 0 its best (column 0, 10) and leaves row 1 with nothing; best is 9 + 8.
    const weights = [
      [10, 9],
      [8, undefined],
    ];
    const { assignment, total } = maxWeightAssignment(2, [1, 1], (r, c) => weights[r]?.[c]);
    expect(total).toBe(17);
    expect(assignment).toEqual([1, 0]);
  });

  it('gives one column to several rows up to its capacity, and leaves rows without a worthwhile pair alone', () => {
    const { assignment } = maxWeightAssignment(4, [2, 0], (r, c) => (c === 0 ? [5, 4, 3, -1][r] : 50));
    expect(assignment).toEqual([0, 0, undefined, undefined]);
  });
});
