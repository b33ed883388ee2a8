import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FunctionId } from '../shared/functions.ts';
import { type BusinessMetric, metricsNamespace } from '../shared/operations.ts';
import { schedules } from '../shared/schedules.ts';
import type { StageConfig } from './stages.ts';
import type { VennerFunction } from './venner-function.ts';

/**
 * Operations for a few staff at two organisations, not an operations centre: what fails reaches
 * them by email with what it means and what to do (a section of docs/operations.md), and an OK
 * when it recovers; otherwise quiet. One dashboard with the same figures.
 */

export interface DeadLetterQueues {
  /** Schedules EventBridge Scheduler could not invoke. */
  readonly schedules: sqs.Queue;
  /** Asynchronous runs that failed after their retries: jobs, SES events, the alarm e-mail subscription. */
  readonly async: sqs.Queue;
  /** Stream records the outbox sender gave up on. */
  readonly streams: sqs.Queue;
}

const deadLetterKinds = {
  schedules: ['ScheduleDeadLetterQueue', 'a schedule EventBridge could not invoke'],
  async: ['AsyncDeadLetterQueue', 'a job run, an SES event or an alarm email that failed after its retries'],
  streams: ['StreamDeadLetterQueue', 'a table stream record the outbox sender gave up on'],
} as const;

export const deadLetterQueues = (scope: Construct, stage: string): DeadLetterQueues => {
  const queue = (kind: keyof typeof deadLetterKinds) => {
    const [id, what] = deadLetterKinds[kind];
    const q = new sqs.Queue(scope, id, {
      queueName: `venner-${stage}-dlq-${kind}`,
      // SQS keeps messages at most 14 days: the alarm fires within minutes, docs/operations.md says how to work them.
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    const reason = `This queue is itself a dead-letter queue: ${what}.`;
    Validations.of(q).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );
    return q;
  };
  return { schedules: queue('schedules'), async: queue('async'), streams: queue('streams') };
};

/**
 * How many metrics the alarms watch (a metric-math alarm pays for each of its metrics), for
 * `npm run cost`; the CDK test checks it against the template.
 */
export const alarmMetricCount = 14;

/** One alarm: what it watches, when it fires, and what it means in Danish and English. */
interface AlarmSpec {
  readonly id: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparison: cloudwatch.ComparisonOperator;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly missing?: cloudwatch.TreatMissingData;
  readonly da: string;
  readonly en: string;
  /** The section of docs/operations.md (its anchor) that says what to do. */
  readonly runbook: string;
}

const venner = (name: BusinessMetric, statistic: string, period: Duration) =>
  new cloudwatch.Metric({
    namespace: metricsNamespace,
    metricName: name,
    dimensionsMap: { service: 'venner' },
    statistic,
    period,
  });

const lambdaMetric = (metricName: string, fn?: VennerFunction, period = Duration.minutes(5)) =>
  new cloudwatch.Metric({
    namespace: 'AWS/Lambda',
    metricName,
    ...(fn ? { dimensionsMap: { FunctionName: fn.functionName } } : {}),
    statistic: 'Sum',
    period,
  });

const above = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
const atLeast = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

export const alarmSpecs = (props: {
  config: StageConfig & { readonly stage: string };
  functions: Record<FunctionId, VennerFunction>;
  api: apigw.HttpApi;
  deadLetters: DeadLetterQueues;
}): AlarmSpec[] => {
  const { config, functions, api, deadLetters } = props;
  const limits = config.alarms;
  const fiveMinutes = Duration.minutes(5);
  const heartbeat = functions[schedules.find((s) => s.job === 'heartbeat')?.function ?? 'job-heartbeat'];
  return [
    ...(Object.keys(deadLetterKinds) as (keyof DeadLetterQueues)[]).map(
      (kind): AlarmSpec => ({
        id: `DeadLetters${kind[0]?.toUpperCase()}${kind.slice(1)}`,
        metric: deadLetters[kind].metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparison: above,
        da: `Noget fejlede efter alle forsøg og ligger i køen venner-${config.stage}-dlq-${kind} (${deadLetterKinds[kind][1]}). Læs beskeden, ret årsagen, og send den igen eller slet den.`,
        en: `Something failed after all its retries and is in the queue venner-${config.stage}-dlq-${kind} (${deadLetterKinds[kind][1]}). Read the message, fix the cause, then redrive or purge it.`,
        runbook: 'dead-letter-queues',
      }),
    ),
    {
      id: 'FunctionErrors',
      metric: lambdaMetric('Errors'),
      threshold: limits.functionErrors,
      comparison: atLeast,
      da: `En eller flere funktioner fejlede mindst ${limits.functionErrors} gange på 5 minutter. Se dashboardet for hvilken, og følg fejlens correlation_id i loggen.`,
      en: `One or more functions failed at least ${limits.functionErrors} times in 5 minutes. The dashboard shows which; follow the error's correlation_id in the log.`,
      runbook: 'function-errors',
    },
    {
      id: 'FunctionThrottles',
      metric: lambdaMetric('Throttles'),
      threshold: 1,
      comparison: atLeast,
      da: 'Lambda afviste kald, fordi kontoens samtidighed er brugt op. Se hvilken funktion på dashboardet; bed AWS om en højere grænse, hvis det fortsætter.',
      en: "Lambda refused invocations because the account's concurrency is used up. The dashboard shows which function; ask AWS for a higher limit if it goes on.",
      runbook: 'function-errors',
    },
    {
      id: 'Api5xxRate',
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
          requests: api.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
        },
        label: 'Svar med 5xx (%)',
        period: fiveMinutes,
      }),
      threshold: limits.api5xxPercent,
      comparison: above,
      evaluationPeriods: 2,
      da: `Mere end ${limits.api5xxPercent} % af forespørgslerne fik en serverfejl i 10 minutter: folk kan ikke melde sig eller registrere. Find requestId i adgangsloggen og samme correlation_id i funktionens log.`,
      en: `More than ${limits.api5xxPercent} % of requests got a server error for 10 minutes: people cannot sign up or record. Find the requestId in the access log and the same correlation_id in the function log.`,
      runbook: 'api-errors',
    },
    {
      id: 'RateLimitSurge',
      metric: venner('RateLimitRefusals', 'Sum', fiveMinutes),
      threshold: limits.rateLimitRefusals,
      comparison: above,
      missing: cloudwatch.TreatMissingData.NOT_BREACHING,
      da: `Flere end ${limits.rateLimitRefusals} forespørgsler blev afvist som for mange på 5 minutter: et angreb eller en kampagne. Tjek kilden; hæv grænsen i trinets konfiguration, hvis det er rigtige mennesker.`,
      en: `More than ${limits.rateLimitRefusals} requests were refused as too many in 5 minutes: an attack or a campaign. Check the source; raise the stage's limit if they are real people.`,
      runbook: 'rate-limits',
    },
    {
      id: 'SesBounceRate',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: limits.sesBouncePercent / 100,
      comparison: above,
      da: `Over ${limits.sesBouncePercent} % af e-mails vender tilbage (SES gennemgår kontoen ved 5 %). Find adresserne i listen over undertrykte adresser, og ret formularen eller importen, de kom fra.`,
      en: `Over ${limits.sesBouncePercent} % of emails bounce (SES reviews the account at 5 %). Find the addresses in the suppression list and fix the form or import they came from.`,
      runbook: 'email-reputation',
    },
    {
      id: 'SesComplaintRate',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.ComplaintRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: limits.sesComplaintPercent / 100,
      comparison: above,
      da: `Over ${limits.sesComplaintPercent} % af modtagerne markerer e-mails som spam (SES gennemgår kontoen ved 0,1 %). Se hvilken skabelon, og om folk fik den uden at bede om den.`,
      en: `Over ${limits.sesComplaintPercent} % of recipients mark emails as spam (SES reviews the account at 0.1 %). See which template, and whether people got it without asking for it.`,
      runbook: 'email-reputation',
    },
    {
      id: 'HeartbeatLate',
      // A successful heartbeat run in an hour; the alarm fires when none of the last hours had one.
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(runs, 0) - FILL(failures, 0)',
        usingMetrics: {
          runs: lambdaMetric('Invocations', heartbeat, Duration.hours(1)),
          failures: lambdaMetric('Errors', heartbeat, Duration.hours(1)),
        },
        label: 'Heartbeat-kørsler',
        period: Duration.hours(1),
      }),
      threshold: 1,
      comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: limits.heartbeatHours,
      datapointsToAlarm: limits.heartbeatHours,
      missing: cloudwatch.TreatMissingData.BREACHING,
      da: `Planlæggeren har ikke kørt heartbeat i ${limits.heartbeatHours} timer: ingen af de faste job (påmindelser, opfølgning, sletning, ugebreve) kører måske. Tjek EventBridge Scheduler og jobbenes funktioner.`,
      en: `The scheduler has not run the heartbeat for ${limits.heartbeatHours} hours: none of the jobs (reminders, follow-ups, erasure, digests) may be running. Check EventBridge Scheduler and the jobs' functions.`,
      runbook: 'jobs',
    },
    {
      id: 'OldestPendingEmail',
      metric: venner('OldestPendingEmailSeconds', 'Maximum', Duration.minutes(10)),
      threshold: limits.oldestPendingEmailMinutes * 60,
      comparison: above,
      missing: cloudwatch.TreatMissingData.NOT_BREACHING,
      da: `En e-mail har ventet mere end ${limits.oldestPendingEmailMinutes} minutter på at blive sendt: SES afviser, eller afsenderen fejler. Se udbakkens årsag på posten og afsenderens log.`,
      en: `An email has waited more than ${limits.oldestPendingEmailMinutes} minutes to be sent: SES refuses, or the sender fails. See the outbox entry's reason and the sender's log.`,
      runbook: 'emails',
    },
    {
      id: 'DependencyErrors',
      metric: venner('DependencyErrors', 'Sum', fiveMinutes),
      threshold: limits.dependencyErrors,
      comparison: atLeast,
      missing: cloudwatch.TreatMissingData.NOT_BREACHING,
      da: `DynamoDB, SES eller Cognito svarede ikke eller begrænsede os ${limits.dependencyErrors} gange på 5 minutter (folk fik „prøv igen om lidt“). Se AWS Health og tabellernes målinger på dashboardet.`,
      en: `DynamoDB, SES or Cognito did not answer or throttled us ${limits.dependencyErrors} times in 5 minutes (people got "try again shortly"). See AWS Health and the tables' metrics on the dashboard.`,
      runbook: 'dependencies',
    },
  ];
};

export const operations = (
  stack: Stack,
  props: {
    config: StageConfig & { readonly stage: string };
    functions: Record<FunctionId, VennerFunction>;
    api: apigw.HttpApi;
    deadLetters: DeadLetterQueues;
  },
): sns.Topic => {
  const { config } = props;
  const topic = new sns.Topic(stack, 'OperationsTopic', {
    topicName: `venner-${config.stage}-operations`,
    displayName: 'Venner drift',
    enforceSSL: true,
  });
  topic.addSubscription(
    new EmailSubscription(config.alarmEmail, { deadLetterQueue: props.deadLetters.async }),
  );
  Validations.of(topic).acknowledge({
    id: 'AwsSolutions-SNS2',
    reason: 'CloudWatch alarm notifications carry no personal data (alarm names and figures).',
  });
  const action = new cwActions.SnsAction(topic);
  const alarms = alarmSpecs(props).map((spec) => {
    const alarm = new cloudwatch.Alarm(stack, `${spec.id}Alarm`, {
      alarmName: `venner-${config.stage}-${spec.id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`,
      alarmDescription: `${spec.da}\n\n${spec.en}\n\nRunbook: docs/operations.md#${spec.runbook}`,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: spec.missing ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  });
  dashboard(stack, props, alarms);
  return topic;
};

const dashboard = (
  stack: Stack,
  props: {
    config: StageConfig & { readonly stage: string };
    api: apigw.HttpApi;
    deadLetters: DeadLetterQueues;
  },
  alarms: cloudwatch.Alarm[],
) => {
  const day = Duration.days(1);
  const hour = Duration.hours(1);
  const counts = (names: BusinessMetric[], period = day) =>
    names.map((name) => venner(name, 'Sum', period).with({ label: name }));
  // Every function of the account (a stage has an account of its own): a search, so a new
  // function appears without an edit, and the dashboard stays within the free tier's 50 metrics.
  const perFunction = (metricName: string, statistic: string) =>
    new cloudwatch.MathExpression({
      expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metricName}"', '${statistic}', 300)`,
      label: metricName,
      period: Duration.minutes(5),
    });
  new cloudwatch.Dashboard(stack, 'OperationsDashboard', {
    dashboardName: `venner-${props.config.stage}`,
    defaultInterval: Duration.days(7),
    widgets: [
      [new cloudwatch.AlarmStatusWidget({ title: 'Alarmer', alarms, width: 24, height: 4 })],
      [
        new cloudwatch.GraphWidget({
          title: 'Frivillige og flygtninge (pr. dag)',
          left: counts(['SignUps', 'Confirmations', 'HandoversConsented', 'HandoversDeclined']),
          width: 12,
        }),
        new cloudwatch.GraphWidget({
          title: 'Forslag og match (pr. dag)',
          left: counts([
            'Proposals',
            'ProposalsAccepted',
            'ProposalsDeclined',
            'ProposalsNotNow',
            'ProposalsLapsed',
            'MatchesEnded',
          ]),
          width: 12,
        }),
      ],
      [
        new cloudwatch.GraphWidget({
          title: 'E-mails (pr. time)',
          left: counts(['EmailsSent', 'EmailsFailed', 'EmailsPending'], hour),
          right: [venner('OldestPendingEmailSeconds', 'Maximum', Duration.minutes(10))],
          width: 12,
        }),
        new cloudwatch.GraphWidget({
          title: 'API: forespørgsler, 4xx, 5xx og afviste',
          left: [
            props.api.metricCount({ period: hour, statistic: 'Sum' }),
            props.api.metricClientError({ period: hour, statistic: 'Sum' }),
            props.api.metricServerError({ period: hour, statistic: 'Sum' }),
            venner('RateLimitRefusals', 'Sum', hour),
            venner('DependencyErrors', 'Sum', hour),
          ],
          right: [props.api.metricLatency({ period: hour, statistic: 'p95' })],
          width: 12,
        }),
      ],
      [
        new cloudwatch.GraphWidget({
          title: 'Fejl pr. funktion (og job)',
          left: [perFunction('Errors', 'Sum')],
          width: 8,
        }),
        new cloudwatch.GraphWidget({
          title: 'Kørsler pr. funktion (og job)',
          left: [perFunction('Invocations', 'Sum')],
          width: 8,
        }),
        new cloudwatch.GraphWidget({
          title: 'Varighed pr. funktion (p95, ms)',
          left: [perFunction('Duration', 'p95')],
          width: 8,
        }),
      ],
      [
        new cloudwatch.GraphWidget({
          title: 'Fejlkøer (beskeder)',
          left: (Object.keys(deadLetterKinds) as (keyof DeadLetterQueues)[]).map((kind) =>
            props.deadLetters[kind].metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
          ),
          width: 24,
        }),
      ],
    ],
  });
};
