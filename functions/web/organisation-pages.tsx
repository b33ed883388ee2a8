import { groupOfferLabels, groupOffers, readinessKinds } from '../../shared/organisations-contract.ts';
import { pathOf } from '../../shared/routes.ts';
import type { ActivationRow, Nearness } from '../domain/activation.ts';
import type { FieldError } from '../domain/errors.ts';
import type { Kommune } from '../domain/kommune.ts';
import type { LocalGroup, Organisation } from '../domain/organisations.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { ChoiceField, ErrorSummary, type FormValues, SelectField, TextField } from './form-fields.tsx';
import { kommuneNameOf, phoneText } from './handover-texts.ts';
import { Notice } from './layout.tsx';
import { DataTable } from './list-parts.tsx';
import { StaffLayout } from './staff-layout.tsx';

/**
 * The administrators' pages for organisations and their local groups, and the activation list:
 * where refugees wait with no active group (or a large gap), and the nearest groups to ask.
 */

export const organisationsPath = pathOf('administration', 'organisations');
export const groupPath = (id: string) => pathOf('administration', 'group', { id });
export const activationPath = pathOf('administration', 'activation');

const readinessLabels: Record<(typeof readinessKinds)[number], string> = {
  'red-cross': 'Røde Kors’ regler',
  'danish-refugee-council': 'Dansk Flygtningehjælps regler',
  'other-association': 'Programmets regler (andre foreninger)',
};

export const offersText = (group: Pick<LocalGroup, 'offers'>) =>
  group.offers.map((o) => groupOfferLabels[o].da).join(', ');

const kommunerText = (codes: readonly string[]) => codes.map(kommuneNameOf).join(', ');

export const OrganisationsPage = ({
  staff,
  organisations,
  groups,
  values = {},
  errors = [],
  notice,
}: {
  staff: StaffContext;
  organisations: readonly Organisation[];
  groups: readonly LocalGroup[];
  values?: FormValues;
  errors?: readonly FieldError[];
  notice?: string;
}) => {
  const nameOf = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  return (
    <StaffLayout title="Organisationer og lokale grupper" staff={staff} hasErrors={errors.length > 0}>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary errors={errors} lang="da" />
      <p>
        <a href={pathOf('administration', 'overview')}>Tilbage til administration</a> ·{' '}
        <a href={activationPath}>Kommuner uden en aktiv gruppe</a>
      </p>
      <p>
        Koordinatorer hører til en eller flere lokale grupper og ser de kommuner, grupperne dækker. En
        frivillig hører til én gruppe: kun gruppens koordinatorer og sekretariatet ser deres oplysninger.
      </p>
      <h2 id="grupper">Lokale grupper</h2>
      <p>
        <a class="button button-secondary" href={groupPath('ny')}>
          Opret en lokal gruppe
        </a>
      </p>
      {groups.length === 0 ? (
        <p>Der er ingen lokale grupper endnu.</p>
      ) : (
        <DataTable
          caption={`${groups.length} lokale grupper`}
          columns={[
            { header: 'Gruppe', cell: (g: LocalGroup) => <a href={groupPath(g.id)}>{g.name}</a> },
            { header: 'Organisation', cell: (g) => nameOf(g.organisationId) },
            { header: 'Kommuner', cell: (g) => kommunerText(g.kommuner) },
            { header: 'Tilbyder', cell: offersText },
            { header: 'Aktiv', cell: (g) => (g.active ? 'Ja' : 'Nej') },
            {
              header: 'Kontakt',
              cell: (g) => [g.email, g.phone && phoneText(g.phone)].filter(Boolean).join(', '),
            },
          ]}
          rows={groups}
          rowKey={(g) => g.id}
        />
      )}
      <h2 id="organisationer">Organisationer</h2>
      <DataTable
        caption={`${organisations.length} organisationer`}
        columns={[
          { header: 'Organisation', cell: (o: Organisation) => o.name },
          { header: 'Id', cell: (o) => o.id },
          { header: 'Regler før første match', cell: (o) => readinessLabels[o.readiness] },
          { header: 'Grupper', cell: (o) => String(groups.filter((g) => g.organisationId === o.id).length) },
        ]}
        rows={organisations}
        rowKey={(o) => o.id}
      />
      <h3>Tilføj eller omdøb en organisation</h3>
      <form method="post" action={pathOf('administration', 'saveOrganisation')} novalidate>
        <TextField
          name="id"
          label="Id"
          hint="Små bogstaver, tal og bindestreg, fx „red-cross“. Samme id omdøber organisationen."
          maxLength={48}
          values={values}
          errors={errors}
          required
        />
        <TextField name="name" label="Navn" maxLength={100} values={values} errors={errors} required />
        <SelectField
          name="readiness"
          label="Regler før første match"
          placeholder="Programmets regler"
          options={readinessKinds.map((k) => ({ value: k, label: readinessLabels[k] }))}
          values={values}
          errors={errors}
        />
        <button type="submit" class="button button-primary">
          Gem organisationen
        </button>
      </form>
    </StaffLayout>
  );
};

export const GroupPage = ({
  staff,
  group,
  organisations,
  kommuner,
  values,
  errors = [],
}: {
  staff: StaffContext;
  /** Undefined: a new group. */
  group?: LocalGroup;
  organisations: readonly Organisation[];
  kommuner: readonly Kommune[];
  values?: FormValues;
  errors?: readonly FieldError[];
}) => {
  const shown: FormValues = values ?? {
    id: group?.id,
    organisationId: group?.organisationId,
    name: group?.name,
    email: group?.email,
    phone: group?.phone && phoneText(group.phone),
    kommune: group ? [...group.kommuner] : [],
    offers: group ? [...group.offers] : ['friends'],
    active: group ? (group.active ? 'yes' : undefined) : 'yes',
  };
  const chosen = new Set(Array.isArray(shown.kommune) ? shown.kommune : shown.kommune ? [shown.kommune] : []);
  const kommuneError = errors.find((e) => e.field === 'kommuner')?.message;
  return (
    <StaffLayout title={group ? group.name : 'Ny lokal gruppe'} staff={staff} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} lang="da" />
      <p>
        <a href={organisationsPath}>Tilbage til organisationer og grupper</a>
      </p>
      <form method="post" action={pathOf('administration', 'saveGroup')} novalidate>
        {group ? (
          <>
            <input type="hidden" name="id" value={group.id} />
            <p>
              Id: <code>{group.id}</code> (koordinatorer hører til gruppen under dette id)
            </p>
          </>
        ) : (
          <TextField
            name="id"
            label="Id"
            hint="Små bogstaver, tal og bindestreg, fx „rk-aarhus“. Kan ikke ændres bagefter."
            maxLength={48}
            values={shown}
            errors={errors}
            required
          />
        )}
        <SelectField
          name="organisationId"
          label="Organisation"
          placeholder="Vælg organisation"
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          values={shown}
          errors={errors}
          required
        />
        <TextField
          name="name"
          label="Gruppens navn"
          maxLength={100}
          values={shown}
          errors={errors}
          required
        />
        <div class={`form-group${kommuneError ? ' form-error' : ''}`}>
          <label class="form-label" for="field-kommuner">
            Kommuner, gruppen dækker
          </label>
          <span class="form-hint" id="field-kommuner-hint">
            Vælg flere med Ctrl (Cmd på Mac), eller hold fingeren på en telefon.
          </span>
          {chosen.size > 0 ? (
            <span class="form-hint">
              Valgt nu:{' '}
              {kommuner
                .filter((k) => chosen.has(k.code))
                .map((k) => k.name)
                .join(', ')}
            </span>
          ) : null}
          {kommuneError ? (
            <span class="form-error-message" id="field-kommuner-error">
              {kommuneError}
            </span>
          ) : null}
          <select
            class="form-select venner-multiselect"
            id="field-kommuner"
            name="kommune"
            multiple
            size={8}
            aria-describedby={`field-kommuner-hint${kommuneError ? ' field-kommuner-error' : ''}`}
          >
            {kommuner.map((k) => (
              <option key={k.code} value={k.code} selected={chosen.has(k.code)}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="email"
          label="Offentlig kontakt-e-mail"
          hint="Står på den offentlige side, i kommunens ugebrev og i mailen til sagsbehandleren."
          type="email"
          maxLength={254}
          values={shown}
          errors={errors}
          required
        />
        <TextField
          name="phone"
          label="Telefon"
          type="tel"
          maxLength={30}
          optional="kan udelades"
          values={shown}
          errors={errors}
        />
        <ChoiceField
          name="offers"
          type="checkbox"
          label="Det tilbyder gruppen"
          options={groupOffers.map((o) => ({ value: o, label: groupOfferLabels[o].da }))}
          values={shown}
          errors={errors}
        />
        <ChoiceField
          name="active"
          type="checkbox"
          label="Aktiv"
          hint="En aktiv gruppe ser flygtninge, der venter i dens kommuner, og kan vælges ved tilmelding."
          options={[{ value: 'yes', label: 'Gruppen er aktiv' }]}
          values={shown}
          errors={errors}
        />
        <button type="submit" class="button button-primary">
          Gem gruppen
        </button>
      </form>
    </StaffLayout>
  );
};

const nearnessText: Record<Nearness, string> = {
  'same-kommune': 'dækker kommunen, men er ikke aktiv',
  neighbour: 'dækker en nabokommune',
  region: 'i samme region',
};

export const ActivationPage = ({
  staff,
  rows,
  notice,
}: {
  staff: StaffContext;
  rows: readonly ActivationRow[];
  notice?: string;
}) => (
  <StaffLayout title="Kommuner uden en aktiv gruppe" staff={staff}>
    {notice ? <Notice>{notice}</Notice> : null}
    <p>
      <a href={organisationsPath}>Organisationer og grupper</a>
    </p>
    <p>
      Her står kommuner, hvor flygtninge venter og ingen aktiv lokal gruppe dækker kommunen, eller hvor der
      mangler mange frivillige. Under hver står de nærmeste grupper: først en gruppe i kommunen, der ikke er
      aktiv, så grupper i nabokommuner og til sidst i regionen. Aktivér en gruppe for kommunen, når den har
      sagt ja.
    </p>
    {rows.length === 0 ? (
      <p>Alle kommuner, hvor flygtninge venter, har en aktiv gruppe.</p>
    ) : (
      <ol class="nobullet-list venner-activation">
        {rows.map((row) => (
          <li key={row.kommune.code} class="venner-activation-row">
            <h2 class="h3">{row.kommune.name}</h2>
            <p>
              {row.kommune.waitingRefugees} venter · {row.kommune.availableVolunteers} ledige frivillige ·{' '}
              {row.reason === 'no-active-group'
                ? 'ingen aktiv gruppe'
                : `mangler ${row.gap} (aktive: ${row.activeGroups.map((g) => g.name).join(', ')})`}
            </p>
            {row.candidates.length === 0 ? (
              <p>Ingen grupper i nærheden. Tal med organisationerne om at starte en.</p>
            ) : (
              <ul class="nobullet-list">
                {row.candidates.map((c) => (
                  <li key={c.group.id}>
                    <form
                      method="post"
                      action={pathOf('administration', 'activate')}
                      class="venner-inline-form"
                    >
                      <input type="hidden" name="group" value={c.group.id} />
                      <input type="hidden" name="kommune" value={row.kommune.code} />
                      <span>
                        <strong>{c.group.name}</strong> ({nearnessText[c.nearness]}
                        {c.nearness === 'neighbour' ? `: ${kommunerText(c.via)}` : ''}
                        {c.group.active || c.nearness === 'same-kommune' ? '' : ', ikke aktiv'})
                      </span>{' '}
                      <button type="submit" class="button button-secondary">
                        Aktivér {c.group.name} for {row.kommune.name}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    )}
  </StaffLayout>
);
