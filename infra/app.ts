import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildPublicAssets } from '../scripts/build-assets.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface VennerAppOptions {
  readonly outdir?: string;
  readonly context?: Record<string, string>;
}

const requiredContext = (app: App, name: string): string => {
  const value = app.node.tryGetContext(name);
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`Set the CDK context value "${name}" (cdk.json or -c ${name}=...)`);
  }
  return value;
};

/**
 * The whole venner app: a stateful stack (tables, key, user pool, SES) and a stateless stack
 * (functions, HTTP API, schedules), checked by cdk-nag's AWS Solutions and Serverless packs.
 * Context: stage, domain, senderAddress (see cdk.json for the defaults used by synth and tests).
 */
export const createVennerApp = (
  options: VennerAppOptions = {},
): { app: App; stateful: StatefulStack; stateless: StatelessStack } => {
  const app = new App({ outdir: options.outdir, context: options.context });
  const stage = requiredContext(app, 'stage');
  const domain = requiredContext(app, 'domain');
  const senderAddress = requiredContext(app, 'senderAddress');
  const env = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'eu-north-1',
  };

  // The static-assets function ships the built design-system files.
  buildPublicAssets();

  const stateful = new StatefulStack(app, `venner-${stage}-stateful`, {
    env,
    stage,
    domain,
    terminationProtection: true,
    description: 'venner: tables, encryption key, staff user pool, SES identity (retained)',
  });
  const stateless = new StatelessStack(app, `venner-${stage}-stateless`, {
    env,
    stage,
    domain,
    senderAddress,
    stateful,
    description: 'venner: functions, HTTP API, schedules',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stateful, stateless };
};

if (import.meta.main ?? process.argv[1]?.endsWith('infra/app.ts')) {
  createVennerApp().app.synth();
}
