import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

import type { RateLimiter } from '../domain/rate-limiter.ts';

/**
 * Fixed-window counters in DynamoDB: one atomic ADD per request. Client ids (IP addresses) are
 * hashed before they are stored, and the items expire with their window.
 */
export const rateLimitRepository = (
  db: DynamoDBDocumentClient,
  tableName: string,
  limits: { maxPerWindow: number; windowSeconds: number },
): RateLimiter => ({
  async hit(action, client, now) {
    const windowStart = Math.floor(now.getTime() / 1000 / limits.windowSeconds) * limits.windowSeconds;
    const clientHash = createHash('sha256').update(client).digest('base64url').slice(0, 22);
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `RATE#${action}#${clientHash}`, sk: String(windowStart) },
        UpdateExpression: 'ADD hits :one SET expiresAt = :expires',
        ExpressionAttributeValues: { ':one': 1, ':expires': windowStart + limits.windowSeconds + 60 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const hits = Number(Attributes?.hits ?? 1);
    if (hits <= limits.maxPerWindow) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, windowStart + limits.windowSeconds - Math.floor(now.getTime() / 1000)),
    };
  },
});
