import { lazy } from '../../shared/lazy.ts';

/** Counts in words, by the language's own plural rules (Intl.PluralRules), never by hand. */

const rules = {
  da: lazy(() => new Intl.PluralRules('da-DK')),
  en: lazy(() => new Intl.PluralRules('en-GB')),
};

/** The word for `n` of something: `one` when the language says singular, `other` otherwise. */
export const pluralWord = (n: number, one: string, other: string, lang: 'da' | 'en' = 'da'): string =>
  rules[lang]().select(n) === 'one' ? one : other;

/** "1 barn", "3 børn", "1 child", "2 children". */
export const countOf = (n: number, one: string, other: string, lang: 'da' | 'en' = 'da'): string =>
  `${lang === 'da' ? danishNumber(n) : n} ${pluralWord(n, one, other, lang)}`;

const numbers = lazy(() => new Intl.NumberFormat('da-DK'));

/** "1.000", "12.345": Danish digit grouping. */
export const danishNumber = (n: number): string => numbers().format(n);
