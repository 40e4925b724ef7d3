/** The notifier Lambda: outbox items arrive from the table's stream (filtered to new Outbox items). */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { dynamodb } from '../aws-sdk';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { OutboxMessage } from '#core/process/model';
import { errorKind, logger, loggerOptions } from '../observability';
import { metrics, MetricUnit } from '../metrics';
import { deliver } from './deliver';
import { notifySenderFromEnvironment } from './notify-sender';

const { DynamoDBClient } = dynamodb;

const db = new DynamoDBClient({});

const sender = notifySenderFromEnvironment();

/** Alerts this notifier sent (a metric in the RightTime namespace, with its Function dimension). */
export const ALERTS_SENT_METRIC = { metricName: 'AlertsSent', dimensions: { Function: 'Notifier' } } as const;

/** A message's id is `<event id>-m<n>` (core/process/change.ts): the event that queued it is the correlation id. */
export function eventIdOfMessage(messageId: string): string {
  return messageId.replace(/-m\d+$/, '');
}

export const handler = middy<DynamoDBStreamEvent>()
  .use(injectLambdaContext(logger, loggerOptions()))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const tableName = process.env.TABLE_NAME!;
    let sent = 0;
    for (const record of event.Records) {
      const body = record.dynamodb?.NewImage?.body?.S;
      if (!body) continue;
      const message = readMessage(body);
      logger.setCorrelationId(eventIdOfMessage(message.messageId));
      let result: 'sent' | 'alreadySent';
      try {
        result = await deliver(db, tableName, await sender(), message, new Date());
      } catch (error) {
        // Failing the batch makes the stream retry it (then the dead-letter queue). The error thrown is
        // a plain one: Lambda logs an uncaught error's message, and a provider's may repeat an address.
        logger.error('Outbox message not delivered', { messageId: message.messageId, error: errorKind(error) });
        throw Object.assign(new Error(`Outbox message ${message.messageId} was not delivered (${errorKind(error).name})`), { name: 'DeliveryFailed' });
      }
      if (result === 'sent') sent++;
      // The message id and the outcome only: never the address, subject or body.
      logger.info('Outbox message delivered', { messageId: message.messageId, result });
    }
    metrics.addDimension('Function', ALERTS_SENT_METRIC.dimensions.Function);
    metrics.addMetric(ALERTS_SENT_METRIC.metricName, MetricUnit.Count, sent);
  });

/** The stored message; a body that cannot be read fails without echoing it (JSON.parse's message quotes the text, which holds an address). */
function readMessage(body: string): OutboxMessage {
  let message: OutboxMessage | undefined;
  try {
    message = JSON.parse(body) as OutboxMessage;
  } catch {
    message = undefined;
  }
  if (!message?.messageId) throw Object.assign(new Error('the outbox item has no readable message'), { name: 'UnreadableOutboxItem' });
  return message;
}
