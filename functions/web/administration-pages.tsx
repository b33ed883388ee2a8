import { asylumCentres, centreName } from '../../shared/asylum-centres.ts';
import { type Role, roleLabels, roles } from '../../shared/roles.ts';
import { pathOf } from '../../shared/routes.ts';
import type { AdminChange, StaffUser } from '../domain/administration.ts';
import type { FieldError } from '../domain/errors.ts';
import type { Kommune } from '../domain/kommune.ts';
import type { DigestContact } from '../domain/kommune-digest.ts';
import type { LocalGroup } from '../domain/organisations.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { ErrorSummary, TextField } from './form-fields.tsx';
import { danishDateTime, kommuneNameOf } from './handover-texts.ts';
import { Notice } from './layout.tsx';
import { DataTable } from './list-parts.tsx';
import { activationPath, organisationsPath } from './organisation-pages.tsx';
import { StaffLayout } from './staff-layout.tsx';

/**
 * The administrators' screen: who has access with which role and scope, the kommuner's digest
 * contacts, the asylum centres, and what administrators changed lately. Every change is made
 * through the same use cases as `npm run staff` and `npm run contacts`, and logged.
 */

export const administrationPath = pathOf('administration', 'overview');
export const staffUserPath = (username: string) => pathOf('administration', 'staffUser', { id: username });

const statusText = (user: StaffUser) =>
  !user.enabled
    ? 'Deaktiveret'
    : user.status === 'FORCE_CHANGE_PASSWORD'
      ? 'Inviteret, har ikke logget ind endnu'
      : user.status === 'CONFIRMED'
        ? 'Aktiv'
        : user.status;

const scopeText = (user: Pick<StaffUser, 'centres' | 'kommuner' | 'groups'>, groups: readonly LocalGroup[]) =>
  [
    ...user.centres.map(centreName),
    ...user.groups.map((id) => groups.find((g) => g.id === id)?.name ?? id),
    ...user.kommuner.map(kommuneNameOf),
  ].join(', ') || '–';

const roleText = (user: Pick<StaffUser, 'roles'>) => user.roles.map((r) => roleLabels[r]).join(', ') || '–';

export interface StaffFormValues {
  readonly email?: string;
  readonly name?: string;
  readonly role?: Role;
  readonly centres?: readonly string[];
  readonly kommuner?: readonly string[];
  readonly groups?: readonly string[];
}

/** One checkbox per centre or group, named `<name>-<value>`, checked as the user's scope is. */
const ScopeCheckboxes = ({
  name,
  options,
  checked = [],
}: {
  name: string;
  options: readonly { value: string; label: string }[];
  checked?: readonly string[];
}) => (
  <>
    {options.map((option) => (
      <div class="form-group-checkbox" key={option.value}>
        <input
          type="checkbox"
          class="form-checkbox"
          id={`${name}-${option.value}`}
          name={name}
          value={option.value}
          checked={checked.includes(option.value)}
        />
        <label for={`${name}-${option.value}`}>{option.label}</label>
      </div>
    ))}
  </>
);

/** Role and scope: the same fields to create a user and to change one. */
const ScopeFields = ({
  values,
  kommuner,
  groups,
  errors,
}: {
  values: StaffFormValues;
  kommuner: readonly Kommune[];
  groups: readonly LocalGroup[];
  errors: readonly FieldError[];
}) => (
  <>
    <fieldset>
      <legend class="form-label">Rolle</legend>
      {errors.find((e) => e.field === 'role') ? (
        <span class="form-error-message">{errors.find((e) => e.field === 'role')?.message}</span>
      ) : null}
      {roles.map((role) => (
        <div class="form-group-radio" key={role}>
          <input
            type="radio"
            class="form-radio"
            id={`role-${role}`}
            name="role"
            value={role}
            checked={values.role === role}
          />
          <label for={`role-${role}`}>{roleLabels[role]}</label>
        </div>
      ))}
    </fieldset>
    <fieldset>
      <legend class="form-label">Asylcentre (for sagsbehandlere)</legend>
      <ScopeCheckboxes
        name="centre"
        options={asylumCentres.map((c) => ({ value: c.id, label: c.name }))}
        checked={values.centres}
      />
    </fieldset>
    <fieldset>
      <legend class="form-label">Lokale grupper (for koordinatorer)</legend>
      <span class="form-hint">
        Koordinatoren ser de kommuner, grupperne dækker, og gruppernes frivillige.
      </span>
      {groups.length === 0 ? <p>Der er ingen lokale grupper endnu.</p> : null}
      <ScopeCheckboxes
        name="group"
        options={groups.map((g) => ({ value: g.id, label: `${g.name}${g.active ? '' : ' (ikke aktiv)'}` }))}
        checked={values.groups}
      />
    </fieldset>
    <div class="form-group">
      <label class="form-label" for="kommune">
        Kommuner uden gruppe (for koordinatorer)
      </label>
      <span class="form-hint" id="kommune-hint">
        Kun for koordinatorer, der endnu ikke hører til en gruppe: de ser de frivillige, der ikke er tildelt
        en gruppe. Vælg flere med Ctrl (Cmd på Mac), eller hold fingeren på en telefon.
      </span>
      <select
        class="form-select venner-multiselect"
        id="kommune"
        name="kommune"
        multiple
        size={8}
        aria-describedby="kommune-hint"
      >
        {kommuner.map((k) => (
          <option key={k.code} value={k.code} selected={values.kommuner?.includes(k.code)}>
            {k.name}
          </option>
        ))}
      </select>
    </div>
  </>
);

export const AdministrationPage = ({
  staff,
  users,
  contacts,
  changes,
  kommuner,
  groups,
  values = {},
  errors = [],
  notice,
}: {
  staff: StaffContext;
  groups: readonly LocalGroup[];
  users: readonly StaffUser[];
  contacts: readonly DigestContact[];
  changes: readonly AdminChange[];
  kommuner: readonly Kommune[];
  values?: StaffFormValues;
  errors?: readonly FieldError[];
  notice?: string;
}) => (
  <StaffLayout title="Administration" staff={staff} hasErrors={errors.length > 0}>
    {notice ? <Notice>{notice}</Notice> : null}
    <ErrorSummary errors={errors} lang="da" />
    <nav aria-label="På siden" class="venner-list-links">
      <ul class="nobullet-list">
        <li>
          <a href="#medarbejdere">Medarbejdere</a>
        </li>
        <li>
          <a href="#opret">Opret en medarbejder</a>
        </li>
        <li>
          <a href={organisationsPath}>Organisationer og lokale grupper</a>
        </li>
        <li>
          <a href={activationPath}>Kommuner uden en aktiv gruppe</a>
        </li>
        <li>
          <a href="#ugebreve">Ugebreve til kommunerne</a>
        </li>
        <li>
          <a href="#centre">Asylcentre</a>
        </li>
        <li>
          <a href="#log">Seneste ændringer</a>
        </li>
      </ul>
    </nav>

    <h2 id="medarbejdere">Medarbejdere</h2>
    <DataTable
      caption={`${users.length} medarbejdere med adgang`}
      columns={[
        {
          header: 'Navn',
          cell: (u: StaffUser) => <a href={staffUserPath(u.username)}>{u.name ?? u.email}</a>,
        },
        { header: 'E-mail', cell: (u) => u.email },
        { header: 'Rolle', cell: roleText },
        { header: 'Omfang', cell: (u) => scopeText(u, groups) },
        { header: 'Status', cell: statusText },
      ]}
      rows={users}
      rowKey={(u) => u.username}
    />

    <h2 id="opret">Opret en medarbejder</h2>
    <p>
      Den nye medarbejder får en e-mail med en midlertidig adgangskode, skifter den ved første login og
      opsætter en godkendelsesapp.
    </p>
    <form method="post" action={pathOf('administration', 'createStaff')} novalidate>
      <TextField
        name="email"
        label="Arbejdsmail"
        type="email"
        autocomplete="off"
        maxLength={254}
        values={{ email: values.email }}
        errors={errors}
        required
      />
      <TextField
        name="name"
        label="Fulde navn"
        hint="Står ved det, de registrerer, og i loggen. Udfyldes det ikke, bliver de spurgt ved første login."
        maxLength={100}
        values={{ name: values.name }}
        errors={errors}
      />
      <ScopeFields values={values} kommuner={kommuner} groups={groups} errors={errors} />
      <button type="submit" class="button button-primary">
        Opret medarbejder
      </button>
    </form>

    <h2 id="ugebreve">Ugebreve til kommunerne</h2>
    <p>Hver mandag får disse modtagere kommunens ugebrev: nye flygtninge, hvem der venter, og nye match.</p>
    {contacts.length === 0 ? (
      <p>Ingen kommuner har en modtager endnu.</p>
    ) : (
      <DataTable
        caption="Modtagere af ugebrevet"
        columns={[
          { header: 'Kommune', cell: (c: DigestContact) => kommuneNameOf(c.kommuneCode) },
          { header: 'E-mail', cell: (c) => c.email },
          {
            header: 'Fjern',
            cell: (c) => (
              <form method="post" action={pathOf('administration', 'contacts')}>
                <input type="hidden" name="action" value="remove" />
                <input type="hidden" name="kommune" value={c.kommuneCode} />
                <input type="hidden" name="email" value={c.email} />
                <button type="submit" class="button button-tertiary">
                  Fjern {c.email}
                </button>
              </form>
            ),
          },
        ]}
        rows={[...contacts].sort((a, b) =>
          kommuneNameOf(a.kommuneCode).localeCompare(kommuneNameOf(b.kommuneCode), 'da'),
        )}
        rowKey={(c) => `${c.kommuneCode}#${c.contactId}`}
      />
    )}
    <form method="post" action={pathOf('administration', 'contacts')} class="venner-filter">
      <input type="hidden" name="action" value="add" />
      <KommuneSelect id="contact-kommune" kommuner={kommuner} />
      <div class="form-group">
        <label class="form-label" for="contact-email">
          E-mail
        </label>
        <input class="form-input" id="contact-email" name="email" type="email" maxLength={254} required />
      </div>
      <button type="submit" class="button button-secondary">
        Tilføj modtager
      </button>
    </form>
    <form method="post" action={pathOf('administration', 'contacts')} class="venner-filter">
      <input type="hidden" name="action" value="quiet" />
      <KommuneSelect id="quiet-kommune" kommuner={kommuner} />
      <div class="form-group">
        <label class="form-label" for="setting">
          I uger uden nyt
        </label>
        <select class="form-select" id="setting" name="setting">
          <option value="short">Et kort ugebrev med tallene</option>
          <option value="none">Intet ugebrev</option>
        </select>
      </div>
      <button type="submit" class="button button-secondary">
        Gem
      </button>
    </form>

    <h2 id="centre">Asylcentre</h2>
    <p>
      Centrene er en del af programmets opsætning (<code>shared/asylum-centres.json</code>): et nyt center
      kommer med en ny udgave. Sagsbehandlere får adgang til et center ovenfor.
    </p>
    <DataTable
      caption="Asylcentre"
      columns={[
        { header: 'Center', cell: (c: (typeof asylumCentres)[number]) => c.name },
        { header: 'Kommune', cell: (c) => kommuneNameOf(c.kommuneCode) },
        {
          header: 'Sagsbehandlere',
          cell: (c) => String(users.filter((u) => u.centres.includes(c.id)).length),
        },
      ]}
      rows={asylumCentres}
      rowKey={(c) => c.id}
    />

    <h2 id="log">Seneste ændringer</h2>
    {changes.length === 0 ? (
      <p>Ingen ændringer endnu.</p>
    ) : (
      <DataTable
        caption="Seneste ændringer (nyeste først)"
        columns={[
          { header: 'Tidspunkt', cell: (c: AdminChange) => danishDateTime(c.at) },
          { header: 'Hvem', cell: (c) => c.actor.name },
          { header: 'Hvad', cell: (c) => c.what },
        ]}
        rows={changes}
        rowKey={(c) => `${c.at}#${c.what}`}
      />
    )}
  </StaffLayout>
);

const KommuneSelect = ({ id, kommuner }: { id: string; kommuner: readonly Kommune[] }) => (
  <div class="form-group">
    <label class="form-label" for={id}>
      Kommune
    </label>
    <select class="form-select" id={id} name="kommune">
      {kommuner.map((k) => (
        <option key={k.code} value={k.code}>
          {k.name}
        </option>
      ))}
    </select>
  </div>
);

export const StaffUserPage = ({
  staff,
  user,
  kommuner,
  groups,
  values,
  errors = [],
  notice,
}: {
  staff: StaffContext;
  user: StaffUser;
  groups: readonly LocalGroup[];
  kommuner: readonly Kommune[];
  values?: StaffFormValues;
  errors?: readonly FieldError[];
  notice?: string;
}) => {
  const action = staffUserPath(user.username);
  const current: StaffFormValues = values ?? {
    role: user.roles[0],
    centres: user.centres,
    kommuner: user.kommuner,
    groups: user.groups,
  };
  return (
    <StaffLayout title={user.name ?? user.email} staff={staff} hasErrors={errors.length > 0}>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary errors={errors} lang="da" />
      <p>
        <a href={administrationPath}>Tilbage til administration</a>
      </p>
      <dl class="venner-record">
        <dt>E-mail</dt>
        <dd>{user.email}</dd>
        <dt>Rolle</dt>
        <dd>{roleText(user)}</dd>
        <dt>Omfang</dt>
        <dd>{scopeText(user, groups)}</dd>
        <dt>Status</dt>
        <dd>{statusText(user)}</dd>
      </dl>
      <h2>Rolle og omfang</h2>
      <form method="post" action={action} novalidate>
        <input type="hidden" name="action" value="scope" />
        <ScopeFields values={current} kommuner={kommuner} groups={groups} errors={errors} />
        <button type="submit" class="button button-primary">
          Gem rolle og omfang
        </button>
      </form>
      <p class="form-hint">Ændringen gælder fra medarbejderens næste login.</p>
      <h2>Adgang</h2>
      <ul class="nobullet-list venner-actions">
        <li>
          <form method="post" action={action}>
            <input type="hidden" name="action" value={user.enabled ? 'disable' : 'enable'} />
            <button type="submit" class="button button-secondary">
              {user.enabled ? 'Deaktivér (logger ud med det samme)' : 'Aktivér igen'}
            </button>
          </form>
        </li>
        <li>
          <form method="post" action={action}>
            <input type="hidden" name="action" value="reset-mfa" />
            <button type="submit" class="button button-secondary">
              Nulstil godkendelsesappen (ny telefon)
            </button>
          </form>
        </li>
        {user.status === 'FORCE_CHANGE_PASSWORD' ? (
          <li>
            <form method="post" action={action}>
              <input type="hidden" name="action" value="resend" />
              <button type="submit" class="button button-secondary">
                Send invitationen igen
              </button>
            </form>
          </li>
        ) : null}
      </ul>
    </StaffLayout>
  );
};
