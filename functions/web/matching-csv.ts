import { referenceOf } from '../domain/handover.ts';
import { milestoneIds } from '../domain/match.ts';
import { daysWaiting } from '../domain/matching.ts';
import type { KommuneOverview } from '../domain/matching-views.ts';
import { csvDate, toCsv } from './csv.ts';
import { householdText, kommuneNameOf, languagesText } from './handover-texts.ts';
import {
  endReasonLabels,
  followUpAnswerLabels,
  matchStatusLabels,
  milestoneLabels,
} from './matching-texts.ts';

/** The coordinators' exports for Excel: the waiting list and the matches of one kommune, with Danish columns. */

export const matchListCsv = (overview: KommuneOverview): string =>
  toCsv(
    [
      'Reference',
      'Status',
      'Foreslået',
      'Aktiv siden',
      'Afsluttet',
      'Årsag',
      ...milestoneIds.map((m) => `Opfølgning ${milestoneLabels[m]}`),
    ],
    overview.matches.map((m) => [
      referenceOf(m.consentId),
      matchStatusLabels[m.status],
      csvDate(m.proposedAt),
      csvDate(m.activeSince),
      csvDate(m.endedAt),
      m.endReason ? endReasonLabels[m.endReason] : '',
      ...milestoneIds.map((id) => {
        const answer = m.followUps[id]?.answer;
        return answer ? followUpAnswerLabels[answer] : m.followUps[id] ? 'Sendt' : '';
      }),
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
