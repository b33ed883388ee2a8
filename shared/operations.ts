/**
 * What operations reads, shared by the functions (which emit it), CDK (alarms, dashboard, the API's
 * access log) and the local stack (which prints the same lines): one list of business metrics and
 * one access-log format.
 */

/** The CloudWatch namespace of venner's own metrics (embedded metric format in the function logs). */
export const metricsNamespace = 'Venner';

/**
 * Every business metric a function emits (a count unless the name says otherwise), with no dimension
 * but the service: each name is one CloudWatch metric at $0.30 a month beyond the free ten
 * (docs/cost.md). Job runs, durations and failures are AWS/Lambda's own metrics of each job's
 * function (free); a match's end reason and a job's report are in the log line beside the count.
 */
export const businessMetrics = [
  'SignUps',
  'Confirmations',
  'HandoversConsented',
  'HandoversDeclined',
  'Proposals',
  'ProposalsAccepted',
  'ProposalsDeclined',
  'ProposalsNotNow',
  'ProposalsLapsed',
  'MatchesEnded',
  'EmailsSent',
  'EmailsFailed',
  'EmailsPending',
  'OldestPendingEmailSeconds',
  'RateLimitRefusals',
  /** A DynamoDB, SES or Cognito call that failed for the service's sake (throttled, unavailable): a 503. */
  'DependencyErrors',
] as const;
export type BusinessMetric = (typeof businessMetrics)[number];

/**
 * The HTTP API's access log line: the request id is the correlation id every function log line of
 * the request carries (`correlation_id`), so a failed request is followed from one into the other.
 * No query strings or bodies: they may carry personal data.
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
} as const;
