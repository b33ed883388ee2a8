import { describe, expect, it } from 'vitest';
import type { NewOutboxEntry } from '../../functions/domain/email-delivery.ts';
import { checkHealth } from '../../functions/domain/health.ts';
import { runHeartbeat } from '../../functions/domain/heartbeat.ts';
import type { Match } from '../../functions/domain/match.ts';
import { type MatchWrite, MatchWriteConflict } from '../../functions/domain/matching.ts';
import { hashToken, type TokenRecord } from '../../functions/domain/tokens.ts';
import { newVolunteer, type Volunteer } from '../../functions/domain/volunteer.ts';
import { departureWrite, leaveProgramme } from '../../functions/domain/volunteer-departure.ts';
import { volunteerEmail } from '../../functions/domain/volunteer-emails.ts';
import {
  changeDetails,
  leaveAndErase,
  openSession,
  performAction,
  requestManageLink,
  unsubscribe,
  volunteerForSession,
} from '../../functions/domain/volunteer-self-service.ts';
import { confirmSignup, SignupRateLimitedError, signUp } from '../../functions/domain/volunteer-signup.ts';
import { DuplicateEmailError } from '../../functions/domain/volunteer-store.ts';
import { volunteerSignupSchema } from '../../shared/volunteer-contract.ts';
import { signupBody } from '../support/signup-fixture.ts';

/** The volunteers' use cases (sign-up, self-service, leaving) against in-memory ports. */

const t0 = new Date('2026-11-16T10:00:00Z');

const volunteerWorld = (options: { allowed?: boolean } = {}) => {
  const byId = new Map<string, Volunteer>();
  const byEmail = new Map<string, string>();
  const claimed: NewOutboxEntry[] = [];
  const saved: { after: Volunteer; extra: unknown[] }[] = [];
  const erased: string[] = [];
  const tokens = new Map<string, TokenRecord & { usedAt?: string }>();
  const hits: string[] = [];
  const deps = {
    volunteers: {
      async create(v: Volunteer) {
        const existing = byEmail.get(v.email);
        if (existing) throw new DuplicateEmailError(existing);
        byId.set(v.id, v);
        byEmail.set(v.email, v.id);
      },
      get: async (id: string) => byId.get(id),
      findIdByEmail: async (email: string) => byEmail.get(email),
      async save(before: Volunteer, after: Volunteer, extra: unknown[] = []) {
        if (byId.get(before.id)?.updatedAt !== before.updatedAt) throw new Error('changed');
        byId.set(after.id, after);
        saved.push({ after, extra });
      },
      async erase(v: Volunteer) {
        byId.delete(v.id);
        erased.push(v.id);
      },
      eraseItems: async () => [],
      listAvailable: async () => [],
    },
    kommuner: {
      counterUpdates: (changes: unknown[]) => changes.map((change) => ({ counter: change })),
      recruitmentUpdates: (change: unknown) => (change ? [{ recruited: change }] : []),
    },
    tokens: {
      put: async (record: TokenRecord) => void tokens.set(record.hash, record),
      consume: async (hash: string, purpose: string, now: Date) => {
        const t = tokens.get(hash);
        if (!t || t.purpose !== purpose || t.usedAt || t.expiresAt <= now) return undefined;
        tokens.set(hash, { ...t, usedAt: now.toISOString() });
        return t.volunteerId;
      },
      peek: async (hash: string, purpose: string, now: Date) => {
        const t = tokens.get(hash);
        return t && t.purpose === purpose && !t.usedAt && t.expiresAt > now ? t.volunteerId : undefined;
      },
      revoke: async (hash: string) => void tokens.delete(hash),
    },
    outbox: { claim: async (entry: NewOutboxEntry) => Boolean(claimed.push(entry)) },
    groups: { all: async () => ({ organisations: [], groups: [] }) },
    rateLimiter: {
      hit: async (kind: string, client: string) => {
        hits.push(`${kind}:${client}`);
        return options.allowed === false ? { allowed: false, retryAfterSeconds: 42 } : { allowed: true };
      },
    },
    departures: {
      listByVolunteer: async () => [] as Match[],
      depart: async (v: Volunteer) => {
        byId.delete(v.id);
        erased.push(v.id);
      },
    },
    now: () => t0,
  };
  return {
    deps: deps as never as Parameters<typeof signUp>[0] &
      Parameters<typeof performAction>[0] &
      Parameters<typeof confirmSignup>[0],
    byId,
    claimed,
    saved,
    erased,
    tokens,
    hits,
  };
};

const input = (email = 'ase@example.dk', overrides: Record<string, unknown> = {}) =>
  volunteerSignupSchema.parse(signupBody(email, overrides));

/** A token of this purpose for a volunteer, as an email would carry it. */
const token = (
  w: ReturnType<typeof volunteerWorld>,
  purpose: TokenRecord['purpose'],
  volunteerId: string,
) => {
  const value = `${purpose.padEnd(43, 'x')}`.slice(0, 43).replace(/[^\w-]/g, 'x');
  w.tokens.set(hashToken(value), {
    hash: hashToken(value),
    purpose,
    volunteerId,
    expiresAt: new Date(t0.getTime() + 3600_000),
  });
  return value;
};

describe('signing up', () => {
  it('stores an unconfirmed volunteer and claims their confirmation, after the client’s count', async () => {
    const w = volunteerWorld();
    const answer = await signUp(w.deps, input(), 'client-1');
    expect(answer.status).toBe('unconfirmed');
    const stored = w.byId.get(answer.id) as Volunteer;
    expect(stored).toMatchObject({ email: 'ase@example.dk', status: 'unconfirmed' });
    expect(w.hits).toEqual(['signup:client-1']);
    expect(w.claimed).toEqual([volunteerEmail.confirmation(answer.id, stored.createdAt)]);
  });

  it('answers a known address alike, with a new id, and claims the owner’s "already signed up"', async () => {
    const w = volunteerWorld();
    const first = await signUp(w.deps, input(), 'c');
    const second = await signUp(w.deps, input('ase@example.dk', { name: 'Someone' }), 'c');
    expect(second.status).toBe('unconfirmed');
    expect(second.id).not.toBe(first.id);
    expect(w.byId.size).toBe(1);
    expect(w.claimed.at(-1)).toEqual(volunteerEmail.alreadySignedUp(first.id, t0));
  });

  it('stores nothing past the client’s limit', async () => {
    const w = volunteerWorld({ allowed: false });
    const refused = await signUp(w.deps, input(), 'c').catch((error) => error);
    expect(refused).toBeInstanceOf(SignupRateLimitedError);
    expect(refused).toMatchObject({ retryAfterSeconds: 42, name: 'SignupRateLimitedError' });
    expect(w.byId.size).toBe(0);
    expect(w.claimed).toEqual([]);
  });

  it('passes on a failure that is not a known address', async () => {
    const w = volunteerWorld();
    w.deps.volunteers.create = async () => {
      throw new Error('db down');
    };
    await expect(signUp(w.deps, input(), 'c')).rejects.toThrow('db down');
  });

  it('confirms once from the link: counted as available and recruited, and a session opened', async () => {
    const w = volunteerWorld();
    const { id } = await signUp(w.deps, input(), 'c');
    const link = token(w, 'confirm', id);
    const confirmed = await confirmSignup(w.deps, link);
    expect(confirmed?.volunteerId).toBe(id);
    expect(confirmed?.session).toMatch(/^[\w-]{43}$/);
    expect(w.byId.get(id)?.status).toBe('confirmed');
    expect(w.saved[0]?.extra).toEqual([
      { counter: { kommuneCode: '751', counter: 'availableVolunteers', delta: 1 } },
      { counter: { kommuneCode: '751', counter: 'confirmedVolunteers', delta: 1 } },
      { counter: { kommuneCode: '751', counter: 'listedVolunteers', delta: 1 } },
      {
        recruited: {
          month: '2026-11',
          kommuneCode: '751',
          source: { channel: 'heard-from', source: 'unknown' },
        },
      },
    ]);
    expect(await confirmSignup(w.deps, link)).toBeUndefined();
    expect(await confirmSignup(w.deps, 'not a token')).toBeUndefined();
  });

  it('opens a session without saving for a volunteer confirmed already, and none for one who is gone', async () => {
    const w = volunteerWorld();
    const { id } = await signUp(w.deps, input(), 'c');
    await confirmSignup(w.deps, token(w, 'confirm', id));
    const again = `${'A'.repeat(42)}B`;
    w.tokens.set(hashToken(again), {
      hash: hashToken(again),
      purpose: 'confirm',
      volunteerId: id,
      expiresAt: new Date(t0.getTime() + 1e6),
    });
    expect((await confirmSignup(w.deps, again))?.volunteerId).toBe(id);
    expect(w.saved).toHaveLength(1);
    w.byId.delete(id);
    const gone = `${'C'.repeat(42)}D`;
    w.tokens.set(hashToken(gone), {
      hash: hashToken(gone),
      purpose: 'confirm',
      volunteerId: id,
      expiresAt: new Date(t0.getTime() + 1e6),
    });
    expect(await confirmSignup(w.deps, gone)).toBeUndefined();
  });
});

describe('my sign-up', () => {
  const signedUp = async () => {
    const w = volunteerWorld();
    const v = newVolunteer(input(), t0, 'v1');
    w.byId.set('v1', { ...v, status: 'confirmed' });
    await w.deps.volunteers.create({ ...v, email: 'other@x.dk', id: 'v0' }).catch(() => undefined);
    return w;
  };

  it('sends a sign-in link only to a known address, once per ten minutes by its key', async () => {
    const w = await signedUp();
    w.deps.volunteers.findIdByEmail = async (e) =>
      e === 'ase@example.dk' ? 'v1' : e === 'ghost@x.dk' ? 'ghost' : undefined;
    await requestManageLink(w.deps, 'ase@example.dk');
    await requestManageLink(w.deps, 'nobody@x.dk');
    await requestManageLink(w.deps, 'ghost@x.dk');
    expect(w.claimed).toEqual([volunteerEmail.manageLink('v1', t0)]);
  });

  it('opens a session from a sign-in link once, and finds the volunteer behind it', async () => {
    const w = await signedUp();
    const link = token(w, 'manage', 'v1');
    const session = (await openSession(w.deps, link)) as string;
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(await openSession(w.deps, link)).toBeUndefined();
    expect(await openSession(w.deps, 42)).toBeUndefined();
    expect((await volunteerForSession(w.deps, session))?.id).toBe('v1');
    expect(await volunteerForSession(w.deps, 'x')).toBeUndefined();
    expect(await volunteerForSession(w.deps, `${'Z'.repeat(43)}`)).toBeUndefined();
  });

  it('saves an action and a change of details with the counters they move', async () => {
    const w = await signedUp();
    const v = w.byId.get('v1') as Volunteer;
    const paused = await performAction(w.deps, v, 'pause');
    expect(paused.paused).toBe(true);
    expect(w.saved.at(-1)?.extra).toEqual([
      { counter: { kommuneCode: '751', counter: 'availableVolunteers', delta: -1 } },
    ]);
    const moved = await changeDetails(w.deps, paused, { ...input(), kommuneCode: '101' } as never);
    expect(moved.kommuneCode).toBe('101');
    expect(w.byId.get('v1')?.kommuneCode).toBe('101');
  });

  it('unsubscribes from the one-click link, once, and only a volunteer who still exists', async () => {
    const w = await signedUp();
    const link = token(w, 'unsubscribe', 'v1');
    expect(await unsubscribe(w.deps, link)).toBe(true);
    expect(w.byId.get('v1')?.emailOptOut).toBe(true);
    expect(await unsubscribe(w.deps, link)).toBe(false);
    expect(await unsubscribe(w.deps, undefined)).toBe(false);
    const again = `${'Q'.repeat(42)}R`;
    w.tokens.set(hashToken(again), {
      hash: hashToken(again),
      purpose: 'unsubscribe',
      volunteerId: 'v1',
      expiresAt: new Date(t0.getTime() + 1e6),
    });
    const saves = w.saved.length;
    expect(await unsubscribe(w.deps, again)).toBe(true);
    expect(w.saved.length).toBe(saves);
    const gone = `${'G'.repeat(42)}H`;
    w.tokens.set(hashToken(gone), {
      hash: hashToken(gone),
      purpose: 'unsubscribe',
      volunteerId: 'nobody',
      expiresAt: new Date(t0.getTime() + 1e6),
    });
    expect(await unsubscribe(w.deps, gone)).toBe(false);
  });

  it('leaves the programme: erased, and the session ends', async () => {
    const w = await signedUp();
    const session = (await openSession(w.deps, token(w, 'manage', 'v1'))) as string;
    await leaveAndErase(w.deps, w.byId.get('v1') as Volunteer, session);
    expect(w.erased).toEqual(['v1']);
    expect(await volunteerForSession(w.deps, session)).toBeUndefined();
  });
});

describe('leaving with matches', () => {
  const match = (id: string, status: Match['status']) =>
    ({
      id,
      status,
      consentId: `c-${id}`,
      kommuneCode: '201',
      version: 3,
      volunteerId: 'v1',
    }) as unknown as Match;
  const v = {
    id: 'v1',
    activeMatches: 1,
    kommuneCode: '201',
    status: 'confirmed',
    paused: false,
    ready: true,
    capacity: 2,
  } as Volunteer;

  it('writes each open match back to the list, with the counters merged', async () => {
    const departed: { writes: readonly MatchWrite[]; counters: unknown[] }[] = [];
    const report = await leaveProgramme(
      {
        departures: {
          listByVolunteer: async () => [match('m1', 'active'), match('m2', 'ended')],
          depart: async (_v, writes, counters) => void departed.push({ writes, counters: [...counters] }),
        },
        volunteers: { get: async () => v },
        now: () => t0,
      },
      v,
    );
    expect(report).toEqual({ endedMatches: 1 });
    expect(departed[0]?.writes).toEqual([departureWrite(match('m1', 'active'), t0)]);
    expect(departed[0]?.counters).toEqual([
      { kommuneCode: '201', counter: 'availableVolunteers', delta: -1 },
      { kommuneCode: '201', counter: 'volunteersLeft', delta: 1 },
      { kommuneCode: '201', counter: 'listedVolunteers', delta: -1 },
      { kommuneCode: '201', counter: 'waitingRefugees', delta: 1 },
    ]);
  });

  it('describes a departure’s write for a proposal, a match and a record that moved on', () => {
    expect(departureWrite(match('m1', 'proposed'), t0)).toEqual({
      match: {
        before: match('m1', 'proposed'),
        after: expect.objectContaining({ status: 'cancelled', endReason: 'volunteer-left' }),
      },
      consent: { id: 'c-m1', kommuneCode: '201', from: 'proposed', to: 'waiting', matchId: 'm1' },
      counters: [{ kommuneCode: '201', counter: 'waitingRefugees', delta: 1 }],
      emails: [
        {
          key: 'match-volunteer-left#m1',
          template: 'match-volunteer-left',
          recipientRef: 'm1',
          facts: { refugeeBack: 'yes' },
        },
      ],
      // The proposal's task goes with it.
      tasks: { close: [{ kommuneCode: '201', id: 'proposal-unanswered#m1' }] },
    });
    expect(departureWrite(match('m1', 'paused'), t0).consent?.from).toBe('matched');
    const movedOn = departureWrite(match('m1', 'active'), t0, false);
    expect(movedOn.consent).toBeUndefined();
    expect(movedOn.counters).toEqual([]);
    expect(movedOn.emails[0]?.facts).toEqual({ refugeeBack: 'no' });
  });

  it('reads the volunteer again when they changed, stops when they are gone, and passes on other failures', async () => {
    let calls = 0;
    const report = await leaveProgramme(
      {
        departures: {
          listByVolunteer: async () => [],
          depart: async () => {
            calls++;
            throw new MatchWriteConflict('volunteer');
          },
        },
        volunteers: { get: async () => (calls < 2 ? v : undefined) },
        now: () => t0,
      },
      v,
    );
    expect(report).toEqual({ endedMatches: 0 });
    expect(calls).toBe(2);
    await expect(
      leaveProgramme(
        {
          departures: {
            listByVolunteer: async () => [],
            depart: async () => Promise.reject(new Error('db')),
          },
          volunteers: { get: async () => v },
          now: () => t0,
        },
        v,
      ),
    ).rejects.toThrow('db');
    let tries = 0;
    await expect(
      leaveProgramme(
        {
          departures: {
            listByVolunteer: async () => [],
            depart: async () => {
              tries++;
              throw new MatchWriteConflict('match', 'm1');
            },
          },
          volunteers: { get: async () => v },
          now: () => t0,
          pause: async () => {},
        },
        { ...v, activeMatches: 0 },
      ),
    ).rejects.toThrow(MatchWriteConflict);
    expect(tries).toBe(3);
  });
});

describe('health and the heartbeat', () => {
  it('is ok when DynamoDB answers, with each job’s last run and lateness, the emails waiting and held, and unavailable when it does not', async () => {
    // 2026-11-23 10:03 Copenhagen time: the heartbeat (06:00 daily) ran today, the retention (03:30
    // daily) last ran two days ago (late: it missed today's), the email retry (every 10 minutes) never.
    const now = new Date('2026-11-23T09:03:00Z');
    const report = await checkHealth({
      kommuner: {
        getSystemStatus: async () => ({
          lastHeartbeatAt: '2026-11-23T05:00:01Z',
          jobRuns: { heartbeat: '2026-11-23T05:00:01Z', retention: '2026-11-21T02:30:05Z' },
        }),
      },
      heldEmails: {
        countHeld: async () => 4,
        pending: async () => ({ count: 7, oldestAt: '2026-11-23T08:15:00Z' }),
      },
      suppressed: async () => 3,
      now: () => now,
    });
    expect(report).toMatchObject({
      status: 'ok',
      dynamodb: 'ok',
      lastHeartbeatAt: '2026-11-23T05:00:01Z',
      emails: { pending: 7, oldestPendingMinutes: 48, heldBySes: 4 },
      emailsHeldBySes: 4,
      suppressedAddresses: 3,
      checkedAt: now.toISOString(),
    });
    const byJob = Object.fromEntries((report.jobs ?? []).map((j) => [j.job, j]));
    expect(byJob.heartbeat).toEqual({ job: 'heartbeat', lastRunAt: '2026-11-23T05:00:01Z', late: false });
    expect(byJob.retention).toEqual({ job: 'retention', lastRunAt: '2026-11-21T02:30:05Z', late: true });
    expect(byJob['email-retry']).toEqual({ job: 'email-retry', late: true });
    expect(report.jobsLate).toBe((report.jobs ?? []).filter((j) => j.late).length);
    // One missed run is enough: the retention ran yesterday but not today, two and a quarter hours on.
    const missedOne = await checkHealth({
      kommuner: { getSystemStatus: async () => ({ jobRuns: { retention: '2026-11-22T02:30:05Z' } }) },
      heldEmails: { countHeld: async () => 0, pending: async () => ({ count: 0 }) },
      suppressed: async () => 0,
      now: () => new Date('2026-11-23T04:50:00Z'),
    });
    expect(missedOne.jobs?.find((j) => j.job === 'retention')?.late).toBe(true);
    // Within the grace after its time, it is not late yet.
    const inGrace = await checkHealth({
      kommuner: { getSystemStatus: async () => ({ jobRuns: { retention: '2026-11-22T02:30:05Z' } }) },
      heldEmails: { countHeld: async () => 0, pending: async () => ({ count: 0 }) },
      suppressed: async () => 0,
      now: () => new Date('2026-11-23T03:00:00Z'),
    });
    expect(inGrace.jobs?.find((j) => j.job === 'retention')?.late).toBe(false);
    expect(
      await checkHealth({
        kommuner: { getSystemStatus: () => Promise.reject(new Error('down')) },
        heldEmails: { countHeld: async () => 0, pending: async () => ({ count: 0 }) },
        suppressed: async () => 0,
        now: () => t0,
      }),
    ).toEqual({ status: 'unavailable', dynamodb: 'unavailable', checkedAt: t0.toISOString() });
  });

  it('records the moment the scheduler fired', async () => {
    const recorded: string[] = [];
    expect(
      await runHeartbeat({ kommuner: { recordHeartbeat: async (at) => void recorded.push(at) }, now: t0 }),
    ).toEqual({
      recordedAt: t0.toISOString(),
    });
    expect(recorded).toEqual([t0.toISOString()]);
  });
});
