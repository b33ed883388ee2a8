import {
  explainPair,
  type RefugeeProfile,
  type Suggestion,
  scorePair,
  type VolunteerProfile,
} from './match-scoring.ts';
import { maxWeightAssignment } from './optimal-assignment.ts';

export interface Plan {
  readonly pairs: readonly { readonly refugeeId: string; readonly suggestion: Suggestion }[];
  /** The sum of the pairs' scores: the largest any assignment within the hard rules and capacities reaches. */
  readonly total: number;
}

/**
 * The best overall assignment of waiting refugees to available volunteers: the largest total score
 * within the hard rules and every volunteer's places left. Refugees come longest wait first, which
 * only decides between equally good plans.
 */
export const optimalPlan = (
  refugees: readonly RefugeeProfile[],
  volunteers: readonly VolunteerProfile[],
): Plan => {
  const { assignment, total } = maxWeightAssignment(
    refugees.length,
    volunteers.map((v) => (v.matchable ? v.spare : 0)),
    (row, column) => scorePair(refugees[row] as RefugeeProfile, volunteers[column] as VolunteerProfile),
  );
  const pairs = assignment.flatMap((column, row) => {
    const refugee = refugees[row] as RefugeeProfile;
    const suggestion =
      column === undefined ? undefined : explainPair(refugee, volunteers[column] as VolunteerProfile);
    return suggestion ? [{ refugeeId: refugee.id, suggestion }] : [];
  });
  return { pairs, total };
};
