import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { asciiEmailAddress, canonicalEmail, emailAddressSchema } from '../../shared/email-address.ts';
import {
  foldedForChecks,
  hasVisibleText,
  lineBreaks,
  looksLikeCpr,
  multiLineText,
  oneLine,
  singleLineText,
  textProblem,
  textRuleMessages,
} from '../../shared/text-rules.ts';
import { acceptedNames, cprVariants, notCpr, refusedNames } from '../support/hostile-text.ts';

/** The rules for free text and email addresses (shared/text-rules.ts, shared/email-address.ts). */

describe('CPR numbers however they are written', () => {
  it.each(cprVariants)('finds %j', (value) => {
    expect(looksLikeCpr(value)).toBe(true);
  });

  it.each(notCpr)('leaves %j alone', (value) => {
    expect(looksLikeCpr(value)).toBe(false);
  });

  it('needs a day, a month and the whole number: not 11 digits, not a month 13, not 9 digits', () => {
    expect(looksLikeCpr('01019012345')).toBe(false);
    expect(looksLikeCpr('1010190-1234')).toBe(false);
    expect(looksLikeCpr('011390-1234')).toBe(false);
    expect(looksLikeCpr('410190-1234')).toBe(false);
    expect(looksLikeCpr('000190-1234')).toBe(false);
    expect(looksLikeCpr('010090-1234')).toBe(false);
    expect(looksLikeCpr('010190-123')).toBe(false);
    expect(looksLikeCpr('310190-1234')).toBe(true);
    expect(looksLikeCpr('011290-1234')).toBe(true);
    expect(looksLikeCpr('01 01 90    1234')).toBe(false);
    expect(looksLikeCpr('010190a1234')).toBe(false);
  });

  it('folds what hides a number before it looks', () => {
    expect(foldedForChecks('０１')).toBe('01');
    expect(foldedForChecks('٣٤')).toBe('34');
    expect(foldedForChecks('๗')).toBe('7');
    expect(foldedForChecks('a\u200bb\u00adc\u034fd')).toBe('abcd');
    expect(foldedForChecks('1\u31642')).toBe('12');
    expect(foldedForChecks('Åse')).toBe('Åse');
  });
});

describe('names and free text', () => {
  it.each(refusedNames)('refuses a name with %s', (_, value, problem) => {
    const found = textProblem(value) ?? (hasVisibleText(value) ? undefined : 'invisible');
    expect(found).toBe(problem);
  });

  it.each(acceptedNames)('accepts %j', (value) => {
    expect(textProblem(value)).toBeUndefined();
    expect(hasVisibleText(value)).toBe(true);
  });

  it('lets a note keep its line breaks, but nothing else invisible', () => {
    expect(textProblem('Første linje\nanden linje', { multiLine: true })).toBeUndefined();
    expect(textProblem('Første linje\r\nanden linje', { multiLine: true })).toBeUndefined();
    expect(textProblem('Første linje\nanden linje')).toBe('control');
    expect(textProblem('Første\u0000linje', { multiLine: true })).toBe('control');
    expect(textProblem('Første\tlinje', { multiLine: true })).toBe('control');
    expect(textProblem('Første \u202elinje', { multiLine: true })).toBe('control');
    expect(textProblem('Første \ud800 linje', { multiLine: true })).toBe('control');
    expect(textProblem('mark \u200f ok')).toBeUndefined();
  });

  it('sees text in letters and digits, not in blanks', () => {
    expect(hasVisibleText('7')).toBe(true);
    expect(hasVisibleText('\u200b7')).toBe(true);
    expect(hasVisibleText(' \u3164 ')).toBe(false);
    expect(hasVisibleText('')).toBe(false);
    expect(hasVisibleText('-')).toBe(false);
  });

  it('puts a value on one line whatever line break it holds', () => {
    expect(oneLine('a\r\nb\nc\rd\u2028e\u2029f\u0085g\u000bh\u000ci')).toBe('a b c d e f g h i');
    expect(oneLine('a\r\n\r\nb')).toBe('a  b');
    expect('x\ny'.replace(lineBreaks, '|')).toBe('x|y');
  });

  it('gives each rule a field message in Danish and English', () => {
    expect(textRuleMessages.control.da).toMatch(/tegn, der ikke kan bruges/);
    expect(textRuleMessages.control.en).toMatch(/cannot be used/);
    expect(textRuleMessages.invisible.da).toBe('Skriv navnet med bogstaver.');
    expect(textRuleMessages.cpr.da).toMatch(/CPR-nummer/);
  });
});

describe('the text schemas', () => {
  const issues = (schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    // The rules' issues are custom ones, which the forms' field messages look up by their message.
    for (const issue of parsed.error?.issues ?? [])
      if (['control', 'cpr', 'invisible'].includes(issue.message)) expect(issue.code).toBe('custom');
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  };

  it('trim a single line, cap its length and refuse control characters', () => {
    const line = singleLineText(12);
    expect(line.parse('  Åse  ')).toBe('Åse');
    expect(issues(line, 'a\nb')).toEqual(['control']);
    expect(issues(line, 'x'.repeat(13))).toHaveLength(1);
    expect(line.parse('x'.repeat(12))).toHaveLength(12);
    expect(issues(line, '010190-1234')).toEqual([]);
  });

  it('refuse a CPR number only where asked, and an invisible name only in names', () => {
    expect(issues(singleLineText(40, { cpr: true }), 'ring 010190-1234')).toEqual(['cpr']);
    expect(issues(singleLineText(40, { name: true }), '\u200b\u200b')).toEqual(['invisible']);
    expect(issues(singleLineText(40), '\u200b\u200b')).toEqual([]);
    expect(issues(singleLineText(40, { name: true }), '')).toEqual([]);
    // One message per value: a control character is named before a CPR number.
    expect(issues(singleLineText(40, { cpr: true }), '010190-1234\n')).toEqual(['cpr']);
    expect(issues(singleLineText(40, { cpr: true }), 'a\n010190-1234')).toEqual(['control']);
  });

  it('keep a note on several lines, as \\n, trimmed and capped', () => {
    const note = multiLineText(12, { cpr: true });
    expect(note.parse(' en\r\nto\rtre ')).toBe('en\nto\ntre');
    expect(issues(note, 'x'.repeat(13))).toHaveLength(1);
    expect(note.parse('x'.repeat(12))).toHaveLength(12);
    expect(issues(note, '010190-1234')).toEqual(['cpr']);
    expect(issues(note, 'a\u0000b')).toEqual(['control']);
  });
});

describe('email addresses', () => {
  it('accepts Danish letters in the domain and stores one form, however it was typed', () => {
    expect(canonicalEmail('Soren@Søren.dk')).toBe('soren@søren.dk');
    expect(canonicalEmail('soren@XN--SREN-GRA.DK')).toBe('soren@søren.dk');
    expect(canonicalEmail(' anne@kommune.dk ')).toBe('anne@kommune.dk');
    expect(canonicalEmail('a.b+venner@æblegård.dk')).toBe('a.b+venner@æblegård.dk');
    expect(canonicalEmail('jens@łódź.pl')).toBe('jens@łódź.pl');
    expect(asciiEmailAddress('soren@søren.dk')).toBe('soren@xn--sren-gra.dk');
    expect(asciiEmailAddress('anne@kommune.dk')).toBe('anne@kommune.dk');
    expect(asciiEmailAddress('no-at-sign')).toBe('no-at-sign');
    expect(asciiEmailAddress('@søren.dk')).toBe('@xn--sren-gra.dk');
    // A domain punycode cannot take stays as it was.
    expect(asciiEmailAddress('a@xn--a.dk')).toBe('a@xn--a.dk');
  });

  it.each([
    ['a Cyrillic а in a Latin domain', 'anne@exаmple.dk'],
    ['a Greek ο', 'anne@gοogle.com'],
    ['a punycode label that decodes to Cyrillic', 'anne@xn--80ak6aa92e.com'],
    ['a zero-width space', 'anne@ex\u200bample.dk'],
    ['a soft hyphen', 'anne@ex\u00adample.dk'],
    ['a space', 'anne@ex ample.dk'],
    ['a space in the local part', 'an ne@example.dk'],
    ['a tab', 'anne@example.dk\t'.replace('\t', '\tx')],
    ['a non-ASCII local part', 'søren@example.dk'],
    ['a non-ASCII letter first in the local part', 'øanne@example.dk'],
    ['a non-ASCII letter last in the local part', 'anneø@example.dk'],
    ['a label punycode cannot take', 'anne@xn--a.dk'],
    ['a Latin alpha (IPA) for an a', 'a@exɑmple.dk'],
    ['a dental click for an l', 'a@paypaǀ.dk'],
    ['a small capital', 'a@ᴀpple.dk'],
    ['a combining overlay', 'a@ex\u0336ample.dk'],
    ['no domain', 'anne@'],
    ['no local part', '@example.dk'],
    ['no at sign', 'anne.example.dk'],
    ['no dot in the domain', 'anne@localhost'],
    ['an empty label', 'anne@example..dk'],
    ['two at signs', 'anne@@example.dk'],
    ['a second address after the first', 'anne@b.dk@x.dk'],
    ['nothing', ''],
    ['too long', `${'a'.repeat(250)}@example.dk`],
  ])('refuses %s', (_, value) => {
    expect(canonicalEmail(value)).toBeUndefined();
  });

  it('is a schema field: the canonical form out, the usual email issue for anything else', () => {
    expect(emailAddressSchema.parse(' Anne@Kommune.DK')).toBe('anne@kommune.dk');
    const refused = emailAddressSchema.safeParse('anne@exаmple.dk');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.code).toBe('invalid_format');
    const long = emailAddressSchema.safeParse(`${'a'.repeat(250)}@example.dk`);
    expect(long.error?.issues[0]?.code).toBe('too_big');
    expect(emailAddressSchema.parse(`${'a'.repeat(240)}@example.dk`)).toHaveLength(251);
    // 254 characters is the most an address may have; spaces around it do not count.
    expect(emailAddressSchema.parse(`  ${'a'.repeat(243)}@example.dk  `)).toHaveLength(254);
    expect(canonicalEmail(`${'a'.repeat(243)}@example.dk`)).toHaveLength(254);
    expect(canonicalEmail(`${'a'.repeat(244)}@example.dk`)).toBeUndefined();
  });
});
