import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVennerApp } from '../../infra/app.ts';
import { alarmMetricCount } from '../../infra/operations.ts';
import { stageConfig } from '../../infra/stages.ts';
import { scheduleRetryAttempts, streamRetryAttempts } from '../../infra/stateless-stack.ts';
import { envNames } from '../../shared/env.ts';
import {
  type FunctionDefinition,
  type FunctionId,
  functionIds,
  functions,
  streamBatchSize,
} from '../../shared/functions.ts';
import { isPublic, type RouteDefinition, routes } from '../../shared/routes.ts';
import { type ScheduleDefinition, schedules } from '../../shared/schedules.ts';
import { backupRetentionDays, type IndexDefinition, tableKeys, tables } from '../../shared/tables.ts';
import { bundleDirOf, plausibleEnvironment } from '../support/function-bundles.ts';

type Resources = Record<
  string,
  { Type: string; Properties: Record<string, unknown>; [key: string]: unknown }
>;

let stateful: Template;
let stateless: Template;
let outdir: string;
let app: ReturnType<typeof createVennerApp>;

beforeAll(() => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'venner-cdk-'));
  app = createVennerApp({
    outdir,
    context: { stage: 'example' },
  });
  // Synthesis runs cdk-nag; an unacknowledged finding makes it throw.
  app.app.synth();
  stateful = Template.fromStack(app.stateful);
  stateless = Template.fromStack(app.stateless);
}, 120_000);

const resourcesOf = (template: Template, type: string): Resources =>
  template.findResources(type) as Resources;

/** The Lambda function for a catalogue entry: its logical id and resource. */
const lambdaOf = (fnId: FunctionId) => {
  const found = Object.entries(resourcesOf(stateless, 'AWS::Lambda::Function')).find(
    ([, r]) => r.Properties.FunctionName === `venner-example-${fnId}`,
  );
  if (!found) throw new Error(`No function for ${fnId}`);
  return { logicalId: found[0], resource: found[1] };
};
const functionLogicalId = (fnId: FunctionId): string => lambdaOf(fnId).logicalId;

describe('cdk-nag', () => {
  it('leaves no unacknowledged finding of the AWS Solutions and Serverless packs', () => {
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const violations = (report.pluginReports ?? []).flatMap(
      (r: { violations?: unknown[] }) => r.violations ?? [],
    );
    expect(violations).toEqual([]);
  });

  /**
   * Every acknowledged rule, with the kind of construct it may be acknowledged on and the findings
   * it may cover. A new acknowledgement (a new rule, or an old rule on a new kind of construct)
   * fails here until it is added with its reason in review.
   */
  const acknowledgedRules: Record<string, { on: RegExp; findings?: RegExp }> = {
    // Cognito threat protection needs the paid Plus plan (reason on the pool).
    'AwsSolutions-COG3': { on: /^venner-example-stateful\/StaffUserPool$/ },
    'AwsSolutions-COG8': { on: /^venner-example-stateful\/StaffUserPool$/ },
    // Log streams in the function's own group, X-Ray, and the scheduler invoking a job's versions.
    'AwsSolutions-IAM5': {
      on: /^venner-example-stateless(\/[A-Za-z]+Role)?$/,
      findings:
        /^Resource::(\*|<[A-Za-z]+Logs[0-9A-F]{8}\.Arn>:log-stream:\*|<Job[A-Za-z]+[0-9A-F]{8}\.Arn>:\*|<OutboxSender[0-9A-F]{8}\.Arn>:\*)$/,
    },
    // The dead-letter queues have no dead-letter queues of their own.
    'AwsSolutions-SQS3': { on: /^venner-example-stateless\/(Schedule|Async|Stream)DeadLetterQueue$/ },
    'Serverless-SQSRedrivePolicy': {
      on: /^venner-example-stateless\/(Schedule|Async|Stream)DeadLetterQueue$/,
    },
    // SES cannot publish to a topic encrypted with the AWS-managed key.
    // SES cannot publish to a topic encrypted with the AWS-managed key; alarms carry no personal data.
    'AwsSolutions-SNS2': { on: /^venner-example-stateless\/(SesEventsTopic|OperationsTopic)$/ },
    // The site is for viewers anywhere; no CloudFront access log of viewers' addresses and paths.
    'AwsSolutions-CFR1': { on: /^venner-example-stateless\/Site$/ },
    'AwsSolutions-CFR3': { on: /^venner-example-stateless\/Site$/ },
    // The edge secret only routes requests through CloudFront; rotated by a redeploy.
    'AwsSolutions-SMG4': { on: /^venner-example-stateless\/EdgeSecret$/ },
    // Node 22 pinned; synchronous functions have no event to keep, asynchronous ones use a destination.
    'AwsSolutions-L1': { on: /^venner-example-stateless\/[A-Za-z]+$/ },
    'Serverless-LambdaLatestVersion': { on: /^venner-example-stateless\/[A-Za-z]+$/ },
    'Serverless-LambdaDLQ': { on: /^venner-example-stateless\/[A-Za-z]+$/ },
    // Routes the route table marks public, staff routes the functions gate themselves, and the
    // API itself for its $default route (404/405 pages only).
    'AwsSolutions-APIG4': { on: /^venner-example-stateless\/HttpApi(\/(GET|POST|PATCH|PUT|DELETE)--.*)?$/ },
  };

  it('acknowledges only the listed rules, each on its kind of construct and with a reason', () => {
    const found: { rule: string; finding: string; path: string; reason: string }[] = [];
    for (const construct of app.app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
          const [, rule = '', finding = ''] = /^Annotation::([^[]+)(?:\[(.*)\])?$/.exec(key) ?? [];
          found.push({ rule, finding, path: construct.node.path, reason });
        }
      }
    }
    expect(new Set(found.map((a) => a.rule))).toEqual(new Set(Object.keys(acknowledgedRules)));
    for (const { rule, finding, path: constructPath, reason } of found) {
      const allowed = acknowledgedRules[rule];
      expect(constructPath, rule).toMatch(allowed?.on ?? /^$/);
      if (finding) expect(finding, `${rule} on ${constructPath}`).toMatch(allowed?.findings ?? /^$/);
      expect(reason.length, `${rule} on ${constructPath} needs a reason`).toBeGreaterThan(20);
    }
    // Every route of the route table is acknowledged for APIG4, plus the $default route.
    expect(found.filter((a) => a.rule === 'AwsSolutions-APIG4')).toHaveLength(routes.length + 1);
    // Functions: exactly the catalogue's, each with the same three.
    for (const rule of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion', 'Serverless-LambdaDLQ']) {
      expect(found.filter((a) => a.rule === rule)).toHaveLength(functionIds.length);
    }
  });
});

describe('stateful stack', () => {
  it('has one table per table definition, with keys, indexes and TTL from the definition', () => {
    const created = resourcesOf(stateful, 'AWS::DynamoDB::GlobalTable');
    expect(Object.keys(created)).toHaveLength(tableKeys.length);
    for (const key of tableKeys) {
      const definition = tables[key];
      const indexes = (definition.indexes as readonly IndexDefinition[]).map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
          ],
        }),
      );
      stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        ...(indexes.length > 0 ? { GlobalSecondaryIndexes: Match.arrayEquals(indexes) } : {}),
        ...('ttlAttribute' in definition
          ? { TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true } }
          : {}),
      });
    }
  });

  it('turns on PITR (for the notices’ backup window), deletion protection, encryption with our key, and retains every table', () => {
    for (const [id, table] of Object.entries(resourcesOf(stateful, 'AWS::DynamoDB::GlobalTable'))) {
      expect(table.DeletionPolicy, id).toBe('Retain');
      expect(table.UpdateReplacePolicy, id).toBe('Retain');
      expect(table.Properties.SSESpecification, id).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      for (const replica of table.Properties.Replicas as Record<string, unknown>[]) {
        // The backup window the privacy notices quote (backupRetentionDays), not AWS's default by chance.
        expect(replica.PointInTimeRecoverySpecification, id).toEqual({
          PointInTimeRecoveryEnabled: true,
          RecoveryPeriodInDays: backupRetentionDays,
        });
        expect(replica.DeletionProtectionEnabled, id).toBe(true);
      }
    }
  });

  it('has a staff user pool with required TOTP MFA and one group per role', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const groups = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'caseworker', 'coordinator']);
  });

  it('has an SES v2 identity for the domain with a configuration set that suppresses bounces and complaints', () => {
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'venner.example.dk' });
    stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'venner-example',
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });
});

describe('stateless stack: functions', () => {
  it("creates one Node 22 function per catalogue entry, with exactly the env contract's variables", () => {
    for (const fnId of functionIds) {
      const fn = lambdaOf(fnId).resource;
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      const variables = Object.keys((fn.Properties.Environment as { Variables: object }).Variables).sort();
      expect(variables).toEqual([...envNames(fnId), 'NODE_OPTIONS'].sort());
    }
  });

  it('bundles each function as CommonJS that loads in a fresh Node process as the Lambda runtime loads it', () => {
    // CommonJS, not ESM: importing the AWS SDK (CommonJS) through the ESM loader took 20–30 ms
    // longer per cold start (docs/performance.md). A dependency that needs ESM breaks here, not on AWS.
    const loaded: string[] = [];
    for (const fnId of functionIds) {
      const fn = lambdaOf(fnId).resource.Properties;
      expect(fn.Handler).toBe('index.handler');
      const asset = bundleDirOf(outdir, fn.Code as { S3Key: string });
      expect(existsSync(path.join(asset, 'index.js'))).toBe(true);
      expect(existsSync(path.join(asset, 'package.json'))).toBe(false);
      const variables = (fn.Environment as { Variables: Record<string, string> }).Variables;
      // The SDK resolves from the project's node_modules, as the runtime provides its own copy.
      const exported = execFileSync(
        process.execPath,
        [
          '-e',
          `process.stdout.write(typeof require(${JSON.stringify(path.join(asset, 'index.js'))}).handler)`,
        ],
        {
          cwd: process.cwd(),
          env: {
            PATH: process.env.PATH ?? '',
            NODE_PATH: path.join(process.cwd(), 'node_modules'),
            NODE_OPTIONS: variables.NODE_OPTIONS,
            ...plausibleEnvironment(fnId),
          },
          encoding: 'utf8',
        },
      );
      if (exported === 'function') loaded.push(fnId);
    }
    expect(loaded).toEqual([...functionIds]);
  }, 60_000);

  /** Every IAM policy statement attached to a function's role, as JSON text. */
  const policiesOf = (fnId: FunctionId): string => {
    const roleId = (lambdaOf(fnId).resource.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const policies = Object.values(resourcesOf(stateless, 'AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId),
    );
    return JSON.stringify(policies.map((p) => p.Properties.PolicyDocument));
  };

  it('reaches only the tables the catalogue grants', () => {
    const tableLogicalId = (key: string) => `${key[0]?.toUpperCase()}${key.slice(1)}Table`;
    for (const fnId of functionIds) {
      const policies = policiesOf(fnId);
      for (const key of tableKeys) {
        const granted = key in functions[fnId].tables;
        expect(policies.includes(tableLogicalId(key)), `${fnId} → ${key}`).toBe(granted);
      }
    }
  });

  it('grants each function exactly the actions of its access on each table, and Query on its indexes only to readers', () => {
    const reads = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    const always = ['dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
    const expected: Record<string, string[]> = {
      read: [...reads, ...always],
      write: [...writes, ...always],
      'read-write': [...reads, ...writes, ...always],
      'update-in-transaction': ['dynamodb:UpdateItem'],
    };
    const list = (value: unknown) => (Array.isArray(value) ? value : [value]).map(String).sort();
    for (const fnId of functionIds) {
      const statements = (JSON.parse(policiesOf(fnId)) as { Statement: Record<string, unknown>[] }[]).flatMap(
        (document) => document.Statement,
      );
      for (const [key, access] of Object.entries(functions[fnId].tables) as [string, string][]) {
        const tableId = `${key[0]?.toUpperCase()}${key.slice(1)}Table`;
        // The table's own ARN (however the stack refers to it), not one of its indexes or its stream.
        const onTable = statements.filter((s) => {
          const resource = JSON.stringify(s.Resource);
          return resource.includes(tableId) && !resource.includes('/index/') && !resource.includes('Stream');
        });
        expect(onTable, `${fnId} → ${key}`).toHaveLength(1);
        expect(list(onTable[0]?.Action), `${fnId} → ${key} (${access})`).toEqual(
          [...(expected[access] ?? [])].sort(),
        );
        const onIndexes = statements.filter(
          (s) =>
            JSON.stringify(s.Resource).includes(tableId) && JSON.stringify(s.Resource).includes('/index/'),
        );
        const hasIndexes = tables[key as keyof typeof tables].indexes.length > 0;
        const readsIndexes = hasIndexes && (access === 'read' || access === 'read-write');
        expect(onIndexes.length > 0, `${fnId} → ${key} indexes`).toBe(readsIndexes);
        for (const s of onIndexes) expect(list(s.Action)).toEqual(['dynamodb:Query']);
      }
    }
  });

  it('lets no public-facing function read the consents table', () => {
    /**
     * The one exception, on purpose: the match-answers function serves the volunteer's answer
     * links, which act only with a single-use emailed token bound to one match, and read or move
     * only that match's record. The self-service function may move a record back to the
     * waiting list when its volunteer leaves: UpdateItem only, and only inside a transaction (no
     * ReturnValues). Any other access to the consents table from a public function fails here.
     */
    const tokenGated = new Set<FunctionId>(['match-answers']);
    const publicFunctions = new Set<FunctionId>([
      ...(routes as readonly RouteDefinition[])
        .filter(isPublic)
        .map((r) => r.function)
        .filter((fn) => !tokenGated.has(fn)),
      'not-found',
    ]);
    expect(publicFunctions.size).toBeGreaterThan(0);
    const consentStatements = (fnId: FunctionId) =>
      (JSON.parse(policiesOf(fnId)) as { Statement: Record<string, unknown>[] }[])
        .flatMap((document) => document.Statement)
        .filter((statement) => JSON.stringify(statement.Resource).includes('ConsentsTable'));
    for (const fnId of publicFunctions) {
      for (const statement of consentStatements(fnId)) {
        expect(statement.Action, fnId).toBe('dynamodb:UpdateItem');
        expect(statement.Condition, fnId).toEqual({
          'ForAnyValue:StringEquals': { 'dynamodb:EnclosingOperation': ['TransactWriteItems'] },
        });
      }
    }
    expect(consentStatements('volunteer-self-service')).toHaveLength(1);
    expect(consentStatements('volunteer-signup')).toHaveLength(0);
    expect(consentStatements('public-figures')).toHaveLength(0);
  });

  it('lets no function but the ones that send email call SES', () => {
    for (const fnId of functionIds) {
      const sends = 'sendsEmail' in functions[fnId] && functions[fnId].sendsEmail === true;
      expect(policiesOf(fnId).includes('ses:SendEmail'), fnId).toBe(sends);
    }
  });
});

describe('stateless stack: HTTP API', () => {
  const routeResources = () =>
    Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);

  it('has every route of the route table, and a $default route for everything else', () => {
    const keys = routeResources().map((r) => r.RouteKey);
    for (const route of routes) expect(keys).toContain(`${route.method} ${route.path}`);
    expect(keys).toContain('$default');
    expect(keys).toHaveLength(routes.length + 1);
  });

  it('leaves the gate of staff routes to the functions, each of which gets the user pool to verify tokens with', () => {
    expect(resourcesOf(stateless, 'AWS::ApiGatewayV2::Authorizer')).toEqual({});
    for (const route of (routes as readonly RouteDefinition[]).filter((r) => !isPublic(r))) {
      expect(envNames(route.function), route.path).toEqual(
        expect.arrayContaining(['USER_POOL_CLIENT_ID', 'COGNITO_ISSUER']),
      );
    }
  });

  it('throttles the stage and writes access logs without query strings', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: {
        ThrottlingRateLimit: stageConfig('example').apiThrottle.rateLimit,
        ThrottlingBurstLimit: stageConfig('example').apiThrottle.burstLimit,
      },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    const stage = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Stage'))[0];
    expect(JSON.stringify(stage?.Properties.AccessLogSettings)).not.toMatch(
      /querystring|requestBody|path\b/i,
    );
  });

  it('sets a retention on every log group', () => {
    for (const [id, group] of Object.entries(resourcesOf(stateless, 'AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
    }
  });
});

describe('stateless stack: schedules', () => {
  it('creates one schedule per job, in Europe/Copenhagen, with retries and a dead-letter queue', () => {
    const created = Object.values(resourcesOf(stateless, 'AWS::Scheduler::Schedule')).map(
      (s) => s.Properties,
    );
    expect(created).toHaveLength(schedules.length);
    for (const schedule of schedules as readonly ScheduleDefinition[]) {
      const found = created.find((s) => s.Name === `venner-example-${schedule.job}`);
      if (!found) throw new Error(`No schedule for ${schedule.job}`);
      expect(found).toMatchObject({
        ScheduleExpression: `cron(${schedule.cron})`,
        ScheduleExpressionTimezone: 'Europe/Copenhagen',
        State: 'ENABLED',
        Target: {
          RetryPolicy: { MaximumRetryAttempts: scheduleRetryAttempts, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: expect.anything() },
        },
      });
      const input = JSON.parse((found.Target as { Input: string }).Input);
      expect(input).toEqual({ job: schedule.job, now: '<aws.scheduler.scheduled-time>' });
    }
  });

  it('sends failed asynchronous runs of scheduled functions to the same queue', () => {
    for (const fnId of new Set(schedules.map((s) => s.function))) {
      stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionLogicalId(fnId) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    }
  });
});

describe('stateless stack: bounces and complaints', () => {
  it("publishes the configuration set's bounces and complaints to a topic the ses-events function reads", () => {
    stateless.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        SnsDestination: { TopicARN: Match.anyValue() },
      },
    });
    stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [functionLogicalId('ses-events'), 'Arn'] },
    });
  });

  it('schedules the weekly digest for Monday 07:00 and the daily jobs in Danish time', () => {
    const byJob = Object.fromEntries(schedules.map((s) => [s.job, s.cron]));
    expect(byJob).toMatchObject({
      'kommune-digests': '0 7 ? * MON *',
      'arrival-alerts': '0 17 * * ? *',
      retention: '30 3 * * ? *',
      'match-follow-ups': '0 9 * * ? *',
    });
  });
});

describe('stateless stack: table streams', () => {
  const triggers = functionIds.flatMap((fnId) =>
    ((functions[fnId] as FunctionDefinition).streams ?? []).map((trigger) => ({ fnId, trigger })),
  );

  it('gives the tables that functions listen to a stream of new images, and no other table', () => {
    const streamed = new Set(triggers.map((t) => t.trigger.table));
    for (const key of tableKeys) {
      expect('stream' in tables[key] && tables[key].stream === true, key).toBe(streamed.has(key));
    }
    const withStreams = Object.values(resourcesOf(stateful, 'AWS::DynamoDB::GlobalTable')).filter(
      (t) =>
        (t.Properties.StreamSpecification as { StreamViewType?: string })?.StreamViewType === 'NEW_IMAGE',
    );
    expect(withStreams).toHaveLength(streamed.size);
  });

  it('maps each stream to its function with the filter, batch size, bounded retries and the dead-letter queue', () => {
    const mappings = Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping')).map(
      (m) => m.Properties,
    );
    expect(mappings).toHaveLength(triggers.length);
    for (const { fnId, trigger } of triggers) {
      const found = mappings.find(
        (m) =>
          JSON.stringify(m.FunctionName).includes(functionLogicalId(fnId)) &&
          JSON.stringify(m.FilterCriteria).includes(trigger.keyPrefix),
      );
      if (!found) throw new Error(`No event source mapping for ${fnId} on ${trigger.table}`);
      expect(found).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: streamBatchSize,
        MaximumRetryAttempts: streamRetryAttempts,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      const pattern = JSON.parse(
        (found.FilterCriteria as { Filters: { Pattern: string }[] }).Filters[0]?.Pattern ?? '{}',
      );
      expect(pattern).toEqual({
        eventName: [...trigger.events],
        dynamodb: {
          Keys: { pk: { S: [{ prefix: trigger.keyPrefix }] } },
          NewImage: Object.fromEntries(
            Object.entries(trigger.newImage).map(([name, value]) => [name, { S: [value] }]),
          ),
        },
      });
    }
  });
});

describe('stateless stack: operations', () => {
  const config = stageConfig('example');
  const alarms = () =>
    Object.values(resourcesOf(stateless, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const alarm = (name: string) => {
    const found = alarms().find((a) => a.AlarmName === `venner-example-${name}`);
    if (!found) throw new Error(`No alarm ${name}`);
    return found;
  };
  const topicRef = [{ Ref: expect.stringMatching(/^OperationsTopic/) }];

  it('has one dead-letter queue per kind of source, each alarmed, and each source pointing at its own', () => {
    const queues = Object.values(resourcesOf(stateless, 'AWS::SQS::Queue')).map(
      (q) => q.Properties.QueueName,
    );
    expect(queues.sort()).toEqual([
      'venner-example-dlq-async',
      'venner-example-dlq-schedules',
      'venner-example-dlq-streams',
    ]);
    const arnOf = (kind: string) => {
      const [id] = Object.entries(resourcesOf(stateless, 'AWS::SQS::Queue')).find(
        ([, q]) => q.Properties.QueueName === `venner-example-dlq-${kind}`,
      ) ?? [''];
      return { 'Fn::GetAtt': [id, 'Arn'] };
    };
    for (const schedule of Object.values(resourcesOf(stateless, 'AWS::Scheduler::Schedule')))
      expect(
        (schedule.Properties.Target as { DeadLetterConfig: { Arn: unknown } }).DeadLetterConfig.Arn,
      ).toEqual(arnOf('schedules'));
    for (const mapping of Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping')))
      expect(
        (mapping.Properties.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure
          .Destination,
      ).toEqual(arnOf('streams'));
    for (const invoke of Object.values(resourcesOf(stateless, 'AWS::Lambda::EventInvokeConfig')))
      expect(
        (invoke.Properties.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure
          .Destination,
      ).toEqual(arnOf('async'));
    for (const subscription of Object.values(resourcesOf(stateless, 'AWS::SNS::Subscription')))
      expect(JSON.parse(JSON.stringify(subscription.Properties.RedrivePolicy))).toEqual({
        deadLetterTargetArn: arnOf('async'),
      });
    for (const kind of ['schedules', 'async', 'streams']) {
      const a = alarm(`dead-letters-${kind}`);
      expect(a).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        Period: 300,
      });
    }
  });

  it('alarms on what fails for people, each with its threshold from the stage, both actions and words in Danish and English', () => {
    const expected: Record<string, { threshold: number; period: number; evaluationPeriods?: number }> = {
      'function-errors': { threshold: config.alarms.functionErrors, period: 300 },
      'function-throttles': { threshold: 1, period: 300 },
      'api5xx-rate': { threshold: config.alarms.api5xxPercent, period: 300, evaluationPeriods: 2 },
      'rate-limit-surge': { threshold: config.alarms.rateLimitRefusals, period: 300 },
      'ses-bounce-rate': { threshold: 0.02, period: 3600 },
      'ses-complaint-rate': { threshold: 0.0005, period: 3600 },
      'heartbeat-late': { threshold: 1, period: 3600, evaluationPeriods: 26 },
      'oldest-pending-email': { threshold: 1800, period: 600 },
      'dependency-errors': { threshold: config.alarms.dependencyErrors, period: 300 },
    };
    for (const [name, want] of Object.entries(expected)) {
      const a = alarm(name);
      expect(a.Threshold, name).toBe(want.threshold);
      const period =
        a.Period ??
        (a.Metrics as { MetricStat?: { Period: number }; Period?: number }[]).find((m) => m.MetricStat)
          ?.MetricStat?.Period;
      expect(period, name).toBe(want.period);
      expect(a.EvaluationPeriods, name).toBe(want.evaluationPeriods ?? 1);
      expect(a.AlarmActions, name).toEqual(topicRef);
      expect(a.OKActions, name).toEqual(topicRef);
      // Danish, then English, then the runbook's section.
      expect(a.AlarmDescription, name).toMatch(/^[^\n]+\n\n[^\n]+\n\nRunbook: docs\/operations\.md#[a-z-]+$/);
    }
    expect(alarms()).toHaveLength(Object.keys(expected).length + 3);
    // What npm run cost counts: a metric-math alarm pays for each of its metrics.
    const metricsWatched = alarms().reduce(
      (sum, a) =>
        sum + (a.Metrics ? (a.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length : 1),
      0,
    );
    expect(metricsWatched).toBe(alarmMetricCount);
    // The heartbeat alarm fires only when none of the 26 hours had a successful run.
    expect(alarm('heartbeat-late')).toMatchObject({
      DatapointsToAlarm: 26,
      TreatMissingData: 'breaching',
      ComparisonOperator: 'LessThanThreshold',
    });
    // Each runbook section exists.
    const runbook = readFileSync('docs/operations.md', 'utf8');
    for (const a of alarms()) {
      const anchor = /#([a-z-]+)$/.exec(String(a.AlarmDescription))?.[1];
      expect(runbook, String(anchor)).toMatch(
        new RegExp(`^## .*\\{#${anchor}\\}|^<a id="${anchor}"></a>`, 'm'),
      );
    }
  });

  it('has a dashboard of the business figures, emails, the API, every function and the queues', () => {
    const [board] = Object.values(resourcesOf(stateless, 'AWS::CloudWatch::Dashboard'));
    expect(board?.Properties.DashboardName).toBe('venner-example');
    const body = JSON.stringify(board?.Properties.DashboardBody);
    for (const part of [
      'SignUps',
      'ProposalsAccepted',
      'EmailsFailed',
      'OldestPendingEmailSeconds',
      'ApproximateNumberOfMessagesVisible',
      'MetricName=',
      'SEARCH(',
    ])
      expect(body, part).toContain(part);
  });
});
