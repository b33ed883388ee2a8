import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { roles, staffTokenHours } from '../shared/roles.ts';
import { type KeyDefinition, type TableDefinition, type TableKey, tables } from '../shared/tables.ts';

export interface StatefulStackProps extends StackProps {
  readonly stage: string;
  readonly domain: string;
}

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

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: 'Encrypts the venner tables (personal data of refugees and volunteers)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
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
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          deletionProtection: true,
          removalPolicy: RemovalPolicy.RETAIN,
          encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.dataKey),
        }),
      ]),
    ) as Record<TableKey, dynamodb.TableV2>;

    this.userPool = new cognito.UserPool(this, 'StaffUserPool', {
      userPoolName: `venner-${props.stage}-staff`,
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
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
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
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(staffTokenHours.access),
      idTokenValidity: Duration.hours(staffTokenHours.id),
      refreshTokenValidity: Duration.hours(staffTokenHours.refresh),
    });

    this.configurationSet = new ses.ConfigurationSet(this, 'EmailConfigurationSet', {
      configurationSetName: `venner-${props.stage}`,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: ses.Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
  }
}
