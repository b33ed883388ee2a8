/** The service's own bookkeeping: when the scheduler last proved it runs, and each job's last run. */
export interface SystemStatus {
  readonly lastHeartbeatAt?: string;
  /** Each job's last successful run (ISO), by the job's name in the schedule table. */
  readonly jobRuns: Readonly<Record<string, string>>;
}

export interface SystemStatusStore {
  getSystemStatus(): Promise<SystemStatus>;
  recordHeartbeat(at: string): Promise<void>;
  /** Notes a job's successful run (never moving its clock backwards). */
  recordJobRun(job: string, at: string): Promise<void>;
}
