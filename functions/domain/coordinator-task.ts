import type { FollowUpAnswer, Match, Milestone } from './match.ts';

/**
 * A coordinator's task: its kinds, its shape, and the stored tasks a match's events open and
 * close (written in the match's own transaction). The list and its use cases: coordinator-tasks.ts.
 */

export const taskKinds = [
  'concern',
  'check-in-answer',
  'check-in-unanswered',
  'proposal-unanswered',
  'refugee-waiting',
  'volunteer-unmatched',
  'child-certificate-renewal',
  'volunteer-request',
] as const;
export type TaskKind = (typeof taskKinds)[number];

/** The kinds read live from the queues (done or snoozed by a hidden note); the rest are stored. */
export const derivedKinds: readonly TaskKind[] = [
  'refugee-waiting',
  'volunteer-unmatched',
  'child-certificate-renewal',
];

export const taskTimings = {
  proposalUnansweredDays: 5,
  refugeeWaitingDays: 30,
  volunteerUnmatchedDays: 60,
  /** What "snooze" moves a task by. */
  snoozeDays: 7,
} as const;

export interface Task {
  /** Deterministic: the same cause is the same task. */
  readonly id: string;
  readonly kind: TaskKind;
  readonly kommuneCode: string;
  readonly dueAt: string;
  readonly urgent: boolean;
  readonly createdAt: string;
  readonly matchId?: string;
  /** The refugee, by id: tasks hold no names (the link opens the record). */
  readonly consentId?: string;
  readonly volunteerId?: string;
  readonly checkIn?: Milestone;
  readonly answer?: FollowUpAnswer;
  /** The group whose volunteer (or match) it is: only that group's coordinators see it. */
  readonly groupId?: string;
  /** A request for a volunteer: who asked, from which of their groups (volunteer-requests.ts). */
  readonly requestedBy?: { readonly sub: string; readonly name: string };
  readonly fromGroups?: readonly string[];
}

/** A derived task as listed, with what the page shows of its subject (read with it). */
export interface ListedTask extends Task {
  /** The refugee's (or the volunteer's) name, when the page shows the task. */
  readonly subjectName?: string;
  /** For a match's task: its volunteer's name. */
  readonly volunteerName?: string;
  /** For a request: the asking coordinator's groups, by name. */
  readonly fromGroupNames?: readonly string[];
  readonly days?: number;
}

/** Which stored task a change removes (the one that made it moot). */
export interface TaskRef {
  readonly kommuneCode: string;
  readonly id: string;
}

/** A match change's tasks: written and removed in its transaction. */
export interface TaskChanges {
  readonly open?: readonly Task[];
  readonly close?: readonly TaskRef[];
}

const day = 24 * 3600 * 1000;
const plusDays = (at: string, days: number) => new Date(Date.parse(at) + days * day).toISOString();

const base = (match: Pick<Match, 'id' | 'kommuneCode' | 'consentId' | 'volunteerId' | 'groupId'>) => ({
  kommuneCode: match.kommuneCode,
  matchId: match.id,
  consentId: match.consentId,
  volunteerId: match.volunteerId,
  ...(match.groupId ? { groupId: match.groupId } : {}),
});

/** The stored tasks a match's events open, and the references that close them. */
export const matchTasks = {
  proposalUnanswered: (match: Match): Task => ({
    ...base(match),
    id: `proposal-unanswered#${match.id}`,
    kind: 'proposal-unanswered',
    dueAt: plusDays(match.proposedAt, taskTimings.proposalUnansweredDays),
    urgent: false,
    createdAt: match.proposedAt,
  }),
  checkInUnanswered: (match: Match, checkIn: Milestone, sentAt: string, answerWithinDays: number): Task => ({
    ...base(match),
    id: `check-in-unanswered#${match.id}#${checkIn}`,
    kind: 'check-in-unanswered',
    dueAt: plusDays(sentAt, answerWithinDays),
    urgent: false,
    createdAt: sentAt,
    checkIn,
  }),
  checkInAnswer: (match: Match, checkIn: Milestone, answer: FollowUpAnswer, at: string): Task => ({
    ...base(match),
    id: `check-in-answer#${match.id}#${checkIn}`,
    kind: 'check-in-answer',
    dueAt: at,
    urgent: answer === 'something-difficult',
    createdAt: at,
    checkIn,
    answer,
  }),
  concern: (match: Match, eventKey: string, at: string): Task => ({
    ...base(match),
    id: `concern#${match.id}#${eventKey}`,
    kind: 'concern',
    dueAt: at,
    urgent: true,
    createdAt: at,
  }),
  ref: (match: Pick<Match, 'kommuneCode'>, id: string): TaskRef => ({ kommuneCode: match.kommuneCode, id }),
};

/** At most this many check-ins' tasks are closed with a match: a transaction holds 100 writes. */
export const mootCheckInsAtMost = 8;

/**
 * What a match's end makes moot: its proposal's task, or the tasks of its latest check-ins (the
 * unanswered one's, and the one an answer opened). Concerns stay: a person worried, and the
 * coordinator marks them done.
 */
export const tasksMootFor = (match: Match): TaskRef[] =>
  match.status === 'proposed'
    ? [matchTasks.ref(match, `proposal-unanswered#${match.id}`)]
    : Object.entries(match.followUps ?? {})
        .filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined)
        .sort(([, a], [, b]) => b.sentAt.localeCompare(a.sentAt))
        .slice(0, mootCheckInsAtMost)
        .map(([checkIn, followUp]) =>
          matchTasks.ref(
            match,
            followUp.answer
              ? `check-in-answer#${match.id}#${checkIn}`
              : `check-in-unanswered#${match.id}#${checkIn}`,
          ),
        );
