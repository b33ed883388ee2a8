import { describe, expect, it } from 'vitest';
import type { Match } from '../../functions/domain/match.ts';
import { MatchWriteConflict } from '../../functions/domain/matching.ts';
import { publicFigures } from '../../functions/domain/public-figures.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { leaveProgramme } from '../../functions/domain/volunteer-departure.ts';
import { liveSession } from '../../functions/http/staff-auth.ts';
import type { StaffContext } from '../../functions/lib/staff-context.ts';
import { figuresResponseSchema } from '../../shared/api-contracts.ts';

/** Rules at the edges that need no services: sessions after sign-out, figures' shape, a departure's retries. */

const staff = (times: { issuedAt: number; authTime: number }): StaffContext => ({
  sub: 'u1',
  username: 'u1',
  roles: ['caseworker'],
  groups: [],
  centres: ['sandholm'],
  kommuner: [],
  ...times,
});

describe('a session after its user signed out', () => {
  const auth = (token: StaffContext | undefined, endedAt: number | undefined) => ({
    verifier: { verify: async () => token },
    sessionEnds: { sessionsEndedAt: async () => endedAt },
  });

  it('is refused when it began before the sign-out, even if renewed since (another browser)', async () => {
    expect(await liveSession(auth(staff({ issuedAt: 900, authTime: 900 }), 1000), 't')).toBeUndefined();
    // Renewed after the sign-out with a refresh token from before it: Cognito keeps auth_time.
    expect(await liveSession(auth(staff({ issuedAt: 1500, authTime: 900 }), 1000), 't')).toBeUndefined();
    // In the same second as the sign-out counts as before it.
    expect(await liveSession(auth(staff({ issuedAt: 1000, authTime: 1000 }), 1000), 't')).toBeUndefined();
  });

  it('is taken when it began after the sign-out, or the user never signed out', async () => {
    const after = staff({ issuedAt: 1001, authTime: 1001 });
    expect(await liveSession(auth(after, 1000), 't')).toBe(after);
    const never = staff({ issuedAt: 5, authTime: 5 });
    expect(await liveSession(auth(never, undefined), 't')).toBe(never);
    expect(await liveSession(auth(undefined, undefined), 't')).toBeUndefined();
  });
});

describe('the public figures', () => {
  it('keep the published JSON shape whatever the counts ("at least" any number)', () => {
    const kommune = (code: string, waiting: number, available: number) => ({
      code,
      name: `K${code}`,
      regionCode: '1084',
      region: 'Region Hovedstaden',
      waitingRefugees: waiting,
      availableVolunteers: available,
      confirmedVolunteers: 0,
      volunteersLeft: 0,
      listedVolunteers: 0,
    });
    // 4 waiting and "under 3" available: between 2 and 3 missing.
    const figures = publicFigures([kommune('101', 4, 1), kommune('147', 0, 2), kommune('151', 40, 0)]);
    expect(figures.kommuner.find((k) => k.code === '101')?.missing).toEqual({ atLeast: 2 });
    expect(() =>
      figuresResponseSchema.parse({
        ...figures,
        generatedAt: new Date().toISOString(),
        region: null,
        groups: [],
      }),
    ).not.toThrow();
  });
});

describe('a volunteer leaving while an index catches up', () => {
  const volunteer = { id: 'v1', activeMatches: 2 } as Volunteer;
  const match = (id: string, status: Match['status']) =>
    ({ id, status, consentId: `c-${id}`, kommuneCode: '101', version: 1 }) as unknown as Match;

  it('asks again while fewer open matches are listed than the places taken, then ends them all', async () => {
    const listings = [[match('m1', 'active')], [match('m1', 'active'), match('m2', 'proposed')]];
    const departed: string[][] = [];
    const report = await leaveProgramme(
      {
        departures: {
          listByVolunteer: async () => listings.shift() ?? [],
          depart: async (_v, writes) => {
            departed.push(writes.map((w) => `${w.match.after.id}:${w.match.after.status}`));
          },
        },
        volunteers: { get: async () => volunteer },
        now: () => new Date('2026-12-01T10:00:00Z'),
        pause: async () => {},
      },
      volunteer,
    );
    expect(report.endedMatches).toBe(2);
    expect(departed).toEqual([['m1:ended', 'm2:cancelled']]);
  });

  it('leaves a record that moved on where it is, and still erases the volunteer', async () => {
    const attempts: boolean[][] = [];
    await leaveProgramme(
      {
        departures: {
          listByVolunteer: async () => [match('m1', 'active')],
          depart: async (_v, writes) => {
            attempts.push(writes.map((w) => w.consent !== undefined));
            if (attempts.length === 1) throw new MatchWriteConflict('consent', 'm1');
          },
        },
        volunteers: { get: async () => volunteer },
        now: () => new Date('2026-12-01T10:00:00Z'),
        pause: async () => {},
      },
      { ...volunteer, activeMatches: 1 },
    );
    expect(attempts).toEqual([[true], [false]]);
  });
});
