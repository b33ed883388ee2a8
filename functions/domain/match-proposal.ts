import { matchTasks, tasksMootFor } from './coordinator-task.ts';
import { type Actor, audited, type HandoverRecord, staffRef } from './handover.ts';
import { accept, daysFromArrival, decline, type Match, matchEmail, newMatch } from './match.ts';
import { explainPair, refugeeProfile, volunteerProfile } from './match-scoring.ts';
import type { AnswerDeps } from './matching.ts';
import {
  type MatchingDeps,
  MatchWriteConflict,
  matchableRecord,
  monthOf,
  RefugeeNotWaitingError,
  releasePlace,
  retryOnVolunteerChange,
  VolunteerUnavailableError,
  writeOrLeaveRecord,
} from './matching.ts';
import { seesVolunteer } from './organisations.ts';
import { hashToken, isTokenShaped } from './tokens.ts';
import type { Volunteer } from './volunteer.ts';
import { withPlacesTaken } from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';

/** Proposes a match: the volunteer is asked by email. Exactly one of two coordinators racing wins. */
export const proposeMatch = async (
  deps: MatchingDeps,
  actor: Actor,
  consentId: string,
  volunteerId: string,
): Promise<Match> => {
  const record = await matchableRecord(deps, actor, consentId);
  const openRequests = deps.requests
    ? (await deps.requests.ofRefugee(record.kommuneCode, consentId))
        .filter((r) => r.status === 'open')
        .map((r) => r.id)
    : [];
  const match = await retryOnVolunteerChange(async () => {
    const now = deps.now();
    const found = await deps.volunteers.get(volunteerId, now);
    // Another group's volunteer is proposed by their own group (after a request), never across
    // groups: to anyone else they are as missing as a volunteer who never was.
    const volunteer = found && seesVolunteer(actor, found) ? found : undefined;
    if (record.status !== 'waiting' || !record.person) throw new RefugeeNotWaitingError();
    const suggestion = volunteer && explainPair(refugeeProfile(record), volunteerProfile(volunteer, now));
    if (!volunteer || !suggestion) throw new VolunteerUnavailableError();
    const round = (record.matchRounds ?? 0) + 1;
    const match = newMatch({
      consentId,
      round,
      volunteerId,
      kommuneCode: record.kommuneCode,
      score: suggestion.score,
      reasons: suggestion.reasons,
      proposedBy: staffRef(actor),
      arrivalDate: record.person.expectedMovingDate,
      groupId: volunteer.groupId,
      now,
    });
    const after = withPlacesTaken(volunteer, +1, now);
    try {
      await deps.matches.write(
        {
          match: { after: match },
          consent: {
            id: consentId,
            kommuneCode: record.kommuneCode,
            from: 'waiting',
            to: 'proposed',
            matchId: match.id,
            round,
          },
          volunteer: { before: volunteer, after },
          counters: [
            { kommuneCode: record.kommuneCode, counter: 'waitingRefugees', delta: -1 },
            ...counterChanges(volunteer, after),
          ],
          emails: [matchEmail.proposal(match)],
          tasks: {
            open: [matchTasks.proposalUnanswered(match)],
            // Every group's open request for the refugee is answered by it (the refugee is held now).
            close: openRequests.map((id) => ({ kommuneCode: record.kommuneCode, id })),
          },
        },
        now,
      );
    } catch (error) {
      // The record moved on (another coordinator's proposal) or the match exists: the refugee is no longer waiting.
      if (error instanceof MatchWriteConflict && error.part !== 'volunteer')
        throw new RefugeeNotWaitingError();
      throw error;
    }
    return match;
  }).catch((error) => {
    // After the retries the volunteer still could not be taken: their last place went to someone else.
    if (error instanceof MatchWriteConflict) throw new VolunteerUnavailableError();
    throw error;
  });
  await audited(deps, actor, 'match', [record], ['proposed']);
  return match;
};

/** What the volunteer's link shows before they answer: the match, if the link is valid for it. */
export const openProposal = async (
  deps: AnswerDeps,
  matchId: string,
  token: unknown,
): Promise<{ match: Match; record: HandoverRecord } | undefined> => {
  if (!isTokenShaped(token)) return undefined;
  const now = deps.now();
  const volunteerId = await deps.tokens.peek(hashToken(token), 'match-answer', now, matchId);
  const match = volunteerId ? await deps.matches.get(matchId) : undefined;
  if (!match || match.volunteerId !== volunteerId || match.status !== 'proposed') return undefined;
  const record = await deps.records.get(match.consentId);
  return record?.person ? { match, record } : undefined;
};

/** Yes; no to this person; or not now: no to this person, and no new proposals until they say they are ready. */
export const proposalAnswers = ['accept', 'not-now', 'decline'] as const;
export type ProposalAnswer = (typeof proposalAnswers)[number];

export type AnswerResult = 'accepted' | 'declined' | 'not-now' | 'invalid-link' | 'no-longer-open';

/**
 * The volunteer's answer, from the emailed link (single use). Yes: the match is active, the
 * volunteer gets the refugee's contact details and the kommune learns who the friend is. No: the
 * refugee is back on the waiting list and the coordinator is told. Not now: the same, and the
 * volunteer is no longer ready for a new friend ("Min tilmelding" says how to be ready again).
 */
export const answerProposal = async (
  deps: AnswerDeps,
  matchId: string,
  token: unknown,
  answer: ProposalAnswer,
): Promise<AnswerResult> => {
  if (!isTokenShaped(token)) return 'invalid-link';
  const volunteerId = await deps.tokens.consume(hashToken(token), 'match-answer', deps.now(), matchId);
  if (!volunteerId) return 'invalid-link';
  return retryOnVolunteerChange(async () => {
    const now = deps.now();
    const match = await deps.matches.get(matchId);
    if (!match || match.volunteerId !== volunteerId) return 'invalid-link';
    if (match.status !== 'proposed') return 'no-longer-open';
    const consentBack = { id: match.consentId, kommuneCode: match.kommuneCode, matchId: match.id };
    try {
      if (answer === 'accept') {
        const record = await deps.records.get(match.consentId);
        await deps.matches.write(
          {
            match: { before: match, after: accept(match, now) },
            consent: { ...consentBack, from: 'proposed', to: 'matched' },
            volunteerStays: match.volunteerId,
            counters: [],
            emails: [
              matchEmail.contact(match),
              ...(record?.consent.shareWithKommune ? [matchEmail.kommune(match)] : []),
            ],
            figures: {
              kommuneCode: match.kommuneCode,
              month: monthOf(now),
              matchesMade: 1,
              daysToMatch: daysFromArrival(match, now),
            },
            tasks: { close: tasksMootFor(match) },
          },
          now,
        );
        return 'accepted';
      }
      const place = await releasePlace(deps, match, now, answer === 'not-now' ? 'not-ready' : undefined);
      await writeOrLeaveRecord(
        deps.matches,
        {
          match: { before: match, after: decline(match, now) },
          consent: { ...consentBack, from: 'proposed', to: 'waiting' },
          volunteer: place.volunteer,
          counters: [
            { kommuneCode: match.kommuneCode, counter: 'waitingRefugees', delta: 1 },
            ...place.counters,
          ],
          emails: [matchEmail.declined(match)],
          tasks: { close: tasksMootFor(match) },
        },
        now,
      );
      return answer === 'not-now' ? 'not-now' : 'declined';
    } catch (error) {
      if (error instanceof MatchWriteConflict && error.part !== 'volunteer') return 'no-longer-open';
      throw error;
    }
  });
};

/** The proposal page's facts: the open proposal and the volunteer it asks, if the link is valid. */
export const proposalForVolunteer = async (
  deps: AnswerDeps,
  matchId: string,
  token: unknown,
): Promise<{ match: Match; record: HandoverRecord; volunteer: Volunteer } | undefined> => {
  const opened = await openProposal(deps, matchId, token);
  const volunteer = opened && (await deps.volunteers.get(opened.match.volunteerId, deps.now()));
  return opened && volunteer ? { ...opened, volunteer } : undefined;
};

/** The language the volunteer of a match reads (Danish when the match or volunteer is gone). */
export const answerLanguage = async (deps: AnswerDeps, matchId: string): Promise<'da' | 'en'> => {
  const match = await deps.matches.get(matchId);
  const volunteer = match && (await deps.volunteers.get(match.volunteerId, deps.now()));
  return volunteer?.language ?? 'da';
};
