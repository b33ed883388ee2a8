import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import boundaries from '../../shared/kommune-boundaries.topo.json' with { type: 'json' };
import { lazy } from '../../shared/lazy.ts';

/**
 * Which kommuner border each other, from the DAGI boundaries (shared arcs in the topology,
 * topojson-client's `neighbors`): computed once per process. Islands without a land border
 * (Bornholm, Læsø, Samsø, Fanø, Ærø) have none; the activation list then looks to the region.
 */
type Boundaries = Topology<{ stdin: GeometryCollection<{ KOMKODE: string }> }>;

export const kommuneNeighbours = lazy((): ReadonlyMap<string, readonly string[]> => {
  const topology = boundaries as unknown as Boundaries;
  const geometries = topology.objects.stdin.geometries;
  const codeOf = (index: number) =>
    String(Number((geometries[index]?.properties as { KOMKODE: string } | undefined)?.KOMKODE));
  const found = new Map<string, Set<string>>();
  neighbors(geometries as Parameters<typeof neighbors>[0]).forEach((adjacent, index) => {
    const code = codeOf(index);
    const set = found.get(code) ?? new Set<string>();
    for (const other of adjacent) if (codeOf(other) !== code) set.add(codeOf(other));
    found.set(code, set);
  });
  return new Map([...found].map(([code, set]) => [code, [...set].sort()]));
});
