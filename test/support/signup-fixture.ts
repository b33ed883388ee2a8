import { privacyNoticeVersion } from '../../shared/volunteer-contract.ts';

/** A valid `POST /api/volunteers` body (tests and the benchmark); `overrides` change single fields. */
export const signupBody = (email: string, overrides: Record<string, unknown> = {}) => ({
  name: 'Åse Nørgaard',
  email,
  phone: '20 30 40 50',
  kommuneCode: '751',
  postalCode: '8000',
  kind: 'friend',
  languages: ['danish', 'arabic'],
  helpWith: ['everyday-danish', 'job-search'],
  meetingFrequency: 'every-other-week',
  organisation: 'red-cross',
  consent: true,
  privacyNoticeVersion,
  ...overrides,
});
