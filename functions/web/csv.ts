import { lazy } from '../../shared/lazy.ts';

/**
 * CSV that Excel opens as it should in Denmark: semicolons between fields, UTF-8 with a byte-order
 * mark (so æøå survive), CRLF line ends, quotes where needed. A cell that starts like a formula
 * (=, +, -, @; not a plain number) gets a leading apostrophe, so a name never runs as a formula in Excel.
 */
const cell = (value: string | number | undefined): string => {
  let text = value === undefined ? '' : String(value);
  // A plain signed number (a phone number like +4520304050) is no formula; anything else is guarded.
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+$/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (
  header: readonly string[],
  rows: readonly (readonly (string | number | undefined)[])[],
) => `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;

const shortDate = lazy(
  () =>
    new Intl.DateTimeFormat('da-DK', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Europe/Copenhagen',
    }),
);

/** "21-11-2026": a date Excel reads as a date in a Danish locale. */
export const csvDate = (iso: string | undefined): string =>
  iso
    ? shortDate()
        .format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso))
        .replace(/\./g, '-')
    : '';
