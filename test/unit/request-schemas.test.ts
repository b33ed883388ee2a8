import { describe, expect, it } from 'vitest';
import {
  consentedHandoverSchema,
  handoverCorrectionSchema,
  handoverSchema,
} from '../../shared/handover-contract.ts';
import { centreGroup, kommuneGroup, localGroup, scopeFromGroups } from '../../shared/roles.ts';
import { localTableName, tableEnvName } from '../../shared/tables.ts';
import {
  normalisePhone,
  volunteerDetailsSchema,
  volunteerSignupSchema,
} from '../../shared/volunteer-contract.ts';
import { consentedBody } from '../support/handover-body.ts';
import { signupBody } from '../support/signup-fixture.ts';

/** Which fields a parse complains about, and with which message key. */
const issues = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`));

describe('handover contract rules (what the caseworker must fill in)', () => {
  it('accepts a complete handover and normalises the phone number', () => {
    const parsed = consentedHandoverSchema.parse(consentedBody());
    expect(parsed.phone).toBe('+4520304050');
    expect(parsed.adults).toBe(2);
  });

  it('needs a birth year or an age, but one is enough', () => {
    expect(issues(consentedHandoverSchema.safeParse(consentedBody({ birthYear: undefined })))).toEqual([
      'birthYear:birthYearOrAge',
    ]);
    expect(consentedHandoverSchema.safeParse(consentedBody({ birthYear: undefined, age: 36 })).success).toBe(
      true,
    );
    expect(
      consentedHandoverSchema.safeParse(consentedBody({ birthYear: 1990, age: undefined })).success,
    ).toBe(true);
  });

  it('needs a language from the list or another language written in', () => {
    expect(issues(consentedHandoverSchema.safeParse(consentedBody({ languages: [] })))).toEqual([
      'languages:refugeeLanguages',
    ]);
    expect(
      consentedHandoverSchema.safeParse(consentedBody({ languages: [], otherLanguages: 'Tigrinya' })).success,
    ).toBe(true);
  });

  it('needs the number of adults for a family, not for someone alone', () => {
    expect(issues(consentedHandoverSchema.safeParse(consentedBody({ adults: undefined })))).toEqual([
      'adults:adults',
    ]);
    expect(
      consentedHandoverSchema.safeParse(
        consentedBody({ household: 'alone', adults: undefined, childrenAges: [] }),
      ).success,
    ).toBe(true);
  });

  it('needs at least one way of sharing, and the kommune caseworker when the kommune is told', () => {
    expect(
      issues(
        consentedHandoverSchema.safeParse(
          consentedBody({ shareWithVolunteers: false, shareWithKommune: false }),
        ),
      ),
    ).toEqual(['shareWithVolunteers:scopes']);
    expect(
      issues(
        consentedHandoverSchema.safeParse(
          consentedBody({ kommuneCaseworkerEmail: undefined, kommuneCaseworkerName: undefined }),
        ),
      ),
    ).toEqual(['kommuneCaseworkerEmail:kommuneEmail', 'kommuneCaseworkerName:kommuneName']);
    expect(
      consentedHandoverSchema.safeParse(
        consentedBody({
          shareWithKommune: false,
          kommuneCaseworkerEmail: undefined,
          kommuneCaseworkerName: undefined,
        }),
      ).success,
    ).toBe(true);
    expect(
      consentedHandoverSchema.safeParse(consentedBody({ shareWithVolunteers: false, shareWithKommune: true }))
        .success,
    ).toBe(true);
  });

  it('refuses a phone number that is not one, in the handover and in the kommune caseworker’s', () => {
    expect(issues(consentedHandoverSchema.safeParse(consentedBody({ phone: '12 34' })))).toEqual([
      'phone:phone',
    ]);
    expect(
      issues(consentedHandoverSchema.safeParse(consentedBody({ kommuneCaseworkerPhone: 'ring mig' }))),
    ).toEqual(['kommuneCaseworkerPhone:phone']);
  });

  it('keeps a “no” handover to the interview facts', () => {
    const declined = handoverSchema.parse({
      submissionKey: consentedBody().submissionKey,
      centreId: 'sandholm',
      interviewDate: '2026-11-16',
      receivingKommune: '201',
      wantsContact: false,
    });
    expect(Object.keys(declined).sort()).toEqual([
      'centreId',
      'interviewDate',
      'receivingKommune',
      'submissionKey',
      'wantsContact',
    ]);
    expect(handoverSchema.safeParse({ ...declined, name: 'Amal' }).success).toBe(false);
  });

  it('applies the same detail rules to a correction', () => {
    const { submissionKey, centreId, interviewDate, wantsContact, noticeVersion, noticeLanguage, ...rest } =
      consentedBody();
    const { interpreterUsed, consentMethod, shareWithVolunteers, shareWithKommune, ...details } = rest;
    expect(handoverCorrectionSchema.safeParse({ ...details, version: 1 }).success).toBe(true);
    expect(
      issues(
        handoverCorrectionSchema.safeParse({ ...details, version: 1, birthYear: undefined, languages: [] }),
      ),
    ).toEqual(['birthYear:birthYearOrAge', 'languages:refugeeLanguages']);
  });
});

describe('volunteer contract rules', () => {
  it('normalises Danish numbers and keeps international ones whole', () => {
    expect(normalisePhone('20 30 40 50')).toBe('+4520304050');
    expect(normalisePhone('0045 20-30-40-50')).toBe('+4520304050');
    expect(normalisePhone('+45 (20) 30.40.50')).toBe('+4520304050');
    expect(normalisePhone('+46 70 123 45 67')).toBe('+46701234567');
    expect(normalisePhone('+0 70 123 45 67')).toBeUndefined();
    expect(normalisePhone('x+46701234567')).toBeUndefined();
    expect(normalisePhone('+46701234567x')).toBeUndefined();
    expect(normalisePhone('+4670')).toBeUndefined();
    expect(normalisePhone('+4670123456789012')).toBeUndefined();
  });

  it('leaves the phone out when none is given and refuses one that is not a number', () => {
    expect(volunteerSignupSchema.parse(signupBody('a@example.dk', { phone: '' })).phone).toBeUndefined();
    expect(
      volunteerSignupSchema.parse(signupBody('a@example.dk', { phone: undefined })).phone,
    ).toBeUndefined();
    expect(volunteerSignupSchema.parse(signupBody('a@example.dk')).phone).toBe('+4520304050');
    expect(issues(volunteerSignupSchema.safeParse(signupBody('a@example.dk', { phone: 'ring' })))).toEqual([
      'phone:phone',
    ]);
  });

  it('needs a language and, for another association, its name', () => {
    expect(issues(volunteerSignupSchema.safeParse(signupBody('a@example.dk', { languages: [] })))).toEqual([
      'languages:languages',
    ]);
    expect(
      volunteerSignupSchema.safeParse(signupBody('a@example.dk', { languages: [], otherLanguages: 'Dari' }))
        .success,
    ).toBe(true);
    expect(
      issues(
        volunteerSignupSchema.safeParse(signupBody('a@example.dk', { organisation: 'other-association' })),
      ),
    ).toEqual(['organisationName:organisationName']);
    expect(
      volunteerSignupSchema.safeParse(
        signupBody('a@example.dk', { organisation: 'other-association', organisationName: 'Venligboerne' }),
      ).success,
    ).toBe(true);
  });

  it('applies the same rules when a volunteer changes their details', () => {
    const { email, consent, privacyNoticeVersion, ...details } = signupBody('a@example.dk');
    expect(volunteerDetailsSchema.safeParse(details).success).toBe(true);
    expect(issues(volunteerDetailsSchema.safeParse({ ...details, languages: [] }))).toEqual([
      'languages:languages',
    ]);
  });
});

describe('staff groups and table names', () => {
  it('reads role and scope from Cognito groups and ignores the rest', () => {
    expect(
      scopeFromGroups([
        'coordinator',
        centreGroup('sandholm'),
        kommuneGroup('101'),
        kommuneGroup('751'),
        localGroup('rk-aarhus'),
        'other',
        'xcentre:a',
      ]),
    ).toEqual({
      roles: ['coordinator'],
      centres: ['sandholm'],
      kommuner: ['101', '751'],
      groups: ['rk-aarhus'],
    });
    expect(centreGroup('sandholm')).toBe('centre:sandholm');
    expect(kommuneGroup('101')).toBe('kommune:101');
    expect(scopeFromGroups([])).toEqual({ roles: [], centres: [], kommuner: [], groups: [] });
  });

  it('names tables and their environment variables from one key', () => {
    expect(tableEnvName('matches')).toBe('TABLE_MATCHES');
    expect(localTableName('local', 'matches')).toBe('venner-local-matches');
    expect(localTableName('test', 'rateLimits')).toBe('venner-test-rate-limits');
  });
});
