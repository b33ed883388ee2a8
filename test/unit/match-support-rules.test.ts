import { describe, expect, it } from 'vitest';
import { matchTasks, tasksMootFor } from '../../functions/domain/coordinator-task.ts';
import {
  attentionDay,
  kindOfTaskId,
  kommuneTasks,
  settleTask,
  type Task,
  type TaskDeps,
} from '../../functions/domain/coordinator-tasks.ts';
import type { HandoverRecord } from '../../functions/domain/handover.ts';
import type { Match } from '../../functions/domain/match.ts';
import { meetingsPerMonth, reachedSixMonths } from '../../functions/domain/match.ts';
import { mayMatch, refugeeProfile, volunteerProfile } from '../../functions/domain/match-scoring.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import {
  certificateRenewalDue,
  certificateState,
  certificateValidUntil,
  missingBeforeMatch,
  missingFor,
} from '../../functions/domain/volunteer-readiness.ts';
import { withScreening } from '../../functions/domain/volunteer-screening.ts';
import { checkInAt, checkInById, latestCheckInReached, monthDays } from '../../shared/check-in-schedule.ts';
import { matchActionSchema } from '../../shared/matching-contract.ts';
import { readinessRules } from '../../shared/volunteer-readiness.ts';

const now = new Date('2026-12-01T10:00:00Z');
const day = 24 * 3600 * 1000;

const volunteer = (extra: Partial<Volunteer> = {}): Volunteer =>
  ({
    id: 'V'.repeat(32),
    name: 'Frida Frivillig',
    kommuneCode: '201',
    postalCode: '3450',
    kind: 'family',
    children: 2,
    languages: ['danish'],
    helpWith: [],
    capacity: 1,
    activeMatches: 0,
    status: 'confirmed',
    paused: false,
    ready: true,
    organisation: 'red-cross',
    confirmedAt: '2026-09-01T10:00:00.000Z',
    updatedAt: '2026-09-01T10:00:00.000Z',
    ...extra,
  }) as Volunteer;

const family = (childrenAges: number[]) =>
  ({
    id: 'R'.repeat(32),
    kommuneCode: '201',
    status: 'waiting',
    consent: { shareWithVolunteers: true, shareWithKommune: true },
    recordedAt: '2026-10-01T10:00:00.000Z',
    person: {
      name: 'Amal Familie',
      household: 'family',
      childrenAges,
      languages: ['arabic'],
      danishLevel: 'none',
      englishLevel: 'none',
      helpWith: [],
      preferredVolunteerGender: 'no-preference',
      expectedMovingDate: '2026-10-01',
    },
  }) as unknown as HandoverRecord;

const introduced = { on: '2026-09-05', by: 'Karl Koordinator' };
const declaration = { at: '2026-09-05T10:00:00.000Z', by: 'volunteer' };

describe('a volunteer ready for a first match', () => {
  it('needs an introduction and the declaration, as the organisation says; a course only where required', () => {
    expect(readinessRules['red-cross']).toMatchObject({
      introduction: 'required',
      confidentiality: 'required',
    });
    expect(missingBeforeMatch(volunteer())).toEqual(['introduction', 'confidentiality']);
    expect(missingBeforeMatch(volunteer({ screening: { introduction: introduced } }))).toEqual([
      'confidentiality',
    ]);
    expect(
      missingBeforeMatch(
        volunteer({ screening: { introduction: introduced, confidentiality: declaration } }),
      ),
    ).toEqual([]);
  });

  it('needs an approved børneattest for a household with a child under 15, and as a friend family', () => {
    const screened = { introduction: introduced, confidentiality: declaration };
    const friend = volunteer({ kind: 'friend', children: undefined, screening: screened });
    expect(missingFor(friend, false, '2026-12-01')).toEqual([]);
    expect(missingFor(friend, true, '2026-12-01')).toEqual(['child-certificate']);
    const friendFamily = volunteer({ screening: screened });
    // A friend family always (the programme's rule), whatever the household.
    expect(missingFor(friendFamily, false, '2026-12-01')).toEqual(['child-certificate']);
    const requested = volunteer({
      screening: { ...screened, childCertificate: { requestedOn: '2026-11-20' } },
    });
    expect(missingFor(requested, true, '2026-12-01')).toEqual(['child-certificate']);
    const refused = volunteer({
      screening: { ...screened, childCertificate: { decidedOn: '2026-11-25', assessment: 'not-approved' } },
    });
    expect(missingFor(refused, true, '2026-12-01')).toEqual(['child-certificate']);
    const approved = volunteer({
      screening: { ...screened, childCertificate: { decidedOn: '2026-11-25', assessment: 'approved' } },
    });
    expect(missingFor(approved, true, '2026-12-01')).toEqual([]);
    expect(certificateValidUntil(approved)).toBe('2028-11-24');
    expect(certificateRenewalDue(approved)).toBe('2028-10-26');
    expect(certificateState(approved, '2028-11-24')).toBe('valid');
    expect(certificateState(approved, '2028-11-25')).toBe('expired');
    expect(missingFor(approved, true, '2028-11-25')).toEqual(['child-certificate-expired']);
  });

  it('is a hard rule of matching: a friend family without børneattest is never offered to a family with a 6-year-old', () => {
    const screened = { introduction: introduced, confidentiality: declaration };
    const withChild = refugeeProfile(family([6]));
    const teenagers = refugeeProfile(family([15, 16]));
    const friendFamily = volunteer({ screening: screened });
    expect(mayMatch(withChild, volunteerProfile(friendFamily, now))).toBe(false);
    const friend = volunteer({ kind: 'friend', children: undefined, screening: screened });
    expect(mayMatch(withChild, volunteerProfile(friend, now))).toBe(false);
    expect(mayMatch(teenagers, volunteerProfile(friend, now))).toBe(true);
    const approved = {
      ...screened,
      childCertificate: {
        requestedOn: '2026-11-20',
        decidedOn: '2026-11-25',
        assessment: 'approved' as const,
      },
    };
    expect(mayMatch(withChild, volunteerProfile(volunteer({ screening: approved }), now))).toBe(true);
    expect(mayMatch(withChild, volunteerProfile(volunteer(), now))).toBe(false);
  });

  it('is recorded by a coordinator: filled fields set, empty ones keep, and no date after today', () => {
    const v = volunteer({ screening: { introduction: introduced } });
    const after = withScreening(
      v,
      { confidentiality: true, certificateDecidedOn: '2026-11-30', assessment: 'approved' },
      'Karl Koordinator',
      now,
    );
    expect(after.screening).toEqual({
      introduction: introduced,
      confidentiality: { at: now.toISOString(), by: 'Karl Koordinator' },
      childCertificate: { decidedOn: '2026-11-30', assessment: 'approved' },
    });
    expect(() =>
      withScreening(v, { introductionOn: '2026-12-02', confidentiality: false }, 'K', now),
    ).toThrow();
  });
});

describe('the check-in schedule', () => {
  it('is 2 and 6 weeks, 3 and 6 months, then every 3 months, with ids that come back from links', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => checkInAt(n)?.id)).toEqual([
      '2-weeks',
      '6-weeks',
      '3-months',
      '6-months',
      '9-months',
      '12-months',
    ]);
    expect(monthDays(12)).toBe(365);
    expect(checkInById('12-months')?.days).toBe(365);
    expect(checkInById('13-months')).toBeUndefined();
    expect(checkInById('__proto__')).toBeUndefined();
    expect(latestCheckInReached(13)).toBeUndefined();
    expect(latestCheckInReached(400)?.id).toBe('12-months');
  });
});

const match = (extra: Partial<Match> = {}): Match =>
  ({
    id: 'M'.repeat(32),
    consentId: 'R'.repeat(32),
    volunteerId: 'V'.repeat(32),
    kommuneCode: '201',
    status: 'active',
    proposedAt: '2026-06-01T10:00:00.000Z',
    activeSince: '2026-06-02T10:00:00.000Z',
    followUps: {},
    version: 3,
    ...extra,
  }) as Match;

describe('outcomes of a match', () => {
  it('counts six months once its check-in was sent (as the figures do), and meetings per month over its life', () => {
    const sent = (ids: string[]) =>
      Object.fromEntries(ids.map((id) => [id, { sentAt: '2026-06-02T10:00:00.000Z' }]));
    expect(reachedSixMonths(match({ followUps: sent(['2-weeks', '6-weeks', '3-months']) }))).toBe(false);
    expect(reachedSixMonths(match({ followUps: sent(['3-months', '6-months']) }))).toBe(true);
    // Found late, a match may get its 9-month check-in without the 6-month one: past six months too.
    expect(reachedSixMonths(match({ followUps: sent(['9-months']) }))).toBe(true);
    expect(reachedSixMonths(match())).toBe(false);
    expect(
      meetingsPerMonth(match({ meetings: 12 }), new Date(Date.parse('2026-06-02T10:00:00Z') + 182 * day)),
    ).toBe(2);
    // A match of a week still counts as one month: no 8 meetings "a month" from two in a week.
    expect(
      meetingsPerMonth(match({ meetings: 2 }), new Date(Date.parse('2026-06-02T10:00:00Z') + 7 * day)),
    ).toBe(2);
  });

  it('closes with a reason from the list of whoever ended it', () => {
    const end = (body: Record<string, unknown>) =>
      matchActionSchema.safeParse({ action: 'end', ...body }).success;
    expect(end({ planned: false, endedBy: 'volunteer', reason: 'no-time' })).toBe(true);
    expect(end({ planned: false, endedBy: 'refugee', reason: 'no-longer-needs' })).toBe(true);
    expect(end({ planned: true, endedBy: 'both', reason: 'completed' })).toBe(true);
    expect(end({ planned: false, endedBy: 'refugee', reason: 'no-time' })).toBe(false);
    expect(end({ planned: false, endedBy: 'volunteer', reason: 'no-longer-needs' })).toBe(false);
    expect(end({ endedBy: 'both', reason: 'completed' })).toBe(false);
  });
});

describe("the coordinator's tasks", () => {
  const emptyStore = (stored: Task[] = [], hidden = new Map<string, string>()) => {
    const calls: string[] = [];
    const deps: TaskDeps = {
      tasks: {
        openDue: async (code, until) => {
          calls.push(`openDue ${code}`);
          return stored.filter((t) => t.kommuneCode === code && t.dueAt <= until);
        },
        hidden: async (code) => {
          calls.push(`hidden ${code}`);
          return hidden;
        },
        complete: async () => true,
        snooze: async () => true,
        hide: async (_code, id, until) => void hidden.set(id, until),
        existing: async () => [],
      },
      sources: {
        waitingBefore: async (code) => {
          calls.push(`waiting ${code}`);
          return [family([6])];
        },
        needingAttention: async (code) => {
          calls.push(`attention ${code}`);
          return [volunteer({ kind: 'friend', confirmedAt: '2026-09-01T10:00:00.000Z' })];
        },
      },
      now: () => now,
    };
    return { deps, calls, hidden };
  };

  it('reads four key Queries per kommune and derives the waiting and the never-matched', async () => {
    const proposal = matchTasks.proposalUnanswered(
      match({ status: 'proposed', proposedAt: '2026-11-20T10:00:00.000Z' }),
    );
    const notYet = matchTasks.proposalUnanswered(
      match({ id: 'N'.repeat(32), status: 'proposed', proposedAt: '2026-11-30T10:00:00.000Z' }),
    );
    const { deps, calls } = emptyStore([proposal, notYet]);
    const tasks = await kommuneTasks(deps, '201', now);
    expect(calls.sort()).toEqual(['attention 201', 'hidden 201', 'openDue 201', 'waiting 201']);
    expect(tasks.map((t) => t.kind).sort()).toEqual([
      'proposal-unanswered',
      'refugee-waiting',
      'volunteer-unmatched',
    ]);
    const waiting = tasks.find((t) => t.kind === 'refugee-waiting');
    expect(waiting).toMatchObject({ subjectName: 'Amal Familie', days: 61 });
    expect(tasks.find((t) => t.kind === 'volunteer-unmatched')).toMatchObject({ days: 91 });
  });

  it('keeps a derived task out of the list once done, and a snoozed one for a week', async () => {
    const { deps: store, hidden } = emptyStore();
    // The volunteers the queue's volunteer tasks are about: one of no group, one of another group's.
    const deps = {
      ...store,
      volunteers: {
        get: async (id: string) =>
          id === 'W'.repeat(32) ? volunteer({ id, groupId: 'andre-gruppe' }) : undefined,
      },
    };
    const actor = { sub: 'k', name: 'Karl', roles: ['coordinator'], centres: [], kommuner: ['201'] };
    const [first] = (await kommuneTasks(deps, '201', now)).filter((t) => t.kind === 'refugee-waiting');
    await settleTask(deps, actor, '201', first?.id ?? '', 'done');
    expect(hidden.get(first?.id ?? '')).toBe('9999-12-31');
    expect((await kommuneTasks(deps, '201', now)).some((t) => t.kind === 'refugee-waiting')).toBe(false);
    const [unmatched] = (await kommuneTasks(deps, '201', now)).filter(
      (t) => t.kind === 'volunteer-unmatched',
    );
    await settleTask(deps, actor, '201', unmatched?.id ?? '', 'snooze');
    expect(hidden.get(unmatched?.id ?? '')).toBe('2026-12-08');
    expect(
      (await kommuneTasks(deps, '201', new Date('2026-12-08T10:00:00Z'))).some(
        (t) => t.kind === 'volunteer-unmatched',
      ),
    ).toBe(true);
    // Another kommune's, or an id that is no task, is not found.
    await expect(settleTask(deps, actor, '147', first?.id ?? '', 'done')).rejects.toThrow(
      'Opgaven findes ikke',
    );
    await expect(settleTask(deps, actor, '201', 'refugee-waiting#../../x', 'done')).rejects.toThrow();
    // Another group's volunteer's task is theirs: not found for this coordinator.
    await expect(
      settleTask(deps, actor, '201', `volunteer-unmatched#${'W'.repeat(32)}`, 'done'),
    ).rejects.toThrow('Opgaven findes ikke');
    expect(hidden.has(`volunteer-unmatched#${'W'.repeat(32)}`)).toBe(false);
    expect(kindOfTaskId(`concern#${'M'.repeat(32)}#2026-12-01T10:00:00.000Z#concern`)).toBe('concern');
  });

  it("closes a proposal's task with the proposal, and a check-in's with its answer", () => {
    expect(tasksMootFor(match({ status: 'proposed' }))).toEqual([
      { kommuneCode: '201', id: `proposal-unanswered#${'M'.repeat(32)}` },
    ]);
    const asked = match({
      followUps: {
        '2-weeks': { sentAt: '2026-06-16T10:00:00.000Z', answer: 'meeting-regularly' },
        '6-weeks': { sentAt: '2026-07-14T10:00:00.000Z' },
      },
    });
    // The latest first: the unanswered one's task, and the task the answer opened.
    expect(tasksMootFor(asked)).toEqual([
      { kommuneCode: '201', id: `check-in-unanswered#${'M'.repeat(32)}#6-weeks` },
      { kommuneCode: '201', id: `check-in-answer#${'M'.repeat(32)}#2-weeks` },
    ]);
    // A match of many years closes only its latest check-ins' tasks: a departure is one transaction.
    const years = match({
      followUps: Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [
          `${9 + i * 3}-months`,
          { sentAt: new Date(Date.UTC(2027, i, 1)).toISOString() },
        ]),
      ),
    });
    expect(tasksMootFor(years)).toHaveLength(8);
    expect(tasksMootFor(years)[0]?.id).toContain('#96-months');
    expect(matchTasks.checkInAnswer(asked, '6-weeks', 'something-difficult', now.toISOString()).urgent).toBe(
      true,
    );
    expect(matchTasks.concern(asked, 'k', now.toISOString()).urgent).toBe(true);
  });

  it("keeps the volunteer's next attention day on their item: 60 days unmatched, or the renewal", () => {
    expect(attentionDay(volunteer({ confirmedAt: '2026-09-01T10:00:00.000Z' }))).toBe('2026-10-31');
    expect(attentionDay(volunteer({ firstProposedAt: '2026-09-10T10:00:00.000Z' }))).toBeUndefined();
    expect(
      attentionDay(
        volunteer({
          firstProposedAt: '2026-09-10T10:00:00.000Z',
          screening: { childCertificate: { decidedOn: '2026-09-01', assessment: 'approved' } },
        }),
      ),
    ).toBe('2028-08-02');
    expect(attentionDay(volunteer({ status: 'unconfirmed' }))).toBeUndefined();
  });
});
