/**
 * Lists that page: a page is asked for by its size and an opaque cursor (where the previous page
 * ended, as the store wrote it), and says where it is. The store reads a fixed number of key or
 * index Queries per page, whatever the volume; totals come from counters, never from a count.
 */

export const pageSizes = [25, 50, 100] as const;
export type PageSize = (typeof pageSizes)[number];
export const defaultPageSize: PageSize = 25;

export interface PageRequest {
  readonly size: PageSize;
  /** Where the previous page ended; absent for the first page. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** How many items came before this page (0 on the first). */
  readonly offset: number;
  /** The cursor of the next page; absent on the last. */
  readonly next?: string;
  /** All items of the list without filters, from a counter (undefined when none is kept). */
  readonly total?: number;
}

/** A page size from a query parameter: one of the offered sizes, or the default. */
export const pageSizeOf = (asked: string | undefined): PageSize => {
  const size = Number(asked);
  return (pageSizes as readonly number[]).includes(size) ? (size as PageSize) : defaultPageSize;
};

export const mapPage = <T, U>(page: Page<T>, map: (items: readonly T[]) => readonly U[]): Page<U> => ({
  ...page,
  items: map(page.items),
});
