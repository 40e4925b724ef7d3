/**
 * The state machine every process runs, one short Express execution per event (named after the
 * event id and an attempt; the API starts it synchronously, the scheduler and the sweeper
 * asynchronously): apply the rules (the rules step reads the case, decides and commits in one
 * transaction, retrying a concurrent change itself), then create, move or delete the case's one-time
 * schedule. At most five states per event; no state's data holds a child's details.
 *
 * JSONPath only, no waits, no heartbeats: the same definition runs in AWS and in the local runtime.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CONFLICT_RETRY_POLICY, RULES_ERROR, SDK_ERROR, STATE } from './state-names';

export interface ProcessStateMachineProps {
  processId: string;
  /** The Lambda function that applies the process rules (functions/decide). */
  decideFunction: IFunction;
  schedulerGroupName: string;
  /** Role EventBridge Scheduler assumes to start executions of this state machine. */
  schedulerRole: IRole;
  logs?: sfn.LogOptions;
  /**
   * Customer-managed key for execution data at rest (ids, wake-ups and responses: no
   * child's details, but case ids and outcomes).
   */
  encryptionKey?: IKey;
}

export class ProcessStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: ProcessStateMachineProps) {
    super(scope, id);
    const stateMachineName = `righttime-${props.processId}`;
    // What the SDK tasks may touch: this state machine's own executions and the schedules in its group.
    const ownArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const schedulesArn = Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${props.schedulerGroupName}/*`,
    });

    // The rules step reads (the case, the staged request, the event's own record), decides and commits
    // in one transaction itself (functions/decide/handler.ts): no state's input or output holds the case
    // or the request, only ids, the wake-up and the response. A case that kept changing through the
    // step's own retries (ConcurrentChanges) is tried again here, after a full-jitter wait.
    const applyRules = new tasks.LambdaInvoke(this, 'ApplyRules', {
      stateName: STATE.applyRules,
      lambdaFunction: props.decideFunction,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        'event.$': '$.event',
        'stateMachineArn.$': '$$.StateMachine.Id',
      }),
      resultPath: '$.decision',
      retryOnServiceExceptions: true,
    });
    applyRules.addRetry({
      errors: [RULES_ERROR.concurrentChanges],
      maxAttempts: CONFLICT_RETRY_POLICY.maxAttempts,
      interval: Duration.seconds(CONFLICT_RETRY_POLICY.intervalSeconds),
      backoffRate: CONFLICT_RETRY_POLICY.backoffRate,
      maxDelay: Duration.seconds(CONFLICT_RETRY_POLICY.maxDelaySeconds),
      jitterStrategy: sfn.JitterType.FULL,
    });
    applyRules.addRetry({
      errors: [...RULES_ERROR.storeBusy],
      maxAttempts: 4,
      interval: Duration.seconds(1),
      backoffRate: 2,
      jitterStrategy: sfn.JitterType.FULL,
    });

    // The case's wake-up: one one-time EventBridge schedule per case, for its soonest timer, whose target
    // starts this state machine with a timersDue event (every timer due by then fires).
    const scheduleParameters = {
      'Name.$': '$.decision.wake.name',
      GroupName: props.schedulerGroupName,
      'ScheduleExpression.$': '$.decision.wake.expression',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
        RoleArn: props.schedulerRole.roleArn,
        'Input.$': '$.decision.wake.targetInput',
        RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
      },
    };
    const updateSchedule = new tasks.CallAwsService(this, 'UpdateSchedule', {
      stateName: STATE.updateSchedule,
      service: 'scheduler',
      action: 'updateSchedule',
      parameters: scheduleParameters,
      iamResources: [schedulesArn],
      iamAction: 'scheduler:UpdateSchedule',
      resultPath: sfn.JsonPath.DISCARD,
    });
    // The case already has a schedule (for an earlier instant): move it.
    const createSchedule = new tasks.CallAwsService(this, 'CreateSchedule', {
      stateName: STATE.createSchedule,
      service: 'scheduler',
      action: 'createSchedule',
      parameters: scheduleParameters,
      iamResources: [schedulesArn],
      iamAction: 'scheduler:CreateSchedule',
      resultPath: sfn.JsonPath.DISCARD,
    });
    createSchedule.addCatch(updateSchedule, { errors: [SDK_ERROR.scheduleConflict], resultPath: sfn.JsonPath.DISCARD });

    const startNow = new tasks.CallAwsService(this, 'StartNow', {
      stateName: STATE.startNow,
      service: 'sfn',
      action: 'startExecution',
      parameters: {
        'StateMachineArn.$': '$$.StateMachine.Id',
        'Name.$': '$.decision.wake.executionName',
        'Input.$': '$.decision.wake.executionInput',
      },
      iamResources: [ownArn],
      iamAction: 'states:StartExecution',
      resultPath: sfn.JsonPath.DISCARD,
    });
    startNow.addCatch(new sfn.Pass(this, 'AlreadyStarted', { stateName: STATE.alreadyStarted }), {
      errors: [SDK_ERROR.executionExists],
      resultPath: sfn.JsonPath.DISCARD,
    });

    const deleteSchedule = new tasks.CallAwsService(this, 'DeleteSchedule', {
      stateName: STATE.deleteSchedule,
      service: 'scheduler',
      action: 'deleteSchedule',
      parameters: { 'Name.$': '$.decision.wake.name', GroupName: props.schedulerGroupName },
      iamResources: [schedulesArn],
      iamAction: 'scheduler:DeleteSchedule',
      resultPath: sfn.JsonPath.DISCARD,
    });
    deleteSchedule.addCatch(new sfn.Pass(this, 'AlreadyGone', { stateName: STATE.alreadyGone }), {
      errors: [SDK_ERROR.scheduleNotFound],
      resultPath: sfn.JsonPath.DISCARD,
    });

    const done = new sfn.Pass(this, 'Done', { stateName: STATE.done, outputPath: '$.decision.response' });

    const wakeUp = new sfn.Choice(this, 'WakeUp', { stateName: STATE.wakeUp })
      .when(
        sfn.Condition.and(
          sfn.Condition.stringEquals('$.decision.wake.action', 'set'),
          sfn.Condition.booleanEquals('$.decision.wake.dueNow', true),
        ),
        startNow,
      )
      .when(sfn.Condition.stringEquals('$.decision.wake.action', 'set'), createSchedule)
      .when(sfn.Condition.stringEquals('$.decision.wake.action', 'delete'), deleteSchedule)
      .otherwise(done);
    for (const step of [startNow, createSchedule, updateSchedule, deleteSchedule]) step.next(done);

    const definition = applyRules.next(wakeUp);

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      queryLanguage: sfn.QueryLanguage.JSON_PATH,
      timeout: Duration.minutes(5),
      tracingEnabled: true,
      ...(props.logs ? { logs: props.logs } : {}),
      ...(props.encryptionKey
        ? {
            encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(
              props.encryptionKey,
              Duration.minutes(5),
            ),
          }
        : {}),
    });
  }
}
