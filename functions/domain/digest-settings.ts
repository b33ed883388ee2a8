import type { DigestContact, QuietDigest } from './kommune-digest.ts';
import { hashToken, issueToken, isTokenShaped, type TokenStore } from './tokens.ts';

/**
 * A kommune contact's own link in each weekly digest: they choose what the kommune gets in a week
 * with no news (a short digest, or none), or stop the digest to themselves. The link is a token for
 * `<kommune>#<contact>`; it changes nothing until its page's button is pressed (mail scanners).
 */

export const digestChoices = ['short', 'none', 'stop'] as const;
export type DigestChoice = (typeof digestChoices)[number];

export interface DigestSettingsDeps {
  readonly tokens: Pick<TokenStore, 'put' | 'peek'>;
  readonly kommuner: {
    getDigestContact(kommuneCode: string, contactId: string): Promise<DigestContact | undefined>;
    kommune(code: string): Promise<{ readonly quietDigest?: QuietDigest } | undefined>;
    removeDigestContact(kommuneCode: string, email: string): Promise<boolean>;
    setQuietDigest(kommuneCode: string, setting: QuietDigest): Promise<void>;
  };
  readonly now: () => Date;
}

export const digestSettingsLink = (
  tokens: Pick<TokenStore, 'put'>,
  contact: Pick<DigestContact, 'kommuneCode' | 'contactId'>,
  now: Date,
): Promise<string> =>
  issueToken(tokens, 'digest-settings', `${contact.kommuneCode}#${contact.contactId}`, now);

/** The contact a settings link is for, with the kommune's current choice; undefined for a bad link. */
export const openDigestSettings = async (
  deps: DigestSettingsDeps,
  token: unknown,
): Promise<{ contact: DigestContact; quietDigest: QuietDigest } | undefined> => {
  if (!isTokenShaped(token)) return undefined;
  const subject = await deps.tokens.peek(hashToken(token), 'digest-settings', deps.now());
  if (!subject) return undefined;
  const [kommuneCode = '', contactId = ''] = subject.split('#');
  const contact = await deps.kommuner.getDigestContact(kommuneCode, contactId);
  if (!contact) return undefined;
  const kommune = await deps.kommuner.kommune(kommuneCode);
  return { contact, quietDigest: kommune?.quietDigest ?? 'short' };
};

/** Applies the choice; false for a bad link or a contact already removed. */
export const changeDigestSettings = async (
  deps: DigestSettingsDeps,
  token: unknown,
  choice: DigestChoice,
): Promise<boolean> => {
  const opened = await openDigestSettings(deps, token);
  if (!opened) return false;
  const { contact } = opened;
  if (choice === 'stop') return deps.kommuner.removeDigestContact(contact.kommuneCode, contact.email);
  await deps.kommuner.setQuietDigest(contact.kommuneCode, choice);
  return true;
};
