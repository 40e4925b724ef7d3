/**
 * The sweeper Lambda, run every 5 minutes by an EventBridge rule: sends the outbox messages the
 * stream-driven notifier left behind (functions/notifier/sweep.ts), through the same GOV.UK Notify
 * sender. It reports the age of the oldest message it could not send as a metric, and fails the
 * invocation when any message could not be sent, so the sweeper's Errors alarm tells someone.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { dynamodb, stepFunctions } from '../aws-sdk';
import { sweepOverdueWakeUps, type WakeSweepResult } from '../decide/wake-sweep';
import { metrics } from '../metrics';
import { CORRELATION_ID_PATHS, logger, loggerOptions } from '../observability';
import { notifySenderFromEnvironment } from './notify-sender';
import { recordSweep, type SweepResult, sweepOutbox } from './sweep';

const { DynamoDBClient } = dynamodb;

const db = new DynamoDBClient({});
/**
 * Step Functions is needed only when a case's wake-up is overdue (rare): its SDK is loaded then, not with
 * the module, so most sweeps never load it.
 */
let stepFunctionsClient: import('@aws-sdk/client-sfn').SFNClient | undefined;
function startExecutions() {
  const { SFNClient, StartExecutionCommand } = stepFunctions();
  stepFunctionsClient ??= new SFNClient({});
  return { client: stepFunctionsClient, StartExecutionCommand };
}

const sender = notifySenderFromEnvironment();

export const sweepHandler = middy<ScheduledEvent>()
  .use(injectLambdaContext(logger, loggerOptions(CORRELATION_ID_PATHS.scheduled)))
  .use(logMetrics(metrics))
  .handler(async (): Promise<SweepResult & { wakeUps: WakeSweepResult }> => {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    const arns = JSON.parse(process.env.STATE_MACHINE_ARNS ?? '{}') as Record<string, string>;
    const now = new Date();
    const result = await sweepOutbox(db, tableName, await sender(), now);
    recordSweep(result);
    const wakeUps = await sweepOverdueWakeUps(
      db,
      tableName,
      async (process, name, input) => {
        const stateMachineArn = arns[process];
        if (!stateMachineArn) throw new Error(`No state machine for process ${process}`);
        const { client, StartExecutionCommand } = startExecutions();
        await client.send(new StartExecutionCommand({ stateMachineArn, name, input }));
      },
      now,
    );
    if (wakeUps.overdue > 0) logger.warn('Overdue case wake-ups started again', { ...wakeUps });
    if (result.failed > 0)
      throw new Error(
        `${result.failed} of ${result.examined} waiting outbox messages could not be sent; ` +
          `the next sweep tries them again`,
      );
    if (wakeUps.failed > 0)
      throw new Error(
        `${wakeUps.failed} of ${wakeUps.overdue} overdue case wake-ups could not be started; ` +
          `the next sweep tries them again`,
      );
    return { ...result, wakeUps };
  });
