import type {
  GroupOffer,
  LocalGroupInput,
  OrganisationInput,
  readinessKinds,
} from '../../shared/organisations-contract.ts';
import { DomainError } from './errors.ts';

/**
 * Organisations (Røde Kors, Dansk Flygtningehjælp, others) and their local groups, and who may
 * see whose volunteers. A volunteer belongs to one group or to none yet ("not yet assigned");
 * their personal details are for their own group's coordinators and the secretariat. Waiting
 * refugees are shared demand: every coordinator whose groups cover the kommune sees them.
 */

export interface Organisation {
  readonly id: string;
  readonly name: string;
  /** Whose readiness rules its volunteers follow. */
  readonly readiness: (typeof readinessKinds)[number];
  readonly updatedAt: string;
}

export interface LocalGroup {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly kommuner: readonly string[];
  readonly email: string;
  readonly phone?: string;
  readonly active: boolean;
  readonly offers: readonly GroupOffer[];
  readonly updatedAt: string;
}

export interface OrganisationsDirectory {
  /** Every organisation and group: one Query (there are hundreds, not thousands). */
  all(): Promise<{ organisations: Organisation[]; groups: LocalGroup[] }>;
  /** These groups (a coordinator's): one BatchGetItem; unknown ids are left out. */
  groups(ids: readonly string[]): Promise<LocalGroup[]>;
  saveOrganisation(organisation: Organisation): Promise<void>;
  saveGroup(group: LocalGroup): Promise<void>;
}

export class UnknownOrganisationError extends DomainError {
  override readonly name = 'UnknownOrganisationError';
  readonly kind = 'invalid';
  override readonly errors = [{ field: 'organisationId', message: 'Vælg en organisation, der findes.' }];
  constructor() {
    super('Organisationen findes ikke. Opret den først.');
  }
}

export class GroupNotFoundError extends DomainError {
  override readonly name = 'GroupNotFoundError';
  readonly kind = 'not-found';
  constructor() {
    super('Gruppen findes ikke.');
  }
}

export const saveOrganisation = async (
  directory: OrganisationsDirectory,
  input: OrganisationInput,
  now: Date,
): Promise<Organisation> => {
  const organisation: Organisation = { ...input, updatedAt: now.toISOString() };
  await directory.saveOrganisation(organisation);
  return organisation;
};

export const saveGroup = async (
  directory: OrganisationsDirectory,
  input: LocalGroupInput,
  now: Date,
): Promise<LocalGroup> => {
  const { organisations } = await directory.all();
  if (!organisations.some((o) => o.id === input.organisationId)) throw new UnknownOrganisationError();
  const group: LocalGroup = {
    ...input,
    kommuner: [...new Set(input.kommuner)].sort(),
    updatedAt: now.toISOString(),
  };
  await directory.saveGroup(group);
  return group;
};

/** Activation: the group covers the kommune too, and is active. */
export const activateGroupFor = async (
  directory: OrganisationsDirectory,
  groupId: string,
  kommuneCode: string,
  now: Date,
): Promise<LocalGroup> => {
  const [group] = await directory.groups([groupId]);
  if (!group) throw new GroupNotFoundError();
  const activated: LocalGroup = {
    ...group,
    active: true,
    kommuner: [...new Set([...group.kommuner, kommuneCode])].sort(),
    updatedAt: now.toISOString(),
  };
  await directory.saveGroup(activated);
  return activated;
};

/** The kommuner a coordinator covers: those named directly (before groups) and their active groups'. */
export const coveredKommuner = (direct: readonly string[], groups: readonly LocalGroup[]): string[] => [
  ...new Set([...direct, ...groups.filter((g) => g.active).flatMap((g) => g.kommuner)]),
];

/** The active groups covering a kommune, by organisation then name. */
export const activeGroupsIn = (groups: readonly LocalGroup[], kommuneCode: string): LocalGroup[] =>
  groups
    .filter((g) => activelyCovers(g, kommuneCode))
    .sort((a, b) => a.organisationId.localeCompare(b.organisationId) || a.name.localeCompare(b.name, 'da'));

/**
 * "The group that fits best": of the active groups covering the kommune, those that offer what
 * the volunteer signs up for (friend families for a family; else any), one picked by the
 * volunteer's id, so that sign-ups spread evenly over them. None: "not yet assigned".
 */
export const bestFitGroupFor = (
  groups: readonly LocalGroup[],
  volunteer: { readonly id: string; readonly kommuneCode: string; readonly kind: 'friend' | 'family' },
): LocalGroup | undefined => {
  const wanted: GroupOffer = volunteer.kind === 'family' ? 'friend-families' : 'friends';
  const covering = activeGroupsIn(groups, volunteer.kommuneCode);
  const offering = covering.filter((g) => g.offers.includes(wanted));
  const pool = offering.length ? offering : covering;
  if (pool.length === 0) return undefined;
  let spread = 0;
  for (const char of volunteer.id) spread = (spread * 31 + char.charCodeAt(0)) >>> 0;
  return pool[spread % pool.length];
};

/** A group that is active and covers the kommune: one a volunteer there may join, and its demand is the group's. */
export const activelyCovers = (group: LocalGroup | undefined, kommuneCode: string): group is LocalGroup =>
  group?.active === true && group.kommuner.includes(kommuneCode);

/** A staff member as far as volunteers' visibility goes. */
export interface GroupScope {
  readonly roles: readonly string[];
  readonly kommuner: readonly string[];
  readonly groups?: readonly string[];
}

/** The secretariat (administrators) sees every volunteer. */
export const isSecretariat = (actor: Pick<GroupScope, 'roles'>): boolean => actor.roles.includes('admin');

/**
 * Whether a staff member sees a volunteer's personal details: the secretariat always; a
 * coordinator their own groups' volunteers, and those not yet assigned in their kommuner.
 */
export const seesVolunteer = (
  actor: GroupScope,
  volunteer: { readonly kommuneCode: string; readonly groupId?: string },
): boolean => {
  if (isSecretariat(actor)) return true;
  if (!actor.roles.includes('coordinator')) return false;
  if (volunteer.groupId) return (actor.groups ?? []).includes(volunteer.groupId);
  return actor.kommuner.includes(volunteer.kommuneCode);
};

/** For lists: undefined when the actor sees every group (the secretariat), else the groups they see besides the unassigned. */
export const visibleGroups = (actor: GroupScope): readonly string[] | undefined =>
  isSecretariat(actor) ? undefined : (actor.groups ?? []);

/** What another group's coordinator may know of a group's available volunteers: counts, never who. */
export interface GroupAvailability {
  /** Volunteers of no group are seen by all, so they are never counted here. */
  readonly groupId: string;
  readonly volunteers: number;
  /** Places left over all of them. */
  readonly places: number;
  readonly languages: readonly string[];
  readonly friendFamilies: number;
}

/** Splits available volunteers into those the actor sees and, per other group, anonymous counts. */
export const splitByVisibility = <
  V extends {
    readonly kommuneCode: string;
    readonly groupId?: string;
    readonly capacity: number;
    readonly activeMatches: number;
    readonly languages: readonly string[];
    readonly kind: string;
  },
>(
  actor: GroupScope,
  volunteers: readonly V[],
): { visible: V[]; otherGroups: GroupAvailability[] } => {
  const visible: V[] = [];
  const others = new Map<string, V[]>();
  for (const v of volunteers) {
    if (seesVolunteer(actor, v)) visible.push(v);
    else if (v.groupId) others.set(v.groupId, [...(others.get(v.groupId) ?? []), v]);
  }
  return {
    visible,
    otherGroups: [...others].map(([groupId, list]) => ({
      groupId,
      volunteers: list.length,
      places: list.reduce((sum, v) => sum + Math.max(0, v.capacity - v.activeMatches), 0),
      languages: [...new Set(list.flatMap((v) => v.languages))].sort(),
      friendFamilies: list.filter((v) => v.kind === 'family').length,
    })),
  };
};

/** A local group as the public and the kommuner see it: who, what it offers, how to reach it. */
export interface PublicGroup {
  readonly id: string;
  readonly name: string;
  readonly organisation: string;
  readonly offers: readonly GroupOffer[];
  readonly email: string;
  readonly phone?: string;
}

export const publicGroupOf = (group: LocalGroup, organisations: readonly Organisation[]): PublicGroup => ({
  id: group.id,
  name: group.name,
  organisation: organisations.find((o) => o.id === group.organisationId)?.name ?? group.organisationId,
  offers: group.offers,
  email: group.email,
  ...(group.phone ? { phone: group.phone } : {}),
});

/** Each kommune's active groups (kommuner without any left out), in the kommuner's order. */
export const groupsPerKommune = (
  kommuner: readonly { readonly code: string; readonly name: string }[],
  directory: { readonly organisations: readonly Organisation[]; readonly groups: readonly LocalGroup[] },
): { code: string; name: string; groups: PublicGroup[] }[] =>
  kommuner
    .map((k) => ({
      code: k.code,
      name: k.name,
      groups: activeGroupsIn(directory.groups, k.code).map((g) => publicGroupOf(g, directory.organisations)),
    }))
    .filter((k) => k.groups.length > 0);
