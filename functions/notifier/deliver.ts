/**
 * Delivering queued messages: each outbox item is sent once through a Sender (GOV.UK Notify in AWS,
 * the local inbox on one machine) and then marked sent, leaving the pending index.
 */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OutboxMessage } from '../core/process/model';
import { key } from '../store/table';

export interface Sender {
  send(message: OutboxMessage): Promise<{ providerId?: string }>;
}

export async function deliver(db: DynamoDBClient, tableName: string, sender: Sender, message: OutboxMessage, now: Date): Promise<'sent' | 'alreadySent'> {
  const k = key.outbox(message.messageId);
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
  await db.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: { PK: { S: k.PK }, SK: { S: k.SK } },
      UpdateExpression: 'SET #status = :sent, sentAt = :now, providerId = :pid REMOVE GSI1PK, GSI1SK',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': { S: 'sent' }, ':now': { S: now.toISOString() }, ':pid': { S: result.providerId ?? '' } },
    }),
  );
  return 'sent';
}
