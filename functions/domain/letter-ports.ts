import type { DigestContactLookup, DigestSources } from './kommune-digest.ts';
import type { MatchEmailDeps } from './match-emails.ts';

/** What the outbox sender's emails are decided from: the records, matches, volunteers, tokens and digests. */
export interface LetterPorts extends MatchEmailDeps {
  readonly digests: {
    readonly sources: Omit<DigestSources, 'contacts'>;
    readonly contacts: DigestContactLookup;
  };
}
