import * as z from 'zod';

/**
 * What free text people type may and may not hold, for the sign-up, the handover and their JSON
 * twins. Text ends up in pages (escaped), in plain-text emails (where a line break would let a
 * value start a line of its own), in CSV files and in logs, so control characters, bidi overrides
 * (which make text read differently from how it is stored), lone surrogates and names made of
 * nothing visible are refused with a field message. A CPR number is refused however it is written.
 */

const isDecimalDigit = (codePoint: number) => /\p{Nd}/u.test(String.fromCodePoint(codePoint));

/**
 * A decimal digit of any script as ASCII: Unicode gives every script's digits 0–9 as ten code
 * points in a row, so a digit's value is how many digits precede it in its run.
 */
const asciiDigit = (digit: string): string => {
  const code = digit.codePointAt(0) ?? 0;
  let value = 0;
  while (isDecimalDigit(code - value - 1)) value++;
  return String(value % 10);
};

/** Characters that render as nothing although they are letters or spaces (Hangul fillers, braille blank …). */
const blankLetters = /[\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5]/gu;

/**
 * The text the checks look at: compatibility forms folded (full-width digits and dashes become
 * ASCII), digits of every script as ASCII, and what renders as nothing removed (zero-width spaces,
 * soft hyphens, word joiners, combining marks, blank letters), so none of them can hide a number.
 */
export const foldedForChecks = (value: string): string =>
  value
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{M}]/gu, '')
    .replace(blankLetters, '')
    .replace(/\p{Nd}/gu, asciiDigit);

/** Whatever may stand between the parts of a CPR number: up to three characters that are not letters or digits. */
const separator = String.raw`[^\p{L}\p{N}]{0,3}`;
const cprPattern = new RegExp(
  String.raw`(?<!\p{N})(?:0[1-9]|[12]\d|3[01])${separator}(?:0[1-9]|1[0-2])${separator}\d\d${separator}\d\d${separator}\d\d(?!\p{N})`,
  'u',
);

/**
 * Something that looks like a CPR number (ddmmyy-xxxx, however separated or written), which must
 * never be stored. On purpose broad: a date with a four-digit time after it ("12.05.24 1430") is
 * refused too, and the field message says to remove the number; better that than one CPR number.
 */
export const looksLikeCpr = (value: string): boolean => cprPattern.test(foldedForChecks(value));

/** Line breaks of every kind: a value holding one would start a new line in a plain-text email. */
export const lineBreaks = /\r\n|[\n\r\u0085\u2028\u2029\v\f]/g;

/** Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Marks (LRM, RLM) are fine. */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/u;

/** C0 and C1 control characters (tab, NUL, CR, LF …) and the Unicode line and paragraph separators. */
const controlCharacters = /[\p{Cc}\u2028\u2029]/u;
/** The same but CR and LF, which a multi-line field may hold. */
const controlCharactersButLineBreaks = /[[\p{Cc}\u2028\u2029]--[\n\r]]/v;

/** Text someone can see: at least one letter or digit once invisible and blank characters are gone. */
export const hasVisibleText = (value: string): boolean => /[\p{L}\p{N}]/u.test(foldedForChecks(value));

/** The code of the first rule `value` breaks, or undefined: for the schemas' custom issues. */
export const textProblem = (value: string, options: { multiLine?: boolean } = {}): string | undefined => {
  if (!value.isWellFormed()) return 'control';
  // A multi-line field may hold \n and \r (normalised to \n); no other control character.
  if ((options.multiLine ? controlCharactersButLineBreaks : controlCharacters).test(value)) return 'control';
  if (bidiControls.test(value)) return 'control';
  return undefined;
};

/** The same text on one line: for values interpolated into a plain-text email or a CSV cell. */
export const oneLine = (value: string): string => value.replace(lineBreaks, ' ');

const refineText =
  (options: { multiLine?: boolean; cpr?: boolean; visible?: boolean }) =>
  (value: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(value, options);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    else if (options.cpr && looksLikeCpr(value)) ctx.addIssue({ code: 'custom', message: 'cpr' });
    else if (options.visible && value !== '' && !hasVisibleText(value))
      ctx.addIssue({ code: 'custom', message: 'invisible' });
  };

/**
 * A single-line text field: trimmed, at most `max` characters, no control or bidi characters.
 * `cpr` also refuses CPR numbers; `name` also refuses a value with nothing visible in it.
 */
export const singleLineText = (max: number, options: { cpr?: boolean; name?: boolean } = {}) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine(refineText({ cpr: options.cpr, visible: options.name }));

/** A multi-line text field (a note): line breaks kept as \n, nothing else invisible. */
export const multiLineText = (max: number, options: { cpr?: boolean } = {}) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max)
        .superRefine(refineText({ multiLine: true, cpr: options.cpr })),
    );

/** The Danish (and English) words for the rules above, for the forms' field messages. */
export const textRuleMessages = {
  control: {
    da: 'Feltet indeholder tegn, der ikke kan bruges her (fx linjeskift eller skjulte styretegn). Skriv teksten igen.',
    en: 'The field holds characters that cannot be used here (such as line breaks or hidden control characters). Please type the text again.',
  },
  invisible: {
    da: 'Skriv navnet med bogstaver.',
    en: 'Write the name with letters.',
  },
  cpr: {
    da: 'Skriv aldrig et CPR-nummer. Fjern tallet, og prøv igen.',
    en: 'Never enter a CPR number. Remove the number and try again.',
  },
} as const;
