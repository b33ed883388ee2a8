import type { ListedTask, TaskKind } from '../domain/coordinator-tasks.ts';
import { checkInName } from '../domain/coordinator-tasks.ts';
import { referenceOf } from '../domain/handover.ts';
import { followUpAnswerLabels } from './matching-texts.ts';

/** The coordinator's tasks in Danish: each kind's name, and one task's line. */

export const taskKindLabels: Record<TaskKind, { one: string; plural: string }> = {
  concern: { one: 'Bekymring', plural: 'Bekymringer' },
  'check-in-answer': {
    one: 'Svar på check-in: tag kontakt',
    plural: 'Svar på check-ins, der beder om kontakt',
  },
  'check-in-unanswered': { one: 'Check-in ikke besvaret', plural: 'Check-ins uden svar i 7 dage' },
  'proposal-unanswered': { one: 'Forslag ikke besvaret', plural: 'Forslag uden svar i 5 dage' },
  'refugee-waiting': { one: 'Venter længe på en ven', plural: 'Flygtninge, der har ventet over 30 dage' },
  'volunteer-unmatched': {
    one: 'Frivillig uden match',
    plural: 'Frivillige uden match 60 dage efter tilmelding',
  },
  'child-certificate-renewal': { one: 'Børneattest skal fornyes', plural: 'Børneattester, der skal fornyes' },
  'volunteer-request': {
    one: 'En anden gruppe beder om en frivillig',
    plural: 'Andre grupper beder om en frivillig',
  },
};

/** What the task is about, in one line (a name only for the queues' tasks; otherwise the reference). */
export const taskLine = (task: ListedTask): string => {
  const refugee =
    task.subjectName ?? (task.consentId ? `Venner-reference ${referenceOf(task.consentId)}` : '');
  const who = task.volunteerName ? `${refugee} og ${task.volunteerName}` : refugee;
  switch (task.kind) {
    case 'concern':
      return `${who}: en bekymring er skrevet på matchet`;
    case 'check-in-answer':
      return `${who}: „${task.answer ? followUpAnswerLabels[task.answer] : ''}“ (check-in efter ${checkInName(task.checkIn)})`;
    case 'check-in-unanswered':
      return `${who}: den frivillige har ikke svaret på check-in efter ${checkInName(task.checkIn)}`;
    case 'proposal-unanswered':
      return `${who}: ${task.volunteerName ?? 'den frivillige'} har ikke svaret på forslaget`;
    case 'refugee-waiting':
      return `${who} har ventet ${task.days ?? ''} dage`;
    case 'volunteer-unmatched':
      return `${who} har været tilmeldt i ${task.days ?? ''} dage uden et forslag`;
    case 'child-certificate-renewal':
      return `${who}: børneattesten skal fornyes`;
    case 'volunteer-request':
      return `${who}: ${task.requestedBy?.name ?? 'en koordinator'}${task.fromGroupNames?.length ? ` (${task.fromGroupNames.join(', ')})` : ''} beder jer om en frivillig`;
  }
};
