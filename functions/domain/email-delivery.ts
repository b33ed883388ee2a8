/**
 * Email delivery through the outbox. Whatever makes an email necessary writes its outbox entry
 * under a deterministic key, with a condition (or the sender claims it itself, from a table's
 * stream, for an email a new item calls for); the sender takes
 * the entry, composes the message from current data, sends it and records the outcome. A second
 * delivery of the same key finds it taken or finished and sends nothing; an email SES did not take
 * goes back to pending and the retry job sends it later. Nothing lost, nothing doubled.
 */

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

export interface OutboxEntry {
  readonly key: string;
  readonly template: string;
  /** Who gets it, as a reference (a volunteer id): the outbox holds no addresses. */
  readonly recipientRef: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly createdAt: string;
  /**
   * Facts fixed when the email was decided, never personal data: a digest's period, the number of
   * arrivals an alert tells of. A retry composes the same email from them.
   */
  readonly facts?: Readonly<Record<string, string | number>>;
  /** The request or job run that wrote the entry (its log lines carry the same id). */
  readonly correlationId?: string;
}

export type NewOutboxEntry = Pick<OutboxEntry, 'key' | 'template' | 'recipientRef' | 'facts'>;

export interface OutboxStore {
  /**
   * Writes a new entry; false when the key was claimed before (it is sent or on its way). With
   * `leaseSeconds` the entry is written already taken by the caller, who sends it at once.
   */
  claim(entry: NewOutboxEntry, now: Date, leaseSeconds?: number): Promise<boolean>;
  /** Leases a pending entry (or one whose sender's lease ran out) to this sender; undefined if not available. */
  take(key: string, now: Date, leaseSeconds: number): Promise<OutboxEntry | undefined>;
  finish(
    key: string,
    outcome: {
      status: OutboxStatus;
      messageId?: string;
      reason?: string;
      /** Give back the attempt `take` counted: SES held the email, it did not refuse it. */
      uncountAttempt?: boolean;
    },
    now: Date,
  ): Promise<void>;
  /** Entries still to send: pending ones and ones whose sender's lease ran out. */
  listDue(now: Date, limit: number): Promise<OutboxEntry[]>;
}

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** One-click unsubscribe (RFC 8058) for every email to a volunteer. */
  readonly unsubscribeUrl?: string;
  /** The id of the request or job run that decided it (a header; never personal data). */
  readonly correlationId?: string;
}

export interface Mailer {
  /** Sends one email; the provider's message id. */
  send(message: OutgoingEmail): Promise<string>;
}

/**
 * Builds the message for an entry from current data, or says why it is no longer to be sent
 * (the recipient erased their data or stopped emails).
 */
export type EmailComposer = (
  entry: OutboxEntry,
  now: Date,
) => Promise<OutgoingEmail | { readonly skip: string }>;

export interface DeliveryDeps {
  readonly outbox: OutboxStore;
  readonly mailer: Mailer;
  readonly compose: EmailComposer;
  readonly now: () => Date;
  readonly log?: (message: string, details: Record<string, unknown>) => void;
  /** Addresses that bounced permanently or complained: they get nothing more. */
  readonly suppressions?: Pick<SuppressionList, 'isSuppressed'>;
}

/** Addresses SES reported as bounced (permanently) or complained about, kept as hashes. */
export interface SuppressionList {
  isSuppressed(address: string): Promise<boolean>;
  suppress(address: string, reason: 'bounce' | 'complaint', at: Date): Promise<void>;
}

export type DeliveryResult = 'sent' | 'skipped' | 'not-due' | 'retry-later' | 'held' | 'failed';

/** A sender that died mid-send frees its entry after this long; the retry job then sends it. */
export const leaseSeconds = 300;

/** After this many attempts SES did not take, the entry is given up and reported. */
export const maxAttempts = 8;

/** SES refusals that another attempt will not change (unless `isHeldBySes`). */
const permanentErrors = new Set(['MessageRejected', 'BadRequestException']);

/**
 * How long an email may wait for SES to take it: production access normally comes within a day or
 * two; after this the identity is wrong, and an old proposal or confirmation should not go out late.
 */
export const heldForDaysAtMost = 7;

/** The reason a held email's outbox entry carries. */
export const heldReason = 'held-by-ses';

/**
 * SES refusing because the account is still in the sandbox (the recipient is not verified) or the
 * domain is not verified yet: a state of the account, not of the email. Such an email stays
 * pending, without using up its attempts, until production access is granted; the retry job counts
 * them and /health shows the count.
 */
export const isHeldBySes = (error: unknown): boolean => {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  return (
    (name === 'MessageRejected' && /not verified|sandbox/i.test(message ?? '')) ||
    name === 'MailFromDomainNotVerifiedException'
  );
};

/** Sends the email of one outbox entry at most once. */
export const deliver = async (deps: DeliveryDeps, key: string): Promise<DeliveryResult> => {
  const entry = await deps.outbox.take(key, deps.now(), leaseSeconds);
  return entry ? sendTaken(deps, entry) : 'not-due';
};

/**
 * Writes a new entry already taken by this sender and sends it at once: for emails the sender
 * itself decides on (a new volunteer's confirmation). A key claimed before sends nothing.
 */
export const deliverNew = async (deps: DeliveryDeps, newEntry: NewOutboxEntry): Promise<DeliveryResult> => {
  const now = deps.now();
  if (!(await deps.outbox.claim(newEntry, now, leaseSeconds))) return 'not-due';
  return sendTaken(deps, { ...newEntry, status: 'sending', attempts: 1, createdAt: now.toISOString() });
};

const sendTaken = async (deps: DeliveryDeps, entry: OutboxEntry): Promise<DeliveryResult> => {
  const { key } = entry;
  let message: OutgoingEmail | { readonly skip: string };
  try {
    message = await deps.compose(entry, deps.now());
  } catch (error) {
    await deps.outbox.finish(key, { status: 'pending', reason: (error as Error).name }, deps.now());
    throw error;
  }
  if (!('skip' in message) && (await deps.suppressions?.isSuppressed(message.to))) {
    message = { skip: 'suppressed' };
  }
  if ('skip' in message) {
    await deps.outbox.finish(key, { status: 'skipped', reason: message.skip }, deps.now());
    return 'skipped';
  }
  let messageId: string;
  try {
    messageId = await deps.mailer.send(
      entry.correlationId ? { ...message, correlationId: entry.correlationId } : message,
    );
  } catch (error) {
    const heldDays = (deps.now().getTime() - Date.parse(entry.createdAt)) / 86_400_000;
    if (isHeldBySes(error) && heldDays >= heldForDaysAtMost) {
      deps.log?.('Email given up: SES held it too long (is the sender identity verified?)', {
        key,
        template: entry.template,
        error: (error as Error).name,
      });
      await deps.outbox.finish(key, { status: 'failed', reason: `${heldReason}-too-long` }, deps.now());
      return 'failed';
    }
    if (isHeldBySes(error)) {
      deps.log?.('Email held: SES is in the sandbox or the domain is not verified; it stays pending', {
        key,
        template: entry.template,
        error: (error as Error).name,
      });
      await deps.outbox.finish(
        key,
        { status: 'pending', reason: heldReason, uncountAttempt: true },
        deps.now(),
      );
      return 'held';
    }
    const reason = (error as Error).name || 'Error';
    const giveUp = permanentErrors.has(reason) || entry.attempts >= maxAttempts;
    deps.log?.(giveUp ? 'Email given up' : 'Email not sent; it stays pending for the retry job', {
      key,
      template: entry.template,
      attempts: entry.attempts,
      error: reason,
    });
    await deps.outbox.finish(key, { status: giveUp ? 'failed' : 'pending', reason }, deps.now());
    return giveUp ? 'failed' : 'retry-later';
  }
  await deps.outbox.finish(key, { status: 'sent', messageId }, deps.now());
  return 'sent';
};

export interface RetryReport {
  readonly due: number;
  /** How long the oldest due email has waited, in seconds (0 with none): an alarm watches it. */
  readonly oldestPendingSeconds: number;
  readonly sent: number;
  readonly skipped: number;
  readonly retryLater: number;
  /** Held by SES's sandbox or an unverified domain: pending until production access. */
  readonly held: number;
  readonly failed: number;
}

/** The retry job: sends every entry still due, oldest first, up to `limit` per run. */
export const sendDue = async (deps: DeliveryDeps, limit = 500): Promise<RetryReport> => {
  const due = await deps.outbox.listDue(deps.now(), limit);
  const counts = { sent: 0, skipped: 0, 'retry-later': 0, held: 0, failed: 0, 'not-due': 0 };
  for (const entry of due) counts[await deliver(deps, entry.key)]++;
  const oldest = due.reduce((min, e) => Math.min(min, Date.parse(e.createdAt)), Number.POSITIVE_INFINITY);
  return {
    due: due.length,
    oldestPendingSeconds: Number.isFinite(oldest)
      ? Math.max(0, Math.round((deps.now().getTime() - oldest) / 1000))
      : 0,
    sent: counts.sent,
    skipped: counts.skipped,
    retryLater: counts['retry-later'],
    held: counts.held,
    failed: counts.failed,
  };
};
