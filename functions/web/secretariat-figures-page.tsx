import type { ComponentChildren } from 'preact';
import { lazy } from '../../shared/lazy.ts';
import { checkInAnswers } from '../../shared/matching-contract.ts';
import { pathOf } from '../../shared/routes.ts';
import type { FieldError } from '../domain/errors.ts';
import { referenceKommuner } from '../domain/reference-kommuner.ts';
import type {
  FigureRow,
  FiguresScope,
  RecruitmentSource,
  SecretariatFigures,
} from '../domain/secretariat-figures.ts';
import { mentoringEarlyClosure, shownGroupFigures } from '../domain/secretariat-figures.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { ErrorSummary, ErrorText, fieldId } from './form-fields.tsx';
import { KommuneMap } from './kommune-map.tsx';
import { earlyClosureText, followUpAnswerLabels } from './matching-texts.ts';
import { countOf } from './plural.ts';
import { StaffLayout } from './staff-layout.tsx';
import { heardFromLabels } from './volunteer-texts.ts';

export const figuresPath = pathOf('secretariat-figures', 'page');

const monthName = lazy(
  () => new Intl.DateTimeFormat('da-DK', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
);
const monthShort = lazy(() => new Intl.DateTimeFormat('da-DK', { month: 'short', timeZone: 'UTC' }));

/** "nov. 2026" */
export const monthLabel = (month: string) => monthName().format(new Date(`${month}-15T12:00:00Z`));

/** "62 %" (Danish style), or a dash without handovers. */
export const shareText = (share: number | undefined) =>
  share === undefined ? '–' : `${Math.round(share * 100)} %`;

export const daysText = (days: number | undefined) =>
  days === undefined ? '–' : countOf(days, 'dag', 'dage');

/** The campaign source as the secretariat names it. */
export const sourceText = (source: RecruitmentSource) =>
  source.channel === 'campaign'
    ? `Kampagnelink: ${source.source || '(ingen kilde)'}${source.campaign ? ` / ${source.campaign}` : ''}`
    : `Hørt om os: ${heardFromLabels[source.source as keyof typeof heardFromLabels]?.da ?? 'ikke oplyst'}`;

/** The area's value in the picker and the query (`all`, `region-1084`, `kommune-101`). */
const areaValue = (figures: SecretariatFigures) => {
  const { area } = figures.query;
  return area.kind === 'all' ? 'all' : `${area.kind}-${area.code}`;
};

export interface FiguresFormValues {
  readonly area: string;
  readonly from: string;
  readonly to: string;
}

const Picker = ({
  staff,
  scope,
  values,
  errors,
}: {
  staff: StaffContext;
  scope: FiguresScope;
  values: FiguresFormValues;
  errors: readonly FieldError[];
}) => {
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  /** A label, the field's inline error (as on the other forms) and its control. */
  const Field = ({ name, label, children }: { name: string; label: string; children: ComponentChildren }) => (
    <div class={`form-group${errorOf(name) ? ' form-error' : ''}`}>
      <label class="form-label" for={fieldId(name)}>
        {label}
      </label>
      <ErrorText name={name} error={errorOf(name)} />
      {children}
    </div>
  );
  const control = (name: string) => ({
    id: fieldId(name),
    'aria-invalid': errorOf(name) ? ('true' as const) : undefined,
    'aria-describedby': errorOf(name) ? `${fieldId(name)}-error` : undefined,
  });
  const MonthField = ({ name, query, label }: { name: 'from' | 'to'; query: string; label: string }) => (
    <Field name={name} label={label}>
      <input
        class="form-input"
        type="month"
        name={query}
        value={values[name]}
        placeholder="ÅÅÅÅ-MM"
        {...control(name)}
      />
    </Field>
  );
  return (
    <form method="get" action={figuresPath} class="venner-filter">
      <Field name="area" label="Område">
        <select class="form-select" name="omraade" {...control('area')}>
          <option value="all" selected={values.area === 'all'}>
            {staff.roles.includes('admin') ? 'Hele landet' : 'Alle mine kommuner'}
          </option>
          {scope.regions.length > 1 ? (
            <optgroup label="Regioner">
              {scope.regions.map((r) => (
                <option key={r.code} value={`region-${r.code}`} selected={values.area === `region-${r.code}`}>
                  {r.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label="Kommuner">
            {scope.inScope.map((k) => (
              <option key={k.code} value={`kommune-${k.code}`} selected={values.area === `kommune-${k.code}`}>
                {k.name}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <MonthField name="from" query="fra" label="Fra måned" />
      <MonthField name="to" query="til" label="Til måned" />
      <button type="submit" class="button button-secondary">
        Vis tal
      </button>
    </form>
  );
};

const Figure = ({ label, value }: { label: string; value: string | number }) => (
  <div class="venner-figure">
    <span class="venner-figure-value">{value}</span> <span>{label}</span>
  </div>
);

/**
 * Handovers and matches per month as grouped bars: an inline SVG (no script, no styles in
 * attributes the CSP would refuse). The table below carries the same numbers for screen readers.
 */
const MonthChart = ({ figures }: { figures: SecretariatFigures }) => {
  const rows = figures.byMonth;
  const largest = Math.max(1, ...rows.map((r) => Math.max(r.figures.handovers, r.figures.matchesMade)));
  const slot = 48;
  const chartHeight = 160;
  const width = rows.length * slot + 40;
  const barHeight = (value: number) => Math.round((value / largest) * chartHeight);
  return (
    <figure class="venner-chart">
      <svg
        viewBox={`0 0 ${width} ${chartHeight + 40}`}
        role="img"
        aria-labelledby="chart-title chart-desc"
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="chart-title">Overdragelser og match pr. måned</title>
        <desc id="chart-desc">
          {rows
            .map(
              (r) =>
                `${monthLabel(r.month)}: ${r.figures.handovers} overdragelser, ${r.figures.matchesMade} match`,
            )
            .join('; ')}
        </desc>
        <line x1="30" x2={width} y1={chartHeight} y2={chartHeight} class="venner-chart-axis" />
        <text x="0" y="12" class="venner-chart-label">
          {largest}
        </text>
        {rows.map((r, i) => {
          const x = 34 + i * slot;
          const h = barHeight(r.figures.handovers);
          const m = barHeight(r.figures.matchesMade);
          return (
            <g key={r.month}>
              <rect x={x} y={chartHeight - h} width="18" height={h} class="venner-chart-handovers" />
              <rect x={x + 20} y={chartHeight - m} width="18" height={m} class="venner-chart-matches" />
              <text x={x + 19} y={chartHeight + 16} text-anchor="middle" class="venner-chart-label">
                {monthShort().format(new Date(`${r.month}-15T12:00:00Z`))}
              </text>
              <text x={x + 19} y={chartHeight + 32} text-anchor="middle" class="venner-chart-label">
                {r.month.slice(2, 4)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span class="venner-chart-key venner-chart-key-handovers" /> Overdragelser{' '}
        <span class="venner-chart-key venner-chart-key-matches" /> Match indgået
      </figcaption>
    </figure>
  );
};

const FigureCells = ({ row }: { row: FigureRow }) => (
  <>
    <td class="venner-number" data-title="Overdragelser">
      {row.handovers}
    </td>
    <td class="venner-number" data-title="Ønskede en ven">
      {shareText(row.shareWantedFriend)}
    </td>
    <td class="venner-number" data-title="Match indgået">
      {row.matchesMade}
    </td>
    <td class="venner-number" data-title="Median, ankomst til match">
      {daysText(row.medianDaysToMatch)}
    </td>
    <td class="venner-number" data-title="Nåede 6 måneder">
      {row.reachedSixMonths}
    </td>
    <td class="venner-number" data-title="Lukket før 6 måneder">
      {row.endedEarly ? `${row.endedEarly} (${shareText(row.earlyClosureRate)})` : '0'}
    </td>
    <td class="venner-number" data-title="Nye frivillige">
      {row.recruited}
    </td>
  </>
);

/** After the match: how many reached six months, how many closed early and why, meetings, check-ins. */
const Outcomes = ({ row }: { row: FigureRow }) => {
  const rate = row.earlyClosureRate;
  const beats = rate === undefined ? undefined : rate < mentoringEarlyClosure.low;
  const reasons = Object.entries(row.earlyReasons).sort((a, b) => b[1] - a[1]);
  const answers = checkInAnswers.map((a) => [a, row.checkInAnswers[a] ?? 0] as const);
  return (
    <section aria-labelledby="outcomes">
      <h2 id="outcomes">Efter matchet</h2>
      <div class="venner-figures">
        <Figure
          label="nåede 6 måneder (af dem, hvor udfaldet kendes)"
          value={shareText(row.shareReachedSixMonths)}
        />
        <Figure label="lukket før 6 måneder" value={shareText(rate)} />
        <Figure
          label="møder pr. måned (median)"
          value={
            row.medianMeetingsPerMonth === undefined
              ? '–'
              : String(row.medianMeetingsPerMonth).replace('.', ',')
          }
        />
      </div>
      <p>
        I mentorprogrammer lukker 30–38 % af matchene før tid (Kupersmidt m.fl. 2017: 38 % af 6.468 match;
        STAR-evalueringen i USA: omkring 30 %). Det er linjen, vi skal under.{' '}
        {beats === undefined
          ? 'Der er endnu ingen match i perioden, hvis udfald kendes.'
          : beats
            ? `I perioden lukkede ${shareText(rate)} før tid: under linjen.`
            : `I perioden lukkede ${shareText(rate)} før tid: ikke under linjen endnu.`}
      </p>
      {reasons.length > 0 ? (
        <table class="table table--zebra venner-outcome-table">
          <caption>Lukket før 6 måneder: hvem og hvorfor</caption>
          <thead>
            <tr>
              <th scope="col">Hvem og hvorfor</th>
              <th scope="col">Match</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map(([key, n]) => (
              <tr key={key}>
                <th scope="row" data-title="Hvem og hvorfor">
                  {earlyClosureText(key)}
                </th>
                <td class="venner-number" data-title="Match">
                  {n}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <table class="table table--zebra venner-outcome-table">
        <caption>Svar på check-ins i perioden</caption>
        <thead>
          <tr>
            <th scope="col">Svar</th>
            <th scope="col">Antal</th>
          </tr>
        </thead>
        <tbody>
          {answers.map(([answer, n]) => (
            <tr key={answer}>
              <th scope="row" data-title="Svar">
                {followUpAnswerLabels[answer]}
              </th>
              <td class="venner-number" data-title="Antal">
                {n}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};

const FigureHeaders = ({ first }: { first: string }) => (
  <tr>
    <th scope="col">{first}</th>
    <th scope="col">Overdragelser</th>
    <th scope="col">Ønskede en ven</th>
    <th scope="col">Match indgået</th>
    <th scope="col">Median, ankomst til match</th>
    <th scope="col">Nåede 6 måneder</th>
    <th scope="col">Lukket før 6 måneder</th>
    <th scope="col">Nye frivillige</th>
  </tr>
);

/** Exact counts for staff: 0, 1–2, 3–9, 10–24, 25 or more missing. */
const exactClass = (missing: number) =>
  missing === 0 ? 0 : missing < 3 ? 1 : missing < 10 ? 2 : missing < 25 ? 3 : 4;

/** The same map as the public page, with the exact figures of the kommuner in the area chosen. */
const GapMap = ({ figures }: { figures: SecretariatFigures }) => {
  const inArea = new Map(figures.byKommuneNow.map((k) => [k.code, k]));
  return (
    <KommuneMap
      id="secretariat-map"
      title={`Kort: frivillige der mangler nu, ${figures.areaName}`}
      classes={['Mangler ingen', 'Mangler 1–2', 'Mangler 3–9', 'Mangler 10–24', 'Mangler 25 eller flere'].map(
        (label) => ({ label }),
      )}
      kommuner={referenceKommuner().map((k) => {
        const row = inArea.get(k.code);
        return row
          ? {
              code: k.code,
              label: `${k.name}: ${countOf(row.waiting, 'venter', 'venter')} på en ven, ${countOf(row.available, 'ledig frivillig', 'ledige frivillige')}, mangler ${row.missing}`,
              classIndex: exactClass(row.missing),
              href: `${figuresPath}?omraade=kommune-${k.code}&fra=${figures.query.from}&til=${figures.query.to}`,
              highlighted: true,
            }
          : { code: k.code, label: `${k.name}: uden for området`, classIndex: 0, highlighted: false };
      })}
      note="Bornholm er vist i kassen øverst til højre. Vælg en kommune for at se dens tal."
    />
  );
};

const exportLink = (figures: SecretariatFigures, type: 'figures' | 'sources' | 'groups') =>
  `${figuresPath}/eksport?omraade=${areaValue(figures)}&fra=${figures.query.from}&til=${figures.query.to}${type === 'figures' ? '' : `&type=${type}`}`;

const shown = (n: number | 'under 3') => (n === 'under 3' ? 'under 3' : String(n));

/** Per organisation, its groups below it: volunteers now, matches and six-month outcomes, recruitment. */
const ByOrganisation = ({ figures }: { figures: SecretariatFigures }) =>
  figures.byOrganisation.length === 0 ? null : (
    <table class="table table--responsive-headers venner-figures-table venner-organisations-table">
      <caption>Pr. organisation og lokal gruppe i perioden (1 og 2 vises som „under 3“)</caption>
      <thead>
        <tr>
          <th scope="col">Organisation eller gruppe</th>
          <th scope="col">Frivillige nu</th>
          <th scope="col">Ledige nu</th>
          <th scope="col">Match indgået</th>
          <th scope="col">Nåede 6 måneder</th>
          <th scope="col">Lukket før 6 måneder</th>
          <th scope="col">Andel der nåede 6 måneder</th>
          <th scope="col">Nye frivillige</th>
          <th scope="col">Største kilde</th>
        </tr>
      </thead>
      <tbody>
        {figures.byOrganisation.flatMap((o) =>
          [
            { name: o.name, figures: o.figures, organisation: true },
            ...o.groups.map((g) => ({ ...g, organisation: false })),
          ].map((row) => {
            const f = shownGroupFigures(row.figures);
            return (
              <tr
                key={`${o.name}#${row.name}#${row.organisation}`}
                class={row.organisation ? 'venner-organisation-row' : undefined}
              >
                <th scope="row" data-title="Organisation eller gruppe">
                  {row.organisation ? <strong>{row.name}</strong> : `– ${row.name}`}
                </th>
                <td class="venner-number" data-title="Frivillige nu">
                  {shown(f.volunteersNow)}
                </td>
                <td class="venner-number" data-title="Ledige nu">
                  {shown(f.availableNow)}
                </td>
                <td class="venner-number" data-title="Match indgået">
                  {shown(f.matchesMade)}
                </td>
                <td class="venner-number" data-title="Nåede 6 måneder">
                  {shown(f.reachedSixMonths)}
                </td>
                <td class="venner-number" data-title="Lukket før 6 måneder">
                  {shown(f.endedEarly)}
                </td>
                <td class="venner-number" data-title="Andel der nåede 6 måneder">
                  {shareText(f.shareReachedSixMonths)}
                </td>
                <td class="venner-number" data-title="Nye frivillige">
                  {shown(f.recruited)}
                </td>
                <td data-title="Største kilde">{f.topSource ? sourceText(f.topSource) : '–'}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );

export const SecretariatFiguresPage = ({
  staff,
  scope,
  figures,
  values,
  errors = [],
}: {
  staff: StaffContext;
  scope: FiguresScope;
  figures?: SecretariatFigures;
  values: FiguresFormValues;
  errors?: readonly FieldError[];
}) => (
  <StaffLayout title="Tal for programmet" staff={staff} hasErrors={errors.length > 0}>
    <ErrorSummary errors={errors} lang="da" />
    <p>
      Overdragelser tælles i samtalens måned, match i den måned den frivillige sagde ja, og nye frivillige i
      den måned de bekræftede deres tilmelding. Manglende frivillige er tallet lige nu.
    </p>
    {scope.inScope.length === 0 ? (
      <p>Du er ikke koordinator for nogen kommune endnu. Bed en administrator om at tilføje dine kommuner.</p>
    ) : (
      <Picker staff={staff} scope={scope} values={values} errors={errors} />
    )}
    {figures ? (
      <>
        <h2>
          {figures.areaName}, {monthLabel(figures.query.from)} – {monthLabel(figures.query.to)}
        </h2>
        <div class="venner-figures">
          <Figure label="overdragelser" value={figures.total.handovers} />
          <Figure label="ønskede en ven" value={shareText(figures.total.shareWantedFriend)} />
          <Figure label="match indgået" value={figures.total.matchesMade} />
          <Figure label="median fra ankomst til match" value={daysText(figures.total.medianDaysToMatch)} />
          <Figure label="match nåede 6 måneder" value={figures.total.reachedSixMonths} />
          <Figure label="nye frivillige" value={figures.total.recruited} />
          <Figure label="frivillige mangler nu" value={figures.missingNow} />
        </div>
        <ul class="nobullet-list venner-actions">
          <li>
            <a href={exportLink(figures, 'figures')}>Hent tallene pr. måned og kommune (CSV til Excel)</a>
          </li>
          <li>
            <a href={exportLink(figures, 'sources')}>Hent nye frivillige pr. kilde (CSV til Excel)</a>
          </li>
          <li>
            <a href={exportLink(figures, 'groups')}>
              Hent tallene pr. organisation og gruppe (CSV til Excel)
            </a>
          </li>
        </ul>
        <GapMap figures={figures} />
        <MonthChart figures={figures} />
        <table class="table table--zebra table--responsive-headers venner-figures-table">
          <caption>Pr. måned</caption>
          <thead>
            <FigureHeaders first="Måned" />
          </thead>
          <tbody>
            {figures.byMonth.map((r) => (
              <tr key={r.month}>
                <th scope="row" data-title="Måned">
                  {monthLabel(r.month)}
                </th>
                <FigureCells row={r.figures} />
              </tr>
            ))}
          </tbody>
        </table>
        <Outcomes row={figures.total} />
        {figures.byArea.length > 0 ? (
          <table class="table table--zebra table--responsive-headers venner-figures-table">
            <caption>Pr. område i perioden</caption>
            <thead>
              <tr>
                <th scope="col">Område</th>
                <th scope="col">Overdragelser</th>
                <th scope="col">Ønskede en ven</th>
                <th scope="col">Match indgået</th>
                <th scope="col">Median, ankomst til match</th>
                <th scope="col">Nåede 6 måneder</th>
                <th scope="col">Lukket før 6 måneder</th>
                <th scope="col">Nye frivillige</th>
                <th scope="col">Frivillige mangler nu</th>
              </tr>
            </thead>
            <tbody>
              {figures.byArea.map((r) => (
                <tr key={r.code}>
                  <th scope="row" data-title="Område">
                    {r.name}
                  </th>
                  <FigureCells row={r.figures} />
                  <td class="venner-number" data-title="Frivillige mangler nu">
                    {r.missingNow}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <ByOrganisation figures={figures} />
        <table class="table table--zebra table--responsive-headers">
          <caption>Nye frivillige pr. kilde i perioden (hvilken kampagne virkede)</caption>
          <thead>
            <tr>
              <th scope="col">Kilde</th>
              <th scope="col">Nye frivillige</th>
            </tr>
          </thead>
          <tbody>
            {figures.sources.length === 0 ? (
              <tr>
                <td colSpan={2}>Ingen nye frivillige i perioden.</td>
              </tr>
            ) : (
              figures.sources.map((s) => (
                <tr key={sourceText(s.source)}>
                  <th scope="row" data-title="Kilde">
                    {sourceText(s.source)}
                  </th>
                  <td class="venner-number" data-title="Nye frivillige">
                    {s.count}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </>
    ) : null}
  </StaffLayout>
);
