import { forEachConcurrently } from '../lib/concurrently.ts';
import { tasksMootFor } from './coordinator-task.ts';
import { lapse, matchEmail, proposalDue, reminded as remind } from './match.ts';
import {
  type MatchingDeps,
  MatchWriteConflict,
  releasePlace,
  retryOnVolunteerChange,
  writeOrLeaveRecord,
} from './matching.ts';

/** How one run over the open proposals went. */
export interface ProposalReport {
  readonly kommuner: number;
  readonly openProposals: number;
  readonly reminded: number;
  readonly lapsed: number;
}

/**
 * The proposals job: an unanswered proposal gets its one reminder after a few days and lapses
 * after a week (`proposalTimings`): the refugee is back on the waiting list at their place, the
 * volunteer's place is given back and the coordinator is told. Each step once: the match's version
 * and the emails' keys decide, so a second run the same day changes nothing.
 */
export const manageProposals = async (
  deps: Pick<MatchingDeps, 'matches' | 'volunteers' | 'now'>,
  kommuneCodes: readonly string[],
): Promise<ProposalReport> => {
  const now = deps.now();
  let openProposals = 0;
  let reminded = 0;
  let lapsed = 0;
  await forEachConcurrently(kommuneCodes, 8, async (code) => {
    const proposals = await deps.matches.listByKommune(code, 'proposed');
    openProposals += proposals.length;
    for (const proposal of proposals) {
      const due = proposalDue(proposal, now);
      try {
        if (due === 'remind') {
          await deps.matches.write(
            {
              match: { before: proposal, after: remind(proposal, now) },
              counters: [],
              emails: [matchEmail.proposalReminder(proposal)],
            },
            now,
          );
          reminded++;
        } else if (due === 'lapse') {
          await retryOnVolunteerChange(async () => {
            const match = (await deps.matches.get(proposal.id)) ?? proposal;
            if (match.status !== 'proposed') return;
            const place = await releasePlace(deps, match, now);
            await writeOrLeaveRecord(
              deps.matches,
              {
                match: { before: match, after: lapse(match, now) },
                consent: {
                  id: match.consentId,
                  kommuneCode: match.kommuneCode,
                  from: 'proposed',
                  to: 'waiting',
                  matchId: match.id,
                },
                volunteer: place.volunteer,
                counters: [
                  { kommuneCode: match.kommuneCode, counter: 'waitingRefugees', delta: 1 },
                  ...place.counters,
                ],
                emails: [matchEmail.lapsed(match)],
                tasks: { close: tasksMootFor(match) },
              },
              now,
            );
            lapsed++;
          });
        }
      } catch (error) {
        // Answered or changed meanwhile (a yes, a coordinator's cancel, another run): the next run decides again.
        if (!(error instanceof MatchWriteConflict)) throw error;
      }
    }
  });
  return { kommuner: kommuneCodes.length, openProposals, reminded, lapsed };
};
