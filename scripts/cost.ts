import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../infra/build-assets.ts';
import { alarmMetricCount } from '../infra/operations.ts';
import { businessMetrics } from '../shared/operations.ts';

/**
 * `npm run cost`: the monthly AWS bill at national scale, from the DynamoDB requests per operation
 * that the benchmarks and tests measured and AWS's public on-demand prices; writes docs/cost.md.
 * Change a volume, a measured count or a price below and run it again.
 */

/** National scale, per month (the brief: 8,000 handovers a year, 20,000 volunteers, …). */
const volumes = {
  handovers: 8_000 / 12,
  /** Sign-ups that keep 20,000 volunteers with about a quarter leaving each year, plus repeats. */
  signups: 600,
  pageViews: 100_000,
  emails: 60_000,
  volunteers: 20_000,
  /** Staff page views: 300 caseworkers and coordinators, about 10 pages a working day each. */
  staffPageViews: 300 * 10 * 21,
} as const;

/**
 * DynamoDB requests per operation and where each count comes from. Units: a write request of an
 * item under 1 KB is 1 write unit (2 in a transaction), a strongly consistent read under 4 KB 1
 * read unit; each count below is already in units.
 */
const measured = {
  /** `npm run bench -- signup`: the rate-limit count and one conditional PutItem (+ index). */
  signupWriteUnits: 2 + 2,
  /** The outbox sender per email (claim, token, reads, finish): five requests (docs/performance.md). */
  emailReadUnits: 3,
  emailWriteUnits: 2 * 2,
  /** Public figures: one Query of the 98 kommune counter items, about 20 KB (public-figures.test.ts counts 1). */
  publicPageReadUnits: 5,
  /** A handover: one transaction of four items (record, month counter, kommune counter, kommune email). */
  handoverWriteUnits: 4 * 2,
  /** A staff page: a handful of key Queries (secretariat-figures.test.ts: three per month plus one). */
  staffPageReadUnits: 8,
  /** `npm run bench -- digest`: 2 requests per kommune for the job, 5 per digest composed, weekly. */
  digestReadUnitsPerWeek: 98 * (2 + 5) * 2,
  /** Storage: about 2 KB per volunteer and per handover kept a year (docs/retention.md). */
  storageGb: (20_000 * 2 + 8_000 * 3 + 60_000 * 0.5) / 1_000_000,
} as const;

/** Public on-demand prices in USD, Europe (Stockholm, eu-north-1), as listed by AWS in 2026. */
const prices = {
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000166667,
  httpApiPerMillion: 1.0,
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  dynamoStoragePerGbMonth: 0.25,
  dynamoPitrPerGbMonth: 0.2,
  sesPerThousandEmails: 0.1,
  logsIngestPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  kmsKeyPerMonth: 1.0,
  kmsPerTenThousandRequests: 0.03,
  /** Cognito Essentials: the first 10,000 monthly active users are free; staff are a few hundred. */
  cognitoPerMonth: 0,
  /** EventBridge Scheduler: 14 million invocations a month are free; we run about 2,000. */
  schedulerPerMonth: 0,
  /** CloudWatch: ten alarm metrics, ten custom metrics and three dashboards (of up to 50 metrics) are free. */
  alarmMetricPerMonth: 0.1,
  customMetricPerMonth: 0.3,
  freeAlarmMetrics: 10,
  freeCustomMetrics: 10,
} as const;

/** Assumptions about the functions (512 MB each; durations well above what the benchmarks show). */
const lambda = { memoryGb: 0.5, averageSeconds: 0.1, logKbPerInvocation: 1, assetRequestsPerPageView: 1 };

const apiRequests =
  volumes.pageViews * (1 + lambda.assetRequestsPerPageView) +
  volumes.signups * 2 +
  volumes.handovers * 2 +
  volumes.staffPageViews;
const invocations = apiRequests + volumes.emails + 31 * 6 * 24;
const writeUnits =
  volumes.signups * measured.signupWriteUnits +
  volumes.emails * measured.emailWriteUnits +
  volumes.handovers * measured.handoverWriteUnits;
const readUnits =
  volumes.pageViews * 0.3 * measured.publicPageReadUnits +
  volumes.emails * measured.emailReadUnits +
  volumes.staffPageViews * measured.staffPageReadUnits +
  4.3 * measured.digestReadUnitsPerWeek;
const logGb = (invocations * lambda.logKbPerInvocation) / 1_000_000;

const lines: [string, string, number][] = [
  [
    'Lambda requests',
    `${Math.round(invocations).toLocaleString('en')} invocations`,
    (invocations / 1e6) * prices.lambdaPerMillionRequests,
  ],
  [
    'Lambda compute',
    `${Math.round(invocations * lambda.averageSeconds * lambda.memoryGb).toLocaleString('en')} GB-s`,
    invocations * lambda.averageSeconds * lambda.memoryGb * prices.lambdaPerGbSecond,
  ],
  [
    'API Gateway (HTTP API)',
    `${Math.round(apiRequests).toLocaleString('en')} requests`,
    (apiRequests / 1e6) * prices.httpApiPerMillion,
  ],
  [
    'DynamoDB writes',
    `${Math.round(writeUnits).toLocaleString('en')} write units`,
    (writeUnits / 1e6) * prices.dynamoPerMillionWriteUnits,
  ],
  [
    'DynamoDB reads',
    `${Math.round(readUnits).toLocaleString('en')} read units`,
    (readUnits / 1e6) * prices.dynamoPerMillionReadUnits,
  ],
  [
    'DynamoDB storage and PITR',
    `${measured.storageGb.toFixed(2)} GB`,
    measured.storageGb * (prices.dynamoStoragePerGbMonth + prices.dynamoPitrPerGbMonth),
  ],
  [
    'SES',
    `${volumes.emails.toLocaleString('en')} emails`,
    (volumes.emails / 1000) * prices.sesPerThousandEmails,
  ],
  [
    'CloudWatch Logs',
    `${logGb.toFixed(2)} GB ingested, kept 3 months`,
    logGb * prices.logsIngestPerGb + logGb * 3 * prices.logsStoragePerGbMonth,
  ],
  [
    'KMS (the tables key)',
    '1 key, cached data keys',
    prices.kmsKeyPerMonth + (50_000 / 10_000) * prices.kmsPerTenThousandRequests,
  ],
  ['Cognito (staff)', 'under 10,000 monthly active users', prices.cognitoPerMonth],
  ['EventBridge Scheduler', 'about 2,000 runs', prices.schedulerPerMonth],
  [
    'CloudWatch alarms',
    `${alarmMetricCount} alarm metrics (10 free)`,
    Math.max(0, alarmMetricCount - prices.freeAlarmMetrics) * prices.alarmMetricPerMonth,
  ],
  [
    'CloudWatch custom metrics',
    `${businessMetrics.length} business metrics (10 free)`,
    Math.max(0, businessMetrics.length - prices.freeCustomMetrics) * prices.customMetricPerMonth,
  ],
  ['CloudWatch dashboard', '1 dashboard, searches for the functions (3 free)', 0],
];
const total = lines.reduce((sum, [, , usd]) => sum + usd, 0);
const usd = (n: number) => `$${n.toFixed(2)}`;

const doc = `# Monthly AWS cost at national scale

Written by \`npm run cost\` (scripts/cost.ts) on ${new Date().toISOString().slice(0, 10)}; change an input
there and run it again. On-demand prices, no free tier counted (except where a service is free at
this size), Europe (Stockholm).

## Volumes per month

| | |
|---|---|
| handovers | ${Math.round(volumes.handovers)} (8,000 a year) |
| new volunteer sign-ups | ${volumes.signups} (keeps ${volumes.volunteers.toLocaleString('en')} volunteers) |
| public page views | ${volumes.pageViews.toLocaleString('en')} (plus ${lambda.assetRequestsPerPageView} asset request each) |
| staff page views | ${volumes.staffPageViews.toLocaleString('en')} |
| emails | ${volumes.emails.toLocaleString('en')} |

## DynamoDB units per operation (measured)

| operation | units | source |
|---|---|---|
| sign-up | ${measured.signupWriteUnits} write | \`npm run bench -- signup\`: two requests (rate-limit count, conditional PutItem with its index) |
| one email | ${measured.emailReadUnits} read + ${measured.emailWriteUnits} write | the outbox sender's five requests per email (docs/performance.md) |
| public figures page | ${measured.publicPageReadUnits} read (one Query of 98 counter items; 30 % of page views) | public-figures.test.ts counts one request |
| handover | ${measured.handoverWriteUnits} write (one transaction of four items) | the handover transaction |
| staff page | ${measured.staffPageReadUnits} read | secretariat-figures.test.ts: three Queries per month plus one |
| weekly digests | ${measured.digestReadUnitsPerWeek} read per week | \`npm run bench -- digest\`: 2 requests per kommune, 5 per digest |

## The bill

| item | volume | USD per month |
|---|---|---|
${lines.map(([item, volume, cost]) => `| ${item} | ${volume} | ${usd(cost)} |`).join('\n')}
| **total** | | **${usd(total)}** |

## Assumptions

- Every function has 512 MB and runs ${lambda.averageSeconds * 1000} ms on average (the benchmarks show
  far less for most requests; the matching plan and the digests take longer but are rare).
- About ${lambda.logKbPerInvocation} KB of logs per invocation, kept three months (the stacks' retention).
- No CloudFront: pages and assets come through the HTTP API (assets with long cache headers, so a
  returning visitor fetches none). A CloudFront distribution would add about $1–2 at this traffic.
- Cognito Essentials, staff accounts only: free under 10,000 monthly active users.
- The prices are AWS's public on-demand list prices as of 2026 for eu-north-1; check
  https://aws.amazon.com/pricing/ before budgeting. Data transfer out (about 10 GB) is under
  the 100 GB a month AWS does not charge for.
- Operations (docs/operations.md): ${alarmMetricCount} alarm metrics and ${businessMetrics.length} custom metrics (each
  first ten free), one dashboard (three are free). Without WAF: the stage's \`waf: true\` adds a web
  ACL with one rate-based rule, about $6 a month (ACL $5, rule $1) plus $0.60 per million requests.
- Not included: the domain, support plans, and people's time.

Emails (SES) are most of the bill, then the KMS key; everything else is cents because each
operation costs a small, fixed number of DynamoDB requests and a short Lambda run. The bill grows
about linearly with emails and page views: ten times the traffic would cost under $100 a month.
`;

writeFileSync(path.join(projectRoot, 'docs', 'cost.md'), doc);
console.log(`docs/cost.md written: about ${usd(total)} a month`);
for (const [item, , cost] of lines) console.log(`  ${item.padEnd(28)} ${usd(cost).padStart(8)}`);
