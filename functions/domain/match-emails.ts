import type { OutboxEntry } from './email-delivery.ts';
import type { HandoverRecord, PersonDetails } from './handover.ts';
import { isMilestone, type Match, type Milestone } from './match.ts';
import type { MatchStore } from './matching.ts';
import { type OrganisationsDirectory, type PublicGroup, publicGroupOf } from './organisations.ts';
import { issueToken, type TokenStore } from './tokens.ts';
import type { Volunteer } from './volunteer.ts';

/**
 * Who gets the match's emails and with which links, decided when each is sent from the match, the
 * record and the volunteer as they are then: a proposal no longer open, a record withdrawn or a
 * volunteer gone sends nothing. The texts are in `functions/email/match-templates.tsx`.
 */

export interface MatchEmailDeps {
  readonly matches: Pick<MatchStore, 'get'>;
  readonly handovers: { get(id: string): Promise<HandoverRecord | undefined> };
  readonly volunteers: { get(id: string, now: Date): Promise<Volunteer | undefined> };
  readonly tokens: Pick<TokenStore, 'put'>;
  /** A staff member's work e-mail (the coordinator's notices go there), and the name they gave. */
  readonly staff: {
    emailOf(sub: string): Promise<string | undefined>;
    nameOf?(sub: string): Promise<string | undefined>;
  };
  /** The local groups: the caseworker's email names the one that follows the friendship. */
  readonly organisations?: Pick<OrganisationsDirectory, 'all'>;
}

type Skip = { readonly skip: string };

/** An email to the volunteer: every one carries an unsubscribe link. */
export interface ToVolunteer {
  readonly match: Match;
  readonly volunteer: Volunteer;
  readonly unsubscribeToken: string;
}

export interface ProposalLetter extends ToVolunteer {
  readonly record: HandoverRecord;
  readonly answerToken: string;
  /** The work e-mail of the coordinator who proposed it, if known: the volunteer may ask them first. */
  readonly coordinatorEmail?: string;
}
export interface ContactLetter extends ToVolunteer {
  readonly record: HandoverRecord;
  readonly person: PersonDetails;
  readonly manageToken: string;
}
export interface FollowUpLetter extends ToVolunteer {
  readonly milestone: Milestone;
  readonly followUpToken: string;
  /** For "Vi har mødtes" and a concern: reusable for this match. */
  readonly supportToken: string;
}
export interface ExitSurveyLetter extends ToVolunteer {
  readonly surveyToken: string;
}
export interface KommuneMatchLetter {
  readonly record: HandoverRecord;
  readonly person: PersonDetails & { readonly kommuneCaseworkerEmail: string };
  readonly volunteer: Volunteer;
  /** The volunteer's local group, whom the kommune can turn to. */
  readonly group?: PublicGroup;
}
export interface CoordinatorLetter {
  readonly match: Match;
  readonly to: string;
  readonly facts: Readonly<Record<string, string | number>>;
}

export const matchEmailDecisions = (deps: MatchEmailDeps) => {
  /** The match, its refugee (with details) and its volunteer, or why the email is not to go. */
  const load = async (
    matchId: string,
    now: Date,
  ): Promise<{ match: Match; record: HandoverRecord; volunteer: Volunteer } | Skip> => {
    const match = await deps.matches.get(matchId);
    if (!match) return { skip: 'match-gone' };
    const [record, volunteer] = await Promise.all([
      deps.handovers.get(match.consentId),
      deps.volunteers.get(match.volunteerId, now),
    ]);
    if (!record?.person || record.status === 'withdrawn') return { skip: 'erased' };
    if (!volunteer) return { skip: 'recipient-gone' };
    return { match, record, volunteer };
  };

  const unsubscribe = (v: Volunteer, now: Date) => issueToken(deps.tokens, 'unsubscribe', v.id, now);

  /** The proposal, or its one reminder: a new answer link for a proposal still open. */
  const answerable = async (entry: OutboxEntry, now: Date): Promise<ProposalLetter | Skip> => {
    const loaded = await load(entry.recipientRef, now);
    if ('skip' in loaded) return loaded;
    const { match, volunteer: v } = loaded;
    if (match.status !== 'proposed') return { skip: 'no-longer-proposed' };
    if (v.emailOptOut) return { skip: 'opted-out' };
    const answerToken = await issueToken(deps.tokens, 'match-answer', v.id, now, match.id);
    const coordinatorEmail = await deps.staff.emailOf(match.proposedBy.sub);
    return {
      ...loaded,
      answerToken,
      ...(coordinatorEmail ? { coordinatorEmail } : {}),
      unsubscribeToken: await unsubscribe(v, now),
    };
  };

  /** After a yes: the refugee's contact details, as consented, to the volunteer. */
  const contact = async (entry: OutboxEntry, now: Date): Promise<ContactLetter | Skip> => {
    const loaded = await load(entry.recipientRef, now);
    if ('skip' in loaded) return loaded;
    const { match, record, volunteer: v } = loaded;
    if (match.status !== 'active' && match.status !== 'paused') return { skip: 'not-active' };
    const person = record.person;
    if (!person) return { skip: 'erased' };
    const manageToken = await issueToken(deps.tokens, 'manage', v.id, now);
    return { ...loaded, person, manageToken, unsubscribeToken: await unsubscribe(v, now) };
  };

  /** After a yes: the kommune's caseworker learns who the friend is (when the refugee consented to the kommune). */
  const kommune = async (entry: OutboxEntry, now: Date): Promise<KommuneMatchLetter | Skip> => {
    const loaded = await load(entry.recipientRef, now);
    if ('skip' in loaded) return loaded;
    const { match, record, volunteer } = loaded;
    const p = record.person;
    if (!record.consent.shareWithKommune || !p?.kommuneCaseworkerEmail) return { skip: 'no-kommune-consent' };
    const groupId = match.groupId ?? volunteer.groupId;
    const directory = groupId && deps.organisations ? await deps.organisations.all() : undefined;
    const group = directory?.groups.find((g) => g.id === groupId);
    return {
      record,
      volunteer,
      person: { ...p, kommuneCaseworkerEmail: p.kommuneCaseworkerEmail },
      ...(group && directory ? { group: publicGroupOf(group, directory.organisations) } : {}),
    };
  };

  /** The coordinator who proposed the match is told the refugee waits again. */
  const coordinator = async (entry: OutboxEntry): Promise<CoordinatorLetter | Skip> => {
    const match = await deps.matches.get(entry.recipientRef);
    if (!match) return { skip: 'match-gone' };
    const to = await deps.staff.emailOf(match.proposedBy.sub);
    if (!to) return { skip: 'coordinator-unknown' };
    return { match, to, facts: entry.facts ?? {} };
  };

  /** A follow-up at a milestone of an active (or paused) match. */
  const followUp = async (entry: OutboxEntry, now: Date): Promise<FollowUpLetter | Skip> => {
    const [matchId, milestone] = entry.recipientRef.split('#') as [string, Milestone];
    if (!isMilestone(milestone)) return { skip: 'unknown-milestone' };
    const loaded = await load(matchId, now);
    if ('skip' in loaded) return loaded;
    const { match, volunteer: v } = loaded;
    if (match.status !== 'active' && match.status !== 'paused') return { skip: 'not-active' };
    if (v.emailOptOut) return { skip: 'opted-out' };
    const followUpToken = await issueToken(deps.tokens, 'follow-up', v.id, now, `${match.id}#${milestone}`);
    const supportToken = await issueToken(deps.tokens, 'match-support', v.id, now, match.id);
    return { ...loaded, milestone, followUpToken, supportToken, unsubscribeToken: await unsubscribe(v, now) };
  };

  /** After a closure: the exit survey, to a volunteer who is still with us. */
  const exitSurvey = async (entry: OutboxEntry, now: Date): Promise<ExitSurveyLetter | Skip> => {
    const match = await deps.matches.get(entry.recipientRef);
    if (!match) return { skip: 'match-gone' };
    if (match.status !== 'ended' || match.survey) return { skip: 'not-ended' };
    const v = await deps.volunteers.get(match.volunteerId, now);
    if (!v) return { skip: 'recipient-gone' };
    if (v.emailOptOut) return { skip: 'opted-out' };
    const surveyToken = await issueToken(deps.tokens, 'exit-survey', v.id, now, match.id);
    return { match, volunteer: v, surveyToken, unsubscribeToken: await unsubscribe(v, now) };
  };

  return { answerable, contact, kommune, coordinator, followUp, exitSurvey };
};
