import { lazy } from '../../shared/lazy.ts';
import type { Lang } from './field-errors.ts';

const formats = {
  da: lazy(
    () =>
      new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ),
  en: lazy(
    () =>
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ),
};

/** A calendar day (YYYY-MM-DD, no time zone) in words: "15. december 2026", "15 December 2026". */
export const calendarDate = (day: string, lang: Lang): string =>
  formats[lang]().format(new Date(`${day}T12:00:00Z`));
