/** The matches table's keys, items and transaction parts. */

import type { EndedMatch, OpenMatch } from '../domain/handover.ts';
import type { Match } from '../domain/match.ts';
import type { MatchEvent } from '../domain/matching.ts';
import { retentionDays } from '../domain/retention.ts';
import type { TransactItem } from './transact-item.ts';

/**
 * The matches table: `MATCH#<id>` / `MATCH`, one item per match with its lifecycle and follow-ups,
 * findable per refugee (`by-consent`), per volunteer (`by-volunteer`) and per kommune and status
 * (`by-kommune-status`: `<kommune>#<status>`). A match holds no personal data, only ids.
 */
export const matchKey = (id: string) => ({ pk: `MATCH#${id}`, sk: 'MATCH' });

export const toItem = (match: Match) => ({
  ...matchKey(match.id),
  ...match,
  matchId: match.id,
  createdAt: match.proposedAt,
  kommuneStatus: `${match.kommuneCode}#${match.status}`,
});

export const toMatch = (item: Record<string, unknown>): Match => {
  const { pk: _pk, sk: _sk, matchId, createdAt: _c, kommuneStatus: _ks, expiresAt: _e, ...match } = item;
  return { ...match, id: String(matchId) } as unknown as Match;
};

/** A note (a concern, a call) is kept for a year, then DynamoDB deletes the event. */
export const noteRetentionDays = retentionDays.notes;

/** An event in the match's item collection: `MATCH#<id>` / `EVENT#<key>` (no index keys: lists never see it). */
export const eventItem = (event: MatchEvent) => ({
  pk: `MATCH#${event.matchId}`,
  sk: `EVENT#${event.key}`,
  ...event,
  ...(event.note ? { expiresAt: Math.floor(Date.parse(event.at) / 1000) + noteRetentionDays * 86_400 } : {}),
});

export const toEvent = (item: Record<string, unknown>): MatchEvent => {
  const { pk: _pk, sk: _sk, expiresAt: _e, ...event } = item;
  return event as unknown as MatchEvent;
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
