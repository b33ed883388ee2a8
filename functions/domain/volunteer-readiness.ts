import { type ReadinessRules, readinessRules } from '../../shared/volunteer-readiness.ts';
import type { Missing } from './screening.ts';
import type { Volunteer } from './volunteer.ts';

/**
 * Is a volunteer ready for a first match, and for this household? The rules per organisation
 * are in `shared/volunteer-readiness.ts`; what was done is the volunteer's `screening`.
 */

export type { CertificateAssessment, Missing, Screening } from './screening.ts';

export const rulesFor = (v: Pick<Volunteer, 'organisation'>): ReadinessRules =>
  readinessRules[v.organisation] ?? readinessRules.none;

const addMonths = (date: string, months: number): string => {
  const d = new Date(`${date}T12:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, 12));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
};

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day an approved børneattest counts (undefined when none is approved). */
export const certificateValidUntil = (
  v: Pick<Volunteer, 'organisation' | 'screening'>,
): string | undefined => {
  const c = v.screening?.childCertificate;
  if (c?.assessment !== 'approved' || !c.decidedOn) return undefined;
  return addDays(addMonths(c.decidedOn, rulesFor(v).childCertificate.renewAfterMonths), -1);
};

/** The day the coordinator is to be reminded to renew the børneattest. */
export const certificateRenewalDue = (
  v: Pick<Volunteer, 'organisation' | 'screening'>,
): string | undefined => {
  const until = certificateValidUntil(v);
  return until ? addDays(until, -rulesFor(v).childCertificate.remindDaysBefore + 1) : undefined;
};

/** Whether a household includes a child the børneattest rule protects. */
export const hasYoungChildren = (childrenAges: readonly number[], rules = readinessRules.none): boolean =>
  childrenAges.some((age) => age < rules.childCertificate.childrenUnder);

/** Whether this volunteer needs a børneattest for a household (with young children or not). */
export const needsChildCertificate = (
  v: Pick<Volunteer, 'organisation' | 'kind'>,
  householdHasYoungChildren: boolean,
): boolean =>
  householdHasYoungChildren || (rulesFor(v).childCertificate.alwaysForFamilies && v.kind === 'family');

/**
 * What is missing before a first match (not counting the børneattest, which every household with
 * young children needs): a volunteer who has been proposed before, or has a friend now (one who
 * signed up before readiness was recorded), was introduced then.
 */
export const missingBeforeMatch = (
  v: Pick<Volunteer, 'organisation' | 'screening'> &
    Partial<Pick<Volunteer, 'firstProposedAt' | 'activeMatches'>>,
): Missing[] => {
  if (v.firstProposedAt || (v.activeMatches ?? 0) > 0) return [];
  const rules = rulesFor(v);
  const s = v.screening ?? {};
  const missing: Missing[] = [];
  if (rules.introduction === 'required' && !s.introduction) missing.push('introduction');
  if (rules.confidentiality === 'required' && !s.confidentiality) missing.push('confidentiality');
  if (rules.course === 'required' && !s.course) missing.push('course');
  return missing;
};

/** The børneattest's state on a day: valid, expired, or none approved. */
export const certificateState = (
  v: Pick<Volunteer, 'organisation' | 'screening'>,
  today: string,
): 'valid' | 'expired' | 'none' => {
  const until = certificateValidUntil(v);
  if (!until) return 'none';
  return until >= today ? 'valid' : 'expired';
};

/** What is missing for this volunteer to be offered to a household (empty: ready). */
export const missingFor = (
  v: Pick<Volunteer, 'organisation' | 'screening' | 'kind'> &
    Partial<Pick<Volunteer, 'firstProposedAt' | 'activeMatches'>>,
  householdHasYoungChildren: boolean,
  today: string,
): Missing[] => {
  const missing = missingBeforeMatch(v);
  if (needsChildCertificate(v, householdHasYoungChildren)) {
    const state = certificateState(v, today);
    if (state === 'none') missing.push('child-certificate');
    if (state === 'expired') missing.push('child-certificate-expired');
  }
  return missing;
};
