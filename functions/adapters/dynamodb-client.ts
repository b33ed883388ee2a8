import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let client: DynamoDBDocumentClient | undefined;

/**
 * One document client per process, created on first use. Short timeouts and bounded retries so a
 * DynamoDB outage becomes a quick 503 instead of a hanging request. The endpoint comes from the
 * SDK's standard `AWS_ENDPOINT_URL_DYNAMODB` when running against DynamoDB Local.
 */
export const dynamoDb = (): DynamoDBDocumentClient => {
  client ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return client;
};
