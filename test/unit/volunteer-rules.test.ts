import { describe, expect, it } from 'vitest';
import {
  applyAction,
  confirm,
  decideUnconfirmed,
  isAvailable,
  newVolunteer,
  reminderAfterDays,
  unconfirmedRetentionDays,
  unconfirmedSchedule,
  updateDetails,
  type Volunteer,
  withPlacesTaken,
} from '../../functions/domain/volunteer.ts';
import { counterChanges } from '../../functions/domain/volunteer-counters.ts';
import {
  normalisePhone,
  privacyNoticeVersion,
  type VolunteerSignup,
} from '../../shared/volunteer-contract.ts';

const signup: VolunteerSignup = {
  name: 'Åse',
  email: 'ase@example.dk',
  phone: undefined,
  kommuneCode: '751',
  postalCode: '8000',
  kind: 'friend',
  languages: ['danish'],
  helpWith: ['homework'],
  meetingFrequency: 'weekly',
  capacity: 1,
  arrivalAlerts: true,
  organisation: 'none',
  language: 'da',
  consent: true,
  privacyNoticeVersion,
};
const created = new Date('2026-11-01T10:00:00Z');
const fresh = () => newVolunteer(signup, created);
const at = (iso: string) => new Date(iso);

describe('phone numbers', () => {
  it('normalises Danish numbers to +45 and keeps international ones', () => {
    expect(
      ['20304050', '20 30 40 50', '+45 20 30 40 50', '0045-20304050', '(+45) 2030 4050'].map(normalisePhone),
    ).toEqual(Array(5).fill('+4520304050'));
    expect(normalisePhone('+46 70 123 45 67')).toBe('+46701234567');
    expect(['1234', '203040501', '+0123456789', 'tlf 20304050'].map(normalisePhone)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('availability', () => {
  it('counts only confirmed, unpaused, ready volunteers with room for one more', () => {
    const confirmed = confirm(fresh(), created);
    expect(isAvailable(fresh())).toBe(false);
    expect(isAvailable(confirmed)).toBe(true);
    expect(isAvailable(applyAction(confirmed, 'pause', created))).toBe(false);
    expect(isAvailable(applyAction(confirmed, 'not-ready', created))).toBe(false);
    expect(isAvailable({ ...confirmed, activeMatches: 1 })).toBe(false);
    expect(isAvailable({ ...confirmed, capacity: 2, activeMatches: 1 })).toBe(true);
    expect(isAvailable(applyAction(confirmed, 'stop-emails', created))).toBe(true);
  });

  it('"ready for a new friend" also ends a pause', () => {
    const v = applyAction(applyAction(confirm(fresh(), created), 'pause', created), 'ready', created);
    expect([v.paused, v.ready]).toEqual([false, true]);
  });
});

describe('counter changes', () => {
  const confirmed = confirm(fresh(), created);
  it('counts a confirmation as one more available, confirmed and listed volunteer', () => {
    expect(counterChanges(fresh(), confirmed)).toEqual([
      { kommuneCode: '751', counter: 'availableVolunteers', delta: 1 },
      { kommuneCode: '751', counter: 'confirmedVolunteers', delta: 1 },
      { kommuneCode: '751', counter: 'listedVolunteers', delta: 1 },
    ]);
  });
  it('moves availability and the listing between kommuner, and counts nothing for changes that keep it', () => {
    const moved: Volunteer = { ...confirmed, kommuneCode: '101' };
    expect(counterChanges(confirmed, moved)).toEqual([
      { kommuneCode: '751', counter: 'availableVolunteers', delta: -1 },
      { kommuneCode: '101', counter: 'availableVolunteers', delta: 1 },
      { kommuneCode: '751', counter: 'listedVolunteers', delta: -1 },
      { kommuneCode: '101', counter: 'listedVolunteers', delta: 1 },
    ]);
    // A pause keeps them listed (and counted there), only no longer available.
    expect(counterChanges(confirmed, { ...confirmed, paused: true })).toEqual([
      { kommuneCode: '751', counter: 'availableVolunteers', delta: -1 },
    ]);
    expect(counterChanges(confirmed, { ...confirmed, name: 'Other' })).toEqual([]);
    expect(counterChanges(fresh(), { ...fresh(), kommuneCode: '101' })).toEqual([]);
  });
  it('counts an erasure as one fewer available and one more who left (only if they had confirmed)', () => {
    expect(counterChanges(confirmed, undefined)).toEqual([
      { kommuneCode: '751', counter: 'availableVolunteers', delta: -1 },
      { kommuneCode: '751', counter: 'volunteersLeft', delta: 1 },
      { kommuneCode: '751', counter: 'listedVolunteers', delta: -1 },
    ]);
    expect(counterChanges(fresh(), undefined)).toEqual([]);
  });
});

describe('unconfirmed sign-ups: one reminder, deleted after 30 days', () => {
  it('does nothing before day 7, reminds once from day 7, deletes from day 30', () => {
    const v = fresh();
    expect(decideUnconfirmed(v, at('2026-11-07T10:00:00Z'))).toBe('nothing');
    expect(decideUnconfirmed(v, at('2026-11-08T10:00:00Z'))).toBe('remind');
    expect(
      decideUnconfirmed({ ...v, reminderSentAt: '2026-11-08T10:00:00Z' }, at('2026-11-20T10:00:00Z')),
    ).toBe('nothing');
    expect(decideUnconfirmed({ ...v, emailOptOut: true }, at('2026-11-08T10:00:00Z'))).toBe('nothing');
    expect(decideUnconfirmed(v, at('2026-12-01T09:59:59Z'))).toBe('remind');
    expect(decideUnconfirmed(v, at('2026-12-01T10:00:00Z'))).toBe('delete');
    expect(decideUnconfirmed(confirm(v, created), at('2027-01-01T00:00:00Z'))).toBe('nothing');
  });
});

describe('a volunteer’s own changes', () => {
  const later = at('2026-11-05T10:00:00Z');
  const base = () => confirm(fresh(), created);

  it('starts a sign-up unconfirmed, ready, with no matches; a family with its defaults', () => {
    expect(fresh()).toMatchObject({
      status: 'unconfirmed',
      paused: false,
      ready: true,
      emailOptOut: false,
      activeMatches: 0,
      consentedAt: created.toISOString(),
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      adults: undefined,
      children: undefined,
    });
    expect(fresh().id).toMatch(/^[\w-]{32}$/);
    expect(fresh().id).not.toBe(fresh().id);
    expect(newVolunteer(signup, created, 'fixed').id).toBe('fixed');
    expect(fresh()).not.toHaveProperty('consent');
    const family = newVolunteer({ ...signup, kind: 'family' }, created);
    expect([family.adults, family.children]).toEqual([2, 0]);
    const named = newVolunteer({ ...signup, kind: 'family', adults: 1, children: 3 }, created);
    expect([named.adults, named.children]).toEqual([1, 3]);
    const other = newVolunteer(
      { ...signup, organisation: 'other-association', organisationName: 'Foreningen' },
      created,
    );
    expect(other.organisationName).toBe('Foreningen');
    expect(
      newVolunteer({ ...signup, organisationName: 'Foreningen' }, created).organisationName,
    ).toBeUndefined();
  });

  it('confirms once: a second confirmation changes nothing', () => {
    const confirmed = confirm(fresh(), later);
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      confirmedAt: later.toISOString(),
      updatedAt: later.toISOString(),
    });
    expect(confirm(confirmed, at('2026-12-01T00:00:00Z'))).toBe(confirmed);
  });

  it('applies each action and stamps the change', () => {
    const v = base();
    const cases: [Parameters<typeof applyAction>[1], Partial<Volunteer>][] = [
      ['pause', { paused: true }],
      ['resume', { paused: false }],
      ['ready', { ready: true, paused: false }],
      ['not-ready', { ready: false }],
      ['stop-emails', { emailOptOut: true }],
      ['resume-emails', { emailOptOut: false }],
    ];
    const flipped = { ...v, paused: true, ready: false, emailOptOut: true };
    for (const [action, change] of cases) {
      const after = applyAction(
        action.startsWith('resume') || action === 'ready' ? flipped : v,
        action,
        later,
      );
      expect(after, action).toMatchObject({ ...change, updatedAt: later.toISOString() });
    }
  });

  it('changes details, keeping a family’s numbers only for a family', () => {
    const v = base();
    const {
      email: _e,
      consent: _c,
      privacyNoticeVersion: _p,
      heardFrom: _h,
      utmSource: _s,
      utmCampaign: _u,
      ...details
    } = signup;
    const family = updateDetails(v, { ...details, kind: 'family', name: 'Ny' }, later);
    expect(family).toMatchObject({
      name: 'Ny',
      kind: 'family',
      adults: 2,
      children: 0,
      updatedAt: later.toISOString(),
    });
    expect(updateDetails(v, { ...details, kind: 'family', adults: 3, children: 2 }, later)).toMatchObject({
      adults: 3,
      children: 2,
    });
    const friend = updateDetails(family, { ...details, kind: 'friend', adults: 3, children: 2 }, later);
    expect([friend.adults, friend.children]).toEqual([undefined, undefined]);
    expect(
      updateDetails(v, { ...details, organisation: 'other-association', organisationName: 'F' }, later)
        .organisationName,
    ).toBe('F');
    expect(updateDetails(v, { ...details, organisationName: 'F' }, later).organisationName).toBeUndefined();
    expect(updateDetails(v, details, later).email).toBe(v.email);
  });

  it('takes and gives back places, never below none', () => {
    const v = base();
    expect(withPlacesTaken(v, 1, later)).toMatchObject({ activeMatches: 1, updatedAt: later.toISOString() });
    expect(withPlacesTaken({ ...v, activeMatches: 2 }, -1, later).activeMatches).toBe(1);
    expect(withPlacesTaken(v, -1, later).activeMatches).toBe(0);
  });

  it('schedules an unconfirmed sign-up’s reminder at 7 days and its deletion at 30', () => {
    expect(unconfirmedSchedule({ createdAt: created.toISOString() })).toEqual({
      remindAt: at('2026-11-08T10:00:00Z'),
      deleteAt: at('2026-12-01T10:00:00Z'),
    });
    expect([reminderAfterDays, unconfirmedRetentionDays]).toEqual([7, 30]);
  });
});
