import { domainToASCII, domainToUnicode } from 'node:url';
import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

/**
 * Email addresses as venner stores them: trimmed, lower-cased, the domain in its Unicode form
 * (`søren@søren.dk`, however it was typed: `xn--sren-gra.dk` is the same address). Danish letters
 * in the domain are fine (IDN); what could pass for another address is not: a domain label in
 * another script than Latin (a Cyrillic "а" in "exаmple.dk"), invisible or space characters, and
 * non-ASCII local parts (SES cannot deliver them). SES gets the domain in its ASCII (punycode) form.
 */

export const maxEmailLength = 254;

/**
 * What a domain label may hold: ASCII letters and digits, hyphens, and the lower-case letters of
 * Latin-1 and Latin Extended-A (æ, ø, å, é, ü, ł, ő …). Not the rest of the Latin script, whose IPA
 * and phonetic letters pass for others (ɑ for a, ǀ for l, ᴀ for A), and no combining marks.
 */
const latinLabel = /^[a-z0-9\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f-]+$/;
const asciiEmail = lazySchema(() => z.email());

/** The canonical form of an address, or undefined when it is not one we accept. */
export const canonicalEmail = (raw: string): string | undefined => {
  const value = raw.trim().normalize('NFC').toLowerCase();
  if (value.length > maxEmailLength) return undefined;
  // Nothing invisible anywhere: zero-width characters, soft hyphens, bidi controls, spaces.
  if (/[\p{Cf}\p{Cc}\p{Z}\s]/u.test(value)) return undefined;
  // A local part of printable ASCII (SES cannot deliver others), one @, a domain.
  const parts = /^([\x21-\x3f\x41-\x7e]+)@([^@]+)$/.exec(value);
  if (!parts) return undefined;
  const [, local, domain] = parts as unknown as [string, string, string];
  const ascii = domainToASCII(domain);
  const unicode = domainToUnicode(ascii);
  if (!unicode.split('.').every((label) => latinLabel.test(label))) return undefined;
  if (!asciiEmail.safeParse(`${local}@${ascii}`).success) return undefined;
  return `${local}@${unicode}`;
};

/** The address with its domain in ASCII (punycode), as SES and mail servers want it. */
export const asciiEmailAddress = (email: string): string => {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  return `${email.slice(0, at)}@${domainToASCII(email.slice(at + 1)) || email.slice(at + 1)}`;
};

/** An email address field: its canonical form, or the issue `invalid_format` (as zod's own email check). */
export const emailAddressSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .max(maxEmailLength)
    .transform((value, ctx) => {
      const canonical = canonicalEmail(value);
      if (canonical === undefined) {
        ctx.addIssue({ code: 'invalid_format', format: 'email', input: value } as never);
        return z.NEVER;
      }
      return canonical;
    }),
);
