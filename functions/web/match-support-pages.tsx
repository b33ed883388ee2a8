import { checkInsReached } from '../../shared/check-in-schedule.ts';
import {
  checkInAnswers,
  closureParties,
  closureReasons,
  noteMaxLength,
} from '../../shared/matching-contract.ts';
import { pathOf } from '../../shared/routes.ts';
import type { ListedTask, TaskKind, TaskPage } from '../domain/coordinator-tasks.ts';
import { copenhagenDate } from '../domain/danish-time.ts';
import type { Match } from '../domain/match.ts';
import type { MatchEvent } from '../domain/matching.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import {
  certificateState,
  certificateValidUntil,
  type Missing,
  missingBeforeMatch,
  needsChildCertificate,
  rulesFor,
} from '../domain/volunteer-readiness.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { danishDate, kommuneNameOf } from './handover-texts.ts';
import { Notice } from './layout.tsx';
import { FilterForm, FilterSelect } from './list-parts.tsx';
import {
  checkInsSent,
  closurePartyLabels,
  endReasonLabels,
  followUpAnswerLabels,
  milestoneLabel,
} from './matching-texts.ts';
import { countOf } from './plural.ts';
import { StaffLayout } from './staff-layout.tsx';
import { taskKindLabels, taskLine } from './task-texts.ts';

/** The coordinator's task list, the match's timeline and forms, and a volunteer's readiness. */

export const tasksPath = pathOf('match-support', 'tasks');
const matchPath = (id: string) => pathOf('matching', 'match', { id });

/** Where a task is acted on: its match, its refugee's suggestions, or its volunteer. */
export const taskHref = (task: ListedTask): string =>
  task.matchId
    ? matchPath(task.matchId)
    : task.volunteerId
      ? pathOf('matching', 'volunteer', { id: task.volunteerId })
      : pathOf('matching', 'refugee', { id: task.consentId ?? '' });

const dueText = (task: ListedTask, today: string) => {
  const due = copenhagenDate(new Date(task.dueAt));
  if (due >= today) return 'Forfalder i dag';
  const days = Math.round((Date.parse(`${today}T12:00:00Z`) - Date.parse(`${due}T12:00:00Z`)) / 86_400_000);
  return `Forfalden siden ${danishDate(task.dueAt)} (${countOf(days, 'dag', 'dage')})`;
};

export interface TaskView {
  readonly page: TaskPage;
  readonly kommuner: readonly { code: string; name: string }[];
  readonly kommune?: string;
  /** One kind only (else each kind's first few). */
  readonly kind?: TaskKind;
  readonly now: Date;
  readonly notice?: string;
}

const TaskItem = ({ task, today, kommune }: { task: ListedTask; today: string; kommune?: string }) => (
  <li class={`venner-task${task.urgent ? ' venner-task-urgent' : ''}`}>
    <p class="venner-task-line">
      {task.urgent ? (
        <>
          <strong class="venner-tag">Haster</strong>{' '}
        </>
      ) : null}
      <a href={taskHref(task)}>{taskLine(task)}</a>
    </p>
    <p class="venner-muted venner-task-due">
      {dueText(task, today)} · {kommuneNameOf(task.kommuneCode)}
    </p>
    <form
      method="post"
      action={kommune ? `${tasksPath}?kommune=${kommune}` : tasksPath}
      class="venner-task-actions"
    >
      <input type="hidden" name="kommune" value={task.kommuneCode} />
      <input type="hidden" name="id" value={task.id} />
      {task.kind === 'volunteer-request' ? (
        // Yes is a proposal from the refugee's page (it closes the request); no is said here.
        <>
          <a class="button button-secondary" href={taskHref(task)}>
            Foreslå en frivillig
          </a>
          <button type="submit" class="button button-tertiary" name="how" value="decline">
            Sig nej: ingen frivillig passer
          </button>
        </>
      ) : (
        <>
          <button type="submit" class="button button-secondary" name="how" value="done">
            Udført
          </button>
          <button type="submit" class="button button-tertiary" name="how" value="snooze">
            Udsæt en uge
          </button>
        </>
      )}
    </form>
  </li>
);

const kindHref = (kind: TaskKind, kommune?: string) =>
  `${tasksPath}?type=${kind}${kommune ? `&kommune=${kommune}` : ''}`;

export const TasksPage = ({ staff, view }: { staff: StaffContext; view: TaskView }) => {
  const today = copenhagenDate(view.now);
  const { page } = view;
  const kinds = page.counts.filter((c) => !view.kind || c.kind === view.kind);
  return (
    <StaffLayout title={view.kind ? taskKindLabels[view.kind].plural : 'Dine opgaver'} staff={staff}>
      {view.notice ? <Notice>{view.notice}</Notice> : null}
      {view.kind ? (
        <p>
          <a href={view.kommune ? `${tasksPath}?kommune=${view.kommune}` : tasksPath}>
            Tilbage til alle opgaver
          </a>
        </p>
      ) : (
        <p>
          Alt, der venter på en koordinator i {view.kommune ? kommuneNameOf(view.kommune) : 'dine kommuner'},
          det der haster først.
        </p>
      )}
      {view.kommuner.length > 1 ? (
        <FilterForm action={tasksPath}>
          {view.kind ? <input type="hidden" name="type" value={view.kind} /> : null}
          <FilterSelect
            name="kommune"
            label="Kommune"
            all="Alle mine kommuner"
            choices={view.kommuner.map((k) => ({ value: k.code, label: k.name }))}
            selected={view.kommune}
          />
        </FilterForm>
      ) : null}
      <p>
        <strong>{countOf(page.total, 'åben opgave', 'åbne opgaver')}</strong>
        {page.urgent ? `, heraf ${page.urgent} der haster` : ''}.
      </p>
      {page.total === 0 ? <p>Der er ingen opgaver lige nu.</p> : null}
      {!view.kind && kinds.length > 1 ? (
        <nav aria-label="Opgaver efter slags">
          <ul class="nobullet-list venner-task-kinds">
            {kinds.map(({ kind, count }) => (
              <li key={kind}>
                <a href={`#${kind}`}>
                  {taskKindLabels[kind].plural}: {count}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {kinds.map(({ kind, count }) => {
        const shown = page.shown.filter((t) => t.kind === kind);
        return (
          <section key={kind} aria-labelledby={kind}>
            <h2 id={kind}>
              {taskKindLabels[kind].plural} ({count})
            </h2>
            <ul class="nobullet-list venner-tasks">
              {shown.map((t) => (
                <TaskItem key={t.id} task={t} today={today} kommune={view.kommune} />
              ))}
            </ul>
            {shown.length < count ? (
              <p>
                {view.kind ? (
                  `Viser de ${shown.length} første af ${count}. Når de er klaret, kommer de næste.`
                ) : (
                  <a href={kindHref(kind, view.kommune)}>Vis alle {count}</a>
                )}
              </p>
            ) : null}
          </section>
        );
      })}
    </StaffLayout>
  );
};

// --- The match: timeline and forms -----------------------------------------------------------------

interface TimelineEntry {
  readonly at: string;
  readonly text: string;
  readonly note?: string;
}

const byLabel = (by: MatchEvent['by']) => (by === 'volunteer' ? 'den frivillige' : by.name);

/** The match's life in order: its check-ins and their answers, meetings, calls, concerns. */
export const timelineOf = (match: Match, events: readonly MatchEvent[]): TimelineEntry[] => {
  const entries: TimelineEntry[] = [];
  if (match.activeSince)
    entries.push({ at: match.activeSince, text: 'Den frivillige sagde ja: venskabet begyndte' });
  for (const [id, f] of checkInsSent(match)) {
    entries.push({ at: f.sentAt, text: `Check-in efter ${milestoneLabel(id)} sendt` });
    if (f.answer && f.answeredAt)
      entries.push({
        at: f.answeredAt,
        text: `Den frivilliges svar på check-in efter ${milestoneLabel(id)}: „${followUpAnswerLabels[f.answer]}“`,
      });
  }
  for (const e of events) {
    if (e.kind === 'meeting')
      entries.push({ at: e.at, text: `Vi har mødtes (${danishDate(`${e.on}T12:00:00Z`)})` });
    if (e.kind === 'concern')
      entries.push({ at: e.at, text: `Bekymring skrevet af ${byLabel(e.by)}`, note: e.note });
    if (e.kind === 'refugee-side' && e.answer)
      entries.push({
        at: e.at,
        text: `Flygtningens side (telefon, ${byLabel(e.by)}): „${followUpAnswerLabels[e.answer]}“`,
        note: e.note,
      });
  }
  if (match.endedAt && match.status === 'ended')
    entries.push({
      at: match.endedAt,
      text: `Afsluttet${match.closure ? ` (${match.closure.planned ? 'planlagt' : 'ikke planlagt'}) af ${closurePartyLabels[match.closure.endedBy].toLowerCase()}` : ''}${match.endReason ? `: ${endReasonLabels[match.endReason].toLowerCase()}` : ''}`,
    });
  if (match.survey)
    entries.push({
      at: match.survey.answeredAt,
      text: `Den frivilliges evaluering: ${match.survey.rating} af 5; ny ven: ${{ now: 'ja, nu', later: 'ja, senere', no: 'nej' }[match.survey.again]}`,
    });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
};

/** "3 møder på 2 måneder (hver anden uge: 4)". */
export const paceText = (match: Match, now: Date): string | undefined => {
  if (!match.activeSince) return undefined;
  const until = match.endedAt ? Date.parse(match.endedAt) : now.getTime();
  const weeks = Math.max(0, (until - Date.parse(match.activeSince)) / (7 * 24 * 3600 * 1000));
  const expected = Math.floor(weeks / 2);
  const meetings = match.meetings ?? 0;
  const last = match.lastMeetingOn ? `; senest ${danishDate(`${match.lastMeetingOn}T12:00:00Z`)}` : '';
  if (weeks < 2) return `${countOf(meetings, 'møde', 'møder')} i de første to uger${last}`;
  return `${countOf(meetings, 'møde', 'møder')} på ${countOf(Math.floor(weeks), 'uge', 'uger')} (hver anden uge ville være ${expected})${last}`;
};

export const Timeline = ({ match, events }: { match: Match; events: readonly MatchEvent[] }) => {
  const entries = timelineOf(match, events);
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">Forløbet</h2>
      {entries.length === 0 ? (
        <p>Intet endnu: forløbet begynder, når den frivillige siger ja.</p>
      ) : (
        <ol class="venner-timeline">
          {entries.map((e) => (
            <li key={`${e.at}${e.text}`}>
              <span class="venner-muted">{danishDate(e.at)}</span> {e.text}
              {e.note ? <blockquote>{e.note}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};

const noteWarning =
  'Skriv kort, hvad der er sket. Skriv ikke helbredsoplysninger, religion, politiske holdninger eller andre følsomme oplysninger, og ikke CPR-numre.';

const Radios = ({ name, options }: { name: string; options: readonly (readonly [string, string])[] }) => (
  <>
    {options.map(([value, label]) => (
      <div class="form-group-radio" key={value}>
        <input type="radio" class="form-radio" id={`${name}-${value}`} name={name} value={value} required />
        <label for={`${name}-${value}`}>{label}</label>
      </div>
    ))}
  </>
);

const NoteField = ({ id, label, required }: { id: string; label: string; required?: boolean }) => (
  <div class="form-group">
    <label class="form-label" for={id}>
      {label}
    </label>
    <span class="form-hint" id={`${id}-hint`}>
      {noteWarning}
    </span>
    <textarea
      class="form-input"
      id={id}
      name="note"
      rows={3}
      maxLength={noteMaxLength}
      aria-describedby={`${id}-hint`}
      required={required}
    />
  </div>
);

/** The coordinator's forms on an open match: the refugee's side after a call, and a concern. */
export const SupportForms = ({ match }: { match: Match }) => (
  <>
    <details class="venner-details">
      <summary>Skriv flygtningens side efter en samtale</summary>
      <form
        method="post"
        action={pathOf('match-support', 'refugeeSide', { id: match.id })}
        class="venner-form-block"
      >
        <fieldset>
          <legend class="form-label">Flygtningens side (efter en telefonsamtale)</legend>
          <Radios name="answer" options={checkInAnswers.map((a) => [a, followUpAnswerLabels[a]] as const)} />
        </fieldset>
        <NoteField id="refugee-note" label="Note (valgfri)" />
        <button type="submit" class="button button-secondary">
          Gem flygtningens side
        </button>
      </form>
    </details>
    <details class="venner-details">
      <summary>Skriv en bekymring</summary>
      <form
        method="post"
        action={pathOf('match-support', 'staffConcern', { id: match.id })}
        class="venner-form-block"
      >
        <NoteField id="concern-note" label="Jeg er bekymret for …" required />
        <button type="submit" class="button button-secondary">
          Skriv bekymringen (bliver en opgave, der haster)
        </button>
      </form>
    </details>
  </>
);

/** The closure: planned or not, who ended it and why (each party's own list), and a new friend for the refugee. */
export const ClosureForm = ({ match }: { match: Match }) => (
  <details class="venner-details">
    <summary>Afslut matchet</summary>
    <form method="post" action={matchPath(match.id)} class="venner-end-match">
      <input type="hidden" name="action" value="end" />
      <fieldset>
        <legend class="form-label">Var afslutningen planlagt?</legend>
        <Radios
          name="planned"
          options={[
            ['yes', 'Ja, planlagt (fx den aftalte tid er gået)'],
            ['no', 'Nej, ikke planlagt'],
          ]}
        />
      </fieldset>
      {closureParties.map((party) => (
        <fieldset key={party}>
          <legend class="form-label">
            {party === 'both'
              ? 'Begge har afsluttet efter aftale, fordi …'
              : `${closurePartyLabels[party]} har afsluttet, fordi …`}
          </legend>
          {closureReasons[party].map((reason) => (
            <div class="form-group-radio" key={`${party}-${reason}`}>
              <input
                type="radio"
                class="form-radio"
                id={`reason-${party}-${reason}`}
                name="closure"
                value={`${party}:${reason}`}
                required
              />
              <label for={`reason-${party}-${reason}`}>{endReasonLabels[reason]}</label>
            </div>
          ))}
        </fieldset>
      ))}
      <div class="form-group-checkbox">
        <input type="checkbox" class="form-checkbox" id="rematch" name="rematch" value="yes" />
        <label for="rematch">
          Flygtningen vil gerne have en ny ven (kommer tilbage på ventelisten på sin oprindelige plads)
        </label>
      </div>
      <p class="form-hint">
        Den frivillige får en kort evaluering på e-mail (medmindre de har fravalgt e-mails) og får ingen nye
        forslag, før de har sagt, at de vil have en ny ven.
      </p>
      <button type="submit" class="button button-primary">
        Afslut matchet
      </button>
    </form>
  </details>
);

// --- A volunteer's readiness -----------------------------------------------------------------------

export const missingLabels: Record<Missing, string> = {
  introduction: 'mangler introduktionssamtale',
  confidentiality: 'mangler tavshedserklæring',
  course: 'mangler kursus',
  'child-certificate': 'mangler børneattest',
  'child-certificate-expired': 'børneattesten er udløbet',
};

/** What the coordinator's volunteer list and suggestions say about readiness. */
export const readinessText = (v: Volunteer, today: string): string => {
  const missing = missingBeforeMatch(v);
  const certificate = certificateState(v, today);
  const parts = missing.map((m) => missingLabels[m]);
  if (needsChildCertificate(v, false) && certificate !== 'valid')
    parts.push(missingLabels[certificate === 'expired' ? 'child-certificate-expired' : 'child-certificate']);
  if (parts.length === 0)
    return certificate === 'valid'
      ? 'Klar (med børneattest)'
      : 'Klar (uden børneattest: ikke til børnefamilier)';
  return `Ikke klar: ${parts.join(', ')}`;
};

const DateField = ({
  name,
  label,
  value,
  hint,
}: {
  name: string;
  label: string;
  value?: string;
  hint?: string;
}) => (
  <div class="form-group">
    <label class="form-label" for={name}>
      {label}
    </label>
    {hint ? (
      <span class="form-hint" id={`${name}-hint`}>
        {hint}
      </span>
    ) : null}
    <input class="form-input" type="date" id={name} name={name} value={value ?? ''} />
  </div>
);

/** The volunteer page's readiness: what is done and missing, and the form to record it. */
export const ReadinessSection = ({
  volunteer: v,
  now,
  notice,
}: {
  volunteer: Volunteer;
  now: Date;
  notice?: string;
}) => {
  const today = copenhagenDate(now);
  const rules = rulesFor(v);
  const s = v.screening ?? {};
  const c = s.childCertificate ?? {};
  const until = certificateValidUntil(v);
  return (
    <section aria-labelledby="readiness">
      <h2 id="readiness">Klar til en første ven</h2>
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        <strong>{readinessText(v, today)}</strong>
      </p>
      <ul>
        <li>
          Introduktionssamtale{rules.introduction === 'required' ? '' : ' (valgfri)'}:{' '}
          {s.introduction
            ? `${danishDate(`${s.introduction.on}T12:00:00Z`)} med ${s.introduction.by}`
            : 'ikke holdt endnu'}
        </li>
        <li>
          Tavshedserklæring{rules.confidentiality === 'required' ? '' : ' (valgfri)'}:{' '}
          {s.confidentiality
            ? `accepteret ${danishDate(s.confidentiality.at)}${s.confidentiality.by === 'volunteer' ? ' af den frivillige under „Min tilmelding“' : ` (registreret af ${s.confidentiality.by})`}`
            : 'ikke accepteret endnu'}
        </li>
        <li>
          Kursus{rules.course === 'required' ? '' : ' (valgfrit)'}:{' '}
          {s.course ? danishDate(`${s.course.on}T12:00:00Z`) : 'ikke registreret'}
        </li>
        <li>
          Børneattest (kræves til husstande med børn under {rules.childCertificate.childrenUnder} år
          {rules.childCertificate.alwaysForFamilies ? ' og til alle venskabsfamilier' : ''}):{' '}
          {c.assessment === 'approved' && until
            ? `godkendt ${danishDate(`${c.decidedOn}T12:00:00Z`)}, gælder til og med ${danishDate(`${until}T12:00:00Z`)}`
            : c.assessment === 'not-approved'
              ? `ikke godkendt (${c.decidedOn ? danishDate(`${c.decidedOn}T12:00:00Z`) : 'uden dato'})`
              : c.requestedOn
                ? `indhentet ${danishDate(`${c.requestedOn}T12:00:00Z`)}, venter på svar`
                : 'ikke indhentet'}
        </li>
      </ul>
      <form
        method="post"
        action={pathOf('match-support', 'recordReadiness', { id: v.id })}
        class="venner-form-block"
      >
        <h3>Registrér</h3>
        <p class="form-hint">
          Vi gemmer kun datoer og vurderingen: aldrig selve børneattesten. Tomme felter ændrer intet.
        </p>
        <DateField name="introductionOn" label="Introduktionssamtale holdt den" value={s.introduction?.on} />
        <div class="form-group-checkbox">
          <input
            type="checkbox"
            class="form-checkbox"
            id="confidentiality"
            name="confidentiality"
            value="yes"
            checked={Boolean(s.confidentiality)}
          />
          <label for="confidentiality">Tavshedserklæringen er underskrevet (fx på papir ved samtalen)</label>
        </div>
        <DateField name="courseOn" label="Kursus gennemført den" value={s.course?.on} />
        <DateField name="certificateRequestedOn" label="Børneattest indhentet den" value={c.requestedOn} />
        <DateField name="certificateDecidedOn" label="Børneattest vurderet den" value={c.decidedOn} />
        <fieldset>
          <legend class="form-label">Vurdering af børneattesten</legend>
          {(
            [
              ['', 'Ikke vurderet endnu'],
              ['approved', 'Godkendt'],
              ['not-approved', 'Ikke godkendt'],
            ] as const
          ).map(([value, label]) => (
            <div class="form-group-radio" key={value || 'none'}>
              <input
                type="radio"
                class="form-radio"
                id={`assessment-${value || 'none'}`}
                name="assessment"
                value={value}
                checked={(c.assessment ?? '') === value}
              />
              <label for={`assessment-${value || 'none'}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">
          Gem
        </button>
      </form>
    </section>
  );
};

/** The check-ins the match has reached so far, for the match page's facts. */
export const checkInsSoFar = (match: Match, now: Date) => {
  if (!match.activeSince) return [];
  const days = Math.floor((now.getTime() - Date.parse(match.activeSince)) / 86_400_000);
  return checkInsReached(days);
};
