import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';
import { addGroup, addOrganisation } from '../support/groups-fixture.ts';
import { consentedBody, postJson, staffToken } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer } from '../support/matching-fixture.ts';
import { cognitoClient, request, signIn, stack } from '../support/stack.ts';

/**
 * Every staff route against every kind of staff member. The rule: a route's roles decide 403;
 * then a record outside the user's scope is 404 (as if it did not exist); then the request is
 * handled (a bad body gets 400 only after the scope check, so it reveals nothing).
 */

type User =
  | 'caseworker of the centre'
  | 'caseworker elsewhere'
  | 'coordinator of the kommune'
  | 'coordinator elsewhere'
  | 'admin';
const roleOf: Record<User, Role> = {
  'caseworker of the centre': 'caseworker',
  'caseworker elsewhere': 'caseworker',
  'coordinator of the kommune': 'coordinator',
  'coordinator elsewhere': 'coordinator',
  admin: 'admin',
};
const users = Object.keys(roleOf) as User[];
const tokens = {} as Record<User, string>;

/** Two records at Sandholm for Allerød (201): one shared with volunteers, one only with the kommune. */
const records = {} as Record<'shared with volunteers' | 'not shared with volunteers', string>;
/**
 * For the match routes: a match of the shared record; the record not shared with volunteers can
 * have none, so there the routes get an id that exists nowhere (404 for everyone).
 */
const matches = {} as Record<keyof typeof records, string>;
const isMatchRoute = (route: RouteDefinition) =>
  route.path.includes('/match/{id}') || route.path.startsWith('/api/matches/{id}');
/** For the volunteer routes: a confirmed volunteer in Allerød, and an id that exists nowhere. */
const volunteers = {} as Record<keyof typeof records, string>;
const isVolunteerRoute = (route: RouteDefinition) => route.path.includes('/frivillige/{id}');
/** For the administration's staff user routes: the demo caseworker's Cognito username, and one that exists nowhere. */
const staffUsers = {} as Record<keyof typeof records, string>;
const isStaffUserRoute = (route: RouteDefinition) => route.path.includes('/medarbejdere/{id}');
/** For the administration's local group routes: a group that exists, and one that exists nowhere. */
const localGroups = {} as Record<keyof typeof records, string>;
const isGroupRoute = (route: RouteDefinition) => route.path.includes('/grupper/{id}');

beforeAll(async () => {
  tokens['caseworker of the centre'] = (await signIn('caseworker')).accessToken;
  tokens['coordinator of the kommune'] = (await signIn('coordinator')).accessToken;
  tokens.admin = (await signIn('admin')).accessToken;
  tokens['caseworker elsewhere'] = await staffToken({ role: 'caseworker', centres: ['avnstrup'] });
  tokens['coordinator elsewhere'] = await staffToken({ role: 'coordinator', kommuner: ['147'] });
  for (const [name, shareWithVolunteers] of [
    ['shared with volunteers', true],
    ['not shared with volunteers', false],
  ] as const) {
    const response = await postJson(
      '/api/handovers',
      tokens['caseworker of the centre'],
      consentedBody({ shareWithVolunteers }),
    );
    records[name] = ((await response.json()) as { id: string }).id;
  }
  const volunteer = await addConfirmedVolunteer({ kommuneCode: '201', postalCode: '3450' });
  const proposed = await postJson('/api/matches', tokens['coordinator of the kommune'], {
    consentId: records['shared with volunteers'],
    volunteerId: volunteer.id,
  });
  expect(proposed.status).toBe(201);
  matches['shared with volunteers'] = ((await proposed.json()) as { id: string }).id;
  matches['not shared with volunteers'] = 'N0tAMatchN0tAMatchN0tAMatch12345';
  volunteers['shared with volunteers'] = volunteer.id;
  volunteers['not shared with volunteers'] = 'N0tAVolunteerN0tAVolunteer123456';
  const caseworker = stack.demoLogins.find((login) => login.role === 'caseworker');
  staffUsers['shared with volunteers'] =
    (
      await cognitoClient().send(
        new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: caseworker?.username }),
      )
    ).Username ?? '';
  staffUsers['not shared with volunteers'] = '00000000-0000-4000-8000-000000000000';
  await addOrganisation({ id: 'matrix-org', name: 'Matrixforeningen', readiness: 'other-association' });
  await addGroup({
    id: 'matrix-group',
    organisationId: 'matrix-org',
    name: 'Matrixgruppen',
    // A kommune no other test uses: sign-ups there would join it.
    kommuner: ['773'],
    email: 'matrix@example.dk',
    active: false,
    offers: ['friends'],
  });
  localGroups['shared with volunteers'] = 'matrix-group';
  localGroups['not shared with volunteers'] = 'findes-ikke';
});

const send = (route: RouteDefinition, token: string, id?: string) => {
  const path = (id ? route.path.replace('{id}', id) : route.path).replace('{code}', '201');
  const isApi = path.startsWith('/api/');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (route.method === 'GET') return request(path, { headers });
  headers['content-type'] = isApi ? 'application/json' : 'application/x-www-form-urlencoded';
  return request(path, { method: route.method, headers, body: isApi ? '{}' : '' });
};

const staffRoutes = (routes as readonly RouteDefinition[]).filter((r) => r.access !== 'public');
const recordRoutes = staffRoutes.filter((r) => r.path.includes('{id}'));
const otherRoutes = staffRoutes.filter((r) => !r.path.includes('{id}'));

/** What a user in scope gets: a page or JSON for reads, 400 for the empty body of a change, 303 for none. */
const handled = (route: RouteDefinition) => {
  // Everyone in the matrix has a name: the name step sends them on.
  if (route.path === '/personale/navn') return 303;
  if (route.method === 'GET') return 200;
  // An empty search shows the list.
  if (
    ['/personale/overdragelser', '/personale/matching', '/personale/matching/frivillige'].includes(route.path)
  )
    return 200;
  return 400;
};

const sees = (user: User, record: keyof typeof records) =>
  user === 'caseworker of the centre' ||
  user === 'admin' ||
  (user === 'coordinator of the kommune' && record === 'shared with volunteers');

/** Kommune routes (`{code}` is Allerød): coordinators elsewhere are told it does not exist. */
const seesKommune = (route: RouteDefinition, user: User) =>
  !route.path.includes('{code}') || user !== 'coordinator elsewhere';

describe('authorization matrix', () => {
  it('covers the handover routes', () => {
    expect(recordRoutes.length).toBeGreaterThanOrEqual(10);
    expect(otherRoutes.length).toBeGreaterThanOrEqual(6);
  });

  for (const route of otherRoutes) {
    it(`${route.method} ${route.path}: by role`, async () => {
      for (const user of users) {
        const allowed = (route.access as readonly Role[]).includes(roleOf[user]);
        const response = await send(route, tokens[user]);
        expect(response.status, user).toBe(!allowed ? 403 : seesKommune(route, user) ? handled(route) : 404);
      }
    });
  }

  for (const route of recordRoutes) {
    it(`${route.method} ${route.path}: by role and scope`, async () => {
      for (const user of users) {
        for (const record of Object.keys(records) as (keyof typeof records)[]) {
          const allowed = (route.access as readonly Role[]).includes(roleOf[user]);
          const visible =
            isStaffUserRoute(route) || isGroupRoute(route)
              ? record === 'shared with volunteers' && user === 'admin'
              : isVolunteerRoute(route)
                ? record === 'shared with volunteers' &&
                  (user === 'coordinator of the kommune' || user === 'admin')
                : isMatchRoute(route)
                  ? record === 'shared with volunteers' && sees(user, record)
                  : sees(user, record);
          const expected = !allowed ? 403 : visible ? handled(route) : 404;
          const ids = isStaffUserRoute(route)
            ? staffUsers
            : isGroupRoute(route)
              ? localGroups
              : isVolunteerRoute(route)
                ? volunteers
                : isMatchRoute(route)
                  ? matches
                  : records;
          const response = await send(route, tokens[user], ids[record]);
          expect(response.status, `${user}, record ${record}`).toBe(expected);
          if (expected === 404) expect(await response.text()).not.toContain('Amal');
        }
      }
    });
  }

  it('answers 404 for an id that does not exist, the same as for one outside the scope', async () => {
    const response = await request('/api/handovers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
      headers: { authorization: `Bearer ${tokens['caseworker of the centre']}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Overdragelsen findes ikke.' });
  });

  it("shows a coordinator no refugee who withdrew, even in the coordinator's kommune", async () => {
    const { id } = (await (
      await postJson('/api/handovers', tokens['caseworker of the centre'], consentedBody())
    ).json()) as { id: string };
    const coordinator = tokens['coordinator of the kommune'];
    expect(
      (await request(`/api/handovers/${id}`, { headers: { authorization: `Bearer ${coordinator}` } })).status,
    ).toBe(200);
    await postJson(`/api/handovers/${id}/withdrawal`, tokens['caseworker of the centre'], {
      requestedVia: 'letter',
    });
    expect(
      (await request(`/api/handovers/${id}`, { headers: { authorization: `Bearer ${coordinator}` } })).status,
    ).toBe(404);
  });
});
