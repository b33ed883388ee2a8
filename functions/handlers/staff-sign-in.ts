import { loadEnv } from '../../shared/env.ts';
import { scopeFromGroups, staffNameSchema, staffTokenHours } from '../../shared/roles.ts';
import { type Operations, pathOf } from '../../shared/routes.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { rateLimitRepository } from '../adapters/rate-limit-repository.ts';
import { claimsOf, staffDirectory, staffSessionEnds } from '../adapters/staff-directory.ts';
import type { SessionTokens, SignInStep } from '../adapters/staff-sessions.ts';
import { clientAddress } from '../http/edge.ts';
import { TooManyRequestsError, UnauthorizedError } from '../http/errors.ts';
import {
  type HttpEvent,
  type HttpRequest,
  type HttpResult,
  html,
  httpHandler,
  json,
} from '../http/http-handler.ts';
import {
  assertSameOrigin,
  readCookie,
  readEncodedCookie,
  redirect,
  sessionCookie,
} from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import { clearStaffCookies, staffAuthFrom, withGroupScope } from '../http/staff-auth.ts';
import {
  refreshCookieName,
  type StaffContext,
  sessionCookieName,
  signInPath,
  staffBasePath,
} from '../lib/staff-context.ts';
import { text } from '../web/form-values.ts';
import {
  NamePage,
  PasswordResetPage,
  SignInPage,
  type SignInStepName,
  StaffHomePage,
} from '../web/sign-in-pages.tsx';

const env = loadEnv('staff-sign-in');
const staffAuth = staffAuthFrom(env);
const { sessions } = staffAuth;
const directory = staffDirectory(dynamoDb(), env.TABLE_STAFF);
const sessionEnds = staffSessionEnds(dynamoDb(), env.TABLE_STAFF);
/** Code requests for a forgotten password per client address and 10 minutes. */
export const passwordResetsPerWindow = 5;
const resetLimiter = rateLimitRepository(dynamoDb(), env.TABLE_RATE_LIMITS, {
  maxPerWindow: passwordResetsPerWindow,
  windowSeconds: 600,
});

/**
 * Notes who signed in, so what they record later names them: with the name Cognito has (the
 * `name` attribute an administrator set), or the one they gave here. False: we must ask for it.
 */
const remember = async (tokens: SessionTokens): Promise<boolean> => {
  const claims = tokens.idToken ? claimsOf(tokens.idToken) : {};
  if (typeof claims.sub !== 'string' || typeof claims.email !== 'string') return true;
  const cognitoName = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : undefined;
  // The groups travel in the access token (as the staff gate reads them).
  const access = claimsOf(tokens.accessToken);
  const groups = Array.isArray(access['cognito:groups']) ? access['cognito:groups'].map(String) : [];
  const scope = scopeFromGroups(groups);
  // A coordinator's digest names them for the kommuner their groups cover too.
  const { kommuner } = await withGroupScope(staffAuth.organisations, scope);
  const { name } = await directory.remember(
    claims.sub,
    claims.email,
    new Date(),
    cognitoName,
    scope.roles.includes('coordinator') ? kommuner : [],
    scope.groups,
  );
  return name !== undefined;
};

const namePath = pathOf('staff-sign-in', 'nameForm');

/** Whether venner has closed this user's access (their sessions end after now: disabled). */
const disabled = async (tokens: SessionTokens): Promise<boolean> => {
  const claims = tokens.idToken ? claimsOf(tokens.idToken) : {};
  if (typeof claims.sub !== 'string') return false;
  const endedAt = await sessionEnds.sessionsEndedAt(claims.sub);
  return endedAt !== undefined && endedAt > Date.now() / 1000;
};

/** How long the refresh token lives (the user pool client's setting): the longest a session lasts. */
const refreshCookieSeconds = staffTokenHours.refresh * 3600;

/** Only our own staff pages are places to return to after sign-in (no open redirect). */
const safeNext = (value: unknown): string =>
  typeof value === 'string' && /^\/personale(\/[\w\-/]*)?$/.test(value) ? value : staffBasePath;

const signedInCookies = (tokens: SessionTokens): string[] => [
  sessionCookie(sessionCookieName, tokens.accessToken, tokens.expiresInSeconds),
  ...(tokens.refreshToken
    ? [
        sessionCookie(
          refreshCookieName,
          encodeURIComponent(tokens.refreshToken),
          refreshCookieSeconds,
          staffBasePath,
        ),
      ]
    : []),
];

const refusedMessage: Record<SignInStepName, { field: string; message: string }> = {
  password: { field: 'username', message: 'E-mail eller adgangskode er forkert.' },
  'new-password': {
    field: 'newPassword',
    message: 'Adgangskoden blev ikke godkendt. Brug mindst 12 tegn med store og små bogstaver, tal og tegn.',
  },
  'mfa-code': { field: 'code', message: 'Koden er forkert eller udløbet. Skriv den nye kode fra appen.' },
  'mfa-setup': { field: 'code', message: 'Koden passer ikke. Tjek at nøglen er tilføjet, og prøv igen.' },
};

const showSignIn = async (event: HttpEvent): Promise<HttpResult> => {
  const query = event.queryStringParameters ?? {};
  const notice =
    query.ud === '1'
      ? 'Du er logget ud.'
      : query.nulstillet === '1'
        ? 'Din adgangskode er skiftet. Log ind med den nye.'
        : query.next
          ? 'Log ind for at fortsætte. Din session er udløbet, eller du er ikke logget ind.'
          : undefined;
  return html(SignInPage({ step: 'password', values: {}, notice, next: safeNext(query.next) }));
};

/** What to show after a step: the next challenge, a new try of the same step, or in. */
const afterStep = async (
  result: SignInStep,
  current: SignInStepName,
  username: string,
  next: string,
  session?: string,
) => {
  switch (result.kind) {
    case 'signed-in':
      // A disabled user (venner ends their sessions until they are enabled) is not let in, even
      // where the user pool still answers their password (cognito-local does).
      if (await disabled(result.tokens)) {
        if (result.tokens.refreshToken)
          await sessions.revoke(result.tokens.refreshToken).catch(() => undefined);
        return html(
          SignInPage({
            step: 'password',
            values: { username },
            errors: [
              {
                field: 'username',
                message: 'Din adgang er lukket. Spørg en administrator, hvis det er en fejl.',
              },
            ],
            next,
          }),
          403,
        );
      }
      return redirect(
        (await remember(result.tokens)) ? next : `${namePath}?next=${encodeURIComponent(next)}`,
        signedInCookies(result.tokens),
      );
    case 'new-password':
    case 'mfa-code':
      return html(SignInPage({ step: result.kind, values: { username }, next, session: result.session }));
    case 'mfa-setup':
      return html(
        SignInPage({
          step: 'mfa-setup',
          values: { username },
          next,
          session: result.session,
          secret: result.secret,
        }),
      );
    case 'refused':
      return html(
        SignInPage({
          step: current === 'password' || !session ? 'password' : current,
          values: { username },
          errors: [refusedMessage[current]],
          next,
          session,
        }),
        401,
      );
  }
};

const submitSignIn = async (event: HttpEvent): Promise<HttpResult> => {
  assertSameOrigin(event);
  const values = formBody(event, 8 * 1024);
  const one = (name: string) => text(values[name]) ?? '';
  const step =
    (['password', 'new-password', 'mfa-code', 'mfa-setup'] as const).find((s) => s === one('step')) ??
    'password';
  const username = one('username').toLowerCase().slice(0, 254);
  const next = safeNext(one('next'));
  const session = one('session').slice(0, 4096);
  const missing = (field: string, message: string) =>
    html(SignInPage({ step, values: { username }, errors: [{ field, message }], next, session }), 400);
  switch (step) {
    case 'password': {
      const password = one('password');
      if (!username) return missing('username', 'Skriv din e-mail.');
      if (!password) return missing('password', 'Skriv din adgangskode.');
      return afterStep(await sessions.signIn(username, password), step, username, next);
    }
    case 'new-password': {
      const newPassword = one('newPassword');
      if (!newPassword) return missing('newPassword', 'Skriv en ny adgangskode.');
      return afterStep(
        await sessions.setNewPassword(username, session, newPassword),
        step,
        username,
        next,
        session,
      );
    }
    case 'mfa-code':
    case 'mfa-setup': {
      const code = one('code').replace(/\s/g, '');
      if (!/^\d{6}$/.test(code)) return missing('code', 'Skriv de seks cifre fra din godkendelsesapp.');
      const result =
        step === 'mfa-code'
          ? await sessions.answerMfa(username, session, code)
          : await sessions.finishMfaSetup(username, session, code);
      return afterStep(result, step, username, next, session);
    }
  }
};

const showPasswordReset = async (): Promise<HttpResult> =>
  html(PasswordResetPage({ step: 'request', values: {} }));

/**
 * "Glemt adgangskode": the first step asks Cognito to email a code (the same answer for any
 * address), the second sets the new password with it and sends the user to sign in.
 */
const submitPasswordReset = async (event: HttpEvent): Promise<HttpResult> => {
  assertSameOrigin(event);
  const values = formBody(event, 4 * 1024);
  const one = (name: string) => text(values[name]) ?? '';
  const username = one('username').toLowerCase().slice(0, 254);
  if (one('step') !== 'confirm') {
    if (!/^[^\s@]+@[^\s@]+$/.test(username)) {
      const errors = [
        { field: 'username', message: 'Skriv den e-mail, du logger ind med, fx navn@kommune.dk.' },
      ];
      return html(PasswordResetPage({ step: 'request', values: { username }, errors }), 400);
    }
    const outcome = await resetLimiter.hit('password-reset', clientAddress(event), new Date());
    if (!outcome.allowed) {
      throw new TooManyRequestsError(
        outcome.retryAfterSeconds,
        'Der er bedt om mange koder på kort tid. Vent lidt, og prøv igen.',
      );
    }
    await sessions.requestPasswordReset(username);
    return html(
      PasswordResetPage({
        step: 'confirm',
        values: { username },
        notice: `Hvis ${username} er en medarbejder i Venner, har vi sendt en kode dertil. Tjek også uønsket post.`,
      }),
    );
  }
  const code = one('code').replace(/\s/g, '');
  const newPassword = one('newPassword');
  const errors = [
    ...(/^\d{6}$/.test(code) ? [] : [{ field: 'code', message: 'Skriv de seks cifre fra e-mailen.' }]),
    ...(newPassword ? [] : [{ field: 'newPassword', message: 'Skriv en ny adgangskode.' }]),
  ];
  if (errors.length > 0)
    return html(PasswordResetPage({ step: 'confirm', values: { username }, errors }), 400);
  if ((await sessions.confirmPasswordReset(username, code, newPassword)) === 'refused') {
    const refused = [
      {
        field: 'code',
        message:
          'Koden er forkert eller udløbet, eller adgangskoden er for svag (mindst 12 tegn med store og små bogstaver, tal og tegn).',
      },
    ];
    return html(PasswordResetPage({ step: 'confirm', values: { username }, errors: refused }), 400);
  }
  return redirect(`${signInPath}?nulstillet=1`);
};

/** Who is signing out, with a valid access token: the session cookie's, or (when it ran out) a renewal's. */
const signingOut = async (event: HttpEvent, refreshToken: string | undefined) => {
  const token = readCookie(event, sessionCookieName);
  const staff = token ? await staffAuth.verifier.verify(token) : undefined;
  if (staff && token) return { staff, accessToken: token };
  if (!refreshToken) return undefined;
  const renewed = await sessions.refresh(refreshToken).catch(() => undefined);
  const renewedStaff = renewed ? await staffAuth.verifier.verify(renewed.accessToken) : undefined;
  return renewed && renewedStaff ? { staff: renewedStaff, accessToken: renewed.accessToken } : undefined;
};

/**
 * Signs out: every session of the user ends (the gate refuses tokens issued before now, which
 * Cognito would otherwise honour until they expire), the refresh token is revoked at Cognito and
 * both cookies are cleared.
 */
const signOut = async (event: HttpEvent): Promise<HttpResult> => {
  assertSameOrigin(event);
  const refreshToken = readEncodedCookie(event, refreshCookieName);
  const signedIn = await signingOut(event, refreshToken);
  if (signedIn) {
    await sessionEnds.endSessions(signedIn.staff.sub, new Date());
    await sessions.signOutEverywhere(signedIn.accessToken).catch(() => undefined);
  }
  if (refreshToken) await sessions.revoke(refreshToken).catch(() => undefined);
  return redirect(`${signInPath}?ud=1`, clearStaffCookies());
};

/** The signed-in staff member, on the two staff routes (the gate has let them through). */
const signedIn = (staff: StaffContext | undefined): StaffContext => {
  if (!staff) throw new UnauthorizedError();
  return staff;
};

const operations = {
  signInPage: ({ event }) => showSignIn(event),
  signIn: ({ event }) => submitSignIn(event),
  signOut: ({ event }) => signOut(event),
  passwordResetPage: () => showPasswordReset(),
  passwordReset: ({ event }) => submitPasswordReset(event),
  home: async ({ staff }) => html(StaffHomePage({ staff: signedIn(staff) })),
  nameForm: async ({ event, staff }) => {
    const next = safeNext(event.queryStringParameters?.next);
    // Asked once: whoever has a name (given by an administrator or before) goes straight on.
    if (await directory.nameGiven(signedIn(staff).sub)) return redirect(next);
    return html(NamePage({ staff: signedIn(staff), next, errors: [] }));
  },
  saveName: async ({ event, staff }) => {
    assertSameOrigin(event);
    const values = formBody(event, 2048);
    const next = safeNext(text(values.next));
    // The name in records and audit logs is not changed here once given (an administrator changes it).
    if (await directory.nameGiven(signedIn(staff).sub)) return redirect(next);
    const parsed = staffNameSchema.safeParse(text(values.name) ?? '');
    if (!parsed.success)
      return html(
        NamePage({
          staff: signedIn(staff),
          next,
          value: text(values.name),
          errors: [
            { field: 'name', message: 'Skriv dit fulde navn, som kolleger kender dig (højst 100 tegn).' },
          ],
        }),
        400,
      );
    await directory.setName(signedIn(staff).sub, parsed.data);
    return redirect(next);
  },
  me: async ({ staff }) => {
    const { username, roles, centres, kommuner, groups } = signedIn(staff);
    return json({ username, roles, centres, kommuner, groups });
  },
} satisfies Operations<'staff-sign-in', HttpRequest, HttpResult>;

export const handler = httpHandler('staff-sign-in', (request) => operations[request.operation](request), {
  staffAuth,
});
