import { IntlMessageFormat } from 'intl-messageformat';
import * as z from 'zod';
import { refugeeNoticeVersions } from '../../../shared/handover-contract.ts';
import { backupRetentionDays } from '../../../shared/tables.ts';
import { volunteerNoticeVersions } from '../../../shared/volunteer-contract.ts';
import { retentionDays } from '../../domain/retention.ts';
import { reminderAfterDays, unconfirmedRetentionDays } from '../../domain/volunteer.ts';
import refugeesArabic from './refugees/2026-10-01/arabic.json' with { type: 'json' };
import refugeesDanish from './refugees/2026-10-01/danish.json' with { type: 'json' };
import refugeesEnglish from './refugees/2026-10-01/english.json' with { type: 'json' };
import refugeesKurmanji from './refugees/2026-10-01/kurmanji.json' with { type: 'json' };
import refugeesPersian from './refugees/2026-10-01/persian.json' with { type: 'json' };
import refugeesSomali from './refugees/2026-10-01/somali.json' with { type: 'json' };
import refugeesTigrinya from './refugees/2026-10-01/tigrinya.json' with { type: 'json' };
import refugeesUkrainian from './refugees/2026-10-01/ukrainian.json' with { type: 'json' };
import volunteersDanish1 from './volunteers/2026-11-01/danish.json' with { type: 'json' };
import volunteersEnglish1 from './volunteers/2026-11-01/english.json' with { type: 'json' };
import volunteersDanish2 from './volunteers/2026-12-01/danish.json' with { type: 'json' };
import volunteersEnglish2 from './volunteers/2026-12-01/english.json' with { type: 'json' };
import volunteersDanish3 from './volunteers/2026-12-02/danish.json' with { type: 'json' };
import volunteersEnglish3 from './volunteers/2026-12-02/english.json' with { type: 'json' };
import volunteersDanish4 from './volunteers/2026-12-03/danish.json' with { type: 'json' };
import volunteersEnglish4 from './volunteers/2026-12-03/english.json' with { type: 'json' };

/**
 * The published privacy notices: one translation file per audience, version and language, so a
 * translator works on one JSON file and every version stays readable at its own address. A consent
 * names a version (and, for refugees, the language explained); `test/unit/privacy-notices.test.ts`
 * fails if it can name one that is not here.
 */

const noticeFileSchema = z.strictObject({
  language: z.string(),
  /** BCP 47, for `lang`, plural rules and number formats. */
  locale: z.string(),
  dir: z.enum(['ltr', 'rtl']),
  /** The language's name in itself, for the language menu. */
  name: z.string(),
  /** `source`: the text the others translate; `unreviewed` until a certified translator checked it. */
  review: z.union([
    z.strictObject({ status: z.enum(['source', 'unreviewed']) }),
    z.strictObject({ status: z.literal('reviewed'), by: z.string().min(1), on: z.iso.date() }),
  ]),
  title: z.string().min(1),
  lead: z.string(),
  sections: z.array(
    z.strictObject({
      id: z.string(),
      heading: z.string().min(1),
      paragraphs: z.array(z.string()).optional(),
      items: z.array(z.string()).optional(),
      links: z.array(z.strictObject({ text: z.string(), href: z.string().startsWith('/') })).optional(),
    }),
  ),
});

export type NoticeFile = z.output<typeof noticeFileSchema>;
export type Audience = 'volunteers' | 'refugees';

/** What GDPR Art. 13 (and Art. 26 for joint controllers) asks every current notice to cover. */
export const requiredSections = [
  'controllers',
  'arrangement',
  'purposes',
  'legalBasis',
  'collected',
  'neverCollected',
  'recipients',
  'retention',
  'rights',
  'complaint',
  'contact',
] as const;

const parsed = (file: unknown) => noticeFileSchema.parse(file);

export const publishedNotices: Record<Audience, Record<string, Partial<Record<string, NoticeFile>>>> = {
  volunteers: {
    '2026-11-01': { danish: parsed(volunteersDanish1), english: parsed(volunteersEnglish1) },
    '2026-12-01': { danish: parsed(volunteersDanish2), english: parsed(volunteersEnglish2) },
    '2026-12-02': { danish: parsed(volunteersDanish3), english: parsed(volunteersEnglish3) },
    '2026-12-03': { danish: parsed(volunteersDanish4), english: parsed(volunteersEnglish4) },
  },
  refugees: {
    '2026-10-01': {
      danish: parsed(refugeesDanish),
      english: parsed(refugeesEnglish),
      arabic: parsed(refugeesArabic),
      persian: parsed(refugeesPersian),
      tigrinya: parsed(refugeesTigrinya),
      ukrainian: parsed(refugeesUkrainian),
      somali: parsed(refugeesSomali),
      kurmanji: parsed(refugeesKurmanji),
    },
  },
};

/** The versions a consent can name, the newest last: the contracts' own lists. */
export const noticeVersions: Record<Audience, readonly string[]> = {
  volunteers: volunteerNoticeVersions,
  refugees: [...refugeeNoticeVersions].reverse(),
};

export const currentVersion = (audience: Audience): string => noticeVersions[audience].at(-1) as string;

/** A published notice, or undefined: only own keys count (`constructor` is not a language). */
export const noticeOf = (audience: Audience, version: string, language: string): NoticeFile | undefined => {
  const versions = publishedNotices[audience];
  if (!Object.hasOwn(versions, version)) return undefined;
  const languages = versions[version] ?? {};
  return Object.hasOwn(languages, language) ? languages[language] : undefined;
};

/** The figures a notice quotes, taken from the retention rules themselves. */
export const retentionFigures = () => ({
  neverMatchedMonths: Math.round(retentionDays.neverMatched / (365.25 / 12)),
  afterMatchEndedMonths: Math.round(retentionDays.afterMatchEnded / (365.25 / 12)),
  backupDays: backupRetentionDays,
  reminderDays: reminderAfterDays,
  unconfirmedDays: unconfirmedRetentionDays,
  noteMonths: Math.round(retentionDays.notes / (365.25 / 12)),
});

/** One text of a notice with its figures filled in, in the notice's own plural rules. */
export const noticeText = (
  notice: NoticeFile,
  text: string,
  figures: Record<string, number> = retentionFigures(),
): string => String(new IntlMessageFormat(text, notice.locale).format(figures));
