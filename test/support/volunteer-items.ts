import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { volunteerIdFor } from '../../functions/domain/volunteer.ts';
import { documentClient, stack } from './stack.ts';

/** Direct reads of what the volunteer functions stored, for assertions. */
const db = documentClient();

const get = async (TableName: string, Key: Record<string, string>) =>
  (await db.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;

export const volunteerItem = (id: string) =>
  get(stack.tables.volunteers, { pk: `VOLUNTEER#${id}`, sk: 'PROFILE' });

/** The one record an email address can have (the id follows from the address). */
export const volunteerByEmail = (email: string) => volunteerItem(volunteerIdFor(email));

export const kommuneItem = async (code: string) =>
  (await get(stack.tables.kommuner, { pk: 'KOMMUNE', sk: code })) ?? {};

export const outboxItem = (key: string) => get(stack.tables.outbox, { pk: `EMAIL#${key}`, sk: 'EMAIL' });
