import type { KommunerRepository } from '../adapters/kommuner-repository.ts';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly dynamodb: 'ok' | 'unavailable';
  readonly lastHeartbeatAt?: string;
  readonly checkedAt: string;
}

/** Healthy when DynamoDB answers a GetItem; the last scheduler heartbeat is reported alongside. */
export const checkHealth = async (deps: {
  kommuner: Pick<KommunerRepository, 'getSystemStatus'>;
  now: () => Date;
}): Promise<HealthReport> => {
  const checkedAt = deps.now().toISOString();
  try {
    const { lastHeartbeatAt } = await deps.kommuner.getSystemStatus();
    return { status: 'ok', dynamodb: 'ok', lastHeartbeatAt, checkedAt };
  } catch {
    return { status: 'unavailable', dynamodb: 'unavailable', checkedAt };
  }
};
