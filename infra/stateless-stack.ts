import {
  type CfnElement,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { envNames } from '../shared/env.ts';
import {
  type FunctionDefinition,
  type FunctionId,
  functionIds,
  functions,
  type StreamTrigger,
  streamBatchSize,
  type TableAccess,
} from '../shared/functions.ts';
import { fallbackFunction, type RouteDefinition, routes } from '../shared/routes.ts';
import { type ScheduleDefinition, schedules } from '../shared/schedules.ts';
import { type TableKey, tableEnvName, tables } from '../shared/tables.ts';
import type { StatefulStack } from './stateful-stack.ts';
import { VennerFunction } from './venner-function.ts';

export interface StatelessStackProps extends StackProps {
  readonly stage: string;
  readonly domain: string;
  readonly senderAddress: string;
  readonly stateful: StatefulStack;
}

/** Reads by key only: GetItem, BatchGetItem and Query. Scan is granted to no function. */
export const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** `staff-sign-in` → `StaffSignIn`, for construct ids. */
const pascal = (id: string) => id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** Stage-wide limits; a single client is further limited per route by the functions themselves. */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 };

/** Lambda's retries of a failing stream record before it goes to the dead-letter queue. */
export const streamRetryAttempts = 2;

/** EventBridge Scheduler's retries before an event goes to the dead-letter queue. */
export const scheduleRetryAttempts = 3;

/**
 * Everything that can be replaced on any deployment: one Lambda per entry of the function
 * catalogue, the HTTP API built from the route table and the schedules from the schedule table.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionId, VennerFunction>;
  readonly api: apigw.HttpApi;
  readonly deadLetters: sqs.Queue;
  private readonly stateful: StatefulStack;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stateful, stage } = props;
    this.stateful = stateful;

    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${stateful.userPool.userPoolId}`;
    const values: Record<string, string> = {
      STAGE: stage,
      PUBLIC_BASE_URL: `https://${props.domain}`,
      SES_FROM_ADDRESS: props.senderAddress,
      SES_CONFIGURATION_SET: stateful.configurationSet.configurationSetName,
      USER_POOL_ID: stateful.userPool.userPoolId,
      USER_POOL_CLIENT_ID: stateful.userPoolClient.userPoolClientId,
      COGNITO_ISSUER: issuer,
      SIGNUP_RATE_LIMIT: String(this.node.tryGetContext('signupRateLimit') ?? 20),
      ...Object.fromEntries(
        (Object.keys(stateful.tables) as TableKey[]).map((key) => [
          tableEnvName(key),
          stateful.tables[key].tableName,
        ]),
      ),
    };
    // Exactly the variables the env contract names for each function: no more, no less.
    const environmentOf = (fn: FunctionId) =>
      Object.fromEntries(
        envNames(fn).map((name) => {
          const value = values[name];
          if (value === undefined) throw new Error(`No value for ${name}, which function ${fn} reads`);
          return [name, value];
        }),
      );

    // Scheduled functions are invoked asynchronously, stream functions by event source mappings:
    // what fails after their retries is kept here.
    this.deadLetters = new sqs.Queue(this, 'ScheduleDeadLetterQueue', {
      queueName: `venner-${stage}-schedule-dlq`,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    Validations.of(this.deadLetters).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the schedules and the outbox stream.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This queue is itself the dead-letter queue of the schedules and the outbox stream.',
      },
    );
    // SES publishes bounces and complaints of the configuration set here; the ses-events function suppresses the addresses.
    const sesEvents = new sns.Topic(this, 'SesEventsTopic', { enforceSSL: true });
    Validations.of(sesEvents).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'SES event publishing cannot write to a topic encrypted with the AWS-managed SNS key; the events carry only addresses that bounced or complained, which the function stores hashed.',
    });
    new ses.ConfigurationSetEventDestination(this, 'SesBouncesAndComplaints', {
      configurationSet: stateful.configurationSet,
      destination: ses.EventDestination.snsTopic(sesEvents),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    const scheduled = new Set<FunctionId>(
      (schedules as readonly ScheduleDefinition[]).map((s) => s.function),
    );

    this.functions = Object.fromEntries(
      functionIds.map((fnId) => {
        const definition: FunctionDefinition = functions[fnId];
        const fn = new VennerFunction(this, pascal(fnId), {
          id: fnId,
          definition,
          stage,
          environment: environmentOf(fnId),
          deadLetterQueue: scheduled.has(fnId) ? this.deadLetters : undefined,
        });
        for (const [table, access] of Object.entries(definition.tables) as [TableKey, TableAccess][]) {
          this.grantTable(fn, table, access);
        }
        for (const trigger of definition.streams ?? []) this.streamSource(fn, trigger);
        if (definition.sesEvents)
          sesEvents.addSubscription(new LambdaSubscription(fn, { deadLetterQueue: this.deadLetters }));
        if (definition.sendsEmail) {
          fn.addToRolePolicy(
            new iam.PolicyStatement({
              actions: ['ses:SendEmail'],
              resources: [
                stateful.emailIdentity.emailIdentityArn,
                `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${stateful.configurationSet.configurationSetName}`,
              ],
            }),
          );
        }
        return [fnId, fn];
      }),
    ) as Record<FunctionId, VennerFunction>;

    this.api = this.httpApi(stage);
    this.schedules(stage);
  }

  private httpApi(stage: string): apigw.HttpApi {
    const integrations = new Map<FunctionId, HttpLambdaIntegration>();
    const integrationFor = (fnId: FunctionId) => {
      let integration = integrations.get(fnId);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascal(fnId)}Integration`, this.functions[fnId]);
        integrations.set(fnId, integration);
      }
      return integration;
    };

    const api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `venner-${stage}`,
      description: 'venner: public pages, volunteer sign-up, staff API',
      createDefaultStage: false,
      // API Gateway's `$default` route: what no route matches goes to the not-found function.
      defaultIntegration: integrationFor(fallbackFunction),
    });
    const accessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new apigw.HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      // No query strings or bodies in access logs: they may carry personal data.
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    for (const route of routes as readonly RouteDefinition[]) {
      const isPublic = route.access === 'public';
      const created = api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integrationFor(route.function),
      });
      for (const r of created) {
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: isPublic
            ? `Public by design in the route table: ${route.description}.`
            : `Staff route: the function verifies the Cognito token (Bearer or session cookie) with aws-jwt-verify and checks the roles ${route.access.join(', ')} in its shared middleware; an API Gateway authorizer could not send people with an expired session to the sign-in page.`,
        });
      }
    }
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The $default route only answers 404/405 pages and touches no data.',
    });
    return api;
  }

  /**
   * Grants exactly the catalogue's access: named actions on the table and on each of its indexes
   * (never Scan: hot paths read by key), and the KMS actions DynamoDB needs on our key. No wildcards.
   */
  private grantTable(fn: VennerFunction, key: TableKey, access: TableAccess): void {
    const table = this.stateful.tables[key];
    if (access === 'update-in-transaction') {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:UpdateItem'],
          resources: [table.tableArn],
          // Only as part of a transaction: a plain UpdateItem could ask for the item back (ReturnValues).
          conditions: {
            'ForAnyValue:StringEquals': { 'dynamodb:EnclosingOperation': ['TransactWriteItems'] },
          },
        }),
      );
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey'],
          resources: [this.stateful.dataKey.keyArn],
        }),
      );
      return;
    }
    const reads = access !== 'write';
    const writes = access !== 'read';
    const indexArns = tables[key].indexes.map((index) => `${table.tableArn}/index/${index.name}`);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          ...(reads ? tableReadActions : []),
          ...(writes ? tableWriteActions : []),
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
        ],
        resources: [table.tableArn],
      }),
    );
    if (reads && indexArns.length > 0) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns }));
    }
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: writes
          ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey']
          : ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [this.stateful.dataKey.keyArn],
      }),
    );
  }

  /**
   * The trigger's records invoke `fn` in batches; the event source mapping filters them, so other
   * writes cost no invocation. A record that still fails after the retries is reported to the
   * dead-letter queue.
   */
  private streamSource(fn: VennerFunction, trigger: StreamTrigger): void {
    fn.addEventSource(
      new DynamoEventSource(this.stateful.tables[trigger.table], {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: streamBatchSize,
        retryAttempts: streamRetryAttempts,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(this.deadLetters),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or(...trigger.events),
            dynamodb: {
              Keys: { pk: { S: lambda.FilterRule.beginsWith(trigger.keyPrefix) } },
              NewImage: Object.fromEntries(
                Object.entries(trigger.newImage).map(([name, value]) => [
                  name,
                  { S: lambda.FilterRule.isEqual(value) },
                ]),
              ),
            },
          }),
        ],
      }),
    );
  }

  private schedules(stage: string): void {
    for (const schedule of schedules as readonly ScheduleDefinition[]) {
      new scheduler.Schedule(this, `${pascal(schedule.job)}Schedule`, {
        scheduleName: `venner-${stage}-${schedule.job}`,
        description: schedule.description,
        schedule: scheduler.ScheduleExpression.expression(
          `cron(${schedule.cron})`,
          TimeZone.of(schedule.timeZone),
        ),
        target: new LambdaInvoke(this.functions[schedule.function], {
          // The scheduled time, not the delivery time: a retried run works as of the same moment.
          input: scheduler.ScheduleTargetInput.fromObject({
            job: schedule.job,
            now: scheduler.ContextAttribute.scheduledTime,
          }),
          retryAttempts: scheduleRetryAttempts,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetters,
        }),
      });
      const fnId = this.getLogicalId(this.functions[schedule.function].node.defaultChild as CfnElement);
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
        reason: `The scheduler may invoke any version of ${schedule.function}, the function its schedule targets.`,
      });
    }
  }
}
