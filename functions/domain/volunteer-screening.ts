import type { ScreeningInput } from '../../shared/matching-contract.ts';
import { copenhagenDate } from './danish-time.ts';
import { ValidationError } from './errors.ts';
import type { Actor } from './handover.ts';
import { coordinates, type MatchingDeps, VolunteerNotFoundError } from './matching.ts';
import { seesVolunteer } from './organisations.ts';
import type { Volunteer } from './volunteer.ts';
import type { Screening } from './volunteer-readiness.ts';
import type { VolunteerStore } from './volunteer-store.ts';

/**
 * Recording a volunteer's readiness: the coordinator of their kommune records the introduction,
 * the declaration on paper, a course and the børneattest's dates and assessment; the volunteer
 * accepts the confidentiality declaration on "Min tilmelding".
 */

export interface ScreeningDeps {
  readonly volunteers: Pick<MatchingDeps['volunteers'], 'get'> & Pick<VolunteerStore, 'save'>;
  readonly now: () => Date;
}

/** The screening as changed by a coordinator's form: a filled field sets, an empty one keeps. */
export const withScreening = (v: Volunteer, input: ScreeningInput, by: string, now: Date): Volunteer => {
  const today = copenhagenDate(now);
  const future = (
    ['introductionOn', 'courseOn', 'certificateRequestedOn', 'certificateDecidedOn'] as const
  ).filter((field) => (input[field] ?? '') > today);
  if (future.length > 0)
    throw new ValidationError(
      future.map((field) => ({ field, message: 'Datoen kan ikke ligge efter i dag.' })),
    );
  const s = v.screening ?? {};
  const c = s.childCertificate ?? {};
  const screening: Screening = {
    ...s,
    ...(input.introductionOn
      ? {
          introduction: {
            on: input.introductionOn,
            by: s.introduction?.on === input.introductionOn ? s.introduction.by : by,
          },
        }
      : {}),
    ...(input.confidentiality && !s.confidentiality
      ? { confidentiality: { at: now.toISOString(), by } }
      : {}),
    ...(input.courseOn ? { course: { on: input.courseOn } } : {}),
    ...(input.certificateRequestedOn || input.certificateDecidedOn || input.assessment
      ? {
          childCertificate: {
            ...c,
            ...(input.certificateRequestedOn ? { requestedOn: input.certificateRequestedOn } : {}),
            ...(input.certificateDecidedOn ? { decidedOn: input.certificateDecidedOn } : {}),
            ...(input.assessment ? { assessment: input.assessment } : {}),
          },
        }
      : {}),
  };
  return { ...v, screening, updatedAt: now.toISOString() };
};

/** A confirmed volunteer of a kommune the actor coordinates; not found otherwise. */
export const volunteerForScreening = async (deps: ScreeningDeps, actor: Actor, volunteerId: string) => {
  const found = /^[\w-]{32}$/.test(volunteerId)
    ? await deps.volunteers.get(volunteerId, deps.now())
    : undefined;
  if (found?.status !== 'confirmed' || !coordinates(actor, found.kommuneCode) || !seesVolunteer(actor, found))
    throw new VolunteerNotFoundError();
  return found;
};

export const recordScreening = async (
  deps: ScreeningDeps,
  actor: Actor,
  volunteerId: string,
  input: ScreeningInput,
): Promise<Volunteer> => {
  const now = deps.now();
  const before = await volunteerForScreening(deps, actor, volunteerId);
  const after = withScreening(before, input, actor.name, now);
  await deps.volunteers.save(before, after);
  return after;
};

/** The volunteer accepts the confidentiality declaration themselves (once; again changes nothing). */
export const acceptDeclaration = (v: Volunteer, now: Date): Volunteer =>
  v.screening?.confidentiality
    ? v
    : {
        ...v,
        screening: { ...v.screening, confidentiality: { at: now.toISOString(), by: 'volunteer' } },
        updatedAt: now.toISOString(),
      };
