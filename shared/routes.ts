import type { FunctionId } from './functions.ts';
import type { Role } from './roles.ts';

/**
 * The route table. CDK builds the HTTP API from it, the local gateway serves it, and the staff
 * sign-in check every function shares (`functions/http/staff-auth.ts`) grants a non-public route
 * to the roles listed here.
 * Paths use API Gateway's syntax: `{name}` for one segment, `{name+}` for the rest of the path.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access = 'public' | readonly Role[];

export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly function: FunctionId;
  /**
   * The handler's name for what the route does, unique within its function: each function's
   * handler exports exactly the operations the table gives it (`Operations` below), so a route
   * without a handler, or a handler without a route, does not compile.
   */
  readonly operation: string;
  readonly access: Access;
  readonly description: string;
  /**
   * CloudFront may keep the answer: `assets` for a year (versioned URLs), `public-page` briefly
   * (what the function's Cache-Control allows, at most 5 minutes). Nothing with cookies or staff data.
   */
  readonly edgeCache?: 'assets' | 'public-page';
}

const allStaff = ['caseworker', 'coordinator', 'admin'] as const;
const caseworkers = ['caseworker'] as const;
/** Who may see one record: the domain then narrows it to the user's centres or kommuner. */
const recordReaders = allStaff;
/** Withdrawal, export and audit trail: the record's caseworkers and the secretariat. */
const recordManagers = ['caseworker', 'admin'] as const;
/** Coordinators match in their kommuner; administrators everywhere. */
const matchers = ['coordinator', 'admin'] as const;
const admins = ['admin'] as const;

/** The routes of one function, each with its operation (literal types kept, for `Operations`). */
const routesOf =
  <const F extends FunctionId>(fn: F) =>
  <const O extends string>(
    operation: O,
    method: HttpMethod,
    path: string,
    access: Access,
    description: string,
    edgeCache?: RouteDefinition['edgeCache'],
  ) => ({ method, path, function: fn, operation, access, description, ...(edgeCache ? { edgeCache } : {}) });

const page = '/personale/overdragelser';

/** The caseworker's handover pages and their JSON API, all served by the `handovers` function. */
const handover = routesOf('handovers');
const handoverRoutes = [
  handover('list', 'GET', page, caseworkers, "The handovers of the caseworker's centres"),
  handover('search', 'POST', page, caseworkers, 'Search handovers (a POST: names stay out of URLs)'),
  handover('newForm', 'GET', `${page}/ny`, caseworkers, 'The handover form'),
  handover('record', 'POST', `${page}/ny`, caseworkers, 'Record a handover'),
  handover('declinedCounted', 'GET', `${page}/talt`, caseworkers, 'A declined handover was counted'),
  handover('view', 'GET', `${page}/{id}`, recordReaders, 'One handover: consent record, details and status'),
  handover('correctionForm', 'GET', `${page}/{id}/ret`, caseworkers, 'Correction form'),
  handover('correct', 'POST', `${page}/{id}/ret`, caseworkers, 'Correct the details (audited)'),
  handover('withdrawalForm', 'GET', `${page}/{id}/tilbagekald`, recordManagers, 'Confirm a withdrawal'),
  handover(
    'withdraw',
    'POST',
    `${page}/{id}/tilbagekald`,
    recordManagers,
    'Withdraw consent and erase the details',
  ),
  handover(
    'export',
    'GET',
    `${page}/{id}/indsigt`,
    recordManagers,
    'Access request: everything stored, readable',
  ),
  handover('auditTrail', 'GET', `${page}/{id}/log`, recordManagers, 'Who read or changed the record'),
  handover('apiRecord', 'POST', '/api/handovers', caseworkers, 'Record a handover as JSON'),
  handover('apiView', 'GET', '/api/handovers/{id}', recordReaders, 'One handover as JSON'),
  handover('apiCorrect', 'PATCH', '/api/handovers/{id}', caseworkers, 'Correct the details as JSON'),
  handover(
    'apiWithdraw',
    'POST',
    '/api/handovers/{id}/withdrawal',
    recordManagers,
    'Withdraw consent as JSON',
  ),
  handover(
    'apiExport',
    'GET',
    '/api/handovers/{id}/export',
    recordManagers,
    'Access request: everything stored, as JSON',
  ),
  handover('apiAuditTrail', 'GET', '/api/handovers/{id}/audit', recordManagers, 'The audit trail as JSON'),
] as const;

const matchingPage = '/personale/matching';
/** The coordinators' matching pages and JSON API: the `matching` function. */
const matching = routesOf('matching');
const matchingRoutes = [
  matching(
    'overview',
    'GET',
    matchingPage,
    matchers,
    'Overview per kommune: waiting refugees, available volunteers, matches, gap',
  ),
  matching(
    'searchWaiting',
    'POST',
    matchingPage,
    matchers,
    'Search the waiting refugees by name, phone or reference (a POST: names stay out of URLs)',
  ),
  matching(
    'volunteers',
    'GET',
    `${matchingPage}/frivillige`,
    matchers,
    'The confirmed volunteers of the kommuner, paged and filtered',
  ),
  matching(
    'searchVolunteers',
    'POST',
    `${matchingPage}/frivillige`,
    matchers,
    'Search the volunteers by name (a POST)',
  ),
  matching(
    'volunteer',
    'GET',
    `${matchingPage}/frivillige/{id}`,
    matchers,
    'One volunteer: what they offered, their places and matches',
  ),
  matching('matches', 'GET', `${matchingPage}/match`, matchers, 'The matches of the kommuner, paged'),
  matching(
    'export',
    'GET',
    `${matchingPage}/eksport`,
    matchers,
    'The waiting list or the matches as CSV (Excel)',
  ),
  matching(
    'plan',
    'GET',
    `${matchingPage}/plan`,
    matchers,
    "The best overall plan for a kommune's waiting refugees",
  ),
  matching(
    'refugee',
    'GET',
    `${matchingPage}/flygtning/{id}`,
    matchers,
    'One waiting refugee: explained suggestions, duplicates',
  ),
  matching('propose', 'POST', `${matchingPage}/flygtning/{id}`, matchers, 'Propose a match'),
  matching(
    'requestVolunteer',
    'POST',
    `${matchingPage}/flygtning/{id}/anmodning`,
    matchers,
    "Ask another local group for one of its volunteers for this refugee (a task on that group's list)",
  ),
  matching(
    'moveVolunteer',
    'POST',
    `${matchingPage}/frivillige/{id}/gruppe`,
    matchers,
    'Move a volunteer to another local group covering their kommune; the volunteer is told by email',
  ),
  matching('match', 'GET', `${matchingPage}/match/{id}`, matchers, 'One match: status, follow-ups, actions'),
  matching('change', 'POST', `${matchingPage}/match/{id}`, matchers, 'Cancel, pause, resume or end a match'),
  matching(
    'apiOverview',
    'GET',
    '/api/matching/kommuner/{code}',
    matchers,
    'The overview of one kommune as JSON',
  ),
  matching(
    'apiPlan',
    'GET',
    '/api/matching/kommuner/{code}/plan',
    matchers,
    'The plan for one kommune as JSON',
  ),
  matching(
    'apiRefugee',
    'GET',
    '/api/matching/refugees/{id}',
    matchers,
    'Suggestions and duplicates for one refugee',
  ),
  matching('apiPropose', 'POST', '/api/matches', matchers, 'Propose a match as JSON'),
  matching('apiMatch', 'GET', '/api/matches/{id}', matchers, 'One match as JSON'),
  matching(
    'apiChange',
    'POST',
    '/api/matches/{id}/actions',
    matchers,
    'Cancel, pause, resume or end a match as JSON',
  ),
] as const;

/** The friendship after the match, for coordinators: the `match-support` function. */
const support = routesOf('match-support');
const supportRoutes = [
  support(
    'tasks',
    'GET',
    '/personale/opgaver',
    matchers,
    "The coordinator's open tasks across their kommuner",
  ),
  support('settleTask', 'POST', '/personale/opgaver', matchers, 'Mark a task done, or snooze it a week'),
  support('apiTasks', 'GET', '/api/tasks', matchers, 'The open tasks as JSON'),
  support(
    'refugeeSide',
    'POST',
    `${matchingPage}/match/{id}/flygtningens-side`,
    matchers,
    "Record the refugee's side after a phone call",
  ),
  support(
    'staffConcern',
    'POST',
    `${matchingPage}/match/{id}/bekymring`,
    matchers,
    'Raise a concern about a match (an urgent task)',
  ),
  support(
    'recordReadiness',
    'POST',
    `${matchingPage}/frivillige/{id}/klar`,
    matchers,
    "Record a volunteer's introduction, declaration, course and børneattest (dates only)",
  ),
] as const;

/** The volunteer's answer links from the match's emails: the `match-answers` function (public). */
const answer = routesOf('match-answers');
const answerRoutes = [
  answer('proposal', 'GET', '/ven/forslag', 'public', "The volunteer's answer link: the proposal"),
  answer('answerProposal', 'POST', '/ven/forslag', 'public', 'The volunteer accepts or declines'),
  answer('followUp', 'GET', '/ven/opfoelgning', 'public', "A check-in's answer link: the confirm page"),
  answer('answerFollowUp', 'POST', '/ven/opfoelgning', 'public', 'Record the check-in answer'),
  answer('meeting', 'GET', '/ven/moede', 'public', '"Vi har mødtes" from a check-in email: the confirm page'),
  answer('recordMeeting', 'POST', '/ven/moede', 'public', 'Record a meeting'),
  answer('concern', 'GET', '/ven/bekymring', 'public', 'A concern from a check-in email: the form'),
  answer('raiseConcern', 'POST', '/ven/bekymring', 'public', 'Raise a concern (an urgent task)'),
  answer('survey', 'GET', '/ven/afslutning', 'public', 'The exit survey after a closure'),
  answer('answerSurvey', 'POST', '/ven/afslutning', 'public', 'Record the exit survey'),
] as const;

/** The secretariat's figures: administrators for the country, coordinators for their kommuner. */
const figures = routesOf('secretariat-figures');
const figuresRoutes = [
  figures(
    'page',
    'GET',
    '/personale/tal',
    matchers,
    'Figures per kommune, region and month: charts and tables',
  ),
  figures(
    'export',
    'GET',
    '/personale/tal/eksport',
    matchers,
    'The figures or the recruitment per source as CSV (Excel)',
  ),
  figures('api', 'GET', '/api/figures', matchers, 'The figures as JSON'),
] as const;

const administrationPage = '/personale/administration';
/** The administrators' screen: the `administration` function. */
const administration = routesOf('administration');
const administrationRoutes = [
  administration(
    'overview',
    'GET',
    administrationPage,
    admins,
    'Staff users, digest contacts, asylum centres and the change log',
  ),
  administration(
    'createStaff',
    'POST',
    `${administrationPage}/medarbejdere`,
    admins,
    'Create a staff user with role and scope (audited)',
  ),
  administration(
    'staffUser',
    'GET',
    `${administrationPage}/medarbejdere/{id}`,
    admins,
    "One staff user: role, scope and the account's actions",
  ),
  administration(
    'changeStaff',
    'POST',
    `${administrationPage}/medarbejdere/{id}`,
    admins,
    'Change scope; disable, enable, reset MFA, resend the invitation (audited)',
  ),
  administration(
    'contacts',
    'POST',
    `${administrationPage}/ugebreve`,
    admins,
    "Add or remove a kommune's digest contact, or set its quiet-week digest (audited)",
  ),
  administration(
    'organisations',
    'GET',
    `${administrationPage}/organisationer`,
    admins,
    'Organisations and their local groups: coverage, contact, offers, active or not',
  ),
  administration(
    'saveOrganisation',
    'POST',
    `${administrationPage}/organisationer`,
    admins,
    'Add or rename an organisation (audited)',
  ),
  administration(
    'group',
    'GET',
    `${administrationPage}/grupper/{id}`,
    admins,
    'One local group, to change (or `ny`: a new one)',
  ),
  administration(
    'saveGroup',
    'POST',
    `${administrationPage}/grupper`,
    admins,
    'Add or change a local group (audited)',
  ),
  administration(
    'activation',
    'GET',
    `${administrationPage}/aktivering`,
    admins,
    'Kommuner where refugees wait and no active group covers them (or the gap is large), with the nearest groups',
  ),
  administration(
    'activate',
    'POST',
    `${administrationPage}/aktivering`,
    admins,
    'Activate a group for a kommune: it covers it from now on (audited)',
  ),
] as const;

const web = routesOf('web-pages');
const signup = routesOf('volunteer-signup');
const selfService = routesOf('volunteer-self-service');
const publicFigures = routesOf('public-figures');
const signIn = routesOf('staff-sign-in');

export const routes = [
  web('landing', 'GET', '/', 'public', 'Landing page'),
  routesOf('health')('health', 'GET', '/health', 'public', 'Liveness and DynamoDB reachability'),
  routesOf('static-assets')(
    'asset',
    'GET',
    '/assets/{file+}',
    'public',
    'Design system CSS, fonts and images',
    'assets',
  ),
  web('privacyNotice', 'GET', '/privatliv', 'public', "The volunteers' privacy notice, current version"),
  web(
    'privacyNoticeVersion',
    'GET',
    '/privatliv/{version}',
    'public',
    "One version of the volunteers' notice",
  ),
  web('refugeesNotice', 'GET', '/privatliv/flygtninge', 'public', "The refugees' notice, current version"),
  web(
    'refugeesNoticeVersion',
    'GET',
    '/privatliv/flygtninge/{version}/{language}',
    'public',
    "One version of the refugees' notice in one language (printable)",
  ),
  signup('form', 'GET', '/bliv-ven', 'public', 'Volunteer sign-up form'),
  signup('signUp', 'POST', '/bliv-ven', 'public', 'Volunteer sign-up form post'),
  signup('thanks', 'GET', '/bliv-ven/tak', 'public', 'Sign-up received'),
  signup('confirmLink', 'GET', '/bliv-ven/bekraeft', 'public', 'Confirmation link'),
  signup('confirm', 'POST', '/bliv-ven/bekraeft', 'public', 'Confirm a sign-up'),
  signup('apiSignUp', 'POST', '/api/volunteers', 'public', 'Volunteer sign-up as JSON'),
  selfService('ownPage', 'GET', '/min-tilmelding', 'public', "The volunteer's own page"),
  selfService('change', 'POST', '/min-tilmelding', 'public', 'Change, pause or delete a sign-up'),
  selfService('sendLink', 'POST', '/min-tilmelding/send-link', 'public', 'Email me my link'),
  selfService('linkSent', 'GET', '/min-tilmelding/link-sendt', 'public', 'Link sent'),
  selfService('signInLink', 'GET', '/min-tilmelding/log-ind', 'public', 'Sign-in link'),
  selfService('signIn', 'POST', '/min-tilmelding/log-ind', 'public', 'Use a sign-in link'),
  selfService('erased', 'GET', '/min-tilmelding/slettet', 'public', 'Data deleted'),
  selfService('unsubscribeLink', 'GET', '/afmeld', 'public', 'Unsubscribe link'),
  routesOf('digest-settings')(
    'settingsPage',
    'GET',
    '/ugebrev',
    'public',
    "A kommune contact's digest settings",
  ),
  routesOf('digest-settings')('change', 'POST', '/ugebrev', 'public', 'Change or stop the weekly digest'),
  selfService('unsubscribe', 'POST', '/afmeld', 'public', 'Unsubscribe (also one-click)'),
  publicFigures(
    'page',
    'GET',
    '/mangler-frivillige',
    'public',
    'Volunteers missing per kommune',
    'public-page',
  ),
  publicFigures(
    'api',
    'GET',
    '/api/kommuner/figures',
    'public',
    'Volunteers missing per kommune as JSON',
    'public-page',
  ),
  routesOf('api-docs')('openApi', 'GET', '/api/openapi.json', 'public', 'OpenAPI document', 'public-page'),
  signIn('signInPage', 'GET', '/personale/log-ind', 'public', 'Staff sign-in page'),
  signIn(
    'signIn',
    'POST',
    '/personale/log-ind',
    'public',
    'Staff sign-in (password, new password, MFA code)',
  ),
  signIn(
    'signOut',
    'POST',
    '/personale/log-ud',
    'public',
    'Staff sign-out (works with an expired session too)',
  ),
  signIn(
    'passwordResetPage',
    'GET',
    '/personale/glemt-adgangskode',
    'public',
    'Forgotten password: ask Cognito for a code by email',
  ),
  signIn(
    'passwordReset',
    'POST',
    '/personale/glemt-adgangskode',
    'public',
    'Forgotten password: send the code request, or the code with a new password',
  ),
  signIn('home', 'GET', '/personale', allStaff, 'Staff home page'),
  signIn('nameForm', 'GET', '/personale/navn', allStaff, 'Your name (asked at the first sign-in)'),
  signIn('saveName', 'POST', '/personale/navn', allStaff, 'Save the name records and audit logs show'),
  signIn('me', 'GET', '/api/me', allStaff, 'The signed-in staff member'),
  ...handoverRoutes,
  ...matchingRoutes,
  ...supportRoutes,
  ...answerRoutes,
  ...figuresRoutes,
  ...administrationRoutes,
] as const satisfies readonly RouteDefinition[];

/** The operations the route table gives one function: what its handler must export, exactly. */
export type OperationOf<F extends FunctionId> = Extract<
  (typeof routes)[number],
  { function: F }
>['operation'];

/** A function's handlers by operation: `satisfies Operations<'handovers', Request>` fails on a missing or an extra one. */
export type Operations<F extends FunctionId, Request, Result, Extra extends unknown[] = []> = {
  readonly [O in OperationOf<F>]: (request: Request, ...extra: Extra) => Promise<Result>;
};

/** A route's path by its function and operation, with `{name}` parameters filled in (for links and redirects). */
export const pathOf = <F extends FunctionId>(
  fn: F,
  operation: OperationOf<F>,
  parameters: Record<string, string> = {},
): string => {
  const route = (routes as readonly RouteDefinition[]).find(
    (r) => r.function === fn && r.operation === operation,
  );
  if (!route) throw new Error(`No route for ${fn}.${operation}`);
  return route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`${fn}.${operation} needs ${name}`);
    return encodeURIComponent(value);
  });
};

/** What API Gateway's `$default` route invokes when no route matches. */
export const fallbackFunction: FunctionId = 'not-found';

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

export const isPublic = (route: RouteDefinition): boolean => route.access === 'public';

export interface RouteMatch {
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string>;
}

const compiled = new Map<string, RegExp>();

/** Turns `/assets/{file+}` into a regular expression with named groups. */
const patternFor = (path: string): RegExp => {
  let re = compiled.get(path);
  if (!re) {
    const source = path
      .split('/')
      .map((segment) => {
        const param = /^\{(\w+)(\+?)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return param[2] ? `(?<${param[1]}>.+)` : `(?<${param[1]}>[^/]+)`;
      })
      .join('/');
    re = new RegExp(`^${source}$`);
    compiled.set(path, re);
  }
  return re;
};

/** Matches a request path against the table the way API Gateway does: the path decides, then the method. */
export const matchRoute = (
  method: string,
  path: string,
  table: readonly RouteDefinition[] = routes,
): { match?: RouteMatch; allowedMethods: HttpMethod[] } => {
  const allowedMethods: HttpMethod[] = [];
  let match: RouteMatch | undefined;
  // Literal paths win over parameterised ones, as in API Gateway.
  const ordered = [...table].sort((a, b) => Number(a.path.includes('{')) - Number(b.path.includes('{')));
  for (const route of ordered) {
    const found = patternFor(route.path).exec(path);
    if (!found) continue;
    allowedMethods.push(route.method);
    if (!match && route.method === method.toUpperCase()) {
      match = { route, pathParameters: { ...found.groups } };
    }
  }
  return { match, allowedMethods };
};
