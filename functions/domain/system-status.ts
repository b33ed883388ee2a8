/** The service's own bookkeeping: when the scheduler last proved it runs. */
export interface SystemStatusStore {
  getSystemStatus(): Promise<{ lastHeartbeatAt?: string }>;
  recordHeartbeat(at: string): Promise<void>;
}
