/**
 * The check-in schedule: when a match's volunteer is asked how the friendship goes. Like the
 * schedule table, the one place that says it: the check-in job sends from it, the match page and
 * the emails name its check-ins, the coordinator's tasks use its answer window.
 *
 * The first check-ins follow MENTOR's advice (early and often at the start); after the last one
 * here, one every `thenEveryMonths` months while the match continues.
 */

export interface CheckIn {
  /** Stored with the match (`2-weeks`, `6-months`, `9-months` …): never rename one that was sent. */
  readonly id: string;
  /** Days after the match became active. */
  readonly days: number;
  /** "after …" in Danish and English. */
  readonly label: { readonly da: string; readonly en: string };
}

/** A month of a match, in days (3 months = 91, 6 months = 182, 12 months = 365). */
export const monthDays = (months: number): number => Math.floor(months * 30.42);

export const checkInSchedule = {
  first: [
    { id: '2-weeks', days: 14, label: { da: 'to uger', en: 'two weeks' } },
    { id: '6-weeks', days: 42, label: { da: 'seks uger', en: 'six weeks' } },
    { id: '3-months', days: monthDays(3), label: { da: 'tre måneder', en: 'three months' } },
    { id: '6-months', days: monthDays(6), label: { da: 'et halvt år', en: 'six months' } },
  ],
  /** After the last of `first`: one check-in every this many months while the match continues. */
  thenEveryMonths: 3,
  /** A check-in not answered within this many days becomes a task for the coordinator. */
  answerWithinDays: 7,
  /** The check-in whose sending counts the match as having reached six months (the programme's minimum). */
  sixMonths: '6-months',
  /** Check-ins stop after this many months (ten years: a guard, not a programme rule). */
  lastMonth: 120,
} as const satisfies {
  first: readonly CheckIn[];
  thenEveryMonths: number;
  answerWithinDays: number;
  sixMonths: string;
  lastMonth: number;
};

const firstMonths = 6;

/** The n-th check-in (from 0) of a match, or undefined past the last. */
export const checkInAt = (n: number): CheckIn | undefined => {
  const listed = checkInSchedule.first[n];
  if (listed) return listed;
  const months = firstMonths + (n - checkInSchedule.first.length + 1) * checkInSchedule.thenEveryMonths;
  if (months > checkInSchedule.lastMonth) return undefined;
  return {
    id: `${months}-months`,
    days: monthDays(months),
    label: { da: `${months} måneder`, en: `${months} months` },
  };
};

/** The check-in with this id, if the schedule has one (ids come back from links: never trusted). */
export const checkInById = (id: string): CheckIn | undefined => {
  for (let n = 0; ; n++) {
    const checkIn = checkInAt(n);
    if (!checkIn) return undefined;
    if (checkIn.id === id) return checkIn;
  }
};

/** The latest check-in reached `days` days after the start (undefined before the first). */
export const latestCheckInReached = (days: number): CheckIn | undefined => {
  let reached: CheckIn | undefined;
  for (let n = 0; ; n++) {
    const checkIn = checkInAt(n);
    if (!checkIn || checkIn.days > days) return reached;
    reached = checkIn;
  }
};

/** The check-ins a match of `days` days has reached, in order (for the match page). */
export const checkInsReached = (days: number): CheckIn[] => {
  const reached: CheckIn[] = [];
  for (let n = 0; ; n++) {
    const checkIn = checkInAt(n);
    if (!checkIn || checkIn.days > days) return reached;
    reached.push(checkIn);
  }
};
