import type { CounterChange } from './kommune.ts';
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
  return changes;
};
