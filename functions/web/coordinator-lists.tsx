import { households } from '../../shared/handover-contract.ts';
import { pathOf } from '../../shared/routes.ts';
import { languageOptions, volunteerKinds } from '../../shared/volunteer-contract.ts';
import { copenhagenDate } from '../domain/danish-time.ts';
import type { HandoverRecord } from '../domain/handover.ts';
import type { Kommune, KommuneWithCounters } from '../domain/kommune.ts';
import { missingVolunteers } from '../domain/kommune.ts';
import type { MatchStatus } from '../domain/match.ts';
import type { VolunteerForCoordinator } from '../domain/matching-views.ts';
import type { LocalGroup } from '../domain/organisations.ts';
import type { Page } from '../domain/paging.ts';
import { searchLimit } from '../domain/search-terms.ts';
import type { ListedMatch, VolunteerFilter, WaitingFilter } from '../domain/staff-lists.ts';
import { isAvailable, type Volunteer } from '../domain/volunteer.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { type GroupNames, groupName } from './group-parts.tsx';
import {
  danishDate,
  householdLabels,
  householdText,
  kommuneNameOf,
  languageNames,
  languagesText,
  phoneText,
} from './handover-texts.ts';
import {
  type Column,
  DataTable,
  FilterForm,
  FilterSelect,
  listHref,
  nothingOnThisPage,
  Pager,
  PageSizeField,
  pageSummary,
  SearchForm,
  searchSummary,
} from './list-parts.tsx';
import { ReadinessSection, readinessText } from './match-support-pages.tsx';
import { followUpState, matchStatusLabels } from './matching-texts.ts';
import { countOf, danishNumber, pluralWord } from './plural.ts';
import { StaffLayout } from './staff-layout.tsx';
import {
  ageRangeLabels,
  frequencyLabels,
  genderLabels,
  helpLabels,
  kindLabels,
  languageLabels,
  organisationLabels,
} from './volunteer-texts.ts';

/**
 * The coordinator's lists: who waits (across all their kommuner, longest wait first), the
 * volunteers, and the matches with both names; each pages, filters and searches.
 */

export const matchingPath = pathOf('matching', 'overview');
export const volunteersPath = pathOf('matching', 'volunteers');
export const volunteerPath = (id: string) => pathOf('matching', 'volunteer', { id });
export const matchesPath = pathOf('matching', 'matches');
const refugeePath = (id: string) => pathOf('matching', 'refugee', { id });
const matchPath = (id: string) => pathOf('matching', 'match', { id });

const daysSince = (iso: string, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000));

const refugeeName = (record: HandoverRecord) => record.person?.name ?? 'Oplysningerne er slettet';

/** Coordinators see all their kommuner together, or one; administrators choose one. */
const KommuneFilter = ({
  kommuner,
  selected,
  allowAll,
}: {
  kommuner: readonly Kommune[];
  selected?: string;
  allowAll: boolean;
}) => (
  <FilterSelect
    name="kommune"
    label="Kommune"
    all={allowAll ? 'Alle mine kommuner' : 'Vælg en kommune'}
    choices={kommuner.map((k) => ({ value: k.code, label: k.name }))}
    selected={selected}
  />
);

const languageChoices = languageOptions.map((l) => ({ value: l, label: languageNames[l].toLowerCase() }));

export const waitedDaysChoices = [7, 14, 30, 60, 90] as const;

export interface WaitingView {
  readonly kommuner: readonly Kommune[];
  /** The kommune asked for; undefined for all the coordinator's kommuner. */
  readonly kommune?: string;
  readonly allowAll: boolean;
  readonly filter: WaitingFilter;
  readonly size: number;
  readonly counters: readonly KommuneWithCounters[];
  readonly page?: Page<HandoverRecord>;
  readonly found?: readonly HandoverRecord[];
  readonly search?: string;
  readonly now: Date;
}

const Figure = ({ one, other, value }: { one: string; other: string; value: number }) => (
  <div class="venner-figure">
    <span class="venner-figure-value">{danishNumber(value)}</span>{' '}
    <span>{pluralWord(value, one, other)}</span>
  </div>
);

/** Where people wait, kommune by kommune: the coordinator sees at once which of theirs needs them. */
const KommuneCounts = ({ counters }: { counters: readonly KommuneWithCounters[] }) => (
  <DataTable
    caption="Dine kommuner"
    columns={[
      {
        header: 'Kommune',
        cell: (k: KommuneWithCounters) => <a href={listHref(matchingPath, { kommune: k.code })}>{k.name}</a>,
      },
      { header: 'Venter på en ven', cell: (k) => danishNumber(k.waitingRefugees) },
      { header: 'Ledige frivillige', cell: (k) => danishNumber(k.availableVolunteers) },
      { header: 'Mangler en ven', cell: (k) => danishNumber(missingVolunteers(k)) },
    ]}
    rows={[...counters].sort((a, b) => b.waitingRefugees - a.waitingRefugees)}
    rowKey={(k) => k.code}
  />
);

export const WaitingListPage = ({ staff, view }: { staff: StaffContext; view: WaitingView }) => {
  const { page, found, filter, counters, now } = view;
  const several = view.kommune === undefined && counters.length > 1;
  const columns: Column<HandoverRecord>[] = [
    { header: 'Navn', cell: (r) => <a href={refugeePath(r.id)}>{refugeeName(r)}</a> },
    ...(several || found
      ? [{ header: 'Kommune', cell: (r: HandoverRecord) => kommuneNameOf(r.kommuneCode) }]
      : []),
    // The list's order: the time since the handover (the waiting time after arrival is on their page).
    {
      header: 'Overdraget',
      cell: (r) => `for ${countOf(daysSince(r.recordedAt, now), 'dag', 'dage')} siden`,
    },
    { header: 'Husstand', cell: (r) => (r.person ? householdText(r.person) : '–') },
    { header: 'Sprog', cell: (r) => (r.person ? languagesText(r.person) || '–' : '–') },
    { header: 'Flyttedato', cell: (r) => (r.person ? danishDate(r.person.expectedMovingDate) : '–') },
  ];
  const filtered = Boolean(filter.language || filter.household || filter.waitedDays);
  const params = {
    kommune: view.kommune,
    sprog: filter.language,
    husstand: filter.household,
    ventet: filter.waitedDays,
    antal: view.size,
  };
  const sum = (pick: (k: KommuneWithCounters) => number) => counters.reduce((n, k) => n + pick(k), 0);
  const chosen = view.kommune ? kommuneNameOf(view.kommune) : undefined;
  return (
    <StaffLayout title="Matching" staff={staff}>
      {view.kommuner.length === 0 ? (
        <p>
          Du er ikke koordinator for nogen kommune endnu. Bed en administrator om at tilføje dine kommuner.
        </p>
      ) : (
        <>
          <ListLinks kommune={view.kommune} />
          {counters.length > 0 ? (
            <>
              <h2>{chosen ?? 'Alle dine kommuner'}</h2>
              <div class="venner-figures">
                <Figure
                  one="venter på en ven"
                  other="venter på en ven"
                  value={sum((k) => k.waitingRefugees)}
                />
                <Figure
                  one="ledig frivillig"
                  other="ledige frivillige"
                  value={sum((k) => k.availableVolunteers)}
                />
                <Figure one="mangler en ven" other="mangler en ven" value={sum(missingVolunteers)} />
              </div>
              {several ? <KommuneCounts counters={counters} /> : null}
            </>
          ) : null}
          {view.kommune ? (
            <ul class="nobullet-list venner-actions">
              <li>
                <a href={listHref(`${matchingPath}/plan`, { kommune: view.kommune })}>
                  Foreslå en plan for hele {chosen}
                </a>
              </li>
              <li>
                <a href={listHref(`${matchingPath}/eksport`, { kommune: view.kommune, liste: 'venteliste' })}>
                  Hent ventelisten (CSV til Excel)
                </a>
              </li>
              <li>
                <a href={listHref(`${matchingPath}/eksport`, { kommune: view.kommune, liste: 'match' })}>
                  Hent match (CSV til Excel)
                </a>
              </li>
            </ul>
          ) : null}
          <h2>Venter på en ven</h2>
          <SearchForm
            action={matchingPath}
            label="Søg blandt dem, der venter"
            hint="Navn (også uden æ, ø og å), telefonnummer eller Venner-reference."
            value={view.search}
            hidden={{ kommune: view.kommune }}
          />
          <FilterForm action={matchingPath}>
            <KommuneFilter kommuner={view.kommuner} selected={view.kommune} allowAll={view.allowAll} />
            <FilterSelect name="sprog" label="Sprog" choices={languageChoices} selected={filter.language} />
            <FilterSelect
              name="husstand"
              label="Husstand"
              choices={households.map((h) => ({ value: h, label: householdLabels[h] }))}
              selected={filter.household}
            />
            <FilterSelect
              name="ventet"
              label="Overdraget for mindst"
              all="Uanset hvornår"
              choices={waitedDaysChoices.map((d) => ({ value: String(d), label: `${d} dage siden` }))}
              selected={filter.waitedDays ? String(filter.waitedDays) : undefined}
            />
            <PageSizeField size={view.size} />
          </FilterForm>
          {found ? (
            <>
              <p role="status">{searchSummary(found.length, searchLimit, view.search ?? '')}</p>
              {found.length > 0 ? (
                <DataTable caption="Fundne" columns={columns} rows={found} rowKey={(r) => r.id} />
              ) : null}
              <p>
                <a href={listHref(matchingPath, { kommune: view.kommune })}>Tilbage til hele listen</a>
              </p>
            </>
          ) : page && (page.items.length > 0 || page.next) ? (
            <>
              <p role="status">{pageSummary(page, ['venter', 'venter'], filtered) ?? nothingOnThisPage}</p>
              <DataTable
                caption="Venter på en ven (længst tid siden overdragelsen først)"
                columns={columns}
                rows={page.items}
                rowKey={(r) => r.id}
              />
              <Pager page={page} path={matchingPath} params={params} />
            </>
          ) : view.allowAll || view.kommune ? (
            <p>
              {filtered
                ? 'Ingen, der venter, passer til filtrene.'
                : page?.offset
                  ? 'Der er ikke flere, der venter.'
                  : `Ingen venter på en ven i ${chosen ?? 'dine kommuner'}.`}
            </p>
          ) : (
            <p>Vælg en kommune for at se, hvem der venter.</p>
          )}
        </>
      )}
    </StaffLayout>
  );
};

/** The coordinator's three lists, one link each, from every list page. */
const ListLinks = ({ kommune }: { kommune?: string }) => (
  <nav aria-label="Lister" class="venner-list-links">
    <ul class="nobullet-list">
      <li>
        <a href={listHref(matchingPath, { kommune })}>Venter på en ven</a>
      </li>
      <li>
        <a href={listHref(volunteersPath, { kommune })}>Frivillige</a>
      </li>
      <li>
        <a href={listHref(matchesPath, { kommune })}>Match</a>
      </li>
    </ul>
  </nav>
);

/** A volunteer's state in words, as a coordinator needs it. */
export const volunteerState = (v: Volunteer): string =>
  v.paused
    ? 'Holder pause'
    : !v.ready
      ? 'Ikke klar til en ny ven'
      : v.activeMatches >= v.capacity
        ? 'Alle pladser er optaget'
        : isAvailable(v)
          ? 'Ledig'
          : 'Ikke ledig';

const placesLeft = (v: Volunteer) => Math.max(0, v.capacity - v.activeMatches);

const volunteerLanguages = (v: Volunteer) =>
  [
    ...v.languages.map((l) => languageLabels[l].da.toLowerCase()),
    ...(v.otherLanguages ? [v.otherLanguages] : []),
  ].join(', ') || '–';

export interface VolunteerListView {
  readonly kommuner: readonly Kommune[];
  readonly kommune?: string;
  readonly allowAll: boolean;
  readonly filter: VolunteerFilter;
  readonly size: number;
  readonly page?: Page<Volunteer>;
  readonly found?: readonly Volunteer[];
  readonly search?: string;
}

export const VolunteerListPage = ({ staff, view }: { staff: StaffContext; view: VolunteerListView }) => {
  const { page, found, filter } = view;
  const today = copenhagenDate(new Date());
  const columns: Column<Volunteer>[] = [
    { header: 'Navn', cell: (v) => <a href={volunteerPath(v.id)}>{v.name}</a> },
    { header: 'Kommune', cell: (v) => kommuneNameOf(v.kommuneCode) },
    { header: 'Status', cell: volunteerState },
    { header: 'Introduktion og børneattest', cell: (v) => readinessText(v, today) },
    { header: 'Pladser tilbage', cell: (v) => `${placesLeft(v)} af ${v.capacity}` },
    { header: 'Tilbyder', cell: (v) => kindLabels[v.kind].da },
    { header: 'Sprog', cell: volunteerLanguages },
    { header: 'Senest aktiv', cell: (v) => danishDate(v.updatedAt) },
  ];
  const filtered = Boolean(filter.language || filter.kind || filter.withRoom || filter.ready);
  const params = {
    kommune: view.kommune,
    status: filter.availability,
    sprog: filter.language,
    tilbyder: filter.kind,
    pladser: filter.withRoom ? 'ledige' : undefined,
    klar: filter.ready ? 'ja' : undefined,
    antal: view.size,
  };
  return (
    <StaffLayout title="Frivillige" staff={staff}>
      <ListLinks kommune={view.kommune} />
      <SearchForm
        action={volunteersPath}
        label="Søg efter en frivillig"
        hint="Fornavn eller efternavn, også uden æ, ø og å."
        value={view.search}
        hidden={{ kommune: view.kommune }}
      />
      <FilterForm action={volunteersPath}>
        <KommuneFilter kommuner={view.kommuner} selected={view.kommune} allowAll={view.allowAll} />
        <FilterSelect
          name="status"
          label="Status"
          choices={[
            { value: 'available', label: 'Ledige' },
            { value: 'unavailable', label: 'Ikke ledige (pause, ikke klar eller fuldt optaget)' },
          ]}
          selected={filter.availability}
        />
        <FilterSelect name="sprog" label="Sprog" choices={languageChoices} selected={filter.language} />
        <FilterSelect
          name="tilbyder"
          label="Tilbyder"
          choices={volunteerKinds.map((k) => ({ value: k, label: kindLabels[k].da }))}
          selected={filter.kind}
        />
        <FilterSelect
          name="pladser"
          label="Pladser"
          all="Alle"
          choices={[{ value: 'ledige', label: 'Har en plads tilbage' }]}
          selected={filter.withRoom ? 'ledige' : undefined}
        />
        <FilterSelect
          name="klar"
          label="Klar"
          all="Alle"
          choices={[{ value: 'ja', label: 'Klar til en ny ven (holder ikke pause)' }]}
          selected={filter.ready ? 'ja' : undefined}
        />
        <PageSizeField size={view.size} />
      </FilterForm>
      {found ? (
        <>
          <p role="status">{searchSummary(found.length, searchLimit, view.search ?? '')}</p>
          {found.length > 0 ? (
            <DataTable caption="Fundne frivillige" columns={columns} rows={found} rowKey={(v) => v.id} />
          ) : null}
          <p>
            <a href={listHref(volunteersPath, { kommune: view.kommune })}>Tilbage til alle frivillige</a>
          </p>
        </>
      ) : page && (page.items.length > 0 || page.next) ? (
        <>
          <p role="status">
            {pageSummary(
              page,
              filter.availability === 'available' ? ['ledig', 'ledige'] : ['frivillig', 'frivillige'],
              filtered,
            ) ?? nothingOnThisPage}
          </p>
          <DataTable
            caption="Frivillige (senest aktive først)"
            columns={columns}
            rows={page.items}
            rowKey={(v) => v.id}
          />
          <Pager page={page} path={volunteersPath} params={params} />
        </>
      ) : view.allowAll || view.kommune ? (
        <p>
          {filtered || filter.availability
            ? 'Ingen frivillige passer til filtrene.'
            : 'Der er ingen frivillige endnu.'}
        </p>
      ) : (
        <p>Vælg en kommune for at se dens frivillige.</p>
      )}
    </StaffLayout>
  );
};

const Fact = ({ term, children }: { term: string; children: unknown }) =>
  children === undefined || children === '' ? null : (
    <>
      <dt>{term}</dt>
      <dd>{children as string}</dd>
    </>
  );

export const VolunteerPage = ({
  staff,
  data,
  now,
  notice,
  groups,
}: {
  staff: StaffContext;
  data: VolunteerForCoordinator;
  now: Date;
  notice?: string;
  groups?: { names: GroupNames; choices: readonly LocalGroup[] };
}) => {
  const v = data.volunteer;
  return (
    <StaffLayout title={v.name} staff={staff}>
      <p>
        <a href={listHref(volunteersPath, { kommune: v.kommuneCode })}>Tilbage til frivillige</a>
      </p>
      <dl class="venner-record">
        <Fact term="Status">{volunteerState(v)}</Fact>
        <Fact term="Pladser">{`${placesLeft(v)} ledige af ${v.capacity}`}</Fact>
        <Fact term="Tilbyder">
          {v.kind === 'family'
            ? `${kindLabels.family.da} (${countOf(v.adults ?? 2, 'voksen', 'voksne')}, ${countOf(v.children ?? 0, 'barn', 'børn')})`
            : kindLabels.friend.da}
        </Fact>
        <Fact term="Kommune og postnummer">{`${kommuneNameOf(v.kommuneCode)}, ${v.postalCode}`}</Fact>
        <Fact term="Sprog">{volunteerLanguages(v)}</Fact>
        <Fact term="Vil gerne hjælpe med">
          {v.helpWith.map((h) => helpLabels[h].da.toLowerCase()).join(', ')}
        </Fact>
        <Fact term="Kan mødes">{frequencyLabels[v.meetingFrequency].da.toLowerCase()}</Fact>
        <Fact term="Køn">{v.gender ? genderLabels[v.gender].da : undefined}</Fact>
        <Fact term="Alder">{v.ageRange ? ageRangeLabels[v.ageRange].da : undefined}</Fact>
        <Fact term="Lokal gruppe">{groupName(groups?.names ?? {}, v.groupId)}</Fact>
        <Fact term="Organisation">
          {v.organisationName
            ? `${organisationLabels[v.organisation].da}: ${v.organisationName}`
            : organisationLabels[v.organisation].da}
        </Fact>
        <Fact term="E-mail">{v.email}</Fact>
        <Fact term="Telefon">{v.phone ? phoneText(v.phone) : undefined}</Fact>
        <Fact term="Tilmeldt">{v.confirmedAt ? danishDate(v.confirmedAt) : danishDate(v.createdAt)}</Fact>
        <Fact term="Senest aktiv">{danishDate(v.updatedAt)}</Fact>
      </dl>
      <ReadinessSection volunteer={v} now={now} notice={notice} />
      {groups ? <MoveToGroup volunteer={v} choices={groups.choices} /> : null}
      <h2>Match</h2>
      {data.matches.length === 0 ? (
        <p>Ingen match endnu.</p>
      ) : (
        <ul>
          {data.matches.map((m) => (
            <li key={m.id}>
              <a href={matchPath(m.id)}>
                {matchStatusLabels[m.status]}, foreslået {danishDate(m.proposedAt)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </StaffLayout>
  );
};

export const openMatchStatuses: readonly MatchStatus[] = ['proposed', 'active', 'paused'];
export const matchListFilters = ['open', 'proposed', 'active', 'paused', 'ended', 'not-started'] as const;
export type MatchListFilter = (typeof matchListFilters)[number];
const matchListLabels: Record<MatchListFilter, string> = {
  open: 'Igangværende (foreslået, aktive, på pause)',
  proposed: 'Foreslået – venter på svar',
  active: 'Aktive',
  paused: 'På pause',
  ended: 'Afsluttede',
  'not-started': 'Afslået, trukket tilbage eller udløbet',
};

/** The match statuses each choice lists. */
export const matchListStatuses: Record<MatchListFilter, readonly MatchStatus[]> = {
  open: openMatchStatuses,
  proposed: ['proposed'],
  active: ['active'],
  paused: ['paused'],
  ended: ['ended'],
  'not-started': ['declined', 'cancelled', 'lapsed'],
};

export interface MatchListView {
  readonly kommuner: readonly Kommune[];
  readonly kommune?: string;
  readonly allowAll: boolean;
  readonly status: MatchListFilter;
  readonly size: number;
  readonly page?: Page<ListedMatch>;
  readonly groupNames?: GroupNames;
}

export const MatchListPage = ({ staff, view }: { staff: StaffContext; view: MatchListView }) => {
  const { page } = view;
  const columns: Column<ListedMatch>[] = [
    {
      header: 'Flygtning',
      // Another group's match: who holds the refugee is shown, its volunteer and its page are theirs.
      cell: ({ match, refugee, otherGroup }) =>
        otherGroup ? (
          (refugee?.person?.name ?? 'Oplysningerne er slettet')
        ) : (
          <a href={matchPath(match.id)}>{refugee?.person?.name ?? 'Oplysningerne er slettet'}</a>
        ),
    },
    {
      header: 'Frivillig',
      cell: ({ volunteer, otherGroup }) =>
        otherGroup ? (
          'En anden gruppes frivillig'
        ) : volunteer ? (
          <a href={volunteerPath(volunteer.id)}>{volunteer.name}</a>
        ) : (
          'Har forladt Venner'
        ),
    },
    { header: 'Gruppe', cell: ({ match }) => groupName(view.groupNames ?? {}, match.groupId) },
    // One kommune chosen: its name is in the filter, and the column's room goes to the others.
    ...(view.kommune
      ? []
      : [{ header: 'Kommune', cell: ({ match }: ListedMatch) => kommuneNameOf(match.kommuneCode) }]),
    { header: 'Status', cell: ({ match }) => matchStatusLabels[match.status] },
    {
      header: 'Start',
      cell: ({ match }) =>
        match.activeSince ? danishDate(match.activeSince) : `Foreslået ${danishDate(match.proposedAt)}`,
    },
    // Another group's check-ins are theirs to read.
    { header: 'Opfølgning', cell: ({ match, otherGroup }) => (otherGroup ? '–' : followUpState(match)) },
  ];
  return (
    <StaffLayout title="Match" staff={staff}>
      <ListLinks kommune={view.kommune} />
      <FilterForm action={matchesPath}>
        <KommuneFilter kommuner={view.kommuner} selected={view.kommune} allowAll={view.allowAll} />
        <FilterSelect
          name="status"
          label="Status"
          all={matchListLabels.open}
          choices={matchListFilters
            .filter((f) => f !== 'open')
            .map((f) => ({ value: f, label: matchListLabels[f] }))}
          selected={view.status === 'open' ? undefined : view.status}
        />
        <PageSizeField size={view.size} />
      </FilterForm>
      {page && page.items.length > 0 ? (
        <>
          <p role="status">{pageSummary(page, ['match', 'match'], false)}</p>
          <DataTable
            caption="Match (nyeste først)"
            columns={columns}
            rows={page.items}
            rowKey={(m) => m.match.id}
          />
          <Pager
            page={page}
            path={matchesPath}
            params={{
              kommune: view.kommune,
              status: view.status === 'open' ? undefined : view.status,
              antal: view.size,
            }}
          />
        </>
      ) : view.allowAll || view.kommune ? (
        <p>{page?.offset ? 'Der er ikke flere match.' : 'Ingen match her endnu.'}</p>
      ) : (
        <p>Vælg en kommune for at se dens match.</p>
      )}
    </StaffLayout>
  );
};

/** Moving a volunteer to another group covering their kommune (they are told by email). */
const MoveToGroup = ({ volunteer, choices }: { volunteer: Volunteer; choices: readonly LocalGroup[] }) => {
  const others = choices.filter((g) => g.id !== volunteer.groupId);
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="gruppe">
      <h2 id="gruppe">{volunteer.groupId ? 'Flyt til en anden gruppe' : 'Tildel en gruppe'}</h2>
      <p>
        Den frivillige får en e-mail med den nye gruppes kontakt. Igangværende match bliver hos den gruppe,
        der lavede dem.
      </p>
      <form
        method="post"
        action={pathOf('matching', 'moveVolunteer', { id: volunteer.id })}
        class="venner-filter"
      >
        <div class="form-group">
          <label class="form-label" for="field-group">
            Gruppe
          </label>
          <select class="form-select" id="field-group" name="group">
            {others.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {volunteer.groupId ? 'Flyt den frivillige' : 'Tildel gruppen'}
        </button>
      </form>
    </section>
  );
};
