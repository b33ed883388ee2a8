import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { assetVersion, buildPublicAssets } from './build-assets.ts';
import { EdgeStack } from './edge-stack.ts';
import { stageConfig, stages } from './stages.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface VennerAppOptions {
  readonly outdir?: string;
  readonly context?: Record<string, string>;
  /** Stage configurations to choose from (tests); the ones in infra/stages.ts otherwise. */
  readonly stages?: Record<string, unknown>;
}

/**
 * The whole venner app for one stage (`-c stage=<name>`, configured in infra/stages.ts):
 * - `venner-<stage>-edge` in us-east-1: the site's certificate and the optional WAF web ACL, which
 *   CloudFront can only use from there;
 * - `venner-<stage>-stateful` in the stage's region: tables, key, user pool, SES identity (retained);
 * - `venner-<stage>-stateless` in the stage's region: functions, HTTP API, CloudFront, schedules.
 * Checked by cdk-nag's AWS Solutions and Serverless packs.
 */
export const createVennerApp = (
  options: VennerAppOptions = {},
): { app: App; edge: EdgeStack; stateful: StatefulStack; stateless: StatelessStack } => {
  const app = new App({
    outdir: options.outdir,
    // Weak references (Fn::GetStackOutput) between the stacks: no export that blocks changing a
    // stream, a client or the certificate later ("export in use"), and none across regions.
    context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak', ...options.context },
  });
  const config = stageConfig(app.node.tryGetContext('stage'), {}, options.stages ?? stages);
  const { stage } = config;
  const account = config.account ?? process.env.CDK_DEFAULT_ACCOUNT;

  // The static-assets function ships the built design-system files; their version names their URLs.
  const version = assetVersion(buildPublicAssets());

  const edge = new EdgeStack(app, `venner-${stage}-edge`, {
    env: { account, region: 'us-east-1' },
    config,
    description: 'venner: the certificate and web ACL CloudFront uses (us-east-1)',
  });
  const stateful = new StatefulStack(app, `venner-${stage}-stateful`, {
    env: { account, region: config.region },
    config,
    terminationProtection: config.retainData,
    description: 'venner: tables, encryption key, staff user pool, SES identity (retained)',
  });
  const stateless = new StatelessStack(app, `venner-${stage}-stateless`, {
    env: { account, region: config.region },
    config,
    stateful,
    edge,
    assetVersion: version,
    description: 'venner: functions, HTTP API, CloudFront, schedules, reference data',
  });
  stateless.addStackDependency(stateful);
  stateless.addStackDependency(edge);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, edge, stateful, stateless };
};

if (import.meta.main ?? process.argv[1]?.endsWith('infra/app.ts')) {
  try {
    createVennerApp().app.synth();
  } catch (error) {
    // One sentence that names the setting, not a stack trace.
    console.error((error as Error).message);
    process.exit(1);
  }
}
