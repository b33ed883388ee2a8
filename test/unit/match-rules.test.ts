import { describe, expect, it } from 'vitest';
import type { HandoverRecord, PersonDetails } from '../../functions/domain/handover.ts';
import {
  accept,
  answerFollowUp,
  cancel,
  daysFromArrival,
  decline,
  dueFollowUps,
  end,
  followUpSent,
  isMilestone,
  isOpen,
  lapse,
  type Match,
  MatchStateError,
  matchEmail,
  matchIdFor,
  newMatch,
  pause,
  proposalDue,
  proposalLapsesAt,
  proposalTimings,
  reminded,
  resume,
  sixMonths,
  volunteerLeft,
} from '../../functions/domain/match.ts';
import { optimalPlan } from '../../functions/domain/match-plan.ts';
import {
  explainPair,
  mayMatch,
  points,
  postalCodeIn,
  rankVolunteers,
  refugeeProfile,
  scorePair,
  type VolunteerProfile,
  volunteerProfile,
} from '../../functions/domain/match-scoring.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { screened } from './fakes.ts';

/** The match's life and the scoring of pairs, as plain rules (match.ts, match-scoring.ts, match-plan.ts). */

const t0 = new Date('2026-11-01T10:00:00Z');
const day = 24 * 3600 * 1000;
const later = (days: number) => new Date(t0.getTime() + days * day);
const staff = { sub: 's1', name: 'koordinator@venner.local' };

const proposed = (): Match =>
  newMatch({
    consentId: 'c1',
    round: 1,
    volunteerId: 'v1',
    kommuneCode: '101',
    score: 50,
    reasons: [],
    proposedBy: staff,
    arrivalDate: '2026-10-20',
    now: t0,
  });

describe('a match’s life', () => {
  it('starts proposed, with a fixed id per refugee and round', () => {
    const match = proposed();
    expect(match).toMatchObject({
      id: matchIdFor('c1', 1),
      consentId: 'c1',
      volunteerId: 'v1',
      kommuneCode: '101',
      status: 'proposed',
      score: 50,
      proposedAt: t0.toISOString(),
      proposedBy: staff,
      arrivalDate: '2026-10-20',
      followUps: {},
      version: 1,
      updatedAt: t0.toISOString(),
    });
    expect(matchIdFor('c1', 1)).toBe(matchIdFor('c1', 1));
    expect(matchIdFor('c1', 2)).not.toBe(matchIdFor('c1', 1));
    expect(matchIdFor('c2', 1)).not.toBe(matchIdFor('c1', 1));
    expect(matchIdFor('c1', 1)).toMatch(/^[\w-]{32}$/);
  });

  it('is open while proposed, active or paused', () => {
    expect(['proposed', 'active', 'paused'].every((s) => isOpen(s as Match['status']))).toBe(true);
    expect(['declined', 'cancelled', 'lapsed', 'ended'].some((s) => isOpen(s as Match['status']))).toBe(
      false,
    );
  });

  it('moves only as its rules allow, each step a new version', () => {
    const at = later(1);
    const active = accept(proposed(), at);
    expect(active).toMatchObject({
      status: 'active',
      answeredAt: at.toISOString(),
      activeSince: at.toISOString(),
      version: 2,
      updatedAt: at.toISOString(),
    });
    expect(decline(proposed(), at)).toMatchObject({
      status: 'declined',
      answeredAt: at.toISOString(),
      version: 2,
    });
    expect(cancel(proposed(), staff, at)).toMatchObject({
      status: 'cancelled',
      endedAt: at.toISOString(),
      endedBy: staff,
    });
    expect(lapse(proposed(), at)).toMatchObject({ status: 'lapsed', endedAt: at.toISOString(), version: 2 });
    const paused = pause(active, at);
    expect(paused).toMatchObject({ status: 'paused', version: 3 });
    expect(resume(paused, at)).toMatchObject({ status: 'active', version: 4 });
    expect(end(active, 'moved-away', staff, at)).toMatchObject({
      status: 'ended',
      endReason: 'moved-away',
      endedBy: staff,
      endedAt: at.toISOString(),
    });
    expect(end(paused, 'completed', staff, at).status).toBe('ended');
    expect(reminded(proposed(), at)).toMatchObject({ status: 'proposed', reminderSentAt: at.toISOString() });
  });

  it('refuses a step that does not fit the status, naming it', () => {
    const active = accept(proposed(), t0);
    expect(() => accept(active, t0)).toThrow(MatchStateError);
    expect(() => decline(active, t0)).toThrow(MatchStateError);
    expect(() => cancel(active, staff, t0)).toThrow(MatchStateError);
    expect(() => lapse(active, t0)).toThrow(MatchStateError);
    expect(() => reminded(active, t0)).toThrow(MatchStateError);
    expect(() => resume(active, t0)).toThrow(MatchStateError);
    expect(() => pause(proposed(), t0)).toThrow(MatchStateError);
    expect(() => end(proposed(), 'other', staff, t0)).toThrow(MatchStateError);
    const ended = end(active, 'other', staff, t0);
    expect(() => volunteerLeft(ended, t0)).toThrow(MatchStateError);
    try {
      pause(ended, t0);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('MatchStateError');
      expect((error as MatchStateError).status).toBe('ended');
      expect((error as Error).message).toBe('Not possible while the match is ended');
    }
  });

  it('ends or cancels when the volunteer leaves, whatever open state it is in', () => {
    const at = later(2);
    expect(volunteerLeft(proposed(), at)).toMatchObject({
      status: 'cancelled',
      endReason: 'volunteer-left',
      endedAt: at.toISOString(),
    });
    const active = accept(proposed(), t0);
    expect(volunteerLeft(active, at)).toMatchObject({ status: 'ended', endReason: 'volunteer-left' });
    expect(volunteerLeft(pause(active, t0), at).status).toBe('ended');
  });

  it('counts whole days from arrival to the yes, never below zero', () => {
    expect(daysFromArrival({ arrivalDate: '2026-10-20' }, new Date('2026-10-30T23:59:00Z'))).toBe(10);
    expect(daysFromArrival({ arrivalDate: '2026-10-20' }, new Date('2026-10-21T00:00:00Z'))).toBe(1);
    expect(daysFromArrival({ arrivalDate: '2026-10-20' }, new Date('2026-10-20T23:00:00Z'))).toBe(0);
    expect(daysFromArrival({ arrivalDate: '2026-10-20' }, new Date('2026-10-01T00:00:00Z'))).toBe(0);
  });
});

describe('an unanswered proposal', () => {
  it('is reminded once after 4 days and lapses after 7', () => {
    expect(proposalTimings).toEqual({ remindAfterDays: 4, lapseAfterDays: 7 });
    const match = proposed();
    expect(proposalDue(match, later(3.9))).toBeUndefined();
    expect(proposalDue(match, later(4))).toBe('remind');
    expect(proposalDue(reminded(match, later(4)), later(5))).toBeUndefined();
    expect(proposalDue(match, later(6.9))).toBe('remind');
    expect(proposalDue(match, later(7))).toBe('lapse');
    expect(proposalDue(reminded(match, later(4)), later(8))).toBe('lapse');
    expect(proposalDue(accept(match, later(1)), later(9))).toBeUndefined();
    expect(proposalLapsesAt(match)).toBe(later(7).toISOString());
  });
});

describe('follow-ups', () => {
  const active = accept(proposed(), t0);

  it('are due at 2 and 6 weeks, 3 and 6 months, then every 3 months; only the latest reached, once each', () => {
    expect(sixMonths).toBe('6-months');
    expect(dueFollowUps(active, later(13))).toEqual([]);
    expect(dueFollowUps(active, later(14))).toEqual(['2-weeks']);
    expect(dueFollowUps(active, later(41))).toEqual(['2-weeks']);
    expect(dueFollowUps(active, later(42))).toEqual(['6-weeks']);
    const sent = followUpSent(active, '6-weeks', later(42));
    expect(sent.followUps['6-weeks']).toEqual({ sentAt: later(42).toISOString() });
    expect(sent.version).toBe(active.version + 1);
    expect(dueFollowUps(sent, later(90))).toEqual([]);
    expect(dueFollowUps(sent, later(91))).toEqual(['3-months']);
    expect(dueFollowUps(sent, later(182))).toEqual(['6-months']);
    const year = [14, 42, 91, 182, 274, 365, 456].map((d) => dueFollowUps(active, later(d))[0]);
    expect(year).toEqual([
      '2-weeks',
      '6-weeks',
      '3-months',
      '6-months',
      '9-months',
      '12-months',
      '15-months',
    ]);
    // Found late: one email for the latest milestone, not a backlog.
    expect(dueFollowUps(active, later(200))).toEqual(['6-months']);
    expect(dueFollowUps(pause(active, t0), later(42))).toEqual(['6-weeks']);
    expect(isMilestone('9-months')).toBe(true);
    expect(isMilestone('7-months')).toBe(false);
    expect(isMilestone('constructor')).toBe(false);
    expect(dueFollowUps(proposed(), later(300))).toEqual([]);
    expect(dueFollowUps(end(active, 'other', staff, t0), later(300))).toEqual([]);
    expect(dueFollowUps({ ...active, activeSince: undefined }, later(300))).toEqual([]);
  });

  it('take one answer each, only once sent', () => {
    const sent = followUpSent(active, '6-weeks', later(42));
    const answered = answerFollowUp(sent, '6-weeks', 'lost-contact', later(43));
    expect(answered.followUps['6-weeks']).toEqual({
      sentAt: later(42).toISOString(),
      answer: 'lost-contact',
      answeredAt: later(43).toISOString(),
    });
    expect(() => answerFollowUp(active, '6-months', 'meeting-regularly', later(43))).toThrow(MatchStateError);
  });
});

describe('a match’s emails', () => {
  it('have keys that make each one once', () => {
    const m = { id: 'm1' };
    expect(matchEmail.proposal(m)).toEqual({
      key: 'match-proposal#m1',
      template: 'match-proposal',
      recipientRef: 'm1',
    });
    expect(matchEmail.contact(m)).toEqual({
      key: 'match-contact#m1',
      template: 'match-contact',
      recipientRef: 'm1',
    });
    expect(matchEmail.kommune(m)).toEqual({
      key: 'kommune-match#m1',
      template: 'kommune-match',
      recipientRef: 'm1',
    });
    expect(matchEmail.declined(m)).toEqual({
      key: 'match-declined#m1',
      template: 'match-declined',
      recipientRef: 'm1',
    });
    expect(matchEmail.proposalReminder(m)).toEqual({
      key: 'match-proposal-reminder#m1',
      template: 'match-proposal-reminder',
      recipientRef: 'm1',
    });
    expect(matchEmail.lapsed(m)).toEqual({
      key: 'match-lapsed#m1',
      template: 'match-lapsed',
      recipientRef: 'm1',
    });
    expect(matchEmail.volunteerLeft(m)).toEqual({
      key: 'match-volunteer-left#m1',
      template: 'match-volunteer-left',
      recipientRef: 'm1',
    });
    expect(matchEmail.followUp(m, '6-weeks')).toEqual({
      key: 'match-follow-up#m1#6-weeks',
      template: 'match-follow-up',
      recipientRef: 'm1#6-weeks',
    });
  });
});

const person = (overrides: Partial<PersonDetails> = {}): PersonDetails => ({
  name: 'Amal Haddad',
  phone: '+4520304050',
  nationality: 'Syrisk',
  languages: ['arabic'],
  danishLevel: 'none',
  englishLevel: 'none',
  household: 'alone',
  childrenAges: [],
  expectedMovingDate: '2026-12-01',
  helpWith: [],
  preferredVolunteerGender: 'any',
  ...overrides,
});

const record = (p: PersonDetails | undefined, overrides: Partial<HandoverRecord> = {}) =>
  ({
    id: 'r1',
    kommuneCode: '101',
    status: 'waiting',
    consent: { shareWithVolunteers: true, shareWithKommune: false },
    person: p,
    ...overrides,
  }) as HandoverRecord;

const volunteer = (overrides: Partial<Volunteer> = {}): Volunteer =>
  ({
    id: 'v1',
    kommuneCode: '101',
    postalCode: '2200',
    kind: 'friend',
    languages: ['danish'],
    helpWith: [],
    capacity: 1,
    activeMatches: 0,
    status: 'confirmed',
    paused: false,
    ready: true,
    confirmedAt: t0.toISOString(),
    organisation: 'red-cross',
    screening: screened,
    ...overrides,
  }) as Volunteer;

const codes = (r: HandoverRecord, v: Volunteer, now = t0) =>
  explainPair(refugeeProfile(r), volunteerProfile(v, now))?.reasons.map((x) => [
    x.code,
    x.points,
    ...(x.about ?? []),
  ]);

describe('the profiles a pair is scored on', () => {
  it('reads the postal code out of an address', () => {
    expect(postalCodeIn('Skovvej 3, 3450 Allerød')).toBe(3450);
    expect(postalCodeIn('Skovvej 3')).toBeUndefined();
    expect(postalCodeIn('Vej 12345')).toBeUndefined();
    expect(postalCodeIn('Vej 0123')).toBeUndefined();
    expect(postalCodeIn(undefined)).toBeUndefined();
  });

  it('counts Danish and English only when spoken well enough to talk', () => {
    const talks = refugeeProfile(
      record(person({ languages: [], danishLevel: 'good', englishLevel: 'fluent' })),
    );
    const mute = refugeeProfile(
      record(person({ languages: [], danishLevel: 'basic', englishLevel: 'none' })),
    );
    const v = volunteerProfile(volunteer({ languages: ['danish', 'english'] }), t0);
    expect(talks.languages & v.languages).toBe(v.languages);
    expect(mute.languages).toBe(0);
  });

  it('makes a refugee matchable only with details, consent to volunteers and waiting', () => {
    expect(refugeeProfile(record(person())).matchable).toBe(true);
    expect(refugeeProfile(record(undefined)).matchable).toBe(false);
    expect(refugeeProfile(record(person(), { status: 'proposed' })).matchable).toBe(false);
    expect(
      refugeeProfile(
        record(person(), { consent: { shareWithVolunteers: false } as HandoverRecord['consent'] }),
      ).matchable,
    ).toBe(false);
    expect(refugeeProfile(record(person({ preferredVolunteerGender: 'woman' }))).wantsGender).toBe('woman');
    expect(refugeeProfile(record(person({ preferredVolunteerGender: 'man' }))).wantsGender).toBe('man');
    expect(refugeeProfile(record(person())).wantsGender).toBeUndefined();
    expect(refugeeProfile(record(person({ childrenAges: [3] }))).hasChildren).toBe(true);
    expect(refugeeProfile(record(person({ household: 'family' }))).family).toBe(true);
  });

  it('gives a volunteer places left, and fortnights waited only while they have no friend', () => {
    const v = volunteerProfile(
      volunteer({ capacity: 3, activeMatches: 1, confirmedAt: t0.toISOString() }),
      later(60),
    );
    expect(v).toMatchObject({ spare: 2, activeMatches: 1, fortnightsWaiting: 0, postalCode: 2200 });
    expect(volunteerProfile(volunteer(), later(29)).fortnightsWaiting).toBe(2);
    expect(volunteerProfile(volunteer(), later(27)).fortnightsWaiting).toBe(1);
    expect(volunteerProfile(volunteer({ confirmedAt: undefined }), later(60)).fortnightsWaiting).toBe(0);
    expect(volunteerProfile(volunteer({ capacity: 1, activeMatches: 3 }), t0).spare).toBe(0);
    expect(volunteerProfile(volunteer({ kind: 'family', children: 2 }), t0)).toMatchObject({
      family: true,
      hasChildren: true,
    });
    expect(volunteerProfile(volunteer({ kind: 'family', children: 0 }), t0).hasChildren).toBe(false);
    expect(volunteerProfile(volunteer({ paused: true }), t0).matchable).toBe(false);
  });
});

describe('scoring a pair', () => {
  it('never breaks a hard rule: kommune, both matchable, a place left', () => {
    const r = refugeeProfile(record(person()));
    const v = volunteerProfile(volunteer(), t0);
    expect(mayMatch(r, v)).toBe(true);
    expect(mayMatch(r, { ...v, kommuneCode: '147' })).toBe(false);
    expect(mayMatch(r, { ...v, spare: 0 })).toBe(false);
    expect(mayMatch(r, { ...v, matchable: false })).toBe(false);
    expect(mayMatch({ ...r, matchable: false }, v)).toBe(false);
    expect(scorePair(r, { ...v, spare: 0 })).toBeUndefined();
    expect(explainPair(r, { ...v, spare: 0 })).toBeUndefined();
  });

  it('adds named parts, and the score is their sum with the base', () => {
    const r = record(
      person({
        languages: ['arabic', 'farsi'],
        englishLevel: 'good',
        danishLevel: 'good',
        household: 'family',
        childrenAges: [4],
        preferredVolunteerGender: 'woman',
        helpWith: ['homework', 'job-search', 'everyday-danish'],
        newAddress: 'Vej 1, 2200 København N',
      }),
    );
    const v = volunteer({
      languages: ['arabic', 'english', 'danish'],
      kind: 'family',
      children: 1,
      gender: 'woman',
      helpWith: ['homework', 'job-search'],
      postalCode: '2200',
      capacity: 2,
    });
    expect(codes(r, v, later(150))).toEqual([
      ['shared-language', points.sharedLanguage, 'arabic'],
      ['shared-english', points.sharedEnglish],
      ['shared-danish', points.sharedDanish],
      ['family-for-family', points.familyForFamily],
      ['children-both', points.childrenBoth],
      ['gender-as-wished', points.genderAsWished, 'woman'],
      ['help-offered', points.helpPerItem * 2, 'job-search', 'homework'],
      ['same-postal-code', points.samePostalCode, '2200'],
      ['first-friend', points.firstFriend],
      ['room-for-more', points.roomForMore],
      ['waiting-volunteer', points.maxWaitingPoints, '20'],
    ]);
    const suggestion = explainPair(refugeeProfile(r), volunteerProfile(v, later(150)));
    const sum = points.base + (suggestion?.reasons.reduce((total, x) => total + x.points, 0) ?? 0);
    expect(suggestion?.score).toBe(sum);
    expect(scorePair(refugeeProfile(r), volunteerProfile(v, later(150)))).toBe(sum);
    expect(suggestion?.volunteerId).toBe('v1');
  });

  it('says nothing about gender without a wish, nor about children unless both have them', () => {
    const noWish = codes(
      record(person({ household: 'family' })),
      volunteer({ gender: 'man', kind: 'family', children: 2 }),
    );
    expect(noWish?.map((x) => x[0])).toEqual(['no-shared-language', 'family-for-family', 'first-friend']);
    const kids = codes(
      record(person({ household: 'family', childrenAges: [5] })),
      volunteer({ kind: 'family' }),
    );
    expect(kids?.map((x) => x[0])).not.toContain('children-both');
    const single = codes(record(person({ childrenAges: [5] })), volunteer({ children: 2 }));
    expect(single?.map((x) => x[0])).not.toContain('children-both');
  });

  it('subtracts for what does not fit, so it shows but does not forbid', () => {
    const alone = record(person({ languages: ['tigrinya'], preferredVolunteerGender: 'man' }));
    expect(
      codes(alone, volunteer({ kind: 'family', gender: 'woman', activeMatches: 1, capacity: 2 })),
    ).toEqual([
      ['no-shared-language', points.noSharedLanguage],
      ['household-mismatch', points.householdMismatch],
      ['gender-not-as-wished', points.genderNotAsWished, 'man'],
    ]);
    expect(codes(alone, volunteer({ gender: undefined, activeMatches: 1, capacity: 2 }))).toEqual([
      ['no-shared-language', points.noSharedLanguage],
      ['friend-for-single', points.friendForSingle],
      ['gender-unknown', points.genderUnknown, 'man'],
    ]);
  });

  it('counts a postal code within 10 as near, and 11 away as nothing', () => {
    const r = record(
      person({ newAddress: 'Vej 1, 2200 København N', languages: ['danish'], danishLevel: 'fluent' }),
    );
    const near = codes(r, volunteer({ postalCode: '2210' }));
    expect(near).toContainEqual(['near-postal-code', points.nearPostalCode, '2200', '2210']);
    const far = codes(r, volunteer({ postalCode: '2211' })) ?? [];
    expect(far.map((x) => x[0])).not.toContain('near-postal-code');
    expect(far.map((x) => x[0])).not.toContain('same-postal-code');
    const none = codes(record(person()), volunteer()) ?? [];
    expect(none.map((x) => x[0])).not.toContain('near-postal-code');
  });

  it('adds a point per fortnight a volunteer waited, up to the most', () => {
    const r = record(person());
    const one = codes(r, volunteer(), later(14)) ?? [];
    expect(one).toContainEqual(['waiting-volunteer', 1, '2']);
    const none = codes(r, volunteer(), later(13)) ?? [];
    expect(none.map((x) => x[0])).not.toContain('waiting-volunteer');
  });
});

describe('ranking and the plan', () => {
  const profiles = (vs: Volunteer[]): VolunteerProfile[] => vs.map((v) => volunteerProfile(v, t0));

  it('ranks the allowed volunteers best first, ties by who waited longest, then by id', () => {
    const r = refugeeProfile(record(person({ languages: ['arabic'] })));
    const vs = profiles([
      volunteer({ id: 'c', languages: ['arabic'] }),
      volunteer({ id: 'b', languages: ['danish'] }),
      volunteer({ id: 'a', languages: ['arabic'] }),
      volunteer({ id: 'x', kommuneCode: '147', languages: ['arabic'] }),
    ]);
    expect(rankVolunteers(r, vs).map((s) => s.volunteerId)).toEqual(['a', 'c', 'b']);
    expect(rankVolunteers(r, vs, 1).map((s) => s.volunteerId)).toEqual(['a']);
    const waited = [
      { ...(vs[0] as VolunteerProfile), fortnightsWaiting: 0 },
      { ...(vs[2] as VolunteerProfile), fortnightsWaiting: 0, id: 'd' },
    ];
    expect(rankVolunteers(r, waited).map((s) => s.volunteerId)).toEqual(['c', 'd']);
    // Equal scores (both at the most waiting points): the one who waited longest first, then by id.
    const tied = (id: string, fortnightsWaiting: number) => ({
      ...(vs[0] as VolunteerProfile),
      id,
      fortnightsWaiting,
    });
    expect(rankVolunteers(r, [tied('e', 6), tied('f', 8)]).map((s) => s.volunteerId)).toEqual(['f', 'e']);
    expect(rankVolunteers(r, [tied('f', 8), tied('e', 6)]).map((s) => s.volunteerId)).toEqual(['f', 'e']);
    expect(rankVolunteers(r, [tied('h', 6), tied('g', 6), tied('i', 6)]).map((s) => s.volunteerId)).toEqual([
      'g',
      'h',
      'i',
    ]);
    expect(rankVolunteers(r, [tied('g', 6), tied('i', 6), tied('h', 6)]).map((s) => s.volunteerId)).toEqual([
      'g',
      'h',
      'i',
    ]);
    const sameScore = [
      { ...(vs[0] as VolunteerProfile), id: 'p', fortnightsWaiting: 1 },
      { ...(vs[0] as VolunteerProfile), id: 'q', fortnightsWaiting: 3 },
    ];
    const scoreOf = (id: string) => rankVolunteers(r, sameScore).find((s) => s.volunteerId === id)?.score;
    expect(scoreOf('q')).toBeGreaterThan(scoreOf('p') ?? 0);
  });

  it('gives every volunteer as many refugees as they have places, and no one a pair scoring nothing', () => {
    const refugees = ['r1', 'r2', 'r3'].map((id) =>
      refugeeProfile(record(person({ languages: ['arabic'] }), { id })),
    );
    const two = profiles([volunteer({ id: 'big', capacity: 2, languages: ['arabic'] })]);
    const plan = optimalPlan(refugees, two);
    expect(plan.pairs).toHaveLength(2);
    expect(plan.pairs.map((p) => p.suggestion.volunteerId)).toEqual(['big', 'big']);
    expect(plan.total).toBe(plan.pairs.reduce((sum, p) => sum + p.suggestion.score, 0));
    const paused = profiles([volunteer({ id: 'off', capacity: 2, paused: true })]);
    expect(optimalPlan(refugees, paused)).toEqual({ pairs: [], total: 0 });
    const elsewhere = profiles([volunteer({ id: 'far', kommuneCode: '147' })]);
    expect(optimalPlan(refugees, elsewhere).pairs).toEqual([]);
    expect(optimalPlan([], two)).toEqual({ pairs: [], total: 0 });
  });
});
