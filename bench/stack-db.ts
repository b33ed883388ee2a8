import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStackInfo } from '../scripts/local/local-stack.ts';

/** A document client for a benchmark's own local stack (DynamoDB Local takes any credentials). */
export const documentClientFor = (info: LocalStackInfo): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: info.region,
      endpoint: info.dynamodbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
