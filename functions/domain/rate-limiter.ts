export type RateOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How many requests one client may send for one action in a window (sign-ups, link requests). */
export interface RateLimiter {
  /** Counts one request by `client` for `action`; how long to wait when it is over the limit. */
  hit(action: string, client: string, now: Date): Promise<RateOutcome>;
}
