import { createHash, randomBytes } from 'node:crypto';

/**
 * Link tokens: 256 random bits, sent only in emails (or a cookie) and stored only as a SHA-256
 * hash. Confirmation, sign-in and unsubscribe links are single-use and expire; a session token
 * lives until it expires.
 */
export type TokenPurpose =
  | 'confirm'
  | 'manage'
  | 'unsubscribe'
  | 'session'
  | 'match-answer'
  | 'follow-up'
  /** A check-in email's links to record a meeting or raise a concern: reusable while it lives (the subject is the match). */
  | 'match-support'
  /** The exit survey after a closure (the subject is the match). */
  | 'exit-survey'
  /** A kommune contact's link to change or stop their weekly digest (the subject is `<kommune>#<contact>`). */
  | 'digest-settings';

export const tokenLifetimeSeconds: Record<TokenPurpose, number> = {
  confirm: 30 * 24 * 3600,
  manage: 24 * 3600,
  unsubscribe: 365 * 24 * 3600,
  session: 3600,
  'match-answer': 14 * 24 * 3600,
  'follow-up': 60 * 24 * 3600,
  'match-support': 100 * 24 * 3600,
  'exit-survey': 30 * 24 * 3600,
  'digest-settings': 60 * 24 * 3600,
};

export interface TokenRecord {
  readonly hash: string;
  readonly purpose: TokenPurpose;
  readonly volunteerId: string;
  readonly expiresAt: Date;
  /** What the link is about (a match, a follow-up): the token only works for that. */
  readonly ref?: string;
}

export const newTokenValue = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A well-formed token is 43 base64url characters; anything else is not looked up at all. */
export const isTokenShaped = (token: unknown): token is string =>
  typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);

export interface TokenStore {
  put(record: TokenRecord): Promise<void>;
  /**
   * Marks a single-use token used; the volunteer id when it was valid, unused and unexpired (and
   * issued for `ref`, when given).
   */
  consume(hash: string, purpose: TokenPurpose, now: Date, ref?: string): Promise<string | undefined>;
  /** Reads a token without using it up (a session; a link before its button is pressed). */
  peek(hash: string, purpose: TokenPurpose, now: Date, ref?: string): Promise<string | undefined>;
  revoke(hash: string): Promise<void>;
}

/** A new token's value (for the link) and the record to store (its hash). */
export const prepareToken = (
  purpose: TokenPurpose,
  volunteerId: string,
  now: Date,
  ref?: string,
): { value: string; record: TokenRecord } => {
  const value = newTokenValue();
  return {
    value,
    record: {
      hash: hashToken(value),
      purpose,
      volunteerId,
      expiresAt: new Date(now.getTime() + tokenLifetimeSeconds[purpose] * 1000),
      ...(ref ? { ref } : {}),
    },
  };
};

/** Creates a token for `purpose` and stores its hash; returns the value to put in the link. */
export const issueToken = async (
  store: Pick<TokenStore, 'put'>,
  purpose: TokenPurpose,
  volunteerId: string,
  now: Date,
  ref?: string,
): Promise<string> => {
  const { value, record } = prepareToken(purpose, volunteerId, now, ref);
  await store.put(record);
  return value;
};
