import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVennerApp } from '../../infra/app.ts';
import { wafRateLimitPer5Minutes } from '../../infra/edge-stack.ts';
import { stageConfig, stages } from '../../infra/stages.ts';
import { dmarcRecordOf, staffEmailTexts } from '../../infra/stateful-stack.ts';
import { publicPageEdgeSeconds } from '../../infra/stateless-stack.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';

/**
 * What a first real deploy needs, read from a production-stage synth: explicit region and stage,
 * the kommuner loaded by a custom resource, the site behind CloudFront at the domain, email that
 * works from day one, staff accounts, references that do not block changes, and the outputs.
 * Bundling is skipped here (cdk-template.test.ts loads every bundle).
 */

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON, read by the assertions.
type Cfn = any;
type Resources = Record<string, { Type: string; Properties: Record<string, Cfn> }>;
const example = stages.example as Record<string, unknown>;
const withoutZone = { ...example, hostedZone: undefined, waf: false, staffEmail: 'cognito' };

const synth = (stage: string, known: Record<string, unknown> = stages) => {
  const app = createVennerApp({
    outdir: mkdtempSync(path.join(os.tmpdir(), 'venner-prod-')),
    context: { stage, 'aws:cdk:bundling-stacks': [] as unknown as string },
    stages: known,
  });
  app.app.synth();
  return {
    app,
    edge: Template.fromStack(app.edge),
    stateful: Template.fromStack(app.stateful),
    stateless: Template.fromStack(app.stateless),
  };
};

let main: ReturnType<typeof synth>;
let plain: ReturnType<typeof synth>;
beforeAll(() => {
  main = synth('example');
  plain = synth('plain', { plain: withoutZone });
}, 120_000);

const resourcesOf = (template: Template, type: string) => template.findResources(type) as Resources;
const only = (template: Template, type: string) => {
  const found = Object.values(resourcesOf(template, type));
  expect(found, type).toHaveLength(1);
  return found[0]?.Properties as Record<string, Cfn>;
};

describe('region and stage', () => {
  it('stops with one sentence naming the setting when the stage, its entry or its region is missing', () => {
    expect(() => stageConfig(undefined)).toThrow(
      'Choose a stage with -c stage=<name> (one of: example); stages are in infra/stages.ts.',
    );
    expect(() => stageConfig('prod')).toThrow('No stage "prod" in infra/stages.ts (there are: example).');
    const { region: _, ...noRegion } = example;
    expect(() => stageConfig('prod', {}, { prod: noRegion })).toThrow(
      /^Stage "prod" in infra\/stages\.ts: region: set the AWS region of the stage/,
    );
    expect(() => stageConfig('prod', {}, { prod: { ...example, region: 'us-east-1' } })).toThrow(/region/);
    expect(() => stageConfig('prod', {}, { prod: { ...example, senderAddress: 'a@other.dk' } })).toThrow(
      /senderAddress must be an address at the domain/,
    );
    expect(() => stageConfig('prod', {}, { prod: { ...example, extra: 1 } })).toThrow(/Unrecognized key/);
    expect(() =>
      stageConfig(
        'prod',
        {},
        { prod: { ...example, domain: 'a.venner.example.dk', senderAddress: 'n@a.venner.example.dk' } },
      ),
    ).toThrow(/hostedZone.name must be the domain itself/);
    // The CLI's region never decides: the stacks carry the stage's.
    const saved = process.env.CDK_DEFAULT_REGION;
    process.env.CDK_DEFAULT_REGION = 'us-east-1';
    try {
      const { app } = synth('plain', { plain: withoutZone });
      expect(app.stateful.region).toBe('eu-north-1');
      expect(app.stateless.region).toBe('eu-north-1');
      expect(app.edge.region).toBe('us-east-1');
    } finally {
      process.env.CDK_DEFAULT_REGION = saved;
    }
  }, 60_000);

  it('names no region but the stage’s in the data stacks; only the certificate and web ACL are read from us-east-1', () => {
    expect(JSON.stringify(main.stateful.toJSON())).not.toMatch(/us-east-1|us-west|ap-/);
    const stateless = JSON.stringify(main.stateless.toJSON());
    const usEast = stateless.match(/.{0,80}us-east-1/g) ?? [];
    expect(usEast.length).toBeGreaterThan(0);
    for (const mention of usEast)
      expect(mention).toMatch(/"StackName":"venner-example-edge","Region":"us-east-1$/);
    expect(main.app.edge.region).toBe('us-east-1');
  });
});

describe('reference data on AWS', () => {
  it('loads the kommuner with a custom resource backed by the reference-data function, again when the list changes', () => {
    const [resource] = Object.values(resourcesOf(main.stateless, 'Custom::KommunerReferenceData'));
    const fn = Object.entries(resourcesOf(main.stateless, 'AWS::Lambda::Function')).find(
      ([, r]) => r.Properties.FunctionName === 'venner-example-reference-data',
    );
    expect(fn).toBeDefined();
    expect(resource?.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [fn?.[0], 'Arn'] });
    expect(resource?.Properties.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('the site at https://<domain>', () => {
  const distribution = () => only(main.stateless, 'AWS::CloudFront::Distribution').DistributionConfig;

  it('serves the domain with the us-east-1 certificate over TLS 1.2+, and the web ACL', () => {
    const config = distribution();
    expect(config.Aliases).toEqual(['venner.example.dk']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: {
        'Fn::GetStackOutput': expect.objectContaining({
          StackName: 'venner-example-edge',
          Region: 'us-east-1',
        }),
      },
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(config.WebACLId).toEqual({
      'Fn::GetStackOutput': expect.objectContaining({ StackName: 'venner-example-edge' }),
    });
    main.edge.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'venner.example.dk',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'venner.example.dk', HostedZoneId: 'Z0EXAMPLE0VENNER' }],
    });
    main.edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: [
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: wafRateLimitPer5Minutes, AggregateKeyType: 'IP' } },
        }),
      ],
    });
    expect(resourcesOf(plain.edge, 'AWS::WAFv2::WebACL')).toEqual({});
    expect(
      only(plain.stateless, 'AWS::CloudFront::Distribution').DistributionConfig.WebACLId,
    ).toBeUndefined();
  });

  it('passes staff and form routes through uncached, with cookies, query strings and all headers but Host', () => {
    const { DefaultCacheBehavior: pass, Origins } = distribution();
    expect(pass).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      // Managed CachingDisabled and AllViewerExceptHostHeader (which adds CloudFront-Viewer-Address).
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      Compress: true,
    });
    // The origin is the HTTP API over HTTPS, sent the edge secret from Secrets Manager.
    expect(Origins).toHaveLength(1);
    expect(Origins[0].CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(Origins[0].DomainName)).toContain('.execute-api.eu-north-1.amazonaws.com');
    expect(Origins[0].OriginCustomHeaders).toEqual([
      {
        HeaderName: 'x-venner-edge',
        HeaderValue: {
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: expect.any(String) }, ':SecretString:::}}']],
        },
      },
    ]);
  });

  it('caches the versioned assets for a year and the public pages briefly, compressed, never keyed on cookies', () => {
    const behaviours = distribution().CacheBehaviors as Record<string, Cfn>[];
    const edgeCached = (routes as readonly RouteDefinition[]).filter((r) => r.edgeCache);
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(
      edgeCached.map((r) => r.path.replace('/{file+}', '/*')).sort(),
    );
    const policies = resourcesOf(main.stateless, 'AWS::CloudFront::CachePolicy');
    const policyOf = (pattern: string) => {
      const behaviour = behaviours.find((b) => b.PathPattern === pattern);
      expect(behaviour).toMatchObject({ AllowedMethods: ['GET', 'HEAD'], Compress: true });
      return policies[behaviour?.CachePolicyId.Ref]?.Properties.CachePolicyConfig;
    };
    expect(policyOf('/assets/*')).toMatchObject({
      DefaultTTL: 365 * 86400,
      MaxTTL: 365 * 86400,
      ParametersInCacheKeyAndForwardedToOrigin: {
        CookiesConfig: { CookieBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        EnableAcceptEncodingBrotli: true,
        EnableAcceptEncodingGzip: true,
      },
    });
    for (const pattern of ['/mangler-frivillige', '/api/kommuner/figures']) {
      expect(policyOf(pattern)).toMatchObject({
        DefaultTTL: publicPageEdgeSeconds.default,
        MaxTTL: publicPageEdgeSeconds.max,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: {
          CookiesConfig: { CookieBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          EnableAcceptEncodingBrotli: true,
        },
      });
    }
    // No staff route is cached at the edge.
    for (const route of edgeCached) expect(route.access).toBe('public');
  });

  it('points the domain at CloudFront in the hosted zone, or prints the record to publish', () => {
    for (const type of ['A', 'AAAA']) {
      main.stateless.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'venner.example.dk.',
        Type: type,
        HostedZoneId: 'Z0EXAMPLE0VENNER',
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Site'), 'DomainName'] },
          HostedZoneId: Match.anyValue(),
        },
      });
    }
    expect(resourcesOf(plain.stateless, 'AWS::Route53::RecordSet')).toEqual({});
    expect(plain.stateless.toJSON().Outputs.SiteDnsRecord.Value).toEqual({
      'Fn::Join': ['', ['venner.example.dk CNAME ', { 'Fn::GetAtt': [expect.any(String), 'DomainName'] }]],
    });
  });

  it('gives every function behind the API the edge secret and the asset version', () => {
    for (const fn of Object.values(resourcesOf(main.stateless, 'AWS::Lambda::Function'))) {
      const name = String(fn.Properties.FunctionName);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const behindApi = !/-(job-|outbox-sender|ses-events|reference-data)/.test(name);
      expect(Object.keys(variables).includes('EDGE_SECRET'), name).toBe(behindApi);
      if (behindApi) expect(variables.ASSET_VERSION, name).toMatch(/^[0-9a-f]{12}$/);
    }
  });
});

describe('email from day one', () => {
  it('has Easy DKIM, a custom MAIL FROM domain and a configuration set that requires TLS', () => {
    main.stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'venner.example.dk',
      MailFromAttributes: { MailFromDomain: 'mail.venner.example.dk', BehaviorOnMxFailure: 'REJECT_MESSAGE' },
    });
    main.stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    // With a hosted zone the records are created: three DKIM CNAMEs, the MAIL FROM MX and SPF, DMARC.
    const records = Object.values(resourcesOf(main.stateful, 'AWS::Route53::RecordSet')).map(
      (r) => r.Properties,
    );
    expect(records.filter((r) => r.Type === 'CNAME')).toHaveLength(3);
    expect(records.find((r) => r.Type === 'MX')?.Name).toBe('mail.venner.example.dk.');
    expect(records.find((r) => r.Name === '_dmarc.venner.example.dk.')?.ResourceRecords).toEqual([
      `"${dmarcRecordOf('drift@venner.example.dk')}"`,
    ]);
  });

  it('prints the DNS records to publish as outputs', () => {
    const outputs = plain.stateful.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of ['DkimRecord1', 'DkimRecord2', 'DkimRecord3'])
      expect(JSON.stringify(outputs[name]?.Value)).toContain('CNAME');
    expect(outputs.MailFromMxRecord?.Value).toBe(
      'mail.venner.example.dk MX 10 feedback-smtp.eu-north-1.amazonses.com',
    );
    expect(outputs.MailFromSpfRecord?.Value).toBe(
      'mail.venner.example.dk TXT "v=spf1 include:amazonses.com ~all"',
    );
    expect(outputs.DmarcRecord?.Value).toBe(
      `_dmarc.venner.example.dk TXT "${dmarcRecordOf('drift@venner.example.dk')}"`,
    );
  });

  it('sends staff invitations and password codes through SES from the domain, in Danish', () => {
    const pool = only(main.stateful, 'AWS::Cognito::UserPool');
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Venner <noreply@venner.example.dk>',
    });
    expect(JSON.stringify(pool.EmailConfiguration.SourceArn)).toContain(':identity/venner.example.dk');
    expect(pool.AdminCreateUserConfig.InviteMessageTemplate).toEqual({
      EmailSubject: staffEmailTexts.invitationSubject,
      EmailMessage: staffEmailTexts.invitationBody,
    });
    expect(pool.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage).toMatch(/\{username\}.*\{####\}/);
    expect(pool.VerificationMessageTemplate).toMatchObject({
      EmailSubject: 'Din kode til Venner',
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
    });
    expect(pool.DeletionProtection).toBe('ACTIVE');
    // The first deploy, before the SES identity is verified (Cognito refuses an unverified one).
    expect(only(plain.stateful, 'AWS::Cognito::UserPool').EmailConfiguration).toEqual({
      EmailSendingAccount: 'COGNITO_DEFAULT',
    });
  });
});

describe('staff accounts', () => {
  it('allows only the flows the sign-in page uses: password and refresh, no OAuth', () => {
    const client = only(main.stateful, 'AWS::Cognito::UserPoolClient');
    expect([...client.ExplicitAuthFlows].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
    ]);
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.CallbackURLs).toBeUndefined();
    expect(client.AllowedOAuthScopes).toBeUndefined();
    expect(client.SupportedIdentityProviders ?? ['COGNITO']).toEqual(['COGNITO']);
  });
});

describe('changes that do not block', () => {
  it('exports nothing: the stateless stack reads the stateful and edge stacks’ outputs weakly', () => {
    for (const template of [main.edge, main.stateful, main.stateless]) {
      const outputs = Object.values(
        (template.toJSON().Outputs ?? {}) as Record<string, { Export?: unknown }>,
      );
      expect(outputs.filter((o) => o.Export)).toEqual([]);
      expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    }
    const stateless = JSON.stringify(main.stateless.toJSON());
    expect(stateless).toMatch(/"Fn::GetStackOutput":\{"StackName":"venner-example-stateful"/);
  });

  it('starts every stream mapping at the oldest record kept', () => {
    const mappings = Object.values(resourcesOf(main.stateless, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings.length).toBeGreaterThan(0);
    for (const mapping of mappings) expect(mapping.Properties.StartingPosition).toBe('TRIM_HORIZON');
  });
});

describe('outputs', () => {
  it('print the site, the API, the user pool and client, the tables, the DNS records and the operations topic', () => {
    const statefulOutputs = Object.keys(main.stateful.toJSON().Outputs);
    const statelessOutputs = main.stateless.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(statelessOutputs.SiteUrl?.Value).toBe('https://venner.example.dk');
    expect(Object.keys(statelessOutputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'DistributionDomainName', 'OperationsTopicArn']),
    );
    expect(statefulOutputs).toEqual(
      expect.arrayContaining([
        'UserPoolId',
        'UserPoolClientId',
        'ConsentsTableName',
        'KommunerTableName',
        'DkimRecord1',
        'MailFromMxRecord',
        'DmarcRecord',
      ]),
    );
    main.stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@venner.example.dk',
    });
    main.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OperationsTopic') }],
    });
  });
});
