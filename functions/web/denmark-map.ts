import { type GeoPermissibleObjects, geoMercator, geoPath } from 'd3-geo';
import type { MultiPolygon } from 'geojson';
import { merge } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import boundaries from '../../shared/kommune-boundaries.topo.json' with { type: 'json' };

/**
 * The kommuner of Denmark as SVG paths, drawn once per process (then cached) from the DAGI
 * boundaries in `shared/kommune-boundaries.topo.json` (a copy of ../shared/data/kommuner.topojson):
 * topojson-client merges each kommune's polygons, d3-geo projects them. Bornholm is drawn in an inset
 * box, as Danish maps do, so the rest of the country is not squeezed to make room for the sea.
 */

/** The attribution the data's licence asks for; the page shows it under the map. */
export const mapAttribution = 'Indeholder data fra Geodatastyrelsen (DAGI)';

export interface KommuneShape {
  /** The kommune code as `shared/kommuner.json` writes it (no leading zero). */
  readonly code: string;
  readonly path: string;
}

export interface DenmarkMap {
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly KommuneShape[];
  /** The frame of the Bornholm inset. */
  readonly inset: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

const width = 600;
const height = 480;
const margin = 6;
const bornholm = '400';
const minimumArea = 0.0003;
/** Christiansø is in the data but is not a kommune: it is not drawn. */
const notKommuner = new Set(['411']);

type Boundaries = Topology<{ stdin: GeometryCollection<{ KOMKODE: string; KOMNAVN: string }> }>;

const draw = (): DenmarkMap => {
  // Simplified to what a 600 px map shows (the area is in the data's quantized units): 40 KB of paths
  // instead of 450 KB, the coast still recognisable.
  const topology = simplify(presimplify(boundaries as unknown as Boundaries), minimumArea) as Boundaries;
  const byCode = new Map<string, GeometryCollection['geometries']>();
  for (const geometry of topology.objects.stdin.geometries) {
    const code = String(Number((geometry.properties as { KOMKODE: string }).KOMKODE));
    if (notKommuner.has(code)) continue;
    byCode.set(code, [...(byCode.get(code) ?? []), geometry]);
  }
  const shapes = new Map<string, MultiPolygon>();
  for (const [code, geometries] of byCode) {
    shapes.set(code, merge(topology, geometries as Parameters<typeof merge>[1]));
  }
  const collection = (codes: string[]): GeoPermissibleObjects => ({
    type: 'GeometryCollection',
    geometries: codes.map((code) => shapes.get(code) as MultiPolygon),
  });
  const mainland = [...shapes.keys()].filter((code) => code !== bornholm);
  const projection = geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    collection(mainland),
  );
  const main = geoPath(projection).digits(1);
  // Bornholm at the same scale, in a box in the top right corner (the Kattegat is empty there).
  const insetSize = { width: 110, height: 95 };
  const inset = { x: width - insetSize.width - margin, y: margin, ...insetSize };
  const island = geoMercator()
    .scale(projection.scale())
    .center([14.92, 55.13])
    .translate([inset.x + inset.width / 2, inset.y + inset.height / 2]);
  const insetPath = geoPath(island).digits(1);
  return {
    width,
    height,
    inset,
    shapes: [...shapes.entries()].map(([code, shape]) => ({
      code,
      path: (code === bornholm ? insetPath : main)(shape) ?? '',
    })),
  };
};

let cached: DenmarkMap | undefined;

export const denmarkMap = (): DenmarkMap => {
  cached ??= draw();
  return cached;
};
