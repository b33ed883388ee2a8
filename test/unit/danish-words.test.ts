import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { kommuneOfficialName } from '../../functions/domain/reference-kommuner.ts';
import { toFieldErrors } from '../../functions/web/field-errors.ts';
import {
  danishDate,
  danishDateTime,
  handoverFieldTexts,
  languagesText,
} from '../../functions/web/handover-texts.ts';
import { countOf, pluralWord } from '../../functions/web/plural.ts';

/** Counts in words by the language's plural rules (issue 20: "1 ledige frivillige", "1 børn"). */
describe('counts in words', () => {
  it('uses the singular for one and the plural otherwise, in Danish', () => {
    expect(countOf(1, 'barn', 'børn')).toBe('1 barn');
    expect(countOf(0, 'barn', 'børn')).toBe('0 børn');
    expect(countOf(2, 'ledig frivillig', 'ledige frivillige')).toBe('2 ledige frivillige');
    expect(countOf(1, 'ledig frivillig', 'ledige frivillige')).toBe('1 ledig frivillig');
    expect(countOf(1, 'dag', 'dage')).toBe('1 dag');
    expect(countOf(21, 'dag', 'dage')).toBe('21 dage');
  });

  it('does the same in English', () => {
    expect(countOf(1, 'child', 'children', 'en')).toBe('1 child');
    expect(countOf(3, 'child', 'children', 'en')).toBe('3 children');
    expect(pluralWord(1, 'is', 'are', 'en')).toBe('is');
    expect(pluralWord(0, 'is', 'are', 'en')).toBe('are');
  });
});

describe("kommuner's official names", () => {
  it('says "Københavns Kommune" and "Bornholms Regionskommune", "<name> Kommune" otherwise', () => {
    expect(kommuneOfficialName('101')).toBe('Københavns Kommune');
    expect(kommuneOfficialName('400')).toBe('Bornholms Regionskommune');
    expect(kommuneOfficialName('201')).toBe('Allerød Kommune');
  });
});

describe('staff texts in Danish', () => {
  it('writes language names in lower case, and what was typed as typed', () => {
    const person = { languages: ['arabic', 'english'], otherLanguages: 'Tigrinya' } as never;
    expect(languagesText(person)).toBe('arabisk, engelsk, Tigrinya');
  });

  it('gives a date with its time as the same long date, in Copenhagen time', () => {
    expect(danishDateTime('2026-12-01T16:49:00Z')).toBe('1. december 2026 kl. 17.49');
    expect(danishDate('2026-12-01T16:49:00Z')).toBe('1. december 2026');
  });

  it('says what to write when a number is expected, never "forkert type"', () => {
    const schema = z.object({ birthYear: z.int() });
    const input = { birthYear: 'nineteen ninety' };
    const parsed = schema.safeParse(input);
    if (parsed.success) throw new Error('expected a failure');
    const [error] = toFieldErrors(parsed.error, input, 'da', handoverFieldTexts);
    expect(error?.message).toBe('Skriv fødselsår som et tal.');
    expect(error?.message).not.toContain('type');
  });
});
