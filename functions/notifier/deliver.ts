/**
 * Delivering queued messages: each outbox item is sent once through a Sender (GOV.UK Notify in AWS,
 * the local inbox on one machine) and then marked sent, leaving the pending index.
 *
 * A sender that is not idempotent claims the message first (`pending` → `sending`, with `claimedAt`).
 * A claim older than STALE_CLAIM_MS belongs to a delivery that died between the claim and the mark
 * (a timeout, a crash, or a put-back that itself failed), so another delivery (the sweeper,
 * functions/notifier/sweep.ts) may take it over. That is at least once, not exactly once: a delivery
 * killed after GOV.UK Notify accepted the message but before it was marked sent is sent again.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamodb } from '../aws-sdk';
import type { OutboxMessage } from '#core/process/model';
import { key } from '../store/table';

const { UpdateItemCommand } = dynamodb;

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
 * asserted in test/infra/stack.test.ts), so a live delivery is never taken over.
 */
export const STALE_CLAIM_MS = 10 * 60_000;

/** The claim's condition: pending, or claimed by a delivery that has not finished in STALE_CLAIM_MS. */
export const CLAIM_CONDITION = '#status = :pending OR (#status = :sending AND claimedAt < :staleBefore)';

export async function deliver(db: DynamoDBClient, tableName: string, sender: Sender, message: OutboxMessage, now: Date): Promise<'sent' | 'alreadySent'> {
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

async function markSent(db: DynamoDBClient, tableName: string, k: { PK: string; SK: string }, result: { providerId?: string }, now: Date, onlyIfPending: boolean): Promise<'sent' | 'alreadySent'> {
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        UpdateExpression: 'SET #status = :sent, sentAt = :now, providerId = :pid REMOVE GSI1PK, GSI1SK',
        ...(onlyIfPending ? { ConditionExpression: '#status = :pending' } : {}),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': { S: 'sent' }, ':now': { S: now.toISOString() }, ':pid': { S: result.providerId ?? '' }, ...(onlyIfPending ? { ':pending': { S: 'pending' } } : {}) },
      }),
    );
  } catch (error) {
    if (onlyIfPending && (error as Error).name === 'ConditionalCheckFailedException') return 'alreadySent';
    throw error;
  }
  return 'sent';
}
