/**
 * The best overall assignment of rows (refugees) to columns (volunteers) with capacities: the
 * largest possible total weight, each row given at most one column, each column at most its
 * capacity. A pair without a weight (forbidden) or with a weight of 0 or less is never made: no
 * pair is better than a bad one.
 *
 * The Hungarian method with potentials (Kuhn–Munkres as in Jonker–Volgenant's shortest augmenting
 * paths), O(rows² · slots): each column is repeated once per unit of capacity, and every row also
 * has a "nobody" column of weight 0, so leaving a row unassigned is one of the choices it weighs.
 * Optimal, not greedy; `test/matching/optimal-assignment.test.ts` checks it against brute force.
 */
export const maxWeightAssignment = (
  rows: number,
  capacities: readonly number[],
  weight: (row: number, column: number) => number | undefined,
): { readonly assignment: (number | undefined)[]; readonly total: number } => {
  const columns = capacities.length;
  // Typed arrays: every index below is in range, so reads are cast to plain numbers.
  const capacity = Int32Array.from(capacities);
  // Costs to minimise: −weight for an allowed, worthwhile pair, 0 (as good as nobody) otherwise.
  const cost = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < columns; c++) {
      const w = (capacity[c] as number) > 0 ? weight(i, c) : undefined;
      cost[i * columns + c] = w !== undefined && w > 0 ? -w : 0;
    }
  }
  // Slots: one per unit of capacity (never more than there are rows), then one "nobody" per row.
  const slots: number[] = [];
  for (let c = 0; c < columns; c++) {
    for (let k = 0; k < Math.min(capacity[c] as number, rows); k++) slots.push(c);
  }
  const slotColumn = Int32Array.from(slots);
  const realSlots = slotColumn.length;
  const m = realSlots + rows;

  // 1-based arrays as in the textbook method; index 0 is the virtual start column.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(m + 1);
  const rowOfSlot = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= rows; i++) {
    rowOfSlot[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfSlot[j0] as number;
      const rowBase = (i0 - 1) * columns;
      const ui0 = u[i0] as number;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const c = j <= realSlots ? (cost[rowBase + (slotColumn[j - 1] as number)] as number) : 0;
        const reduced = c - ui0 - (v[j] as number);
        if (reduced < (minv[j] as number)) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          const row = rowOfSlot[j] as number;
          u[row] = (u[row] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else minv[j] = (minv[j] as number) - delta;
      }
      j0 = j1;
    } while (rowOfSlot[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      rowOfSlot[j0] = rowOfSlot[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }

  const assignment: (number | undefined)[] = new Array(rows).fill(undefined);
  let total = 0;
  for (let j = 1; j <= realSlots; j++) {
    const row = (rowOfSlot[j] as number) - 1;
    if (row < 0) continue;
    const c = slotColumn[j - 1] as number;
    const w = -(cost[row * columns + c] as number);
    if (w > 0) {
      assignment[row] = c;
      total += w;
    }
  }
  return { assignment, total };
};
