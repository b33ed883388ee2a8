import type { OutboxStore } from './email-delivery.ts';
import { ValidationError } from './errors.ts';
import type { Actor } from './handover.ts';
import { activelyCovers, type OrganisationsDirectory } from './organisations.ts';
import type { Volunteer } from './volunteer.ts';
import { counterChanges } from './volunteer-counters.ts';
import { volunteerEmail } from './volunteer-emails.ts';
import { type ScreeningDeps, volunteerForScreening } from './volunteer-screening.ts';
import type { KommuneCounterWrites } from './volunteer-store.ts';

/**
 * A coordinator moves a volunteer they see (their own group's, or one not yet assigned) to
 * another local group covering the volunteer's kommune; the volunteer is told by email, with the
 * new group's contact. Their open matches stay with the group that made them.
 */
export const moveVolunteer = async (
  deps: ScreeningDeps & {
    readonly groups: Pick<OrganisationsDirectory, 'groups'>;
    readonly outbox: Pick<OutboxStore, 'claim'>;
    /** The kommune's counters per group move with the volunteer. */
    readonly kommuner: Pick<KommuneCounterWrites, 'counterUpdates'>;
  },
  actor: Actor,
  volunteerId: string,
  groupId: string,
): Promise<Volunteer> => {
  const before = await volunteerForScreening(deps, actor, volunteerId);
  const [group] = await deps.groups.groups(groupId ? [groupId] : []);
  if (!activelyCovers(group, before.kommuneCode))
    throw new ValidationError([
      { field: 'group', message: 'Vælg en aktiv gruppe, der dækker den frivilliges kommune.' },
    ]);
  if (before.groupId === group.id) return before;
  const now = deps.now();
  const after: Volunteer = { ...before, groupId: group.id, updatedAt: now.toISOString() };
  await deps.volunteers.save(before, after, deps.kommuner.counterUpdates(counterChanges(before, after)));
  await deps.outbox.claim(
    volunteerEmail.groupChanged(before.id, group.id, now, {
      groupName: group.name,
      groupEmail: group.email,
      ...(group.phone ? { groupPhone: group.phone } : {}),
    }),
    now,
  );
  return after;
};
