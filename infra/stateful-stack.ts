import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { envDefaults } from '../shared/env.ts';
import { roles, staffTokenHours } from '../shared/roles.ts';
import {
  backupRetentionDays,
  type KeyDefinition,
  type TableDefinition,
  type TableKey,
  tables,
} from '../shared/tables.ts';
import { hostedZoneOf } from './hosted-zone.ts';
import type { StageConfig } from './stages.ts';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig & { readonly stage: string };
}

/** The custom MAIL FROM domain under the site's domain (bounces come back to SES through it). */
export const mailFromDomainOf = (domain: string) => `mail.${domain}`;

/** The DMARC record to publish at `_dmarc.<domain>`: quarantine what fails, reports to the alarm mailbox. */
export const dmarcRecordOf = (alarmEmail: string) =>
  `v=DMARC1; p=quarantine; adkim=s; aspf=r; rua=mailto:${alarmEmail}`;

/** What Cognito sends staff, in Danish, from the programme's domain. */
export const staffEmailTexts = {
  invitationSubject: 'Din adgang til Venner',
  invitationBody:
    'Hej,<br><br>Du er oprettet som medarbejder i Venner. Log ind med<br>E-mail: {username}<br>Midlertidig adgangskode: {####}<br><br>Du vælger din egen adgangskode og opsætter en godkendelsesapp, første gang du logger ind. Den midlertidige adgangskode virker i 3 dage.<br><br>Venner – Røde Kors og Dansk Flygtningehjælp',
  codeSubject: 'Din kode til Venner',
  codeBody:
    'Hej,<br><br>Din kode er {####}<br><br>Har du ikke bedt om en ny adgangskode, kan du se bort fra denne e-mail.<br><br>Venner – Røde Kors og Dansk Flygtningehjælp',
} as const;

const attribute = (key: KeyDefinition): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/**
 * Everything that holds data or identity and must outlive any deployment: the tables (from the
 * table definitions), the key that encrypts them, the staff user pool and the SES identity.
 * All of it is retained when the stack is deleted.
 */
export class StatefulStack extends Stack {
  readonly tables: Record<TableKey, dynamodb.TableV2>;
  readonly dataKey: kms.Key;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly emailIdentity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const zone = hostedZoneOf(this, config);

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: 'Encrypts the venner tables (personal data of refugees and volunteers)',
      enableKeyRotation: true,
      removalPolicy,
    });

    this.tables = Object.fromEntries(
      (Object.entries(tables) as [TableKey, TableDefinition][]).map(([key, definition]) => [
        key,
        new dynamodb.TableV2(this, `${key[0]?.toUpperCase()}${key.slice(1)}Table`, {
          partitionKey: attribute(definition.partitionKey),
          sortKey: definition.sortKey ? attribute(definition.sortKey) : undefined,
          globalSecondaryIndexes: definition.indexes.map((index) => ({
            indexName: index.name,
            partitionKey: attribute(index.partitionKey),
            sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
          })),
          timeToLiveAttribute: definition.ttlAttribute,
          dynamoStream: definition.stream ? dynamodb.StreamViewType.NEW_IMAGE : undefined,
          billing: dynamodb.Billing.onDemand(),
          pointInTimeRecoverySpecification: {
            pointInTimeRecoveryEnabled: true,
            recoveryPeriodInDays: backupRetentionDays,
          },
          deletionProtection: config.retainData,
          removalPolicy,
          encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.dataKey),
        }),
      ]),
    ) as Record<TableKey, dynamodb.TableV2>;

    this.userPool = new cognito.UserPool(this, 'StaffUserPool', {
      userPoolName: `venner-${config.stage}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: config.retainData,
      removalPolicy,
      // Invitations and password codes through SES, from the programme's domain, in Danish.
      email:
        config.staffEmail === 'ses'
          ? cognito.UserPoolEmail.withSES({
              fromEmail: config.senderAddress,
              fromName: 'Venner',
              sesRegion: config.region,
              sesVerifiedDomain: config.domain,
            })
          : cognito.UserPoolEmail.withCognito(),
      userInvitation: {
        emailSubject: staffEmailTexts.invitationSubject,
        emailBody: staffEmailTexts.invitationBody,
      },
      userVerification: {
        emailSubject: staffEmailTexts.codeSubject,
        emailBody: staffEmailTexts.codeBody,
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
    });
    const planReason =
      'Threat protection needs the Plus feature plan (paid per user). Staff accounts are created by administrators only, MFA is required and sign-in is rate limited by Cognito; revisit when the programme has the budget.';
    Validations.of(this.userPool).acknowledge(
      { id: 'AwsSolutions-COG3', reason: planReason },
      { id: 'AwsSolutions-COG8', reason: planReason },
    );
    for (const role of roles) {
      new cognito.CfnUserPoolGroup(this, `Group${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `venner role: ${role}`,
      });
    }
    this.userPoolClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'venner-web',
      // Only what the sign-in page uses: the password (then the TOTP challenge) and refresh tokens;
      // no hosted UI, so no OAuth flows, callbacks or scopes.
      authFlows: { userPassword: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(staffTokenHours.access),
      idTokenValidity: Duration.hours(staffTokenHours.id),
      refreshTokenValidity: Duration.hours(staffTokenHours.refresh),
    });

    this.configurationSet = new ses.ConfigurationSet(this, 'EmailConfigurationSet', {
      configurationSetName: envDefaults.configurationSetName(config.stage),
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
      // Emails carry personal data: never in clear between mail servers.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    const mailFromDomain = mailFromDomainOf(config.domain);
    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', {
      // With a hosted zone, the DKIM and MAIL FROM records are created in it.
      identity: zone ? ses.Identity.publicHostedZone(zone) : ses.Identity.domain(config.domain),
      configurationSet: this.configurationSet,
      mailFromDomain,
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE,
    });
    this.emailIdentity.applyRemovalPolicy(removalPolicy);
    if (zone) {
      new route53.TxtRecord(this, 'DmarcTxtRecord', {
        zone,
        recordName: `_dmarc.${config.domain}`,
        values: [dmarcRecordOf(config.alarmEmail)],
      });
    }

    // The DNS records to publish (docs/deploy.md), and what the stateless stack and people need.
    this.emailIdentity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'Easy DKIM: publish as a CNAME record',
      });
    });
    new CfnOutput(this, 'MailFromMxRecord', {
      value: `${mailFromDomain} MX 10 feedback-smtp.${config.region}.amazonses.com`,
      description: 'Custom MAIL FROM: publish as an MX record',
    });
    new CfnOutput(this, 'MailFromSpfRecord', {
      value: `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      description: 'Custom MAIL FROM: publish as a TXT record',
    });
    new CfnOutput(this, 'DmarcRecord', {
      value: `_dmarc.${config.domain} TXT "${dmarcRecordOf(config.alarmEmail)}"`,
      description: 'DMARC: publish as a TXT record',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'DataKeyArn', {
      value: this.dataKey.keyArn,
      description: 'For restoring a table (docs/deploy.md)',
    });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    for (const [key, table] of Object.entries(this.tables)) {
      new CfnOutput(this, `${key[0]?.toUpperCase()}${key.slice(1)}TableName`, { value: table.tableName });
    }
  }
}
