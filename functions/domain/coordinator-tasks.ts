import { checkInById } from '../../shared/check-in-schedule.ts';
import { forEachConcurrently } from '../lib/concurrently.ts';
import {
  derivedKinds,
  type ListedTask,
  type Task,
  type TaskKind,
  taskKinds,
  taskTimings,
} from './coordinator-task.ts';
import { copenhagenDate } from './danish-time.ts';
import type { NewOutboxEntry } from './email-delivery.ts';
import { DomainError } from './errors.ts';
import {
  type Actor,
  type AuditLog,
  audited,
  canSee,
  type HandoverRecord,
  type StaffRef,
} from './handover.ts';
import { coordinates, daysWaiting } from './matching.ts';
import { type GroupScope, seesVolunteer } from './organisations.ts';
import { isAvailable, type Volunteer } from './volunteer.ts';
import { certificateRenewalDue, certificateValidUntil } from './volunteer-readiness.ts';

/**
 * The coordinator's tasks: one list across their kommuner of what needs a person, each with a
 * due date, a link to act, done and snooze.
 *
 * Tasks that follow from a match's events (a proposal nobody answers, a check-in nobody answers,
 * an answer that asks for help, a concern) are written in the same transaction as the event, due
 * when they are due, and removed in the transaction that makes them moot (the answer). Tasks that
 * follow from time passing over a whole queue (refugees waiting long, volunteers never matched,
 * børneattest renewals) are read live from sparse indexes, so they can never go stale; done or
 * snoozed, a "hidden" note keeps them out of the list. Either way the list is four key Queries
 * per kommune, whatever the number of matches.
 */

export interface TaskStore {
  /** The kommune's open stored tasks due by `until` (one Query of a sparse index). */
  openDue(kommuneCode: string, until: string): Promise<Task[]>;
  /** The kommune's derived tasks someone marked done or snoozed, with until when (one Query). */
  hidden(kommuneCode: string): Promise<Map<string, string>>;
  /** Marks a stored task done; false when there is no such open task in the kommune. */
  complete(kommuneCode: string, id: string, by: StaffRef, now: Date): Promise<boolean>;
  /** Moves a stored task's due date; false when there is no such open task. */
  snooze(kommuneCode: string, id: string, until: string, by: StaffRef, now: Date): Promise<boolean>;
  /** Keeps a derived task out of the list until a day (done: for good). */
  hide(kommuneCode: string, id: string, until: string, by: StaffRef, now: Date): Promise<void>;
  /** The open stored tasks of these ids in a kommune (one BatchGetItem). */
  existing(kommuneCode: string, ids: readonly string[]): Promise<Task[]>;
}

export interface TaskSources {
  /** The kommune's waiting refugees who joined the queue before a moment (one Query). */
  waitingBefore(kommuneCode: string, before: string): Promise<HandoverRecord[]>;
  /** The kommune's volunteers whose attention day has come (never matched, renewal due): one Query. */
  needingAttention(kommuneCode: string, today: string): Promise<Volunteer[]>;
}

export interface TaskDeps {
  readonly tasks: TaskStore;
  readonly sources: TaskSources;
  readonly now: () => Date;
}

const day = 24 * 3600 * 1000;

export type { ListedTask, Task, TaskKind };
export { taskKinds, taskTimings };

/** The day a volunteer next needs a coordinator (kept on their item as a sparse index key). */
export const attentionDay = (v: Volunteer): string | undefined => {
  const days: string[] = [];
  if (v.status === 'confirmed' && !v.firstProposedAt && v.confirmedAt)
    days.push(copenhagenDate(new Date(Date.parse(v.confirmedAt) + taskTimings.volunteerUnmatchedDays * day)));
  const renewal = certificateRenewalDue(v);
  if (v.status === 'confirmed' && renewal) days.push(renewal);
  return days.sort()[0];
};

const derivedFromRecord = (record: HandoverRecord, now: Date): ListedTask | undefined => {
  const days = daysWaiting(record, now);
  if (days <= taskTimings.refugeeWaitingDays || !record.person) return undefined;
  const start = now.getTime() - days * day;
  return {
    id: `refugee-waiting#${record.id}#${record.matchRounds ?? 0}`,
    kind: 'refugee-waiting',
    kommuneCode: record.kommuneCode,
    dueAt: new Date(start + taskTimings.refugeeWaitingDays * day).toISOString(),
    urgent: false,
    createdAt: record.recordedAt,
    consentId: record.id,
    subjectName: record.person.name,
    days,
  };
};

const derivedFromVolunteer = (v: Volunteer, today: string, now: Date): ListedTask[] => {
  const tasks: ListedTask[] = [];
  if (!v.firstProposedAt && v.confirmedAt && isAvailable(v)) {
    const due = new Date(Date.parse(v.confirmedAt) + taskTimings.volunteerUnmatchedDays * day);
    if (due <= now)
      tasks.push({
        id: `volunteer-unmatched#${v.id}`,
        kind: 'volunteer-unmatched',
        kommuneCode: v.kommuneCode,
        dueAt: due.toISOString(),
        urgent: false,
        createdAt: v.confirmedAt,
        volunteerId: v.id,
        ...(v.groupId ? { groupId: v.groupId } : {}),
        subjectName: v.name,
        days: Math.floor((now.getTime() - Date.parse(v.confirmedAt)) / day),
      });
  }
  const renewal = certificateRenewalDue(v);
  if (renewal && renewal <= today)
    tasks.push({
      id: `child-certificate-renewal#${v.id}#${v.screening?.childCertificate?.decidedOn ?? ''}`,
      kind: 'child-certificate-renewal',
      kommuneCode: v.kommuneCode,
      dueAt: `${renewal}T00:00:00.000Z`,
      urgent: (certificateValidUntil(v) ?? '') < today,
      createdAt: v.updatedAt,
      volunteerId: v.id,
      ...(v.groupId ? { groupId: v.groupId } : {}),
      subjectName: v.name,
    });
  return tasks;
};

/** The order of the list: urgent first, then the longest overdue. */
export const byUrgency = (a: Task, b: Task) =>
  Number(b.urgent) - Number(a.urgent) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);

/** One kommune's open tasks due now: four key Queries. */
export const kommuneTasks = async (deps: TaskDeps, kommuneCode: string, now: Date): Promise<ListedTask[]> => {
  const today = copenhagenDate(now);
  const joinedBefore = new Date(now.getTime() - taskTimings.refugeeWaitingDays * day).toISOString();
  const [stored, hidden, waiting, volunteers] = await Promise.all([
    deps.tasks.openDue(kommuneCode, now.toISOString()),
    deps.tasks.hidden(kommuneCode),
    deps.sources.waitingBefore(kommuneCode, joinedBefore),
    deps.sources.needingAttention(kommuneCode, today),
  ]);
  const derived = [
    ...waiting.flatMap((r) => derivedFromRecord(r, now) ?? []),
    ...volunteers.flatMap((v) => derivedFromVolunteer(v, today, now)),
  ].filter((task) => {
    const until = hidden.get(task.id);
    return !until || until <= today;
  });
  return [...stored, ...derived];
};

/**
 * The coordinator's list across the kommuner they chose (all of theirs by default). Another
 * group's volunteers and matches (and requests to it) are its own coordinators' work; the queue
 * of waiting refugees is everyone's.
 */
export const taskList = async (
  deps: TaskDeps,
  actor: GroupScope,
  kommuneCodes: readonly string[],
): Promise<ListedTask[]> => {
  const now = deps.now();
  const lists = await Promise.all(kommuneCodes.map((code) => kommuneTasks(deps, code, now)));
  return lists
    .flat()
    .filter((t) => !t.groupId || seesVolunteer(actor, { kommuneCode: t.kommuneCode, groupId: t.groupId }))
    .sort(byUrgency);
};

/** The order of the kinds on the page: what needs a call today first, the queues' reminders last. */
export const taskKindOrder: readonly TaskKind[] = [
  'concern',
  'check-in-answer',
  'check-in-unanswered',
  'proposal-unanswered',
  'refugee-waiting',
  'volunteer-request',
  'child-certificate-renewal',
  'volunteer-unmatched',
];

/** How many of each kind the whole list shows, and of one kind when it is chosen. */
export const tasksShown = { perKind: 5, ofOneKind: 100 } as const;

export interface TaskPage {
  readonly total: number;
  readonly urgent: number;
  readonly counts: readonly { readonly kind: TaskKind; readonly count: number }[];
  /** The tasks the page shows, named: each kind's first few, or one kind's first hundred. */
  readonly shown: readonly ListedTask[];
}

export interface TaskNaming {
  readonly records: { getMany(ids: readonly string[]): Promise<HandoverRecord[]> };
  readonly volunteers: { getMany(ids: readonly string[]): Promise<Volunteer[]> };
  readonly audit: AuditLog;
}

/**
 * One page of the coordinator's list: the counts of every kind, and the tasks shown with the
 * names of their refugees and volunteers (one BatchGetItem each for at most a hundred tasks,
 * whatever the number of matches), audited as a list like the waiting list.
 */
export const taskPage = async (
  deps: TaskDeps & TaskNaming,
  actor: Actor,
  kommuneCodes: readonly string[],
  kind?: TaskKind,
): Promise<TaskPage> => {
  const all = await taskList(deps, actor, kommuneCodes);
  const counts = taskKindOrder
    .map((k) => ({ kind: k, count: all.filter((t) => t.kind === k).length }))
    .filter((c) => c.count > 0);
  const shown = kind
    ? all.filter((t) => t.kind === kind).slice(0, tasksShown.ofOneKind)
    : taskKindOrder.flatMap((k) => all.filter((t) => t.kind === k).slice(0, tasksShown.perKind));
  const unnamed = (ids: (string | undefined)[]) => [
    ...new Set(ids.filter((id): id is string => Boolean(id))),
  ];
  const [records, volunteers] = await Promise.all([
    deps.records.getMany(unnamed(shown.filter((t) => !t.subjectName).map((t) => t.consentId))),
    deps.volunteers.getMany(unnamed(shown.filter((t) => t.matchId).map((t) => t.volunteerId))),
  ]);
  const visible = records.filter((r) => r.person && canSee(actor, r) && coordinates(actor, r.kommuneCode));
  const refugee = new Map(visible.map((r) => [r.id, r.person?.name]));
  const volunteer = new Map(volunteers.filter((v) => seesVolunteer(actor, v)).map((v) => [v.id, v.name]));
  const named = shown.map((t) => ({
    ...t,
    ...(!t.subjectName && t.consentId && refugee.get(t.consentId)
      ? { subjectName: refugee.get(t.consentId) }
      : {}),
    ...(t.matchId && t.volunteerId && volunteer.get(t.volunteerId)
      ? { volunteerName: volunteer.get(t.volunteerId) }
      : {}),
  }));
  // Every refugee named on the page (the queue's tasks came named from their Query).
  const namedIds = new Set([
    ...visible.map((r) => r.id),
    ...unnamed(shown.filter((t) => t.kind === 'refugee-waiting').map((t) => t.consentId)),
  ]);
  await audited(
    deps,
    actor,
    'list',
    [...namedIds].map((id) => ({ id })),
  );
  return { total: all.length, urgent: all.filter((t) => t.urgent).length, counts, shown: named };
};

export class TaskNotFoundError extends DomainError {
  override readonly name = 'TaskNotFoundError';
  readonly kind = 'not-found';
  constructor() {
    super('Opgaven findes ikke, er allerede klaret, eller du koordinerer ikke for kommunen.');
  }
}

const derivedIdPattern =
  /^(refugee-waiting#[\w-]{32}#\d+|volunteer-unmatched#[\w-]{32}|child-certificate-renewal#[\w-]{32}#[\d-]*)$/;
const storedIdPattern =
  /^(proposal-unanswered#[\w-]{32}|check-in-(unanswered|answer)#[\w-]{32}#[\w-]{1,20}|concern#[\w-]{32}#[\w:.#-]{1,60}|volunteer-request#[\w-]{32}#[a-z0-9-]{2,48})$/;

export const kindOfTaskId = (id: string): TaskKind | undefined => {
  const kind = id.split('#')[0] as TaskKind;
  if (!taskKinds.includes(kind)) return undefined;
  return derivedIdPattern.test(id) || storedIdPattern.test(id) ? kind : undefined;
};

/**
 * Done or snoozed by a coordinator of the task's kommune who sees it: a task of another kommune,
 * or of another group's volunteer or match, is not found.
 */
export const settleTask = async (
  deps: TaskDeps & {
    /** Whose a volunteer's task is (the queue's volunteer tasks carry no group of their own). */
    readonly volunteers: { get(id: string, now: Date): Promise<Volunteer | undefined> };
  },
  actor: Actor,
  kommuneCode: string,
  id: string,
  how: 'done' | 'snooze',
): Promise<void> => {
  const kind = kindOfTaskId(id);
  if (!kind || !coordinates(actor, kommuneCode)) throw new TaskNotFoundError();
  const now = deps.now();
  const by = { sub: actor.sub, name: actor.name };
  const until = copenhagenDate(new Date(now.getTime() + taskTimings.snoozeDays * day));
  if (derivedKinds.includes(kind)) {
    if (kind !== 'refugee-waiting') {
      const volunteer = await deps.volunteers.get(id.split('#')[1] ?? '', now);
      if (volunteer && !seesVolunteer(actor, volunteer)) throw new TaskNotFoundError();
    }
    await deps.tasks.hide(kommuneCode, id, how === 'done' ? '9999-12-31' : until, by, now);
    return;
  }
  const [task] = await deps.tasks.existing(kommuneCode, [id]);
  if (!task || (task.groupId && !seesVolunteer(actor, task))) throw new TaskNotFoundError();
  const settled =
    how === 'done'
      ? await deps.tasks.complete(kommuneCode, id, by, now)
      : await deps.tasks.snooze(kommuneCode, id, `${until}T00:00:00.000Z`, by, now);
  if (!settled) throw new TaskNotFoundError();
};

/** A check-in's Danish name for the tasks ("efter 6 uger"). */
export const checkInName = (id: string | undefined): string => checkInById(id ?? '')?.label.da ?? id ?? '';

export interface CoordinatorTaskSummary {
  readonly total: number;
  readonly urgent: number;
  readonly byKind: Partial<Record<TaskKind, number>>;
}

export const summarise = (tasks: readonly Task[]): CoordinatorTaskSummary => {
  const byKind: Partial<Record<TaskKind, number>> = {};
  for (const task of tasks) byKind[task.kind] = (byKind[task.kind] ?? 0) + 1;
  return { total: tasks.length, urgent: tasks.filter((t) => t.urgent).length, byKind };
};

export interface TaskEmailDeps extends TaskDeps {
  readonly coordinators: {
    of(
      kommuneCode: string,
      now: Date,
    ): Promise<{ sub: string; email: string; name?: string; groups?: readonly string[] }[]>;
  };
  readonly outbox: { claim(entry: NewOutboxEntry, now: Date): Promise<boolean> };
}

export interface TaskEmailReport {
  readonly kommuner: number;
  readonly coordinators: number;
  readonly written: number;
  readonly withoutTasks: number;
}

/** The week an email belongs to: its Monday (a Danish date). */
const mondayOf = (now: Date): string => {
  const today = copenhagenDate(now);
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

/**
 * Mondays: each coordinator's open tasks across their kommuner as one email (counts and a link,
 * no names); nothing for a coordinator without tasks. Each email once per week (its key).
 */
export const writeTaskEmails = async (
  deps: TaskEmailDeps,
  kommuneCodes: readonly string[],
): Promise<TaskEmailReport> => {
  const now = deps.now();
  const perCoordinator = new Map<string, Task[]>();
  let kommuner = 0;
  await forEachConcurrently(kommuneCodes, 8, async (code) => {
    const coordinators = await deps.coordinators.of(code, now);
    if (coordinators.length === 0) return;
    kommuner++;
    const tasks = await kommuneTasks(deps, code, now);
    for (const c of coordinators) {
      // Only what the coordinator's page shows them: their groups', the unassigned and the queue.
      const scope = { roles: ['coordinator'], kommuner: [code], groups: c.groups ?? [] };
      const theirs = tasks.filter((t) => !t.groupId || seesVolunteer(scope, t));
      perCoordinator.set(c.sub, [...(perCoordinator.get(c.sub) ?? []), ...theirs]);
    }
  });
  const week = mondayOf(now);
  let written = 0;
  let withoutTasks = 0;
  for (const [sub, tasks] of perCoordinator) {
    if (tasks.length === 0) {
      withoutTasks++;
      continue;
    }
    const summary = summarise(tasks);
    const facts: Record<string, number | string> = { week, total: summary.total, urgent: summary.urgent };
    for (const [kind, count] of Object.entries(summary.byKind)) facts[`kind:${kind}`] = count;
    const claimed = await deps.outbox.claim(
      { key: `coordinator-tasks#${sub}#${week}`, template: 'coordinator-tasks', recipientRef: sub, facts },
      now,
    );
    if (claimed) written++;
  }
  return { kommuner, coordinators: perCoordinator.size, written, withoutTasks };
};
