import type { FormValues } from './form-fields.tsx';
import { integer, list, text } from './form-values.ts';

const yesNo = (value: string | string[] | undefined): boolean | string | undefined => {
  const raw = text(value);
  return raw === 'yes' ? true : raw === 'no' ? false : raw;
};

/** "3, 7, 12" → [3, 7, 12]; anything else stays text so validation names the field. */
const ages = (value: string | string[] | undefined): number[] | string => {
  const raw = text(value);
  if (!raw) return [];
  const parts = raw.split(/[,;\s]+/).filter(Boolean);
  return parts.every((part) => /^\d{1,2}$/.test(part)) ? parts.map(Number) : raw;
};

/** The refugee's details from a form post, shaped like the JSON API's body. */
export const refugeeDetailsFromForm = (values: FormValues) => {
  const household = text(values.household);
  return {
    name: text(values.name),
    phone: text(values.phone),
    email: text(values.email),
    birthYear: integer(values.birthYear),
    age: integer(values.age),
    gender: text(values.gender),
    nationality: text(values.nationality),
    languages: list(values.languages),
    otherLanguages: text(values.otherLanguages),
    danishLevel: text(values.danishLevel),
    englishLevel: text(values.englishLevel),
    household,
    adults: household === 'family' ? integer(values.adults) : undefined,
    childrenAges: household === 'family' ? ages(values.childrenAges) : [],
    receivingKommune: text(values.receivingKommune),
    expectedMovingDate: text(values.expectedMovingDate),
    newAddress: text(values.newAddress),
    kommuneCaseworkerName: text(values.kommuneCaseworkerName),
    kommuneCaseworkerEmail: text(values.kommuneCaseworkerEmail),
    kommuneCaseworkerPhone: text(values.kommuneCaseworkerPhone),
    helpWith: list(values.helpWith),
    preferredVolunteerGender: text(values.preferredVolunteerGender) ?? 'any',
    note: text(values.note),
  };
};

/**
 * A handover from a form post, shaped like the JSON API's body. For a refugee who said no, only
 * the interview fields go on: whatever else was typed is dropped here and never stored.
 */
export const handoverFromForm = (values: FormValues) => {
  const interview = {
    submissionKey: text(values.submissionKey),
    centreId: text(values.centreId),
    interviewDate: text(values.interviewDate),
    receivingKommune: text(values.receivingKommune),
    wantsContact: yesNo(values.wantsContact),
  };
  if (interview.wantsContact !== true) return interview;
  return {
    ...interview,
    noticeVersion: text(values.noticeVersion),
    noticeLanguage: text(values.noticeLanguage),
    interpreterUsed: yesNo(values.interpreterUsed),
    consentMethod: text(values.consentMethod),
    shareWithVolunteers: text(values.shareWithVolunteers) === 'yes',
    shareWithKommune: text(values.shareWithKommune) === 'yes',
    ...refugeeDetailsFromForm(values),
  };
};

/** A stored record's details as form values, for the correction form. */
export const formValuesOf = (details: Record<string, unknown>): FormValues =>
  Object.fromEntries(
    Object.entries(details).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? name === 'childrenAges'
          ? value.join(', ')
          : value.map(String)
        : value === undefined
          ? undefined
          : String(value),
    ]),
  );
