import { randomUUID } from 'node:crypto';
import { recordKey } from '../../functions/adapters/consents-table.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { addStaffUser, type StaffUserSpec, staffSub } from '../../functions/adapters/staff-users.ts';
import { cognitoClient, documentClient, getItem, request, signInAs, stack } from './stack.ts';

export { consentedBody, handoverFormFields } from './handover-body.ts';

export const postJson = (path: string, token: string, body: unknown, method = 'POST') =>
  request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export const getJson = (path: string, token: string) =>
  request(path, { headers: { authorization: `Bearer ${token}` } });

export const handoverItem = (id: string) => getItem(stack.tables.consents, recordKey(id));

export const counterItem = async (month: string, centreId: string, kommuneCode: string) =>
  (await getItem(stack.tables.consents, { pk: `COUNT#${month}`, sk: `${centreId}#${kommuneCode}` })) ?? {};

const staffPassword = 'Venner-test-2026!';

/** A staff user with this role and scope, signed in: their access token. */
export const staffToken = async (
  spec: Omit<StaffUserSpec, 'email'> & { email?: string },
): Promise<string> => {
  const email = spec.email ?? `${spec.role}.${randomUUID().slice(0, 8)}@venner.local`;
  await addStaffUser(cognitoClient(), stack.userPoolId, { ...spec, email, password: staffPassword });
  // Named, as an administrator names the staff they create.
  await staffDirectory(documentClient(), stack.tables.staff).setName(
    await staffSub(cognitoClient(), stack.userPoolId, email),
    `Test ${spec.role}`,
  );
  return (await signInAs(email, staffPassword)).accessToken;
};
