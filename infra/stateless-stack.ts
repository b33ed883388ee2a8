import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type CfnElement,
  CfnOutput,
  CustomResource,
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
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { edgeSecretHeader } from '../functions/http/edge.ts';
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
import { accessLogFields } from '../shared/operations.ts';
import { fallbackFunction, type RouteDefinition, routes } from '../shared/routes.ts';
import { type ScheduleDefinition, schedules } from '../shared/schedules.ts';
import { type TableKey, tableEnvName, tables } from '../shared/tables.ts';
import { projectRoot } from './build-assets.ts';
import type { EdgeStack } from './edge-stack.ts';
import { hostedZoneOf } from './hosted-zone.ts';
import { type DeadLetterQueues, deadLetterQueues, operations } from './operations.ts';
import type { StageConfig } from './stages.ts';
import type { StatefulStack } from './stateful-stack.ts';
import { VennerFunction } from './venner-function.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig & { readonly stage: string };
  readonly stateful: StatefulStack;
  readonly edge: EdgeStack;
  /** The content hash of the built assets, in their URLs. */
  readonly assetVersion: string;
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

/** How long CloudFront keeps the public pages that say they may be cached (figures, the volunteers-missing page). */
export const publicPageEdgeSeconds = { default: 60, max: 300 };

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
  /** What fails after its retries, by where it came from (docs/operations.md says how to work each). */
  readonly deadLetters: DeadLetterQueues;
  readonly distribution: cloudfront.Distribution;
  readonly operationsTopic: sns.Topic;
  readonly edgeSecret: secretsmanager.Secret;
  private readonly stateful: StatefulStack;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stateful, config } = props;
    const { stage } = config;
    this.stateful = stateful;

    // CloudFront sends this with every request to the API; the functions refuse requests without it.
    const edgeSecret = new secretsmanager.Secret(this, 'EdgeSecret', {
      description:
        'venner: the header value CloudFront sends the API (requests straight to the API are refused)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    this.edgeSecret = edgeSecret;
    Validations.of(edgeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not a credential to data: it only makes requests go through CloudFront (and its web ACL). Rotating it would need CloudFront and every function updated at once; a redeploy after `aws secretsmanager put-secret-value` rotates it (docs/deploy.md).',
    });

    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${stateful.userPool.userPoolId}`;
    const values: Record<string, string> = {
      STAGE: stage,
      PUBLIC_BASE_URL: `https://${config.domain}`,
      SES_FROM_ADDRESS: config.senderAddress,
      SES_CONFIGURATION_SET: stateful.configurationSet.configurationSetName,
      USER_POOL_ID: stateful.userPool.userPoolId,
      USER_POOL_CLIENT_ID: stateful.userPoolClient.userPoolClientId,
      COGNITO_ISSUER: issuer,
      SIGNUP_RATE_LIMIT: String(config.signupRateLimit),
      STAFF_INVITATIONS: 'email',
      EDGE_SECRET: edgeSecret.secretValue.unsafeUnwrap(),
      ASSET_VERSION: props.assetVersion,
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

    // What fails after its retries, one queue per kind of source: a schedule EventBridge could not
    // invoke; an asynchronous run (a job, an SES event, an alarm email) that failed after its
    // retries; a stream record the outbox sender gave up on.
    this.deadLetters = deadLetterQueues(this, stage);
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
          deadLetterQueue: scheduled.has(fnId) ? this.deadLetters.async : undefined,
          defaultMemoryMb: config.functionMemoryMb,
          logRetentionDays: config.logRetentionDays,
        });
        for (const [table, access] of Object.entries(definition.tables) as [TableKey, TableAccess][]) {
          this.grantTable(fn, table, access);
        }
        for (const trigger of definition.streams ?? []) this.streamSource(fn, trigger);
        if (definition.sesEvents)
          sesEvents.addSubscription(new LambdaSubscription(fn, { deadLetterQueue: this.deadLetters.async }));
        if (definition.managesStaff) {
          fn.addToRolePolicy(
            new iam.PolicyStatement({
              actions: [
                'cognito-idp:ListUsers',
                'cognito-idp:AdminGetUser',
                'cognito-idp:AdminCreateUser',
                'cognito-idp:AdminDisableUser',
                'cognito-idp:AdminEnableUser',
                'cognito-idp:AdminListGroupsForUser',
                'cognito-idp:AdminAddUserToGroup',
                'cognito-idp:AdminRemoveUserFromGroup',
                'cognito-idp:AdminSetUserMFAPreference',
                'cognito-idp:AdminUpdateUserAttributes',
                'cognito-idp:AdminDeleteUser',
                'cognito-idp:AdminUserGlobalSignOut',
                'cognito-idp:GetGroup',
                'cognito-idp:CreateGroup',
              ],
              resources: [stateful.userPool.userPoolArn],
            }),
          );
        }
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

    this.api = this.httpApi(config);
    this.schedules(stage);
    this.distribution = this.site(config, props.edge, edgeSecret);
    this.referenceData();
    this.operationsTopic = this.operations(config);
    this.outputs(config);
  }

  /**
   * CloudFront in front of the HTTP API at https://<domain>: assets cached for a year (their URLs
   * carry the build's version) and compressed, public pages that allow it cached briefly, and
   * everything else passed through uncached with its cookies, query string and headers (all but
   * Host, which must name the API). The viewer's address goes along in CloudFront-Viewer-Address.
   */
  private site(config: StatelessStackProps['config'], edge: EdgeStack, secret: secretsmanager.Secret) {
    const origin = new origins.HttpOrigin(`${this.api.apiId}.execute-api.${this.region}.amazonaws.com`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [edgeSecretHeader]: secret.secretValue.unsafeUnwrap() },
    });
    const passThrough = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
    } satisfies cloudfront.BehaviorOptions;
    const assets = new cloudfront.CachePolicy(this, 'AssetsCachePolicy', {
      cachePolicyName: `venner-${config.stage}-assets`,
      comment: 'Versioned assets: a year, compressed, no cookies or query strings in the key',
      defaultTtl: Duration.days(365),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
    });
    const publicPages = new cloudfront.CachePolicy(this, 'PublicPagesCachePolicy', {
      cachePolicyName: `venner-${config.stage}-public-pages`,
      comment:
        'Public pages that say they may be cached: briefly, by query string (filters, language), never by cookie',
      defaultTtl: Duration.seconds(publicPageEdgeSeconds.default),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(publicPageEdgeSeconds.max),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Accept'),
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
    });
    const cached = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
    });
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    for (const route of routes as readonly RouteDefinition[]) {
      if (!route.edgeCache || route.method !== 'GET') continue;
      const pattern = route.path.replace(/\{[^}]+\+\}$/, '*');
      additionalBehaviors[pattern] = cached(route.edgeCache === 'assets' ? assets : publicPages);
    }
    const distribution = new cloudfront.Distribution(this, 'Site', {
      comment: `venner ${config.stage}: https://${config.domain}`,
      domainNames: [config.domain],
      certificate: edge.certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: passThrough,
      additionalBehaviors,
      webAclId: edge.webAclArn,
    });
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Refugees and volunteers reach the site from anywhere, including abroad before they arrive.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Access logs would keep every viewer address and path in a bucket; the API access log and the function logs (no personal data) are enough to follow a request.',
      },
      ...(config.waf
        ? []
        : [
            {
              id: 'AwsSolutions-CFR2',
              reason:
                'The stage runs without the web ACL (waf: false in infra/stages.ts); the functions limit each viewer address per route.',
            },
          ]),
    );
    const zone = hostedZoneOf(this, config);
    if (zone) {
      const target = route53.RecordTarget.fromAlias(new route53Targets.CloudFrontTarget(distribution));
      new route53.ARecord(this, 'SiteARecord', { zone, recordName: config.domain, target });
      new route53.AaaaRecord(this, 'SiteAaaaRecord', { zone, recordName: config.domain, target });
    }
    return distribution;
  }

  /** The 98 kommuner loaded on deploy by the reference-data function, again whenever the list or its loader changes. */
  private referenceData(): void {
    const fingerprint = createHash('sha256');
    for (const file of [
      'shared/kommuner.json',
      'functions/domain/kommune.ts',
      functions['reference-data'].entry,
    ]) {
      fingerprint.update(readFileSync(path.join(projectRoot, file)));
    }
    new CustomResource(this, 'KommunerReferenceData', {
      serviceToken: this.functions['reference-data'].functionArn,
      resourceType: 'Custom::KommunerReferenceData',
      properties: { fingerprint: fingerprint.digest('hex').slice(0, 16) },
    });
  }

  /** Where what fails goes: alarms to a topic the alarm mailbox subscribes to, and a dashboard (infra/operations.ts). */
  private operations(config: StatelessStackProps['config']): sns.Topic {
    return operations(this, {
      config,
      functions: this.functions,
      api: this.api,
      deadLetters: this.deadLetters,
    });
  }

  private outputs(config: StatelessStackProps['config']): void {
    new CfnOutput(this, 'SiteUrl', { value: `https://${config.domain}` });
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.apiEndpoint,
      description: 'The HTTP API itself: it refuses requests that do not come through CloudFront',
    });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    if (!config.hostedZone) {
      new CfnOutput(this, 'SiteDnsRecord', {
        value: `${config.domain} CNAME ${this.distribution.distributionDomainName}`,
        description: 'Publish this record (an ALIAS/ANAME at the zone apex) so the domain reaches CloudFront',
      });
    }
    new CfnOutput(this, 'OperationsTopicArn', { value: this.operationsTopic.topicArn });
    new CfnOutput(this, 'EdgeSecretArn', {
      value: this.edgeSecret.secretArn,
      description: 'The header value CloudFront sends the API; rotate it as docs/deploy.md says',
    });
  }

  private httpApi(config: StatelessStackProps['config']): apigw.HttpApi {
    const { stage } = config;
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
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new apigw.HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.apiThrottle,
      // No query strings or bodies in access logs: they may carry personal data.
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
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
        // From the oldest record kept: records written while a mapping is replaced are not skipped
        // (the consumers are idempotent, so a record seen twice is sent once).
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: streamBatchSize,
        retryAttempts: streamRetryAttempts,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(this.deadLetters.streams),
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
          deadLetterQueue: this.deadLetters.schedules,
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
