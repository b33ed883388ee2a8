import { pathOf } from '../../shared/routes.ts';
import { type HandoverRecord, referenceOf } from '../domain/handover.ts';
import type { Kommune } from '../domain/kommune.ts';
import { type Match, type MatchStatus, milestoneIds } from '../domain/match.ts';
import type { Suggestion } from '../domain/match-scoring.ts';
import { daysWaiting } from '../domain/matching.ts';
import type { KommuneOverview, KommunePlan } from '../domain/matching-views.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { danishDate, householdText, kommuneNameOf, languagesText } from './handover-texts.ts';
import { followUpAnswerLabels, matchStatusLabels, milestoneLabels, reasonText } from './matching-texts.ts';
import { countOf, pluralWord } from './plural.ts';
import { StaffLayout } from './staff-layout.tsx';
import { kindLabels, languageLabels } from './volunteer-texts.ts';

export const matchingPath = pathOf('matching', 'overview');
export const refugeeMatchingPath = (id: string) => pathOf('matching', 'refugee', { id });
export const matchPath = (id: string) => pathOf('matching', 'match', { id });

export const overviewFilters = ['waiting', 'proposed', 'active', 'paused', 'all'] as const;
export type OverviewFilter = (typeof overviewFilters)[number];

export const filterLabels: Record<OverviewFilter, string> = {
  waiting: 'Venter på en ven',
  proposed: 'Foreslået',
  active: 'Aktive match',
  paused: 'På pause',
  all: 'Alle',
};

export const volunteerLanguages = (v: Volunteer) =>
  [...v.languages.map((l) => languageLabels[l].da), ...(v.otherLanguages ? [v.otherLanguages] : [])].join(
    ', ',
  );

export const volunteerHousehold = (v: Volunteer) =>
  v.kind === 'family'
    ? `Venskabsfamilie (${countOf(v.adults ?? 2, 'voksen', 'voksne')}, ${countOf(v.children ?? 0, 'barn', 'børn')})`
    : kindLabels.friend.da;

export const refugeeName = (record: HandoverRecord) =>
  record.person?.name ?? `Reference ${referenceOf(record.id)}`;

/** Coordinators choose among their kommuner; administrators among all. */
const KommunePicker = ({
  kommuner,
  selected,
  filter,
  action,
}: {
  kommuner: readonly Kommune[];
  selected?: string;
  filter?: OverviewFilter;
  action: string;
}) => (
  <form method="get" action={action} class="venner-filter">
    <div class="form-group">
      <label class="form-label" for="kommune">
        Kommune
      </label>
      <select class="form-select" id="kommune" name="kommune">
        {kommuner.map((k) => (
          <option key={k.code} value={k.code} selected={k.code === selected}>
            {k.name}
          </option>
        ))}
      </select>
    </div>
    {filter ? (
      <div class="form-group">
        <label class="form-label" for="status">
          Vis
        </label>
        <select class="form-select" id="status" name="status">
          {overviewFilters.map((f) => (
            <option key={f} value={f} selected={f === filter}>
              {filterLabels[f]}
            </option>
          ))}
        </select>
      </div>
    ) : null}
    <button type="submit" class="button button-secondary">
      Vis
    </button>
  </form>
);

const Figure = ({ one, other, value }: { one: string; other: string; value: number }) => (
  <div class="venner-figure">
    <span class="venner-figure-value">{value}</span> <span>{pluralWord(value, one, other)}</span>
  </div>
);

export const MatchRows = ({ matches }: { matches: readonly Match[] }) => (
  <table class="table table--zebra">
    <caption>Match</caption>
    <thead>
      <tr>
        <th scope="col">Reference</th>
        <th scope="col">Status</th>
        <th scope="col">Foreslået</th>
        <th scope="col">Aktiv siden</th>
        <th scope="col">Opfølgning</th>
      </tr>
    </thead>
    <tbody>
      {matches.map((m) => (
        <tr key={m.id}>
          <td>
            <a href={matchPath(m.id)}>{referenceOf(m.consentId)}</a>
          </td>
          <td>{matchStatusLabels[m.status]}</td>
          <td>{danishDate(m.proposedAt)}</td>
          <td>{m.activeSince ? danishDate(m.activeSince) : '–'}</td>
          <td>
            {milestoneIds
              .filter((id) => m.followUps[id])
              .map((id) => {
                const answer = m.followUps[id]?.answer;
                return `${milestoneLabels[id]}: ${answer ? followUpAnswerLabels[answer] : 'intet svar endnu'}`;
              })
              .join('; ') || '–'}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const MatchingOverviewPage = ({
  staff,
  kommuner,
  overview,
  filter,
  now,
}: {
  staff: StaffContext;
  kommuner: readonly Kommune[];
  overview?: KommuneOverview;
  filter: OverviewFilter;
  now: Date;
}) => {
  const shown = (status: MatchStatus) =>
    (overview?.matches ?? []).filter((m) => m.status === status && (filter === 'all' || filter === status));
  const matches = [...shown('proposed'), ...shown('active'), ...shown('paused')];
  return (
    <StaffLayout title="Matching" staff={staff}>
      {kommuner.length === 0 ? (
        <p>
          Du er ikke koordinator for nogen kommune endnu. Bed en administrator om at tilføje dine kommuner.
        </p>
      ) : (
        <KommunePicker
          kommuner={kommuner}
          selected={overview?.kommuneCode}
          filter={filter}
          action={matchingPath}
        />
      )}
      {overview ? (
        <>
          <h2>{kommuneNameOf(overview.kommuneCode)}</h2>
          <div class="venner-figures">
            <Figure one="venter på en ven" other="venter på en ven" value={overview.waiting.length} />
            <Figure one="ledig frivillig" other="ledige frivillige" value={overview.available.length} />
            <Figure
              one="aktivt match"
              other="aktive match"
              value={overview.matches.filter((m) => m.status === 'active').length}
            />
            <Figure one="mangler en ven" other="mangler en ven" value={overview.gap} />
          </div>
          <ul class="nobullet-list venner-actions">
            <li>
              <a href={`${matchingPath}/plan?kommune=${overview.kommuneCode}`}>
                Foreslå en plan for hele kommunen
              </a>
            </li>
            <li>
              <a href={`${matchingPath}/eksport?kommune=${overview.kommuneCode}&liste=venteliste`}>
                Hent ventelisten (CSV til Excel)
              </a>
            </li>
            <li>
              <a href={`${matchingPath}/eksport?kommune=${overview.kommuneCode}&liste=match`}>
                Hent match (CSV til Excel)
              </a>
            </li>
          </ul>
          {filter === 'waiting' || filter === 'all' ? (
            overview.waiting.length === 0 ? (
              <p>Ingen venter på en ven i {kommuneNameOf(overview.kommuneCode)}.</p>
            ) : (
              <table class="table table--zebra">
                <caption>Venter på en ven (længst ventetid først)</caption>
                <thead>
                  <tr>
                    <th scope="col">Navn</th>
                    <th scope="col">Dage</th>
                    <th scope="col">Husstand</th>
                    <th scope="col">Sprog</th>
                    <th scope="col">Ankomst</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.waiting.map((record) => (
                    <tr key={record.id}>
                      <td>
                        <a href={refugeeMatchingPath(record.id)}>{refugeeName(record)}</a>
                      </td>
                      <td>{daysWaiting(record, now)}</td>
                      <td>{record.person ? householdText(record.person) : '–'}</td>
                      <td>{record.person ? languagesText(record.person) : '–'}</td>
                      <td>{record.person ? danishDate(record.person.expectedMovingDate) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
          {matches.length > 0 ? <MatchRows matches={matches} /> : null}
          {filter === 'all' ? (
            <p>
              {countOf(overview.available.length, 'ledig frivillig', 'ledige frivillige')}:{' '}
              {overview.available
                .slice(0, 50)
                .map((v) => `${v.name} (${v.postalCode})`)
                .join(', ')}
              {overview.available.length > 50 ? ' …' : ''}
            </p>
          ) : null}
        </>
      ) : null}
    </StaffLayout>
  );
};

export const PlanPage = ({
  staff,
  plan,
  kommuner,
}: {
  staff: StaffContext;
  plan: KommunePlan;
  kommuner: readonly Kommune[];
}) => (
  <StaffLayout title={`Plan for ${kommuneNameOf(plan.kommuneCode)}`} staff={staff}>
    <KommunePicker kommuner={kommuner} selected={plan.kommuneCode} action={`${matchingPath}/plan`} />
    <p>
      Den bedst mulige fordeling af alle, der venter, på de ledige frivillige: den største samlede pointsum
      inden for reglerne og de frivilliges pladser ({plan.total} point i alt). Intet er sendt endnu: bekræft
      parrene ét ad gangen.
    </p>
    {plan.pairs.length === 0 ? (
      <p>Der er ingen par at foreslå lige nu.</p>
    ) : (
      <table class="table table--zebra">
        <caption>Foreslåede par</caption>
        <thead>
          <tr>
            <th scope="col">Flygtning</th>
            <th scope="col">Frivillig</th>
            <th scope="col">Point og grunde</th>
            <th scope="col">Bekræft</th>
          </tr>
        </thead>
        <tbody>
          {plan.pairs.map((pair) => (
            <tr key={pair.record.id}>
              <td>
                <a href={refugeeMatchingPath(pair.record.id)}>{refugeeName(pair.record)}</a>
              </td>
              <td>
                {pair.volunteer.name} ({pair.volunteer.postalCode})
              </td>
              <td>
                {pair.suggestion.score} point
                <Reasons suggestion={pair.suggestion} />
              </td>
              <td>
                <ProposeButton consentId={pair.record.id} volunteerId={pair.volunteer.id} label="Foreslå" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    {plan.unmatched.length > 0 ? (
      <>
        <h2>Uden et godt match i planen</h2>
        <p>Åbn dem for at se alle muligheder.</p>
        <ul>
          {plan.unmatched.map((record) => (
            <li key={record.id}>
              <a href={refugeeMatchingPath(record.id)}>{refugeeName(record)}</a>
            </li>
          ))}
        </ul>
      </>
    ) : null}
  </StaffLayout>
);

export const Reasons = ({ suggestion }: { suggestion: Suggestion }) => (
  <ul class="venner-reasons">
    {suggestion.reasons.map((reason) => (
      <li key={reason.code} class={reason.points < 0 ? 'venner-reason-against' : undefined}>
        {reasonText(reason)} ({reason.points > 0 ? '+' : ''}
        {reason.points})
      </li>
    ))}
  </ul>
);

export const ProposeButton = ({
  consentId,
  volunteerId,
  label,
}: {
  consentId: string;
  volunteerId: string;
  label: string;
}) => (
  <form method="post" action={refugeeMatchingPath(consentId)}>
    <input type="hidden" name="volunteerId" value={volunteerId} />
    <button type="submit" class="button button-primary">
      {label}
    </button>
  </form>
);
