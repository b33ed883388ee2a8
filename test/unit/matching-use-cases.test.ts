import { describe, expect, it } from 'vitest';
import type { Actor, HandoverRecord } from '../../functions/domain/handover.ts';
import { type Match, matchEmail, matchIdFor } from '../../functions/domain/match.ts';
import { changeMatch, openMatch } from '../../functions/domain/match-changes.ts';
import { answerFollowUpLink, sendFollowUps } from '../../functions/domain/match-follow-ups.ts';
import { answerProposal, openProposal, proposeMatch } from '../../functions/domain/match-proposal.ts';
import { manageProposals } from '../../functions/domain/match-proposals-job.ts';
import {
  assertMayMatch,
  coordinates,
  daysWaiting,
  MatchChangedError,
  MatchNotFoundError,
  MatchWriteConflict,
  RefugeeNotWaitingError,
  VolunteerUnavailableError,
} from '../../functions/domain/matching.ts';
import {
  kommuneOverview,
  kommunePlan,
  refugeeMatching,
  suggestionsFor,
} from '../../functions/domain/matching-views.ts';
import { hashToken, newTokenValue } from '../../functions/domain/tokens.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { fakeWorld, screened } from './fakes.ts';

/** The coordinators' use cases (functions/domain/matching.ts) against in-memory ports with the repositories' conditions. */

const t0 = new Date('2026-11-16T10:00:00Z');
const day = 24 * 3600 * 1000;
const coordinator: Actor = {
  sub: 'co',
  name: 'k@x.dk',
  roles: ['coordinator'],
  centres: [],
  kommuner: ['201'],
};
const elsewhere: Actor = { ...coordinator, sub: 'co2', kommuner: ['101'] };
const admin: Actor = { sub: 'ad', name: 'a@x.dk', roles: ['admin'], centres: [], kommuner: [] };

const record = (id: string, extra: Partial<HandoverRecord> = {}): HandoverRecord => ({
  id,
  centreId: 'sandholm',
  kommuneCode: '201',
  interviewDate: '2026-11-10',
  status: 'waiting',
  recordedAt: t0.toISOString(),
  recordedBy: { sub: 'cw', name: 'cw' },
  consent: {
    noticeVersion: '2026-10-01',
    noticeLanguage: 'arabic',
    interpreterUsed: false,
    consentMethod: 'oral',
    shareWithVolunteers: true,
    shareWithKommune: true,
  },
  consentEvents: [],
  person: {
    name: `Navn ${id}`,
    phone: `+45${id.padStart(8, '0').slice(-8)}`,
    nationality: 'Syrisk',
    languages: ['arabic'],
    danishLevel: 'none',
    englishLevel: 'none',
    household: 'alone',
    childrenAges: [],
    expectedMovingDate: '2026-11-20',
    helpWith: [],
    preferredVolunteerGender: 'any',
  },
  version: 1,
  updatedAt: t0.toISOString(),
  ...extra,
});

const volunteer = (id: string, extra: Partial<Volunteer> = {}): Volunteer =>
  ({
    id,
    name: `Frivillig ${id}`,
    email: `${id}@x.dk`,
    kommuneCode: '201',
    postalCode: '3450',
    kind: 'friend',
    languages: ['arabic'],
    helpWith: ['homework'],
    capacity: 1,
    activeMatches: 0,
    status: 'confirmed',
    paused: false,
    ready: true,
    emailOptOut: false,
    confirmedAt: t0.toISOString(),
    updatedAt: t0.toISOString(),
    organisation: 'red-cross',
    screening: screened,
    ...extra,
  }) as Volunteer;

const world = () => {
  const w = fakeWorld(t0);
  w.records.set('r1', record('r1'));
  w.volunteers.set('v1', volunteer('v1'));
  return w;
};

/** A single-use link token the volunteer got by email, as the composer stores it. */
const link = (
  w: ReturnType<typeof fakeWorld>,
  purpose: 'match-answer' | 'follow-up',
  ref: string,
  v = 'v1',
) => {
  const value = newTokenValue();
  w.tokens.set(hashToken(value), {
    hash: hashToken(value),
    purpose,
    volunteerId: v,
    expiresAt: new Date(t0.getTime() + 365 * day),
    ref,
  });
  return value;
};

describe('scope', () => {
  it('lets coordinators act in their kommuner, administrators everywhere', () => {
    expect(coordinates(coordinator, '201')).toBe(true);
    expect(coordinates(coordinator, '101')).toBe(false);
    expect(coordinates(admin, '101')).toBe(true);
    expect(coordinates({ roles: ['caseworker'], kommuner: ['201'] }, '201')).toBe(false);
  });

  it('says a refugee outside the scope, without consent or withdrawn does not exist', async () => {
    const w = world();
    await expect(assertMayMatch(w.deps, coordinator, 'r1')).resolves.toBeUndefined();
    await expect(assertMayMatch(w.deps, elsewhere, 'r1')).rejects.toThrow(
      'HandoverNotFoundError'.slice(0, 0),
    );
    await expect(assertMayMatch(w.deps, coordinator, 'nope')).rejects.toMatchObject({
      name: 'HandoverNotFoundError',
    });
    w.records.set('r2', record('r2', { status: 'withdrawn' }));
    await expect(assertMayMatch(w.deps, coordinator, 'r2')).rejects.toMatchObject({
      name: 'HandoverNotFoundError',
    });
    w.records.set('r3', record('r3', { kommuneCode: '101' }));
    await expect(
      assertMayMatch({ ...w.deps }, { ...coordinator, kommuner: ['201'] }, 'r3'),
    ).rejects.toMatchObject({
      name: 'HandoverNotFoundError',
    });
    await expect(assertMayMatch(w.deps, { ...elsewhere, kommuner: ['101'] }, 'r3')).resolves.toBeUndefined();
  });

  it('counts days waiting from the later of the recording and the arrival', () => {
    const r = record('r1', { recordedAt: '2026-11-01T10:00:00Z' });
    expect(daysWaiting(r, new Date('2026-11-25T10:00:00Z'))).toBe(5);
    expect(
      daysWaiting(
        {
          ...r,
          person: {
            ...(r.person as NonNullable<HandoverRecord['person']>),
            expectedMovingDate: '2026-10-01',
          },
        },
        new Date('2026-11-25T10:00:00Z'),
      ),
    ).toBe(24);
    expect(daysWaiting({ ...r, person: undefined }, new Date('2026-11-03T09:00:00Z'))).toBe(1);
    expect(daysWaiting(r, new Date('2026-10-01T00:00:00Z'))).toBe(0);
  });
});

describe('the overview, suggestions and plan', () => {
  it('shows who waits, who is available, the open matches newest first and the gap, as an audited list', async () => {
    const w = world();
    w.records.set('r2', record('r2'));
    w.matches.set('m1', { id: 'm1', kommuneCode: '201', status: 'active', updatedAt: '2026-11-01' } as Match);
    w.matches.set('m2', {
      id: 'm2',
      kommuneCode: '201',
      status: 'proposed',
      updatedAt: '2026-11-05',
    } as Match);
    w.matches.set('m3', { id: 'm3', kommuneCode: '201', status: 'ended', updatedAt: '2026-11-06' } as Match);
    const overview = await kommuneOverview(w.deps, coordinator, '201');
    expect(overview.waiting.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(overview.available.map((v) => v.id)).toEqual(['v1']);
    expect(overview.matches.map((m) => m.id)).toEqual(['m2', 'm1']);
    expect(overview.gap).toBe(1);
    expect(w.audit.map((e) => [e.action, e.refugeeId])).toEqual([
      ['list', 'r1'],
      ['list', 'r2'],
    ]);
    await expect(kommuneOverview(w.deps, elsewhere, '201')).rejects.toMatchObject({
      name: 'HandoverNotFoundError',
    });
    w.audit.length = 0;
    await kommuneOverview(w.deps, coordinator, '201', 'export');
    expect(w.audit.map((e) => e.action)).toEqual(['export', 'export']);
  });

  it('ranks suggestions with duplicates and history, as an audited view', async () => {
    const w = world();
    w.volunteers.set('v2', volunteer('v2', { languages: ['danish'] }));
    w.records.set(
      'dup',
      record('dup', { person: { ...(record('r1').person as NonNullable<HandoverRecord['person']>) } }),
    );
    const data = await refugeeMatching(w.deps, coordinator, 'r1');
    expect(data.suggestions.map((s) => [s.volunteerId, s.volunteer.id])).toEqual([
      ['v1', 'v1'],
      ['v2', 'v2'],
    ]);
    expect(data.duplicates.map((d) => d.id)).toEqual(['dup']);
    expect(data.history).toEqual([]);
    expect(w.audit.at(-1)).toMatchObject({ action: 'view', refugeeId: 'r1' });
    expect((await refugeeMatching(w.deps, coordinator, 'r1', 1)).suggestions).toHaveLength(1);
    expect((await suggestionsFor(w.deps, record('r1'))).map((s) => s.volunteerId)).toEqual(['v1', 'v2']);
    w.records.set('r1', record('r1', { status: 'proposed' }));
    expect((await refugeeMatching(w.deps, coordinator, 'r1')).suggestions).toEqual([]);
  });

  it('plans the whole kommune, and names who is left without a volunteer', async () => {
    const w = world();
    w.records.set('r2', record('r2', { recordedAt: '2026-11-17T10:00:00Z' }));
    const plan = await kommunePlan(w.deps, coordinator, '201');
    expect(plan.kommuneCode).toBe('201');
    expect(plan.pairs.map((p) => [p.record.id, p.volunteer.id])).toEqual([['r1', 'v1']]);
    expect(plan.unmatched.map((r) => r.id)).toEqual(['r2']);
    expect(plan.total).toBe(plan.pairs[0]?.suggestion.score);
    expect(w.audit.filter((e) => e.action === 'list').map((e) => e.refugeeId)).toEqual(['r1', 'r2']);
    await expect(kommunePlan(w.deps, elsewhere, '201')).rejects.toMatchObject({
      name: 'HandoverNotFoundError',
    });
  });
});

describe('proposing', () => {
  it('writes the match, moves the refugee off the list, takes a place and emails the volunteer', async () => {
    const w = world();
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    expect(match).toMatchObject({
      id: matchIdFor('r1', 1),
      consentId: 'r1',
      volunteerId: 'v1',
      kommuneCode: '201',
      status: 'proposed',
      proposedBy: { sub: 'co', name: 'k@x.dk' },
      arrivalDate: '2026-11-20',
    });
    expect(match.score).toBeGreaterThan(0);
    expect(w.records.get('r1')).toMatchObject({
      status: 'proposed',
      currentMatchId: match.id,
      matchRounds: 1,
    });
    expect(w.volunteers.get('v1')?.activeMatches).toBe(1);
    expect(w.counters).toEqual([
      { kommuneCode: '201', counter: 'waitingRefugees', delta: -1 },
      { kommuneCode: '201', counter: 'availableVolunteers', delta: -1 },
    ]);
    expect(w.emails).toEqual([matchEmail.proposal(match)]);
    expect(w.audit.at(-1)).toMatchObject({ action: 'match', fields: ['proposed'], refugeeId: 'r1' });
  });

  it('numbers a second proposal for the same refugee as a new round', async () => {
    const w = world();
    w.records.set('r1', record('r1', { matchRounds: 2 }));
    expect((await proposeMatch(w.deps, coordinator, 'r1', 'v1')).id).toBe(matchIdFor('r1', 3));
  });

  it('refuses a refugee no longer waiting, a volunteer without a place, and another kommune’s refugee', async () => {
    const w = world();
    w.records.set('r2', record('r2', { status: 'proposed' }));
    await expect(proposeMatch(w.deps, coordinator, 'r2', 'v1')).rejects.toThrow(RefugeeNotWaitingError);
    w.volunteers.set('v2', volunteer('v2', { activeMatches: 1 }));
    await expect(proposeMatch(w.deps, coordinator, 'r1', 'v2')).rejects.toThrow(VolunteerUnavailableError);
    await expect(proposeMatch(w.deps, coordinator, 'r1', 'nobody')).rejects.toThrow(
      VolunteerUnavailableError,
    );
    await expect(proposeMatch(w.deps, elsewhere, 'r1', 'v1')).rejects.toMatchObject({
      name: 'HandoverNotFoundError',
    });
  });

  it('lets exactly one of two coordinators win, and retries a volunteer who changed meanwhile', async () => {
    const w = world();
    w.interleave.push(() =>
      w.records.set('r1', record('r1', { status: 'proposed', currentMatchId: 'other' })),
    );
    await expect(proposeMatch(w.deps, coordinator, 'r1', 'v1')).rejects.toThrow(RefugeeNotWaitingError);
    const w2 = world();
    w2.interleave.push(() => w2.volunteers.set('v1', volunteer('v1', { updatedAt: 'changed' })));
    expect((await proposeMatch(w2.deps, coordinator, 'r1', 'v1')).status).toBe('proposed');
    const w3 = world();
    const keepChanging = () => {
      w3.volunteers.set('v1', volunteer('v1', { updatedAt: String(Math.random()) }));
      w3.interleave.push(keepChanging);
    };
    w3.interleave.push(keepChanging);
    await expect(proposeMatch(w3.deps, coordinator, 'r1', 'v1')).rejects.toThrow(VolunteerUnavailableError);
  });
});

describe('the volunteer’s answer', () => {
  const proposed = async () => {
    const w = world();
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    w.emails.length = 0;
    w.counters.length = 0;
    return { w, match, token: link(w, 'match-answer', match.id) };
  };

  it('shows the proposal only with a link for it, while it is open', async () => {
    const { w, match, token } = await proposed();
    expect(await openProposal(w.deps, match.id, token)).toMatchObject({
      match: { id: match.id },
      record: { id: 'r1' },
    });
    expect(await openProposal(w.deps, match.id, 'x')).toBeUndefined();
    expect(await openProposal(w.deps, 'other', token)).toBeUndefined();
    w.records.set('r1', { ...(w.records.get('r1') as HandoverRecord), person: undefined });
    expect(await openProposal(w.deps, match.id, token)).toBeUndefined();
    w.matches.set(match.id, { ...match, status: 'declined' });
    expect(await openProposal(w.deps, match.id, token)).toBeUndefined();
    w.matches.set(match.id, { ...match, volunteerId: 'someone-else' });
    expect(await openProposal(w.deps, match.id, token)).toBeUndefined();
  });

  it('on yes: active, the contact details and the kommune told, counted in the month; the link used', async () => {
    const { w, match, token } = await proposed();
    expect(await answerProposal(w.deps, match.id, token, 'accept')).toBe('accepted');
    expect(w.matches.get(match.id)?.status).toBe('active');
    expect(w.records.get('r1')?.status).toBe('matched');
    expect(w.emails).toEqual([matchEmail.contact(match), matchEmail.kommune(match)]);
    expect(w.figures).toEqual([{ kommuneCode: '201', month: '2026-11', matchesMade: 1, daysToMatch: 0 }]);
    expect(await answerProposal(w.deps, match.id, token, 'accept')).toBe('invalid-link');
  });

  it('tells the kommune nothing on yes without consent to it', async () => {
    const w = world();
    w.records.set('r1', record('r1', { consent: { ...record('r1').consent, shareWithKommune: false } }));
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    w.emails.length = 0;
    await answerProposal(w.deps, match.id, link(w, 'match-answer', match.id), 'accept');
    expect(w.emails).toEqual([matchEmail.contact(match)]);
  });

  it('on no: the refugee waits again, the place is given back, the coordinator told', async () => {
    const { w, match, token } = await proposed();
    expect(await answerProposal(w.deps, match.id, token, 'decline')).toBe('declined');
    expect(w.matches.get(match.id)?.status).toBe('declined');
    expect(w.records.get('r1')?.status).toBe('waiting');
    expect(w.volunteers.get('v1')?.activeMatches).toBe(0);
    expect(w.counters).toContainEqual({ kommuneCode: '201', counter: 'waitingRefugees', delta: 1 });
    expect(w.emails).toEqual([matchEmail.declined(match)]);
  });

  it('says the link is not valid, or the proposal no longer open, when it is so', async () => {
    const { w, match, token } = await proposed();
    expect(await answerProposal(w.deps, match.id, 'short', 'accept')).toBe('invalid-link');
    expect(await answerProposal(w.deps, 'other', token, 'accept')).toBe('invalid-link');
    w.matches.set(match.id, { ...match, status: 'cancelled' });
    expect(await answerProposal(w.deps, match.id, token, 'accept')).toBe('no-longer-open');
    const again = await proposed();
    again.w.matches.delete(again.match.id);
    expect(await answerProposal(again.w.deps, again.match.id, again.token, 'accept')).toBe('invalid-link');
    const gone = await proposed();
    gone.w.volunteers.delete('v1');
    expect(await answerProposal(gone.w.deps, gone.match.id, gone.token, 'accept')).toBe('no-longer-open');
    const withdrawn = await proposed();
    withdrawn.w.interleave.push(() =>
      withdrawn.w.records.set('r1', {
        ...(withdrawn.w.records.get('r1') as HandoverRecord),
        status: 'withdrawn',
      }),
    );
    expect(await answerProposal(withdrawn.w.deps, withdrawn.match.id, withdrawn.token, 'accept')).toBe(
      'no-longer-open',
    );
  });

  it('ends a declined proposal even when the record has moved on, without putting it back', async () => {
    const { w, match, token } = await proposed();
    w.interleave.push(() =>
      w.records.set('r1', { ...(w.records.get('r1') as HandoverRecord), status: 'withdrawn' }),
    );
    expect(await answerProposal(w.deps, match.id, token, 'decline')).toBe('declined');
    expect(w.matches.get(match.id)?.status).toBe('declined');
    expect(w.records.get('r1')?.status).toBe('withdrawn');
    expect(w.counters.filter((c) => c.counter === 'waitingRefugees')).toEqual([]);
  });
});

describe('a coordinator’s changes', () => {
  const active = async () => {
    const w = world();
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    await answerProposal(w.deps, match.id, link(w, 'match-answer', match.id), 'accept');
    w.counters.length = 0;
    return { w, match };
  };

  it('opens a match only in scope and of a refugee they may see', async () => {
    const { w, match } = await active();
    expect((await openMatch(w.deps, coordinator, match.id)).match.id).toBe(match.id);
    await expect(openMatch(w.deps, elsewhere, match.id)).rejects.toThrow(MatchNotFoundError);
    await expect(openMatch(w.deps, coordinator, 'nope')).rejects.toThrow(MatchNotFoundError);
    w.records.set('r1', { ...(w.records.get('r1') as HandoverRecord), status: 'withdrawn' });
    await expect(openMatch(w.deps, coordinator, match.id)).rejects.toThrow(MatchNotFoundError);
    w.records.delete('r1');
    await expect(openMatch(w.deps, coordinator, match.id)).rejects.toThrow(MatchNotFoundError);
  });

  it('pauses and resumes, audited', async () => {
    const { w, match } = await active();
    expect((await changeMatch(w.deps, coordinator, match.id, { kind: 'pause' })).status).toBe('paused');
    expect((await changeMatch(w.deps, coordinator, match.id, { kind: 'resume' })).status).toBe('active');
    expect(w.audit.slice(-2).map((e) => e.fields)).toEqual([['pause'], ['resume']]);
    expect(w.counters).toEqual([]);
  });

  it('ends with a reason, the refugee back on the list only for a re-match', async () => {
    const rematch = await active();
    await changeMatch(rematch.w.deps, coordinator, rematch.match.id, {
      kind: 'end',
      closure: { planned: false, endedBy: 'volunteer', reason: 'moved', refugeeWantsNewFriend: true },
    });
    expect(rematch.w.records.get('r1')?.status).toBe('waiting');
    expect(rematch.w.counters).toContainEqual({ kommuneCode: '201', counter: 'waitingRefugees', delta: 1 });
    expect(rematch.w.volunteers.get('v1')?.activeMatches).toBe(0);
    expect(rematch.w.audit.at(-1)?.fields).toEqual(['end:volunteer:moved:rematch']);
    // Asked first (the exit survey) before anyone proposes them again.
    expect(rematch.w.volunteers.get('v1')?.ready).toBe(false);
    const done = await active();
    const ended = await changeMatch(done.w.deps, coordinator, done.match.id, {
      kind: 'end',
      closure: { planned: true, endedBy: 'both', reason: 'completed', refugeeWantsNewFriend: false },
    });
    expect(ended).toMatchObject({
      status: 'ended',
      endReason: 'completed',
      endedBy: { sub: 'co' },
      closure: { planned: true, endedBy: 'both' },
    });
    expect(done.w.records.get('r1')?.status).toBe('ended');
    expect(done.w.counters.filter((c) => c.counter === 'waitingRefugees')).toEqual([]);
    expect(done.w.audit.at(-1)?.fields).toEqual(['end:both:completed:planned']);
  });

  it('cancels an unanswered proposal, the refugee back on the list', async () => {
    const w = world();
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    expect((await changeMatch(w.deps, coordinator, match.id, { kind: 'cancel' })).status).toBe('cancelled');
    expect(w.records.get('r1')?.status).toBe('waiting');
    expect(w.volunteers.get('v1')?.activeMatches).toBe(0);
  });

  it('says the match just changed when someone else got there first', async () => {
    const { w, match } = await active();
    w.interleave.push(() => w.matches.set(match.id, { ...(w.matches.get(match.id) as Match), version: 99 }));
    await expect(changeMatch(w.deps, coordinator, match.id, { kind: 'pause' })).rejects.toThrow(
      MatchChangedError,
    );
  });

  it('ends a match whose refugee’s record moved on, leaving the record', async () => {
    const { w, match } = await active();
    w.interleave.push(() =>
      w.records.set('r1', { ...(w.records.get('r1') as HandoverRecord), currentMatchId: 'x' }),
    );
    const ended = await changeMatch(w.deps, coordinator, match.id, {
      kind: 'end',
      closure: { planned: false, endedBy: 'refugee', reason: 'other', refugeeWantsNewFriend: true },
    });
    expect(ended.status).toBe('ended');
    expect(w.counters.filter((c) => c.counter === 'waitingRefugees')).toEqual([]);
  });
});

describe('follow-ups', () => {
  const active = async () => {
    const w = world();
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    await answerProposal(w.deps, match.id, link(w, 'match-answer', match.id), 'accept');
    w.emails.length = 0;
    w.figures.length = 0;
    return { w, match };
  };

  it('sends each milestone once, and counts six months in the month’s figures', async () => {
    const { w, match } = await active();
    const run = (days: number) => {
      w.setNow(new Date(t0.getTime() + days * day));
      return sendFollowUps(w.deps, ['201', '101']);
    };
    expect(await run(13)).toEqual({ kommuner: 2, openMatches: 1, sent: 0 });
    expect(await run(42)).toMatchObject({ sent: 1 });
    expect(await run(43)).toMatchObject({ sent: 0 });
    expect(await run(183)).toMatchObject({ sent: 1 });
    expect(w.emails).toEqual([matchEmail.followUp(match, '6-weeks'), matchEmail.followUp(match, '6-months')]);
    expect(w.figures).toEqual([
      { kommuneCode: '201', month: '2027-05', reachedSixMonths: 1, meetingsPerMonth: 0 },
    ]);
  });

  it('leaves a match that changed meanwhile for the next run', async () => {
    const { w, match } = await active();
    w.setNow(new Date(t0.getTime() + 42 * day));
    w.interleave.push(() => w.matches.set(match.id, { ...(w.matches.get(match.id) as Match), version: 99 }));
    expect(await sendFollowUps(w.deps, ['201'])).toMatchObject({ sent: 0 });
  });

  it('takes the volunteer’s one-click answer once the follow-up was sent', async () => {
    const { w, match } = await active();
    w.setNow(new Date(t0.getTime() + 42 * day));
    await sendFollowUps(w.deps, ['201']);
    const token = link(w, 'follow-up', `${match.id}#6-weeks`);
    expect(await answerFollowUpLink(w.deps, match.id, '6-weeks', token, 'lost-contact')).toBe('answered');
    expect(w.matches.get(match.id)?.followUps['6-weeks']?.answer).toBe('lost-contact');
    expect(await answerFollowUpLink(w.deps, match.id, '6-weeks', token, 'lost-contact')).toBe('invalid-link');
    expect(await answerFollowUpLink(w.deps, match.id, '6-weeks', 'bad', 'lost-contact')).toBe('invalid-link');
    const unsent = link(w, 'follow-up', `${match.id}#6-months`);
    expect(await answerFollowUpLink(w.deps, match.id, '6-months', unsent, 'lost-contact')).toBe(
      'invalid-link',
    );
    const other = link(w, 'follow-up', `${match.id}#6-weeks`, 'v2');
    expect(await answerFollowUpLink(w.deps, match.id, '6-weeks', other, 'lost-contact')).toBe('invalid-link');
  });

  it('tries the answer again when the match changes under it, then gives up', async () => {
    const { w, match } = await active();
    w.setNow(new Date(t0.getTime() + 42 * day));
    await sendFollowUps(w.deps, ['201']);
    const bump = () =>
      w.matches.set(match.id, { ...(w.matches.get(match.id) as Match), version: Math.random() });
    w.interleave.push(bump);
    expect(
      await answerFollowUpLink(
        w.deps,
        match.id,
        '6-weeks',
        link(w, 'follow-up', `${match.id}#6-weeks`),
        'meeting-regularly',
      ),
    ).toBe('answered');
    const write = w.deps.matches.write;
    w.deps.matches.write = async () => {
      throw new MatchWriteConflict('match');
    };
    await expect(
      answerFollowUpLink(
        w.deps,
        match.id,
        '6-weeks',
        link(w, 'follow-up', `${match.id}#6-weeks`),
        'meeting-regularly',
      ),
    ).rejects.toThrow(MatchChangedError);
    w.deps.matches.write = write;
  });
});

describe('unanswered proposals', () => {
  it('are reminded once, then lapse, the refugee back and the place given back', async () => {
    const w = world();
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    w.emails.length = 0;
    w.counters.length = 0;
    const run = (days: number) => {
      w.setNow(new Date(t0.getTime() + days * day));
      return manageProposals(w.deps, ['201', '101']);
    };
    expect(await run(1)).toEqual({ kommuner: 2, openProposals: 1, reminded: 0, lapsed: 0 });
    expect(await run(4)).toMatchObject({ reminded: 1, lapsed: 0 });
    expect(await run(5)).toMatchObject({ reminded: 0, lapsed: 0 });
    expect(await run(7)).toMatchObject({ reminded: 0, lapsed: 1 });
    expect(await run(8)).toEqual({ kommuner: 2, openProposals: 0, reminded: 0, lapsed: 0 });
    expect(w.emails).toEqual([matchEmail.proposalReminder(match), matchEmail.lapsed(match)]);
    expect(w.matches.get(match.id)?.status).toBe('lapsed');
    expect(w.records.get('r1')?.status).toBe('waiting');
    expect(w.volunteers.get('v1')?.activeMatches).toBe(0);
    expect(w.counters).toContainEqual({ kommuneCode: '201', counter: 'waitingRefugees', delta: 1 });
  });

  it('lapse without moving a record that moved on, and skip one answered meanwhile', async () => {
    const w = world();
    const match = await proposeMatch(w.deps, coordinator, 'r1', 'v1');
    w.counters.length = 0;
    w.records.set('r1', { ...(w.records.get('r1') as HandoverRecord), status: 'withdrawn' });
    w.setNow(new Date(t0.getTime() + 8 * day));
    expect(await manageProposals(w.deps, ['201'])).toMatchObject({ lapsed: 1 });
    expect(w.matches.get(match.id)?.status).toBe('lapsed');
    expect(w.counters.filter((c) => c.counter === 'waitingRefugees')).toEqual([]);
    const w2 = world();
    const m2 = await proposeMatch(w2.deps, coordinator, 'r1', 'v1');
    w2.setNow(new Date(t0.getTime() + 8 * day));
    w2.interleave.push(() => w2.matches.set(m2.id, { ...m2, status: 'active', version: 5 }));
    expect(await manageProposals(w2.deps, ['201'])).toMatchObject({ lapsed: 0 });
    const w3 = world();
    const m3 = await proposeMatch(w3.deps, coordinator, 'r1', 'v1');
    w3.setNow(new Date(t0.getTime() + 8 * day));
    w3.matches.set(m3.id, { ...m3, status: 'active' });
    const original = w3.deps.matches.listByKommune;
    w3.deps.matches.listByKommune = async (code, status) =>
      status === 'proposed' ? [m3] : original(code, status);
    expect(await manageProposals(w3.deps, ['201'])).toMatchObject({ openProposals: 1, lapsed: 0 });
  });
});
