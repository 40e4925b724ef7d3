/**
 * Where RightTime keeps personal data: the single table (functions/store/table.ts) and the secrets,
 * all encrypted with one customer-managed key.
 */
import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { INDEXES, TABLE_KEYS } from '#functions/store/table';
import { acknowledge } from './nag';

/** Items with this attribute (epoch seconds) are deleted by DynamoDB's TTL. */
export const TTL_ATTRIBUTE = 'expiresAt';

export class DataStore extends Construct {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  /** The key behind pseudonymous case codes (functions/runtime.ts: CASE_CODE_SECRET_ARN). */
  readonly caseCodeSecret: secretsmanager.Secret;
  /** The key behind councils' child keys (functions/runtime.ts: CHILD_KEY_SECRET_ARN); the API's only. */
  readonly childKeySecret: secretsmanager.Secret;
  /** The GOV.UK Notify API key, set by an operator after the first deployment. */
  readonly notifyApiKeySecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new kms.Key(this, 'Key', {
      alias: 'alias/righttime-data',
      description: 'RightTime: encrypts the case table, its stream, the secrets and the notifier dead-letter queue',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The notifier reads outbox items from the stream; it needs only the new image.
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    for (const index of INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.caseCodeSecret = new secretsmanager.Secret(this, 'CaseCodeSecret', {
      description:
        'RightTime: key that derives pseudonymous case codes for commissioners. ' +
        'Never rotate without re-coding every case.',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.childKeySecret = new secretsmanager.Secret(this, 'ChildKeySecret', {
      description:
        "RightTime: key that derives the pseudonymous child keys linking one child's cases across processes " +
        '(core/identity/child-key.ts). Never rotate without re-keying every case.',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.notifyApiKeySecret = new secretsmanager.Secret(this, 'NotifyApiKeySecret', {
      description:
        'RightTime: GOV.UK Notify API key used by the notifier. Deployed with a placeholder: ' +
        'an operator must set the real key (aws secretsmanager put-secret-value) before any message can be sent.',
      encryptionKey: this.key,
      // A placeholder, not a secret: the real key never appears in the template.
      secretStringValue: SecretValue.unsafePlainText('REPLACE-WITH-THE-GOV-UK-NOTIFY-API-KEY'),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    acknowledge(this.caseCodeSecret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The case code key derives the stable pseudonymous case codes commissioners see; ' +
        'rotating it would silently change every code and break the figures over time. ' +
        'Rotation is a planned re-coding, not an automatic schedule.',
    });
    acknowledge(this.childKeySecret, {
      id: 'AwsSolutions-SMG4',
      reason:
        "The child key secret derives the stable child keys stored on cases to link one child's cases; " +
        'rotating it would silently unlink every child. Rotation is a planned re-keying, not a schedule.',
    });
    acknowledge(this.notifyApiKeySecret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The GOV.UK Notify API key is issued and revoked in the GOV.UK Notify admin site; ' +
        'a rotation Lambda cannot create one. Operators rotate it there and put the new value here.',
    });
  }

  /**
   * Let a role use the table: the given actions on the table (and, for queries, on each named index;
   * no index wildcard), and the data key through DynamoDB only.
   */
  grantTable(role: iam.IRole, actions: string[], options: { indexes?: boolean } = {}): void {
    const resources = [this.table.tableArn];
    if (options.indexes) resources.push(...INDEXES.map((index) => `${this.table.tableArn}/index/${index.indexName}`));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
    this.grantKeyViaDynamoDb(role);
  }

  /** Let a role use one index only (e.g. Query on GSI1), and the data key through DynamoDB only. */
  grantIndex(role: iam.IRole, indexName: (typeof INDEXES)[number]['indexName'], actions: string[]): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions, resources: [`${this.table.tableArn}/index/${indexName}`] }),
    );
    this.grantKeyViaDynamoDb(role);
  }

  /** The table is encrypted with the data key: DynamoDB uses it on behalf of the caller. */
  grantKeyViaDynamoDb(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }
}
