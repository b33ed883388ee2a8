import { type CounterChange, groupCounter } from './kommune.ts';
import { isAvailable, type Volunteer } from './volunteer.ts';

/**
 * How a change from `before` to `after` moves the kommune counters (undefined = did not exist /
 * erased). Every use case that saves a volunteer writes these in the same transaction, so the
 * public figures never drift from the volunteers they count.
 */
export const counterChanges = (
  before: Volunteer | undefined,
  after: Volunteer | undefined,
): CounterChange[] => {
  const changes: CounterChange[] = [];
  const wasAvailable = before !== undefined && isAvailable(before);
  const nowAvailable = after !== undefined && isAvailable(after);
  const moved = before && after && before.kommuneCode !== after.kommuneCode;
  if (wasAvailable && (!nowAvailable || moved))
    changes.push({ kommuneCode: before.kommuneCode, counter: 'availableVolunteers', delta: -1 });
  if (nowAvailable && (!wasAvailable || moved))
    changes.push({ kommuneCode: after.kommuneCode, counter: 'availableVolunteers', delta: 1 });
  if (before?.status === 'unconfirmed' && after?.status === 'confirmed') {
    changes.push({ kommuneCode: after.kommuneCode, counter: 'confirmedVolunteers', delta: 1 });
  }
  if (before?.status === 'confirmed' && after === undefined) {
    changes.push({ kommuneCode: before.kommuneCode, counter: 'volunteersLeft', delta: 1 });
  }
  const wasListed = before?.status === 'confirmed';
  const nowListed = after?.status === 'confirmed';
  if (wasListed && (!nowListed || moved))
    changes.push({ kommuneCode: before.kommuneCode, counter: 'listedVolunteers', delta: -1 });
  if (nowListed && (!wasListed || moved))
    changes.push({ kommuneCode: after.kommuneCode, counter: 'listedVolunteers', delta: 1 });
  return [...changes, ...groupCounterChanges(before, after)];
};

/** The same two counts per local group (a volunteer moved to another group moves with them). */
const groupCounterChanges = (
  before: Volunteer | undefined,
  after: Volunteer | undefined,
): CounterChange[] => {
  const counted = (v: Volunteer | undefined) =>
    v?.groupId
      ? [
          ...(v.status === 'confirmed'
            ? [{ kommuneCode: v.kommuneCode, counter: groupCounter(v.groupId, 'listedVolunteers') }]
            : []),
          ...(isAvailable(v)
            ? [{ kommuneCode: v.kommuneCode, counter: groupCounter(v.groupId, 'availableVolunteers') }]
            : []),
        ]
      : [];
  const was = counted(before);
  const now = counted(after);
  const same = (a: { kommuneCode: string; counter: string }, b: { kommuneCode: string; counter: string }) =>
    a.kommuneCode === b.kommuneCode && a.counter === b.counter;
  return [
    ...was.filter((w) => !now.some((n) => same(w, n))).map((w) => ({ ...w, delta: -1 })),
    ...now.filter((n) => !was.some((w) => same(w, n))).map((n) => ({ ...n, delta: 1 })),
  ];
};
