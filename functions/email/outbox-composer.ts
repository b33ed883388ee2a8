import type { EmailComposer } from '../domain/email-delivery.ts';
import type { LetterPorts } from '../domain/letter-ports.ts';
import { kommuneDigestComposer } from './digest-template.tsx';
import {
  kommuneHandoverComposer,
  kommuneMovedComposer,
  kommuneWithdrawalComposer,
} from './kommune-templates.tsx';
import { matchEmailComposers } from './match-templates.tsx';
import { coordinatorTasksComposer } from './task-templates.tsx';
import { volunteerEmailComposer } from './volunteer-templates.tsx';

/** The outbox sender's one composer: each template's decision (domain) and text (here), by the entry's template. */
export const outboxComposer = (ports: LetterPorts, baseUrl: string): EmailComposer => {
  const byTemplate: Record<string, EmailComposer> = {
    'kommune-handover': kommuneHandoverComposer(ports),
    'kommune-withdrawal': kommuneWithdrawalComposer(ports),
    'kommune-moved': kommuneMovedComposer(ports),
    'kommune-digest': kommuneDigestComposer({ ...ports.digests, tokens: ports.tokens, baseUrl }),
    ...matchEmailComposers({ ...ports, baseUrl }),
    'coordinator-tasks': coordinatorTasksComposer({ staff: ports.staff, baseUrl }),
  };
  const volunteerEmails = volunteerEmailComposer({ ...ports, baseUrl });
  return (entry, now) => (byTemplate[entry.template] ?? volunteerEmails)(entry, now);
};
