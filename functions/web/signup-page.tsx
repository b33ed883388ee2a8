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
import { Layout } from './layout.tsx';
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
    familyHint: 'Udfyldes kun for en venskabsfamilie.',
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
    familyHint: 'Only for a friend family.',
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

/** The volunteer's details: the sign-up form and the "my sign-up" page both show these. */
export const VolunteerFields = ({
  lang,
  kommuner,
  values,
  errors,
  withEmail = false,
}: {
  lang: Lang;
  kommuner: readonly Kommune[];
  values: FormValues;
  errors: readonly FieldError[];
  withEmail?: boolean;
}) => {
  const text = t[lang];
  const label = (name: string) => fieldLabels[name]?.[lang] ?? name;
  const common = { errors, values };
  const kommuneOptions = [...kommuner]
    .sort((a, b) => a.name.localeCompare(b.name, 'da'))
    .map((k) => ({ value: k.code, label: k.name }));
  return (
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
      <TextField
        {...common}
        name="adults"
        label={label('adults')}
        type="number"
        inputmode="numeric"
        min={1}
        max={limits.maxAdults}
        hint={text.familyHint}
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
        hint={text.familyHint}
        optional={text.optional}
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
        optional={text.optional}
        maxLength={limits.text}
      />
    </>
  );
};

export interface SignupPageProps {
  readonly lang: Lang;
  readonly kommuner: readonly Kommune[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  /** When the form was shown (ms since epoch), to spot forms filled faster than a person can. */
  readonly renderedAt: number;
}

export const SignupPage = ({ lang, kommuner, values, errors, renderedAt }: SignupPageProps) => {
  const text = t[lang];
  const label = (name: string) => fieldLabels[name]?.[lang] ?? name;
  const common = { errors, values };
  return (
    <Layout
      title={errors.length > 0 ? `${lang === 'da' ? 'Fejl' : 'Error'}: ${text.title}` : text.title}
      lang={lang}
      alternate={
        lang === 'da' ? { href: `${signupPath}?lang=en`, lang: 'en' } : { href: signupPath, lang: 'da' }
      }
    >
      <h1>{text.title}</h1>
      <p class="font-lead">{text.lead}</p>
      <ErrorSummary errors={errors} lang={lang} />
      <form
        class="venner-form"
        method="post"
        action={lang === 'da' ? signupPath : `${signupPath}?lang=en`}
        novalidate
      >
        <input type="hidden" name="language" value={lang} />
        <input type="hidden" name="privacyNoticeVersion" value={privacyNoticeVersion} />
        <input type="hidden" name="renderedAt" value={String(renderedAt)} />
        <input type="hidden" name="utmSource" value={String(values.utmSource ?? '')} />
        <input type="hidden" name="utmCampaign" value={String(values.utmCampaign ?? '')} />
        <div class="venner-honeypot" aria-hidden="true">
          <label for="field-website">{text.honeypot}</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autocomplete="off" />
        </div>

        <VolunteerFields lang={lang} kommuner={kommuner} values={values} errors={errors} withEmail />
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
            <a href={lang === 'da' ? '/privatliv' : '/privatliv?lang=en'}>{text.privacy}</a> (
            {privacyNoticeVersion})
          </p>
        </ChoiceField>
        <button class="button button-primary" type="submit">
          {text.submit}
        </button>
      </form>
    </Layout>
  );
};
