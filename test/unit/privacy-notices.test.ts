import { describe, expect, it } from 'vitest';
import { retentionDays } from '../../functions/domain/retention.ts';
import { reminderAfterDays, unconfirmedRetentionDays } from '../../functions/domain/volunteer.ts';
import {
  currentVersion,
  type NoticeFile,
  noticeOf,
  noticeText,
  publishedNotices,
  requiredSections,
  retentionFigures,
} from '../../functions/web/privacy-notices/notices.ts';
import {
  consentedHandoverSchema,
  noticeLanguages,
  refugeeNoticeVersions,
} from '../../shared/handover-contract.ts';
import { backupRetentionDays } from '../../shared/tables.ts';
import {
  privacyNoticeVersion,
  volunteerNoticeVersions,
  volunteerSignupSchema,
} from '../../shared/volunteer-contract.ts';
import { consentedBody } from '../support/handover-body.ts';
import { signupBody } from '../support/signup-fixture.ts';

const allTexts = (notice: NoticeFile, figures = retentionFigures()) =>
  notice.sections
    .flatMap((s) => [...(s.paragraphs ?? []), ...(s.items ?? [])])
    .map((t) => noticeText(notice, t, figures));

const sectionText = (notice: NoticeFile, id: string, figures = retentionFigures()) => {
  const section = notice.sections.find((s) => s.id === id);
  return section
    ? [...(section.paragraphs ?? []), ...(section.items ?? [])]
        .map((t) => noticeText(notice, t, figures))
        .join(' ')
    : '';
};

describe('the privacy notices', () => {
  it('publish every version a consent can name: the sign-up only the newest, the handover each listed version in each language', () => {
    for (const version of volunteerNoticeVersions) {
      expect(noticeOf('volunteers', version, 'danish'), version).toBeDefined();
      expect(noticeOf('volunteers', version, 'english'), version).toBeDefined();
    }
    expect(currentVersion('volunteers')).toBe(privacyNoticeVersion);
    // The sign-up's schema accepts exactly the current version: an older or unknown one is refused.
    expect(volunteerSignupSchema.safeParse(signupBody('anna@example.dk')).success).toBe(true);
    expect(
      volunteerSignupSchema.safeParse(signupBody('anna@example.dk', { privacyNoticeVersion: '2026-11-01' }))
        .success,
    ).toBe(false);
    for (const version of refugeeNoticeVersions)
      for (const language of noticeLanguages)
        expect(noticeOf('refugees', version, language), `${version} ${language}`).toBeDefined();
    // And the handover refuses a version or a language that is not published.
    expect(consentedHandoverSchema.safeParse(consentedBody({ noticeVersion: '2025-01-01' })).success).toBe(
      false,
    );
    expect(consentedHandoverSchema.safeParse(consentedBody({ noticeLanguage: 'pashto' })).success).toBe(
      false,
    );
    expect(consentedHandoverSchema.safeParse(consentedBody({ noticeLanguage: 'tigrinya' })).success).toBe(
      true,
    );
  });

  it('publish nothing a consent cannot name (no stray version)', () => {
    expect(Object.keys(publishedNotices.volunteers).sort()).toEqual([...volunteerNoticeVersions].sort());
    expect(Object.keys(publishedNotices.refugees).sort()).toEqual([...refugeeNoticeVersions].sort());
  });

  it('cover every part GDPR Art. 13 and 26 ask for, in the current version of each audience and every language', () => {
    const current = [
      ...Object.values(publishedNotices.volunteers[currentVersion('volunteers')] ?? {}),
      ...Object.values(publishedNotices.refugees[currentVersion('refugees')] ?? {}),
    ] as NoticeFile[];
    expect(current).toHaveLength(2 + noticeLanguages.length);
    for (const notice of current) {
      const ids = notice.sections.map((s) => s.id);
      for (const id of requiredSections) expect(ids, `${notice.language} ${id}`).toContain(id);
      const all = allTexts(notice).join(' ');
      // The controllers and the supervisory authority by name (kept in Danish in every language).
      expect(all, notice.language).toContain('Dansk Røde Kors');
      expect(all, notice.language).toContain('Dansk Flygtningehjælp');
      expect(sectionText(notice, 'complaint'), notice.language).toContain('Datatilsynet');
      expect(sectionText(notice, 'neverCollected'), notice.language).toContain('CPR');
      // Every placeholder filled in.
      expect(all, notice.language).not.toMatch(/[{}]/);
    }
  });

  it('say the same things in every translation: the same sections, paragraphs and items as the Danish text', () => {
    for (const [audience, versions] of Object.entries(publishedNotices))
      for (const [version, byLanguage] of Object.entries(versions)) {
        const source = byLanguage.danish as NoticeFile;
        expect(source.review.status, `${audience} ${version}`).toBe('source');
        for (const notice of Object.values(byLanguage) as NoticeFile[]) {
          const shape = (n: NoticeFile) =>
            n.sections.map((s) => `${s.id}:${s.paragraphs?.length ?? 0}:${s.items?.length ?? 0}`);
          expect(shape(notice), `${audience} ${version} ${notice.language}`).toEqual(shape(source));
          if (notice !== source) expect(notice.review.status).not.toBe('source');
        }
      }
  });

  it('take their retention periods from the retention rules, in each language’s plural forms', () => {
    const figures = retentionFigures();
    expect(figures).toEqual({
      neverMatchedMonths: Math.round(retentionDays.neverMatched / (365.25 / 12)),
      afterMatchEndedMonths: Math.round(retentionDays.afterMatchEnded / (365.25 / 12)),
      backupDays: backupRetentionDays,
      reminderDays: reminderAfterDays,
      unconfirmedDays: unconfirmedRetentionDays,
      noteMonths: Math.round(retentionDays.notes / (365.25 / 12)),
    });
    const refugees = noticeOf('refugees', currentVersion('refugees'), 'danish') as NoticeFile;
    expect(sectionText(refugees, 'retention')).toContain(
      `${figures.neverMatchedMonths} måneder efter samtalen`,
    );
    expect(sectionText(refugees, 'retention')).toContain(`${figures.afterMatchEndedMonths} måneder efter`);
    expect(sectionText(refugees, 'retention')).toContain(`${backupRetentionDays} dage`);
    // Other rules give other words: nothing is copied text.
    const other = { ...figures, neverMatchedMonths: 1, afterMatchEndedMonths: 7, backupDays: 2 };
    expect(sectionText(refugees, 'retention', other)).toContain('1 måned efter samtalen');
    expect(sectionText(refugees, 'retention', other)).toContain('7 måneder efter');
    const english = noticeOf('refugees', currentVersion('refugees'), 'english') as NoticeFile;
    expect(sectionText(english, 'retention', other)).toContain('for 1 month after');
    const ukrainian = noticeOf('refugees', currentVersion('refugees'), 'ukrainian') as NoticeFile;
    expect(sectionText(ukrainian, 'retention', other)).not.toBe(sectionText(ukrainian, 'retention'));
    const volunteers = noticeOf('volunteers', privacyNoticeVersion, 'danish') as NoticeFile;
    expect(sectionText(volunteers, 'retention')).toContain(
      `påmindelse efter ${reminderAfterDays} dage og slettes efter ${unconfirmedRetentionDays} dage`,
    );
    // The notes on a friendship's timeline: the year DynamoDB's TTL keeps them.
    expect(sectionText(volunteers, 'retention')).toContain(
      'Noter om bekymringer og samtaler slettes efter 12 måneder',
    );
    expect(sectionText(volunteers, 'legalBasis')).toContain('aldrig selve attesten');
  });

  it('are right to left for Arabic and Dari/Farsi, left to right for the others', () => {
    const version = currentVersion('refugees');
    for (const language of noticeLanguages) {
      const notice = noticeOf('refugees', version, language) as NoticeFile;
      expect(notice.dir, language).toBe(language === 'arabic' || language === 'persian' ? 'rtl' : 'ltr');
    }
    expect(noticeOf('refugees', version, 'arabic')?.locale).toBe('ar');
    expect(noticeOf('refugees', version, 'persian')?.locale).toBe('fa');
  });
});
