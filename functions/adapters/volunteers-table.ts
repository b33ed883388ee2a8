/** The volunteers table's keys, items and transaction parts. */

import { createHash } from 'node:crypto';
import { canonicalEmail } from '../../shared/email-address.ts';
import { attentionDay } from '../domain/coordinator-tasks.ts';
import { nameKeys } from '../domain/search-terms.ts';
import { isAvailable, unconfirmedSchedule, type Volunteer } from '../domain/volunteer.ts';
import type { TransactItem } from './transact-item.ts';

/** A volunteer's item key (the id is random: newVolunteerId). */
export const volunteerKey = (id: string) => ({ pk: `VOLUNTEER#${id}`, sk: 'PROFILE' });

/**
 * The guard that keeps one volunteer per email address: keyed by a hash of the address, holding
 * the volunteer's id, written in the same transaction as a new volunteer and deleted with them.
 * It is the only link from an address to an id, so once a volunteer has left, nothing left
 * behind (outbox entries, tokens, matches) can be traced back to their address.
 */
export const emailGuardKey = (email: string) => ({
  pk: `EMAIL#${createHash('sha256')
    .update(`venner/volunteer-email:${canonicalEmail(email) ?? email.trim().toLowerCase()}`)
    .digest('base64url')}`,
  sk: 'GUARD',
});

export const guardItem = (v: Volunteer) => ({
  ...emailGuardKey(v.email),
  type: 'email-guard',
  volunteerId: v.id,
  expiresAt: expiryOf(v),
});

export const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/** Unconfirmed sign-ups carry a TTL a day past their deletion date, as a backstop. */
export const expiryOf = (v: Volunteer) =>
  v.status === 'unconfirmed' ? epoch(unconfirmedSchedule(v).deleteAt) + 24 * 3600 : undefined;

/** A volunteer as stored, with its index attributes (exported for seeding benchmarks with batch writes). */
export const toItem = (v: Volunteer) => ({
  ...volunteerKey(v.id),
  type: 'volunteer',
  ...v,
  kommuneStatus: `${v.kommuneCode}#${v.status === 'unconfirmed' ? 'unconfirmed' : isAvailable(v) ? 'available' : 'unavailable'}`,
  expiresAt: expiryOf(v),
  // Coordinators search confirmed volunteers only.
  ...(v.status === 'confirmed' ? { searchKommune: v.kommuneCode, ...nameKeys(v.name) } : {}),
  ...attentionOf(v),
});

/** The sparse key of the coordinators' volunteer tasks (by-kommune-attention). */
const attentionOf = (v: Volunteer) => {
  const on = attentionDay(v);
  return on ? { attentionKommune: v.kommuneCode, attentionOn: on } : {};
};

export const fromItem = (item: Record<string, unknown>): Volunteer => {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    kommuneStatus: _ks,
    expiresAt: _exp,
    searchKommune: _search,
    nameFolded: _name,
    surnameFolded: _surname,
    attentionKommune: _attention,
    attentionOn: _attentionOn,
    ...volunteer
  } = item;
  return volunteer as unknown as Volunteer;
};

/**
 * The volunteer as changed by another use case (a match taking or giving back a place), as one
 * write of its transaction: only if nobody changed them since they were read. `activeMatches` is
 * in the condition too, because two changes in the same millisecond share an `updatedAt`.
 */
export const volunteerSaveItem = (tableName: string, before: Volunteer, after: Volunteer): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: toItem(after),
    ConditionExpression: 'updatedAt = :before AND activeMatches = :places',
    ExpressionAttributeValues: { ':before': before.updatedAt, ':places': before.activeMatches },
  },
});
