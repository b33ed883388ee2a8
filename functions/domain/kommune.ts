import * as z from 'zod';

export const kommuneSchema = z.object({
  code: z.string().regex(/^\d{3}$/),
  name: z.string().min(1),
  regionCode: z.string().regex(/^\d{4}$/),
  region: z.string().min(1),
});

export type Kommune = z.infer<typeof kommuneSchema>;

/** Validates the reference list: 98 kommuner, unique codes. */
export const parseKommuner = (data: unknown): Kommune[] => {
  const kommuner = z.array(kommuneSchema).parse(data);
  const codes = new Set(kommuner.map((kommune) => kommune.code));
  if (codes.size !== kommuner.length) throw new Error('Duplicate kommune codes in the reference list');
  return kommuner;
};

/** Where the reference list is written: names and regions set, counters and settings left alone. */
export interface ReferenceKommunerStore {
  putKommuner(kommuner: readonly Kommune[]): Promise<void>;
}

/**
 * Loads the reference list (shared/kommuner.json) into the kommuner table: creates the missing,
 * updates names and regions, never touches counters. The same code runs for `npm start` and, as a
 * CloudFormation custom resource, on every deploy that changes the list.
 */
export const loadReferenceKommuner = async (
  store: ReferenceKommunerStore,
  data: unknown,
): Promise<number> => {
  const kommuner = parseKommuner(data);
  await store.putKommuner(kommuner);
  return kommuner.length;
};

export interface KommuneCounters {
  /** Confirmed, not paused, ready volunteers with room for one more. */
  readonly availableVolunteers: number;
  /** Refugees who consented and wait for a friend. */
  readonly waitingRefugees: number;
  /** Anonymous: volunteers who ever confirmed a sign-up here. */
  readonly confirmedVolunteers: number;
  /** Anonymous: volunteers who left and deleted their data. */
  readonly volunteersLeft: number;
  /** Confirmed volunteers in the kommune now (the coordinators' volunteer list total). */
  readonly listedVolunteers: number;
}

export type KommuneWithCounters = Kommune &
  KommuneCounters & {
    /** Per local group: its confirmed and available volunteers in the kommune (volunteers without a group in none). */
    readonly groups?: Readonly<Record<string, { listedVolunteers: number; availableVolunteers: number }>>;
  };

/** Volunteers missing in a kommune (its gap): refugees waiting beyond the available volunteers. */
export const missingVolunteers = (k: Pick<KommuneCounters, 'waitingRefugees' | 'availableVolunteers'>) =>
  Math.max(0, k.waitingRefugees - k.availableVolunteers);

/** The regions of these kommuner, each once, in Danish alphabetical order. */
export const regionsOf = (kommuner: readonly Kommune[]): { code: string; name: string }[] =>
  [...new Map(kommuner.map((k) => [k.regionCode, k.region])).entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));

/** A kommune's matches in one status (`matches:active`), kept with the kommune: the match list's total. */
export type MatchCounter = `matches:${string}`;

/** A local group's volunteers in the kommune (`group:<id>:listedVolunteers`), kept with the kommune: figures per group. */
export type GroupCounter = `group:${string}:${'listedVolunteers' | 'availableVolunteers'}`;
export const groupCounter = (
  groupId: string,
  counter: 'listedVolunteers' | 'availableVolunteers',
): GroupCounter => `group:${groupId}:${counter}`;

export interface CounterChange {
  readonly kommuneCode: string;
  readonly counter: keyof KommuneCounters | MatchCounter | GroupCounter;
  readonly delta: number;
}

/**
 * How a match's change moves its kommune's match counters: out of the status (and kommune) it
 * was in, into the one it is in now. Every writer of a match's status adds these to its
 * transaction, so the counters never drift from the matches.
 */
export const matchCounterChanges = (
  before: { kommuneCode: string; status: string } | undefined,
  after: { kommuneCode: string; status: string },
): CounterChange[] =>
  before && before.kommuneCode === after.kommuneCode && before.status === after.status
    ? []
    : [
        ...(before
          ? [
              {
                kommuneCode: before.kommuneCode,
                counter: `matches:${before.status}` as MatchCounter,
                delta: -1,
              },
            ]
          : []),
        { kommuneCode: after.kommuneCode, counter: `matches:${after.status}` as MatchCounter, delta: 1 },
      ];
