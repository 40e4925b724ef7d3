/**
 * Delivering queued messages: each outbox item is sent once through a Sender (GOV.UK Notify in AWS,
 * the local inbox on one machine) and then marked sent, leaving the pending index.
 *
 * A sender that is not idempotent claims the message first (`pending` → `sending`, with `claimedAt`).
 * A claim older than STALE_CLAIM_MS belongs to a delivery that died between the claim and the mark
 * (a timeout, a crash, or a put-back that itself failed), so another delivery (the sweeper,
 * functions/notifier/sweep.ts) may take it over. That is at least once, not exactly once: a delivery
 * killed after GOV.UK Notify accepted the message but before it was marked sent is sent again.
 *
 * Messages go in due order. A wake-up after downtime fires a reminder and its breach in one transaction;
 * each message names those of the same transaction due just before it (`after`, functions/store/transaction.ts),
 * and is sent only once they are: a predecessor still pending is delivered first, here; one another
 * delivery is sending is waited for (EARLIER_MESSAGE_WAIT_MS at most, then EarlierMessageNotSent, which
 * the stream or the next sweep retries). So a breach is never sent before its own reminder, whichever
 * stream record or sweep reaches it first.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OutboxMessage } from '#core/process/model';
import { dynamodb } from '../aws-sdk';
import type { QueuedMessage } from '../store/outbox';
import { bodyOf, key } from '../store/table';

const { GetItemCommand, UpdateItemCommand } = dynamodb;

export interface Sender {
  send(message: OutboxMessage): Promise<{ providerId?: string }>;
  /**
   * True when sending the same message twice delivers it once (e.g. the local inbox, keyed by message
   * id). Then no claim is needed before sending: one write per message instead of two.
   */
  readonly idempotent?: boolean;
}

/**
 * How old a claim must be before another delivery may take it over. It must be clearly longer than any
 * function that claims messages can run (the notifier and the sweeper: infra/righttime-stack.ts,
 * asserted in infra/stack.test.ts), so a live delivery is never taken over.
 */
export const STALE_CLAIM_MS = 10 * 60_000;

/** The claim's condition: pending, or claimed by a delivery that has not finished in STALE_CLAIM_MS. */
export const CLAIM_CONDITION = '#status = :pending OR (#status = :sending AND claimedAt < :staleBefore)';

/** How long a message waits for an earlier one that another delivery is sending (it takes a second or so). */
export const EARLIER_MESSAGE_WAIT_MS = 20_000;

export interface DeliverOptions {
  /** Ids known to be sent already (a delivery run sending in due order): no read to check them. */
  sent?: Set<string>;
  /** How long to wait for an earlier message another delivery is sending (default EARLIER_MESSAGE_WAIT_MS). */
  waitMs?: number;
  pollMs?: number;
}

/** An earlier message of the same transaction was still being sent by another delivery: try this one again later. */
export class EarlierMessageNotSent extends Error {
  constructor(messageId: string, earlier: string) {
    super(`Outbox message ${messageId} waits for ${earlier}, which another delivery is still sending`);
    this.name = 'EarlierMessageNotSent';
  }
}

export async function deliver(
  db: DynamoDBClient,
  tableName: string,
  sender: Sender,
  message: QueuedMessage,
  now: Date,
  options: DeliverOptions = {},
): Promise<'sent' | 'alreadySent'> {
  await earlierMessagesFirst(db, tableName, sender, message, now, options);
  const outcome = await deliverOne(db, tableName, sender, message, now);
  options.sent?.add(message.messageId);
  return outcome;
}

/** Every message `message` follows is sent, by this delivery if no other is sending it. */
async function earlierMessagesFirst(
  db: DynamoDBClient,
  tableName: string,
  sender: Sender,
  message: QueuedMessage,
  now: Date,
  options: DeliverOptions,
): Promise<void> {
  for (const earlier of message.after ?? []) {
    if (options.sent?.has(earlier)) continue;
    const k = key.outbox(earlier);
    const deadline = Date.now() + (options.waitMs ?? EARLIER_MESSAGE_WAIT_MS);
    for (;;) {
      const out = await db.send(
        new GetItemCommand({ TableName: tableName, Key: { PK: { S: k.PK }, SK: { S: k.SK } }, ConsistentRead: true }),
      );
      const status = out.Item?.status?.S;
      if (!out.Item || status === 'sent') break;
      const claimedAt = out.Item.claimedAt?.S ?? '';
      if (
        status === 'pending' ||
        (status === 'sending' && claimedAt < new Date(now.getTime() - STALE_CLAIM_MS).toISOString())
      ) {
        // Sent here, first; or someone else took it meanwhile (look again).
        if ((await deliver(db, tableName, sender, bodyOf<QueuedMessage>(out.Item)!, now, options)) === 'sent') break;
        continue;
      }
      if (Date.now() >= deadline) throw new EarlierMessageNotSent(message.messageId, earlier);
      await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
    options.sent?.add(earlier);
  }
}

async function deliverOne(
  db: DynamoDBClient,
  tableName: string,
  sender: Sender,
  message: OutboxMessage,
  now: Date,
): Promise<'sent' | 'alreadySent'> {
  const k = key.outbox(message.messageId);
  if (sender.idempotent) return markSent(db, tableName, k, await sender.send(message), now, true);
  // Claim the message first, so two deliveries of the same stream record send it once; a stale claim
  // (its delivery died) may be taken over. Instants are UTC ISO-8601 strings, so they compare as text.
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        UpdateExpression: 'SET #status = :sending, claimedAt = :now',
        ConditionExpression: CLAIM_CONDITION,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': { S: 'sending' },
          ':pending': { S: 'pending' },
          ':now': { S: now.toISOString() },
          ':staleBefore': { S: staleBefore.toISOString() },
        },
      }),
    );
  } catch (error) {
    // Sent, or claimed by a delivery still within its time.
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'alreadySent';
    throw error;
  }
  let result: { providerId?: string };
  try {
    result = await sender.send(message);
  } catch (error) {
    // Put it back so a retry can claim it again. If this write fails too, the claim goes stale and the
    // sweeper takes it over after STALE_CLAIM_MS.
    await db.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        UpdateExpression: 'SET #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': { S: 'pending' } },
      }),
    );
    throw error;
  }
  return markSent(db, tableName, k, result, now, false);
}

async function markSent(
  db: DynamoDBClient,
  tableName: string,
  k: { PK: string; SK: string },
  result: { providerId?: string },
  now: Date,
  onlyIfPending: boolean,
): Promise<'sent' | 'alreadySent'> {
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        UpdateExpression: 'SET #status = :sent, sentAt = :now, providerId = :pid REMOVE GSI1PK, GSI1SK',
        ...(onlyIfPending ? { ConditionExpression: '#status = :pending' } : {}),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': { S: 'sent' },
          ':now': { S: now.toISOString() },
          ':pid': { S: result.providerId ?? '' },
          ...(onlyIfPending ? { ':pending': { S: 'pending' } } : {}),
        },
      }),
    );
  } catch (error) {
    if (onlyIfPending && (error as Error).name === 'ConditionalCheckFailedException') return 'alreadySent';
    throw error;
  }
  return 'sent';
}
