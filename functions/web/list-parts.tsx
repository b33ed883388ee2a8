import type { ComponentChildren } from 'preact';
import { type Page, pageSizes } from '../domain/paging.ts';
import { danishNumber, pluralWord } from './plural.ts';

/**
 * The parts every staff list is built from: a table that becomes stacked rows on a phone (DKFDS'
 * `table--responsive-headers`: each cell says its column), where the page is ("Viser 26–50 af
 * 1.000"), links to the next and first page, the page size, and a search box that posts (names
 * never enter a URL).
 */

export interface Column<T> {
  readonly header: string;
  readonly cell: (item: T) => ComponentChildren;
}

export const DataTable = <T,>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (item: T) => string;
}) =>
  rows.length === 0 ? null : (
    <table class="table table--zebra table--responsive-headers venner-list">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column.header}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td data-title={column.header} key={column.header}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

/** A link to the same list with other parameters (empty ones left out). */
export const listHref = (path: string, params: Record<string, string | number | undefined>) => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(name, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

/** "Viser 26–50 af 1.000 overdragelser" (the total is of the list without filters). */
export const pageSummary = (
  page: Page<unknown>,
  noun: readonly [one: string, other: string],
  filtered: boolean,
) => {
  if (page.items.length === 0) return undefined;
  const first = danishNumber(page.offset + 1);
  const range = page.items.length === 1 ? first : `${first}–${danishNumber(page.offset + page.items.length)}`;
  if (page.total === undefined) return `Viser ${range}`;
  const total = `${danishNumber(page.total)} ${pluralWord(page.total, ...noun)}`;
  return filtered ? `Viser ${range} af dem, der passer (${total} i alt)` : `Viser ${range} af ${total}`;
};

export const Pager = ({
  page,
  path,
  params,
}: {
  page: Page<unknown>;
  path: string;
  params: Record<string, string | number | undefined>;
}) =>
  page.next || page.offset > 0 ? (
    <nav class="venner-pager" aria-label="Sider">
      <ul class="nobullet-list">
        {page.offset > 0 ? (
          <li>
            <a href={listHref(path, params)}>Første side</a>
          </li>
        ) : null}
        {page.next ? (
          <li>
            <a href={listHref(path, { ...params, side: page.next })} rel="next">
              Næste side
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  ) : null;

export const PageSizeField = ({ size }: { size: number }) => (
  <div class="form-group">
    <label class="form-label" for="antal">
      Pr. side
    </label>
    <select class="form-select" id="antal" name="antal">
      {pageSizes.map((n) => (
        <option key={n} value={n} selected={n === size}>
          {n}
        </option>
      ))}
    </select>
  </div>
);

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A filter's select; the first option ("Alle") means no filter. */
export const FilterSelect = ({
  name,
  label,
  choices,
  selected,
  all = 'Alle',
}: {
  name: string;
  label: string;
  choices: readonly Choice[];
  selected?: string;
  all?: string;
}) => (
  <div class="form-group">
    <label class="form-label" for={name}>
      {label}
    </label>
    <select class="form-select" id={name} name={name}>
      <option value="">{all}</option>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value} selected={choice.value === selected}>
          {choice.label}
        </option>
      ))}
    </select>
  </div>
);

/** The list's filters: a GET form (no personal data in them), shown in one row that wraps. */
export const FilterForm = ({ action, children }: { action: string; children: ComponentChildren }) => (
  <form method="get" action={action} class="venner-filter">
    {children}
    <button type="submit" class="button button-secondary">
      Vis
    </button>
  </form>
);

/** A search that posts, so a name never ends up in an address, a log or the browser's history. */
export const SearchForm = ({
  action,
  label,
  hint,
  value,
  hidden = {},
}: {
  action: string;
  label: string;
  hint: string;
  value?: string;
  hidden?: Record<string, string | undefined>;
}) => (
  <form method="post" action={action} class="venner-search">
    {Object.entries(hidden).map(([name, v]) =>
      v === undefined ? null : <input key={name} type="hidden" name={name} value={v} />,
    )}
    <div class="form-group">
      <label class="form-label" for="q">
        {label}
      </label>
      <span class="form-hint" id="q-hint">
        {hint}
      </span>
      <input
        class="form-input"
        id="q"
        name="q"
        type="search"
        maxLength={100}
        value={value ?? ''}
        aria-describedby="q-hint"
        autocomplete="off"
      />
    </div>
    <button type="submit" class="button button-secondary">
      Søg
    </button>
  </form>
);

/** What a search found: how many, and that it shows at most `limit`. */
export const searchSummary = (found: number, limit: number, search: string) =>
  found === 0
    ? `Ingen passer til søgningen »${search}«.`
    : found >= limit
      ? `Viser de første ${limit}, der passer til »${search}«. Skriv mere af navnet for at finde færre.`
      : `${danishNumber(found)} ${pluralWord(found, 'passer', 'passer')} til søgningen »${search}«.`;

/**
 * A page a filter left empty while there is more to read (a filter reads a bounded number of
 * rows per page): say so and offer the next page, rather than claim nothing matches.
 */
export const nothingOnThisPage =
  'Ingen af dem, vi har læst på denne side, passer til filtrene. Der er flere: se næste side.';
