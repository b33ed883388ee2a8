import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { hostedZoneOf } from './hosted-zone.ts';
import type { StageConfig } from './stages.ts';

export interface EdgeStackProps extends StackProps {
  readonly config: StageConfig & { readonly stage: string };
}

/** Requests one viewer address may send in five minutes before the web ACL blocks it for a while. */
export const wafRateLimitPer5Minutes = 1_000;

/**
 * What CloudFront can only use from us-east-1: the site's certificate (DNS-validated: in the hosted
 * zone when the stage has one, else the deploy waits until the CNAME shown in the ACM console and
 * by `aws acm describe-certificate` is published) and, if the stage wants it, a WAF web ACL.
 */
export class EdgeStack extends Stack {
  readonly certificate: acm.Certificate;
  readonly webAclArn?: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const zone = hostedZoneOf(this, config);
    this.certificate = new acm.Certificate(this, 'SiteCertificate', {
      domainName: config.domain,
      validation: acm.CertificateValidation.fromDns(zone),
      certificateName: `venner-${config.stage}`,
    });
    new CfnOutput(this, 'CertificateArn', {
      value: this.certificate.certificateArn,
      description: 'The certificate of https://<domain> (ACM, us-east-1)',
    });

    if (config.waf) {
      const acl = new wafv2.CfnWebACL(this, 'WebAcl', {
        name: `venner-${config.stage}`,
        scope: 'CLOUDFRONT',
        defaultAction: { allow: {} },
        visibilityConfig: {
          cloudWatchMetricsEnabled: true,
          metricName: `venner-${config.stage}`,
          sampledRequestsEnabled: false,
        },
        rules: [
          {
            name: 'rate-per-viewer',
            priority: 0,
            action: { block: {} },
            statement: {
              rateBasedStatement: { limit: wafRateLimitPer5Minutes, aggregateKeyType: 'IP' },
            },
            visibilityConfig: {
              cloudWatchMetricsEnabled: true,
              metricName: 'rate-per-viewer',
              // Sampled requests would keep viewers' addresses and paths in the console.
              sampledRequestsEnabled: false,
            },
          },
        ],
      });
      this.webAclArn = acl.attrArn;
    }
  }
}
