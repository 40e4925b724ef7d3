/**
 * One state machine per process in the catalogue, and the EventBridge Scheduler group and role its
 * timers use. Adding a process to workflows/processes.ts adds its state machine here.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { RunnableProcess } from '#core/process/definition';
import type { DataStore } from './data-store';
import { STATE_MACHINE_NAME_PREFIX } from './definitions';
import { acknowledge } from './nag';
import { ProcessStateMachine } from './state-machine';

export const SCHEDULER_GROUP_NAME = 'righttime-timers';

/** The name infra/state-machine.ts gives a process's state machine. */
export function stateMachineNameOf(processId: string): string {
  return `${STATE_MACHINE_NAME_PREFIX}${processId}`;
}

export interface ProcessesProps {
  processes: readonly RunnableProcess[];
  data: DataStore;
  /** Each process's rules step, by process id (infra/righttime-stack.ts). */
  decideFunctions: ReadonlyMap<string, lambda.IFunction>;
}

export class Processes extends Construct {
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;
  /** By process id, in catalogue order. */
  readonly stateMachines = new Map<string, sfn.StateMachine>();

  constructor(scope: Construct, id: string, props: ProcessesProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'TimerGroup', {
      scheduleGroupName: SCHEDULER_GROUP_NAME,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // EventBridge Scheduler assumes this role to start a process's execution when a timer falls due,
    // only for schedules in this account's timer group.
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'RightTime: EventBridge Scheduler starts process executions when timers fall due',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: SCHEDULER_GROUP_NAME,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          },
        },
      }),
    });

    for (const process of props.processes) {
      const decideFunction = props.decideFunctions.get(process.id);
      if (!decideFunction) throw new Error(`No rules step for the process ${process.id}`);
      const decideLogicalId = stack.resolve(
        stack.getLogicalId(decideFunction.node.defaultChild as lambda.CfnFunction),
      ) as string;
      // ERROR, without execution data: inputs and outputs hold ids, case codes and outcomes (never a
      // child's details: the rules step keeps them out), which logs do not need. Failures still show
      // which state failed and with which error; the case timeline and audit trail are in DynamoDB.
      const logGroup = new logs.LogGroup(this, `${process.id}-Logs`, {
        logGroupName: `/aws/vendedlogs/states/${stateMachineNameOf(process.id)}`,
        retention: logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const machine = new ProcessStateMachine(this, process.id, {
        processId: process.id,
        decideFunction,
        schedulerGroupName: SCHEDULER_GROUP_NAME,
        schedulerRole: this.schedulerRole,
        logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
        encryptionKey: props.data.key,
      });
      const stateMachine = machine.stateMachine;
      stateMachine.node.addDependency(this.scheduleGroup);
      this.stateMachines.set(process.id, stateMachine);

      // No table access: the rules step reads and commits (infra/righttime-stack.ts grants it the table).
      // CreateSchedule hands the scheduler role to EventBridge Scheduler.
      this.schedulerRole.grantPassRole(stateMachine.role);
      stateMachine.grantStartExecution(this.schedulerRole);
      // Execution data is encrypted with the data key: whoever starts an execution encrypts its input.
      props.data.key.grant(this.schedulerRole, 'kms:GenerateDataKey');
      props.data.key.grant(stateMachine.role, 'kms:GenerateDataKey', 'kms:Decrypt');

      acknowledge(
        machine,
        {
          id: 'AwsSolutions-SF1',
          reason:
            'Logged at ERROR without execution data on purpose: execution inputs and outputs carry case ' +
            "ids and outcomes, which the logs need not copy. Each event's outcome, " +
            'timeline entry and audit record is kept in DynamoDB instead.',
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'Only actions without resource-level permissions: X-Ray (PutTraceSegments, ' +
            'PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and the CloudWatch Logs ' +
            'vended-delivery actions Step Functions logging requires (CreateLogDelivery, GetLogDelivery, ' +
            'UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, ' +
            'DescribeResourcePolicies, DescribeLogGroups).',
        },
        {
          id:
            'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:' +
            `schedule/${SCHEDULER_GROUP_NAME}/*]`,
          reason:
            'Timers are one-time schedules named after each timer and created at run time; ' +
            'the wildcard is confined to the righttime-timers schedule group of this account and region.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::<${decideLogicalId}.Arn>:*]`,
          reason:
            "The LambdaInvoke task grants invoke on the process's rules step and its versions and aliases " +
            '(<arn>:*), as CDK does for every Lambda task; it is still that one function.',
        },
      );
    }
  }
}
