import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { emailHash } from '../../functions/adapters/volunteers-repository.ts';
import { documentClient, stack } from './stack.ts';

/** Direct reads of what the volunteer functions stored, for assertions. */
const db = documentClient();

const get = async (TableName: string, Key: Record<string, string>) =>
  (await db.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;

export const volunteerItem = (id: string) =>
  get(stack.tables.volunteers, { pk: `VOLUNTEER#${id}`, sk: 'PROFILE' });

export const guardItem = (email: string) =>
  get(stack.tables.volunteers, { pk: `EMAIL#${emailHash(email)}`, sk: 'GUARD' });

export const kommuneItem = async (code: string) =>
  (await get(stack.tables.kommuner, { pk: 'KOMMUNE', sk: code })) ?? {};
