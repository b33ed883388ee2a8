import { asylumCentres } from '../../shared/asylum-centres.ts';
import {
  consentMethods,
  handoverLimits,
  households,
  languageLevels,
  noticeLanguages,
  refugeeGenders,
  refugeeNoticeVersions,
  volunteerGenderPreferences,
} from '../../shared/handover-contract.ts';
import { helpOptions, languageOptions } from '../../shared/volunteer-contract.ts';
import type { FieldError } from '../domain/errors.ts';
import type { HandoverRecord } from '../domain/handover.ts';
import type { Kommune } from '../domain/kommune.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { ChoiceField, ErrorSummary, type FormValues, SelectField, TextField } from './form-fields.tsx';
import { handoverPath, handoversPath } from './handover-paths.ts';
import {
  consentMethodLabels,
  genderPreferenceLabels,
  handoverFieldTexts,
  helpNames,
  householdLabels,
  languageLevelLabels,
  languageNames,
  noticeLanguageNames,
  refugeeGenderLabels,
} from './handover-texts.ts';
import { noticeOf } from './privacy-notices/notices.ts';
import { refugeesNoticeBasePath } from './privacy-page.tsx';
import { StaffLayout } from './staff-layout.tsx';

/** The languages the refugees' notice is published in, each marked until a translator checked it. */
const noticeLanguageOptions = () =>
  noticeLanguages.map((language) => {
    const notice = noticeOf('refugees', refugeeNoticeVersions[0], language);
    const unchecked = notice?.review.status === 'unreviewed' ? ' – ikke kontrolleret af translatør' : '';
    return { value: language, label: `${noticeLanguageNames[language]} (${notice?.name ?? ''})${unchecked}` };
  });

export const label = (name: string) => handoverFieldTexts.labels[name]?.da ?? name;

export const opts = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

export const yesNoOptions = [
  { value: 'yes', label: 'Ja' },
  { value: 'no', label: 'Nej' },
];

export const kommuneOptions = (kommuner: readonly Kommune[]) =>
  [...kommuner]
    .sort((a, b) => a.name.localeCompare(b.name, 'da'))
    .map((k) => ({ value: k.code, label: k.name }));

/** The refugee's details: the handover form and the correction form both show these. */
export const RefugeeFields = ({
  values,
  errors,
  kommuner,
  withKommune = true,
}: {
  values: FormValues;
  errors: readonly FieldError[];
  kommuner: readonly Kommune[];
  /** The handover form asks for the kommune under "the interview" already. */
  withKommune?: boolean;
}) => {
  const common = { values, errors };
  return (
    <>
      <h2>Flygtningen</h2>
      <TextField {...common} name="name" label={label('name')} maxLength={handoverLimits.name} required />
      <TextField
        {...common}
        name="phone"
        label={label('phone')}
        type="tel"
        hint="Danske numre kan skrives med eller uden +45."
        required
      />
      <TextField {...common} name="email" label={label('email')} type="email" optional="valgfrit" />
      <TextField
        {...common}
        name="birthYear"
        label={label('birthYear')}
        inputmode="numeric"
        hint="Skriv fødselsår eller alder. Aldrig CPR-nummer."
      />
      <TextField
        {...common}
        name="age"
        label={label('age')}
        inputmode="numeric"
        optional="hvis fødselsår ikke kendes"
      />
      <ChoiceField
        {...common}
        type="radio"
        name="gender"
        label={label('gender')}
        optional="valgfrit"
        options={opts(refugeeGenders, refugeeGenderLabels)}
      />
      <TextField {...common} name="nationality" label={label('nationality')} maxLength={60} required />
      <ChoiceField
        {...common}
        type="checkbox"
        name="languages"
        label={label('languages')}
        options={opts(languageOptions, languageNames)}
      />
      <TextField
        {...common}
        name="otherLanguages"
        label={label('otherLanguages')}
        optional="valgfrit"
        maxLength={handoverLimits.text}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="danishLevel"
        label={label('danishLevel')}
        options={opts(languageLevels, languageLevelLabels)}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="englishLevel"
        label={label('englishLevel')}
        options={opts(languageLevels, languageLevelLabels)}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="household"
        label={label('household')}
        options={opts(households, householdLabels)}
      />
      <TextField
        {...common}
        name="adults"
        label={label('adults')}
        inputmode="numeric"
        hint="Kun for en familie."
      />
      <TextField
        {...common}
        name="childrenAges"
        label={label('childrenAges')}
        hint="Kun for en familie. Alder i år adskilt af komma, fx 3, 7, 12."
      />
      {withKommune ? (
        <SelectField
          {...common}
          name="receivingKommune"
          label={label('receivingKommune')}
          placeholder="Vælg kommune"
          options={kommuneOptions(kommuner)}
          required
        />
      ) : null}
      <TextField
        {...common}
        name="expectedMovingDate"
        label={label('expectedMovingDate')}
        type="date"
        hint="Skriv som åååå-mm-dd."
        required
      />
      <TextField
        {...common}
        name="newAddress"
        label={label('newAddress')}
        optional="hvis den kendes"
        maxLength={handoverLimits.text}
      />
      <h2>Kommunens sagsbehandler</h2>
      <p>
        Kommunen får oplysningerne automatisk på e-mail, når flygtningen har sagt ja til deling med kommunen.
      </p>
      <TextField
        {...common}
        name="kommuneCaseworkerName"
        label={label('kommuneCaseworkerName')}
        maxLength={handoverLimits.name}
      />
      <TextField
        {...common}
        name="kommuneCaseworkerEmail"
        label={label('kommuneCaseworkerEmail')}
        type="email"
      />
      <TextField
        {...common}
        name="kommuneCaseworkerPhone"
        label={label('kommuneCaseworkerPhone')}
        type="tel"
        optional="valgfrit"
      />
      <h2>Ønsker</h2>
      <ChoiceField
        {...common}
        type="checkbox"
        name="helpWith"
        label={label('helpWith')}
        optional="valgfrit"
        options={opts(helpOptions, helpNames)}
      />
      <ChoiceField
        {...common}
        type="radio"
        name="preferredVolunteerGender"
        label={label('preferredVolunteerGender')}
        options={opts(volunteerGenderPreferences, genderPreferenceLabels)}
      />
      <div class={`form-group${errors.some((e) => e.field === 'note') ? ' form-error' : ''}`}>
        <label class="form-label" for="field-note">
          {label('note')} <span class="weight-normal">(valgfrit)</span>
        </label>
        <span class="form-hint" id="field-note-hint">
          Skriv ikke om helbred, religion, politisk holdning eller andre følsomme forhold, og aldrig
          CPR-nummer.
        </span>
        {errors.find((e) => e.field === 'note') ? (
          <span class="form-error-message" id="field-note-error">
            <span class="sr-only">Fejl: </span>
            {errors.find((e) => e.field === 'note')?.message}
          </span>
        ) : null}
        <textarea
          class="form-input"
          id="field-note"
          name="note"
          rows={3}
          maxLength={handoverLimits.note}
          aria-describedby={`field-note-hint${errors.some((e) => e.field === 'note') ? ' field-note-error' : ''}`}
        >
          {typeof values.note === 'string' ? values.note : ''}
        </textarea>
      </div>
    </>
  );
};

export const HandoverFormPage = ({
  staff,
  values,
  errors = [],
  kommuner,
}: {
  staff: StaffContext;
  values: FormValues;
  errors?: readonly FieldError[];
  kommuner: readonly Kommune[];
}) => {
  const common = { values, errors };
  const centres = asylumCentres.filter((c) => staff.centres.includes(c.id));
  return (
    <StaffLayout title="Ny overdragelse" staff={staff} hasErrors={errors.length > 0}>
      <p class="font-lead">
        Registrér samtalen ved overdragelsen. Siger flygtningen nej til kontakt, udfylder du kun "Samtalen":
        så tælles svaret, og intet personligt gemmes.
      </p>
      <ErrorSummary errors={errors} lang="da" />
      <form method="post" action={`${handoversPath}/ny`} class="venner-form" noValidate>
        <input type="hidden" name="submissionKey" value={String(values.submissionKey ?? '')} />
        <h2>Samtalen</h2>
        <SelectField
          {...common}
          name="centreId"
          label={label('centreId')}
          placeholder="Vælg asylcenter"
          options={centres.map((c) => ({ value: c.id, label: c.name }))}
          required
        />
        <TextField
          {...common}
          name="interviewDate"
          label={label('interviewDate')}
          type="date"
          hint="Skriv som åååå-mm-dd."
          required
        />
        <ChoiceField
          {...common}
          type="radio"
          name="wantsContact"
          label="Ønsker flygtningen kontakt med frivillige efter flytningen?"
          options={yesNoOptions}
        />
        <SelectField
          {...common}
          name="receivingKommune"
          label={label('receivingKommune')}
          placeholder="Vælg kommune"
          options={kommuneOptions(kommuner)}
          required
        />
        <h2>Samtykke</h2>
        <p>Udfyldes kun, når flygtningen ønsker kontakt.</p>
        <SelectField
          {...common}
          name="noticeVersion"
          label={label('noticeVersion')}
          placeholder="Vælg version"
          options={refugeeNoticeVersions.map((v) => ({
            value: v,
            label: `Information til flygtninge, version ${v}`,
          }))}
        />
        <SelectField
          {...common}
          name="noticeLanguage"
          label={label('noticeLanguage')}
          placeholder="Vælg sprog"
          options={noticeLanguageOptions()}
        />
        <p>
          <a href={refugeesNoticeBasePath} target="_blank" rel="noopener">
            Informationen til flygtninge
          </a>{' '}
          (åbner i et nyt vindue; kan udskrives på A4). Oversættelser, der ikke er kontrolleret af en
          translatør, er markeret i listen; den danske tekst gælder.
        </p>
        <ChoiceField
          {...common}
          type="radio"
          name="interpreterUsed"
          label="Blev der brugt tolk?"
          options={yesNoOptions}
        />
        <ChoiceField
          {...common}
          type="radio"
          name="consentMethod"
          label={label('consentMethod')}
          options={opts(consentMethods, consentMethodLabels)}
        />
        <ChoiceField
          {...common}
          type="checkbox"
          name="shareWithVolunteers"
          label="Flygtningen giver samtykke til deling af kontaktoplysninger med"
          options={[{ value: 'yes', label: 'En frivillig ven (når der er fundet et match)' }]}
        />
        <ChoiceField
          {...common}
          type="checkbox"
          name="shareWithKommune"
          label="Og med"
          options={[
            { value: 'yes', label: 'Den modtagende kommune (får oplysningerne automatisk på e-mail)' },
          ]}
        />
        <RefugeeFields values={values} errors={errors} kommuner={kommuner} withKommune={false} />
        <button type="submit" class="button button-primary">
          Gem overdragelsen
        </button>
      </form>
    </StaffLayout>
  );
};

export const DeclinedCountedPage = ({ staff }: { staff: StaffContext }) => (
  <StaffLayout title="Svaret er talt med" staff={staff}>
    <p class="font-lead">
      Flygtningen ønsker ikke kontakt. Svaret er talt med i statistikken (center, kommune og måned), og der er
      ikke gemt personoplysninger.
    </p>
    <p>
      <a href={`${handoversPath}/ny`}>Registrér en ny overdragelse</a>
    </p>
  </StaffLayout>
);

export const CorrectionPage = ({
  staff,
  record,
  values,
  errors = [],
  kommuner,
}: {
  staff: StaffContext;
  record: HandoverRecord;
  values: FormValues;
  errors?: readonly FieldError[];
  kommuner: readonly Kommune[];
}) => (
  <StaffLayout title="Ret oplysningerne" staff={staff} hasErrors={errors.length > 0}>
    <p class="font-lead">
      Ret fejl i oplysningerne om flygtningen. Samtykket kan ikke ændres; det kan kun trækkes tilbage.
      Rettelsen bliver logget.
    </p>
    <ErrorSummary errors={errors} lang="da" />
    <form method="post" action={`${handoverPath(record.id)}/ret`} class="venner-form" noValidate>
      <input type="hidden" name="version" value={String(values.version ?? record.version)} />
      <RefugeeFields values={values} errors={errors} kommuner={kommuner} />
      <button type="submit" class="button button-primary">
        Gem rettelsen
      </button>
    </form>
    <p>
      <a href={handoverPath(record.id)}>Tilbage uden at gemme</a>
    </p>
  </StaffLayout>
);
