import { describe, expect, it } from 'vitest';
import {
  alertIntervalDays,
  arrivalAlertEmail,
  wantsArrivalAlerts,
  writeArrivalAlerts,
} from '../../functions/domain/arrival-alerts.ts';
import {
  copenhagenDate,
  copenhagenMidnight,
  copenhagenMonth,
  isoWeekOf,
} from '../../functions/domain/danish-time.ts';
import { duplicateKeys, normaliseName } from '../../functions/domain/duplicates.ts';
import {
  type DeliveryDeps,
  deliver,
  deliverNew,
  heldForDaysAtMost,
  isHeldBySes,
  leaseSeconds,
  maxAttempts,
  type OutboxEntry,
  type OutboxStatus,
  sendDue,
} from '../../functions/domain/email-delivery.ts';
import type { HandoverRecord, PersonDetails } from '../../functions/domain/handover.ts';
import { referenceOf } from '../../functions/domain/handover-reference.ts';
import {
  type Kommune,
  loadReferenceKommuner,
  missingVolunteers,
  parseKommuner,
  regionsOf,
} from '../../functions/domain/kommune.ts';
import { backstopExpiry, eraseAfter, retentionDays, runRetention } from '../../functions/domain/retention.ts';
import { recordSesEvent, suppressionsOf } from '../../functions/domain/ses-events.ts';
import {
  hashToken,
  issueToken,
  isTokenShaped,
  newTokenValue,
  prepareToken,
  type TokenRecord,
  tokenLifetimeSeconds,
} from '../../functions/domain/tokens.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import { volunteerEmail } from '../../functions/domain/volunteer-emails.ts';
import kommunerJson from '../../shared/kommuner.json' with { type: 'json' };

const day = 24 * 3600 * 1000;

describe('link tokens', () => {
  it('are 256 random bits, stored only as their SHA-256, with a lifetime per purpose', () => {
    const value = newTokenValue();
    expect(isTokenShaped(value)).toBe(true);
    expect(newTokenValue()).not.toBe(value);
    expect(hashToken('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    const now = new Date('2026-11-01T10:00:00Z');
    const { value: link, record } = prepareToken('manage', 'v1', now, 'm1');
    expect(record).toEqual({
      hash: hashToken(link),
      purpose: 'manage',
      volunteerId: 'v1',
      expiresAt: new Date(now.getTime() + 24 * 3600 * 1000),
      ref: 'm1',
    });
    expect(prepareToken('session', 'v1', now).record).not.toHaveProperty('ref');
    expect(tokenLifetimeSeconds).toEqual({
      confirm: 30 * 24 * 3600,
      manage: 24 * 3600,
      unsubscribe: 365 * 24 * 3600,
      session: 3600,
      'match-answer': 14 * 24 * 3600,
      'follow-up': 60 * 24 * 3600,
      'match-support': 100 * 24 * 3600,
      'exit-survey': 30 * 24 * 3600,
      'digest-settings': 60 * 24 * 3600,
    });
  });

  it('look up only what is shaped like one', () => {
    expect(isTokenShaped('A'.repeat(43))).toBe(true);
    expect(isTokenShaped('A'.repeat(42))).toBe(false);
    expect(isTokenShaped('A'.repeat(44))).toBe(false);
    expect(isTokenShaped(`${'A'.repeat(42)}=`)).toBe(false);
    expect(isTokenShaped(`x${'A'.repeat(43)}`)).toBe(false);
    expect(isTokenShaped(42)).toBe(false);
    expect(isTokenShaped(undefined)).toBe(false);
  });

  it('are issued by storing the hash and handing out the value', async () => {
    const stored: TokenRecord[] = [];
    const value = await issueToken(
      { put: async (r) => void stored.push(r) },
      'confirm',
      'v9',
      new Date(),
      'x',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.hash).toBe(hashToken(value));
    expect(stored[0]).toMatchObject({ purpose: 'confirm', volunteerId: 'v9', ref: 'x' });
    expect(JSON.stringify(stored)).not.toContain(value);
  });
});

describe('Danish time', () => {
  it('gives the Danish date, month and midnight across summer and winter time', () => {
    expect(copenhagenDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(copenhagenDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(copenhagenDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(copenhagenMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11');
    expect(copenhagenMidnight('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(copenhagenMidnight('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('gives the ISO week and its Monday', () => {
    expect(isoWeekOf(new Date('2026-11-23T07:00:00+01:00'))).toEqual({
      week: '2026-W48',
      monday: '2026-11-23',
    });
    expect(isoWeekOf(new Date('2026-11-29T22:00:00Z'))).toEqual({ week: '2026-W48', monday: '2026-11-23' });
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'))).toEqual({ week: '2026-W49', monday: '2026-11-30' });
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toEqual({ week: '2026-W53', monday: '2026-12-28' });
    expect(isoWeekOf(new Date('2026-01-01T12:00:00Z'))).toEqual({ week: '2026-W01', monday: '2025-12-29' });
    expect(isoWeekOf(new Date('2027-01-04T12:00:00Z'))).toEqual({ week: '2027-W01', monday: '2027-01-04' });
  });
});

const person = (overrides: Partial<PersonDetails> = {}): PersonDetails =>
  ({ name: 'Ali  Hassan', phone: '+45 20 30 40 50', birthYear: 1990, ...overrides }) as PersonDetails;

describe('possible duplicates', () => {
  const record = (p: PersonDetails | undefined, overrides: Partial<HandoverRecord> = {}) =>
    ({
      kommuneCode: '101',
      interviewDate: '2026-11-16',
      status: 'waiting',
      person: p,
      ...overrides,
    }) as HandoverRecord;

  it('normalise names: case, accents, spaces and punctuation', () => {
    expect(normaliseName('  Ali  HASSAN ')).toBe('ali hassan');
    expect(normaliseName('Zoë-Ærø')).toBe('zoe ærø');
    expect(normaliseName('José')).toBe('jose');
  });

  it('meet under the phone, and under name, birth year and kommune together', () => {
    const a = duplicateKeys(record(person()));
    expect(a.phoneKey).toMatch(/^[\w-]{32}$/);
    expect(duplicateKeys(record(person({ phone: '20304050', name: 'Other' }))).phoneKey).not.toBe(a.phoneKey);
    expect(duplicateKeys(record(person({ phone: '+4520304050' }))).phoneKey).toBe(a.phoneKey);
    expect(duplicateKeys(record(person({ name: 'ali hassan' }))).personKey).toBe(a.personKey);
    expect(duplicateKeys(record(person(), { kommuneCode: '147' })).personKey).not.toBe(a.personKey);
    expect(duplicateKeys(record(person({ birthYear: 1991 }))).personKey).not.toBe(a.personKey);
    // An age instead of a birth year: the year of the interview minus the age.
    expect(duplicateKeys(record(person({ birthYear: undefined, age: 36 }))).personKey).toBe(a.personKey);
    expect(duplicateKeys(record(person({ birthYear: undefined, age: undefined }))).personKey).toBeUndefined();
    expect(duplicateKeys(record(undefined))).toEqual({});
    expect(duplicateKeys(record(person(), { status: 'withdrawn' }))).toEqual({});
  });

  it('are named by a reference of 8 upper-case characters', () => {
    expect(referenceOf('abcdefghijkl')).toBe('ABCDEFGH');
  });
});

describe('kommuner', () => {
  it('are the 98 with unique codes, in 5 regions', () => {
    const kommuner = parseKommuner(kommunerJson);
    expect(kommuner).toHaveLength(98);
    expect(regionsOf(kommuner).map((r) => r.name)).toEqual([
      'Region Hovedstaden',
      'Region Midtjylland',
      'Region Nordjylland',
      'Region Sjælland',
      'Region Syddanmark',
    ]);
    expect(() => parseKommuner([...kommunerJson, kommunerJson[0]])).toThrow('Duplicate kommune codes');
    const one = { code: '101', name: 'x', regionCode: '1084', region: 'R' };
    expect(parseKommuner([one])).toEqual([one]);
    for (const wrong of [
      { code: '1' },
      { code: '1011' },
      { code: 'x101' },
      { regionCode: '10845' },
      { regionCode: 'x1084' },
      { name: '' },
    ])
      expect(() => parseKommuner([{ ...one, ...wrong }]), JSON.stringify(wrong)).toThrow();
  });

  it('load as the reference list, validated before anything is written', async () => {
    const written: (readonly Kommune[])[] = [];
    const store = { putKommuner: async (k: readonly Kommune[]) => void written.push(k) };
    expect(await loadReferenceKommuner(store, kommunerJson)).toBe(98);
    expect(written).toEqual([parseKommuner(kommunerJson)]);
    await expect(loadReferenceKommuner(store, [...kommunerJson, kommunerJson[0]])).rejects.toThrow(
      'Duplicate',
    );
    expect(written).toHaveLength(1);
  });

  it('miss volunteers where more wait than are available, never fewer than none', () => {
    expect(missingVolunteers({ waitingRefugees: 5, availableVolunteers: 2 })).toBe(3);
    expect(missingVolunteers({ waitingRefugees: 2, availableVolunteers: 5 })).toBe(0);
  });
});

describe('retention', () => {
  it('keeps a refugee a year unmatched, half a year after a match, with a 60-day backstop', () => {
    expect(retentionDays).toEqual({ neverMatched: 365, afterMatchEnded: 180, backstop: 60, notes: 365 });
    const from = new Date('2026-01-01T00:00:00Z');
    expect(eraseAfter(from, 180)).toBe('2026-06-30T00:00:00.000Z');
    expect(backstopExpiry('2026-06-30T00:00:00.000Z')).toBe(Date.parse('2026-08-29T00:00:00Z') / 1000);
  });

  it('erases what is due, reminds once and deletes unconfirmed sign-ups, and counts what it did', async () => {
    const now = new Date('2026-12-01T03:30:00Z');
    const signUp = (id: string, daysAgo: number, extra: Partial<Volunteer> = {}) =>
      ({
        id,
        status: 'unconfirmed',
        createdAt: new Date(now.getTime() - daysAgo * day).toISOString(),
        emailOptOut: false,
        ...extra,
      }) as Volunteer;
    const erased: string[] = [];
    const reminded: string[] = [];
    const deleted: string[] = [];
    const resumed: string[] = [];
    const today = copenhagenDate(now);
    const yesterday = copenhagenDate(new Date(now.getTime() - 24 * 3600 * 1000));
    const report = await runRetention({
      records: {
        listDue: async () => [
          { id: 'r1', kommuneCode: '101', status: 'waiting', inQueue: true, eraseAfter: '' },
          { id: 'r2', kommuneCode: '101', status: 'ended', inQueue: false, eraseAfter: '' },
        ],
        eraseDetails: async (record) => {
          erased.push(record.id);
          return record.id === 'r1';
        },
      },
      volunteers: {
        listUnconfirmed: async (code) =>
          code === '101'
            ? [
                signUp('old', 31),
                signUp('week', 8),
                signUp('fresh', 1),
                signUp('again', 9, { reminderSentAt: 'x' }),
              ]
            : [signUp('week2', 8)],
        markReminded: async (v, entry) => {
          reminded.push(`${v.id}:${entry.key}`);
          return v.id === 'week';
        },
        erase: async (v) => void deleted.push(v.id),
        // A pause whose last day was yesterday ends; one that ends today, and a not-ready volunteer, stay.
        listUnavailable: async (code) =>
          code === '101'
            ? [
                signUp('pause-over', 40, { status: 'confirmed', paused: true, pausedUntil: yesterday }),
                signUp('pause-today', 40, { status: 'confirmed', paused: true, pausedUntil: today }),
                signUp('not-ready', 40, { status: 'confirmed', ready: false }),
              ]
            : [],
        endPause: async (v) => {
          resumed.push(v.id);
          return true;
        },
      },
      kommuneCodes: ['101', '147'],
      now: () => now,
    });
    expect(erased).toEqual(['r1', 'r2']);
    expect(deleted).toEqual(['old']);
    expect(reminded.sort()).toEqual(
      [
        `week:${volunteerEmail.unconfirmedReminder('week', signUp('week', 8).createdAt).key}`,
        `week2:${volunteerEmail.unconfirmedReminder('week2', signUp('week2', 8).createdAt).key}`,
      ].sort(),
    );
    expect(resumed).toEqual(['pause-over']);
    expect(report).toEqual({
      refugeesErased: 1,
      remindersWritten: 1,
      signUpsDeleted: 1,
      pausesEnded: 1,
      volunteersBackfilled: 0,
    });
  });
});

describe('bounces and complaints', () => {
  const bounce = (type: string, ...addresses: string[]) => ({
    eventType: 'Bounce',
    bounce: { bounceType: type, bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress })) },
  });

  it('suppress a permanent bounce and a complaint, not a transient bounce or other events', () => {
    expect(suppressionsOf(bounce('Permanent', 'a@x.dk', 'b@x.dk'))).toEqual([
      { address: 'a@x.dk', reason: 'bounce' },
      { address: 'b@x.dk', reason: 'bounce' },
    ]);
    expect(suppressionsOf({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent' } })).toEqual([]);
    expect(suppressionsOf(bounce('Transient', 'a@x.dk'))).toEqual([]);
    expect(suppressionsOf({ eventType: 'Delivery' })).toEqual([]);
    expect(
      suppressionsOf({
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'c@x.dk' }, {}] },
      }),
    ).toEqual([{ address: 'c@x.dk', reason: 'complaint' }]);
    expect(suppressionsOf(bounce('Permanent', 'not-an-address'))).toEqual([]);
    // The older notification format; and an event that is not what it says.
    expect(
      suppressionsOf({
        notificationType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'o@x.dk' }] },
      }),
    ).toEqual([{ address: 'o@x.dk', reason: 'bounce' }]);
    expect(suppressionsOf({ eventType: 'Complaint' })).toEqual([]);
    expect(
      suppressionsOf({
        eventType: 'Delivery',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'd@x.dk' }] },
      }),
    ).toEqual([]);
    expect(
      suppressionsOf({
        eventType: 'Delivery',
        complaint: { complainedRecipients: [{ emailAddress: 'd@x.dk' }] },
      }),
    ).toEqual([]);
    expect(suppressionsOf({ eventType: 'Bounce' })).toEqual([]);
  });

  it('record each suppression the event calls for', async () => {
    const at = new Date('2026-11-20T10:00:00Z');
    const seen: unknown[] = [];
    const n = await recordSesEvent(
      { suppressions: { suppress: async (...args) => void seen.push(args) }, now: () => at },
      bounce('Permanent', 'a@x.dk'),
    );
    expect(n).toBe(1);
    expect(seen).toEqual([['a@x.dk', 'bounce', at]]);
  });
});

/** An outbox, a mailer and a composer in memory, to see what delivery does with each outcome. */
const deliveryFixture = (options: { mailerFails?: string; compose?: DeliveryDeps['compose'] } = {}) => {
  const entries = new Map<string, OutboxEntry & { reason?: string; messageId?: string }>();
  const sent: string[] = [];
  const logged: string[] = [];
  const now = new Date('2026-11-01T10:00:00Z');
  const deps: DeliveryDeps = {
    outbox: {
      claim: async (entry, at, lease) => {
        if (entries.has(entry.key)) return false;
        entries.set(entry.key, {
          ...entry,
          status: lease ? 'sending' : 'pending',
          attempts: lease ? 1 : 0,
          createdAt: at.toISOString(),
        });
        return true;
      },
      take: async (key) => {
        const entry = entries.get(key);
        if (entry?.status !== 'pending') return undefined;
        const taken = { ...entry, status: 'sending' as OutboxStatus, attempts: entry.attempts + 1 };
        entries.set(key, taken);
        return taken;
      },
      finish: async (key, outcome) => {
        const entry = entries.get(key) as OutboxEntry;
        entries.set(key, {
          ...entry,
          status: outcome.status,
          reason: outcome.reason,
          messageId: outcome.messageId,
        });
      },
      listDue: async () => [...entries.values()].filter((e) => e.status === 'pending'),
    },
    mailer: {
      send: async (message) => {
        if (options.mailerFails !== undefined)
          throw Object.assign(new Error('refused'), { name: options.mailerFails });
        sent.push(message.to);
        return `msg-${sent.length}`;
      },
    },
    compose:
      options.compose ??
      (async (entry) =>
        entry.recipientRef === 'gone'
          ? { skip: 'recipient-gone' }
          : { to: `${entry.recipientRef}@x.dk`, subject: 's', text: 't', html: 'h' }),
    now: () => now,
    log: (message) => void logged.push(message),
    suppressions: { isSuppressed: async (address) => address === 'blocked@x.dk' },
  };
  const add = (key: string, recipientRef: string, attempts = 0) =>
    entries.set(key, {
      key,
      template: 't',
      recipientRef,
      status: 'pending',
      attempts,
      createdAt: now.toISOString(),
    });
  return { deps, entries, sent, logged, add };
};

describe('SES holding emails back', () => {
  const rejected = (message: string, name = 'MessageRejected') => Object.assign(new Error(message), { name });
  it('is the sandbox or an unverified identity, not a rejected message', () => {
    expect(
      isHeldBySes(rejected('Email address is not verified. The following identities failed the check')),
    ).toBe(true);
    expect(isHeldBySes(rejected('Sending paused: account in the sandbox'))).toBe(true);
    expect(isHeldBySes(rejected('x', 'MailFromDomainNotVerifiedException'))).toBe(true);
    expect(isHeldBySes(rejected('Illegal header value'))).toBe(false);
    expect(isHeldBySes(rejected('not verified', 'ThrottlingException'))).toBe(false);
    expect(isHeldBySes(undefined)).toBe(false);
  });
});

describe('email delivery through the outbox', () => {
  it('sends a pending entry once and records the message id', async () => {
    const { deps, entries, sent, add } = deliveryFixture();
    add('k1', 'anne');
    expect(await deliver(deps, 'k1')).toBe('sent');
    expect(await deliver(deps, 'k1')).toBe('not-due');
    expect(sent).toEqual(['anne@x.dk']);
    expect(entries.get('k1')).toMatchObject({ status: 'sent', messageId: 'msg-1' });
    expect(await deliver(deps, 'unknown')).toBe('not-due');
  });

  it('skips a recipient who is gone or suppressed, saying why', async () => {
    const { deps, entries, sent, add } = deliveryFixture();
    add('k1', 'gone');
    add('k2', 'blocked');
    expect(await deliver(deps, 'k1')).toBe('skipped');
    expect(await deliver(deps, 'k2')).toBe('skipped');
    expect(sent).toEqual([]);
    expect(entries.get('k1')).toMatchObject({ status: 'skipped', reason: 'recipient-gone' });
    expect(entries.get('k2')).toMatchObject({ status: 'skipped', reason: 'suppressed' });
  });

  it('keeps what SES did not take pending, and gives up on a permanent refusal or after the last attempt', async () => {
    const transient = deliveryFixture({ mailerFails: 'ServiceUnavailable' });
    transient.add('k1', 'anne');
    expect(await deliver(transient.deps, 'k1')).toBe('retry-later');
    expect(transient.entries.get('k1')).toMatchObject({
      status: 'pending',
      reason: 'ServiceUnavailable',
      attempts: 1,
    });
    expect(transient.logged).toEqual(['Email not sent; it stays pending for the retry job']);
    transient.add('k2', 'anne', maxAttempts - 1);
    expect(await deliver(transient.deps, 'k2')).toBe('failed');
    expect(transient.entries.get('k2')?.status).toBe('failed');
    expect(transient.logged.at(-1)).toBe('Email given up');
    transient.add('k3', 'anne', maxAttempts - 2);
    expect(await deliver(transient.deps, 'k3')).toBe('retry-later');
    for (const name of ['MessageRejected', 'BadRequestException']) {
      const permanent = deliveryFixture({ mailerFails: name });
      permanent.add('k', 'anne');
      expect(await deliver(permanent.deps, 'k'), name).toBe('failed');
    }
    const unnamed = deliveryFixture({ mailerFails: '' });
    unnamed.add('k', 'anne');
    expect(await deliver(unnamed.deps, 'k')).toBe('retry-later');
    expect(unnamed.entries.get('k')?.reason).toBe('Error');
  });

  it('holds an email SES refuses in the sandbox, but not for more than a week', async () => {
    const fixture = deliveryFixture();
    const sandbox = Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
    const deps = { ...fixture.deps, mailer: { send: () => Promise.reject(sandbox) } };
    fixture.add('fresh', 'anne');
    expect(await deliver(deps, 'fresh')).toBe('held');
    expect(fixture.entries.get('fresh')).toMatchObject({ status: 'pending', reason: 'held-by-ses' });
    fixture.add('old', 'anne');
    const entry = fixture.entries.get('old') as OutboxEntry;
    const weekAgo = new Date(Date.parse(entry.createdAt) - heldForDaysAtMost * 86_400_000).toISOString();
    fixture.entries.set('old', { ...entry, createdAt: weekAgo });
    expect(await deliver(deps, 'old')).toBe('failed');
    expect(fixture.entries.get('old')).toMatchObject({ status: 'failed', reason: 'held-by-ses-too-long' });
  });

  it('puts an entry back when composing it fails, and passes the failure on', async () => {
    const { deps, entries, add } = deliveryFixture({
      compose: async () => {
        throw Object.assign(new Error('db down'), { name: 'TimeoutError' });
      },
    });
    add('k1', 'anne');
    await expect(deliver(deps, 'k1')).rejects.toThrow('db down');
    expect(entries.get('k1')).toMatchObject({ status: 'pending', reason: 'TimeoutError' });
  });

  it('claims and sends an email it decides on itself, once', async () => {
    const { deps, sent, entries } = deliveryFixture();
    const entry = { key: 'n1', template: 't', recipientRef: 'bo' };
    expect(await deliverNew(deps, entry)).toBe('sent');
    expect(await deliverNew(deps, entry)).toBe('not-due');
    expect(sent).toEqual(['bo@x.dk']);
    expect(entries.get('n1')?.status).toBe('sent');
    expect(leaseSeconds).toBe(300);
  });

  it('sends everything due in one retry run, counting each outcome', async () => {
    const { deps, add } = deliveryFixture();
    add('a', 'anne');
    add('b', 'gone');
    add('c', 'bo');
    // Run 90 seconds after the emails were written: the oldest has waited that long (an alarm watches it).
    const later90 = { ...deps, now: () => new Date(deps.now().getTime() + 90_000) };
    expect(await sendDue(later90)).toEqual({
      due: 3,
      oldestPendingSeconds: 90,
      sent: 2,
      skipped: 1,
      retryLater: 0,
      held: 0,
      failed: 0,
    });
    expect(await sendDue(deps)).toEqual({
      due: 0,
      oldestPendingSeconds: 0,
      sent: 0,
      skipped: 0,
      retryLater: 0,
      held: 0,
      failed: 0,
    });
    const failing = deliveryFixture({ mailerFails: 'MessageRejected' });
    failing.add('x', 'anne');
    expect(await sendDue(failing.deps)).toMatchObject({ due: 1, failed: 1 });
    const later = deliveryFixture({ mailerFails: 'Throttling' });
    later.add('y', 'anne');
    expect(await sendDue(later.deps)).toMatchObject({ retryLater: 1 });
  });
});

describe('the volunteer emails’ keys', () => {
  it('allow one confirmation per sign-up, one "already signed up" an hour, one link per 10 minutes', () => {
    const at = new Date('2026-11-01T10:05:00Z');
    expect(volunteerEmail.confirmation('v1', '2026-11-01T10:00:00.000Z')).toEqual({
      key: `signup-confirmation#v1#${Date.parse('2026-11-01T10:00:00.000Z')}`,
      template: 'confirmation',
      recipientRef: 'v1',
    });
    expect(volunteerEmail.alreadySignedUp('v1', at).key).toBe(
      volunteerEmail.alreadySignedUp('v1', new Date('2026-11-01T10:59:59Z')).key,
    );
    expect(volunteerEmail.alreadySignedUp('v1', at).key).not.toBe(
      volunteerEmail.alreadySignedUp('v1', new Date('2026-11-01T11:00:00Z')).key,
    );
    expect(volunteerEmail.alreadySignedUp('v1', at)).toMatchObject({
      template: 'alreadySignedUp',
      recipientRef: 'v1',
    });
    expect(volunteerEmail.manageLink('v1', at).key).toBe(
      volunteerEmail.manageLink('v1', new Date('2026-11-01T10:09:59Z')).key,
    );
    expect(volunteerEmail.manageLink('v1', at).key).not.toBe(
      volunteerEmail.manageLink('v1', new Date('2026-11-01T10:10:00Z')).key,
    );
    expect(volunteerEmail.manageLink('v1', at)).toMatchObject({ template: 'manageLink', recipientRef: 'v1' });
    expect(volunteerEmail.matchEnded('v1', 'm1')).toEqual({
      key: 'match-ended#m1',
      template: 'matchEnded',
      recipientRef: 'v1',
    });
    expect(volunteerEmail.unconfirmedReminder('v1', '2026-11-01T10:00:00.000Z')).toEqual({
      key: `signup-reminder#v1#${Date.parse('2026-11-01T10:00:00.000Z')}`,
      template: 'unconfirmedReminder',
      recipientRef: 'v1',
    });
  });
});

describe('arrival alerts', () => {
  const now = new Date('2026-11-30T16:00:00Z');
  const volunteer = (id: string, extra: Partial<Volunteer> = {}) =>
    ({ id, emailOptOut: false, arrivalAlerts: true, ...extra }) as Volunteer;

  it('go to available volunteers who want them, where someone began waiting in the last day, at most weekly', async () => {
    const asked: string[] = [];
    const claimed: { key: string; notSince: string }[] = [];
    const report = await writeArrivalAlerts({
      sources: {
        kommuner: async () =>
          [
            { code: '101', waitingRefugees: 3 },
            { code: '147', waitingRefugees: 0 },
            { code: '151', waitingRefugees: 2 },
          ] as never,
        arrivedSince: async (code, since) => {
          asked.push(`${code}@${since}`);
          return code === '101' ? 2 : 0;
        },
        listAvailable: async () => [
          volunteer('a'),
          volunteer('b'),
          volunteer('off', { arrivalAlerts: false }),
          volunteer('stopped', { emailOptOut: true }),
        ],
      },
      alerts: {
        claimAlert: async (entry, id, _at, notSince) => {
          claimed.push({ key: entry.key, notSince: notSince.toISOString() });
          return id === 'a';
        },
      },
      now: () => now,
    });
    expect(asked.sort()).toEqual([
      `101@${new Date(now.getTime() - day).toISOString()}`,
      `151@${new Date(now.getTime() - day).toISOString()}`,
    ]);
    expect(claimed.map((c) => c.key)).toEqual(['arrival-alert#a#2026-11-30', 'arrival-alert#b#2026-11-30']);
    expect(claimed[0]?.notSince).toBe(new Date(now.getTime() - alertIntervalDays * day).toISOString());
    expect(report).toEqual({ kommunerWithArrivals: 1, alerted: 1, throttled: 1 });
  });

  it('carry the number of arrivals and no refugee data', () => {
    expect(arrivalAlertEmail('v1', '101', 4, now)).toEqual({
      key: 'arrival-alert#v1#2026-11-30',
      template: 'arrivalAlert',
      recipientRef: 'v1',
      facts: { kommuneCode: '101', arrived: 4 },
    });
    expect(wantsArrivalAlerts(volunteer('x', { arrivalAlerts: undefined }))).toBe(true);
    expect(alertIntervalDays).toBe(7);
  });
});
