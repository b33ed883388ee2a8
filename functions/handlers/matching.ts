import type * as z from 'zod';
import { loadEnv } from '../../shared/env.ts';
import { households } from '../../shared/handover-contract.ts';
import { lazy } from '../../shared/lazy.ts';
import { type MatchActionInput, matchActionSchema, proposalSchema } from '../../shared/matching-contract.ts';
import { type Operations, pathOf } from '../../shared/routes.ts';
import { languageOptions, volunteerKinds } from '../../shared/volunteer-contract.ts';
import { listPorts } from '../adapters/list-ports.ts';
import { groupPorts, matchingPorts } from '../adapters/matching-ports.ts';
import { ValidationError } from '../domain/errors.ts';
import {
  type Actor,
  actorOf,
  HandoverNotFoundError,
  parseRecordId,
  referenceOf,
} from '../domain/handover.ts';
import { MatchStateError } from '../domain/match.ts';
import { type CoordinatorAction, changeMatch, matchDetails, openMatch } from '../domain/match-changes.ts';
import { proposeMatch } from '../domain/match-proposal.ts';
import {
  assertMayMatch,
  coordinates,
  daysWaiting,
  type MatchingDeps,
  RefugeeNotWaitingError,
  VolunteerUnavailableError,
} from '../domain/matching.ts';
import {
  kommuneOverview,
  kommunePlan,
  type RefugeeMatching,
  refugeeMatching,
  volunteerForCoordinator,
} from '../domain/matching-views.ts';
import { activeGroupsIn } from '../domain/organisations.ts';
import { defaultPageSize, pageSizeOf } from '../domain/paging.ts';
import { kommunerByName } from '../domain/reference-kommuner.ts';
import {
  coordinatedKommuner,
  matchPage as matchListPage,
  searchVolunteers,
  searchWaiting,
  type VolunteerFilter,
  volunteerPage,
  type WaitingFilter,
  waitingPage,
} from '../domain/staff-lists.ts';
import { moveVolunteer } from '../domain/volunteer-groups.ts';
import { groupsToAsk, RequestNotAllowedError, requestVolunteer } from '../domain/volunteer-requests.ts';
import type { ErrorWording } from '../http/error-responses.ts';
import { NotFoundError, UnauthorizedError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter, redirect } from '../http/http-session.ts';
import { formBody, jsonBody } from '../http/request-body.ts';
import { staffAuthFrom } from '../http/staff-auth.ts';
import { logger } from '../lib/logger.ts';
import { countEvent } from '../lib/metrics.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import {
  MatchListPage,
  matchListFilters,
  matchListStatuses,
  VolunteerListPage,
  VolunteerPage,
  WaitingListPage,
  waitedDaysChoices,
} from '../web/coordinator-lists.tsx';
import { text } from '../web/form-values.ts';
import { groupNamesOf } from '../web/group-parts.tsx';
import { MatchPage, RefugeeMatchingPage } from '../web/match-pages.tsx';
import { matchListCsv, waitingListCsv } from '../web/matching-csv.ts';
import { matchPath, PlanPage } from '../web/matching-pages.tsx';
import { matchStatusLabels } from '../web/matching-texts.ts';

const env = loadEnv('matching');
const staffAuth = staffAuthFrom(env);
const ports = matchingPorts(env);
const groups = groupPorts(env);
/** The matching use cases' ports, with the requests between groups a proposal answers. */
const deps: MatchingDeps = { ...ports.deps, requests: groups.requests };
const listDeps = listPorts(env);
const requestDeps = { ...deps, requests: groups.requests, groups: groups.organisations };
const kommuner = lazy(kommunerByName);

interface Request {
  readonly event: HttpEvent;
  readonly staff: StaffContext;
  readonly actor: Actor;
}

const pathId = (event: HttpEvent): string => parseRecordId(event.pathParameters?.id);

/** The kommuner a staff member may choose among: a coordinator's own, every one for an administrator. */
const kommunerOf = (actor: Actor) => kommuner().filter((k) => coordinates(actor, k.code));

/** A kommune asked for (in a query or a form), if the actor coordinates for it; not found otherwise. */
const askedKommune = (actor: Actor, asked: string | undefined): string | undefined => {
  if (asked && !coordinates(actor, asked))
    throw new NotFoundError('Kommunen findes ikke, eller du koordinerer ikke for den.');
  return asked;
};

/** The kommune asked for (one in scope), or the first in scope; undefined for an admin who has not chosen. */
const chosenKommune = (event: HttpEvent, actor: Actor): string | undefined =>
  askedKommune(actor, queryParameter(event, 'kommune')) ??
  (actor.roles.includes('admin') ? undefined : actor.kommuner[0]);

// --- Coordinator pages ---------------------------------------------------------------------------

/** The kommuner a list shows: the one asked for (in scope), all of a coordinator's, none for an admin who has not chosen. */
const listScope = (actor: Actor, asked: string | undefined) => {
  const kommune = askedKommune(actor, asked);
  return {
    kommune,
    codes: coordinatedKommuner(actor, kommune),
    allowAll: actor.roles.includes('coordinator'),
    kommuner: kommunerOf(actor),
  };
};

const listedKommuner = (event: HttpEvent, actor: Actor) => listScope(actor, queryParameter(event, 'kommune'));

const pageOf = (event: HttpEvent) => ({
  size: pageSizeOf(queryParameter(event, 'antal')),
  cursor: queryParameter(event, 'side'),
});

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((v) => v === value);

const waitingFilterOf = (event: HttpEvent): WaitingFilter => ({
  language: oneOf(languageOptions, queryParameter(event, 'sprog')),
  household: oneOf(households, queryParameter(event, 'husstand')),
  waitedDays: waitedDaysChoices.find((d) => String(d) === queryParameter(event, 'ventet')),
});

const overviewPage = async ({ event, staff, actor }: Request) => {
  const listed = listedKommuner(event, actor);
  const filter = waitingFilterOf(event);
  const page = pageOf(event);
  const waiting = await waitingPage(listDeps, actor, listed.codes, page, filter);
  return html(
    WaitingListPage({
      staff,
      view: {
        ...listed,
        filter,
        size: page.size,
        counters: waiting.kommuner,
        page: waiting.page,
        now: deps.now(),
      },
    }),
  );
};

/** The search box's text, from a same-origin form post. */
const searchText = (event: HttpEvent) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  return {
    q: (text(values.q) ?? '').slice(0, 100),
    kommune: text(values.kommune),
  };
};

const searchWaitingPage = async ({ event, staff, actor }: Request) => {
  const { q, kommune } = searchText(event);
  const listed = listScope(actor, kommune);
  // An empty search shows the list (as the page without a search would).
  if (!q.trim()) return overviewPage({ event, staff, actor });
  const [found, counters] = await Promise.all([
    searchWaiting(listDeps, actor, listed.codes, q),
    listDeps.kommuner.countersOf(listed.codes),
  ]);
  return html(
    WaitingListPage({
      staff,
      view: {
        ...listed,
        filter: {},
        size: defaultPageSize,
        counters,
        found,
        search: q,
        now: deps.now(),
      },
    }),
  );
};

const volunteerFilterOf = (event: HttpEvent): VolunteerFilter => ({
  availability: oneOf(['available', 'unavailable'] as const, queryParameter(event, 'status')),
  language: oneOf(languageOptions, queryParameter(event, 'sprog')),
  kind: oneOf(volunteerKinds, queryParameter(event, 'tilbyder')),
  withRoom: queryParameter(event, 'pladser') === 'ledige' || undefined,
  ready: queryParameter(event, 'klar') === 'ja' || undefined,
});

const volunteersPage = async ({ event, staff, actor }: Request) => {
  const listed = listedKommuner(event, actor);
  const filter = volunteerFilterOf(event);
  const page = pageOf(event);
  const found = await volunteerPage(listDeps, actor, listed.codes, page, filter);
  return html(VolunteerListPage({ staff, view: { ...listed, filter, size: page.size, page: found } }));
};

const searchVolunteersPage = async ({ event, staff, actor }: Request) => {
  const { q, kommune } = searchText(event);
  const listed = listScope(actor, kommune);
  if (!q.trim()) return volunteersPage({ event, staff, actor });
  const found = await searchVolunteers(listDeps, actor, listed.codes, q);
  return html(
    VolunteerListPage({ staff, view: { ...listed, filter: {}, size: defaultPageSize, found, search: q } }),
  );
};

const volunteerDetailPage = async ({ event, staff, actor }: Request) => {
  const data = await volunteerForCoordinator(deps, actor, event.pathParameters?.id ?? '');
  const { groups: all } = await groups.organisations.all();
  return html(
    VolunteerPage({
      staff,
      data,
      now: deps.now(),
      groups: {
        names: groupNamesOf(all),
        choices: activeGroupsIn(all, data.volunteer.kommuneCode),
      },
      notice: queryParameter(event, 'klar')
        ? 'Vi har gemt det, du registrerede.'
        : queryParameter(event, 'flyttet')
          ? 'Den frivillige er flyttet til den nye gruppe og får en e-mail om det.'
          : undefined,
    }),
  );
};

const matchesPage = async ({ event, staff, actor }: Request) => {
  const listed = listedKommuner(event, actor);
  const status = oneOf(matchListFilters, queryParameter(event, 'status')) ?? 'open';
  const page = pageOf(event);
  const [found, { groups: all }] = await Promise.all([
    matchListPage(listDeps, actor, listed.codes, matchListStatuses[status], page),
    groups.organisations.all(),
  ]);
  return html(
    MatchListPage({
      staff,
      view: { ...listed, status, size: page.size, page: found, groupNames: groupNamesOf(all) },
    }),
  );
};

/** The local groups a refugee's page shows: every group's name, and the other groups to ask for a volunteer. */
const groupsView = async (actor: Actor, data: RefugeeMatching) => {
  const [{ groups: all }, requests] = await Promise.all([
    groups.organisations.all(),
    groups.requests.ofRefugee(data.record.kommuneCode, data.record.id),
  ]);
  const toAsk =
    data.record.status === 'waiting'
      ? groupsToAsk(actor, all, data.record.kommuneCode).map((group) => ({
          group,
          availability: data.otherGroups.find((g) => g.groupId === group.id),
          request: requests.find((r) => r.groupId === group.id),
        }))
      : [];
  return { names: groupNamesOf(all), toAsk };
};

const refugeePage = async (
  { event, staff, actor }: Request,
  extra: { notice?: string; problem?: string } = {},
  status = 200,
) => {
  const data = await refugeeMatching(deps, actor, pathId(event));
  const notice =
    extra.notice ??
    (queryParameter(event, 'anmodet')
      ? 'Gruppen har fået din anmodning som en opgave. Svaret står her.'
      : undefined);
  return html(
    RefugeeMatchingPage({
      staff,
      data,
      now: deps.now(),
      groups: await groupsView(actor, data),
      notice,
      problem: extra.problem,
    }),
    status,
  );
};

const requestFromForm = async ({ event, staff, actor }: Request) => {
  assertSameOrigin(event);
  const consentId = pathId(event);
  await assertMayMatch(deps, actor, consentId);
  const groupId = text(formBody(event, 1024).group);
  if (!groupId) throw new ValidationError([{ field: 'group', message: 'Vælg den gruppe, du vil spørge.' }]);
  try {
    await requestVolunteer(requestDeps, actor, consentId, groupId);
  } catch (error) {
    if (error instanceof RequestNotAllowedError || error instanceof RefugeeNotWaitingError)
      return refugeePage({ event, staff, actor }, { problem: error.message }, 409);
    throw error;
  }
  logger.info('Volunteer requested from another group', { groupId });
  return redirect(`${pathOf('matching', 'refugee', { id: consentId })}?anmodet=1#other-groups`);
};

const moveFromForm = async ({ event, actor }: Request) => {
  assertSameOrigin(event);
  const id = event.pathParameters?.id ?? '';
  const groupId = text(formBody(event, 1024).group) ?? '';
  await moveVolunteer(
    {
      volunteers: ports.volunteers,
      groups: groups.organisations,
      outbox: groups.outbox,
      kommuner: ports.kommuner,
      now: deps.now,
    },
    actor,
    id,
    groupId,
  );
  return redirect(`${pathOf('matching', 'volunteer', { id })}?flyttet=1#gruppe`);
};

// --- One path from the input to the use case, shared by each form and its JSON twin -----------

/** A proposal as the contract reads it; each invalid id told in `message`. */
const propose = async (actor: Actor, input: unknown, message: string) => {
  const parsed = proposalSchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'body'), message })),
    );
  const match = await proposeMatch(deps, actor, parsed.data.consentId, parsed.data.volunteerId);
  countEvent('Proposals');
  return match;
};

const toAction = (input: MatchActionInput): CoordinatorAction =>
  input.action === 'end'
    ? {
        kind: 'end',
        closure: {
          planned: input.planned,
          endedBy: input.endedBy,
          reason: input.reason,
          refugeeWantsNewFriend: input.rematch,
        },
      }
    : { kind: input.action };

const actionMessages: Record<string, string> = {
  reason: 'Vælg hvem der afsluttede, og hvorfor (fra listen).',
  endedBy: 'Vælg hvem der afsluttede, og hvorfor (fra listen).',
  planned: 'Vælg, om afslutningen var planlagt.',
};

const actionErrors = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    field: String(issue.path[0] ?? 'action'),
    message: actionMessages[String(issue.path[0])] ?? 'Vælg en gyldig handling.',
  }));

/** The scope is checked before the input is read: a bad request teaches nothing about other matches. */
const change = async (actor: Actor, id: string, input: () => unknown) => {
  await openMatch(deps, actor, id);
  const parsed = matchActionSchema.safeParse(input());
  if (!parsed.success) throw new ValidationError(actionErrors(parsed.error));
  const action = toAction(parsed.data);
  const result = await changeMatch(deps, actor, id, action);
  if (action.kind === 'end') {
    countEvent('MatchesEnded');
    logger.info('Match ended', { ...action.closure });
  }
  return result;
};

// --- Coordinator pages, continued ----------------------------------------------------------------

const proposeFromForm = async ({ event, staff, actor }: Request) => {
  assertSameOrigin(event);
  const consentId = pathId(event);
  await assertMayMatch(deps, actor, consentId);
  const volunteerId = text(formBody(event, 2048).volunteerId);
  try {
    const match = await propose(actor, { consentId, volunteerId }, 'Vælg en frivillig fra listen.');
    return redirect(`${matchPath(match.id)}?foreslaaet=1`);
  } catch (error) {
    const problem =
      error instanceof RefugeeNotWaitingError || error instanceof VolunteerUnavailableError
        ? error.message
        : undefined;
    if (!problem) throw error;
    return refugeePage({ event, staff, actor }, { problem }, 409);
  }
};

const planPage = async ({ event, staff, actor }: Request) => {
  const code = chosenKommune(event, actor) ?? kommunerOf(actor)[0]?.code;
  if (!code) throw new NotFoundError('Du koordinerer ikke for nogen kommune.');
  return html(PlanPage({ staff, plan: await kommunePlan(deps, actor, code), kommuner: kommunerOf(actor) }));
};

const matchPage = async ({ event, staff, actor }: Request) => {
  const loaded = await matchDetails(deps, actor, pathId(event));
  const notice = queryParameter(event, 'foreslaaet')
    ? 'Forslaget er gemt, og den frivillige får en e-mail med et link til at svare ja eller nej.'
    : queryParameter(event, 'aendret')
      ? 'Ændringen er gemt.'
      : undefined;
  return html(MatchPage({ staff, ...loaded, notice, now: deps.now() }));
};

const changeFromForm = async ({ event, actor }: Request) => {
  assertSameOrigin(event);
  const id = pathId(event);
  await change(actor, id, () => {
    const values = formBody(event, 2048);
    if (text(values.action) !== 'end') return { action: text(values.action) };
    // The closure's one radio group says who ended it and why: "<party>:<reason>".
    const [endedBy, reason] = (text(values.closure) ?? '').split(':');
    return {
      action: 'end',
      planned: text(values.planned) === 'yes' ? true : text(values.planned) === 'no' ? false : undefined,
      endedBy,
      reason,
      rematch: text(values.rematch) === 'yes',
    };
  });
  return redirect(`${matchPath(id)}?aendret=1`);
};

const csv = (filename: string, body: string): HttpResult => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  },
  body,
});

const exportCsv = async ({ event, actor }: Request) => {
  const code = chosenKommune(event, actor) ?? kommunerOf(actor)[0]?.code;
  if (!code) throw new NotFoundError('Du koordinerer ikke for nogen kommune.');
  const matchList = queryParameter(event, 'liste') === 'match';
  const overview = await kommuneOverview(deps, actor, code, matchList ? 'list' : 'export');
  return matchList
    ? csv(`venner-match-${code}.csv`, matchListCsv(overview))
    : csv(`venner-venteliste-${code}.csv`, waitingListCsv(overview, deps.now()));
};

// --- JSON API ------------------------------------------------------------------------------------

const kommuneCodeOf = (event: HttpEvent) => {
  const code = event.pathParameters?.code ?? '';
  if (!/^\d{3}$/.test(code)) throw new NotFoundError('Kommunen findes ikke.');
  return code;
};

const apiOverview = async ({ event, actor }: Request) => {
  const overview = await kommuneOverview(deps, actor, kommuneCodeOf(event));
  return json({
    ...overview,
    waiting: overview.waiting.map((r) => ({ ...r, daysWaiting: daysWaiting(r, deps.now()) })),
  });
};

const apiPlan = async ({ event, actor }: Request) => {
  const plan = await kommunePlan(deps, actor, kommuneCodeOf(event));
  return json({
    kommuneCode: plan.kommuneCode,
    total: plan.total,
    pairs: plan.pairs.map((p) => ({ consentId: p.record.id, ...p.suggestion })),
    unmatched: plan.unmatched.map((r) => r.id),
  });
};

const apiRefugee = async ({ event, actor }: Request) => {
  const data = await refugeeMatching(deps, actor, pathId(event));
  return json({
    record: data.record,
    suggestions: data.suggestions.map(({ volunteer, ...s }) => ({ ...s, volunteerName: volunteer.name })),
    duplicates: data.duplicates.map((d) => ({
      id: d.id,
      reference: referenceOf(d.id),
      centreId: d.centreId,
      kommuneCode: d.kommuneCode,
      status: d.status,
      recordedAt: d.recordedAt,
    })),
    history: data.history,
    // Other groups' available volunteers as counts only (who they are is their group's).
    otherGroups: data.otherGroups,
  });
};

const apiPropose = async ({ event, actor }: Request) =>
  json(await propose(actor, jsonBody(event, 2048), 'Angiv et gyldigt id.'), 201);

const apiMatch = async ({ event, actor }: Request) =>
  json((await openMatch(deps, actor, pathId(event))).match);

const apiChange = async ({ event, actor }: Request) => {
  const id = pathId(event);
  return json(await change(actor, id, () => jsonBody(event, 2048)));
};

// --- Routing -------------------------------------------------------------------------------------

const operations = {
  overview: overviewPage,
  searchWaiting: searchWaitingPage,
  volunteers: volunteersPage,
  searchVolunteers: searchVolunteersPage,
  volunteer: volunteerDetailPage,
  matches: matchesPage,
  export: exportCsv,
  plan: planPage,
  refugee: (request: Request) => refugeePage(request),
  propose: proposeFromForm,
  requestVolunteer: requestFromForm,
  moveVolunteer: moveFromForm,
  match: matchPage,
  change: changeFromForm,
  apiOverview,
  apiPlan,
  apiRefugee,
  apiPropose,
  apiMatch,
  apiChange,
} satisfies Operations<'matching', Request, HttpResult>;

/** Where coordinators need other words than the domain's. */
const wording: ErrorWording = [
  [HandoverNotFoundError, 'Flygtningen findes ikke, eller du har ikke adgang.'],
  [
    MatchStateError,
    (error) =>
      `Det kan ikke lade sig gøre, når matchet er "${matchStatusLabels[(error as MatchStateError).status].toLowerCase()}".`,
  ],
];

export const handler = httpHandler(
  'matching',
  async ({ event, staff, operation }) => {
    if (!staff) throw new UnauthorizedError();
    return operations[operation]({ event, staff, actor: actorOf(staff) });
  },
  { staffAuth, wording },
);
