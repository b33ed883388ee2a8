import type { FormValues } from './form-fields.tsx';
import { integer, list, text } from './form-values.ts';

/** The volunteer's details from a form post, shaped like the JSON API's body (the same schema validates both). */
export const detailsFromForm = (values: FormValues) => ({
  name: text(values.name),
  phone: text(values.phone),
  kommuneCode: text(values.kommuneCode),
  postalCode: text(values.postalCode),
  kind: text(values.kind),
  adults: text(values.kind) === 'family' ? integer(values.adults) : undefined,
  children: text(values.kind) === 'family' ? integer(values.children) : undefined,
  languages: list(values.languages),
  otherLanguages: text(values.otherLanguages),
  gender: text(values.gender),
  ageRange: text(values.ageRange),
  helpWith: list(values.helpWith),
  meetingFrequency: text(values.meetingFrequency),
  capacity: integer(values.capacity) ?? 1,
  // Yes unless they said no: the question starts unanswered.
  arrivalAlerts: text(values.arrivalAlerts) !== 'no',
  organisation: text(values.organisation),
  organisationName:
    text(values.organisation) === 'other-association' ? text(values.organisationName) : undefined,
  language: text(values.language),
});

export const signupFromForm = (values: FormValues) => ({
  ...detailsFromForm(values),
  email: text(values.email),
  heardFrom: text(values.heardFrom),
  group: text(values.group),
  utmSource: text(values.utmSource),
  utmCampaign: text(values.utmCampaign),
  consent: text(values.consent) === 'true' ? true : undefined,
  privacyNoticeVersion: text(values.privacyNoticeVersion),
});

/** Removes keys whose value is undefined (a strict schema would otherwise see them as present). */
export const compact = <T extends Record<string, unknown>>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
