import { roleLabels } from '../../shared/roles.ts';
import { pathOf } from '../../shared/routes.ts';
import type { FieldError } from '../domain/errors.ts';
import { type StaffContext, signInPath, staffBasePath, staffName } from '../lib/staff-context.ts';
import { ErrorSummary, type FormValues, TextField } from './form-fields.tsx';
import { kommuneNameOf } from './handover-texts.ts';
import { Layout, Notice } from './layout.tsx';
import { StaffLayout } from './staff-layout.tsx';

export type SignInStepName = 'password' | 'new-password' | 'mfa-code' | 'mfa-setup';

const titles: Record<SignInStepName, string> = {
  password: 'Log ind for personale',
  'new-password': 'Vælg en ny adgangskode',
  'mfa-code': 'Skriv koden fra din app',
  'mfa-setup': 'Opsæt totrinsbekræftelse',
};

export interface SignInPageProps {
  readonly step: SignInStepName;
  readonly values: FormValues;
  readonly errors?: readonly FieldError[];
  /** A message above the form, e.g. "you are signed out". */
  readonly notice?: string;
  readonly next?: string;
  /** Cognito's session for the step, when it is a challenge. */
  readonly session?: string;
  /** The TOTP secret to add to an authenticator app (first sign-in with MFA). */
  readonly secret?: string;
}

/** The e-mail a staff member signs in with (sign-in and a forgotten password). */
const UsernameField = ({ values, errors }: { values: FormValues; errors: readonly FieldError[] }) => (
  <TextField
    name="username"
    label="E-mail"
    type="email"
    autocomplete="username"
    values={values}
    errors={errors}
    required
  />
);

/** A new password, with Cognito's policy as the hint (first sign-in and a forgotten password). */
const NewPasswordField = ({ errors }: { errors: readonly FieldError[] }) => (
  <TextField
    name="newPassword"
    label="Ny adgangskode"
    hint="Mindst 12 tegn med store og små bogstaver, tal og tegn."
    type="password"
    autocomplete="new-password"
    values={{}}
    errors={errors}
    required
  />
);

/** The sign-in page and its follow-up steps; every step posts back to the same address. */
export const SignInPage = ({ step, values, errors = [], notice, next, session, secret }: SignInPageProps) => (
  <Layout title={titles[step]}>
    <h1>{titles[step]}</h1>
    {notice ? <Notice kind="info">{notice}</Notice> : null}
    <ErrorSummary errors={errors} lang="da" />
    <form method="post" action={signInPath} class="venner-form" noValidate>
      <input type="hidden" name="step" value={step} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {session ? <input type="hidden" name="session" value={session} /> : null}
      {step === 'password' ? (
        <>
          <UsernameField values={values} errors={errors} />
          <TextField
            name="password"
            label="Adgangskode"
            type="password"
            autocomplete="current-password"
            values={{}}
            errors={errors}
            required
          />
        </>
      ) : (
        <input type="hidden" name="username" value={String(values.username ?? '')} />
      )}
      {step === 'new-password' ? <NewPasswordField errors={errors} /> : null}
      {step === 'mfa-setup' ? (
        <p>
          Tilføj denne nøgle i din godkendelsesapp (fx Microsoft Authenticator), og skriv derefter den
          sekscifrede kode, appen viser: <code>{secret}</code>
        </p>
      ) : null}
      {step === 'mfa-code' || step === 'mfa-setup' ? (
        <TextField
          name="code"
          label="Kode"
          hint="Seks cifre fra din godkendelsesapp."
          inputmode="numeric"
          autocomplete="one-time-code"
          maxLength={6}
          values={{}}
          errors={errors}
          required
        />
      ) : null}
      <button type="submit" class="button button-primary">
        {step === 'password' ? 'Log ind' : 'Fortsæt'}
      </button>
    </form>
    {step === 'password' ? (
      <p>
        <a href={passwordResetPath}>Glemt adgangskode?</a>
      </p>
    ) : null}
  </Layout>
);

export const passwordResetPath = pathOf('staff-sign-in', 'passwordResetPage');

export interface PasswordResetPageProps {
  /** `request`: ask for a code; `confirm`: the code from the email and a new password. */
  readonly step: 'request' | 'confirm';
  readonly values: FormValues;
  readonly errors?: readonly FieldError[];
  readonly notice?: string;
}

/** "Glemt adgangskode": Cognito emails a code; with it the staff member picks a new password. */
export const PasswordResetPage = ({ step, values, errors = [], notice }: PasswordResetPageProps) => (
  <Layout title={step === 'request' ? 'Glemt adgangskode' : 'Vælg en ny adgangskode'}>
    <h1>{step === 'request' ? 'Glemt adgangskode' : 'Vælg en ny adgangskode'}</h1>
    {notice ? <Notice kind="info">{notice}</Notice> : null}
    <ErrorSummary errors={errors} lang="da" />
    <form method="post" action={passwordResetPath} class="venner-form" noValidate>
      <input type="hidden" name="step" value={step} />
      {step === 'request' ? (
        <>
          <p>
            Skriv den e-mail, du logger ind med. Vi sender en kode, som du bruger til at vælge en ny
            adgangskode.
          </p>
          <UsernameField values={values} errors={errors} />
        </>
      ) : (
        <>
          <input type="hidden" name="username" value={String(values.username ?? '')} />
          <TextField
            name="code"
            label="Kode fra e-mailen"
            hint="Seks cifre. Koden virker i en time."
            inputmode="numeric"
            autocomplete="one-time-code"
            maxLength={6}
            values={{}}
            errors={errors}
            required
          />
          <NewPasswordField errors={errors} />
        </>
      )}
      <button type="submit" class="button button-primary">
        {step === 'request' ? 'Send mig en kode' : 'Gem den nye adgangskode'}
      </button>
    </form>
    <p>
      <a href={signInPath}>Tilbage til login</a>
    </p>
  </Layout>
);

/** The staff home page: what each of the user's roles can do here. */
export const StaffHomePage = ({ staff }: { staff: StaffContext }) => (
  <StaffLayout title="Forside for personale" staff={staff}>
    <p class="font-lead">
      Du er logget ind som {staffName(staff)}:{' '}
      {staff.roles.map((role) => roleLabels[role].toLowerCase()).join(', ')}.
    </p>
    {staff.roles.includes('caseworker') ? (
      <section>
        <h2>Overdragelser</h2>
        <p>Registrér samtalen ved overdragelsen, og find de overdragelser, dit center har registreret.</p>
        <ul>
          <li>
            <a href={`${staffBasePath}/overdragelser/ny`}>Registrér en ny overdragelse</a>
          </li>
          <li>
            <a href={`${staffBasePath}/overdragelser`}>Se og søg i overdragelser</a>
          </li>
        </ul>
      </section>
    ) : null}
    {staff.roles.includes('coordinator') || staff.roles.includes('admin') ? (
      <section>
        <h2>Matching</h2>
        <p>
          {staff.roles.includes('admin')
            ? 'Som administrator kan du se og matche i alle kommuner.'
            : `Dine kommuner: ${staff.kommuner.length > 0 ? staff.kommuner.map(kommuneNameOf).join(', ') : 'ingen endnu'}.`}
        </p>
        <ul>
          <li>
            <a href={`${staffBasePath}/matching`}>Ventende flygtninge, ledige frivillige og match</a>
          </li>
          <li>
            <a href={`${staffBasePath}/matching/plan`}>Foreslå en plan for en hel kommune</a>
          </li>
          <li>
            <a href={`${staffBasePath}/tal`}>
              Tal pr. kommune, region og måned (overdragelser, match, rekruttering)
            </a>
          </li>
        </ul>
      </section>
    ) : null}
    {staff.roles.includes('admin') ? (
      <section>
        <h2>Administration</h2>
        <p>Medarbejdere, deres rolle og adgang, kommunernes modtagere af ugebrevet og asylcentrene.</p>
        <ul>
          <li>
            <a href={`${staffBasePath}/administration`}>Administration</a>
          </li>
        </ul>
      </section>
    ) : null}
  </StaffLayout>
);

/** At the first sign-in without a name in Cognito: the name records, audit logs and emails show. */
export const NamePage = ({
  staff,
  next,
  value,
  errors,
}: {
  staff: StaffContext;
  next: string;
  value?: string;
  errors: readonly FieldError[];
}) => (
  <StaffLayout title="Hvad hedder du?" staff={staff} hasErrors={errors.length > 0}>
    <ErrorSummary errors={errors} lang="da" />
    <p>
      Dit navn står ved det, du registrerer, i loggen over, hvem der har set en flygtnings oplysninger, og i
      e-mails fra Venner. Du bliver kun spurgt én gang.
    </p>
    <form method="post" action={pathOf('staff-sign-in', 'saveName')} novalidate>
      <input type="hidden" name="next" value={next} />
      <TextField
        name="name"
        label="Dit fulde navn"
        autocomplete="name"
        maxLength={100}
        values={{ name: value }}
        errors={errors}
        required
      />
      <button type="submit" class="button button-primary">
        Gem og fortsæt
      </button>
    </form>
  </StaffLayout>
);
