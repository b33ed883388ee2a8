import type { ComponentChildren } from 'preact';
import { centreName } from '../../shared/asylum-centres.ts';
import { type HandoverRecord, referenceOf } from '../domain/handover.ts';
import type { Kommune } from '../domain/kommune.ts';
import { endReasons, type Match, type MatchStatus, milestoneIds } from '../domain/match.ts';
import type { Suggestion } from '../domain/match-scoring.ts';
import { daysWaiting } from '../domain/matching.ts';
import type { KommuneOverview, KommunePlan, RefugeeMatching } from '../domain/matching-views.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { staffBasePath } from '../lib/staff-context.ts';
import {
  danishDate,
  genderPreferenceLabels,
  helpNames,
  householdText,
  kommuneNameOf,
  languagesText,
  statusLabels,
} from './handover-texts.ts';
import { Layout, Notice } from './layout.tsx';
import {
  endReasonLabels,
  followUpAnswerLabels,
  matchStatusLabels,
  milestoneLabels,
  reasonText,
} from './matching-texts.ts';
import { StaffLayout } from './staff-layout.tsx';
import { kindLabels, languageLabels } from './volunteer-texts.ts';

export const matchingPath = `${staffBasePath}/matching`;
export const refugeeMatchingPath = (id: string) => `${matchingPath}/flygtning/${id}`;
export const matchPath = (id: string) => `${matchingPath}/match/${id}`;

export const overviewFilters = ['waiting', 'proposed', 'active', 'paused', 'all'] as const;
export type OverviewFilter = (typeof overviewFilters)[number];

const filterLabels: Record<OverviewFilter, string> = {
  waiting: 'Venter på en ven',
  proposed: 'Foreslået',
  active: 'Aktive match',
  paused: 'På pause',
  all: 'Alle',
};

const volunteerLanguages = (v: Volunteer) =>
  [...v.languages.map((l) => languageLabels[l].da), ...(v.otherLanguages ? [v.otherLanguages] : [])].join(
    ', ',
  );

const volunteerHousehold = (v: Volunteer) =>
  v.kind === 'family'
    ? `Venskabsfamilie (${v.adults ?? 2} voksne, ${v.children ?? 0} børn)`
    : kindLabels.friend.da;

const refugeeName = (record: HandoverRecord) => record.person?.name ?? `Reference ${referenceOf(record.id)}`;

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

const Figure = ({ label, value }: { label: string; value: number }) => (
  <div class="venner-figure">
    <span class="venner-figure-value">{value}</span> <span>{label}</span>
  </div>
);

const MatchRows = ({ matches }: { matches: readonly Match[] }) => (
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
            <Figure label="venter på en ven" value={overview.waiting.length} />
            <Figure label="ledige frivillige" value={overview.available.length} />
            <Figure
              label="aktive match"
              value={overview.matches.filter((m) => m.status === 'active').length}
            />
            <Figure label="mangler en ven (gab)" value={overview.gap} />
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
              {overview.available.length} ledige frivillige:{' '}
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

const Reasons = ({ suggestion }: { suggestion: Suggestion }) => (
  <ul class="venner-reasons">
    {suggestion.reasons.map((reason) => (
      <li key={reason.code} class={reason.points < 0 ? 'venner-reason-against' : undefined}>
        {reasonText(reason)} ({reason.points > 0 ? '+' : ''}
        {reason.points})
      </li>
    ))}
  </ul>
);

const ProposeButton = ({
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

const Facts = ({ rows }: { rows: readonly [string, ComponentChildren][] }) => (
  <dl class="venner-facts">
    {rows.map(([term, value]) => (
      <div key={term}>
        <dt>{term}</dt>
        <dd>{value}</dd>
      </div>
    ))}
  </dl>
);

export const RefugeeMatchingPage = ({
  staff,
  data,
  now,
  notice,
  problem,
}: {
  staff: StaffContext;
  data: RefugeeMatching;
  now: Date;
  notice?: string;
  problem?: string;
}) => {
  const { record, suggestions, duplicates, history } = data;
  const p = record.person;
  return (
    <StaffLayout title={refugeeName(record)} staff={staff}>
      {notice ? <Notice>{notice}</Notice> : null}
      {problem ? (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{problem}</p>
          </div>
        </div>
      ) : null}
      {duplicates.length > 0 ? (
        <div class="alert alert-warning" role="alert">
          <div class="alert-body">
            <h2 class="alert-heading">Mulig dublet: tjek før du matcher</h2>
            <p class="alert-text">
              Samme telefonnummer, eller samme navn, fødselsår og kommune, findes også i disse overdragelser:
            </p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.id}>
                  Reference {referenceOf(d.id)}: {centreName(d.centreId)}, {danishDate(d.recordedAt)},{' '}
                  {kommuneNameOf(d.kommuneCode)} – {statusLabels[d.status]}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <Facts
        rows={[
          ['Status', statusLabels[record.status]],
          ['Kommune', kommuneNameOf(record.kommuneCode)],
          ['Dage på ventelisten', String(daysWaiting(record, now))],
          ['Ankomst', p ? danishDate(p.expectedMovingDate) : '–'],
          ['Husstand', p ? householdText(p) : '–'],
          ['Sprog', p ? languagesText(p) : '–'],
          ['Ønsker hjælp til', p ? p.helpWith.map((h) => helpNames[h]).join(', ') || '–' : '–'],
          ['Ønske til venens køn', p ? genderPreferenceLabels[p.preferredVolunteerGender] : '–'],
          ['Reference', referenceOf(record.id)],
        ]}
      />
      {record.status !== 'waiting' ? (
        <p>Flygtningen venter ikke på en ven lige nu, så der er ingen forslag.</p>
      ) : suggestions.length === 0 ? (
        <p>Der er ingen ledige frivillige i {kommuneNameOf(record.kommuneCode)}, som opfylder reglerne.</p>
      ) : (
        <>
          <h2>Forslag (bedst først)</h2>
          <p>
            Kun frivillige i samme kommune, som har bekræftet, ikke holder pause og har plads, kommer med.
            Resten er point, som du kan se og gå imod.
          </p>
          <ol class="venner-suggestions">
            {suggestions.map((s, index) => (
              <li key={s.volunteerId}>
                <h3>
                  {s.volunteer.name}, {s.volunteer.postalCode} – {s.score} point
                </h3>
                <p>
                  {volunteerHousehold(s.volunteer)}; sprog: {volunteerLanguages(s.volunteer)}; plads til{' '}
                  {s.volunteer.capacity - s.volunteer.activeMatches} mere
                </p>
                <Reasons suggestion={s} />
                <ProposeButton
                  consentId={record.id}
                  volunteerId={s.volunteerId}
                  label={
                    index === 0
                      ? `Foreslå ${s.volunteer.name} (bedste forslag)`
                      : `Foreslå ${s.volunteer.name}`
                  }
                />
              </li>
            ))}
          </ol>
        </>
      )}
      {history.length > 0 ? <MatchRows matches={history} /> : null}
      <p>
        <a href={`${matchingPath}?kommune=${record.kommuneCode}`}>
          Tilbage til {kommuneNameOf(record.kommuneCode)}
        </a>
      </p>
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
      <p>
        Uden et godt match i planen: {plan.unmatched.map(refugeeName).join(', ')}. Åbn dem for at se alle
        muligheder.
      </p>
    ) : null}
  </StaffLayout>
);

export const MatchPage = ({
  staff,
  match,
  record,
  volunteer,
  notice,
}: {
  staff: StaffContext;
  match: Match;
  record: HandoverRecord;
  volunteer?: Volunteer;
  notice?: string;
}) => (
  <StaffLayout title={`Match for ${refugeeName(record)}`} staff={staff}>
    {notice ? <Notice>{notice}</Notice> : null}
    <Facts
      rows={[
        ['Status', matchStatusLabels[match.status]],
        ['Flygtning', <a href={refugeeMatchingPath(record.id)}>{refugeeName(record)}</a>],
        [
          'Frivillig',
          volunteer
            ? `${volunteer.name}, ${volunteer.email}${volunteer.phone ? `, ${volunteer.phone}` : ''}`
            : 'Har slettet sine oplysninger',
        ],
        ['Foreslået', `${danishDate(match.proposedAt)} af ${match.proposedBy.name} (${match.score} point)`],
        ['Aktiv siden', match.activeSince ? danishDate(match.activeSince) : '–'],
        [
          'Afsluttet',
          match.endedAt
            ? `${danishDate(match.endedAt)}${match.endReason ? `: ${endReasonLabels[match.endReason]}` : ''}`
            : '–',
        ],
        ...milestoneIds.map((id): [string, string] => {
          const f = match.followUps[id];
          return [
            `Opfølgning efter ${milestoneLabels[id]}`,
            f
              ? f.answer
                ? `${followUpAnswerLabels[f.answer]} (${danishDate(f.answeredAt ?? f.sentAt)})`
                : `Sendt ${danishDate(f.sentAt)}, intet svar endnu`
              : match.status === 'active' || match.status === 'paused' || match.status === 'proposed'
                ? 'Ikke sendt endnu'
                : 'Sendes ikke: matchet er slut',
          ];
        }),
      ]}
    />
    {match.status === 'proposed' ? (
      <form method="post" action={matchPath(match.id)}>
        <input type="hidden" name="action" value="cancel" />
        <button type="submit" class="button button-secondary">
          Træk forslaget tilbage (flygtningen kommer tilbage på ventelisten)
        </button>
      </form>
    ) : null}
    {match.status === 'active' || match.status === 'paused' ? (
      <>
        <form method="post" action={matchPath(match.id)}>
          <input type="hidden" name="action" value={match.status === 'active' ? 'pause' : 'resume'} />
          <button type="submit" class="button button-secondary">
            {match.status === 'active' ? 'Sæt på pause' : 'Genoptag'}
          </button>
        </form>
        <form method="post" action={matchPath(match.id)} class="venner-end-match">
          <input type="hidden" name="action" value="end" />
          <fieldset>
            <legend class="form-label">Afslut matchet</legend>
            {endReasons.map((reason) => (
              <div class="form-group-radio" key={reason}>
                <input
                  type="radio"
                  class="form-radio"
                  id={`reason-${reason}`}
                  name="reason"
                  value={reason}
                  required
                />
                <label for={`reason-${reason}`}>{endReasonLabels[reason]}</label>
              </div>
            ))}
          </fieldset>
          <div class="form-group-checkbox">
            <input type="checkbox" class="form-checkbox" id="rematch" name="rematch" value="yes" />
            <label for="rematch">Sæt flygtningen på ventelisten igen (find en ny ven)</label>
          </div>
          <button type="submit" class="button button-primary">
            Afslut matchet
          </button>
        </form>
      </>
    ) : null}
  </StaffLayout>
);

// --- The volunteer's pages (public, from emailed links) ------------------------------------------

type Lang = 'da' | 'en';

const PublicPage = ({
  lang,
  title,
  children,
}: {
  lang: Lang;
  title: string;
  children: ComponentChildren;
}) => (
  <Layout title={title} lang={lang}>
    <h1>{title}</h1>
    {children}
  </Layout>
);

export const ProposalPage = ({
  lang,
  facts,
  matchId,
  token,
}: {
  lang: Lang;
  facts: readonly string[];
  matchId: string;
  token: string;
}) => (
  <PublicPage lang={lang} title={lang === 'en' ? 'Would you like to be their friend?' : 'Vil du være ven?'}>
    <ul>
      {facts.map((fact) => (
        <li key={fact}>{fact}</li>
      ))}
    </ul>
    <form method="post" action="/ven/forslag">
      <input type="hidden" name="match" value={matchId} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" name="answer" value="accept" class="button button-primary">
        {lang === 'en' ? 'Yes, I would like to' : 'Ja, det vil jeg gerne'}
      </button>{' '}
      <button type="submit" name="answer" value="decline" class="button button-secondary">
        {lang === 'en' ? 'No, thank you' : 'Nej tak'}
      </button>
    </form>
  </PublicPage>
);

export const AnswerPage = ({ lang, title, text }: { lang: Lang; title: string; text: string }) => (
  <PublicPage lang={lang} title={title}>
    <p class="font-lead">{text}</p>
  </PublicPage>
);

export const FollowUpPage = ({
  lang,
  answerLabel,
  hidden,
}: {
  lang: Lang;
  answerLabel: string;
  hidden: Record<string, string>;
}) => (
  <PublicPage lang={lang} title={lang === 'en' ? 'Your answer' : 'Dit svar'}>
    <p class="font-lead">{answerLabel}</p>
    <form method="post" action="/ven/opfoelgning">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="button button-primary">
        {lang === 'en' ? 'Send my answer' : 'Send mit svar'}
      </button>
    </form>
  </PublicPage>
);
