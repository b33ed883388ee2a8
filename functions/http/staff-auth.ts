import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { StaffScope } from '../../shared/roles.ts';
import type { RouteDefinition } from '../../shared/routes.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { organisationsDirectory } from '../adapters/organisations-repository.ts';
import {
  type StaffDirectory,
  type StaffSessionEnds,
  staffDirectory,
  staffSessionEnds,
} from '../adapters/staff-directory.ts';
import { cognitoStaffSessions, type StaffSessions } from '../adapters/staff-sessions.ts';
import { cognitoTokenVerifier, type StaffTokenVerifier } from '../adapters/staff-token-verifier.ts';
import { coveredKommuner, type OrganisationsDirectory } from '../domain/organisations.ts';
import {
  refreshCookieName,
  type StaffContext,
  sessionCookieName,
  staffBasePath,
} from '../lib/staff-context.ts';
import { ForbiddenError, UnauthorizedError } from './errors.ts';
import {
  assertSameOrigin,
  clearCookie,
  readCookie,
  readEncodedCookie,
  sessionCookie,
} from './http-session.ts';

/** What a function serving staff routes needs to know who is calling. */
export interface StaffAuth {
  readonly verifier: StaffTokenVerifier;
  readonly sessions: StaffSessions;
  /** When each user last signed out: tokens issued before then are refused. */
  readonly sessionEnds: Pick<StaffSessionEnds, 'sessionsEndedAt'>;
  /** Who they are to people (their e-mail), for the pages' header and records. */
  readonly directory: Pick<StaffDirectory, 'nameOf'>;
  /** The local groups a coordinator belongs to: their kommuner follow from the groups' coverage. */
  readonly organisations: Pick<OrganisationsDirectory, 'groups'>;
}

/** Set-Cookie values that end a staff session in the browser (sign-out, or a session that is gone). */
export const clearStaffCookies = (): string[] => [
  clearCookie(sessionCookieName),
  clearCookie(refreshCookieName, staffBasePath),
];

/** No valid session: people are sent to the sign-in page, API clients get 401. */
export class SignInRequiredError extends UnauthorizedError {}

export const staffAuthFrom = (env: {
  COGNITO_ISSUER: string;
  USER_POOL_CLIENT_ID: string;
  TABLE_STAFF: string;
  TABLE_ORGANISATIONS: string;
}): StaffAuth => ({
  verifier: cognitoTokenVerifier({ issuer: env.COGNITO_ISSUER, clientId: env.USER_POOL_CLIENT_ID }),
  sessions: cognitoStaffSessions({ clientId: env.USER_POOL_CLIENT_ID }),
  sessionEnds: staffSessionEnds(dynamoDb(), env.TABLE_STAFF),
  directory: staffDirectory(dynamoDb(), env.TABLE_STAFF),
  organisations: organisationsDirectory(dynamoDb(), env.TABLE_ORGANISATIONS),
});

/**
 * The staff member with the kommuner their groups cover (read now, so an activated group's
 * coordinators see its new kommune at once): one BatchGetItem, and none for who has no group.
 */
export const withGroupScope = async <S extends StaffScope>(
  organisations: Pick<OrganisationsDirectory, 'groups'>,
  staff: S,
): Promise<S> => {
  if (staff.groups.length === 0) return staff;
  const groups = await organisations.groups(staff.groups);
  return { ...staff, kommuner: coveredKommuner(staff.kommuner, groups) };
};

/**
 * A verified token that is still a session: one whose sign-in (or, when the token does not say,
 * whose issue) was after the user last signed out. A session renewed with its refresh token keeps
 * its sign-in time at Cognito, so signing out ends the sessions of every browser; a sign-in in the
 * same second as the sign-out counts as before it.
 */
export const liveSession = async (
  auth: Pick<StaffAuth, 'verifier' | 'sessionEnds'>,
  token: string,
): Promise<StaffContext | undefined> => (await sessionOf(auth, token)).staff;

/** The session a token carries: live, ended (signed out, disabled), or no valid token at all. */
const sessionOf = async (
  auth: Pick<StaffAuth, 'verifier' | 'sessionEnds'>,
  token: string,
): Promise<{ staff?: StaffContext; ended: boolean }> => {
  const staff = await auth.verifier.verify(token);
  if (!staff) return { ended: false };
  const endedAt = await auth.sessionEnds.sessionsEndedAt(staff.sub);
  const began = Math.min(staff.authTime, staff.issuedAt);
  return endedAt !== undefined && began <= endedAt ? { ended: true } : { staff, ended: false };
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const bearerToken = (event: APIGatewayProxyEventV2): string | undefined => {
  const authorization = event.headers?.authorization;
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined;
};

/**
 * The one gate of every staff route: a Cognito access token from `Authorization: Bearer` (API
 * clients) or the session cookie (the staff pages), verified with aws-jwt-verify. A page whose
 * session ran out renews it with the refresh cookie and sets the new session cookie on the answer.
 * Then one of the user's roles must be among the route's.
 */
export const authenticateStaff = async (
  event: APIGatewayProxyEventV2,
  route: RouteDefinition,
  auth: StaffAuth,
): Promise<{ staff: StaffContext; cookies: string[] }> => {
  const bearer = bearerToken(event);
  // A browser attaches the cookies by itself: a change made with them must come from our own pages,
  // forms and JSON alike. A Bearer token is attached only by the client that holds it.
  if (!bearer && !safeMethods.has(event.requestContext.http.method)) assertSameOrigin(event);
  const token = bearer ?? readCookie(event, sessionCookieName);
  const presented = token ? await sessionOf(auth, token) : { ended: false };
  let staff = presented.staff;
  const cookies: string[] = [];
  const refreshToken = bearer ? undefined : readEncodedCookie(event, refreshCookieName);
  // Only a session that ran out is renewed: one that was ended (signed out, disabled) stays ended,
  // whatever sign-in time the renewed token would carry.
  if (!staff && refreshToken && !presented.ended) {
    const renewed = await auth.sessions.refresh(refreshToken).catch(() => undefined);
    staff = renewed ? await liveSession(auth, renewed.accessToken) : undefined;
    if (renewed && staff)
      cookies.push(sessionCookie(sessionCookieName, renewed.accessToken, renewed.expiresInSeconds));
  }
  if (!staff) throw new SignInRequiredError();
  if (route.access === 'public' || !staff.roles.some((role) => route.access.includes(role)))
    throw new ForbiddenError();
  // The directory keeps each name for the life of the instance: one read per person, not per request.
  const [displayName, scoped] = await Promise.all([
    auth.directory.nameOf(staff.sub),
    withGroupScope(auth.organisations, staff),
  ]);
  return { staff: displayName ? { ...scoped, displayName } : scoped, cookies };
};
