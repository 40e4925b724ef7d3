/** The notifier Lambda: outbox items arrive from the table's stream (filtered to new Outbox items). */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { dynamodb } from '../aws-sdk';
import { MetricUnit, metrics } from '../metrics';
import { errorKind, logger, loggerOptions } from '../observability';
import { dueAtOf, type QueuedMessage } from '../store/outbox';
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
    // The batch in due order (a late reminder before its breach); deliver also sends first any message
    // of the same transaction due before one, wherever its stream record is.
    const messages = event.Records.flatMap((record) => {
      const body = record.dynamodb?.NewImage?.body?.S;
      return body ? [readMessage(body)] : [];
    });
    messages.sort((a, b) => dueAtOf(a).localeCompare(dueAtOf(b)) || a.messageId.localeCompare(b.messageId));
    const alreadySent = new Set<string>();
    for (const message of messages) {
      logger.setCorrelationId(eventIdOfMessage(message.messageId));
      let result: 'sent' | 'alreadySent';
      try {
        result = await deliver(db, tableName, await sender(), message, new Date(), { sent: alreadySent });
      } catch (error) {
        // Failing the batch makes the stream retry it (then the dead-letter queue). The error thrown is
        // a plain one: Lambda logs an uncaught error's message, and a provider's may repeat an address.
        logger.error('Outbox message not delivered', { messageId: message.messageId, error: errorKind(error) });
        throw Object.assign(
          new Error(`Outbox message ${message.messageId} was not delivered (${errorKind(error).name})`),
          { name: 'DeliveryFailed' },
        );
      }
      if (result === 'sent') sent++;
      // The message id and the outcome only: never the address, subject or body.
      logger.info('Outbox message delivered', { messageId: message.messageId, result });
    }
    metrics.addDimension('Function', ALERTS_SENT_METRIC.dimensions.Function);
    metrics.addMetric(ALERTS_SENT_METRIC.metricName, MetricUnit.Count, sent);
  });

/**
 * The stored message; a body that cannot be read fails without echoing it (JSON.parse's message
 * quotes the text, which holds an address).
 */
function readMessage(body: string): QueuedMessage {
  let message: QueuedMessage | undefined;
  try {
    message = JSON.parse(body) as QueuedMessage;
  } catch {
    message = undefined;
  }
  if (!message?.messageId)
    throw Object.assign(new Error('the outbox item has no readable message'), { name: 'UnreadableOutboxItem' });
  return message;
}
