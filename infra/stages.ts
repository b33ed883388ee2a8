import * as z from 'zod';
import { envDefaults } from '../shared/env.ts';

/**
 * Everything that differs between deployments, one entry per stage, checked with zod at synth.
 * A deploy names its stage (`-c stage=<name>`); nothing falls back to the CLI's region or to an
 * example domain. To put venner live, add an entry for your stage (docs/deploy.md, step 3).
 */

/** Regions the refugees' data may live in: the EU, where the programme's data processing agreement holds. */
const euRegions = [
  'eu-north-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-central-2',
] as const;

/** CloudWatch Logs' allowed retention periods, in days. */
const retentionDays = [30, 60, 90, 120, 150, 180, 365, 400, 545, 731] as const;

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case domain name');

export const stageConfigSchema = z
  .object({
    /** The AWS region of every table, function and email identity. CloudFront's certificate is in us-east-1. */
    region: z.enum(euRegions, {
      error: 'set the AWS region of the stage, one of the EU regions, e.g. "eu-north-1"',
    }),
    /** The AWS account to deploy to (12 digits); without it, the account of the credentials in use. */
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    /** The site's domain: pages at https://<domain>, links in emails, the SES identity. */
    domain: hostname,
    /** The sender of every email, at the domain. */
    senderAddress: z.email(),
    /** Who gets the operations alarms (a shared mailbox of the staff who run venner). */
    alarmEmail: z.email(),
    /** A Route 53 hosted zone for the domain: DNS records are created in it. Without it they are outputs to publish by hand. */
    hostedZone: z.object({ id: z.string().regex(/^Z[A-Z0-9]{5,31}$/), name: hostname }).optional(),
    /** Stage-wide API Gateway throttle (docs/deploy.md explains the figures). */
    apiThrottle: z.object({
      rateLimit: z.number().int().positive(),
      burstLimit: z.number().int().positive(),
    }),
    /** Sign-ups per client address and 10 minutes. */
    signupRateLimit: z.number().int().positive().default(envDefaults.signupRateLimit),
    /** Memory of the functions that set none of their own. */
    functionMemoryMb: z.number().int().min(128).max(10_240),
    logRetentionDays: z.union(retentionDays.map((d) => z.literal(d))),
    /** Keep tables, key, user pool and identity when a stack is deleted. Off only for throw-away stages. */
    retainData: z.boolean(),
    /** An AWS WAF web ACL with a rate-based rule in front of CloudFront (about 6 USD a month plus requests). */
    waf: z.boolean(),
    /**
     * Who sends staff invitations and password codes: `ses` (from the domain, once its SES identity is
     * verified) or `cognito` (Cognito's own sender, for the first deploy: Cognito refuses an
     * unverified identity). docs/deploy.md, steps 5 and 7.
     */
    staffEmail: z.enum(['ses', 'cognito']).default('ses'),
    /** When the alarms fire (docs/operations.md says what each means); the defaults suit national scale. */
    alarms: z
      .object({
        /** Errors of all the stage's functions in 5 minutes (deploy each stage in an account of its own). */
        functionErrors: z.number().int().positive().default(1),
        /** Server errors as a share of requests, over 10 minutes. */
        api5xxPercent: z.number().positive().default(2),
        /** Requests refused as too many in 5 minutes (a surge: an attack or a campaign). */
        rateLimitRefusals: z.number().int().positive().default(50),
        /** Before SES's own review at 5 % bounces and 0.1 % complaints. */
        sesBouncePercent: z.number().positive().default(2),
        sesComplaintPercent: z.number().positive().default(0.05),
        /** Hours without a successful heartbeat run (it runs daily). */
        heartbeatHours: z.number().int().min(25).max(168).default(26),
        oldestPendingEmailMinutes: z.number().int().positive().default(30),
        /** DynamoDB, SES or Cognito calls that failed for the service's sake, in 5 minutes. */
        dependencyErrors: z.number().int().positive().default(5),
      })
      .strict()
      .prefault({}),
    /** A stage for synth and tests only: its account does not exist, so it cannot be deployed. */
    example: z.boolean().default(false),
  })
  .strict()
  .refine((c) => c.senderAddress.endsWith(`@${c.domain}`), {
    message: 'senderAddress must be an address at the domain (SES sends only from the verified domain)',
    path: ['senderAddress'],
  })
  .refine((c) => !c.hostedZone || c.domain === c.hostedZone.name, {
    message:
      "hostedZone.name must be the domain itself (for a subdomain, create a hosted zone for it and delegate it from the parent's)",
    path: ['hostedZone'],
  });

export type StageConfig = z.infer<typeof stageConfigSchema>;

/**
 * The stages. `example` is what `npm run synth` and the tests build: a valid production-like
 * configuration pinned to an account that does not exist, so `cdk deploy` refuses it.
 */
export const stages: Record<string, z.input<typeof stageConfigSchema>> = {
  example: {
    region: 'eu-north-1',
    account: '000000000000',
    domain: 'venner.example.dk',
    senderAddress: 'noreply@venner.example.dk',
    alarmEmail: 'drift@venner.example.dk',
    hostedZone: { id: 'Z0EXAMPLE0VENNER', name: 'venner.example.dk' },
    // Expected peak: about 2 requests/s nationally (docs/cost.md); 25x headroom for a campaign day.
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    functionMemoryMb: 512,
    logRetentionDays: 90,
    retainData: true,
    waf: true,
    example: true,
  },
};

/** The stage's configuration, or one sentence saying what to set. */
export const stageConfig = (
  stage: unknown,
  overrides: Record<string, unknown> = {},
  known: Record<string, unknown> = stages,
): StageConfig & { readonly stage: string } => {
  const names = Object.keys(known).join(', ');
  if (typeof stage !== 'string' || stage.length === 0) {
    throw new Error(`Choose a stage with -c stage=<name> (one of: ${names}); stages are in infra/stages.ts.`);
  }
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new Error(`The stage name "${stage}" must be lower-case letters, digits and dashes, at most 16.`);
  }
  const entry = known[stage];
  if (!entry) throw new Error(`No stage "${stage}" in infra/stages.ts (there are: ${names}).`);
  const parsed = stageConfigSchema.safeParse({ ...(entry as object), ...overrides });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the configuration';
    throw new Error(`Stage "${stage}" in infra/stages.ts: ${where}: ${issue?.message}.`);
  }
  return { ...parsed.data, stage };
};
