import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * What staff type into a search box, and the folded names the indexes hold. A search is one of
 * three things, decided by its shape: a Venner reference (8 letters and digits, as the kommune
 * got it), a phone number (any format: "31 22 33 44", "+45 3122 3344", "0045-31223344") or the
 * beginning of a name (of the whole name, or of the last name).
 */

/**
 * Lower case, accents and Danish letters folded, one space between words: "Søren Ågård" and
 * "soeren aagaard" are both "soren agard", so a search typed without Danish letters finds them.
 * The stored name and the search are folded alike, so a fold can only ever find more, never less.
 */
export const foldForSearch = (text: string): string =>
  text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The index attributes of a name: the whole name and its last word, both folded. */
export const nameKeys = (name: string): { nameFolded?: string; surnameFolded?: string } => {
  const folded = foldForSearch(name);
  if (!folded) return {};
  const words = folded.split(' ');
  return { nameFolded: folded, surnameFolded: words[words.length - 1] };
};

/** A phone number as stored (E.164, "+4531223344"), read the way a Danish caseworker types it. */
export const phoneSearchKey = (text: string): string | undefined => {
  const digits = text.replace(/[^\d+]/g, '');
  if (digits.replace(/\D/g, '').length < 8) return undefined;
  const parsed = parsePhoneNumberFromString(digits.startsWith('00') ? `+${digits.slice(2)}` : digits, 'DK');
  return parsed?.isPossible() ? parsed.number : undefined;
};

/** What a search box can mean; a single 8-character word may be a reference and a name both. */
export interface SearchTerm {
  readonly reference?: string;
  readonly phone?: string;
  readonly name?: string;
}

/** At least this many letters of a name: fewer would find half the list. */
export const minimumNameLetters = 2;

/** Reads a search box; undefined when there is nothing to search for. */
export const searchTermOf = (text: string): SearchTerm | undefined => {
  const trimmed = text.trim();
  if (/^[\d\s+().-]+$/.test(trimmed)) {
    const phone = phoneSearchKey(trimmed);
    if (phone) return { phone };
  }
  const reference = /^[A-Za-z0-9_-]{8}$/.test(trimmed) ? trimmed.toUpperCase() : undefined;
  const folded = foldForSearch(trimmed);
  const name = folded.length >= minimumNameLetters && /\p{L}/u.test(folded) ? folded : undefined;
  return reference || name ? { reference, name } : undefined;
};

/** The search results a page shows at most: a search narrows, it does not page. */
export const searchLimit = 50;
