import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key(address), reason, suppressedAt: at.toISOString() },
      }),
    );
  },
});
