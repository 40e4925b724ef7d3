/** The notifier Lambda: outbox items arrive from the table's stream (filtered to new Outbox items). */
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { OutboxMessage } from '#core/process/model';
import { deliver } from './deliver';
import { notifySenderFromEnvironment } from './notify-sender';

const db = new DynamoDBClient({});

const sender = notifySenderFromEnvironment();

export const handler = middy<DynamoDBStreamEvent>().handler(async (event) => {
  const tableName = process.env.TABLE_NAME!;
  for (const record of event.Records) {
    const body = record.dynamodb?.NewImage?.body?.S;
    if (!body) continue;
    const message = JSON.parse(body) as OutboxMessage;
    const result = await deliver(db, tableName, await sender(), message, new Date());
    console.log(JSON.stringify({ level: 'info', where: 'notifier', messageId: message.messageId, result }));
  }
});
