import { randomUUID } from 'node:crypto';

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

/** A handover body as the HTML form posts it: lists repeat their name, yes/no, children's ages as "4, 9". */
export const handoverFormFields = (body: Record<string, unknown>): [string, string][] =>
  Object.entries(body).flatMap(([name, value]): [string, string][] => {
    if (name === 'childrenAges' && Array.isArray(value)) return [[name, value.join(', ')]];
    if (Array.isArray(value)) return value.map((v) => [name, String(v)]);
    if (typeof value === 'boolean') return [[name, value ? 'yes' : 'no']];
    return [[name, String(value)]];
  });
