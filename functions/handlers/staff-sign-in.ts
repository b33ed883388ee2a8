import { loadEnv } from '../../shared/env.ts';
import { staffTokenHours } from '../../shared/roles.ts';
import type { Operations } from '../../shared/routes.ts';
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
import { clearStaffCookies, staffAuthFrom } from '../http/staff-auth.ts';
import {
  refreshCookieName,
  type StaffContext,
  sessionCookieName,
  signInPath,
  staffBasePath,
} from '../lib/staff-context.ts';
import { text } from '../web/form-values.ts';
import { PasswordResetPage, SignInPage, type SignInStepName, StaffHomePage } from '../web/sign-in-pages.tsx';

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

/** Notes who signed in, so what they record later names them. */
const remember = async (tokens: SessionTokens) => {
  const claims = tokens.idToken ? claimsOf(tokens.idToken) : {};
  if (typeof claims.sub === 'string' && typeof claims.email === 'string')
    await directory.remember(claims.sub, claims.email, new Date());
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
      await remember(result.tokens);
      return redirect(next, signedInCookies(result.tokens));
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
  me: async ({ staff }) => {
    const { username, roles, centres, kommuner } = signedIn(staff);
    return json({ username, roles, centres, kommuner });
  },
} satisfies Operations<'staff-sign-in', HttpRequest, HttpResult>;

export const handler = httpHandler('staff-sign-in', (request) => operations[request.operation](request), {
  staffAuth,
});
