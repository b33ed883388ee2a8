import { describe, expect, it } from 'vitest';
import { kommuneOfficialName } from '../../functions/domain/reference-kommuner.ts';
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
