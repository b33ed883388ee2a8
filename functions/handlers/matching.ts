import * as z from 'zod';
import { loadEnv } from '../../shared/env.ts';
import kommunerJson from '../../shared/kommuner.json' with { type: 'json' };
import {
  type MatchActionInput,
  matchActionSchema,
  proposalSchema,
  recordIdSchema,
} from '../../shared/matching-contract.ts';
import { matchingPorts } from '../adapters/matching-ports.ts';
import { actorFor } from '../adapters/staff-directory.ts';
import { ValidationError } from '../domain/errors.ts';
import { type Actor, HandoverNotFoundError, parseRecordId, referenceOf } from '../domain/handover.ts';
import { parseKommuner } from '../domain/kommune.ts';
import { followUpAnswers, MatchStateError, milestoneIds } from '../domain/match.ts';
import {
  answerFollowUpLink,
  answerProposal,
  assertMayMatch,
  type CoordinatorAction,
  changeMatch,
  coordinates,
  daysWaiting,
  kommuneOverview,
  kommunePlan,
  openMatch,
  openProposal,
  proposeMatch,
  RefugeeNotWaitingError,
  refugeeMatching,
  VolunteerUnavailableError,
} from '../domain/matching.ts';
import type { ErrorWording } from '../http/error-responses.ts';
import { NotFoundError, UnauthorizedError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { assertSameOrigin, redirect } from '../http/http-session.ts';
import { formBody, jsonBody } from '../http/request-body.ts';
import { staffAuthFrom } from '../http/staff-auth.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { csvDate, toCsv } from '../web/csv.ts';
import { text } from '../web/form-values.ts';
import { householdText, kommuneNameOf, languagesText } from '../web/handover-texts.ts';
import {
  AnswerPage,
  FollowUpPage,
  MatchingOverviewPage,
  MatchPage,
  matchingPath,
  matchPath,
  type OverviewFilter,
  overviewFilters,
  PlanPage,
  ProposalPage,
  RefugeeMatchingPage,
} from '../web/matching-pages.tsx';
import {
  endReasonLabels,
  followUpAnswerLabels,
  matchStatusLabels,
  milestoneLabels,
} from '../web/matching-texts.ts';
import { proposalFacts } from '../web/proposal-facts.ts';

const env = loadEnv('matching');
const staffAuth = staffAuthFrom(env);
const ports = matchingPorts(env);
const { deps } = ports;
const kommuner = parseKommuner(kommunerJson).sort((a, b) => a.name.localeCompare(b.name, 'da'));

interface Request {
  readonly event: HttpEvent;
  readonly staff: StaffContext;
  readonly actor: Actor;
}

const pathId = (event: HttpEvent): string => parseRecordId(event.pathParameters?.id);

const query = (event: HttpEvent, name: string) => event.queryStringParameters?.[name];

/** The kommuner a staff member may choose among: a coordinator's own, every one for an administrator. */
const kommunerOf = (actor: Actor) => kommuner.filter((k) => coordinates(actor, k.code));

/** The kommune asked for (one in scope), or the first in scope; undefined for an admin who has not chosen. */
const chosenKommune = (event: HttpEvent, actor: Actor): string | undefined => {
  const asked = query(event, 'kommune');
  if (asked) {
    if (!coordinates(actor, asked))
      throw new NotFoundError('Kommunen findes ikke, eller du koordinerer ikke for den.');
    return asked;
  }
  return actor.roles.includes('admin') ? undefined : actor.kommuner[0];
};

// --- Coordinator pages ---------------------------------------------------------------------------

const overviewPage = async ({ event, staff, actor }: Request) => {
  const code = chosenKommune(event, actor);
  const asked = query(event, 'status') as OverviewFilter | undefined;
  const filter: OverviewFilter = asked && overviewFilters.includes(asked) ? asked : 'waiting';
  const overview = code ? await kommuneOverview(deps, actor, code) : undefined;
  return html(
    MatchingOverviewPage({ staff, kommuner: kommunerOf(actor), overview, filter, now: deps.now() }),
  );
};

const refugeePage = async ({ event, staff, actor }: Request) => {
  const data = await refugeeMatching(deps, actor, pathId(event));
  return html(RefugeeMatchingPage({ staff, data, now: deps.now() }));
};

const proposeFromForm = async ({ event, staff, actor }: Request) => {
  assertSameOrigin(event);
  const consentId = pathId(event);
  await assertMayMatch(deps, actor, consentId);
  const volunteerId = recordIdSchema.safeParse(text(formBody(event, 2048).volunteerId));
  if (!volunteerId.success)
    throw new ValidationError([{ field: 'volunteerId', message: 'Vælg en frivillig fra listen.' }]);
  try {
    const match = await proposeMatch(deps, actor, consentId, volunteerId.data);
    return redirect(`${matchPath(match.id)}?foreslaaet=1`);
  } catch (error) {
    const problem =
      error instanceof RefugeeNotWaitingError || error instanceof VolunteerUnavailableError
        ? error.message
        : undefined;
    if (!problem) throw error;
    const data = await refugeeMatching(deps, actor, consentId);
    return html(RefugeeMatchingPage({ staff, data, now: deps.now(), problem }), 409);
  }
};

const planPage = async ({ event, staff, actor }: Request) => {
  const code = chosenKommune(event, actor) ?? kommunerOf(actor)[0]?.code;
  if (!code) throw new NotFoundError('Du koordinerer ikke for nogen kommune.');
  return html(PlanPage({ staff, plan: await kommunePlan(deps, actor, code), kommuner: kommunerOf(actor) }));
};

const loadMatch = async (actor: Actor, id: string) => {
  const { match, record } = await openMatch(deps, actor, id);
  return { match, record, volunteer: await deps.volunteers.get(match.volunteerId, deps.now()) };
};

const matchPage = async ({ event, staff, actor }: Request) => {
  const loaded = await loadMatch(actor, pathId(event));
  const notice = query(event, 'foreslaaet')
    ? 'Forslaget er gemt, og den frivillige får en e-mail med et link til at svare ja eller nej.'
    : query(event, 'aendret')
      ? 'Ændringen er gemt.'
      : undefined;
  return html(MatchPage({ staff, ...loaded, notice }));
};

const toAction = (input: MatchActionInput): CoordinatorAction =>
  input.action === 'end'
    ? { kind: 'end', reason: input.reason, rematch: input.rematch }
    : { kind: input.action };

const actionErrors = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    field: String(issue.path[0] ?? 'action'),
    message: issue.path[0] === 'reason' ? 'Vælg hvorfor matchet slutter.' : 'Vælg en gyldig handling.',
  }));

const changeFromForm = async ({ event, actor }: Request) => {
  assertSameOrigin(event);
  const id = pathId(event);
  await openMatch(deps, actor, id); // scope before the body is looked at
  const values = formBody(event, 2048);
  const input = {
    action: text(values.action),
    ...(text(values.action) === 'end'
      ? { reason: text(values.reason), rematch: text(values.rematch) === 'yes' }
      : {}),
  };
  const parsed = matchActionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(actionErrors(parsed.error));
  await changeMatch(deps, actor, id, toAction(parsed.data));
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
  const matchList = query(event, 'liste') === 'match';
  const overview = await kommuneOverview(deps, actor, code, matchList ? 'list' : 'export');
  const now = deps.now();
  if (matchList) {
    return csv(
      `venner-match-${code}.csv`,
      toCsv(
        [
          'Reference',
          'Status',
          'Foreslået',
          'Aktiv siden',
          'Afsluttet',
          'Årsag',
          ...milestoneIds.map((m) => `Opfølgning ${milestoneLabels[m]}`),
        ],
        overview.matches.map((m) => [
          referenceOf(m.consentId),
          matchStatusLabels[m.status],
          csvDate(m.proposedAt),
          csvDate(m.activeSince),
          csvDate(m.endedAt),
          m.endReason ? endReasonLabels[m.endReason] : '',
          ...milestoneIds.map((id) => {
            const answer = m.followUps[id]?.answer;
            return answer ? followUpAnswerLabels[answer] : m.followUps[id] ? 'Sendt' : '';
          }),
        ]),
      ),
    );
  }
  return csv(
    `venner-venteliste-${code}.csv`,
    toCsv(
      ['Reference', 'Navn', 'Telefon', 'Kommune', 'Ankomst', 'Dage på ventelisten', 'Husstand', 'Sprog'],
      overview.waiting.map((r) => [
        referenceOf(r.id),
        r.person?.name,
        r.person?.phone,
        kommuneNameOf(r.kommuneCode),
        csvDate(r.person?.expectedMovingDate),
        daysWaiting(r, now),
        r.person ? householdText(r.person) : '',
        r.person ? languagesText(r.person) : '',
      ]),
    ),
  );
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
  });
};

const apiPropose = async ({ event, actor }: Request) => {
  const body = jsonBody(event, 2048);
  const parsed = proposalSchema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? 'body'),
        message: 'Angiv et gyldigt id.',
      })),
    );
  return json(await proposeMatch(deps, actor, parsed.data.consentId, parsed.data.volunteerId), 201);
};

const apiMatch = async ({ event, actor }: Request) =>
  json((await openMatch(deps, actor, pathId(event))).match);

const apiChange = async ({ event, actor }: Request) => {
  const id = pathId(event);
  await openMatch(deps, actor, id);
  const body = jsonBody(event, 2048);
  const parsed = matchActionSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(actionErrors(parsed.error));
  return json(await changeMatch(deps, actor, id, toAction(parsed.data)));
};

// --- The volunteer's links -----------------------------------------------------------------------

const gone = (lang: 'da' | 'en') =>
  html(
    AnswerPage({
      lang,
      title: lang === 'en' ? 'The link no longer works' : 'Linket virker ikke længere',
      text:
        lang === 'en'
          ? 'The link has been used, has expired, or the proposal is no longer open. Nothing else is needed from you.'
          : 'Linket er brugt, udløbet, eller forslaget er ikke længere aktuelt. Du skal ikke gøre mere.',
    }),
    410,
  );

const proposalPage = async ({ event }: { event: HttpEvent }) => {
  const matchId = query(event, 'match') ?? '';
  const token = query(event, 'token') ?? '';
  const opened = recordIdSchema.safeParse(matchId).success
    ? await openProposal(deps, matchId, token)
    : undefined;
  const volunteer = opened && (await deps.volunteers.get(opened.match.volunteerId, deps.now()));
  if (!opened || !volunteer) return gone('da');
  return html(
    ProposalPage({
      lang: volunteer.language,
      facts: proposalFacts(opened.record, volunteer.language),
      matchId,
      token,
    }),
  );
};

const answerFromForm = async ({ event }: { event: HttpEvent }) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const matchId = text(values.match) ?? '';
  const answer = text(values.answer);
  if (!recordIdSchema.safeParse(matchId).success || (answer !== 'accept' && answer !== 'decline'))
    return gone('da');
  const match = await deps.matches.get(matchId);
  const volunteer = match && (await deps.volunteers.get(match.volunteerId, deps.now()));
  const lang = volunteer?.language ?? 'da';
  const result = await answerProposal(deps, matchId, text(values.token), answer);
  if (result === 'accepted')
    return html(
      AnswerPage({
        lang,
        title: lang === 'en' ? 'Thank you for saying yes' : 'Tak for dit ja',
        text:
          lang === 'en'
            ? 'You will get an email with the contact details in a moment. Please get in touch within a week.'
            : 'Du får om lidt en e-mail med kontaktoplysningerne. Tag gerne kontakt inden for en uge.',
      }),
    );
  if (result === 'declined')
    return html(
      AnswerPage({
        lang,
        title: lang === 'en' ? 'Thank you for your answer' : 'Tak for dit svar',
        text:
          lang === 'en'
            ? 'We will find another friend for this person. You remain signed up.'
            : 'Vi finder en anden ven til personen. Du er stadig tilmeldt.',
      }),
    );
  return gone(lang);
};

const englishAnswers: Record<(typeof followUpAnswers)[number], string> = {
  'meeting-regularly': 'We meet regularly',
  'lost-contact': 'We have lost contact',
  'want-to-continue': 'We want to continue',
};

const followUpSchema = z.object({
  match: recordIdSchema,
  milepael: z.enum(milestoneIds),
  svar: z.enum(followUpAnswers),
  token: z.string().max(100),
});

const followUpLinkPage = async ({ event }: { event: HttpEvent }) => {
  const parsed = followUpSchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) return gone('da');
  const match = await deps.matches.get(parsed.data.match);
  const volunteer = match && (await deps.volunteers.get(match.volunteerId, deps.now()));
  const lang = volunteer?.language ?? 'da';
  return html(
    FollowUpPage({
      lang,
      answerLabel: lang === 'en' ? englishAnswers[parsed.data.svar] : followUpAnswerLabels[parsed.data.svar],
      hidden: parsed.data,
    }),
  );
};

const followUpFromForm = async ({ event }: { event: HttpEvent }) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const parsed = followUpSchema.safeParse(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)])),
  );
  if (!parsed.success) return gone('da');
  const { match, milepael, svar, token } = parsed.data;
  const result = await answerFollowUpLink(deps, match, milepael, token, svar);
  if (result !== 'answered') return gone('da');
  return html(
    AnswerPage({
      lang: 'da',
      title: 'Tak for dit svar',
      text: 'Din koordinator kan nu se, hvordan det går. Tak!',
    }),
  );
};

// --- Routing -------------------------------------------------------------------------------------

const staffHandlers: Record<string, (request: Request) => Promise<HttpResult>> = {
  [`GET ${matchingPath}`]: overviewPage,
  [`GET ${matchingPath}/eksport`]: exportCsv,
  [`GET ${matchingPath}/plan`]: planPage,
  [`GET ${matchingPath}/flygtning/{id}`]: refugeePage,
  [`POST ${matchingPath}/flygtning/{id}`]: proposeFromForm,
  [`GET ${matchingPath}/match/{id}`]: matchPage,
  [`POST ${matchingPath}/match/{id}`]: changeFromForm,
  'GET /api/matching/kommuner/{code}': apiOverview,
  'GET /api/matching/kommuner/{code}/plan': apiPlan,
  'GET /api/matching/refugees/{id}': apiRefugee,
  'POST /api/matches': apiPropose,
  'GET /api/matches/{id}': apiMatch,
  'POST /api/matches/{id}/actions': apiChange,
};

const publicHandlers: Record<string, (request: { event: HttpEvent }) => Promise<HttpResult>> = {
  'GET /ven/forslag': proposalPage,
  'POST /ven/forslag': answerFromForm,
  'GET /ven/opfoelgning': followUpLinkPage,
  'POST /ven/opfoelgning': followUpFromForm,
};

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
  async ({ event, staff }) => {
    const publicHandle = publicHandlers[event.routeKey];
    if (publicHandle) return publicHandle({ event });
    if (!staff) throw new UnauthorizedError();
    const handle = staffHandlers[event.routeKey];
    if (!handle) throw new NotFoundError();
    const actor = await actorFor(ports.staff, staff);
    return handle({ event, staff, actor });
  },
  { staffAuth, wording },
);
