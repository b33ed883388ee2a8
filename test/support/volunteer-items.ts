import { kommuneKey } from '../../functions/adapters/kommuner-repository.ts';
import { volunteerKey } from '../../functions/adapters/volunteers-repository.ts';
import { volunteerIdFor } from '../../functions/domain/volunteer.ts';
import { getItem, stack } from './stack.ts';

export const volunteerItem = (id: string) => getItem(stack.tables.volunteers, volunteerKey(id));

/** The one record an email address can have (the id follows from the address). */
export const volunteerByEmail = (email: string) => volunteerItem(volunteerIdFor(email));

export const kommuneItem = async (code: string) =>
  (await getItem(stack.tables.kommuner, kommuneKey(code))) ?? {};

export const outboxItem = (key: string) => getItem(stack.tables.outbox, { pk: `EMAIL#${key}`, sk: 'EMAIL' });
