import type { Task } from './coordinator-task.ts';
import { DomainError } from './errors.ts';
import { type Actor, audited, staffRef } from './handover.ts';
import { type MatchingDeps, matchableRecord, RefugeeNotWaitingError } from './matching.ts';
import {
  activelyCovers,
  GroupNotFoundError,
  isSecretariat,
  type LocalGroup,
  type OrganisationsDirectory,
} from './organisations.ts';

/**
 * A coordinator asks another group for one of its volunteers, for a refugee they both see: the
 * request is a task on the owning group's list (only its coordinators see it). The owning
 * coordinator accepts by proposing one of their volunteers (the proposal's transaction closes
 * the request), or declines; the asking coordinator sees the answer on the refugee's page.
 */

export const requestId = (consentId: string, groupId: string) => `volunteer-request#${consentId}#${groupId}`;

export interface VolunteerRequest {
  readonly id: string;
  readonly kommuneCode: string;
  readonly consentId: string;
  readonly groupId: string;
  readonly requestedBy: { readonly sub: string; readonly name: string };
  readonly fromGroups: readonly string[];
  readonly createdAt: string;
  readonly status: 'open' | 'declined' | 'done';
  readonly answeredAt?: string;
}

export interface VolunteerRequestStore {
  /** Writes the request as an open task (again: a declined request asked anew is open again). */
  open(task: Task): Promise<void>;
  /** Every request for one refugee, open or answered (one Query of the kommune's tasks). */
  ofRefugee(kommuneCode: string, consentId: string): Promise<VolunteerRequest[]>;
  /** Removes every open request for a refugee (withdrawn, or moved away): how many there were. */
  closeAll(kommuneCode: string, consentId: string): Promise<number>;
  /** Declines an open request; false when it is not open. */
  decline(kommuneCode: string, id: string, by: { sub: string; name: string }, now: Date): Promise<boolean>;
}

export interface RequestDeps extends Pick<MatchingDeps, 'records' | 'audit' | 'now'> {
  readonly requests: VolunteerRequestStore;
  readonly groups: Pick<OrganisationsDirectory, 'groups'>;
}

export class RequestNotAllowedError extends DomainError {
  override readonly name = 'RequestNotAllowedError';
  readonly kind = 'conflict';
}

export const requestVolunteer = async (
  deps: RequestDeps & Pick<MatchingDeps, 'matches' | 'volunteers' | 'tokens'>,
  actor: Actor,
  consentId: string,
  groupId: string,
): Promise<VolunteerRequest> => {
  const record = await matchableRecord(deps as MatchingDeps, actor, consentId);
  const [group] = await deps.groups.groups([groupId]);
  if (!activelyCovers(group, record.kommuneCode)) throw new GroupNotFoundError();
  if ((actor.groups ?? []).includes(group.id))
    throw new RequestNotAllowedError('Det er din egen gruppe: foreslå en af gruppens frivillige direkte.');
  if (record.status !== 'waiting') throw new RefugeeNotWaitingError();
  const now = deps.now();
  const task: Task = {
    id: requestId(consentId, group.id),
    kind: 'volunteer-request',
    kommuneCode: record.kommuneCode,
    dueAt: now.toISOString(),
    urgent: false,
    createdAt: now.toISOString(),
    consentId,
    groupId: group.id,
    requestedBy: staffRef(actor),
    fromGroups: [...(actor.groups ?? [])],
  };
  await deps.requests.open(task);
  await audited(deps, actor, 'view', [record]);
  return {
    id: task.id,
    kommuneCode: task.kommuneCode,
    consentId,
    groupId: group.id,
    requestedBy: staffRef(actor),
    fromGroups: task.fromGroups ?? [],
    createdAt: task.createdAt,
    status: 'open',
  };
};

/** The owning group's coordinator (or the secretariat) declines; nobody else can. */
export const declineRequest = async (
  deps: Pick<RequestDeps, 'requests' | 'now'>,
  actor: Actor,
  kommuneCode: string,
  id: string,
): Promise<void> => {
  const groupId = /^volunteer-request#[\w-]{32}#([a-z0-9-]{2,48})$/.exec(id)?.[1];
  if (!groupId || !(isSecretariat(actor) || (actor.groups ?? []).includes(groupId)))
    throw new RequestNotFoundError();
  if (!(await deps.requests.decline(kommuneCode, id, staffRef(actor), deps.now())))
    throw new RequestNotFoundError();
};

export class RequestNotFoundError extends DomainError {
  override readonly name = 'RequestNotFoundError';
  readonly kind = 'not-found';
  constructor() {
    super('Anmodningen findes ikke, eller den er allerede besvaret.');
  }
}

/** The groups a refugee's page offers to ask: active, covering the kommune, not the asker's own. */
export const groupsToAsk = (
  actor: Pick<Actor, 'groups'>,
  groups: readonly LocalGroup[],
  kommuneCode: string,
): LocalGroup[] =>
  groups.filter((g) => activelyCovers(g, kommuneCode) && !(actor.groups ?? []).includes(g.id));
