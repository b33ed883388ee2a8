import type { FunctionId } from './functions.ts';
import type { Role } from './roles.ts';

/**
 * The route table. CDK builds the HTTP API from it, the local gateway serves it, and the staff
 * sign-in check every function shares (`functions/lib/staff-auth.ts`) grants a non-public route
 * to the roles listed here.
 * Paths use API Gateway's syntax: `{name}` for one segment, `{name+}` for the rest of the path.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access = 'public' | readonly Role[];

export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly function: FunctionId;
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

/** The caseworker's handover pages and their JSON API, all served by the `handovers` function. */
function handoverRoutes() {
  const page = '/personale/overdragelser';
  const route = (
    method: HttpMethod,
    path: string,
    access: readonly Role[],
    description: string,
  ): RouteDefinition => ({ method, path, function: 'handovers', access, description });
  return [
    route('GET', page, caseworkers, "The handovers of the caseworker's centres"),
    route('POST', page, caseworkers, 'Search handovers (a POST: names stay out of URLs)'),
    route('GET', `${page}/ny`, caseworkers, 'The handover form'),
    route('POST', `${page}/ny`, caseworkers, 'Record a handover'),
    route('GET', `${page}/talt`, caseworkers, 'A declined handover was counted'),
    route('GET', `${page}/{id}`, recordReaders, 'One handover: consent record, details and status'),
    route('GET', `${page}/{id}/ret`, caseworkers, 'Correction form'),
    route('POST', `${page}/{id}/ret`, caseworkers, 'Correct the details (audited)'),
    route('GET', `${page}/{id}/tilbagekald`, recordManagers, 'Confirm a withdrawal'),
    route('POST', `${page}/{id}/tilbagekald`, recordManagers, 'Withdraw consent and erase the details'),
    route('GET', `${page}/{id}/indsigt`, recordManagers, 'Access request: everything stored, readable'),
    route('GET', `${page}/{id}/log`, recordManagers, 'Who read or changed the record'),
    route('POST', '/api/handovers', caseworkers, 'Record a handover as JSON'),
    route('GET', '/api/handovers/{id}', recordReaders, 'One handover as JSON'),
    route('PATCH', '/api/handovers/{id}', caseworkers, 'Correct the details as JSON'),
    route('POST', '/api/handovers/{id}/withdrawal', recordManagers, 'Withdraw consent as JSON'),
    route('GET', '/api/handovers/{id}/export', recordManagers, 'Access request: everything stored, as JSON'),
    route('GET', '/api/handovers/{id}/audit', recordManagers, 'The audit trail as JSON'),
  ];
}

/** Coordinators match in their kommuner; administrators everywhere. */
const matchers = ['coordinator', 'admin'] as const;

/** The coordinators' matching pages and JSON API, and the volunteer's answer links: the `matching` function. */
function matchingRoutes() {
  const page = '/personale/matching';
  const route = (method: HttpMethod, path: string, access: Access, description: string): RouteDefinition => ({
    method,
    path,
    function: 'matching',
    access,
    description,
  });
  return [
    route(
      'GET',
      page,
      matchers,
      'Overview per kommune: waiting refugees, available volunteers, matches, gap',
    ),
    route('GET', `${page}/eksport`, matchers, 'The waiting list or the matches as CSV (Excel)'),
    route('GET', `${page}/plan`, matchers, "The best overall plan for a kommune's waiting refugees"),
    route(
      'GET',
      `${page}/flygtning/{id}`,
      matchers,
      'One waiting refugee: explained suggestions, duplicates',
    ),
    route('POST', `${page}/flygtning/{id}`, matchers, 'Propose a match'),
    route('GET', `${page}/match/{id}`, matchers, 'One match: status, follow-ups, actions'),
    route('POST', `${page}/match/{id}`, matchers, 'Cancel, pause, resume or end a match'),
    route('GET', '/api/matching/kommuner/{code}', matchers, 'The overview of one kommune as JSON'),
    route('GET', '/api/matching/kommuner/{code}/plan', matchers, 'The plan for one kommune as JSON'),
    route('GET', '/api/matching/refugees/{id}', matchers, 'Suggestions and duplicates for one refugee'),
    route('POST', '/api/matches', matchers, 'Propose a match as JSON'),
    route('GET', '/api/matches/{id}', matchers, 'One match as JSON'),
    route('POST', '/api/matches/{id}/actions', matchers, 'Cancel, pause, resume or end a match as JSON'),
    route('GET', '/ven/forslag', 'public', "The volunteer's answer link: the proposal"),
    route('POST', '/ven/forslag', 'public', 'The volunteer accepts or declines'),
    route('GET', '/ven/opfoelgning', 'public', "A follow-up's one-click answer link"),
    route('POST', '/ven/opfoelgning', 'public', 'Record the follow-up answer'),
  ];
}

/** The secretariat's figures: administrators for the country, coordinators for their kommuner. */
function figuresRoutes(): RouteDefinition[] {
  const route = (path: string, description: string): RouteDefinition => ({
    method: 'GET',
    path,
    function: 'secretariat-figures',
    access: matchers,
    description,
  });
  return [
    route('/personale/tal', 'Figures per kommune, region and month: charts and tables'),
    route('/personale/tal/eksport', 'The figures or the recruitment per source as CSV (Excel)'),
    route('/api/figures', 'The figures as JSON'),
  ];
}

export const routes = [
  { method: 'GET', path: '/', function: 'web-pages', access: 'public', description: 'Landing page' },
  {
    method: 'GET',
    path: '/health',
    function: 'health',
    access: 'public',
    description: 'Liveness and DynamoDB reachability',
  },
  {
    method: 'GET',
    path: '/assets/{file+}',
    function: 'static-assets',
    access: 'public',
    description: 'Design system CSS, fonts and images',
    edgeCache: 'assets',
  },
  {
    method: 'GET',
    path: '/privatliv',
    function: 'web-pages',
    access: 'public',
    description: 'Privacy notice',
  },
  {
    method: 'GET',
    path: '/bliv-ven',
    function: 'volunteer-signup',
    access: 'public',
    description: 'Volunteer sign-up form',
  },
  {
    method: 'POST',
    path: '/bliv-ven',
    function: 'volunteer-signup',
    access: 'public',
    description: 'Volunteer sign-up form post',
  },
  {
    method: 'GET',
    path: '/bliv-ven/tak',
    function: 'volunteer-signup',
    access: 'public',
    description: 'Sign-up received',
  },
  {
    method: 'GET',
    path: '/bliv-ven/bekraeft',
    function: 'volunteer-signup',
    access: 'public',
    description: 'Confirmation link',
  },
  {
    method: 'POST',
    path: '/bliv-ven/bekraeft',
    function: 'volunteer-signup',
    access: 'public',
    description: 'Confirm a sign-up',
  },
  {
    method: 'POST',
    path: '/api/volunteers',
    function: 'volunteer-signup',
    access: 'public',
    description: 'Volunteer sign-up as JSON',
  },
  {
    method: 'GET',
    path: '/min-tilmelding',
    function: 'volunteer-self-service',
    access: 'public',
    description: "The volunteer's own page",
  },
  {
    method: 'POST',
    path: '/min-tilmelding',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Change, pause or delete a sign-up',
  },
  {
    method: 'POST',
    path: '/min-tilmelding/send-link',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Email me my link',
  },
  {
    method: 'GET',
    path: '/min-tilmelding/link-sendt',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Link sent',
  },
  {
    method: 'GET',
    path: '/min-tilmelding/log-ind',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Sign-in link',
  },
  {
    method: 'POST',
    path: '/min-tilmelding/log-ind',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Use a sign-in link',
  },
  {
    method: 'GET',
    path: '/min-tilmelding/slettet',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Data deleted',
  },
  {
    method: 'GET',
    path: '/afmeld',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Unsubscribe link',
  },
  {
    method: 'POST',
    path: '/afmeld',
    function: 'volunteer-self-service',
    access: 'public',
    description: 'Unsubscribe (also one-click)',
  },
  {
    method: 'GET',
    path: '/mangler-frivillige',
    function: 'public-figures',
    access: 'public',
    description: 'Volunteers missing per kommune',
    edgeCache: 'public-page',
  },
  {
    method: 'GET',
    path: '/api/kommuner/figures',
    function: 'public-figures',
    access: 'public',
    description: 'Volunteers missing per kommune as JSON',
    edgeCache: 'public-page',
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    function: 'api-docs',
    access: 'public',
    description: 'OpenAPI document',
    edgeCache: 'public-page',
  },
  {
    method: 'GET',
    path: '/personale/log-ind',
    function: 'staff-sign-in',
    access: 'public',
    description: 'Staff sign-in page',
  },
  {
    method: 'POST',
    path: '/personale/log-ind',
    function: 'staff-sign-in',
    access: 'public',
    description: 'Staff sign-in (password, new password, MFA code)',
  },
  {
    method: 'POST',
    path: '/personale/log-ud',
    function: 'staff-sign-in',
    access: 'public',
    description: 'Staff sign-out (works with an expired session too)',
  },
  {
    method: 'GET',
    path: '/personale/glemt-adgangskode',
    function: 'staff-sign-in',
    access: 'public',
    description: 'Forgotten password: ask Cognito for a code by email',
  },
  {
    method: 'POST',
    path: '/personale/glemt-adgangskode',
    function: 'staff-sign-in',
    access: 'public',
    description: 'Forgotten password: send the code request, or the code with a new password',
  },
  {
    method: 'GET',
    path: '/personale',
    function: 'staff-sign-in',
    access: allStaff,
    description: 'Staff home page',
  },
  {
    method: 'GET',
    path: '/api/me',
    function: 'staff-sign-in',
    access: allStaff,
    description: 'The signed-in staff member',
  },
  ...handoverRoutes(),
  ...matchingRoutes(),
  ...figuresRoutes(),
] as const satisfies readonly RouteDefinition[];

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
