import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../lib/tracer.ts';
import { isTransactionConflict } from './aws-errors.ts';

let client: DynamoDBDocumentClient | undefined;

/**
 * How long one DynamoDB call may take: each attempt gives up after `requestMs` (DynamoDB answers in
 * milliseconds; a wait of seconds means it is not answering), and the SDK tries `attempts` times
 * with its backoff. A request whose DynamoDB is away answers 503 within about 8 s, before API
 * Gateway's 30 s and before a person gives up. (DynamoDB Local just after a restart can take 2 s
 * for its first calls; 2.5 s leaves it room.)
 */
export const dynamoDbTimeouts = { connectionMs: 1_000, requestMs: 2_500, attempts: 3 } as const;

/** Attempts of a transaction that keeps meeting others before the conflict is left to the caller (503). */
export const transactionConflictAttempts = 3;

const retryTransactionConflicts =
  // biome-ignore lint/suspicious/noExplicitAny: the middleware is the same for every command.
  (next: (args: any) => Promise<any>) => async (args: unknown) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(args);
      } catch (error) {
        if (!isTransactionConflict(error) || attempt >= transactionConflictAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
    }
  };

/**
 * One document client per process, created on first use. Short timeouts and bounded retries (the
 * SDK's for throttling and outages, ours for transaction conflicts) so a DynamoDB outage becomes a
 * quick 503 instead of a hanging request. The endpoint comes from the
 * SDK's standard `AWS_ENDPOINT_URL_DYNAMODB` when running against DynamoDB Local.
 */
export const dynamoDb = (): DynamoDBDocumentClient => {
  if (!client) {
    client = DynamoDBDocumentClient.from(
      traced(
        new DynamoDBClient({
          maxAttempts: dynamoDbTimeouts.attempts,
          requestHandler: {
            connectionTimeout: dynamoDbTimeouts.connectionMs,
            requestTimeout: dynamoDbTimeouts.requestMs,
            // Without this the SDK only logs that a request ran over, and waits on (30 s and more).
            throwOnRequestTimeout: true,
          },
        }),
      ),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    client.middlewareStack.add(retryTransactionConflicts, {
      step: 'initialize',
      name: 'retryTransactionConflicts',
    });
  }
  return client;
};
