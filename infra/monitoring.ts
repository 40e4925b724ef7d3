/**
 * Alarms to an encrypted SNS topic, and a small dashboard: executions started and failed per process,
 * notifier errors and the dead-letter queue's depth, sweeper errors and how long the oldest unsent
 * alert has waited.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { STALE_CLAIM_MS } from '#functions/notifier/deliver';
import { OUTBOX_AGE_METRIC } from '#functions/notifier/sweep';

export interface MonitoringProps {
  stateMachines: ReadonlyMap<string, sfn.StateMachine>;
  notifierFunction: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  sweeperFunction: lambda.IFunction;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * An alert still unsent after this long needs a person: by then a dead claim (STALE_CLAIM_MS) has been
 * taken over and at least one more sweep (every 5 minutes) has tried it.
 */
export const OUTBOX_AGE_ALARM_SECONDS = (STALE_CLAIM_MS + 2 * FIVE_MINUTES.toMilliseconds()) / 1000;

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    // Its own key, because CloudWatch must be allowed to use it to publish alarms to the topic.
    const key = new kms.Key(this, 'Key', {
      alias: 'alias/righttime-alarms',
      description: 'RightTime: encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'RightTime alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const action = new SnsAction(this.topic);

    const alarm = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      description: string,
      options: { threshold?: number; treatMissingData?: cloudwatch.TreatMissingData } = {},
    ) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        alarmDescription: description,
        threshold: options.threshold ?? 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };

    const started: cloudwatch.IMetric[] = [];
    const failed: cloudwatch.IMetric[] = [];
    for (const [processId, stateMachine] of props.stateMachines) {
      // Labels only on the dashboard: an alarm on a labelled metric is rendered as metric math.
      failed.push(
        stateMachine.metricFailed({
          period: FIVE_MINUTES,
          statistic: cloudwatch.Stats.SUM,
          label: `${processId} failed`,
        }),
      );
      started.push(
        stateMachine.metricStarted({
          period: FIVE_MINUTES,
          statistic: cloudwatch.Stats.SUM,
          label: `${processId} started`,
        }),
      );
      alarm(
        `${processId}-ExecutionsFailed`,
        stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        `An event for ${processId} could not be applied (an execution failed). ` +
          `Find it in the Step Functions console and check the case.`,
      );
    }

    const deadLetters = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: FIVE_MINUTES,
      statistic: cloudwatch.Stats.MAXIMUM,
    });
    alarm(
      'NotifierDeadLetters',
      deadLetters,
      'Outbox records the notifier could not process after its retries are in the dead-letter queue: ' +
        'alerts may not have been sent.',
    );

    const notifierErrors = props.notifierFunction.metricErrors({
      period: FIVE_MINUTES,
      statistic: cloudwatch.Stats.SUM,
    });
    alarm(
      'NotifierErrors',
      notifierErrors,
      'The notifier failed while sending alerts; it will retry, but check GOV.UK Notify and the notifier logs.',
    );

    const sweeperErrors = props.sweeperFunction.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM });
    alarm(
      'SweeperErrors',
      sweeperErrors,
      'The outbox sweeper could not send some waiting alerts, or did not finish; ' +
        'it tries again every 5 minutes, but check GOV.UK Notify and the sweeper logs (they name the message ids).',
    );

    // Reported by every sweep (functions/notifier/sweep.ts, through Powertools metrics, which add the
    // `service` dimension: OUTBOX_AGE_METRIC names both). Missing data means the sweeper has not
    // reported for 15 minutes: that too needs a person.
    const oldestUnsent = new cloudwatch.Metric({
      namespace: OUTBOX_AGE_METRIC.namespace,
      metricName: OUTBOX_AGE_METRIC.metricName,
      dimensionsMap: { ...OUTBOX_AGE_METRIC.dimensions },
      period: Duration.minutes(15),
      statistic: cloudwatch.Stats.MAXIMUM,
    });
    alarm(
      'OutboxWaitingTooLong',
      oldestUnsent,
      `An alert has waited more than ${OUTBOX_AGE_ALARM_SECONDS / 60} minutes without being sent, ` +
        `or the outbox sweeper has not reported for 15 minutes. A child may be waiting: ` +
        `check GOV.UK Notify, the sweeper logs and the notifier dead-letter queue.`,
      { threshold: OUTBOX_AGE_ALARM_SECONDS, treatMissingData: cloudwatch.TreatMissingData.BREACHING },
    );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: 'RightTime',
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'Executions started', left: started, width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Executions failed', left: failed, width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'Notifier dead letters and errors',
            left: [deadLetters.with({ label: 'Dead letters' }), notifierErrors.with({ label: 'Notifier errors' })],
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Sweeper errors',
            left: [sweeperErrors.with({ label: 'Sweeper errors' })],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Oldest unsent alert (seconds)',
            left: [oldestUnsent.with({ label: 'Oldest unsent alert' })],
            width: 12,
          }),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
      ],
    });
  }
}
