import { randomUUID } from 'node:crypto';
import { addStaffUser, type StaffUserSpec } from '../../scripts/staff/staff-users.ts';
import { cognitoClient, getItem, request, signInAs, stack } from './stack.ts';

/** A complete "yes" handover at the demo caseworker's centre (Sandholm) to Allerød (201). */
export const consentedBody = (overrides: Record<string, unknown> = {}) => ({
  submissionKey: randomUUID(),
  centreId: 'sandholm',
  interviewDate: '2026-11-16',
  receivingKommune: '201',
  wantsContact: true,
  noticeVersion: '2026-10-01',
  noticeLanguage: 'arabic',
  interpreterUsed: true,
  consentMethod: 'signed-form',
  shareWithVolunteers: true,
  shareWithKommune: true,
  name: 'Amal Haddad',
  phone: '20 30 40 50',
  birthYear: 1990,
  nationality: 'Syrisk',
  languages: ['arabic', 'english'],
  danishLevel: 'basic',
  englishLevel: 'good',
  household: 'family',
  adults: 2,
  childrenAges: [4, 9],
  expectedMovingDate: '2026-12-01',
  newAddress: 'Skovvej 3, 3450 Allerød',
  kommuneCaseworkerName: 'Karen Kommune',
  kommuneCaseworkerEmail: `karen.${randomUUID().slice(0, 8)}@alleroed.example.dk`,
  helpWith: ['everyday-danish', 'authority-letters'],
  preferredVolunteerGender: 'woman',
  note: 'Vil gerne i svømmehallen med børnene.',
  ...overrides,
});

export const postJson = (path: string, token: string, body: unknown, method = 'POST') =>
  request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export const getJson = (path: string, token: string) =>
  request(path, { headers: { authorization: `Bearer ${token}` } });

export const handoverItem = (id: string) =>
  getItem(stack.tables.consents, { pk: `HANDOVER#${id}`, sk: 'RECORD' });

export const counterItem = async (month: string, centreId: string, kommuneCode: string) =>
  (await getItem(stack.tables.consents, { pk: `COUNT#${month}`, sk: `${centreId}#${kommuneCode}` })) ?? {};

const staffPassword = 'Venner-test-2026!';

/** A staff user with this role and scope, signed in: their access token. */
export const staffToken = async (
  spec: Omit<StaffUserSpec, 'email'> & { email?: string },
): Promise<string> => {
  const email = spec.email ?? `${spec.role}.${randomUUID().slice(0, 8)}@venner.local`;
  await addStaffUser(cognitoClient(), stack.userPoolId, { ...spec, email, password: staffPassword });
  return (await signInAs(email, staffPassword)).accessToken;
};
