import { describe, expect, it } from 'vitest';
import { correctHandover } from '../../functions/domain/correct-handover.ts';
import {
  type Actor,
  AlreadyRecordedError,
  AlreadyWithdrawnError,
  canManage,
  canSee,
  HandoverNotFoundError,
  type HandoverRecord,
  handoverIdFor,
  interviewMonth,
  kommuneEmailFor,
  kommuneMovedEmailFor,
  kommuneRecipientsOf,
  kommuneWithdrawalEmailFor,
  NotYourCentreError,
  parseRecordId,
  recipientOf,
  StaleVersionError,
  SubmissionConflictError,
} from '../../functions/domain/handover.ts';
import {
  assertMayManage,
  auditTrail,
  exportHandover,
  openHandover,
} from '../../functions/domain/handover-reads.ts';
import { referenceOf } from '../../functions/domain/handover-reference.ts';
import { newMatch } from '../../functions/domain/match.ts';
import { recordHandover } from '../../functions/domain/record-handover.ts';
import { handoverPage, searchHandovers } from '../../functions/domain/staff-lists.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import {
  WithdrawalBusyError,
  withdrawalAttempts,
  withdrawConsent,
} from '../../functions/domain/withdraw-consent.ts';
import {
  type HandoverInput,
  handoverCorrectionSchema,
  handoverSchema,
} from '../../shared/handover-contract.ts';
import { consentedBody } from '../support/handover-body.ts';
import { fakeWorld } from './fakes.ts';

/** The handover use cases (functions/domain/handover.ts) against in-memory ports with the repositories' conditions. */

const caseworker: Actor = {
  sub: 'cw',
  name: 'sagsbehandler@venner.local',
  roles: ['caseworker'],
  centres: ['sandholm'],
  kommuner: [],
};
const otherCentre: Actor = { ...caseworker, sub: 'cw2', centres: ['avnstrup'] };
const coordinator: Actor = {
  sub: 'co',
  name: 'k@x.dk',
  roles: ['coordinator'],
  centres: [],
  kommuner: ['201'],
};
const admin: Actor = { sub: 'ad', name: 'a@x.dk', roles: ['admin'], centres: [], kommuner: [] };

const input = (overrides: Record<string, unknown> = {}) =>
  handoverSchema.parse(
    consentedBody({ kommuneCaseworkerEmail: 'karen@alleroed.dk', ...overrides }),
  ) as HandoverInput;

const recorded = async (world = fakeWorld(), overrides: Record<string, unknown> = {}) => {
  const result = await recordHandover(world.deps, input(overrides), caseworker);
  if (result.kind !== 'recorded') throw new Error('not recorded');
  return { world, record: result.record };
};

/** Volunteer v1 proposed for the record in Allerød, round 1. */
const proposalFor = (record: HandoverRecord, world: ReturnType<typeof fakeWorld>) =>
  newMatch({
    consentId: record.id,
    round: 1,
    volunteerId: 'v1',
    kommuneCode: '201',
    score: 1,
    reasons: [],
    proposedBy: { sub: 'co', name: 'k' },
    arrivalDate: '2026-12-01',
    now: world.deps.now(),
  });

const correction = (record: HandoverRecord, changes: Record<string, unknown> = {}) =>
  handoverCorrectionSchema.parse({
    ...record.person,
    receivingKommune: record.kommuneCode,
    version: record.version,
    ...changes,
  });

describe('recording a handover', () => {
  it('stores a yes as one consent record with the consent, the details and who recorded it', async () => {
    const world = fakeWorld();
    const body = input();
    const result = await recordHandover(world.deps, body, caseworker);
    expect(result).toMatchObject({ kind: 'recorded', created: true });
    const record = world.records.get(handoverIdFor(body.submissionKey)) as HandoverRecord;
    expect(record).toMatchObject({
      centreId: 'sandholm',
      kommuneCode: '201',
      interviewDate: '2026-11-16',
      status: 'waiting',
      recordedAt: world.deps.now().toISOString(),
      recordedBy: { sub: 'cw', name: 'sagsbehandler@venner.local' },
      consent: {
        noticeVersion: '2026-10-01',
        noticeLanguage: 'arabic',
        interpreterUsed: true,
        consentMethod: 'signed-form',
        shareWithVolunteers: true,
        shareWithKommune: true,
      },
      consentEvents: [{ type: 'given', at: world.deps.now().toISOString(), by: { sub: 'cw' } }],
      kommuneRecipients: [
        {
          kommuneCode: '201',
          email: 'karen@alleroed.dk',
          name: 'Karen Kommune',
          since: world.deps.now().toISOString(),
        },
      ],
      version: 1,
    });
    expect(record.person).toMatchObject({
      name: 'Amal Haddad',
      phone: '+4520304050',
      note: 'Vil gerne i svømmehallen med børnene.',
    });
    expect(record.person).not.toHaveProperty('receivingKommune');
    expect(record.person).not.toHaveProperty('submissionKey');
    expect(world.emails).toEqual([kommuneEmailFor(record.id)]);
    expect(world.audit.map((e) => [e.action, e.refugeeId])).toEqual([['create', record.id]]);
  });

  it('sends the kommune nothing without that consent or an address', async () => {
    const { world, record } = await recorded(fakeWorld(), { shareWithKommune: false });
    expect(world.emails).toEqual([]);
    expect(record.kommuneRecipients).toBeUndefined();
  });

  it('is only counted for a no, once per form; a no after a yes is refused', async () => {
    const world = fakeWorld();
    const no = handoverSchema.parse({
      submissionKey: '3f2b8c7e-4d1a-4b2c-9f8e-1a2b3c4d5e6f',
      centreId: 'sandholm',
      interviewDate: '2026-10-05',
      receivingKommune: '147',
      wantsContact: false,
    });
    expect(await recordHandover(world.deps, no, caseworker)).toEqual({ kind: 'counted' });
    expect(await recordHandover(world.deps, no, caseworker)).toEqual({ kind: 'counted' });
    expect(world.counts['declined 2026-10 147']).toBe(1);
    expect(world.records.size).toBe(0);
    const yes = { ...input(), submissionKey: '9a8b7c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d' };
    await recordHandover(world.deps, yes, caseworker);
    const noAfterYes = { ...no, submissionKey: yes.submissionKey };
    await expect(recordHandover(world.deps, noAfterYes, caseworker)).rejects.toThrow(AlreadyRecordedError);
    expect(interviewMonth('2026-10-05')).toBe('2026-10');
  });

  it('takes a no back when the same form comes as a yes', async () => {
    const world = fakeWorld();
    const key = '3f2b8c7e-4d1a-4b2c-9f8e-1a2b3c4d5e6f';
    await recordHandover(
      world.deps,
      handoverSchema.parse({
        submissionKey: key,
        centreId: 'sandholm',
        interviewDate: '2026-11-16',
        receivingKommune: '201',
        wantsContact: false,
      }),
      caseworker,
    );
    expect(world.counts['declined 2026-11 201']).toBe(1);
    await recordHandover(world.deps, { ...input(), submissionKey: key }, caseworker);
    expect(world.counts['declined 2026-11 201']).toBe(0);
    expect(world.counts['consented 201']).toBe(1);
  });

  it('finds the same form sent again, and refuses someone else’s key', async () => {
    const world = fakeWorld();
    const body = input();
    const first = await recordHandover(world.deps, body, caseworker);
    const again = await recordHandover(world.deps, body, caseworker);
    expect(again).toEqual({
      kind: 'recorded',
      record: first.kind === 'recorded' ? first.record : undefined,
      created: false,
    });
    await expect(recordHandover(world.deps, body, { ...caseworker, sub: 'cw3' })).rejects.toThrow(
      SubmissionConflictError,
    );
    expect(world.audit.filter((e) => e.action === 'create')).toHaveLength(1);
    world.records.clear();
    world.deps.handovers.create = async () => false;
    await expect(recordHandover(world.deps, body, caseworker)).rejects.toThrow(SubmissionConflictError);
  });

  it('is only for the caseworker’s own centres', async () => {
    await expect(recordHandover(fakeWorld().deps, input(), otherCentre)).rejects.toThrow(NotYourCentreError);
    await expect(recordHandover(fakeWorld().deps, input(), admin)).rejects.toThrow(NotYourCentreError);
  });
});

describe('who sees and manages a record', () => {
  it('lets its caseworkers, its kommune’s coordinators (with consent) and administrators see it', async () => {
    const { record } = await recorded();
    expect(canSee(caseworker, record)).toBe(true);
    expect(canSee(otherCentre, record)).toBe(false);
    expect(canSee(coordinator, record)).toBe(true);
    expect(canSee({ ...coordinator, kommuner: ['101'] }, record)).toBe(false);
    expect(canSee({ ...coordinator, roles: ['caseworker'] }, record)).toBe(false);
    expect(canSee(coordinator, { ...record, status: 'withdrawn' })).toBe(false);
    expect(
      canSee(coordinator, { ...record, consent: { ...record.consent, shareWithVolunteers: false } }),
    ).toBe(false);
    expect(canSee(admin, record)).toBe(true);
    expect(canSee({ ...caseworker, roles: ['coordinator'] }, record)).toBe(false);
  });

  it('lets its caseworkers correct, withdraw and export, administrators all but correct', async () => {
    const { record } = await recorded();
    expect(
      ['correct', 'withdraw', 'export'].map((a) => canManage(caseworker, record, a as 'correct')),
    ).toEqual([true, true, true]);
    expect(['correct', 'withdraw', 'export'].map((a) => canManage(admin, record, a as 'correct'))).toEqual([
      false,
      true,
      true,
    ]);
    expect(canManage(coordinator, record, 'withdraw')).toBe(false);
  });

  it('opens a record as an audited read, and says it does not exist to anyone else', async () => {
    const { world, record } = await recorded();
    world.audit.length = 0;
    expect(await openHandover(world.deps, record.id, caseworker)).toBe(world.records.get(record.id));
    await openHandover(world.deps, record.id, admin, 'export');
    expect(world.audit.map((e) => [e.action, e.actor.sub])).toEqual([
      ['view', 'cw'],
      ['export', 'ad'],
    ]);
    await expect(openHandover(world.deps, record.id, otherCentre)).rejects.toThrow(HandoverNotFoundError);
    await expect(openHandover(world.deps, 'nope', caseworker)).rejects.toThrow(HandoverNotFoundError);
    await expect(openHandover(world.deps, record.id, coordinator, 'withdraw')).rejects.toThrow(
      HandoverNotFoundError,
    );
    await expect(openHandover(world.deps, record.id, admin, 'correct')).rejects.toThrow(
      HandoverNotFoundError,
    );
    await expect(assertMayManage(world.deps, record.id, coordinator, 'withdraw')).rejects.toThrow(
      HandoverNotFoundError,
    );
    await expect(assertMayManage(world.deps, 'nope', caseworker, 'withdraw')).rejects.toThrow(
      HandoverNotFoundError,
    );
    await expect(assertMayManage(world.deps, record.id, otherCentre, 'correct')).rejects.toThrow(
      HandoverNotFoundError,
    );
    await expect(assertMayManage(world.deps, record.id, caseworker, 'correct')).resolves.toBeUndefined();
    // A withdrawn record has nothing personal to read: no audit entry for it.
    world.audit.length = 0;
    world.records.set(record.id, { ...record, person: undefined, status: 'withdrawn' });
    await openHandover(world.deps, record.id, caseworker);
    expect(world.audit).toEqual([]);
  });

  it('takes only well-formed ids', () => {
    expect(parseRecordId('A'.repeat(32))).toBe('A'.repeat(32));
    expect(() => parseRecordId('A'.repeat(31))).toThrow(HandoverNotFoundError);
    expect(() => parseRecordId(undefined)).toThrow(HandoverNotFoundError);
  });

  it('exports a record with its audit trail, for those who may', async () => {
    const { world, record } = await recorded();
    const exported = await exportHandover(world.deps, record.id, caseworker);
    expect(exported.record.id).toBe(record.id);
    expect(exported.audit.map((e) => e.action)).toEqual(['create', 'export']);
    expect((await auditTrail(world.deps, record.id, admin)).map((e) => e.action)).toEqual([
      'create',
      'export',
    ]);
    await expect(auditTrail(world.deps, record.id, coordinator)).rejects.toThrow(HandoverNotFoundError);
    await expect(auditTrail(world.deps, 'nope', admin)).rejects.toThrow(HandoverNotFoundError);
    await expect(auditTrail(world.deps, record.id, otherCentre)).rejects.toThrow(HandoverNotFoundError);
  });
});

describe('listing and searching', () => {
  const several = async () => {
    const world = fakeWorld();
    const made: HandoverRecord[] = [];
    for (const [i, name] of ['Amal Haddad', 'Bashir Noor', 'Carla Diaz'].entries()) {
      world.setNow(new Date(Date.UTC(2026, 10, 16, 10, i)));
      const result = await recordHandover(world.deps, input({ name, phone: `2030405${i}` }), caseworker);
      if (result.kind === 'recorded') made.push(result.record);
    }
    world.audit.length = 0;
    return { world, made };
  };

  const listDeps = (world: ReturnType<typeof fakeWorld>) => ({ ...world.deps, records: world.lists });

  it('pages the newest first with the total, as audited reads of what the page shows', async () => {
    const { world, made } = await several();
    const first = await handoverPage(listDeps(world), caseworker, { size: 25 }, {});
    expect(first.items.map((r) => r.person?.name)).toEqual(['Carla Diaz', 'Bashir Noor', 'Amal Haddad']);
    expect(first.total).toBe(3);
    expect(world.audit.map((e) => [e.action, e.refugeeId])).toEqual([
      ['list', made[2]?.id],
      ['list', made[1]?.id],
      ['list', made[0]?.id],
    ]);
    expect((await handoverPage(listDeps(world), coordinator, { size: 25 }, {})).items).toEqual([]);
  });

  it('finds by name (any case, Danish letters folded), by the phone in any format, not by part of a number', async () => {
    const { world } = await several();
    const find = async (q: string) =>
      (await searchHandovers(listDeps(world), caseworker, q)).map((r) => r.person?.name);
    expect(await find('bashir')).toEqual(['Bashir Noor']);
    expect(await find('  DIAZ ')).toEqual(['Carla Diaz']);
    expect(await find('20 30 40 51')).toEqual(['Bashir Noor']);
    expect(await find('+45 2030 4051')).toEqual(['Bashir Noor']);
    expect(await find('4051')).toEqual([]);
    expect(await find('nobody')).toEqual([]);
    expect(world.audit.every((e) => e.action === 'search')).toBe(true);
    expect(world.audit.length).toBe(4);
    expect(await searchHandovers(listDeps(world), coordinator, 'bashir')).toEqual([]);
  });

  it('finds by the reference the kommune was sent (Venner-reference), in any case', async () => {
    const { world, made } = await several();
    const reference = referenceOf(made[1]?.id ?? '');
    const find = async (q: string) =>
      (await searchHandovers(listDeps(world), caseworker, q)).map((r) => r.person?.name);
    expect(await find(reference)).toEqual(['Bashir Noor']);
    expect(await find(reference.toLowerCase())).toEqual(['Bashir Noor']);
  });
});

describe('correcting the details', () => {
  it('saves the change and audits the names of the changed fields, not their values', async () => {
    const { world, record } = await recorded();
    const updated = await correctHandover(
      world.deps,
      record.id,
      correction(record, { nationality: 'Irakisk', newAddress: 'Ny vej 2, 3450 Allerød' }),
      caseworker,
    );
    expect(updated.person?.nationality).toBe('Irakisk');
    expect(updated.version).toBe(2);
    expect(world.audit.at(-1)).toMatchObject({ action: 'correct', fields: ['nationality', 'newAddress'] });
    expect(JSON.stringify(world.audit)).not.toContain('Irakisk');
  });

  it('changes nothing, and audits nothing, when nothing changed', async () => {
    const { world, record } = await recorded();
    world.audit.length = 0;
    expect(await correctHandover(world.deps, record.id, correction(record), caseworker)).toBe(
      world.records.get(record.id),
    );
    expect(world.audit).toEqual([]);
  });

  it('refuses a correction made on an old version, of a withdrawn record, or by someone else', async () => {
    const { world, record } = await recorded();
    await correctHandover(world.deps, record.id, correction(record, { nationality: 'A' }), caseworker);
    await expect(
      correctHandover(world.deps, record.id, correction(record, { nationality: 'B' }), caseworker),
    ).rejects.toThrow(StaleVersionError);
    await expect(correctHandover(world.deps, record.id, correction(record), admin)).rejects.toThrow(
      HandoverNotFoundError,
    );
    await expect(correctHandover(world.deps, 'nope', correction(record), caseworker)).rejects.toThrow(
      HandoverNotFoundError,
    );
    world.records.set(record.id, { ...record, person: undefined });
    await expect(correctHandover(world.deps, record.id, correction(record), caseworker)).rejects.toThrow(
      AlreadyWithdrawnError,
    );
  });

  it('sends the details to a new kommune caseworker, and keeps who got them', async () => {
    const { world, record } = await recorded();
    world.emails.length = 0;
    const updated = await correctHandover(
      world.deps,
      record.id,
      correction(record, { kommuneCaseworkerEmail: 'ny@alleroed.dk' }),
      caseworker,
    );
    expect(kommuneRecipientsOf(updated).map((r) => [r.kommuneCode, r.email])).toEqual([
      ['201', 'karen@alleroed.dk'],
      ['201', 'ny@alleroed.dk'],
    ]);
    expect(world.emails).toEqual([kommuneEmailFor(record.id, 1)]);
    expect(world.audit.at(-1)?.fields).toEqual(['kommuneCaseworkerEmail']);
  });

  it('moves the refugee to another kommune: the old kommune told when it had the details, an open match moved', async () => {
    const { world, record } = await recorded();
    world.markSent(kommuneEmailFor(record.id).key);
    const match = proposalFor(record, world);
    world.matches.set(match.id, match);
    world.emails.length = 0;
    const updated = await correctHandover(
      world.deps,
      record.id,
      correction(record, { receivingKommune: '101', kommuneCaseworkerEmail: 'k@kk.dk' }),
      caseworker,
    );
    expect(updated.kommuneCode).toBe('101');
    expect(world.emails).toEqual([
      kommuneEmailFor(record.id, 1),
      kommuneMovedEmailFor(record.id, 0, record.version),
    ]);
    expect(world.matches.get(match.id)?.kommuneCode).toBe('101');
    expect(world.audit.at(-1)?.fields).toEqual(['kommuneCaseworkerEmail', 'receivingKommune']);
  });

  it('tells the old kommune nothing when its email had not gone out, nor the same address twice', async () => {
    const { world, record } = await recorded();
    world.emails.length = 0;
    await correctHandover(world.deps, record.id, correction(record, { receivingKommune: '101' }), caseworker);
    expect(world.emails.map((e) => e.template)).toEqual(['kommune-handover']);
    const moved = await recorded(fakeWorld(), { kommuneCaseworkerEmail: 'same@x.dk' });
    moved.world.markSent(kommuneEmailFor(moved.record.id).key);
    moved.world.emails.length = 0;
    await correctHandover(
      moved.world.deps,
      moved.record.id,
      correction(moved.record, { receivingKommune: '101' }),
      caseworker,
    );
    expect(moved.world.emails.map((e) => e.template)).toEqual(['kommune-handover']);
  });
});

describe('withdrawing consent', () => {
  const volunteer = (id: string, activeMatches = 1) =>
    ({
      id,
      activeMatches,
      updatedAt: 'u',
      kommuneCode: '201',
      status: 'confirmed',
      capacity: 1,
    }) as Volunteer;

  it('erases the details, tells every kommune caseworker once, ends open matches and gives places back', async () => {
    const { world, record } = await recorded();
    await correctHandover(
      world.deps,
      record.id,
      correction(record, { kommuneCaseworkerEmail: 'ny@alleroed.dk' }),
      caseworker,
    );
    const current = world.records.get(record.id) as HandoverRecord;
    await correctHandover(
      world.deps,
      record.id,
      correction(current, { kommuneCaseworkerEmail: 'karen@alleroed.dk' }),
      caseworker,
    );
    world.volunteers.set('v1', volunteer('v1'));
    const match = {
      ...proposalFor(record, world),
      status: 'active' as const,
    };
    world.matches.set(match.id, match);
    world.emails.length = 0;
    const result = await withdrawConsent(world.deps, record.id, 'phone', caseworker);
    expect(result.status).toBe('withdrawn');
    expect(result).not.toHaveProperty('person');
    expect(result.consentEvents.at(-1)).toMatchObject({
      type: 'withdrawn',
      requestedVia: 'phone',
      by: { sub: 'cw' },
    });
    expect(result.version).toBe(4);
    expect(world.emails.map((e) => e.key).sort()).toEqual(
      [
        `match-ended#${match.id}`,
        kommuneWithdrawalEmailFor(record.id, 0).key,
        kommuneWithdrawalEmailFor(record.id, 1).key,
      ].sort(),
    );
    expect(world.matches.get(match.id)?.status).toBe('ended');
    expect(world.volunteers.get('v1')?.activeMatches).toBe(0);
    expect(world.audit.at(-1)).toMatchObject({ action: 'withdraw', refugeeId: record.id });
    await expect(withdrawConsent(world.deps, record.id, 'phone', caseworker)).rejects.toThrow(
      AlreadyWithdrawnError,
    );
  });

  it('reads and writes again when something changes in between, and gives up only after its attempts', async () => {
    const { world, record } = await recorded();
    world.interleave.push(() =>
      world.records.set(record.id, {
        ...(world.records.get(record.id) as HandoverRecord),
        currentMatchId: 'm9',
        status: 'proposed',
      }),
    );
    expect((await withdrawConsent(world.deps, record.id, 'phone', caseworker)).status).toBe('withdrawn');
    const busy = await recorded();
    const always = () => {
      const r = busy.world.records.get(busy.record.id) as HandoverRecord;
      busy.world.records.set(busy.record.id, {
        ...r,
        status: r.status === 'waiting' ? 'proposed' : 'waiting',
      });
    };
    for (let i = 0; i < withdrawalAttempts; i++) busy.world.interleave.push(always);
    // Each attempt reads once and meets one change: the pushes run at each write.
    const write = busy.world.deps.handovers.withdraw;
    let writes = 0;
    busy.world.deps.handovers.withdraw = async (...args) => {
      writes++;
      busy.world.interleave.push(always);
      return write(...args);
    };
    await expect(withdrawConsent(busy.world.deps, busy.record.id, 'phone', caseworker)).rejects.toThrow(
      WithdrawalBusyError,
    );
    expect(writes).toBe(withdrawalAttempts);
    expect(withdrawalAttempts).toBe(6);
  });

  it('is not for coordinators, nor for anyone outside the record’s scope', async () => {
    const { world, record } = await recorded();
    await expect(withdrawConsent(world.deps, record.id, 'phone', coordinator)).rejects.toThrow(
      HandoverNotFoundError,
    );
    await expect(withdrawConsent(world.deps, 'nope', 'phone', admin)).rejects.toThrow(HandoverNotFoundError);
    expect((await withdrawConsent(world.deps, record.id, 'email', admin)).status).toBe('withdrawn');
  });
});

describe('the kommune’s emails about a record', () => {
  it('are one per recipient, the first under the record’s own key', () => {
    expect(kommuneEmailFor('r1')).toEqual({
      key: 'kommune-handover#r1',
      template: 'kommune-handover',
      recipientRef: 'r1',
    });
    expect(kommuneEmailFor('r1', 2)).toEqual({
      key: 'kommune-handover#r1#2',
      template: 'kommune-handover',
      recipientRef: 'r1#2',
    });
    expect(kommuneWithdrawalEmailFor('r1', 1)).toEqual({
      key: 'kommune-withdrawal#r1#1',
      template: 'kommune-withdrawal',
      recipientRef: 'r1#1',
    });
    expect(kommuneMovedEmailFor('r1', 0, 3)).toEqual({
      key: 'kommune-moved#r1#0#v3',
      template: 'kommune-moved',
      recipientRef: 'r1',
    });
    expect(recipientOf('r1')).toEqual({ id: 'r1', recipient: 0 });
    expect(recipientOf('r1#2')).toEqual({ id: 'r1', recipient: 2 });
  });

  it('go to the recipients a record keeps, or those of a record from before the list', async () => {
    const { record } = await recorded();
    const { kommuneRecipients: _r, ...old } = record;
    expect(kommuneRecipientsOf(old)).toEqual([
      { email: 'karen@alleroed.dk', name: 'Karen Kommune', kommuneCode: '201', since: record.recordedAt },
    ]);
    expect(kommuneRecipientsOf({ ...old, person: undefined, kommuneContact: { email: 'c@x.dk' } })).toEqual([
      { email: 'c@x.dk', kommuneCode: '201', since: record.recordedAt },
    ]);
    expect(kommuneRecipientsOf({ ...old, consent: { ...old.consent, shareWithKommune: false } })).toEqual([]);
  });
});
