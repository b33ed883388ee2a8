import { checkInSchedule } from '../../shared/check-in-schedule.ts';
import { referenceOf } from '../domain/handover.ts';
import { daysWaiting } from '../domain/matching.ts';
import type { KommuneOverview } from '../domain/matching-views.ts';
import { csvDate, toCsv } from './csv.ts';
import { householdText, kommuneNameOf, languagesText } from './handover-texts.ts';
import {
  endReasonLabels,
  followUpAnswerLabels,
  followUpState,
  matchStatusLabels,
  milestoneLabel,
} from './matching-texts.ts';

/** The coordinators' exports for Excel: the waiting list and the matches of one kommune, with Danish columns. */

const firstCheckIns: readonly string[] = checkInSchedule.first.map((c) => c.id);

export const matchListCsv = (overview: KommuneOverview): string =>
  toCsv(
    [
      'Reference',
      'Status',
      'Foreslået',
      'Aktiv siden',
      'Afsluttet',
      'Årsag',
      ...firstCheckIns.map((m) => `Check-in ${milestoneLabel(m)}`),
      'Senere check-ins',
    ],
    overview.matches.map((m) => [
      referenceOf(m.consentId),
      matchStatusLabels[m.status],
      csvDate(m.proposedAt),
      csvDate(m.activeSince),
      csvDate(m.endedAt),
      m.endReason ? endReasonLabels[m.endReason] : '',
      ...firstCheckIns.map((id) => {
        const answer = m.followUps[id]?.answer;
        return answer ? followUpAnswerLabels[answer] : m.followUps[id] ? 'Sendt' : '';
      }),
      followUpState({
        followUps: Object.fromEntries(
          Object.entries(m.followUps).filter(([id]) => !firstCheckIns.includes(id as never)),
        ),
      }).replace(/^–$/, ''),
    ]),
  );

export const waitingListCsv = (overview: KommuneOverview, now: Date): string =>
  toCsv(
    ['Reference', 'Navn', 'Telefon', 'Kommune', 'Ankomst', 'Dage på ventelisten', 'Husstand', 'Sprog'],
    overview.waiting.map((r) => [
      referenceOf(r.id),
      r.person?.name,
      r.person?.phone,
      kommuneNameOf(r.kommuneCode),
      csvDate(r.person?.expectedMovingDate),
      daysWaiting(r, now),
      r.person ? householdText(r.person) : '',
      r.person ? languagesText(r.person) : '',
    ]),
  );
