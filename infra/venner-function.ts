import path from 'node:path';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FunctionDefinition, FunctionId } from '../shared/functions.ts';
import { buildDir, projectRoot } from './build-assets.ts';

export interface VennerFunctionProps {
  readonly id: FunctionId;
  readonly definition: FunctionDefinition;
  readonly stage: string;
  /** The function's variables, exactly as the env contract names them. */
  readonly environment: Record<string, string>;
  /** For functions invoked asynchronously (schedules): where failed events go after Lambda's retries. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Memory when the catalogue sets none (the stage's `functionMemoryMb`). */
  readonly defaultMemoryMb: number;
  /** Days the function's logs are kept (the stage's `logRetentionDays`). */
  readonly logRetentionDays: number;
}

/** Node 22: the runtime the project is developed and tested on locally. */
export const lambdaRuntime = lambda.Runtime.NODEJS_22_X;

/**
 * Every venner Lambda: Node 22 on arm64, an ESM bundle made with the local esbuild (no Docker),
 * a log group with retention, X-Ray tracing, and its own role that can write only its own logs —
 * table and SES access are granted per function from the function catalogue.
 */
export class VennerFunction extends NodejsFunction {
  constructor(scope: Construct, constructId: string, props: VennerFunctionProps) {
    const functionName = `venner-${props.stage}-${props.id}`;
    const logGroup = new logs.LogGroup(scope, `${constructId}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(scope, `${constructId}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${functionName}`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:log-stream:*`],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    );
    const logGroupId = Stack.of(scope).getLogicalId(logGroup.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:log-stream:*]`,
        reason:
          "Lambda names its log streams at run time; the wildcard is within this function's own log group.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
      },
    );
    const publicAssets = props.definition.bundlesPublicAssets;
    super(scope, constructId, {
      functionName,
      description: props.definition.description,
      entry: path.join(projectRoot, props.definition.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: lambdaRuntime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.definition.memoryMb ?? props.defaultMemoryMb,
      timeout: Duration.seconds(props.definition.timeoutSeconds ?? 10),
      tracing: lambda.Tracing.ACTIVE,
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      onFailure: props.deadLetterQueue ? new SqsDestination(props.deadLetterQueue) : undefined,
      retryAttempts: props.deadLetterQueue ? 2 : undefined,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.CJS,
        target: 'node22',
        platform: 'node',
        minify: true,
        sourceMap: true,
        // Stack traces need only the mappings; without the sources the map is a third of the size to load at init.
        sourcesContent: false,
        mainFields: ['module', 'main'],
        tsconfig: path.join(projectRoot, 'tsconfig.json'),
        esbuildArgs: { '--jsx': 'automatic', '--jsx-import-source': 'preact' },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) =>
            publicAssets ? [`cp -r "${path.join(buildDir, 'public')}" "${outputDir}/public"`] : [],
        },
      },
    });
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: 'Pinned to Node 22, the version every local run and test uses; move both together.',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason: 'Pinned to Node 22, the version every local run and test uses; move both together.',
      },
    );
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: props.deadLetterQueue
        ? 'Failed asynchronous events go to an on-failure destination (the same queue), which keeps more context than a DLQ.'
        : 'Invoked synchronously by API Gateway: the caller gets the error, there is no event to keep.',
    });
  }
}
