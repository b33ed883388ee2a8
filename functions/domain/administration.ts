/**
 * The administrator's work: staff users (create with role and scope, change the scope, disable
 * and enable, reset the authenticator app, resend the invitation) and the kommuner's digest
 * contacts and quiet-week setting. The administration screen and the commands (`npm run staff`,
 * `npm run contacts`) call these same use cases, and every change is written to the
 * administration log: who changed what, when.
 */

import type { LocalGroupInput, OrganisationInput } from '../../shared/organisations-contract.ts';
import type { Role } from '../../shared/roles.ts';
import { DomainError } from './errors.ts';
import type { StaffRef } from './handover.ts';
import type { KommuneWithCounters } from './kommune.ts';
import type { DigestContact, QuietDigest } from './kommune-digest.ts';
import {
  activateGroupFor,
  type OrganisationsDirectory,
  saveGroup,
  saveOrganisation,
} from './organisations.ts';

export interface StaffUserInput {
  readonly email: string;
  readonly name?: string;
  readonly role: Role;
  readonly centres: readonly string[];
  readonly kommuner: readonly string[];
  /** A coordinator's local groups (their kommuner follow from the groups' coverage). */
  readonly groups: readonly string[];
}

export interface StaffUser {
  readonly username: string;
  readonly email: string;
  readonly name?: string;
  readonly roles: readonly Role[];
  readonly centres: readonly string[];
  readonly kommuner: readonly string[];
  readonly groups: readonly string[];
  /** Cognito's state: CONFIRMED, FORCE_CHANGE_PASSWORD (invited, never signed in), … */
  readonly status: string;
  readonly enabled: boolean;
}

export const accountChanges = ['disable', 'enable', 'reset-mfa', 'resend', 'remove'] as const;
export type AccountChange = (typeof accountChanges)[number];

/** The user pool, as the administration needs it (Cognito on AWS, cognito-local on a laptop). */
export interface StaffAccounts {
  list(): Promise<StaffUser[]>;
  /** Creates the user (Cognito invites them, or the temporary password comes back where nobody can be emailed). */
  create(input: StaffUserInput): Promise<{ created: boolean; sub: string; temporaryPassword?: string }>;
  setScope(input: StaffUserInput): Promise<void>;
  /** Returns what was done, as a Danish sentence (the command prints it). */
  change(emailOrUsername: string, change: AccountChange): Promise<string>;
}

export interface DigestContacts {
  listDigestContacts(): Promise<DigestContact[]>;
  addDigestContact(kommuneCode: string, email: string, now: Date): Promise<DigestContact>;
  removeDigestContact(kommuneCode: string, email: string): Promise<boolean>;
  setQuietDigest(kommuneCode: string, setting: QuietDigest): Promise<void>;
}

export interface AdminChange {
  readonly at: string;
  readonly actor: StaffRef;
  /** What was done, in Danish, naming whom or what ("Oprettede sagsbehandler a@b.dk"). */
  readonly what: string;
}

export interface AdminLog {
  record(change: AdminChange): Promise<void>;
  recent(limit: number): Promise<AdminChange[]>;
}

export interface AdministrationDeps {
  readonly staff: StaffAccounts;
  /** The names staff go by (the staff table): given here, no one is asked at their first sign-in. */
  readonly names: { setName(sub: string, name: string): Promise<void> };
  readonly contacts: DigestContacts;
  readonly log: AdminLog;
  readonly now: () => Date;
}

/** A change the administrator asked for that cannot be made (a bad e-mail, a missing scope …). */
export class AdministrationError extends DomainError {
  override readonly name = 'AdministrationError';
  readonly kind = 'invalid';
}

const roleWords: Record<Role, string> = {
  caseworker: 'sagsbehandler',
  coordinator: 'koordinator',
  admin: 'administrator',
};

const scopeWords = (input: StaffUserInput) =>
  [
    ...(input.centres.length ? [`centre: ${input.centres.join(', ')}`] : []),
    ...(input.kommuner.length ? [`kommuner: ${input.kommuner.join(', ')}`] : []),
    ...(input.groups.length ? [`grupper: ${input.groups.join(', ')}`] : []),
  ].join('; ');

const logged = async (deps: Pick<AdministrationDeps, 'log' | 'now'>, actor: StaffRef, what: string) =>
  deps.log.record({ at: deps.now().toISOString(), actor, what });

export const createStaffUser = async (deps: AdministrationDeps, actor: StaffRef, input: StaffUserInput) => {
  const result = await deps.staff.create(input);
  if (input.name) await deps.names.setName(result.sub, input.name);
  await logged(
    deps,
    actor,
    result.created
      ? `Oprettede ${roleWords[input.role]} ${input.email}${scopeWords(input) ? ` (${scopeWords(input)})` : ''}`
      : `Opdaterede rolle og omfang for ${input.email}: ${roleWords[input.role]}${scopeWords(input) ? ` (${scopeWords(input)})` : ''}`,
  );
  return result;
};

export const changeStaffScope = async (deps: AdministrationDeps, actor: StaffRef, input: StaffUserInput) => {
  await deps.staff.setScope(input);
  await logged(
    deps,
    actor,
    `Ændrede ${input.email} til ${roleWords[input.role]}${scopeWords(input) ? ` (${scopeWords(input)})` : ''}`,
  );
};

const changeWords: Record<AccountChange, string> = {
  disable: 'Deaktiverede',
  enable: 'Aktiverede',
  'reset-mfa': 'Nulstillede godkendelsesappen for',
  resend: 'Sendte en ny invitation til',
  remove: 'Slettede',
};

export const changeStaffAccount = async (
  deps: AdministrationDeps,
  actor: StaffRef,
  email: string,
  change: AccountChange,
) => {
  const done = await deps.staff.change(email, change);
  await logged(deps, actor, `${changeWords[change]} ${email}`);
  return done;
};

export const addDigestContact = async (
  deps: AdministrationDeps,
  actor: StaffRef,
  kommuneCode: string,
  email: string,
) => {
  const contact = await deps.contacts.addDigestContact(kommuneCode, email, deps.now());
  await logged(deps, actor, `Tilføjede ${email} som modtager af ugebrevet for kommune ${kommuneCode}`);
  return contact;
};

export const removeDigestContact = async (
  deps: AdministrationDeps,
  actor: StaffRef,
  kommuneCode: string,
  email: string,
) => {
  const removed = await deps.contacts.removeDigestContact(kommuneCode, email);
  if (removed)
    await logged(deps, actor, `Fjernede ${email} som modtager af ugebrevet for kommune ${kommuneCode}`);
  return removed;
};

const quietWords: Record<QuietDigest, string> = {
  short: 'et kort ugebrev',
  none: 'intet ugebrev',
};

export const setQuietDigest = async (
  deps: AdministrationDeps,
  actor: StaffRef,
  kommuneCode: string,
  setting: QuietDigest,
) => {
  await deps.contacts.setQuietDigest(kommuneCode, setting);
  await logged(deps, actor, `Kommune ${kommuneCode} får ${quietWords[setting]} i uger uden nyt`);
};

/** The organisations' use cases: the directory, and the same log. */
export interface OrganisationAdminDeps extends Pick<AdministrationDeps, 'log' | 'now'> {
  readonly organisations: OrganisationsDirectory;
  /** The kommuner's queues and available volunteers (the activation list). */
  readonly counters: { listWithCounters(): Promise<KommuneWithCounters[]> };
}

export const saveOrganisationLogged = async (
  deps: OrganisationAdminDeps,
  actor: StaffRef,
  input: OrganisationInput,
) => {
  const before = (await deps.organisations.all()).organisations.find((o) => o.id === input.id);
  const saved = await saveOrganisation(deps.organisations, input, deps.now());
  await logged(deps, actor, `${before ? 'Ændrede' : 'Oprettede'} organisationen ${saved.name} (${saved.id})`);
  return saved;
};

export const saveGroupLogged = async (
  deps: OrganisationAdminDeps,
  actor: StaffRef,
  input: LocalGroupInput,
) => {
  const [before] = await deps.organisations.groups([input.id]);
  const saved = await saveGroup(deps.organisations, input, deps.now());
  await logged(
    deps,
    actor,
    `${before ? 'Ændrede' : 'Oprettede'} gruppen ${saved.name} (${saved.id}): ${saved.active ? 'aktiv' : 'ikke aktiv'}, kommuner ${saved.kommuner.join(', ')}`,
  );
  return saved;
};

export const activateGroupLogged = async (
  deps: OrganisationAdminDeps,
  actor: StaffRef,
  groupId: string,
  kommuneCode: string,
) => {
  const saved = await activateGroupFor(deps.organisations, groupId, kommuneCode, deps.now());
  await logged(deps, actor, `Aktiverede gruppen ${saved.name} (${saved.id}) for kommune ${kommuneCode}`);
  return saved;
};
