import type { ComponentChildren } from 'preact';
import { centreName } from '../../shared/asylum-centres.ts';
import { checkInAt, checkInById } from '../../shared/check-in-schedule.ts';
import { pathOf } from '../../shared/routes.ts';
import { type HandoverRecord, referenceOf } from '../domain/handover.ts';
import type { Match } from '../domain/match.ts';
import type { MatchEvent } from '../domain/matching.ts';
import { coordinates, daysWaiting } from '../domain/matching.ts';
import type { RefugeeMatching } from '../domain/matching-views.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { type GroupNames, type GroupToAsk, groupName, OtherGroups } from './group-parts.tsx';
import {
  danishDate,
  genderPreferenceLabels,
  helpNames,
  householdText,
  kommuneNameOf,
  languageLevelsText,
  languagesText,
  phoneText,
  refugeeGenderLabels,
  statusLabels,
} from './handover-texts.ts';
import { Notice, Problem } from './layout.tsx';
import {
  ClosureForm,
  checkInsSoFar,
  missingLabels,
  paceText,
  SupportForms,
  Timeline,
} from './match-support-pages.tsx';
import {
  MatchRows,
  matchingPath,
  matchPath,
  ProposeButton,
  Reasons,
  refugeeMatchingPath,
  refugeeName,
  volunteerHousehold,
  volunteerLanguages,
} from './matching-pages.tsx';
import { endReasonLabels, matchStatusLabels } from './matching-texts.ts';

/** "Efter 3 måneder, omkring 2. marts 2027". */
const nextCheckInText = (match: Match, now: Date): string => {
  if (!match.activeSince) return '–';
  const reached = checkInsSoFar(match, now).length;
  const next = checkInAt(reached);
  if (!next) return '–';
  const on = new Date(Date.parse(match.activeSince) + next.days * 86_400_000).toISOString();
  return `Efter ${checkInById(next.id)?.label.da ?? next.id}, omkring ${danishDate(on)}`;
};

import { StaffLayout } from './staff-layout.tsx';

export const Facts = ({ rows }: { rows: readonly [string, ComponentChildren][] }) => (
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
  groups,
}: {
  staff: StaffContext;
  data: RefugeeMatching;
  now: Date;
  notice?: string;
  problem?: string;
  groups?: { names: GroupNames; toAsk: readonly GroupToAsk[] };
}) => {
  const { record, suggestions, duplicates, history, notReady } = data;
  const heldBy = history.find(
    (m) => m.status === 'proposed' || m.status === 'active' || m.status === 'paused',
  );
  const p = record.person;
  return (
    <StaffLayout title={refugeeName(record)} staff={staff}>
      {notice ? <Notice>{notice}</Notice> : null}
      {problem ? <Problem>{problem}</Problem> : null}
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
                  {/* A link where the coordinator may open the other record; the reference alone elsewhere. */}
                  {coordinates(staff, d.kommuneCode) &&
                  d.consent.shareWithVolunteers &&
                  d.status !== 'withdrawn' ? (
                    <a href={refugeeMatchingPath(d.id)}>Reference {referenceOf(d.id)}</a>
                  ) : (
                    `Reference ${referenceOf(d.id)}`
                  )}
                  : {centreName(d.centreId)}, {danishDate(d.recordedAt)}, {kommuneNameOf(d.kommuneCode)} –{' '}
                  {statusLabels[d.status]}
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
          [
            'Alder',
            p ? (p.age !== undefined ? `${p.age} år` : p.birthYear ? `født ${p.birthYear}` : '–') : '–',
          ],
          ['Køn', p?.gender ? refugeeGenderLabels[p.gender] : '–'],
          ['Sprog', p ? languagesText(p) : '–'],
          ['Dansk / engelsk', p ? languageLevelsText(p) : '–'],
          ['Ønsker hjælp til', p ? p.helpWith.map((h) => helpNames[h]).join(', ') || '–' : '–'],
          ['Ønske til venens køn', p ? genderPreferenceLabels[p.preferredVolunteerGender] : '–'],
          ['Sagsbehandlerens note', p?.note ?? '–'],
          // Shared with volunteers (the coordinator sees no one else), so the address and the
          // kommune's caseworker are what the friend will need to get started.
          ['Ny adresse', p?.newAddress ?? '–'],
          [
            'Kommunens sagsbehandler',
            p?.kommuneCaseworkerName || p?.kommuneCaseworkerEmail
              ? [
                  p.kommuneCaseworkerName,
                  p.kommuneCaseworkerEmail,
                  p.kommuneCaseworkerPhone && phoneText(p.kommuneCaseworkerPhone),
                ]
                  .filter(Boolean)
                  .join(', ')
              : '–',
          ],
          ['Reference', referenceOf(record.id)],
        ]}
      />
      {record.status !== 'waiting' ? (
        <p>
          Flygtningen venter ikke på en ven lige nu, så der er ingen forslag.
          {heldBy ? ` ${groupName(groups?.names ?? {}, heldBy.groupId)} har flygtningen.` : ''}
        </p>
      ) : suggestions.length === 0 ? (
        <p>
          Der er ingen ledige frivillige i {kommuneNameOf(record.kommuneCode)}, som opfylder reglerne og er
          klar.
        </p>
      ) : (
        <>
          <h2>Forslag (bedst først)</h2>
          <p>
            Kun frivillige i samme kommune, som har bekræftet, ikke holder pause, har plads og er klar til
            husstanden (introduktion, tavshedserklæring og børneattest, når der er børn under 15 år), kommer
            med. Resten er point: de viser, hvorfor nogen står øverst, men du vælger selv.
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
      {record.status === 'waiting' && notReady.length > 0 ? (
        <section aria-labelledby="not-ready">
          <h2 id="not-ready">Ikke klar til denne husstand endnu</h2>
          <ul>
            {notReady.slice(0, 20).map(({ volunteer, missing }) => (
              <li key={volunteer.id}>
                <a href={pathOf('matching', 'volunteer', { id: volunteer.id })}>{volunteer.name}</a>,{' '}
                {volunteer.postalCode}: {missing.map((m) => missingLabels[m]).join(', ')}
              </li>
            ))}
          </ul>
          {notReady.length > 20 ? <p>… og {notReady.length - 20} mere.</p> : null}
        </section>
      ) : null}
      {groups ? <OtherGroups consentId={record.id} groups={groups.toAsk} /> : null}
      {history.length > 0 ? <MatchRows matches={history} groupNames={groups?.names} staff={staff} /> : null}
      <p>
        <a href={`${matchingPath}?kommune=${record.kommuneCode}`}>
          Tilbage til {kommuneNameOf(record.kommuneCode)}
        </a>
      </p>
    </StaffLayout>
  );
};

export const MatchPage = ({
  staff,
  match,
  record,
  volunteer,
  events,
  notice,
  now,
}: {
  staff: StaffContext;
  match: Match;
  record: HandoverRecord;
  volunteer?: Volunteer;
  events: readonly MatchEvent[];
  notice?: string;
  now: Date;
}) => (
  <StaffLayout title={`Match for ${refugeeName(record)}`} staff={staff}>
    {notice ? <Notice>{notice}</Notice> : null}
    <Facts
      rows={[
        ['Status', matchStatusLabels[match.status]],
        ['Flygtning', <a href={refugeeMatchingPath(record.id)}>{refugeeName(record)}</a>],
        [
          'Frivillig',
          volunteer ? (
            <>
              <a href={pathOf('matching', 'volunteer', { id: volunteer.id })}>{volunteer.name}</a>,{' '}
              {volunteer.email}
              {volunteer.phone ? `, ${phoneText(volunteer.phone)}` : ''}
            </>
          ) : (
            'Har slettet sine oplysninger'
          ),
        ],
        ['Foreslået', `${danishDate(match.proposedAt)} af ${match.proposedBy.name} (${match.score} point)`],
        ['Aktiv siden', match.activeSince ? danishDate(match.activeSince) : '–'],
        [
          'Afsluttet',
          match.endedAt
            ? `${danishDate(match.endedAt)}${match.endReason ? `: ${endReasonLabels[match.endReason]}` : ''}`
            : '–',
        ],
        ['Møder', paceText(match, now) ?? '–'],
        [
          'Næste check-in',
          match.status === 'active' || match.status === 'paused'
            ? nextCheckInText(match, now)
            : match.status === 'proposed'
              ? 'Når den frivillige har sagt ja'
              : 'Sendes ikke: matchet er slut',
        ],
      ]}
    />
    <Timeline match={match} events={events} />
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
        <SupportForms match={match} />
        <ClosureForm match={match} />
      </>
    ) : null}
  </StaffLayout>
);
