import type * as z from 'zod';
import { textRuleMessages } from '../../shared/text-rules.ts';
import type { FieldError } from '../domain/errors.ts';

export type Lang = 'da' | 'en';

/** Labels of the sign-up fields, used in error messages and on the form. */
export const fieldLabels: Record<string, Record<Lang, string>> = {
  name: { da: 'Navn', en: 'Name' },
  email: { da: 'E-mail', en: 'Email' },
  phone: { da: 'Telefon', en: 'Phone' },
  kommuneCode: { da: 'Kommune', en: 'Municipality' },
  postalCode: { da: 'Postnummer', en: 'Postal code' },
  kind: { da: 'Ven eller venskabsfamilie', en: 'Friend or friend family' },
  adults: { da: 'Antal voksne', en: 'Number of adults' },
  children: { da: 'Antal børn', en: 'Number of children' },
  languages: { da: 'Sprog', en: 'Languages' },
  otherLanguages: { da: 'Andre sprog', en: 'Other languages' },
  gender: { da: 'Køn', en: 'Gender' },
  ageRange: { da: 'Alder', en: 'Age' },
  helpWith: { da: 'Hvad vil du gerne hjælpe med', en: 'What you would like to help with' },
  meetingFrequency: { da: 'Hvor ofte kan I mødes', en: 'How often you can meet' },
  capacity: { da: 'Antal personer eller familier', en: 'Number of people or families' },
  arrivalAlerts: {
    da: 'Besked, når flygtninge kommer til din kommune',
    en: 'Alerts when refugees arrive in your municipality',
  },
  organisation: { da: 'Organisation', en: 'Organisation' },
  organisationName: { da: 'Foreningens navn', en: 'Name of the association' },
  heardFrom: { da: 'Hvor hørte du om os', en: 'Where you heard about us' },
  group: { da: 'Lokal gruppe', en: 'Local group' },
  utmSource: { da: 'Kilde', en: 'Source' },
  utmCampaign: { da: 'Kampagne', en: 'Campaign' },
  language: { da: 'Sprog for e-mails', en: 'Language of emails' },
  consent: { da: 'Samtykke', en: 'Consent' },
  privacyNoticeVersion: { da: 'Privatlivserklæring', en: 'Privacy notice' },
  body: { da: 'Indhold', en: 'Content' },
};

/** Messages for the custom rules, by the code the schema puts in the issue. */
const customMessages: Record<string, Record<Lang, string>> = {
  phone: {
    da: 'Skriv et dansk telefonnummer med 8 cifre, eller et udenlandsk nummer, der begynder med +.',
    en: 'Enter a Danish phone number with 8 digits, or a foreign number starting with +.',
  },
  languages: {
    da: 'Vælg mindst ét sprog, eller skriv dem under „Taler du andre sprog?“.',
    en: 'Choose at least one language, or write them under “Do you speak other languages?”.',
  },
  organisationName: { da: 'Skriv navnet på foreningen.', en: 'Enter the name of the association.' },
  control: textRuleMessages.control,
  invisible: textRuleMessages.invisible,
};

/** When a required field is missing altogether. */
const requiredMessages: Record<string, Record<Lang, string>> = {
  name: { da: 'Skriv dit navn.', en: 'Enter your name.' },
  email: { da: 'Skriv din e-mailadresse.', en: 'Enter your email address.' },
  kommuneCode: { da: 'Vælg din kommune.', en: 'Choose your municipality.' },
  postalCode: { da: 'Skriv dit postnummer.', en: 'Enter your postal code.' },
  kind: {
    da: 'Vælg, om du vil være ven eller venskabsfamilie.',
    en: 'Choose whether you want to be a friend or a friend family.',
  },
  helpWith: {
    da: 'Vælg mindst én ting, du gerne vil hjælpe med.',
    en: 'Choose at least one thing you would like to help with.',
  },
  meetingFrequency: { da: 'Vælg, hvor ofte I kan mødes.', en: 'Choose how often you can meet.' },
  organisation: { da: 'Vælg din organisation, eller „Ingen“.', en: 'Choose your organisation, or “None”.' },
  consent: {
    da: 'Du skal give samtykke for at kunne blive tilmeldt.',
    en: 'You must consent to be signed up.',
  },
  language: { da: 'Vælg sprog.', en: 'Choose a language.' },
};

const specific: Record<string, Partial<Record<string, Record<Lang, string>>>> = {
  email: {
    invalid_format: {
      da: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
      en: 'Enter a valid email address, e.g. name@example.com.',
    },
  },
  postalCode: {
    invalid_format: {
      da: 'Skriv et dansk postnummer med 4 cifre.',
      en: 'Enter a Danish postal code with 4 digits.',
    },
  },
  kommuneCode: {
    invalid_value: { da: 'Vælg en kommune fra listen.', en: 'Choose a municipality from the list.' },
  },
  consent: {
    invalid_value: {
      da: 'Du skal give samtykke for at kunne blive tilmeldt.',
      en: 'You must consent to be signed up.',
    },
  },
  privacyNoticeVersion: {
    invalid_value: {
      da: 'Privatlivserklæringen er blevet opdateret. Læs den nye version og prøv igen.',
      en: 'The privacy notice has been updated. Read the new version and try again.',
    },
  },
  helpWith: {
    too_small: {
      da: 'Vælg mindst én ting, du gerne vil hjælpe med.',
      en: 'Choose at least one thing you would like to help with.',
    },
  },
};

type Texts = Record<string, Record<Lang, string>>;

/** The labels and messages of one form's fields. */
export interface FieldTexts {
  readonly labels: Texts;
  /** When a required field is missing altogether. */
  readonly required: Texts;
  /** Messages of custom rules, by the code the schema puts in the issue's message. */
  readonly custom: Texts;
  /** Messages for one field and one zod issue code. */
  readonly specific: Record<string, Partial<Record<string, Record<Lang, string>>>>;
}

export const volunteerFieldTexts: FieldTexts = {
  labels: fieldLabels,
  required: requiredMessages,
  custom: customMessages,
  specific,
};

const generic = (
  issue: z.core.$ZodIssue,
  field: string,
  lang: Lang,
  present: boolean,
  labels: Texts,
): string => {
  const name = labels[field]?.[lang] ?? field;
  const da = lang === 'da';
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? da
          ? `${name} må højst være ${issue.maximum} tegn.`
          : `${name} can be at most ${issue.maximum} characters.`
        : da
          ? `${name} må højst være ${issue.maximum}.`
          : `${name} can be at most ${issue.maximum}.`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1)
        return da ? `Skriv ${name.toLowerCase()}.` : `Enter ${name.toLowerCase()}.`;
      return da ? `${name} skal være mindst ${issue.minimum}.` : `${name} must be at least ${issue.minimum}.`;
    case 'invalid_value':
      return da
        ? `Vælg en gyldig værdi for ${name.toLowerCase()}.`
        : `Choose a valid value for ${name.toLowerCase()}.`;
    case 'unrecognized_keys':
      return da ? `Ukendt felt: ${issue.keys.join(', ')}.` : `Unknown field: ${issue.keys.join(', ')}.`;
    case 'invalid_type':
      if (!present) return da ? `Udfyld ${name.toLowerCase()}.` : `Fill in ${name.toLowerCase()}.`;
      // Say what to write, not what went wrong in the parser.
      if (issue.expected === 'number' || issue.expected === 'int')
        return da ? `Skriv ${name.toLowerCase()} som et tal.` : `Enter ${name.toLowerCase()} as a number.`;
      if (issue.expected === 'boolean')
        return da
          ? `Vælg ja eller nej for ${name.toLowerCase()}.`
          : `Choose yes or no for ${name.toLowerCase()}.`;
      return da
        ? `Ret ${name.toLowerCase()}: værdien kan ikke bruges.`
        : `Correct ${name.toLowerCase()}: the value cannot be used.`;
    default:
      return da ? `${name} er ikke gyldig.` : `${name} is not valid.`;
  }
};

/** Turns zod issues into one clear message per field, in Danish or English. */
export const toFieldErrors = (
  error: z.ZodError,
  input: unknown,
  lang: Lang = 'da',
  texts: FieldTexts = volunteerFieldTexts,
): FieldError[] => {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.code === 'unrecognized_keys' ? 'body' : String(issue.path[0] ?? 'body');
    if (byField.has(field)) continue;
    const value =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
    const present =
      value !== undefined &&
      !(typeof value === 'string' && value.trim() === '') &&
      !(Array.isArray(value) && value.length === 0);
    const message =
      (!present && texts.required[field]?.[lang]) ||
      (issue.code === 'custom' && texts.custom[issue.message]?.[lang]) ||
      texts.specific[field]?.[issue.code]?.[lang] ||
      generic(issue, field, lang, present, texts.labels);
    byField.set(field, message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
};
