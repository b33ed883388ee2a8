import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { recordKey } from '../../functions/adapters/consents-table.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { addStaffUser, type StaffUserSpec, staffSub } from '../../functions/adapters/staff-users.ts';
import { consentedBody } from './handover-body.ts';
import { cognitoClient, documentClient, getItem, request, signInAs, stack } from './stack.ts';

export { consentedBody, handoverFormFields } from './handover-body.ts';

export const postJson = (path: string, token: string, body: unknown, method = 'POST') =>
  request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A consented handover recorded through the API (`overrides` change single fields): its id. */
export const recordHandover = async (token: string, overrides: Record<string, unknown> = {}) => {
  const response = await postJson('/api/handovers', token, consentedBody(overrides));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

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

/**
 * The correction form's JSON twin: the record's current details (from the body it was made with)
 * with some changed, at the record's current version.
 */
export const correctHandover = async (
  token: string,
  id: string,
  body: Record<string, unknown>,
  changes: Record<string, unknown>,
) => {
  const record = await handoverItem(id);
  const {
    submissionKey: _k,
    centreId: _c,
    interviewDate: _d,
    wantsContact: _w,
    noticeVersion: _n,
    noticeLanguage: _l,
    interpreterUsed: _i,
    consentMethod: _m,
    shareWithVolunteers: _v,
    shareWithKommune: _s,
    ...details
  } = body;
  return postJson(
    `/api/handovers/${id}`,
    token,
    { ...details, ...changes, version: Number(record?.version) },
    'PATCH',
  );
};
