import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EndedMatch, MatchLookup, OpenMatch } from '../domain/handover.ts';
import type { TransactItem } from './transact-item.ts';

/**
 * The matches table, as far as the handover needs it: a refugee's open matches (by the
 * `by-consent` index) and ending one. Items: `MATCH#<id>` / `MATCH` with `consentId` (the handover
 * id), `volunteerId`, `kommuneCode`, `status` and `kommuneStatus` (`<kommune>#<status>`).
 */
export const matchesRepository = (db: DynamoDBDocumentClient, tableName: string): MatchLookup => ({
  async openMatchesOf(handoverId) {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'by-consent',
        KeyConditionExpression: 'consentId = :id',
        ExpressionAttributeValues: { ':id': handoverId },
      }),
    );
    return Items.filter((item) => item.status === 'proposed' || item.status === 'active').map(
      (item): OpenMatch => ({
        matchId: String(item.matchId),
        volunteerId: String(item.volunteerId),
        kommuneCode: String(item.kommuneCode),
        status: item.status as OpenMatch['status'],
      }),
    );
  },
});

/** Ends a match because consent was withdrawn, if it is still as it was read. */
export const endMatchItem = (tableName: string, match: EndedMatch, now: Date): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: { pk: `MATCH#${match.matchId}`, sk: 'MATCH' },
    UpdateExpression:
      'SET #status = :ended, endReason = :reason, endedAt = :at, kommuneStatus = :kommuneStatus',
    ConditionExpression: '#status = :current',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':ended': 'ended',
      ':reason': 'consent-withdrawn',
      ':at': now.toISOString(),
      ':current': match.status,
      ':kommuneStatus': `${match.kommuneCode}#ended`,
    },
  },
});
