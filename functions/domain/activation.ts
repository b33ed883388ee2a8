import type { KommuneWithCounters } from './kommune.ts';
import { activeGroupsIn, type LocalGroup } from './organisations.ts';

/**
 * The secretariat's activation list: kommuner where refugees wait and no active group covers
 * them, or where the gap (waiting refugees less available volunteers) is large, each with the
 * groups nearest to them that could take them on: a group of the kommune itself that is not
 * active, then groups covering a neighbouring kommune (from the map), then the region's.
 */

/** A gap at least this large is listed even where a group is active. */
export const largeGap = 10;
/** Candidates shown per kommune. */
const candidatesShown = 5;

export type Nearness = 'same-kommune' | 'neighbour' | 'region';

export interface ActivationCandidate {
  readonly group: LocalGroup;
  readonly nearness: Nearness;
  /** The kommuner it already covers that made it a candidate (the neighbours, or the kommune itself). */
  readonly via: readonly string[];
}

export interface ActivationRow {
  readonly kommune: KommuneWithCounters;
  readonly gap: number;
  readonly activeGroups: readonly LocalGroup[];
  readonly reason: 'no-active-group' | 'large-gap';
  readonly candidates: readonly ActivationCandidate[];
}

export const activationList = (
  kommuner: readonly KommuneWithCounters[],
  groups: readonly LocalGroup[],
  neighbours: ReadonlyMap<string, readonly string[]>,
): ActivationRow[] => {
  const rows: ActivationRow[] = [];
  for (const kommune of kommuner) {
    if (kommune.waitingRefugees === 0) continue;
    const gap = Math.max(0, kommune.waitingRefugees - kommune.availableVolunteers);
    const activeGroups = activeGroupsIn(groups, kommune.code);
    if (activeGroups.length > 0 && gap < largeGap) continue;
    const regionCodes = new Set(
      kommuner.filter((k) => k.regionCode === kommune.regionCode).map((k) => k.code),
    );
    const near = neighbours.get(kommune.code) ?? [];
    const seen = new Set(activeGroups.map((g) => g.id));
    /** The groups covering such a kommune, each once (the nearest reason wins). */
    const consider = (nearness: Nearness, covers: (code: string) => boolean): ActivationCandidate[] =>
      groups.flatMap((group) => {
        const via = group.kommuner.filter(covers);
        if (seen.has(group.id) || via.length === 0) return [];
        seen.add(group.id);
        return [{ group, nearness, via }];
      });
    // Active groups first among the neighbours and the region: they have volunteers to offer now.
    const activeFirst = (list: ActivationCandidate[]) =>
      list.sort((a, b) => Number(b.group.active) - Number(a.group.active));
    const candidates = [
      ...consider('same-kommune', (code) => code === kommune.code),
      ...activeFirst(consider('neighbour', (code) => near.includes(code))),
      ...activeFirst(consider('region', (code) => regionCodes.has(code) && code !== kommune.code)),
    ];
    rows.push({
      kommune,
      gap,
      activeGroups,
      reason: activeGroups.length === 0 ? 'no-active-group' : 'large-gap',
      candidates: candidates.slice(0, candidatesShown),
    });
  }
  // The longest queues without anyone first.
  return rows.sort(
    (a, b) =>
      Number(a.reason === 'large-gap') - Number(b.reason === 'large-gap') ||
      b.gap - a.gap ||
      a.kommune.name.localeCompare(b.kommune.name, 'da'),
  );
};
