import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { StageConfig } from './stages.ts';

/** The stage's Route 53 hosted zone, where its DNS records are created; none, and they are outputs. */
export const hostedZoneOf = (scope: Construct, config: StageConfig): route53.IHostedZone | undefined =>
  config.hostedZone
    ? route53.HostedZone.fromHostedZoneAttributes(scope, 'Zone', {
        hostedZoneId: config.hostedZone.id,
        zoneName: config.hostedZone.name,
      })
    : undefined;
