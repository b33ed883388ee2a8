import { type TaskKind, taskKinds } from '../domain/coordinator-task.ts';
import type { EmailComposer } from '../domain/email-delivery.ts';
import { staffBasePath } from '../lib/staff-context.ts';
import { countOf } from '../web/plural.ts';
import { taskKindLabels } from '../web/task-texts.ts';
import { renderStaffEmail } from './layout.tsx';

/**
 * Mondays: a coordinator's open tasks as counts per kind and a link to the list. No names and no
 * references: the list behind the sign-in has them.
 */
export const coordinatorTasksComposer =
  (deps: {
    staff: {
      emailOf(sub: string): Promise<string | undefined>;
      nameOf?(sub: string): Promise<string | undefined>;
    };
    baseUrl: string;
  }): EmailComposer =>
  async (entry) => {
    const to = await deps.staff.emailOf(entry.recipientRef);
    if (!to) return { skip: 'coordinator-unknown' };
    const name = await deps.staff.nameOf?.(entry.recipientRef);
    const facts = entry.facts ?? {};
    const total = Number(facts.total ?? 0);
    const urgent = Number(facts.urgent ?? 0);
    const rows = taskKinds
      .map((kind): [string, string] | undefined => {
        const n = Number(facts[`kind:${kind}`] ?? 0);
        return n > 0 ? [taskKindLabels[kind as TaskKind].plural, String(n)] : undefined;
      })
      .filter((row): row is [string, string] => row !== undefined);
    return renderStaffEmail({
      to,
      subject: `Dine opgaver i Venner denne uge: ${countOf(total, 'opgave', 'opgaver')}${urgent ? `, ${urgent} haster` : ''}`,
      intro: name ? `Kære ${name}` : 'Hej',
      lead: `Du har ${countOf(total, 'åben opgave', 'åbne opgaver')} i de kommuner, du koordinerer for${urgent ? `; ${urgent} af dem haster` : ''}.`,
      rows,
      buttons: [{ label: 'Åbn dine opgaver', url: `${deps.baseUrl}${staffBasePath}/opgaver` }],
      after: 'Du får denne e-mail hver mandag, når du har åbne opgaver. Svar ikke på denne e-mail.',
    });
  };
