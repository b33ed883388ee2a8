import { pathOf } from '../../shared/routes.ts';
import { type HandoverRecord, referenceOf } from '../domain/handover.ts';
import type { Kommune } from '../domain/kommune.ts';
import type { Match } from '../domain/match.ts';
import type { Suggestion } from '../domain/match-scoring.ts';
import type { KommunePlan } from '../domain/matching-views.ts';
import { type GroupScope, seesVolunteer } from '../domain/organisations.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { type GroupNames, groupName } from './group-parts.tsx';
import { danishDate, kommuneNameOf } from './handover-texts.ts';
import { DataTable } from './list-parts.tsx';
import { missingLabels } from './match-support-pages.tsx';
import { followUpState, matchStatusLabels, reasonText } from './matching-texts.ts';
import { countOf } from './plural.ts';
import { StaffLayout } from './staff-layout.tsx';
import { kindLabels, languageLabels } from './volunteer-texts.ts';

export const matchingPath = pathOf('matching', 'overview');
export const refugeeMatchingPath = (id: string) => pathOf('matching', 'refugee', { id });
export const matchPath = (id: string) => pathOf('matching', 'match', { id });

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
  action,
}: {
  kommuner: readonly Kommune[];
  selected?: string;
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
    <button type="submit" class="button button-secondary">
      Vis
    </button>
  </form>
);

/** A refugee's matches so far (on their page): who, how it went, and the follow-ups. */
export const MatchRows = ({
  matches,
  groupNames,
  staff,
}: {
  matches: readonly Match[];
  groupNames?: GroupNames;
  /** Who reads: another group's match is named, not linked. */
  staff?: GroupScope;
}) => (
  <DataTable
    caption="Match"
    columns={[
      {
        header: 'Match',
        cell: (m: Match) =>
          staff && !seesVolunteer(staff, m) ? (
            `Match ${danishDate(m.proposedAt)}`
          ) : (
            <a href={matchPath(m.id)}>Match {danishDate(m.proposedAt)}</a>
          ),
      },
      ...(groupNames ? [{ header: 'Gruppe', cell: (m: Match) => groupName(groupNames, m.groupId) }] : []),
      { header: 'Status', cell: (m) => matchStatusLabels[m.status] },
      { header: 'Aktiv siden', cell: (m) => (m.activeSince ? danishDate(m.activeSince) : '–') },
      {
        header: 'Opfølgning',
        cell: followUpState,
      },
    ]}
    rows={matches}
    rowKey={(m) => m.id}
  />
);

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
      <DataTable
        caption="Foreslåede par"
        columns={[
          {
            header: 'Flygtning',
            cell: (pair: KommunePlan['pairs'][number]) => (
              <a href={refugeeMatchingPath(pair.record.id)}>{refugeeName(pair.record)}</a>
            ),
          },
          { header: 'Frivillig', cell: (pair) => `${pair.volunteer.name} (${pair.volunteer.postalCode})` },
          {
            header: 'Point og grunde',
            cell: (pair) => (
              <>
                {pair.suggestion.score} point
                <Reasons suggestion={pair.suggestion} />
              </>
            ),
          },
          {
            header: 'Bekræft',
            cell: (pair) => (
              <ProposeButton consentId={pair.record.id} volunteerId={pair.volunteer.id} label="Foreslå" />
            ),
          },
        ]}
        rows={plan.pairs}
        rowKey={(pair) => pair.record.id}
      />
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
    {plan.notScreened.length > 0 ? (
      <>
        <h2>Ledige frivillige, der ikke er klar endnu</h2>
        <p>Planen bruger dem ikke, før det manglende er registreret på deres side.</p>
        <ul>
          {plan.notScreened.map(({ volunteer, missing }) => (
            <li key={volunteer.id}>
              <a href={pathOf('matching', 'volunteer', { id: volunteer.id })}>{volunteer.name}</a>:{' '}
              {missing.map((m) => missingLabels[m]).join(', ')}
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
