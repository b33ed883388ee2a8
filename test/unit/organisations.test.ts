import { describe, expect, it } from 'vitest';
import { activationList, largeGap } from '../../functions/domain/activation.ts';
import type { KommuneWithCounters } from '../../functions/domain/kommune.ts';
import {
  activeGroupsIn,
  bestFitGroupFor,
  coveredKommuner,
  type LocalGroup,
  seesVolunteer,
  splitByVisibility,
} from '../../functions/domain/organisations.ts';
import { shownGroupFigures } from '../../functions/domain/secretariat-figures.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { counterChanges } from '../../functions/domain/volunteer-counters.ts';

/** The rules of organisations and local groups that need no services. */

const group = (id: string, fields: Partial<LocalGroup> = {}): LocalGroup => ({
  id,
  organisationId: 'org',
  name: id,
  kommuner: ['101'],
  email: `${id}@example.dk`,
  active: true,
  offers: ['friends'],
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...fields,
});

const kommune = (
  code: string,
  waiting: number,
  available: number,
  regionCode = '1084',
): KommuneWithCounters => ({
  code,
  name: `K${code}`,
  regionCode,
  region: `R${regionCode}`,
  waitingRefugees: waiting,
  availableVolunteers: available,
  confirmedVolunteers: 0,
  volunteersLeft: 0,
  listedVolunteers: 0,
});

describe('who sees a volunteer', () => {
  const coordinator = (groups: string[], kommuner = ['101']) => ({
    roles: ['coordinator'],
    kommuner,
    groups,
  });
  it('shows a group’s volunteer to its own coordinators and the secretariat only', () => {
    const ofA = { kommuneCode: '101', groupId: 'a' };
    expect(seesVolunteer(coordinator(['a']), ofA)).toBe(true);
    expect(seesVolunteer(coordinator(['b']), ofA)).toBe(false);
    expect(seesVolunteer(coordinator([]), ofA)).toBe(false);
    expect(seesVolunteer({ roles: ['admin'], kommuner: [] }, ofA)).toBe(true);
    expect(seesVolunteer({ roles: ['caseworker'], kommuner: ['101'], groups: ['a'] }, ofA)).toBe(false);
  });
  it('shows a volunteer of no group to every coordinator of the kommune, and nobody else', () => {
    const none = { kommuneCode: '101' };
    expect(seesVolunteer(coordinator(['b']), none)).toBe(true);
    expect(seesVolunteer(coordinator([]), none)).toBe(true);
    expect(seesVolunteer(coordinator(['a'], ['147']), none)).toBe(false);
  });
  it('splits available volunteers into those seen and other groups’ counts', () => {
    const v = (id: string, groupId?: string, extra: Partial<Volunteer> = {}) =>
      ({
        id,
        kommuneCode: '101',
        groupId,
        capacity: 2,
        activeMatches: 1,
        languages: ['arabic'],
        kind: 'friend',
        ...extra,
      }) as Volunteer;
    const { visible, otherGroups } = splitByVisibility(coordinator(['a']), [
      v('1', 'a'),
      v('2'),
      v('3', 'b'),
      v('4', 'b', { kind: 'family', languages: ['danish'], activeMatches: 0 }),
    ]);
    expect(visible.map((x) => x.id)).toEqual(['1', '2']);
    expect(otherGroups).toEqual([
      { groupId: 'b', volunteers: 2, places: 3, languages: ['arabic', 'danish'], friendFamilies: 1 },
    ]);
  });
});

describe('coverage and the best fit', () => {
  it('gives a coordinator the kommuner of their active groups besides their own', () => {
    expect(
      coveredKommuner(
        ['201'],
        [group('a', { kommuner: ['101', '147'] }), group('b', { kommuner: ['751'], active: false })],
      ).sort(),
    ).toEqual(['101', '147', '201']);
  });
  it('offers the active groups of a kommune, by organisation then name', () => {
    const groups = [
      group('z', { organisationId: 'b', name: 'Ø' }),
      group('y', { organisationId: 'a', name: 'B' }),
      group('x', { organisationId: 'a', name: 'A' }),
      group('w', { active: false }),
      group('v', { kommuner: ['147'] }),
    ];
    expect(activeGroupsIn(groups, '101').map((g) => g.id)).toEqual(['x', 'y', 'z']);
  });
  it('fits a family to a group offering friend families, and spreads sign-ups over equal groups', () => {
    const groups = [group('friends'), group('families', { offers: ['friend-families'] }), group('more')];
    expect(bestFitGroupFor(groups, { id: 'abc', kommuneCode: '101', kind: 'family' })?.id).toBe('families');
    const picked = new Set(
      Array.from(
        { length: 40 },
        (_, i) => bestFitGroupFor(groups, { id: `id${i}`, kommuneCode: '101', kind: 'friend' })?.id,
      ),
    );
    expect(picked).toEqual(new Set(['friends', 'more']));
    // No group offers friend families: any group there; none there: not yet assigned.
    expect(bestFitGroupFor([group('friends')], { id: 'x', kommuneCode: '101', kind: 'family' })?.id).toBe(
      'friends',
    );
    expect(bestFitGroupFor(groups, { id: 'x', kommuneCode: '999', kind: 'friend' })).toBeUndefined();
  });
});

describe('the activation list', () => {
  const neighbours = new Map([['101', ['147']]]);
  it('lists where refugees wait with no active group, and where the gap is large, the empty first', () => {
    const rows = activationList(
      [kommune('101', 3, 0), kommune('147', largeGap + 5, 0), kommune('151', 2, 0), kommune('153', 0, 0)],
      [group('in-147', { kommuner: ['147'] }), group('in-151', { kommuner: ['151'] })],
      neighbours,
    );
    expect(rows.map((r) => [r.kommune.code, r.reason])).toEqual([
      ['101', 'no-active-group'],
      ['147', 'large-gap'],
    ]);
  });
  it('names the kommune’s own resting group, then the neighbours’ (active first), then the region’s', () => {
    const [row] = activationList(
      [kommune('101', 4, 0), kommune('147', 0, 0), kommune('159', 0, 0), kommune('751', 0, 0, '1082')],
      [
        group('region', { kommuner: ['159'] }),
        group('resting-neighbour', { kommuner: ['147'], active: false }),
        group('neighbour', { kommuner: ['147'] }),
        group('own', { kommuner: ['101'], active: false }),
        group('elsewhere', { kommuner: ['751'] }),
      ],
      neighbours,
    );
    expect(row?.candidates.map((c) => [c.group.id, c.nearness])).toEqual([
      ['own', 'same-kommune'],
      ['neighbour', 'neighbour'],
      ['resting-neighbour', 'neighbour'],
      ['region', 'region'],
    ]);
  });
});

describe('figures per group', () => {
  it('counts a volunteer under their group beside the kommune, and moves them with a new group', () => {
    const before = {
      id: 'v',
      status: 'confirmed',
      paused: false,
      ready: true,
      activeMatches: 0,
      capacity: 1,
      kommuneCode: '101',
      groupId: 'a',
    } as Volunteer;
    expect(counterChanges(before, { ...before, groupId: 'b' })).toEqual([
      { kommuneCode: '101', counter: 'group:a:listedVolunteers', delta: -1 },
      { kommuneCode: '101', counter: 'group:a:availableVolunteers', delta: -1 },
      { kommuneCode: '101', counter: 'group:b:listedVolunteers', delta: 1 },
      { kommuneCode: '101', counter: 'group:b:availableVolunteers', delta: 1 },
    ]);
    expect(counterChanges(before, { ...before, activeMatches: 1 })).toContainEqual({
      kommuneCode: '101',
      counter: 'group:a:availableVolunteers',
      delta: -1,
    });
    expect(counterChanges(before, undefined)).toContainEqual({
      kommuneCode: '101',
      counter: 'group:a:listedVolunteers',
      delta: -1,
    });
  });
  it('shows 1 and 2 as "under 3", and a share only over three known outcomes', () => {
    const figures = {
      volunteersNow: 2,
      availableNow: 0,
      matchesMade: 3,
      reachedSixMonths: 1,
      endedEarly: 1,
      endedAfterSixMonths: 0,
      shareReachedSixMonths: 0.5,
      recruited: 1,
      topSource: { channel: 'heard-from', source: 'facebook' } as const,
    };
    expect(shownGroupFigures(figures)).toEqual({
      volunteersNow: 'under 3',
      availableNow: 0,
      matchesMade: 3,
      reachedSixMonths: 'under 3',
      endedEarly: 'under 3',
      endedAfterSixMonths: 0,
      recruited: 'under 3',
    });
    expect(shownGroupFigures({ ...figures, reachedSixMonths: 2, recruited: 3 })).toMatchObject({
      shareReachedSixMonths: 0.5,
      topSource: { channel: 'heard-from', source: 'facebook' },
    });
  });
});
