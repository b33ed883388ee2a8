import { existsSync, readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStackInfo } from './local-stack.ts';
import { localCredentials } from './provision.ts';

/**
 * The running local stack as the administrators' commands reach it: what `npm start` wrote to
 * its stack file, and a client for its DynamoDB Local. Kept apart from local-stack.ts so that a
 * command does not load the gateway and the services to read one file.
 */

/** What `npm start` wrote to a stack file, or undefined when there is none (no local stack runs). */
export const readStackFile = (stackFile: string): LocalStackInfo | undefined =>
  existsSync(stackFile) ? (JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStackInfo) : undefined;

/** A DynamoDB document client for the local stack's DynamoDB Local. */
export const localDocumentClient = (info: Pick<LocalStackInfo, 'region' | 'dynamodbEndpoint'>) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: info.region,
      endpoint: info.dynamodbEndpoint,
      credentials: localCredentials,
    }),
  );
