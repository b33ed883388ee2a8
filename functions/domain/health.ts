import type { SystemStatusStore } from './system-status.ts';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly dynamodb: 'ok' | 'unavailable';
  readonly lastHeartbeatAt?: string;
  /** Emails SES holds back while the account is in the sandbox or the domain unverified (docs/deploy.md). */
  readonly emailsHeldBySes?: number;
  readonly checkedAt: string;
}

/** Healthy when DynamoDB answers a GetItem; the last scheduler heartbeat is reported alongside. */
export const checkHealth = async (deps: {
  kommuner: Pick<SystemStatusStore, 'getSystemStatus'>;
  heldEmails: { countHeld(): Promise<number> };
  now: () => Date;
}): Promise<HealthReport> => {
  const checkedAt = deps.now().toISOString();
  try {
    const [{ lastHeartbeatAt }, emailsHeldBySes] = await Promise.all([
      deps.kommuner.getSystemStatus(),
      deps.heldEmails.countHeld(),
    ]);
    return { status: 'ok', dynamodb: 'ok', lastHeartbeatAt, emailsHeldBySes, checkedAt };
  } catch {
    return { status: 'unavailable', dynamodb: 'unavailable', checkedAt };
  }
};
