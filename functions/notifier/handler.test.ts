/** The notifier Lambda's seam: what it logs per message (ids and outcomes, correlated with the event), and how it fails. */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { inDueOrder, outboxItem } from '../store/transaction';
import { eventIdOfMessage, handler } from './handler';
import { useHandlerEnvironment } from './handler-test-support';

const ddb = mockClient(DynamoDBClient);
const secrets = mockClient(SecretsManagerClient);
const context = { functionName: 'righttime-notifier', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

const message = {
  messageId: 'evt-open-42-m0',
  caseId: 'iha-42',
  caseCode: 'IHA-42',
  recipientRole: 'socialWorker',
  address: 'case.worker@riverside.example.gov.uk',
  subject: 'Health assessment request due for case IHA-42',
  body: 'Sign in to RightTime to see case IHA-42.',
  createdAt: '2026-12-18T09:00:00.000Z',
};
const streamEvent = (body: string) =>
  ({
    Records: [{ eventID: 'stream-1', dynamodb: { NewImage: { ...outboxItem(message), body: { S: body } } } }],
  }) as unknown as DynamoDBStreamEvent;

const logs = useHandlerEnvironment(ddb, secrets);

describe('notifier handler', () => {
  it('logs each message by id and outcome, correlated with the event that queued it, and never its address, subject or body', async () => {
    // Prepare: the message was already sent (its claim fails), so nothing reaches GOV.UK Notify
    ddb
      .on(UpdateItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    // Act
    await handler(streamEvent(JSON.stringify(message)), context);
    // Assess
    const lines = logs().map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        service: 'righttime',
        message: 'Outbox message delivered',
        messageId: message.messageId,
        result: 'alreadySent',
        correlation_id: 'evt-open-42',
        function_name: 'righttime-notifier',
      }),
    );
    expect(lines.find((line) => '_aws' in line)).toMatchObject({
      service: 'righttime',
      Function: 'Notifier',
      AlertsSent: 0,
    });
    for (const value of [message.address, message.subject, message.body])
      expect(logs().join('\n')).not.toContain(value);
  });

  it('fails the batch when a message cannot be delivered, naming the message and the error kind only', async () => {
    // Prepare: the claim is throttled, and the error (as a careless one might) repeats the address
    ddb.on(UpdateItemCommand).rejects(
      Object.assign(new Error(`throttled while sending to ${message.address}`), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    // Act
    const run = handler(streamEvent(JSON.stringify(message)), context);
    // Assess
    await expect(run).rejects.toMatchObject({
      name: 'DeliveryFailed',
      message: `Outbox message ${message.messageId} was not delivered (ThrottlingException)`,
    });
    const error = logs()
      .map((line) => JSON.parse(line))
      .find((line) => line.level === 'ERROR');
    expect(error).toMatchObject({
      messageId: message.messageId,
      correlation_id: 'evt-open-42',
      error: { name: 'ThrottlingException', status: 400 },
    });
    expect(logs().join('\n')).not.toContain(message.address);
  });

  it('delivers a batch in due order: a late reminder before its breach, whatever the order of the stream records', async () => {
    // Prepare: one wake-up after downtime queued a reminder (due Thursday) and its breach (due Friday);
    // their stream records arrive breach first. Each claim finds the message already sent (nothing reaches Notify).
    const [reminder, breach] = inDueOrder([
      { ...message, messageId: 'wake-iha-42-1-m0', dueAt: '2026-12-17T23:59:59.999Z' },
      { ...message, messageId: 'wake-iha-42-1-m1', dueAt: '2026-12-18T23:59:59.999Z' },
    ]);
    const claimed: string[] = [];
    ddb.on(UpdateItemCommand).callsFake((input: { Key: { PK: { S: string } } }) => {
      claimed.push(input.Key.PK.S.replace(/^OUTBOX#/, ''));
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    });
    const record = (m: object, id: string) => ({
      eventID: id,
      dynamodb: { NewImage: { ...outboxItem(message), body: { S: JSON.stringify(m) } } },
    });
    // Act
    await handler(
      { Records: [record(breach!, 'stream-2'), record(reminder!, 'stream-1')] } as unknown as DynamoDBStreamEvent,
      context,
    );
    // Assess: the reminder first; the breach needed no read to know its reminder was dealt with
    expect(claimed).toEqual([reminder!.messageId, breach!.messageId]);
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(0);
  });

  it('fails on a body it cannot read without echoing it (JSON.parse would quote the address)', async () => {
    // Act
    const run = handler(streamEvent(`{"messageId":"evt-open-42-m0","address":"${message.address}"`), context);
    // Assess
    await expect(run).rejects.toMatchObject({
      name: 'UnreadableOutboxItem',
      message: 'the outbox item has no readable message',
    });
  });
});

describe('eventIdOfMessage', () => {
  it("is the message id without its '-m<n>' suffix (core/process/change.ts)", () => {
    expect(eventIdOfMessage('evt-open-42-m0')).toBe('evt-open-42');
    expect(eventIdOfMessage('fire-tmr-1-m12')).toBe('fire-tmr-1');
  });
});
