/**
 * The councils' feed of clock events on an EventBridge bus (issue 18). Each feed entry is written in the
 * commit of the change it records (functions/store/feed.ts); an EventBridge Pipe reads the new feed items
 * from the table's stream and puts each on the `righttime-clock-events` bus as it is, with no code of
 * ours: every field of the entry is an attribute of its item, and the pipe's input template names them
 * (FEED_FIELDS). A council subscribes with a rule on the bus matching `detail.council` (docs/api.md).
 *
 * Exactly once in the data, at least once on the bus: the stream holds each committed entry once, but a
 * pipe retries a batch that failed, so a subscriber may see an entry twice and keeps the entry's `id`
 * (unique, sortable) to know it. A batch that still fails after its retries goes to the dead-letter queue
 * (alarmed), and the entries stay readable from GET /feeds/{council}/events for 90 days.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FEED_FIELDS } from '#functions/store/feed';
import { acknowledge } from './nag';

/** The bus's name, the events' source and detail type, as subscribers' rules name them. */
export const FEED_BUS_NAME = 'righttime-clock-events';
export const FEED_EVENT_SOURCE = 'righttime.feed';
export const FEED_DETAIL_TYPE = 'RightTime clock event';

/** Only new feed items reach the pipe (the notifier reads the same stream, filtered to the outbox). */
export const FEED_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { entityType: { S: ['Feed'] } } },
};

/**
 * The event's detail: every field of the entry, from its item's attributes (each a string; an optional
 * field absent is ''). Pipes writes each value as a JSON string, escaped.
 */
export const FEED_INPUT_TEMPLATE = `{${FEED_FIELDS.map(
  (field) => `"${field}": <$.dynamodb.NewImage.${field === 'id' ? 'SK' : field}.S>`,
).join(', ')}}`;

export interface FeedBusProps {
  table: dynamodb.ITable;
  /** The data key: the table's stream, the bus and the dead-letter queue are encrypted with it. */
  key: kms.IKey;
}

export class FeedBus extends Construct {
  readonly bus: events.EventBus;
  readonly pipe: pipes.CfnPipe;
  readonly deadLetters: sqs.Queue;
  readonly deadLettersAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FeedBusProps) {
    super(scope, id);
    const { table, key } = props;
    if (!table.tableStreamArn) throw new Error('The feed bus reads the table stream: the table must have one');

    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: FEED_BUS_NAME,
      description: "RightTime: clock events of each council's cases, for the councils' case systems",
      kmsKey: key,
    });

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetters, {
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter destination of the feed's pipe; it needs none of its own.",
    });

    const role = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      description: 'RightTime: reads new feed items from the table stream and puts them on the clock-events bus',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [table.tableStreamArn],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [this.bus.eventBusArn] }));
    // The stream and the bus are encrypted with the data key; the dead-letter queue too.
    key.grant(role, 'kms:Decrypt', 'kms:GenerateDataKey');
    this.deadLetters.grantSendMessages(role);
    acknowledge(
      role,
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Reading a DynamoDB stream needs dynamodb:ListStreams, which does not support resource-level permissions.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'Sending to the KMS-encrypted dead-letter queue: grantSendMessages grants the data key for SQS ' +
          'server-side encryption (GenerateDataKey*), on that one key only.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason:
          'Sending to the KMS-encrypted dead-letter queue: grantSendMessages grants the data key for SQS ' +
          'server-side encryption (ReEncrypt*), on that one key only.',
      },
    );

    this.pipe = new pipes.CfnPipe(this, 'Pipe', {
      description: 'RightTime: each new feed entry, from the table stream to the clock-events bus',
      roleArn: role.roleArn,
      source: table.tableStreamArn,
      sourceParameters: {
        filterCriteria: { filters: [{ pattern: JSON.stringify(FEED_STREAM_FILTER) }] },
        dynamoDbStreamParameters: {
          startingPosition: 'LATEST',
          batchSize: 10,
          maximumRetryAttempts: 10,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.deadLetters.queueArn },
        },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        inputTemplate: FEED_INPUT_TEMPLATE,
        eventBridgeEventBusParameters: { source: FEED_EVENT_SOURCE, detailType: FEED_DETAIL_TYPE },
      },
    });
    // The role's policy must exist before the pipe starts reading.
    this.pipe.node.addDependency(role);

    this.deadLettersAlarm = new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmDescription:
        'RightTime: feed entries did not reach the clock-events bus (they are still in GET /feeds/{council}/events)',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
