import { denmarkMap, mapAttribution } from './denmark-map.ts';

/**
 * A map of Denmark coloured by a figure per kommune, rendered on the server: an SVG that needs no
 * JavaScript. Each kommune is a link (to the sign-up, or a staff page) whose accessible name says
 * its figures; the colour classes differ in lightness (ColorBrewer's sequential Oranges), so they
 * read for colour-blind readers and in greyscale, and the legend says each class in words. A
 * region filter fades the other regions and outlines its own. The table beside it stays the accessible alternative.
 */

export interface MapClass {
  /** What the class means, in words ("Mangler 3–9"). */
  readonly label: string;
}

export interface MapKommune {
  readonly code: string;
  /** The accessible name: the kommune and its figures. */
  readonly label: string;
  readonly classIndex: number;
  readonly href?: string;
  /** False: drawn faint (outside the region chosen). */
  readonly highlighted: boolean;
}

/** Lightest to darkest; class 0 ("none") is a light grey, the shortage an ever darker orange. */
export const mapColours = ['#f0f0f0', '#fdbe85', '#fd8d3c', '#d94701', '#8c2d04'] as const;

export const KommuneMap = ({
  id,
  title,
  classes,
  kommuner,
  note,
}: {
  id: string;
  /** Under the legend: where Bornholm is, what a click does. */
  note: string;
  title: string;
  classes: readonly MapClass[];
  kommuner: readonly MapKommune[];
}) => {
  const map = denmarkMap();
  const byCode = new Map(kommuner.map((k) => [k.code, k]));
  return (
    <figure
      class={kommuner.some((k) => !k.highlighted) ? 'venner-map venner-map-focus' : 'venner-map'}
      aria-labelledby={`${id}-title`}
    >
      <figcaption id={`${id}-title`} class="venner-map-title">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${map.width} ${map.height}`} class="venner-map-svg" focusable="false">
        <title>{title}</title>
        <rect
          class="venner-map-inset"
          x={map.inset.x}
          y={map.inset.y}
          width={map.inset.width}
          height={map.inset.height}
        />
        {map.shapes.map((shape) => {
          const k = byCode.get(shape.code);
          if (!k) return <path key={shape.code} d={shape.path} class="venner-map-none" />;
          const fill = mapColours[k.classIndex];
          const path = (
            <path
              d={shape.path}
              class={k.highlighted ? 'venner-map-kommune' : 'venner-map-kommune venner-map-dim'}
              fill={fill}
            >
              <title>{k.label}</title>
            </path>
          );
          return k.href ? (
            <a key={shape.code} href={k.href} aria-label={k.label}>
              {path}
            </a>
          ) : (
            <g key={shape.code}>{path}</g>
          );
        })}
      </svg>
      <ul class="venner-map-legend nobullet-list">
        {classes.map((c, i) => (
          <li key={c.label}>
            <svg class="venner-map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <rect width="16" height="16" fill={mapColours[i]} />
            </svg>
            {c.label}
          </li>
        ))}
      </ul>
      <p class="venner-map-note">{note}</p>
      <p class="venner-map-attribution">{mapAttribution}.</p>
    </figure>
  );
};
