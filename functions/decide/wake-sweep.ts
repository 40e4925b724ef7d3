/**
 * Overdue wake-ups, started again. A case's one EventBridge schedule starts its wake-up execution once;
 * if that execution fails (the store was throttled, a deployment was under way), the case's wake-up
 * item stays on the index with its instant in the past. The sweeper (every 5 minutes) finds those
 * older than a grace period and starts the wake-up again under a new execution name, so no case is
 * left waiting. The data keeps it exactly-once: a wake-up that already applied moved its item on.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamodb } from '../aws-sdk';
import { bodyOf, gsi, WAKE_SHARDS } from '../store/table';
import { wakeEvent } from './wake';

const { paginateQuery } = dynamodb;

/** A wake-up this long overdue is taken to have failed (its schedule fires within a minute). */
export const WAKE_GRACE_MS = 5 * 60_000;

export type StartWakeUp = (process: string, executionName: string, input: string) => Promise<void>;

export interface WakeSweepResult {
  overdue: number;
  started: number;
  failed: number;
}

export async function sweepOverdueWakeUps(
  db: DynamoDBClient,
  tableName: string,
  start: StartWakeUp,
  now: Date,
  options: { graceMs?: number; limit?: number } = {},
): Promise<WakeSweepResult> {
  const before = new Date(now.getTime() - (options.graceMs ?? WAKE_GRACE_MS)).toISOString();
  const limit = options.limit ?? 500;
  const overdue: { caseId: string; process: string; dueAt: string }[] = [];
  for (let shard = 0; shard < WAKE_SHARDS && overdue.length < limit; shard++) {
    const pages = paginateQuery(
      { client: db, pageSize: 100 },
      {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
        ExpressionAttributeValues: { ':pk': { S: gsi.wake(shard) }, ':before': { S: before } },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? [])
        overdue.push(bodyOf<{ caseId: string; process: string; dueAt: string }>(item)!);
      if (overdue.length >= limit) break;
    }
  }
  const result: WakeSweepResult = { overdue: overdue.length, started: 0, failed: 0 };
  // A new name per sweep: the failed execution keeps its own name for 90 days.
  const attempt = `s${Math.floor(now.getTime() / 60_000)}`;
  for (const wake of overdue.slice(0, limit)) {
    const event = wakeEvent(wake, wake.dueAt);
    try {
      await start(wake.process, `${event.eventId}-${attempt}`, JSON.stringify({ event, attempt: 0 }));
      result.started++;
    } catch {
      result.failed++;
    }
  }
  return result;
}
