/** The sweeper Lambda's seam: its secret, its metric and log lines, and failing the invocation when a message could not be sent. */
import { DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { gsi } from '../store/table';
import { outboxItem } from '../store/transaction';
import { FAKE_NOTIFY_KEY, SECRET_ARN, useHandlerEnvironment } from './handler-test-support';
import { NotifySender, notifySenderFromEnvironment } from './notify-sender';
import { sweepHandler } from './sweep-handler';

const ddb = mockClient(DynamoDBClient);
const secrets = mockClient(SecretsManagerClient);

const event = {
  id: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  detail: {},
} as unknown as ScheduledEvent;
const context = { getRemainingTimeInMillis: () => 180_000 } as unknown as Context;

const logs = useHandlerEnvironment(ddb, secrets);

describe('sweepHandler', () => {
  it('sweeps the table named by TABLE_NAME and logs one metric line; the Notify key is read from its secret once per container', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    // Act
    const first = await sweepHandler(event, context);
    await sweepHandler(event, context);
    // Assess
    expect(first).toEqual({
      examined: 0,
      sent: 0,
      alreadySent: 0,
      failed: 0,
      oldestUnsentAgeSeconds: 0,
      wakeUps: { overdue: 0, started: 0, failed: 0 },
    });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'righttime-test',
      IndexName: 'GSI1',
    });
    const secretReads = secrets.commandCalls(GetSecretValueCommand);
    expect(secretReads.map((c) => c.args[0].input)).toEqual([{ SecretId: SECRET_ARN }]);
    const lines = logs().map((line) => JSON.parse(line));
    const metricLines = lines.filter((line) => '_aws' in line);
    expect(metricLines).toEqual([
      expect.objectContaining({ service: 'righttime', Function: 'OutboxSweeper', OutboxOldestUnsentAgeSeconds: 0 }),
      expect.objectContaining({ service: 'righttime', Function: 'OutboxSweeper', OutboxOldestUnsentAgeSeconds: 0 }),
    ]);
    // Each sweep's counts in one log line, correlated with the scheduled event that started it.
    const sweeps = lines.filter((line) => line.message === 'Outbox sweep finished');
    expect(sweeps).toEqual([
      expect.objectContaining({ level: 'INFO', service: 'righttime', correlation_id: event.id, examined: 0 }),
      expect.objectContaining({ level: 'INFO', service: 'righttime', correlation_id: event.id, examined: 0 }),
    ]);
  });

  it('fails the invocation when a message could not be sent, after reporting how long it has waited', async () => {
    // Prepare: a message from 25 minutes ago whose claim is throttled (so nothing reaches GOV.UK Notify)
    const createdAt = new Date(Date.now() - 25 * 60_000).toISOString();
    const message = {
      messageId: 'fire-tmr-1-m0',
      caseId: 'iha-1',
      caseCode: 'IHA-1',
      recipientRole: 'socialWorker',
      address: 'sam@riverside.example.gov.uk',
      subject: 's',
      body: 'b',
      createdAt,
    };
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pending': { S: gsi.pendingOutbox(message.messageId) } } })
      .resolves({ Items: [outboxItem(message)] });
    ddb.on(UpdateItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    // Act
    const sweep = sweepHandler(event, context);
    // Assess
    await expect(sweep).rejects.toThrow('1 of 1 waiting outbox messages could not be sent');
    const lines = logs().map((line) => JSON.parse(line));
    const metric = lines.find((line) => '_aws' in line);
    expect(metric.OutboxOldestUnsentAgeSeconds).toBeGreaterThanOrEqual(25 * 60);
    expect(lines.find((line) => line.message === 'Outbox sweep finished')).toMatchObject({ failed: 1, examined: 1 });
    expect(logs().join('\n')).not.toContain(message.address);
  });
});

describe('notifySenderFromEnvironment (shared by the notifier and the sweeper)', () => {
  it('keeps the sender once built, but not a failed secret read: the next call tries again', async () => {
    // Prepare
    secrets.reset();
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('Secrets Manager is unavailable'), { name: 'InternalServiceError' }))
      .resolves({ SecretString: FAKE_NOTIFY_KEY });
    const sender = notifySenderFromEnvironment({
      NOTIFY_API_KEY_SECRET_ARN: SECRET_ARN,
      NOTIFY_TEMPLATE_ID: 'template',
    });
    // Act / Assess
    await expect(sender()).rejects.toThrow('Secrets Manager is unavailable');
    const built = await sender();
    expect(built).toBeInstanceOf(NotifySender);
    expect(await sender()).toBe(built);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('says which setting is missing', async () => {
    await expect(notifySenderFromEnvironment({})()).rejects.toThrow('NOTIFY_API_KEY_SECRET_ARN is not set');
  });
});
