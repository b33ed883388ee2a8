import type { SuppressionList } from './email-delivery.ts';

/**
 * SES's bounce and complaint events (configuration-set event publishing through SNS, or the older
 * notification format): a permanent bounce or a complaint suppresses the address. Transient bounces
 * (a full mailbox) do not: the next email may well arrive.
 */

interface Recipient {
  readonly emailAddress?: string;
}

export interface SesEvent {
  readonly eventType?: string;
  readonly notificationType?: string;
  readonly bounce?: { readonly bounceType?: string; readonly bouncedRecipients?: readonly Recipient[] };
  readonly complaint?: { readonly complainedRecipients?: readonly Recipient[] };
  readonly mail?: { readonly timestamp?: string };
}

export interface Suppression {
  readonly address: string;
  readonly reason: 'bounce' | 'complaint';
}

export const suppressionsOf = (event: SesEvent): Suppression[] => {
  const type = event.eventType ?? event.notificationType;
  const addresses = (recipients: readonly Recipient[] | undefined) =>
    (recipients ?? [])
      .map((r) => r.emailAddress)
      .filter((a): a is string => typeof a === 'string' && a.includes('@'));
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent')
    return addresses(event.bounce.bouncedRecipients).map((address) => ({ address, reason: 'bounce' }));
  if (type === 'Complaint')
    return addresses(event.complaint?.complainedRecipients).map((address) => ({
      address,
      reason: 'complaint',
    }));
  return [];
};

/** Records every suppression an event calls for; the number recorded. */
export const recordSesEvent = async (
  deps: { suppressions: Pick<SuppressionList, 'suppress'>; now: () => Date },
  event: SesEvent,
): Promise<number> => {
  const found = suppressionsOf(event);
  for (const { address, reason } of found) await deps.suppressions.suppress(address, reason, deps.now());
  return found.length;
};
