import type { organisations } from './volunteer-contract.ts';

/**
 * What a volunteer must have done before a first match, per organisation: the one place that
 * says it. Suggestions and the kommune plan never offer a volunteer who is not ready for the
 * household; the coordinator's volunteer page and "Min tilmelding" show what is missing.
 *
 * A børneattest (child-protection certificate) is needed whenever the volunteer would be in
 * regular contact with children under `childrenUnder`: a friend family (when
 * `alwaysForFamilies`), or anyone matched with a household with such children. Only the request
 * and decision dates and the assessment are recorded, never the certificate itself.
 */

export type Organisation = (typeof organisations)[number];

export type Requirement = 'required' | 'optional';

export interface ReadinessRules {
  /** An introduction conversation with a coordinator (date and by whom). */
  readonly introduction: Requirement;
  /** The confidentiality declaration accepted (by the volunteer on "Min tilmelding", or on paper). */
  readonly confidentiality: Requirement;
  /** A course attended (optional for every organisation today). */
  readonly course: Requirement;
  readonly childCertificate: {
    readonly childrenUnder: number;
    readonly alwaysForFamilies: boolean;
    /** An approved certificate is renewed this many months after it was approved … */
    readonly renewAfterMonths: number;
    /** … and the coordinator is reminded this many days before. */
    readonly remindDaysBefore: number;
  };
}

const programme: ReadinessRules = {
  introduction: 'required',
  confidentiality: 'required',
  course: 'optional',
  childCertificate: {
    childrenUnder: 15,
    alwaysForFamilies: true,
    renewAfterMonths: 24,
    remindDaysBefore: 30,
  },
};

export const readinessRules: Record<Organisation, ReadinessRules> = {
  'red-cross': programme,
  'danish-refugee-council': programme,
  'other-association': programme,
  // Volunteers of no organisation are introduced by the programme, under its rules.
  none: programme,
};
