import * as z from 'zod';

/**
 * What free text people type may and may not hold, for the sign-up, the handover and their JSON
 * twins. Text ends up in pages (escaped), in plain-text emails (where a line break would let a
 * value start a line of its own), in CSV files and in logs, so control characters, bidi overrides
 * (which make text read differently from how it is stored), lone surrogates and names made of
 * nothing visible are refused with a field message. A CPR number is refused however it is written.
 */

/** Decimal digits of other scripts that NFKC leaves alone, mapped to ASCII for the CPR check. */
const digitBlocks = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66];

const asciiDigits = (value: string) =>
  value.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0) ?? 0;
    const block = digitBlocks.find((zero) => code >= zero && code <= zero + 9);
    return block === undefined ? digit : String(code - block);
  });

/**
 * The text the checks look at: compatibility forms folded (full-width digits and dashes become
 * ASCII), digits of other scripts as ASCII, and invisible format characters (zero-width spaces,
 * soft hyphens, word joiners) removed, so none of them can hide a number.
 */
export const foldedForChecks = (value: string): string =>
  asciiDigits(value.normalize('NFKC')).replace(/\p{Cf}/gu, '');

/** Whatever may stand between the parts of a CPR number: spaces, any dash, dots, slashes. */
const separator = String.raw`[\s\p{Pd}\u2212./\\_:]{0,2}`;
const cprPattern = new RegExp(
  String.raw`(?<!\d)[0-3]\d${separator}[01]\d${separator}\d\d${separator}\d{4}(?!\d)`,
  'u',
);

/** Something that looks like a CPR number (ddmmyy-xxxx, however separated or written), which must never be stored. */
export const looksLikeCpr = (value: string): boolean => cprPattern.test(foldedForChecks(value));

/** Line breaks of every kind: a value holding one would start a new line in a plain-text email. */
export const lineBreaks = /\r\n|[\n\r\u0085\u2028\u2029\v\f]/g;

/** Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Marks (LRM, RLM) are fine. */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/u;

/** C0 and C1 control characters (tab, NUL, CR, LF …) and the Unicode line and paragraph separators. */
const controlCharacters = /[\p{Cc}\u2028\u2029]/u;

/** Characters that render as nothing although they are letters or spaces (Hangul fillers, braille blank …). */
const blankLetters = /[\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5]/gu;

/** Text someone can see: at least one letter or digit once invisible and blank characters are gone. */
export const hasVisibleText = (value: string): boolean =>
  /[\p{L}\p{N}]/u.test(foldedForChecks(value).replace(blankLetters, ''));

/** The code of the first rule `value` breaks, or undefined: for the schemas' custom issues. */
export const textProblem = (value: string, options: { multiLine?: boolean } = {}): string | undefined => {
  if (!value.isWellFormed()) return 'control';
  // A multi-line field may hold \n and \r (normalised to \n); no other control character.
  if (controlCharacters.test(options.multiLine ? value.replace(/[\n\r]/g, '') : value)) return 'control';
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
