/**
 * The outbox sweeper: every few minutes (infra/righttime-stack.ts), send what the stream-driven
 * notifier left behind. A message is left behind when its stream record exhausted its retries (it is
 * then in the dead-letter queue, still pending), when the notifier died between its claim and its mark
 * (the claim goes stale after STALE_CLAIM_MS and is taken over here), or when the put-back after a
 * failed send itself failed (the same).
 *
 * It reads the pending index (GSI1 `OUTBOX#PENDING#<00-15>`, every shard, merged oldest first) with
 * Queries, never a Scan, and only messages older than `olderThanMs`: fresh ones are the
 * stream's. Each message goes through `deliver`, whose conditional claim keeps the sweeper and
 * the notifier from sending the same message twice.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OutboxMessage } from '#core/process/model';
import { dynamodb } from '../aws-sdk';
import { MetricUnit, metrics } from '../metrics';
import { logger, METRICS_NAMESPACE, SERVICE_NAME } from '../observability';
import { dueAtOf, type QueuedMessage } from '../store/outbox';
import { bodyOf, gsi } from '../store/table';
import { deliver, type Sender } from './deliver';

const { paginateQuery } = dynamodb;

/** The index whose partitions `OUTBOX#PENDING#<shard>` list messages waiting to be sent (functions/store/table.ts). */
export const PENDING_INDEX = 'GSI1';

export interface SweepOptions {
  /** Leave messages younger than this to the stream (default 2 minutes). */
  olderThanMs?: number;
  /** At most this many messages per sweep, oldest first (default 500). */
  limit?: number;
  /** Messages sent at once (default 4). */
  concurrency?: number;
}

export interface SweepResult {
  /** Messages the sweep found waiting and tried. */
  examined: number;
  /** Sent by this sweep. */
  sent: number;
  /** Already sent, or claimed by a delivery still within its time. */
  alreadySent: number;
  /** Could not be sent (the next sweep tries again). */
  failed: number;
  /** Age of the oldest examined message this sweep did not send itself, 0 when it sent them all. */
  oldestUnsentAgeSeconds: number;
}

/**
 * Where the sweeper reports how long the oldest unsent message has waited (Powertools metrics, which
 * add the `service` dimension to every metric); infra/monitoring.ts alarms on exactly this metric.
 */
export const OUTBOX_AGE_METRIC = {
  namespace: METRICS_NAMESPACE,
  metricName: 'OutboxOldestUnsentAgeSeconds',
  dimensions: { service: SERVICE_NAME, Function: 'OutboxSweeper' },
} as const;

type QueriedItem = Record<string, { S?: string } & Record<string, unknown>>;

export async function sweepOutbox(
  db: DynamoDBClient,
  tableName: string,
  sender: Sender,
  now: Date,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const { olderThanMs = 2 * 60_000, limit = 500, concurrency = 4 } = options;
  const items = await waitingMessages(db, tableName, new Date(now.getTime() - olderThanMs), limit);
  const result: SweepResult = { examined: items.length, sent: 0, alreadySent: 0, failed: 0, oldestUnsentAgeSeconds: 0 };
  const leftUnsent = (item: QueriedItem) => {
    const createdAt = Date.parse(createdAtOf(item));
    if (Number.isFinite(createdAt))
      result.oldestUnsentAgeSeconds = Math.max(
        result.oldestUnsentAgeSeconds,
        Math.floor((now.getTime() - createdAt) / 1000),
      );
  };

  const sweepOne = async (item: QueriedItem) => {
    const messageId = messageIdOf(item);
    let message: QueuedMessage | undefined;
    try {
      message = readMessage(item);
      const outcome = await deliver(db, tableName, sender, message, now);
      result[outcome]++;
      if (outcome === 'alreadySent') leftUnsent(item);
    } catch (error) {
      result.failed++;
      leftUnsent(item);
      // The message id and what went wrong, never the address or the text (even if an error repeats them).
      const { name, message: text } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      logger.error('Outbox message not sent by the sweeper', {
        messageId,
        error: { name, message: withoutPersonalData(text, message) },
      });
    }
  };

  // In due order, one case's messages by one worker in turn (a late reminder before its breach; cases
  // side by side). deliver also sends first any message of the same transaction due before one.
  const cases = new Map<string, QueriedItem[]>();
  for (const item of [...items].sort(
    (a, b) => dueOf(a).localeCompare(dueOf(b)) || messageIdOf(a).localeCompare(messageIdOf(b)),
  )) {
    const caseId = caseIdOf(item);
    const ofCase = cases.get(caseId);
    if (ofCase) ofCase.push(item);
    else cases.set(caseId, [item]);
  }
  const queue = [...cases.values()];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) for (const item of queue[next++]!) await sweepOne(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  return result;
}

/** Messages on the pending index created at or before `createdBy`, oldest first across every shard, at most `limit`. */
async function waitingMessages(
  db: DynamoDBClient,
  tableName: string,
  createdBy: Date,
  limit: number,
): Promise<QueriedItem[]> {
  const items: QueriedItem[] = [];
  if (limit <= 0) return items;
  for await (const item of pendingOutboxItems(db, tableName, { createdBy, pageSize: Math.min(limit, 100) })) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

/**
 * Every message on the pending index (created at or before `createdBy`, when given), oldest first
 * across the OUTBOX_SHARDS partitions: each shard is paged with paginateQuery (pages of at most
 * `pageSize`), first pages of all shards at once, and the shards' heads are merged by creation
 * (GSI1SK `<createdAt>#<messageId>`). A shard's next page is read only when its head is taken, so a
 * reader that stops early reads at most one page per shard beyond what it took.
 */
export async function* pendingOutboxItems(
  db: DynamoDBClient,
  tableName: string,
  options: { createdBy?: Date; pageSize?: number } = {},
): AsyncGenerator<QueriedItem> {
  const { createdBy, pageSize } = options;
  const shards = gsi.pendingOutboxShards().map((partition) => ({
    pages: paginateQuery(
      { client: db, ...(pageSize ? { pageSize } : {}) },
      {
        TableName: tableName,
        IndexName: PENDING_INDEX,
        // GSI1SK is `<createdAt>#<messageId>`; `~` sorts after `#`, so this takes
        // every message created up to the instant.
        KeyConditionExpression: createdBy ? 'GSI1PK = :pending AND GSI1SK <= :createdBy' : 'GSI1PK = :pending',
        ExpressionAttributeValues: {
          ':pending': { S: partition },
          ...(createdBy ? { ':createdBy': { S: `${createdBy.toISOString()}~` } } : {}),
        },
      },
    ),
    waiting: [] as QueriedItem[],
    exhausted: false,
  }));
  type Shard = (typeof shards)[number];
  const refill = async (shard: Shard) => {
    while (shard.waiting.length === 0 && !shard.exhausted) {
      const page = await shard.pages.next();
      if (page.done) shard.exhausted = true;
      else shard.waiting.push(...((page.value.Items ?? []) as QueriedItem[]));
    }
  };
  await Promise.all(shards.map(refill));
  for (;;) {
    let oldest: Shard | undefined;
    for (const shard of shards)
      if (shard.waiting.length > 0 && (!oldest || sortKeyOf(shard.waiting[0]!) < sortKeyOf(oldest.waiting[0]!)))
        oldest = shard;
    if (!oldest) return;
    yield oldest.waiting.shift()!;
    await refill(oldest);
  }
}

/** The message's due instant (its body's), else its creation; an unreadable body sorts by creation. */
function dueOf(item: QueriedItem): string {
  try {
    const message = bodyOf<QueuedMessage>(item);
    if (message?.createdAt) return dueAtOf(message);
  } catch {
    // read again (and reported) when it is sent
  }
  return createdAtOf(item);
}

function caseIdOf(item: QueriedItem): string {
  try {
    return bodyOf<QueuedMessage>(item)?.caseId ?? messageIdOf(item);
  } catch {
    return messageIdOf(item);
  }
}

function sortKeyOf(item: QueriedItem): string {
  return item.GSI1SK?.S ?? '';
}

function messageIdOf(item: QueriedItem): string {
  return (item.PK?.S ?? '').replace(/^OUTBOX#/, '');
}

function createdAtOf(item: QueriedItem): string {
  return (item.GSI1SK?.S ?? '').split('#')[0]!;
}

/** The stored message; a body that cannot be read fails without echoing it (it holds an address). */
function readMessage(item: QueriedItem): QueuedMessage {
  let message: QueuedMessage | undefined;
  try {
    message = bodyOf<QueuedMessage>(item);
  } catch {
    message = undefined;
  }
  if (!message?.messageId) {
    const error = new Error('the outbox item has no readable message');
    error.name = 'UnreadableOutboxItem';
    throw error;
  }
  return message;
}

/** An error's text without the message's address, subject or body, nor anything shaped like an email address. */
function withoutPersonalData(text: string, message: OutboxMessage | undefined): string {
  let out = text;
  for (const value of [message?.address, message?.subject, message?.body])
    if (value) out = out.split(value).join('[redacted]');
  return out.replace(/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g, '[redacted]');
}

/**
 * The sweep's result: the age of the oldest unsent message as a metric (published by the handler's
 * `logMetrics` middleware), and the counts in one log line. No personal data in either.
 */
export function recordSweep(result: SweepResult): void {
  metrics.addDimension('Function', OUTBOX_AGE_METRIC.dimensions.Function);
  metrics.addMetric(OUTBOX_AGE_METRIC.metricName, MetricUnit.Seconds, result.oldestUnsentAgeSeconds);
  logger.info('Outbox sweep finished', { ...result });
}
