import { createHash } from 'node:crypto';
import { checkInById, checkInSchedule, latestCheckInReached } from '../../shared/check-in-schedule.ts';
import {
  type ClosureParty,
  type ClosureReason,
  endReasons,
  type SurveyAgain,
} from '../../shared/matching-contract.ts';
import type { NewOutboxEntry } from './email-delivery.ts';
import { DomainError } from './errors.ts';
import type { StaffRef } from './handover.ts';
import type { Reason } from './match-scoring.ts';

/**
 * A match between a waiting refugee and a volunteer, and the rules of its life: proposed (the
 * volunteer is asked) → active (they said yes) ⇄ paused → ended with a reason; or declined by the
 * volunteer, cancelled before an answer (by a coordinator, or because the volunteer left), or
 * lapsed when nobody answered in time. Follow-ups at milestones ask how it goes. Plain data and
 * pure functions; `matching.ts` loads, applies and saves.
 */

export const matchStatuses = [
  'proposed',
  'active',
  'paused',
  'declined',
  'cancelled',
  'lapsed',
  'ended',
] as const;
export type MatchStatus = (typeof matchStatuses)[number];

/** A match that still holds one of the volunteer's places. */
export const isOpen = (status: MatchStatus): boolean =>
  status === 'proposed' || status === 'active' || status === 'paused';

export { endReasons };
/**
 * Why a match ended: the closure's reason (or one of the reasons used before closures had a
 * party: completed, moved away, no contact, other), or what the system ended it for.
 */
export type EndReason = (typeof endReasons)[number] | ClosureReason | 'consent-withdrawn' | 'volunteer-left';

/** How a coordinator closed a match: planned or not, who ended it, why, and whether the refugee wants a new friend. */
export interface Closure {
  readonly planned: boolean;
  readonly endedBy: ClosureParty;
  readonly reason: ClosureReason;
  readonly refugeeWantsNewFriend: boolean;
}

/** The volunteer's exit survey: how it went (1–5) and whether (and when) they would take a new friend. */
export interface ExitSurvey {
  readonly rating: number;
  readonly again: SurveyAgain;
  readonly answeredAt: string;
}

/**
 * How long a volunteer has to answer a proposal: one reminder after `remindAfterDays`, and after
 * `lapseAfterDays` the proposal lapses, the refugee is back on the waiting list at their place and
 * the coordinator is told. A proposal is never a dead end.
 */
export const proposalTimings = { remindAfterDays: 4, lapseAfterDays: 7 } as const;

/** A check-in's id (`2-weeks` … `6-months`, then every three months): `shared/check-in-schedule.ts`. */
export type Milestone = string;
export const isMilestone = (id: string): boolean => checkInById(id) !== undefined;
/** Six months is the programme's recommended minimum: reaching it is counted in the figures. */
export const sixMonths: Milestone = checkInSchedule.sixMonths;

/**
 * Four answers that do not overlap: it goes well; it goes but something is hard; the contact is
 * gone; it has ended (the coordinator then closes the match with the reason).
 */
export const followUpAnswers = ['meeting-regularly', 'something-difficult', 'lost-contact', 'ended'] as const;
export type FollowUpAnswer = (typeof followUpAnswers)[number];
/** Answers that ask the coordinator to act (a task): everything but "it goes well". */
export const needsCoordinator = (answer: FollowUpAnswer): boolean => answer !== 'meeting-regularly';

export interface FollowUp {
  readonly sentAt: string;
  readonly answer?: FollowUpAnswer;
  readonly answeredAt?: string;
}

export interface Match {
  readonly id: string;
  readonly consentId: string;
  readonly volunteerId: string;
  readonly kommuneCode: string;
  readonly status: MatchStatus;
  readonly score: number;
  readonly reasons: readonly Reason[];
  readonly proposedAt: string;
  readonly proposedBy: StaffRef;
  /** When the refugee was expected to arrive in the kommune: "days from arrival to match" counts from here. */
  readonly arrivalDate: string;
  readonly answeredAt?: string;
  readonly activeSince?: string;
  readonly endedAt?: string;
  readonly endReason?: EndReason;
  readonly endedBy?: StaffRef;
  readonly followUps: Partial<Record<Milestone, FollowUp>>;
  /** Meetings the volunteer recorded ("Vi har mødtes"), and the day of the last. */
  readonly meetings?: number;
  readonly lastMeetingOn?: string;
  readonly closure?: Closure;
  readonly survey?: ExitSurvey;
  /** When the volunteer was reminded of an unanswered proposal. */
  readonly reminderSentAt?: string;
  /** The local group whose volunteer it is (organisations.ts): the group that holds the refugee. */
  readonly groupId?: string;
  readonly version: number;
  readonly updatedAt: string;
}

/** The n-th proposal for a refugee has a fixed id: the same proposal written twice is one match. */
export const matchIdFor = (consentId: string, round: number): string =>
  createHash('sha256').update(`venner/match:${consentId}#${round}`).digest('base64url').slice(0, 32);

export const newMatch = (input: {
  consentId: string;
  round: number;
  volunteerId: string;
  kommuneCode: string;
  score: number;
  reasons: readonly Reason[];
  proposedBy: StaffRef;
  arrivalDate: string;
  groupId?: string;
  now: Date;
}): Match => {
  const at = input.now.toISOString();
  return {
    id: matchIdFor(input.consentId, input.round),
    consentId: input.consentId,
    volunteerId: input.volunteerId,
    kommuneCode: input.kommuneCode,
    status: 'proposed',
    score: input.score,
    reasons: input.reasons,
    proposedAt: at,
    proposedBy: input.proposedBy,
    arrivalDate: input.arrivalDate,
    followUps: {},
    ...(input.groupId ? { groupId: input.groupId } : {}),
    version: 1,
    updatedAt: at,
  };
};

const change = (match: Match, now: Date, fields: Partial<Match>): Match => ({
  ...match,
  ...fields,
  version: match.version + 1,
  updatedAt: now.toISOString(),
});

/** The match's status does not allow the action; the coordinators' handler words it with the status's label. */
export class MatchStateError extends DomainError {
  override readonly name = 'MatchStateError';
  readonly kind = 'conflict';
  constructor(readonly status: MatchStatus) {
    super(`Not possible while the match is ${status}`);
  }
}

const expect = (match: Match, ...allowed: MatchStatus[]) => {
  if (!allowed.includes(match.status)) throw new MatchStateError(match.status);
};

export const accept = (match: Match, now: Date): Match => {
  expect(match, 'proposed');
  return change(match, now, {
    status: 'active',
    answeredAt: now.toISOString(),
    activeSince: now.toISOString(),
  });
};

export const decline = (match: Match, now: Date): Match => {
  expect(match, 'proposed');
  return change(match, now, { status: 'declined', answeredAt: now.toISOString() });
};

export const cancel = (match: Match, by: StaffRef, now: Date): Match => {
  expect(match, 'proposed');
  return change(match, now, { status: 'cancelled', endedAt: now.toISOString(), endedBy: by });
};

export const pause = (match: Match, now: Date): Match => {
  expect(match, 'active');
  return change(match, now, { status: 'paused' });
};

export const resume = (match: Match, now: Date): Match => {
  expect(match, 'paused');
  return change(match, now, { status: 'active' });
};

export const end = (match: Match, reason: EndReason, by: StaffRef, now: Date, closure?: Closure): Match => {
  expect(match, 'active', 'paused');
  return change(match, now, {
    status: 'ended',
    endedAt: now.toISOString(),
    endReason: reason,
    endedBy: by,
    ...(closure ? { closure } : {}),
  });
};

/** A coordinator's closure: the match ends with its reason, party and planned-or-not. */
export const close = (match: Match, closure: Closure, by: StaffRef, now: Date): Match =>
  end(match, closure.reason, by, now, closure);

/**
 * Whether the match counts as having reached six months: its six-month check-in (or a later one)
 * was sent, which is when the figures count it, so a closure and the six-month count never disagree.
 */
export const reachedSixMonths = (match: Pick<Match, 'followUps'>): boolean => {
  const six = checkInById(sixMonths)?.days ?? 182;
  return Object.keys(match.followUps ?? {}).some((id) => (checkInById(id)?.days ?? 0) >= six);
};

/** Meetings per month of a match's life so far (one decimal), for the median in the figures. */
export const meetingsPerMonth = (match: Pick<Match, 'activeSince' | 'meetings'>, until: Date): number => {
  if (!match.activeSince) return 0;
  const months = Math.max(1, (until.getTime() - Date.parse(match.activeSince)) / (30.42 * 24 * 3600 * 1000));
  return Math.round(((match.meetings ?? 0) / months) * 10) / 10;
};

/** A meeting recorded on a day: the count and the last day move (the event itself is kept once per day). */
export const meetingRecorded = (match: Match, on: string, now: Date): Match => {
  expect(match, 'active', 'paused');
  return change(match, now, {
    meetings: (match.meetings ?? 0) + 1,
    lastMeetingOn: match.lastMeetingOn && match.lastMeetingOn > on ? match.lastMeetingOn : on,
  });
};

export const surveyAnswered = (match: Match, rating: number, again: SurveyAgain, now: Date): Match => {
  expect(match, 'ended');
  return change(match, now, { survey: { rating, again, answeredAt: now.toISOString() } });
};

/** Nobody answered in time: the proposal lapses (the caller puts the refugee back on the waiting list). */
export const lapse = (match: Match, now: Date): Match => {
  expect(match, 'proposed');
  return change(match, now, { status: 'lapsed', endedAt: now.toISOString() });
};

/**
 * The volunteer left the programme (erased their data): an open proposal is cancelled and an
 * active or paused match ends, both with the reason "the volunteer left".
 */
export const volunteerLeft = (match: Match, now: Date): Match => {
  expect(match, 'proposed', 'active', 'paused');
  return change(match, now, {
    status: match.status === 'proposed' ? 'cancelled' : 'ended',
    endedAt: now.toISOString(),
    endReason: 'volunteer-left',
  });
};

export const reminded = (match: Match, now: Date): Match => {
  expect(match, 'proposed');
  return change(match, now, { reminderSentAt: now.toISOString() });
};

const day = 24 * 3600 * 1000;

/** What an unanswered proposal is due for now: its one reminder, or to lapse; undefined when nothing. */
export const proposalDue = (match: Match, now: Date): 'remind' | 'lapse' | undefined => {
  if (match.status !== 'proposed') return undefined;
  const waited = now.getTime() - Date.parse(match.proposedAt);
  if (waited >= proposalTimings.lapseAfterDays * day) return 'lapse';
  if (waited >= proposalTimings.remindAfterDays * day && !match.reminderSentAt) return 'remind';
  return undefined;
};

/** The day (ISO) an open proposal lapses, for the emails. */
export const proposalLapsesAt = (match: Pick<Match, 'proposedAt'>): string =>
  new Date(Date.parse(match.proposedAt) + proposalTimings.lapseAfterDays * day).toISOString();

/** Whole days from the refugee's arrival to the volunteer's yes (0 when they said yes before arriving). */
export const daysFromArrival = (match: Pick<Match, 'arrivalDate'>, acceptedAt: Date): number =>
  Math.max(0, Math.floor((acceptedAt.getTime() - Date.parse(`${match.arrivalDate}T00:00:00Z`)) / day));

/** The check-ins due now: the latest one an active (or paused) match reached, if not yet sent. */
export const dueFollowUps = (match: Match, now: Date): Milestone[] => {
  if ((match.status !== 'active' && match.status !== 'paused') || !match.activeSince) return [];
  const days = Math.floor((now.getTime() - Date.parse(match.activeSince)) / day);
  // Only the latest reached: a match found late gets one email, not a backlog.
  const latest = latestCheckInReached(days);
  return latest && !match.followUps[latest.id] ? [latest.id] : [];
};

/** The day a sent check-in becomes a task when nobody answered it. */
export const checkInAnswerDue = (sentAt: string): string =>
  new Date(Date.parse(sentAt) + checkInSchedule.answerWithinDays * day).toISOString();

export const followUpSent = (match: Match, milestone: Milestone, now: Date): Match =>
  change(match, now, { followUps: { ...match.followUps, [milestone]: { sentAt: now.toISOString() } } });

export const answerFollowUp = (
  match: Match,
  milestone: Milestone,
  answer: FollowUpAnswer,
  now: Date,
): Match => {
  const sent = match.followUps[milestone];
  if (!sent) throw new MatchStateError(match.status);
  return change(match, now, {
    followUps: { ...match.followUps, [milestone]: { ...sent, answer, answeredAt: now.toISOString() } },
  });
};

/** The match's emails, each once: keys follow from the match (and milestone). */
export const matchEmail = {
  proposal: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `match-proposal#${match.id}`,
    template: 'match-proposal',
    recipientRef: match.id,
  }),
  /** After a yes: the refugee's contact details, as consented, to the volunteer. */
  contact: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `match-contact#${match.id}`,
    template: 'match-contact',
    recipientRef: match.id,
  }),
  /** After a yes: the kommune's caseworker learns who the friend is (when the refugee consented to the kommune). */
  kommune: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `kommune-match#${match.id}`,
    template: 'kommune-match',
    recipientRef: match.id,
  }),
  /** After a no: the coordinator who proposed it is told. */
  declined: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `match-declined#${match.id}`,
    template: 'match-declined',
    recipientRef: match.id,
  }),
  /** The one reminder of an unanswered proposal, to the volunteer. */
  proposalReminder: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `match-proposal-reminder#${match.id}`,
    template: 'match-proposal-reminder',
    recipientRef: match.id,
  }),
  /** Nobody answered: the coordinator who proposed it is told the refugee waits again. */
  lapsed: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `match-lapsed#${match.id}`,
    template: 'match-lapsed',
    recipientRef: match.id,
  }),
  /** The volunteer left the programme: the coordinator who proposed the match is told the refugee waits again. */
  volunteerLeft: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `match-volunteer-left#${match.id}`,
    template: 'match-volunteer-left',
    recipientRef: match.id,
  }),
  followUp: (match: Pick<Match, 'id'>, milestone: Milestone): NewOutboxEntry => ({
    key: `match-follow-up#${match.id}#${milestone}`,
    template: 'match-follow-up',
    recipientRef: `${match.id}#${milestone}`,
  }),
  /** After a closure: the volunteer's short exit survey. */
  exitSurvey: (match: Pick<Match, 'id'>): NewOutboxEntry => ({
    key: `match-exit-survey#${match.id}`,
    template: 'match-exit-survey',
    recipientRef: match.id,
  }),
};
