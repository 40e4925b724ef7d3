/**
 * Messages in due order, on the real DynamoDB Local of the test run: a wake-up after downtime queues a
 * reminder and its breach in one transaction, and whichever stream record or sweep reaches the breach
 * first, the reminder is sent before it.
 */
import { randomUUID } from 'node:crypto';
import {
  type DynamoDBClient,
  GetItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { OutboxMessage } from '#core/process/model';
import { ensureTable, localClient } from '#local/dynamodb-local';
import { synthesizedDefinitions } from '#local/synth';
import { inDueOrder, type QueuedMessage } from '../store/outbox';
import { key } from '../store/table';
import { outboxItem } from '../store/transaction';
import { deliver, EarlierMessageNotSent, type Sender } from './deliver';
import { sweepOutbox } from './sweep';

/** Queued on Monday morning after a weekend's downtime; due on Thursday (reminder) and Friday (breach). */
const QUEUED = '2027-01-11T08:40:00.000Z';
const NOW = new Date('2027-01-11T08:45:00Z');

let client: DynamoDBClient;
let tableName: string;

function messageOf(caseId: string, n: number, role: string, dueAt: string): OutboxMessage {
  return {
    messageId: `wake-${caseId}-${randomUUID().slice(0, 6)}-m${n}`,
    caseId,
    caseCode: caseId.toUpperCase(),
    recipientRole: role,
    address: `${role}@riverside.example.gov.uk`,
    subject: `Due ${dueAt} for case ${caseId.toUpperCase()}`,
    body: 'Sign in to RightTime to see the case.',
    createdAt: QUEUED,
    dueAt,
  };
}

/** One case's late wake-up: a reminder to the social worker, then the breach to the worker and the manager. */
function lateWakeUp(
  caseId: string,
  reminderAt = '2027-01-07T23:59:59.999Z',
  breachAt = '2027-01-08T23:59:59.999Z',
): QueuedMessage[] {
  return inDueOrder([
    messageOf(caseId, 0, 'socialWorker', reminderAt),
    messageOf(caseId, 1, 'socialWorker', breachAt),
    messageOf(caseId, 2, 'manager', breachAt),
  ]);
}

/** Queue messages in one transaction, as the rules step does. */
async function queue(messages: QueuedMessage[]): Promise<void> {
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: messages.map((m) => ({
        Put: { TableName: tableName, Item: outboxItem(m), ConditionExpression: 'attribute_not_exists(PK)' },
      })),
    }),
  );
}

/** A sender that is not idempotent (like GOV.UK Notify): it records every send, in order. */
function recordingSender(): Sender & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m.messageId);
      await new Promise((r) => setTimeout(r, 2));
      return { providerId: `notify-${sent.length}` };
    },
  };
}

async function statusOf(messageId: string): Promise<string | undefined> {
  const k = key.outbox(messageId);
  return (
    await client.send(
      new GetItemCommand({ TableName: tableName, Key: { PK: { S: k.PK }, SK: { S: k.SK } }, ConsistentRead: true }),
    )
  ).Item?.status?.S;
}

async function claim(messageId: string, claimedAt: Date): Promise<void> {
  const k = key.outbox(messageId);
  await client.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: { PK: { S: k.PK }, SK: { S: k.SK } },
      UpdateExpression: 'SET #status = :sending, claimedAt = :at',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': { S: 'sending' }, ':at': { S: claimedAt.toISOString() } },
    }),
  );
}

beforeAll(() => {
  client = localClient(inject('dynamoEndpoint'));
});

beforeEach(async () => {
  tableName = `t-${randomUUID()}`;
  await ensureTable(client, tableName, synthesizedDefinitions().tableProperties);
});

afterAll(() => {
  client?.destroy();
});

describe('inDueOrder', () => {
  it('names, for each message, those of the latest earlier instant: none for the first, the reminder for each breach', () => {
    const [reminder, breach, manager] = lateWakeUp('iha-aaaa-bbbb');
    expect(reminder!.after).toBeUndefined();
    expect(breach!.after).toEqual([reminder!.messageId]);
    expect(manager!.after).toEqual([reminder!.messageId]);
  });
});

describe('deliver in due order', () => {
  it('a breach whose stream record comes first sends its reminder first, each once', async () => {
    // Prepare
    const [reminder, breach, manager] = lateWakeUp('iha-aaaa-bbbb');
    await queue([reminder!, breach!, manager!]);
    const sender = recordingSender();
    // Act: the stream delivers the breach, then the manager's copy, then (late) the reminder
    for (const m of [breach!, manager!, reminder!]) await deliver(client, tableName, sender, m, NOW);
    // Assess
    expect(sender.sent).toEqual([reminder!.messageId, breach!.messageId, manager!.messageId]);
    for (const m of [reminder!, breach!, manager!]) expect(await statusOf(m.messageId)).toBe('sent');
  });

  it('waits while another delivery is sending the reminder, and sends the breach once it is sent', async () => {
    // Prepare: another notifier has just claimed the reminder and is sending it
    const [reminder, breach] = lateWakeUp('iha-cccc-dddd');
    await queue([reminder!, breach!]);
    await claim(reminder!.messageId, NOW);
    const other = recordingSender();
    const sender = recordingSender();
    setTimeout(() => void deliverClaimed(reminder!, other), 300);
    // Act
    const started = Date.now();
    const outcome = await deliver(client, tableName, sender, breach!, NOW, { pollMs: 50 });
    // Assess: the breach went only after the reminder was marked sent
    expect(outcome).toBe('sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(other.sent).toEqual([reminder!.messageId]);
    expect(sender.sent).toEqual([breach!.messageId]);
  });

  it('gives up after its wait if the reminder is still being sent, leaving the breach pending for a retry', async () => {
    const [reminder, breach] = lateWakeUp('iha-eeee-ffff');
    await queue([reminder!, breach!]);
    await claim(reminder!.messageId, NOW);
    const sender = recordingSender();
    await expect(deliver(client, tableName, sender, breach!, NOW, { waitMs: 200, pollMs: 50 })).rejects.toBeInstanceOf(
      EarlierMessageNotSent,
    );
    expect(sender.sent).toEqual([]);
    expect(await statusOf(breach!.messageId)).toBe('pending');
  });

  it('the sweeper sends what it finds in due order, each case in turn: never a breach before its own reminder', async () => {
    // Prepare: eight cases' late wake-ups, queued long enough ago for the sweeper, their messages at
    // shuffled creation instants so the pending index (ordered by creation) lists breaches first
    const cases = Array.from({ length: 8 }, (_, i) =>
      lateWakeUp(`iha-case-${i}`, `2027-01-0${1 + (i % 5)}T23:59:59.999Z`, `2027-01-0${2 + (i % 5)}T23:59:59.999Z`),
    );
    const createdAt = (n: number) => new Date(Date.parse('2027-01-11T08:00:00Z') + n * 1000).toISOString();
    for (const [c, messages] of cases.entries())
      await queue(messages.map((m, n) => ({ ...m, createdAt: createdAt(c * 3 + (2 - n)) })));
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(client, tableName, sender, NOW, { concurrency: 4 });
    // Assess
    expect(result).toMatchObject({ examined: 24, sent: 24, failed: 0 });
    for (const [reminder, ...breaches] of cases) {
      for (const breach of breaches)
        expect(sender.sent.indexOf(reminder!.messageId), breach.messageId).toBeLessThan(
          sender.sent.indexOf(breach.messageId),
        );
    }
  });
});

/** What the other notifier does after its claim: send, then mark sent. */
async function deliverClaimed(message: QueuedMessage, sender: Sender): Promise<void> {
  await sender.send(message);
  const k = key.outbox(message.messageId);
  await client.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: { PK: { S: k.PK }, SK: { S: k.SK } },
      UpdateExpression: 'SET #status = :sent REMOVE GSI1PK, GSI1SK',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': { S: 'sent' } },
    }),
  );
}
