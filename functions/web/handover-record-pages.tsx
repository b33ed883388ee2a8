import { centreName } from '../../shared/asylum-centres.ts';
import { handoverStatuses, type NoticeLanguage } from '../../shared/handover-contract.ts';
import type { FieldError } from '../domain/errors.ts';
import {
  type AuditEntry,
  type HandoverRecord,
  kommuneRecipientsOf,
  referenceOf,
} from '../domain/handover.ts';
import type { Page } from '../domain/paging.ts';
import { searchLimit } from '../domain/search-terms.ts';
import type { HandoverFilter } from '../domain/staff-lists.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { ChoiceField, ErrorSummary } from './form-fields.tsx';
import { label } from './handover-form-pages.tsx';
import { handoverPath, handoversPath } from './handover-paths.ts';
import {
  consentMethodLabels,
  danishDate,
  danishDateTime,
  genderPreferenceLabels,
  helpNames,
  householdText,
  kommuneNameOf,
  languageLevelsText,
  languagesText,
  noticeLanguageNames,
  phoneText,
  refugeeGenderLabels,
  statusLabels,
  withdrawalViaLabels,
} from './handover-texts.ts';
import { Notice } from './layout.tsx';
import {
  type Column,
  DataTable,
  FilterForm,
  FilterSelect,
  nothingOnThisPage,
  Pager,
  PageSizeField,
  pageSummary,
  SearchForm,
  searchSummary,
} from './list-parts.tsx';
import { noticePath } from './privacy-page.tsx';
import { StaffLayout } from './staff-layout.tsx';

export const StatusTag = ({ record }: { record: HandoverRecord }) => (
  <span class={`badge venner-status-${record.status}`}>{statusLabels[record.status]}</span>
);

export interface HandoverListView {
  readonly filter: HandoverFilter;
  readonly size: number;
  /** A page of the list, or what a search found (never both). */
  readonly page?: Page<HandoverRecord>;
  readonly found?: readonly HandoverRecord[];
  readonly search?: string;
  /** The kommuner the records go to, for the filter. */
  readonly kommuner: readonly { code: string; name: string }[];
}

const handoverColumns: readonly Column<HandoverRecord>[] = [
  {
    header: 'Navn',
    cell: (record) => (
      <a href={handoverPath(record.id)}>{record.person?.name ?? `Slettet (${referenceOf(record.id)})`}</a>
    ),
  },
  { header: 'Venner-reference', cell: (record) => referenceOf(record.id) },
  { header: 'Kommune', cell: (record) => kommuneNameOf(record.kommuneCode) },
  { header: 'Registreret', cell: (record) => danishDate(record.recordedAt) },
  { header: 'Status', cell: (record) => <StatusTag record={record} /> },
];

export const HandoverListPage = ({ staff, view }: { staff: StaffContext; view: HandoverListView }) => {
  const { page, found, filter, size } = view;
  const filtered = Boolean(filter.status || filter.kommuneCode);
  const params = { status: filter.status, kommune: filter.kommuneCode, antal: size };
  const summary = page && pageSummary(page, ['overdragelse', 'overdragelser'], filtered);
  return (
    <StaffLayout title="Overdragelser" staff={staff}>
      <p>Overdragelser fra {staff.centres.map(centreName).join(', ') || 'ingen centre'}, nyeste først.</p>
      <SearchForm
        action={handoversPath}
        label="Søg efter en overdragelse"
        hint="Navn (også uden æ, ø og å), telefonnummer eller Venner-reference. Søgningen står ikke i adressen, så navne ikke havner i nogen log."
        value={view.search}
      />
      <FilterForm action={handoversPath}>
        <FilterSelect
          name="status"
          label="Status"
          choices={handoverStatuses.map((status) => ({ value: status, label: statusLabels[status] }))}
          selected={filter.status}
        />
        <FilterSelect
          name="kommune"
          label="Kommune"
          choices={view.kommuner.map((k) => ({ value: k.code, label: k.name }))}
          selected={filter.kommuneCode}
        />
        <PageSizeField size={size} />
      </FilterForm>
      {found ? (
        <>
          <p role="status">{searchSummary(found.length, searchLimit, view.search ?? '')}</p>
          {found.length > 0 ? (
            <DataTable
              caption="Fundne overdragelser"
              columns={handoverColumns}
              rows={found}
              rowKey={(r) => r.id}
            />
          ) : null}
          <p>
            <a href={handoversPath}>Tilbage til alle overdragelser</a>
          </p>
        </>
      ) : page && (page.items.length > 0 || page.next) ? (
        <>
          <p role="status">{summary ?? nothingOnThisPage}</p>
          <DataTable
            caption="Overdragelser"
            columns={handoverColumns}
            rows={page.items}
            rowKey={(r) => r.id}
          />
          <Pager page={page} path={handoversPath} params={params} />
        </>
      ) : (
        <p>
          {filtered
            ? 'Ingen overdragelser passer til filtrene.'
            : page?.offset
              ? 'Der er ikke flere overdragelser.'
              : 'Der er ingen overdragelser endnu.'}
        </p>
      )}
    </StaffLayout>
  );
};

export const Row = ({ term, children }: { term: string; children: unknown }) =>
  children === undefined || children === null || children === '' ? null : (
    <>
      <dt>{term}</dt>
      <dd>{children as string}</dd>
    </>
  );

export interface KommuneEmailState {
  readonly status: string;
  readonly finishedAt?: string;
}

export const kommuneInformed = (record: HandoverRecord, email?: KommuneEmailState) => {
  if (!record.consent.shareWithKommune)
    return 'Nej: flygtningen har ikke givet samtykke til deling med kommunen';
  if (!email) return 'Ikke endnu';
  if (email.status === 'sent' && email.finishedAt) return `Ja, ${danishDateTime(email.finishedAt)}`;
  if (email.status === 'skipped') return 'Nej: oplysningerne var slettet, før e-mailen blev sendt';
  if (email.status === 'failed') return 'Nej: e-mailen kunne ikke leveres. Kontakt kommunen direkte.';
  return 'Ikke endnu: e-mailen er på vej';
};

export const ConsentRecord = ({ record }: { record: HandoverRecord }) => (
  <>
    <h2>Samtykke</h2>
    <dl class="venner-record">
      <Row term="Venner-reference">{referenceOf(record.id)}</Row>
      <Row term="Informationstekst">
        <a href={noticePath('refugees', record.consent.noticeVersion, record.consent.noticeLanguage)}>
          {`Version ${record.consent.noticeVersion} på ${noticeLanguageNames[record.consent.noticeLanguage as NoticeLanguage]?.toLowerCase() ?? record.consent.noticeLanguage}`}
        </a>
      </Row>
      <Row term="Tolk">{record.consent.interpreterUsed ? 'Ja' : 'Nej'}</Row>
      <Row term="Givet som">
        {consentMethodLabels[record.consent.consentMethod as 'oral'] ?? record.consent.consentMethod}
      </Row>
      <Row term="Deling med frivillige">{record.consent.shareWithVolunteers ? 'Ja' : 'Nej'}</Row>
      <Row term="Deling med kommunen">{record.consent.shareWithKommune ? 'Ja' : 'Nej'}</Row>
      <Row term="Samtale">{`${danishDate(record.interviewDate)} på ${centreName(record.centreId)}`}</Row>
      <Row term="Registreret">{`${danishDateTime(record.recordedAt)} af ${record.recordedBy.name}`}</Row>
    </dl>
    <h3>Hændelser</h3>
    <ol>
      {record.consentEvents.map((event) => (
        <li key={event.at + event.type}>
          {event.type === 'given' ? 'Samtykke givet' : 'Samtykke trukket tilbage'} {danishDateTime(event.at)}{' '}
          ({event.by.name}
          {event.requestedVia
            ? `, anmodning: ${withdrawalViaLabels[event.requestedVia as 'phone'] ?? event.requestedVia}`
            : ''}
          )
        </li>
      ))}
    </ol>
  </>
);

export const PersonRecord = ({ record }: { record: HandoverRecord }) => {
  const p = record.person;
  if (!p) return <p>Personoplysningerne er slettet. Kun samtykkets historik og anonyme tal er tilbage.</p>;
  return (
    <>
      <h2>Flygtningen</h2>
      <dl class="venner-record">
        <Row term="Navn">{p.name}</Row>
        <Row term="Telefon">{phoneText(p.phone)}</Row>
        <Row term="E-mail">{p.email}</Row>
        <Row term="Fødselsår">{p.birthYear?.toString()}</Row>
        <Row term="Alder">{p.age?.toString()}</Row>
        <Row term="Køn">{p.gender ? refugeeGenderLabels[p.gender] : undefined}</Row>
        <Row term="Nationalitet">{p.nationality}</Row>
        <Row term="Sprog">{languagesText(p)}</Row>
        <Row term="Dansk / engelsk">{languageLevelsText(p)}</Row>
        <Row term="Husstand">{householdText(p)}</Row>
        <Row term="Modtagende kommune">{kommuneNameOf(record.kommuneCode)}</Row>
        <Row term="Forventet flyttedato">{danishDate(p.expectedMovingDate)}</Row>
        <Row term="Ny adresse">{p.newAddress}</Row>
        <Row term="Kommunens sagsbehandler">
          {[
            p.kommuneCaseworkerName,
            p.kommuneCaseworkerEmail,
            p.kommuneCaseworkerPhone && phoneText(p.kommuneCaseworkerPhone),
          ]
            .filter(Boolean)
            .join(', ')}
        </Row>
        {kommuneRecipientsOf(record).length > 1 ? (
          <Row term="Har fået oplysningerne">
            {kommuneRecipientsOf(record)
              .map(
                (r) =>
                  `${r.name ? `${r.name}, ` : ''}${r.email} (${kommuneNameOf(r.kommuneCode)}, fra ${danishDate(r.since)})`,
              )
              .join('; ')}
          </Row>
        ) : null}
        <Row term="Ønsker hjælp til">{p.helpWith.map((h) => helpNames[h]).join(', ')}</Row>
        <Row term="Ønske til venens køn">{genderPreferenceLabels[p.preferredVolunteerGender]}</Row>
        <Row term="Note">{p.note}</Row>
      </dl>
    </>
  );
};

export const HandoverViewPage = ({
  staff,
  record,
  kommuneEmail,
  canManage,
  notice,
}: {
  staff: StaffContext;
  record: HandoverRecord;
  kommuneEmail?: KommuneEmailState;
  canManage: boolean;
  notice?: string;
}) => (
  <StaffLayout
    title={record.person ? `Overdragelse: ${record.person.name}` : 'Overdragelse (slettet)'}
    staff={staff}
  >
    {notice ? <Notice>{notice}</Notice> : null}
    <p>
      Status: <StatusTag record={record} />
    </p>
    <p>Kommunen har fået besked: {kommuneInformed(record, kommuneEmail)}</p>
    <PersonRecord record={record} />
    <ConsentRecord record={record} />
    {canManage ? (
      <>
        <h2>Handlinger</h2>
        <ul>
          {record.person && staff.roles.includes('caseworker') ? (
            <li>
              <a href={`${handoverPath(record.id)}/ret`}>Ret en fejl i oplysningerne</a>
            </li>
          ) : null}
          {record.status !== 'withdrawn' ? (
            <li>
              <a href={`${handoverPath(record.id)}/tilbagekald`}>
                Træk samtykket tilbage og slet oplysningerne
              </a>
            </li>
          ) : null}
          <li>
            <a href={`${handoverPath(record.id)}/indsigt`}>Indsigt: alt, hvad vi har gemt</a> (
            <a href={`/api/handovers/${record.id}/export`}>som JSON</a>)
          </li>
          <li>
            <a href={`${handoverPath(record.id)}/log`}>Log over hvem der har set og ændret oplysningerne</a>
          </li>
        </ul>
      </>
    ) : null}
  </StaffLayout>
);

export const WithdrawPage = ({
  staff,
  record,
  errors = [],
}: {
  staff: StaffContext;
  record: HandoverRecord;
  errors?: readonly FieldError[];
}) => (
  <StaffLayout title="Træk samtykket tilbage" staff={staff} hasErrors={errors.length > 0}>
    <p class="font-lead">
      Flygtningen har bedt om at trække sit samtykke tilbage. Når du bekræfter, bliver alle personoplysninger
      om {record.person?.name ?? 'flygtningen'} slettet med det samme. Et aktivt venskab afsluttes, og den
      frivillige og kommunen får besked om, at kontakten er ophørt – uden begrundelse. Kun anonyme tal bliver
      tilbage.
    </p>
    <ErrorSummary errors={errors} lang="da" />
    <form method="post" action={`${handoverPath(record.id)}/tilbagekald`} class="venner-form" noValidate>
      <ChoiceField
        type="radio"
        name="requestedVia"
        label="Hvordan bad flygtningen om det?"
        values={{}}
        errors={errors}
        options={Object.entries(withdrawalViaLabels).map(([value, text]) => ({ value, label: text }))}
      />
      <button type="submit" class="button button-primary">
        Træk samtykket tilbage og slet oplysningerne
      </button>
    </form>
    <p>
      <a href={handoverPath(record.id)}>Fortryd</a>
    </p>
  </StaffLayout>
);

export const actionLabels: Record<AuditEntry['action'], string> = {
  create: 'Registrerede',
  view: 'Så',
  list: 'Så i listen',
  search: 'Fandt ved søgning',
  correct: 'Rettede',
  withdraw: 'Trak samtykket tilbage',
  export: 'Hentede indsigt',
  match: 'Matchede',
};

export const AuditTable = ({ entries }: { entries: readonly AuditEntry[] }) =>
  entries.length === 0 ? (
    <p>Ingen har set eller ændret oplysningerne endnu.</p>
  ) : (
    <DataTable
      caption="Log"
      columns={[
        { header: 'Tidspunkt', cell: (entry: AuditEntry) => danishDateTime(entry.at) },
        { header: 'Hvem', cell: (entry) => entry.actor.name },
        {
          header: 'Hvad',
          cell: (entry) =>
            `${actionLabels[entry.action]}${entry.fields?.length ? `: ${entry.fields.map(label).join(', ')}` : ''}`,
        },
      ]}
      rows={entries}
      rowKey={(entry) => `${entry.at}-${entries.indexOf(entry)}`}
    />
  );

export const AuditPage = ({
  staff,
  record,
  entries,
}: {
  staff: StaffContext;
  record: HandoverRecord;
  entries: readonly AuditEntry[];
}) => (
  <StaffLayout title="Log over adgang" staff={staff}>
    <p>Hvem har set eller ændret oplysningerne i overdragelse {record.id}.</p>
    <AuditTable entries={entries} />
    <p>
      <a href={handoverPath(record.id)}>Tilbage til overdragelsen</a>
    </p>
  </StaffLayout>
);

export const ExportPage = ({
  staff,
  record,
  entries,
  kommuneEmail,
}: {
  staff: StaffContext;
  record: HandoverRecord;
  entries: readonly AuditEntry[];
  kommuneEmail?: KommuneEmailState;
}) => (
  <StaffLayout title="Indsigt: alt, hvad vi har gemt" staff={staff}>
    <p class="font-lead">
      Til svar på en anmodning om indsigt. Her er alt, Venner har gemt om personen i overdragelse {record.id}.
    </p>
    <p>Status: {statusLabels[record.status]}</p>
    <PersonRecord record={record} />
    <ConsentRecord record={record} />
    <h2>E-mails</h2>
    <p>Til kommunen: {kommuneInformed(record, kommuneEmail)}</p>
    <h2>Log over adgang</h2>
    <AuditTable entries={entries} />
    <p>
      <a href={`/api/handovers/${record.id}/export`}>Hent det hele som JSON</a>
    </p>
  </StaffLayout>
);
