import { bestFitGroup, type GroupOffer, groupOfferLabels } from '../../shared/organisations-contract.ts';
import { pathOf } from '../../shared/routes.ts';
import {
  ageRanges,
  genders,
  heardFromOptions,
  helpOptions,
  languageOptions,
  limits,
  meetingFrequencies,
  organisations,
  privacyNoticeVersion,
  volunteerKinds,
} from '../../shared/volunteer-contract.ts';
import type { FieldError } from '../domain/errors.ts';
import type { Kommune } from '../domain/kommune.ts';
import { fieldLabels, type Lang } from './field-errors.ts';
import { ChoiceField, ErrorSummary, type FormValues, SelectField, TextField } from './form-fields.tsx';
import { withLang } from './lang-path.ts';
import { Layout } from './layout.tsx';
import { noticePath } from './privacy-page.tsx';
import {
  ageRangeLabels,
  frequencyLabels,
  genderLabels,
  heardFromLabels,
  helpLabels,
  kindLabels,
  languageLabels,
  organisationLabels,
} from './volunteer-texts.ts';

export const signupPath = pathOf('volunteer-signup', 'form');

const options = <T extends string>(
  values: readonly T[],
  labels: Record<T, Record<Lang, string>>,
  lang: Lang,
) => values.map((value) => ({ value, label: labels[value][lang] }));

const t = {
  da: {
    title: 'Bliv frivillig ven',
    lead: 'Meld dig som ven eller venskabsfamilie for en flygtning, der flytter til din kommune. Vi anbefaler, at I ses mindst hver anden uge i et halvt år.',
    optional: 'valgfrit',
    chooseKommune: 'Vælg kommune',
    choose: 'Vælg',
    aboutYou: 'Om dig',
    whatYouOffer: 'Hvad du kan tilbyde',
    phoneHint: 'Danske numre kan skrives med eller uden +45.',
    yourFamily: 'Jeres familie',
    theRest: 'Det sidste',
    organisationNameHint: 'Kun hvis du har valgt „En anden forening“.',
    step1: 'Trin 1 af 2: Om dig, og hvad du kan tilbyde',
    step2: 'Trin 2 af 2: De sidste spørgsmål',
    step1Note:
      'Vi gemmer ikke noget endnu. Dine svar bliver først gemt, når du trykker „Meld mig som frivillig ven“ på næste side.',
    next: 'Fortsæt til sidste trin',
    back: 'Tilbage og ret',
    summary: (kind: string, kommune: string, email: string) =>
      `Du melder dig som ${kind} i ${kommune}. Vi skriver til ${email}.`,
    friendWord: { friend: 'ven', family: 'venskabsfamilie' } as Record<string, string>,
    stored:
      'Når du trykker på knappen, gemmer vi din tilmelding og sender dig en e-mail. Bekræfter du ikke inden for 30 dage, sletter vi den igen.',
    capacityHint: 'Hvor mange flygtninge eller familier du kan være ven for på én gang.',
    arrivalAlertsHint:
      'Højst én e-mail om ugen: hvor mange der er kommet og venter på en ven. Ingen oplysninger om dem.',
    yes: 'Ja',
    no: 'Nej',
    otherLanguagesHint: 'Fx tyrkisk eller polsk.',
    consent:
      'Jeg giver samtykke til, at Røde Kors og Dansk Flygtningehjælp behandler mine oplysninger for at finde en flygtning, jeg kan være ven for.',
    privacy: 'Læs privatlivserklæringen',
    submit: 'Meld mig som frivillig ven',
    honeypot: 'Lad dette felt være tomt',
    emailLanguage: 'Vi skriver til dig på dansk.',
    tooMany: 'Du har sendt mange tilmeldinger på kort tid. Vent lidt, og prøv igen.',
  },
  en: {
    title: 'Become a volunteer friend',
    lead: 'Sign up as a friend or friend family for a refugee who moves to your municipality. We recommend meeting at least every other week for six months.',
    optional: 'optional',
    chooseKommune: 'Choose municipality',
    choose: 'Choose',
    aboutYou: 'About you',
    whatYouOffer: 'What you can offer',
    phoneHint: 'Danish numbers can be written with or without +45.',
    yourFamily: 'Your family',
    theRest: 'The last questions',
    organisationNameHint: 'Only if you chose “Another association”.',
    step1: 'Step 1 of 2: About you, and what you can offer',
    step2: 'Step 2 of 2: The last questions',
    step1Note:
      'Nothing is stored yet. Your answers are stored only when you press “Sign me up as a volunteer friend” on the next page.',
    next: 'Continue to the last step',
    back: 'Back to correct',
    summary: (kind: string, kommune: string, email: string) =>
      `You sign up as a ${kind} in ${kommune}. We will write to ${email}.`,
    friendWord: { friend: 'friend', family: 'friend family' } as Record<string, string>,
    stored:
      'When you press the button, we store your sign-up and send you an email. If you do not confirm within 30 days, we delete it again.',
    capacityHint: 'How many refugees or families you can be a friend for at the same time.',
    arrivalAlertsHint:
      'At most one email a week: how many have arrived and wait for a friend. Nothing about them.',
    yes: 'Yes',
    no: 'No',
    otherLanguagesHint: 'E.g. Turkish or Polish.',
    consent:
      'I consent to the Red Cross and the Danish Refugee Council processing my details to find a refugee I can be a friend for.',
    privacy: 'Read the privacy notice',
    submit: 'Sign me up as a volunteer friend',
    honeypot: 'Leave this field empty',
    emailLanguage: 'We will write to you in English.',
    tooMany: 'You have sent many sign-ups in a short time. Please wait a little and try again.',
  },
};

/** The form's questions, as questions (the error messages name the fields by `fieldLabels`). */
const questions: Record<string, Record<Lang, string>> = {
  name: { da: 'Hvad hedder du?', en: 'What is your name?' },
  email: { da: 'Hvad er din e-mailadresse?', en: 'What is your email address?' },
  phone: { da: 'Hvad er dit telefonnummer?', en: 'What is your phone number?' },
  kommuneCode: { da: 'Hvilken kommune bor du i?', en: 'Which municipality do you live in?' },
  postalCode: { da: 'Hvad er dit postnummer?', en: 'What is your postal code?' },
  kind: {
    da: 'Vil du være ven, eller er I en venskabsfamilie?',
    en: 'Would you like to be a friend, or are you a friend family?',
  },
  adults: { da: 'Hvor mange voksne er I?', en: 'How many adults are you?' },
  children: { da: 'Hvor mange børn er I?', en: 'How many children are you?' },
  languages: { da: 'Hvilke sprog taler du?', en: 'Which languages do you speak?' },
  otherLanguages: { da: 'Taler du andre sprog?', en: 'Do you speak other languages?' },
  gender: { da: 'Hvad er dit køn?', en: 'What is your gender?' },
  ageRange: { da: 'Hvor gammel er du?', en: 'How old are you?' },
  helpWith: { da: 'Hvad vil du gerne hjælpe med?', en: 'What would you like to help with?' },
  meetingFrequency: { da: 'Hvor ofte kan I mødes?', en: 'How often can you meet?' },
  capacity: {
    da: 'Hvor mange personer eller familier kan du være ven for ad gangen?',
    en: 'How many people or families can you be a friend for at a time?',
  },
  arrivalAlerts: {
    da: 'Vil du have besked, når flygtninge kommer til din kommune?',
    en: 'Would you like a message when refugees arrive in your municipality?',
  },
  organisation: {
    da: 'Er du frivillig i en organisation?',
    en: 'Do you volunteer with an organisation?',
  },
  organisationName: { da: 'Hvad hedder foreningen?', en: 'What is the name of the association?' },
  heardFrom: { da: 'Hvor hørte du om Venner?', en: 'Where did you hear about Venner?' },
  group: {
    da: 'Hvilken lokal gruppe vil du være frivillig i?',
    en: 'Which local group would you like to volunteer with?',
  },
};

/** A field's label on the form: its question, else its name. */
const questionOf = (name: string, lang: Lang) => questions[name]?.[lang] ?? fieldLabels[name]?.[lang] ?? name;

/** The questions that decide a match come first (step 1); the rest after (step 2). */
export const matchQuestions = [
  'name',
  'email',
  'phone',
  'kommuneCode',
  'postalCode',
  'kind',
  'languages',
  'otherLanguages',
  'helpWith',
  'meetingFrequency',
] as const;
export const moreQuestions = [
  'adults',
  'children',
  'capacity',
  'gender',
  'ageRange',
  'arrivalAlerts',
  'organisation',
  'organisationName',
  'group',
  'heardFrom',
  'consent',
] as const;

/** The form's order: the error summary lists errors in it, so the first error is the first field. */
export const formOrder: readonly string[] = [...matchQuestions, ...moreQuestions];
export const inFormOrder = <E extends { field: string }>(errors: readonly E[]): E[] =>
  [...errors].sort((a, b) => rank(a.field) - rank(b.field));
const rank = (field: string) => {
  const i = formOrder.indexOf(field);
  return i === -1 ? formOrder.length : i;
};

type Part = 'match' | 'more' | 'all';

/**
 * The volunteer's details: the sign-up shows them in two steps ("match", then "more"), "Min
 * tilmelding" all at once ("all"). A friend family's questions are asked only of a family.
 */
export const VolunteerFields = ({
  lang,
  kommuner,
  values,
  errors,
  withEmail = false,
  part = 'all',
}: {
  lang: Lang;
  kommuner: readonly Kommune[];
  values: FormValues;
  errors: readonly FieldError[];
  withEmail?: boolean;
  part?: Part;
}) => {
  const text = t[lang];
  const label = (name: string) => questionOf(name, lang);
  const common = { errors, values };
  const kommuneOptions = [...kommuner]
    .sort((a, b) => a.name.localeCompare(b.name, 'da'))
    .map((k) => ({ value: k.code, label: k.name }));
  const family = values.kind === 'family';
  const match = (
    <>
      <h2>{text.aboutYou}</h2>
      <TextField
        {...common}
        name="name"
        label={label('name')}
        autocomplete="name"
        maxLength={limits.name}
        required
      />
      {withEmail ? (
        <TextField
          {...common}
          name="email"
          label={label('email')}
          type="email"
          autocomplete="email"
          maxLength={limits.email}
          hint={text.emailLanguage}
          required
        />
      ) : null}
      <TextField
        {...common}
        name="phone"
        label={label('phone')}
        type="tel"
        autocomplete="tel"
        optional={text.optional}
        hint={text.phoneHint}
        maxLength={30}
      />
      <SelectField
        {...common}
        name="kommuneCode"
        label={label('kommuneCode')}
        options={kommuneOptions}
        placeholder={text.chooseKommune}
        required
      />
      <TextField
        {...common}
        name="postalCode"
        label={label('postalCode')}
        autocomplete="postal-code"
        inputmode="numeric"
        maxLength={4}
        required
      />
      <ChoiceField
        {...common}
        type="radio"
        name="kind"
        label={label('kind')}
        options={options(volunteerKinds, kindLabels, lang)}
      />
      <ChoiceField
        {...common}
        type="checkbox"
        name="languages"
        label={label('languages')}
        options={options(languageOptions, languageLabels, lang)}
      />
      <TextField
        {...common}
        name="otherLanguages"
        label={label('otherLanguages')}
        hint={text.otherLanguagesHint}
        optional={text.optional}
        maxLength={limits.text}
      />
      <h2>{text.whatYouOffer}</h2>
      <ChoiceField
        {...common}
        type="checkbox"
        name="helpWith"
        label={label('helpWith')}
        options={options(helpOptions, helpLabels, lang)}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="meetingFrequency"
        label={label('meetingFrequency')}
        options={options(meetingFrequencies, frequencyLabels, lang)}
      />
    </>
  );
  const more = (
    <>
      {family ? (
        <>
          <h2>{text.yourFamily}</h2>
          <TextField
            {...common}
            name="adults"
            label={label('adults')}
            type="number"
            inputmode="numeric"
            min={1}
            max={limits.maxAdults}
            optional={text.optional}
          />
          <TextField
            {...common}
            name="children"
            label={label('children')}
            type="number"
            inputmode="numeric"
            min={0}
            max={limits.maxChildren}
            optional={text.optional}
          />
        </>
      ) : null}
      <h2>{text.theRest}</h2>
      <TextField
        {...common}
        name="capacity"
        label={label('capacity')}
        type="number"
        inputmode="numeric"
        min={1}
        max={limits.maxCapacity}
        hint={text.capacityHint}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="gender"
        label={label('gender')}
        optional={text.optional}
        options={options(genders, genderLabels, lang)}
      />
      <SelectField
        {...common}
        name="ageRange"
        label={label('ageRange')}
        optional={text.optional}
        placeholder={text.choose}
        options={options(ageRanges, ageRangeLabels, lang)}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="arrivalAlerts"
        label={label('arrivalAlerts')}
        hint={text.arrivalAlertsHint}
        options={[
          { value: 'yes', label: text.yes },
          { value: 'no', label: text.no },
        ]}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="organisation"
        label={label('organisation')}
        options={options(organisations, organisationLabels, lang)}
      />
      <TextField
        {...common}
        name="organisationName"
        label={label('organisationName')}
        hint={text.organisationNameHint}
        optional={text.optional}
        maxLength={limits.text}
      />
    </>
  );
  return part === 'match' ? (
    match
  ) : part === 'more' ? (
    more
  ) : (
    <>
      {match}
      {more}
    </>
  );
};

/** The answers of step 1, carried through step 2 as hidden fields (nothing is stored before step 2). */
const CarriedAnswers = ({ values }: { values: FormValues }) => (
  <>
    {matchQuestions.flatMap((name) => {
      const value = values[name];
      const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return all.map((v) => <input key={`${name}=${v}`} type="hidden" name={name} value={String(v)} />);
    })}
  </>
);

export interface SignupPageProps {
  readonly lang: Lang;
  readonly kommuner: readonly Kommune[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  /** When the form was first shown (ms since epoch), to spot forms filled faster than a person can. */
  readonly renderedAt: number;
  /** Step 1: the questions that decide a match; step 2: the rest, the consent, and the sign-up. */
  readonly step?: 1 | 2;
  /** Step 2: the active local groups covering the chosen kommune, to choose among. */
  readonly groups?: readonly SignupGroup[];
}

/** A local group as the sign-up offers it: its name, its organisation, what it offers. */
export interface SignupGroup {
  readonly id: string;
  readonly name: string;
  readonly organisation: string;
  readonly offers: readonly GroupOffer[];
}

const GroupChoice = ({
  lang,
  groups,
  values,
  errors,
  kommuneName,
}: {
  lang: Lang;
  groups: readonly SignupGroup[];
  values: FormValues;
  errors: readonly FieldError[];
  kommuneName: string;
}) =>
  groups.length === 0 ? (
    <p>
      {lang === 'da'
        ? `Der er endnu ingen aktiv lokal gruppe i ${kommuneName}. Programmets koordinatorer tager sig af din tilmelding, indtil der er en.`
        : `There is no active local group in ${kommuneName} yet. The programme's coordinators look after your sign-up until there is one.`}
    </p>
  ) : (
    <ChoiceField
      errors={errors}
      values={{ ...values, group: values.group ?? bestFitGroup }}
      type="radio"
      name="group"
      label={questionOf('group', lang)}
      hint={
        lang === 'da'
          ? 'Gruppens koordinatorer kontakter dig og ser dine oplysninger. Vælg „Den gruppe, der passer bedst“, hvis du er i tvivl.'
          : 'The group’s coordinators contact you and see your details. Choose “The group that fits best” if in doubt.'
      }
      options={[
        {
          value: bestFitGroup,
          label: lang === 'da' ? 'Den gruppe, der passer bedst' : 'The group that fits best',
        },
        ...groups.map((g) => ({
          value: g.id,
          label: `${g.name} (${g.organisation}): ${g.offers.map((o) => groupOfferLabels[o][lang].toLowerCase()).join(', ')}`,
        })),
      ]}
    />
  );

export const SignupPage = ({
  lang,
  kommuner,
  values,
  errors,
  renderedAt,
  step = 1,
  groups = [],
}: SignupPageProps) => {
  const text = t[lang];
  const label = (name: string) => questionOf(name, lang);
  const common = { errors, values };
  const kommuneName = kommuner.find((k) => k.code === values.kommuneCode)?.name ?? '';
  return (
    <Layout
      title={`${errors.length > 0 ? `${lang === 'da' ? 'Fejl' : 'Error'}: ` : ''}${text.title} (${step === 1 ? text.step1.split(':')[0] : text.step2.split(':')[0]})`}
      lang={lang}
      alternate={
        lang === 'da' ? { href: `${signupPath}?lang=en`, lang: 'en' } : { href: signupPath, lang: 'da' }
      }
    >
      <h1>{text.title}</h1>
      {step === 1 ? <p class="font-lead">{text.lead}</p> : null}
      <ErrorSummary errors={inFormOrder(errors)} lang={lang} />
      <p class="venner-step">{step === 1 ? text.step1 : text.step2}</p>
      <form
        class="venner-form"
        method="post"
        action={lang === 'da' ? signupPath : `${signupPath}?lang=en`}
        novalidate
      >
        <input type="hidden" name="step" value={String(step)} />
        <input type="hidden" name="language" value={lang} />
        <input type="hidden" name="privacyNoticeVersion" value={privacyNoticeVersion} />
        <input type="hidden" name="renderedAt" value={String(renderedAt)} />
        <input type="hidden" name="utmSource" value={String(values.utmSource ?? '')} />
        <input type="hidden" name="utmCampaign" value={String(values.utmCampaign ?? '')} />
        <div class="venner-honeypot" aria-hidden="true">
          <label for="field-website">{text.honeypot}</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autocomplete="off" />
        </div>
        {step === 1 ? (
          <>
            <VolunteerFields
              lang={lang}
              kommuner={kommuner}
              values={values}
              errors={errors}
              withEmail
              part="match"
            />
            <p>{text.step1Note}</p>
            <button class="button button-primary" type="submit">
              {text.next}
            </button>
          </>
        ) : (
          <>
            <CarriedAnswers values={values} />
            <p class="font-lead">
              {text.summary(
                text.friendWord[String(values.kind)] ?? '',
                kommuneName,
                String(values.email ?? ''),
              )}
            </p>
            <VolunteerFields lang={lang} kommuner={kommuner} values={values} errors={errors} part="more" />
            <GroupChoice
              lang={lang}
              groups={groups}
              values={values}
              errors={errors}
              kommuneName={kommuneName}
            />
            <SelectField
              {...common}
              name="heardFrom"
              label={label('heardFrom')}
              optional={text.optional}
              placeholder={text.choose}
              options={options(heardFromOptions, heardFromLabels, lang)}
            />
            <ChoiceField
              {...common}
              type="checkbox"
              name="consent"
              label={label('consent')}
              options={[{ value: 'true', label: text.consent }]}
            >
              <p>
                <a href={withLang(noticePath('volunteers', privacyNoticeVersion), lang)}>{text.privacy}</a> (
                {privacyNoticeVersion})
              </p>
            </ChoiceField>
            <p>{text.stored}</p>
            <div class="venner-answers">
              <button class="button button-primary" type="submit">
                {text.submit}
              </button>
              {/* After the sign-up button: Enter in a field signs up, it does not go back. */}
              <button class="button button-secondary" type="submit" name="back" value="1">
                {text.back}
              </button>
            </div>
          </>
        )}
      </form>
    </Layout>
  );
};
