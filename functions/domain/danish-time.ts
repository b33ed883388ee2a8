import { lazy } from '../../shared/lazy.ts';

/**
 * Danish calendar time. Months, dates and weeks the programme counts in are Danish
 * (Europe/Copenhagen), whatever the clock of the machine or the UTC of the stored moments.
 */

const day = 24 * 3600 * 1000;

const dateIn = lazy(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }));
const offsetIn = lazy(
  () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Copenhagen',
      timeZoneName: 'longOffset',
    }),
);

/** The Danish calendar date (YYYY-MM-DD) of a moment. */
export const copenhagenDate = (at: Date) => dateIn().format(at);

/** Midnight at the start of a Danish calendar date, as a moment. */
export const copenhagenMidnight = (date: string): Date => {
  const noon = new Date(`${date}T12:00:00Z`);
  const offset = /GMT([+-]\d{2}):(\d{2})/.exec(offsetIn().format(noon));
  const minutes = offset ? Number(offset[1]) * 60 + Math.sign(Number(offset[1])) * Number(offset[2]) : 0;
  return new Date(Date.parse(`${date}T00:00:00Z`) - minutes * 60 * 1000);
};

/** The ISO week (`2026-W48`) a Danish date falls in, and the Monday it starts on. */
export const isoWeekOf = (at: Date): { week: string; monday: string } => {
  const date = copenhagenDate(at);
  const noon = new Date(`${date}T12:00:00Z`);
  const weekday = (noon.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(noon.getTime() - weekday * day);
  const thursday = new Date(monday.getTime() + 3 * day);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * day;
  const week = Math.round((monday.getTime() - firstMonday) / (7 * day)) + 1;
  return { week: `${year}-W${String(week).padStart(2, '0')}`, monday: monday.toISOString().slice(0, 10) };
};

/** The month (YYYY-MM) a moment falls in, in Denmark. */
export const copenhagenMonth = (at: Date): string => copenhagenDate(at).slice(0, 7);
