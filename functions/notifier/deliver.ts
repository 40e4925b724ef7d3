/**
 * Delivering queued messages: each outbox item is sent once through a Sender (GOV.UK Notify in AWS,
 * the local inbox on one machine) and then marked sent, leaving the pending index.
 */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OutboxMessage } from '../core/process/model';
import { key } from '../store/table';

export interface Sender {
  send(message: OutboxMessage): Promise<{ providerId?: string }>;
  /**
   * True when sending the same message twice delivers it once (e.g. the local inbox, keyed by message
   * id). Then no claim is needed before sending: one write per message instead of two.
   */
  readonly idempotent?: boolean;
}

export async function deliver(db: DynamoDBClient, tableName: string, sender: Sender, message: OutboxMessage, now: Date): Promise<'sent' | 'alreadySent'> {
  const k = key.outbox(message.messageId);
  if (sender.idempotent) return markSent(db, tableName, k, await sender.send(message), now, true);
  // Claim the message first, so two deliveries of the same stream record send it once.
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        UpdateExpression: 'SET #status = :sending, claimedAt = :now',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': { S: 'sending' }, ':pending': { S: 'pending' }, ':now': { S: now.toISOString() } },
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'alreadySent';
    throw error;
  }
  let result: { providerId?: string };
  try {
    result = await sender.send(message);
  } catch (error) {
    // Put it back so a retry can claim it again.
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
