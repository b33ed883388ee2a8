import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type {
  consentMethods,
  HandoverStatus,
  households,
  languageLevels,
  NoticeLanguage,
  refugeeGenders,
  volunteerGenderPreferences,
} from '../../shared/handover-contract.ts';
import { lazy } from '../../shared/lazy.ts';
import { textRuleMessages } from '../../shared/text-rules.ts';
import type { PersonDetails } from '../domain/handover.ts';
import { kommuneNameOf } from '../domain/reference-kommuner.ts';
import type { FieldTexts } from './field-errors.ts';
import { countOf, pluralWord } from './plural.ts';
import { helpLabels, languageLabels } from './volunteer-texts.ts';

/** Staff pages are in Danish only; the field-error machinery wants both languages, so both say the same. */
const da = (text: string) => ({ da: text, en: text });

type Labels<T extends readonly string[]> = Record<T[number], string>;

export const consentMethodLabels: Labels<typeof consentMethods> = {
  'signed-form': 'Underskrevet samtykkeerklæring på papir',
  oral: 'Mundtligt samtykke',
};

export const languageLevelLabels: Labels<typeof languageLevels> = {
  none: 'Ingen',
  basic: 'Lidt',
  good: 'Godt',
  fluent: 'Flydende',
};

export const householdLabels: Labels<typeof households> = {
  alone: 'Alene',
  family: 'Familie',
};

export const refugeeGenderLabels: Labels<typeof refugeeGenders> = {
  woman: 'Kvinde',
  man: 'Mand',
  other: 'Andet',
};

export const genderPreferenceLabels: Labels<typeof volunteerGenderPreferences> = {
  any: 'Ingen præference',
  woman: 'En kvinde',
  man: 'En mand',
};

export const statusLabels: Record<HandoverStatus, string> = {
  waiting: 'Venter på en ven',
  proposed: 'En ven er spurgt',
  matched: 'Har fået en ven',
  ended: 'Forløbet er afsluttet',
  withdrawn: 'Samtykket er trukket tilbage',
};

export const withdrawalViaLabels = {
  'in-person': 'Personligt',
  phone: 'Telefon',
  email: 'E-mail',
  letter: 'Brev',
  other: 'Andet',
} as const;

export const handoverFieldTexts: FieldTexts = {
  labels: {
    submissionKey: da('Indsendelsesnøgle'),
    centreId: da('Asylcenter'),
    interviewDate: da('Dato for samtalen'),
    wantsContact: da('Ønsker kontakt med frivillige'),
    receivingKommune: da('Modtagende kommune'),
    noticeVersion: da('Informationstekst'),
    noticeLanguage: da('Sprog for informationen'),
    interpreterUsed: da('Tolk'),
    consentMethod: da('Hvordan samtykket blev givet'),
    shareWithVolunteers: da('Deling med frivillige'),
    shareWithKommune: da('Deling med kommunen'),
    name: da('Navn'),
    phone: da('Telefon'),
    email: da('E-mail'),
    birthYear: da('Fødselsår'),
    age: da('Alder'),
    gender: da('Køn'),
    nationality: da('Nationalitet'),
    languages: da('Sprog'),
    otherLanguages: da('Andre sprog'),
    danishLevel: da('Dansk'),
    englishLevel: da('Engelsk'),
    household: da('Husstand'),
    adults: da('Antal voksne'),
    childrenAges: da('Børnenes alder'),
    expectedMovingDate: da('Forventet flyttedato'),
    newAddress: da('Ny adresse'),
    kommuneCaseworkerName: da('Kommunens sagsbehandler'),
    kommuneCaseworkerEmail: da('Sagsbehandlerens e-mail'),
    kommuneCaseworkerPhone: da('Sagsbehandlerens telefon'),
    helpWith: da('Ønsker hjælp til'),
    preferredVolunteerGender: da('Ønske til venens køn'),
    note: da('Kort note'),
    version: da('Version'),
    requestedVia: da('Hvordan blev der bedt om det'),
    body: da('Indhold'),
  },
  required: {
    centreId: da('Vælg asylcenter.'),
    interviewDate: da('Skriv datoen for samtalen.'),
    wantsContact: da('Vælg, om flygtningen ønsker kontakt med frivillige.'),
    receivingKommune: da('Vælg den kommune, flygtningen flytter til.'),
    noticeVersion: da('Vælg den informationstekst, der blev gennemgået.'),
    noticeLanguage: da('Vælg sproget, informationen blev givet på.'),
    interpreterUsed: da('Vælg, om der var tolk.'),
    consentMethod: da('Vælg, hvordan samtykket blev givet.'),
    name: da('Skriv flygtningens navn.'),
    phone: da('Skriv flygtningens telefonnummer.'),
    nationality: da('Skriv nationalitet.'),
    danishLevel: da('Vælg niveau i dansk.'),
    englishLevel: da('Vælg niveau i engelsk.'),
    household: da('Vælg, om flygtningen bor alene eller med familie.'),
    expectedMovingDate: da('Skriv den forventede flyttedato.'),
    submissionKey: da('Formularen mangler sin indsendelsesnøgle. Genindlæs siden, og prøv igen.'),
    requestedVia: da('Vælg, hvordan flygtningen bad om det.'),
  },
  custom: {
    cpr: da(textRuleMessages.cpr.da),
    control: da(textRuleMessages.control.da),
    invisible: da(textRuleMessages.invisible.da),
    phone: da('Skriv et dansk telefonnummer med 8 cifre, eller et udenlandsk nummer, der begynder med +.'),
    birthYearOrAge: da('Skriv fødselsår eller alder.'),
    refugeeLanguages: da('Vælg mindst ét sprog, eller skriv det under „Andre sprog“.'),
    adults: da('Skriv, hvor mange voksne der er i familien.'),
    scopes: da('Vælg mindst én: deling med frivillige eller med kommunen. Ellers er der ikke samtykke.'),
    kommuneEmail: da('Skriv e-mail på kommunens sagsbehandler, så kommunen kan få oplysningerne.'),
    kommuneName: da('Skriv navnet på kommunens sagsbehandler.'),
    childrenAges: da('Skriv børnenes alder som tal adskilt af komma, fx 3, 7, 12.'),
  },
  specific: {
    interviewDate: { invalid_format: da('Skriv datoen som åååå-mm-dd.') },
    expectedMovingDate: { invalid_format: da('Skriv datoen som åååå-mm-dd.') },
    email: { invalid_format: da('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.') },
    kommuneCaseworkerEmail: { invalid_format: da('Skriv en gyldig e-mailadresse, fx navn@kommune.dk.') },
    receivingKommune: { invalid_value: da('Vælg en kommune fra listen.') },
    centreId: { invalid_value: da('Vælg et asylcenter fra listen.') },
    submissionKey: { invalid_format: da('Formularen er forældet. Genindlæs siden, og prøv igen.') },
    childrenAges: {
      invalid_type: da('Skriv børnenes alder som tal adskilt af komma, fx 3, 7, 12.'),
      too_big: da('Børnenes alder skal være 0-17 år, og der kan højst være 12 børn.'),
    },
  },
};

/** The Danish labels of a two-language label table, computed once. */
const danishOf = <T extends string>(labels: Record<T, { da: string }>): Record<T, string> =>
  Object.fromEntries(Object.entries<{ da: string }>(labels).map(([key, value]) => [key, value.da])) as Record<
    T,
    string
  >;

export const languageNames = danishOf(languageLabels);

/** The languages of the refugees' notice, in Danish (the form's and the record's). */
export const noticeLanguageNames: Record<NoticeLanguage, string> = {
  danish: 'Dansk',
  english: 'Engelsk',
  arabic: 'Arabisk',
  persian: 'Dari/farsi',
  tigrinya: 'Tigrinya',
  ukrainian: 'Ukrainsk',
  somali: 'Somali',
  kurmanji: 'Kurdisk (kurmanji)',
};
export const helpNames = danishOf(helpLabels);

export { kommuneNameOf };

const longDate = lazy(
  () => new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }),
);
const shortDateTime = lazy(
  () =>
    new Intl.DateTimeFormat('da-DK', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Copenhagen',
    }),
);

/** "1. december 2026", in Copenhagen time. */
export const danishDate = (iso: string): string => longDate().format(new Date(iso));
/** "18. november 2026 kl. 14.05", in Copenhagen time: the same long date as `danishDate`. */
export const danishDateTime = (iso: string): string => shortDateTime().format(new Date(iso));

/**
 * A stored phone number (E.164) as people write it: Danish numbers in pairs ("31 22 33 44"),
 * others with their country code ("+46 70 123 45 67"), by libphonenumber-js.
 */
export const phoneText = (e164: string): string => {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'DK' ? parsed.formatNational() : parsed.formatInternational();
};

/** The refugee's languages, chosen and written in, as one line. */
export const languagesText = (p: PersonDetails): string =>
  // Danish writes language names in lower case ("arabisk, engelsk"); what was typed stays as typed.
  [
    ...p.languages.map((l) => languageNames[l].toLowerCase()),
    ...(p.otherLanguages ? [p.otherLanguages] : []),
  ].join(', ');

export const languageLevelsText = (p: PersonDetails): string =>
  `${languageLevelLabels[p.danishLevel]} / ${languageLevelLabels[p.englishLevel]}`;

export const householdText = (p: PersonDetails): string =>
  p.household === 'family'
    ? `Familie: ${p.adults === undefined ? 'voksne' : countOf(p.adults, 'voksen', 'voksne')}${p.childrenAges.length ? `, ${pluralWord(p.childrenAges.length, 'et barn', 'børn')} på ${p.childrenAges.join(', ')} år` : ''}`
    : householdLabels.alone;
