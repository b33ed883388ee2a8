import type { SystemStatusStore } from './system-status.ts';

/** The placeholder job: proves that schedules fire by recording the moment they ran as of. */
export const runHeartbeat = async (deps: {
  kommuner: Pick<SystemStatusStore, 'recordHeartbeat'>;
  now: Date;
}): Promise<{ recordedAt: string }> => {
  const recordedAt = deps.now.toISOString();
  await deps.kommuner.recordHeartbeat(recordedAt);
  return { recordedAt };
};
