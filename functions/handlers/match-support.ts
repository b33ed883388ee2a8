import { loadEnv } from '../../shared/env.ts';
import { lazy } from '../../shared/lazy.ts';
import {
  concernSchema,
  refugeeSideSchema,
  type ScreeningInput,
  screeningSchema,
} from '../../shared/matching-contract.ts';
import { type Operations, pathOf } from '../../shared/routes.ts';
import { auditRepository } from '../adapters/audit-repository.ts';
import { consentsLists } from '../adapters/consents-lists.ts';
import { consentsRepository } from '../adapters/consents-repository.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { matchesRepository } from '../adapters/matches-repository.ts';
import { organisationsDirectory } from '../adapters/organisations-repository.ts';
import { taskPorts } from '../adapters/task-ports.ts';
import { volunteerRequests } from '../adapters/tasks-repository.ts';
import { volunteersLists } from '../adapters/volunteers-lists.ts';
import { volunteersRepository } from '../adapters/volunteers-repository.ts';
import { settleTask, taskKinds, taskList, taskPage } from '../domain/coordinator-tasks.ts';
import { ValidationError } from '../domain/errors.ts';
import { type Actor, actorOf, parseRecordId } from '../domain/handover.ts';
import { openMatch } from '../domain/match-changes.ts';
import { raiseConcern, recordRefugeeSide } from '../domain/match-support.ts';
import { coordinates, type MatchingDeps } from '../domain/matching.ts';
import { kommunerByName } from '../domain/reference-kommuner.ts';
import { declineRequest } from '../domain/volunteer-requests.ts';
import { recordScreening, volunteerForScreening } from '../domain/volunteer-screening.ts';
import { NotFoundError, UnauthorizedError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter, redirect } from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import { staffAuthFrom } from '../http/staff-auth.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { text } from '../web/form-values.ts';
import { groupName, groupNamesOf } from '../web/group-parts.tsx';
import { TasksPage, tasksPath } from '../web/match-support-pages.tsx';

/**
 * The friendship after the match, for coordinators: their task list (done, snooze), the
 * refugee's side after a phone call, a concern, and a volunteer's readiness. Thin: parse, call
 * the domain, map the result.
 */

const env = loadEnv('match-support');
const staffAuth = staffAuthFrom(env);
const db = dynamoDb();
const tables = {
  matches: env.TABLE_MATCHES,
  consents: env.TABLE_CONSENTS,
  volunteers: env.TABLE_VOLUNTEERS,
  tasks: env.TABLE_TASKS,
  // A concern or a call writes the match's events and tasks only.
  kommuner: '',
  outbox: '',
};
const tasks = taskPorts(env, db);
const organisations = organisationsDirectory(db, env.TABLE_ORGANISATIONS);
const requests = volunteerRequests(db, env.TABLE_TASKS);
const volunteers = volunteersRepository(db, env.TABLE_VOLUNTEERS);
const deps: MatchingDeps = {
  matches: matchesRepository(db, tables),
  records: consentsRepository(db, tables),
  volunteers,
  audit: auditRepository(db, env.TABLE_AUDIT),
  tokens: { consume: async () => undefined, peek: async () => undefined },
  now: () => new Date(),
};
const kommuner = lazy(kommunerByName);
/** The page names the tasks it shows: one BatchGetItem of refugees, one of volunteers. */
const naming = {
  records: consentsLists(db, env.TABLE_CONSENTS),
  volunteers: volunteersLists(db, env.TABLE_VOLUNTEERS),
  audit: deps.audit,
};

interface Request {
  readonly event: HttpEvent;
  readonly staff: StaffContext;
  readonly actor: Actor;
}

/** The kommuner the list covers: the one chosen (in scope), else every one the actor coordinates. */
const scopeOf = (event: HttpEvent, actor: Actor) => {
  const inScope = kommuner().filter((k) => coordinates(actor, k.code));
  const asked = queryParameter(event, 'kommune');
  if (asked && !inScope.some((k) => k.code === asked))
    throw new NotFoundError('Kommunen findes ikke, eller du koordinerer ikke for den.');
  // An administrator sees the country's tasks only by choosing a kommune: 98 kommuner are no list.
  const codes = asked ? [asked] : actor.roles.includes('coordinator') ? actor.kommuner : [];
  return { inScope, asked, codes };
};

const tasksPage = async ({ event, staff, actor }: Request) => {
  const scope = scopeOf(event, actor);
  const settled = queryParameter(event, 'klaret');
  const kind = taskKinds.find((k) => k === queryParameter(event, 'type'));
  const [found, { groups }] = await Promise.all([
    taskPage({ ...tasks, ...naming }, actor, scope.codes, kind),
    organisations.all(),
  ]);
  // A request names the asking coordinator's groups.
  const names = groupNamesOf(groups);
  const page = {
    ...found,
    shown: found.shown.map((t) =>
      t.fromGroups?.length ? { ...t, fromGroupNames: t.fromGroups.map((g) => groupName(names, g)) } : t,
    ),
  };
  return html(
    TasksPage({
      staff,
      view: {
        page,
        kommuner: scope.inScope,
        kommune: scope.asked,
        kind,
        now: tasks.now(),
        notice:
          settled === 'done'
            ? 'Opgaven er markeret som udført.'
            : settled === 'decline'
              ? 'Du har sagt nej. Den koordinator, der spurgte, ser det på flygtningens side.'
              : settled === 'snooze'
                ? 'Opgaven er udsat en uge.'
                : !scope.asked && scope.codes.length === 0
                  ? 'Vælg en kommune for at se dens opgaver.'
                  : undefined,
      },
    }),
  );
};

const settleFromForm = async ({ event, actor }: Request) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const how = text(values.how) === 'snooze' ? 'snooze' : text(values.how) === 'decline' ? 'decline' : 'done';
  const kommune = text(values.kommune) ?? '';
  const id = text(values.id) ?? '';
  if (!/^\d{3}$/.test(kommune) || !id)
    throw new ValidationError([{ field: 'id', message: 'Vælg en opgave fra listen.' }]);
  if (how === 'decline') await declineRequest({ requests, now: tasks.now }, actor, kommune, id);
  else await settleTask({ ...tasks, volunteers }, actor, kommune, id, how);
  return redirect(
    `${tasksPath}?klaret=${how}${queryParameter(event, 'kommune') ? `&kommune=${kommune}` : ''}`,
  );
};

/** The JSON carries ids, kinds and due dates: names only on the page, which audits whom it names. */
const apiTasks = async ({ event, actor }: Request) =>
  json({
    tasks: (await taskList(tasks, actor, scopeOf(event, actor).codes)).map(
      ({ subjectName: _name, volunteerName: _volunteer, ...task }) => task,
    ),
  });

const matchIdOf = (event: HttpEvent) => parseRecordId(event.pathParameters?.id);
const backToMatch = (id: string, notice: string) =>
  redirect(`${pathOf('matching', 'match', { id })}?${notice}=1`);

const refugeeSide = async ({ event, actor }: Request) => {
  assertSameOrigin(event);
  const id = matchIdOf(event);
  // The scope first: a bad form teaches nothing about a match outside it.
  await openMatch(deps, actor, id);
  const values = formBody(event, 4096);
  const parsed = refugeeSideSchema.safeParse({ answer: text(values.answer), note: text(values.note) });
  if (!parsed.success)
    throw new ValidationError([
      { field: 'answer', message: 'Vælg, hvad flygtningen fortalte (og skriv højst 500 tegn).' },
    ]);
  await recordRefugeeSide(deps, actor, id, parsed.data.answer, parsed.data.note || undefined);
  return backToMatch(id, 'samtale');
};

const staffConcern = async ({ event, actor }: Request) => {
  assertSameOrigin(event);
  const id = matchIdOf(event);
  await openMatch(deps, actor, id);
  const parsed = concernSchema.safeParse({ note: text(formBody(event, 4096).note) });
  if (!parsed.success)
    throw new ValidationError([
      { field: 'note', message: 'Skriv kort, hvad du er bekymret for (højst 500 tegn).' },
    ]);
  const result = await raiseConcern(deps, { actor }, id, parsed.data.note);
  if (result !== 'raised') throw new NotFoundError('Matchet findes ikke, eller det er slut.');
  return backToMatch(id, 'bekymring');
};

const screeningMessages: Record<string, string> = {
  certificateDecidedOn: 'Skriv datoen for vurderingen, når du vælger godkendt eller ikke godkendt.',
};

const recordReadiness = async ({ event, actor }: Request) => {
  assertSameOrigin(event);
  const id = event.pathParameters?.id ?? '';
  await volunteerForScreening({ volunteers, now: deps.now }, actor, id);
  const values = formBody(event, 4096);
  const date = (name: string) => text(values[name]) || undefined;
  const input = {
    introductionOn: date('introductionOn'),
    confidentiality: text(values.confidentiality) === 'yes',
    courseOn: date('courseOn'),
    certificateRequestedOn: date('certificateRequestedOn'),
    certificateDecidedOn: date('certificateDecidedOn'),
    assessment: text(values.assessment) || undefined,
  };
  const parsed = screeningSchema.safeParse(input);
  if (Object.values(input).every((value) => !value))
    throw new ValidationError([{ field: 'introductionOn', message: 'Udfyld mindst ét felt.' }]);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({
        field: String(issue.path[0]),
        message: screeningMessages[String(issue.path[0])] ?? 'Skriv datoen som dag, måned og år.',
      })),
    );
  await recordScreening({ volunteers, now: deps.now }, actor, id, parsed.data as ScreeningInput);
  return redirect(`${pathOf('matching', 'volunteer', { id })}?klar=1#readiness`);
};

const operations = {
  tasks: tasksPage,
  settleTask: settleFromForm,
  apiTasks,
  refugeeSide,
  staffConcern,
  recordReadiness,
} satisfies Operations<'match-support', Request, HttpResult>;

export const handler = httpHandler(
  'match-support',
  async ({ event, staff, operation }) => {
    if (!staff) throw new UnauthorizedError();
    return operations[operation]({ event, staff, actor: actorOf(staff) });
  },
  { staffAuth },
);
