import { kommuneKey } from '../../functions/adapters/kommuner-table.ts';
import { volunteerItemByEmail } from '../../functions/adapters/volunteers-repository.ts';
import { volunteerKey } from '../../functions/adapters/volunteers-table.ts';
import { documentClient, getItem, stack } from './stack.ts';

export const volunteerItem = (id: string) => getItem(stack.tables.volunteers, volunteerKey(id));

/** The one record an email address can have (found through the address's guard). */
export const volunteerByEmail = (email: string, db = documentClient(), tableName = stack.tables.volunteers) =>
  volunteerItemByEmail(db, tableName, email);

export const kommuneItem = async (code: string) =>
  (await getItem(stack.tables.kommuner, kommuneKey(code))) ?? {};

export const outboxItem = (key: string) => getItem(stack.tables.outbox, { pk: `EMAIL#${key}`, sk: 'EMAIL' });
