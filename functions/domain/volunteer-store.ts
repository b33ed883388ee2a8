import { DomainError } from './errors.ts';
import type { CounterChange } from './kommune.ts';
import type { RecruitmentChange } from './secretariat-figures.ts';
import type { TransactionPart } from './transaction-part.ts';
import type { Volunteer } from './volunteer.ts';

/** The volunteers the sign-up and self-service use cases keep (the volunteers table). */
export interface VolunteerStore {
  /** Stores a new volunteer and their email guard in one transaction; DuplicateEmailError if the address is taken. */
  create(volunteer: Volunteer): Promise<void>;
  get(id: string, now: Date): Promise<Volunteer | undefined>;
  findIdByEmail(email: string, now: Date): Promise<string | undefined>;
  /** Replaces `before` with `after` if nobody changed it meanwhile (VolunteerChangedError otherwise), with `extra` in the same transaction. */
  save(before: Volunteer, after: Volunteer, extra?: readonly TransactionPart[]): Promise<void>;
  erase(volunteer: Volunteer, extra?: readonly TransactionPart[]): Promise<void>;
  /** Confirmed, not paused, ready volunteers with a place left in one kommune. */
  listAvailable(kommuneCode: string, now: Date): Promise<Volunteer[]>;
}

/** The kommuner's anonymous counters, moved inside the transaction of the change that moves them. */
export interface KommuneCounterWrites {
  /** One update per kommune (a transaction may touch an item once). */
  counterUpdates(changes: readonly CounterChange[]): TransactionPart[];
  /** A confirmed volunteer counted under their campaign source. */
  recruitmentUpdates(change: RecruitmentChange | undefined): TransactionPart[];
}

export class DuplicateEmailError extends DomainError {
  override readonly name = 'DuplicateEmailError';
  readonly kind = 'conflict';
  /** The id of the volunteer the address belongs to. */
  constructor(readonly existingId: string | undefined) {
    super('Der er allerede en tilmelding med denne e-mailadresse.');
  }
}

/** The volunteer changed between read and write (another tab, a coordinator's match). */
export class VolunteerChangedError extends DomainError {
  override readonly name = 'VolunteerChangedError';
  readonly kind = 'conflict';
  constructor(readonly reasons: readonly unknown[] = []) {
    super('Tilmeldingen blev ændret samtidig. Prøv igen.');
  }
}
