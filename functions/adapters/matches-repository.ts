import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EndedMatch, MatchLookup, OpenMatch } from '../domain/handover.ts';
import { isOpen, type Match } from '../domain/match.ts';
import {
  type FigureChange,
  type MatchStore,
  type MatchWrite,
  MatchWriteConflict,
  type WritePart,
} from '../domain/matching.ts';
import { consentMoveItem } from './consents-repository.ts';
import { kommunerRepository } from './kommuner-repository.ts';
import { outboxClaimItem } from './outbox-repository.ts';
import { queryAll } from './query-all.ts';
import type { TransactItem } from './transact-item.ts';
import { volunteerKey, volunteerSaveItem } from './volunteers-repository.ts';

/**
 * The matches table: `MATCH#<id>` / `MATCH`, one item per match with its lifecycle and follow-ups,
 * findable per refugee (`by-consent`), per volunteer (`by-volunteer`) and per kommune and status
 * (`by-kommune-status`: `<kommune>#<status>`). A match holds no personal data, only ids.
 */
const matchKey = (id: string) => ({ pk: `MATCH#${id}`, sk: 'MATCH' });

const toItem = (match: Match) => ({
  ...matchKey(match.id),
  ...match,
  matchId: match.id,
  createdAt: match.proposedAt,
  kommuneStatus: `${match.kommuneCode}#${match.status}`,
});

const toMatch = (item: Record<string, unknown>): Match => {
  const { pk: _pk, sk: _sk, matchId, createdAt: _c, kommuneStatus: _ks, expiresAt: _e, ...match } = item;
  return { ...match, id: String(matchId) } as unknown as Match;
};

export interface MatchesTables {
  readonly matches: string;
  readonly consents: string;
  readonly volunteers: string;
  readonly kommuner: string;
  readonly outbox: string;
}

/** Monthly figures per kommune (`FIGURES#<yyyy-mm>` / `<kommune>` in the kommuner table). */
export const figuresItem = (tableName: string, change: FigureChange): TransactItem => {
  const add: string[] = [];
  const set = ['kommuneCode = :kommune', '#month = :month'];
  const values: Record<string, unknown> = { ':kommune': change.kommuneCode, ':month': change.month };
  if (change.matchesMade) {
    add.push('matchesMade :made');
    values[':made'] = change.matchesMade;
  }
  if (change.reachedSixMonths) {
    add.push('reachedSixMonths :six');
    values[':six'] = change.reachedSixMonths;
  }
  if (change.daysToMatch !== undefined) {
    // The days of each match of the month: the median is read from them.
    set.push('daysToMatch = list_append(if_not_exists(daysToMatch, :empty), :days)');
    values[':empty'] = [];
    values[':days'] = [change.daysToMatch];
  }
  return {
    Update: {
      TableName: tableName,
      Key: { pk: `FIGURES#${change.month}`, sk: change.kommuneCode },
      UpdateExpression: `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''}`,
      ExpressionAttributeNames: { '#month': 'month' },
      ExpressionAttributeValues: values,
    },
  };
};

/**
 * The writes of one match change, in transaction order, and which part each conditional write is
 * (to name the part whose condition failed): for a use case's own transaction, or a larger one
 * that ends several matches at once (a volunteer who leaves).
 */
export const matchWriteItems = (
  tables: MatchesTables,
  change: MatchWrite,
  now: Date,
  counterUpdates: (changes: MatchWrite['counters']) => TransactItem[],
): { items: TransactItem[]; parts: (WritePart | undefined)[] } => {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tables.matches,
        Item: toItem(change.match.after),
        ...(change.match.before
          ? {
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': change.match.before.version },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
  ];
  const parts: (WritePart | undefined)[] = ['match'];
  if (change.consent) {
    items.push(consentMoveItem(tables.consents, change.consent, now));
    parts.push('consent');
  }
  if (change.volunteer) {
    items.push(volunteerSaveItem(tables.volunteers, change.volunteer.before, change.volunteer.after));
    parts.push('volunteer');
  }
  if (change.volunteerStays) {
    items.push({
      ConditionCheck: {
        TableName: tables.volunteers,
        Key: volunteerKey(change.volunteerStays),
        ConditionExpression: 'attribute_exists(pk)',
      },
    });
    parts.push('volunteer-gone');
  }
  const rest = [
    ...counterUpdates(change.counters),
    ...(change.figures ? [figuresItem(tables.kommuner, change.figures)] : []),
  ];
  items.push(...rest);
  parts.push(...rest.map(() => undefined));
  for (const email of change.emails) {
    items.push(outboxClaimItem(tables.outbox, email, now));
    parts.push('email');
  }
  return { items, parts };
};

/** The part a cancelled transaction names, as MatchWriteConflict; anything else is rethrown as it is. */
export const matchWriteConflict = (error: unknown, parts: readonly (WritePart | undefined)[]): unknown => {
  if ((error as Error).name !== 'TransactionCanceledException') return error;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  const part = failed >= 0 ? parts[failed] : undefined;
  if (part) return new MatchWriteConflict(part);
  // Two writers at once (TransactionConflict): as good as "changed meanwhile".
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return new MatchWriteConflict('match');
  return error;
};

export const matchesRepository = (
  db: DynamoDBDocumentClient,
  tables: MatchesTables,
): MatchStore & MatchLookup => {
  const tableName = tables.matches;
  const counters = kommunerRepository(db, tables.kommuner);
  const listBy = (index: 'by-consent' | 'by-volunteer', attribute: string) => async (id: string) =>
    (
      await queryAll(db, {
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': attribute },
        ExpressionAttributeValues: { ':id': id },
        ScanIndexForward: false,
      })
    ).map(toMatch);
  /** Every match of one refugee, newest first (the `by-consent` index). */
  const listByConsent = listBy('by-consent', 'consentId');
  const get = async (id: string) => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: matchKey(id), ConsistentRead: true }),
    );
    return Item ? toMatch(Item) : undefined;
  };
  return {
    get,

    listByKommune: async (kommuneCode, status) =>
      (
        await queryAll(db, {
          TableName: tableName,
          IndexName: 'by-kommune-status',
          KeyConditionExpression: 'kommuneStatus = :ks',
          ExpressionAttributeValues: { ':ks': `${kommuneCode}#${status}` },
        })
      ).map(toMatch),

    listByConsent,

    listByVolunteer: listBy('by-volunteer', 'volunteerId'),

    async openMatchesOf(handoverId, currentMatchId) {
      const [listed, current] = await Promise.all([
        listByConsent(handoverId),
        currentMatchId ? get(currentMatchId) : undefined,
      ]);
      const byId = new Map(listed.map((match) => [match.id, match]));
      if (current) byId.set(current.id, current);
      return [...byId.values()]
        .filter((match) => match.consentId === handoverId && isOpen(match.status))
        .map(
          (match): OpenMatch => ({
            matchId: match.id,
            volunteerId: match.volunteerId,
            kommuneCode: match.kommuneCode,
            status: match.status as OpenMatch['status'],
            version: match.version,
          }),
        );
    },

    async write(change, now) {
      const { items, parts } = matchWriteItems(tables, change, now, (c) => counters.counterUpdates(c));
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        throw matchWriteConflict(error, parts);
      }
    },
  };
};

/**
 * Moves an open match to the kommune its refugee moved to (a correction of the receiving kommune),
 * if it is still as it was read: the new kommune's coordinators see it, the old one's no longer.
 */
export const moveMatchItem = (
  tableName: string,
  match: OpenMatch,
  kommuneCode: string,
  now: Date,
): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: matchKey(match.matchId),
    UpdateExpression:
      'SET kommuneCode = :kommune, kommuneStatus = :kommuneStatus, version = version + :one, updatedAt = :at',
    ConditionExpression: 'version = :version AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':kommune': kommuneCode,
      ':kommuneStatus': `${kommuneCode}#${match.status}`,
      ':one': 1,
      ':at': now.toISOString(),
      ':version': match.version,
      ':status': match.status,
    },
  },
});

/** Ends a match because consent was withdrawn, if it is still as it was read. */
export const endMatchItem = (tableName: string, match: EndedMatch, now: Date): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: matchKey(match.matchId),
    UpdateExpression:
      'SET #status = :ended, endReason = :reason, endedAt = :at, kommuneStatus = :kommuneStatus, version = if_not_exists(version, :zero) + :one, updatedAt = :at',
    ConditionExpression: '#status = :current',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':ended': 'ended',
      ':reason': 'consent-withdrawn',
      ':at': now.toISOString(),
      ':current': match.status,
      ':kommuneStatus': `${match.kommuneCode}#ended`,
      ':one': 1,
      ':zero': 0,
    },
  },
});
