import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalEmail } from '../../shared/email-address.ts';
import type { SuppressionList } from '../domain/email-delivery.ts';

/**
 * An address as the suppression list keys it: hashed, so the list itself holds no addresses. In its
 * canonical form, so the punycode address SES reports and the Unicode one we store are the same.
 */
export const addressHash = (address: string) =>
  createHash('sha256')
    .update(`venner/address:${canonicalEmail(address) ?? address.trim().toLowerCase()}`)
    .digest('base64url');

const key = (address: string) => ({ pk: `SUPPRESSED#${addressHash(address)}`, sk: 'ADDRESS' });

/**
 * Suppressed addresses live in the outbox table (`SUPPRESSED#<hash>`): the sender reads one item
 * before each email, the SES-events function writes them. They do not expire: an address that
 * bounced permanently or complained gets nothing more.
 */
export const suppressionList = (db: DynamoDBDocumentClient, tableName: string): SuppressionList => ({
  async isSuppressed(address) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(address) }));
    return Item !== undefined;
  },
  async suppress(address, reason, at) {
    // A new address is counted (for /health) in the same transaction; one already listed is not.
    await db
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...key(address), reason, suppressedAt: at.toISOString() },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: suppressedCountKey,
                UpdateExpression: 'ADD addresses :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      )
      .catch((error: Error & { CancellationReasons?: { Code?: string }[] }) => {
        // Already suppressed: nothing to add, nothing to count.
        if (error.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
      });
  },
});

/** How many addresses are suppressed: one item beside them, moved with each new one. */
const suppressedCountKey = { pk: 'SUPPRESSED', sk: 'COUNT' };

export const suppressedCount = async (db: DynamoDBDocumentClient, tableName: string): Promise<number> => {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: suppressedCountKey }));
  return Number(Item?.addresses ?? 0);
};
