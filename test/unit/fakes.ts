import type { NewOutboxEntry } from '../../functions/domain/email-delivery.ts';
import type {
  AuditEntry,
  CorrectionEffects,
  HandoverDeps,
  HandoverRecord,
  OpenMatch,
} from '../../functions/domain/handover.ts';
import { referenceOf } from '../../functions/domain/handover-reference.ts';
import type { CounterChange } from '../../functions/domain/kommune.ts';
import { isOpen, type Match } from '../../functions/domain/match.ts';
import {
  type FigureChange,
  type MatchingDeps,
  type MatchWrite,
  MatchWriteConflict,
} from '../../functions/domain/matching.ts';
import type { Page, PageRequest } from '../../functions/domain/paging.ts';
import { nameKeys } from '../../functions/domain/search-terms.ts';
import type { RecordLists } from '../../functions/domain/staff-lists.ts';
import type { TokenRecord } from '../../functions/domain/tokens.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';

/**
 * The ports of the handover and matching use cases in memory, with the conditions the DynamoDB
 * repositories write with (versions, statuses, the record on its match, keys written once), so the
 * use cases' answers to every interleaving can be tested without the stack.
 */
export const fakeWorld = (start = new Date('2026-11-16T10:00:00Z')) => {
  let clock = start;
  const records = new Map<string, HandoverRecord>();
  const matches = new Map<string, Match>();
  const volunteers = new Map<string, Volunteer>();
  const declined = new Map<string, { month: string }>();
  const audit: AuditEntry[] = [];
  const emails: NewOutboxEntry[] = [];
  const counters: CounterChange[] = [];
  const figures: FigureChange[] = [];
  const counts: Record<string, number> = {};
  const tokens = new Map<string, TokenRecord & { usedAt?: string }>();
  /** Runs before the next write: a change made by someone else at that moment. */
  const interleave: (() => void)[] = [];
  const sent = new Set<string>();

  const count = (key: string, delta = 1) => {
    counts[key] = (counts[key] ?? 0) + delta;
  };
  const claim = (entry: NewOutboxEntry) => {
    if (emails.some((e) => e.key === entry.key)) return false;
    emails.push(entry);
    return true;
  };
  const beforeWrite = () => {
    for (const change of interleave.splice(0)) change();
  };

  const openOf = (consentId: string): OpenMatch[] =>
    [...matches.values()]
      .filter((m) => m.consentId === consentId && isOpen(m.status))
      .map((m) => ({
        matchId: m.id,
        volunteerId: m.volunteerId,
        kommuneCode: m.kommuneCode,
        status: m.status as OpenMatch['status'],
        version: m.version,
      }));

  const writeMatch = async (change: MatchWrite) => {
    beforeWrite();
    const after = change.match.after;
    const stored = matches.get(after.id);
    if (change.match.before ? stored?.version !== change.match.before.version : stored)
      throw new MatchWriteConflict('match');
    if (change.consent) {
      const record = records.get(change.consent.id);
      const onMatch = change.consent.from === 'waiting' || record?.currentMatchId === change.consent.matchId;
      if (record?.status !== change.consent.from || !record.person || !onMatch)
        throw new MatchWriteConflict('consent');
    }
    if (change.volunteer) {
      const v = volunteers.get(change.volunteer.before.id);
      if (
        v?.updatedAt !== change.volunteer.before.updatedAt ||
        v.activeMatches !== change.volunteer.before.activeMatches
      )
        throw new MatchWriteConflict('volunteer');
    }
    if (change.volunteerStays && !volunteers.has(change.volunteerStays))
      throw new MatchWriteConflict('volunteer-gone');
    if (change.emails.some((e) => emails.some((x) => x.key === e.key))) throw new MatchWriteConflict('email');
    matches.set(after.id, after);
    if (change.consent) {
      const record = records.get(change.consent.id) as HandoverRecord;
      const { to, matchId, round } = change.consent;
      const { currentMatchId: _c, ...rest } = record;
      records.set(
        record.id,
        to === 'proposed'
          ? { ...record, status: to, currentMatchId: matchId, matchRounds: round ?? 1 }
          : to === 'matched'
            ? { ...record, status: to }
            : { ...rest, status: to },
      );
    }
    if (change.volunteer) volunteers.set(change.volunteer.after.id, change.volunteer.after);
    counters.push(...change.counters);
    if (change.figures) figures.push(change.figures);
    emails.push(...change.emails);
  };

  const handovers: HandoverDeps['handovers'] = {
    async countDeclined(c) {
      beforeWrite();
      if (records.has(c.recordId)) return 'already-recorded';
      if (declined.has(c.markerId)) return 'already-counted';
      declined.set(c.markerId, { month: c.month });
      count(`declined ${c.month} ${c.kommuneCode}`);
      return 'counted';
    },
    async create(record, kommuneEmail, _now, markerId) {
      beforeWrite();
      if (records.has(record.id)) return false;
      if (markerId && declined.has(markerId)) {
        count(`declined ${declined.get(markerId)?.month} ${record.kommuneCode}`, -1);
        declined.delete(markerId);
      }
      records.set(record.id, record);
      count(`consented ${record.kommuneCode}`);
      if (kommuneEmail) claim(kommuneEmail);
      return true;
    },
    get: async (id) => records.get(id),
    async correct(record, person, kommuneCode, version, now, effects?: CorrectionEffects) {
      beforeWrite();
      const stored = records.get(record.id);
      if (stored?.version !== version || stored.status !== record.status || !stored.person) return undefined;
      for (const m of effects?.movedMatches ?? [])
        if (matches.get(m.matchId)?.version !== m.version) return undefined;
      if (effects?.emails.some((e) => emails.some((x) => x.key === e.key))) return undefined;
      const recipients = effects?.recipient
        ? [...effects.recipientsBefore, effects.recipient]
        : stored.kommuneRecipients;
      const updated: HandoverRecord = {
        ...stored,
        person,
        kommuneCode,
        ...(recipients ? { kommuneRecipients: recipients } : {}),
        version: version + 1,
        updatedAt: now.toISOString(),
      };
      records.set(record.id, updated);
      for (const m of effects?.movedMatches ?? []) {
        const match = matches.get(m.matchId) as Match;
        matches.set(m.matchId, { ...match, kommuneCode, version: match.version + 1 });
      }
      emails.push(...(effects?.emails ?? []));
      return updated;
    },
    async withdraw(record, event, notices, ended, now) {
      beforeWrite();
      const stored = records.get(record.id);
      if (stored?.status !== record.status || stored.currentMatchId !== record.currentMatchId)
        return 'changed';
      for (const m of ended) if (matches.get(m.matchId)?.status !== m.status) return 'changed';
      const { person: _p, currentMatchId: _c, ...rest } = stored;
      records.set(record.id, {
        ...rest,
        status: 'withdrawn',
        consentEvents: [...stored.consentEvents, event],
        version: stored.version + 1,
        updatedAt: now.toISOString(),
      });
      for (const m of ended) {
        const match = matches.get(m.matchId) as Match;
        matches.set(m.matchId, { ...match, status: 'ended', endReason: 'consent-withdrawn' });
        emails.push(m.email);
        if (m.volunteer) volunteers.set(m.volunteer.after.id, m.volunteer.after);
      }
      emails.push(...notices);
      count(`withdrawn ${record.kommuneCode}`);
      return 'withdrawn';
    },
  };

  const deps = {
    handovers,
    records: {
      get: async (id: string) => records.get(id),
      listWaiting: async (kommuneCode: string) =>
        [...records.values()]
          .filter(
            (r) => r.kommuneCode === kommuneCode && r.status === 'waiting' && r.consent.shareWithVolunteers,
          )
          .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
      possibleDuplicates: async (record: HandoverRecord) =>
        [...records.values()].filter((r) => r.id !== record.id && r.person?.phone === record.person?.phone),
    },
    matches: {
      get: async (id: string) => matches.get(id),
      listByKommune: async (kommuneCode: string, status: Match['status']) =>
        [...matches.values()].filter((m) => m.kommuneCode === kommuneCode && m.status === status),
      listByConsent: async (consentId: string) =>
        [...matches.values()].filter((m) => m.consentId === consentId).reverse(),
      listByVolunteer: async (volunteerId: string) =>
        [...matches.values()].filter((m) => m.volunteerId === volunteerId).reverse(),
      write: writeMatch,
      events: async () => [],
      openMatchesOf: async (consentId: string) => openOf(consentId),
    },
    volunteers: {
      get: async (id: string) => volunteers.get(id),
      listAvailable: async (kommuneCode: string) =>
        [...volunteers.values()].filter(
          (v) =>
            v.kommuneCode === kommuneCode &&
            v.status === 'confirmed' &&
            !v.paused &&
            v.ready &&
            v.activeMatches < v.capacity,
        ),
    },
    audit: {
      record: async (entries: readonly AuditEntry[]) => void audit.push(...entries),
      listFor: async (id: string) => audit.filter((e) => e.refugeeId === id),
    },
    tokens: {
      peek: async (hash: string, purpose: string, now: Date, ref?: string) => {
        const t = tokens.get(hash);
        return t &&
          t.purpose === purpose &&
          t.expiresAt > now &&
          !t.usedAt &&
          (ref === undefined || t.ref === ref)
          ? t.volunteerId
          : undefined;
      },
      consume: async (hash: string, purpose: string, now: Date, ref?: string) => {
        const t = tokens.get(hash);
        if (
          !t ||
          t.purpose !== purpose ||
          t.expiresAt <= now ||
          t.usedAt ||
          (ref !== undefined && t.ref !== ref)
        )
          return undefined;
        tokens.set(hash, { ...t, usedAt: now.toISOString() });
        return t.volunteerId;
      },
      put: async (record: TokenRecord) => void tokens.set(record.hash, record),
    },
    emails: { mayHaveBeenSent: async (key: string) => sent.has(key) },
    now: () => clock,
  };
  /** The lists' port over the same records: an offset for a cursor, the domain's own folding. */
  const page = <T>(all: T[], request: PageRequest): Page<T> => {
    const offset = Number(request.cursor ?? 0);
    const items = all.slice(offset, offset + request.size);
    return {
      items,
      offset,
      next: offset + items.length < all.length ? String(offset + items.length) : undefined,
    };
  };
  const lists: RecordLists = {
    pageByCentres: async (centres, request, filter) =>
      page(
        [...records.values()]
          .filter((r) => centres.includes(r.centreId))
          .filter(
            (r) =>
              (!filter.status || r.status === filter.status) &&
              (!filter.kommuneCode || r.kommuneCode === filter.kommuneCode),
          )
          .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt)),
        request,
      ),
    pageWaiting: async (kommuner, request) =>
      page(
        [...records.values()]
          .filter(
            (r) =>
              r.status === 'waiting' && r.consent.shareWithVolunteers && kommuner.includes(r.kommuneCode),
          )
          .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
        request,
      ),
    search: async (scope, term, limit) =>
      [...records.values()]
        .filter((r) =>
          'centres' in scope
            ? scope.centres.includes(r.centreId)
            : r.status === 'waiting' && scope.queues.includes(`${r.kommuneCode}#waiting`),
        )
        .filter((r) => {
          const keys = r.person ? nameKeys(r.person.name) : {};
          return (
            (term.reference !== undefined && referenceOf(r.id) === term.reference) ||
            (term.phone !== undefined && r.person?.phone === term.phone) ||
            (term.name !== undefined &&
              Boolean(keys.nameFolded?.startsWith(term.name) || keys.surnameFolded?.startsWith(term.name)))
          );
        })
        .slice(0, limit),
    centreTotal: async (centres) => [...records.values()].filter((r) => centres.includes(r.centreId)).length,
    getMany: async (ids) => ids.flatMap((id) => records.get(id) ?? []),
  };

  return {
    deps: deps as typeof deps & HandoverDeps & MatchingDeps,
    lists,
    records,
    matches,
    volunteers,
    declined,
    audit,
    emails,
    counters,
    figures,
    counts,
    tokens,
    interleave,
    /** Marks an email as sent (the outbox's state a correction reads). */
    markSent: (key: string) => void sent.add(key),
    setNow: (at: Date) => {
      clock = at;
    },
  };
};

/** A volunteer's readiness as a coordinator would have recorded it: introduced, declaration accepted, børneattest approved. */
export const screened = {
  introduction: { on: '2026-01-05', by: 'Koordinator' },
  confidentiality: { at: '2026-01-05T10:00:00.000Z', by: 'volunteer' },
  childCertificate: { requestedOn: '2026-01-05', decidedOn: '2026-01-12', assessment: 'approved' as const },
};
