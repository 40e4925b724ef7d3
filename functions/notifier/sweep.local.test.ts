/**
 * The sweeper on the real DynamoDB Local of the test run, in a table made from the synthesized
 * definition: a message whose notifier died after claiming it is sent exactly once and leaves the
 * pending index.
 */
import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { OutboxMessage } from '#core/process/model';
import { ensureTable, localClient } from '#local/dynamodb-local';
import { synthesizedDefinitions } from '#local/synth';
import { gsi, key } from '../store/table';
import { outboxItem } from '../store/transaction';
import { deliver, type Sender, STALE_CLAIM_MS } from './deliver';
import { pendingOutboxItems, sweepOutbox } from './sweep';

const NOW = new Date('2027-01-11T08:45:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MINUTE = 60_000;

let client: DynamoDBClient;
let tableName: string;

function messageOf(name: string, createdAt: Date): OutboxMessage {
  return {
    messageId: `fire-tmr-${name}-${randomUUID().slice(0, 8)}-m0`,
    caseId: 'iha-7k3f-9q2m',
    caseCode: 'IHA-7K3F-9Q2M',
    recipientRole: 'socialWorker',
    address: 'sam.okafor@riverside.example.gov.uk',
    subject: 'Health assessment request due by 11:59pm on 13 January 2027 for case IHA-7K3F-9Q2M',
    body: 'Sign in to RightTime to see the case.',
    createdAt: createdAt.toISOString(),
  };
}

/** A sender that is not idempotent (like GOV.UK Notify): it records every send. */
function recordingSender(): Sender & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m.messageId);
      await new Promise((r) => setTimeout(r, 5));
      return { providerId: `notify-${sent.length}` };
    },
  };
}

/** Queue a message as the state machine's transaction does. */
async function queue(message: OutboxMessage): Promise<void> {
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: outboxItem(message),
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** What a notifier leaves when it dies after its claim: status sending, claimed at `claimedAt`, never marked. */
async function claimAndDie(message: OutboxMessage, claimedAt: Date): Promise<void> {
  const k = key.outbox(message.messageId);
  await client.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: { PK: { S: k.PK }, SK: { S: k.SK } },
      UpdateExpression: 'SET #status = :sending, claimedAt = :claimedAt',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sending': { S: 'sending' },
        ':pending': { S: 'pending' },
        ':claimedAt': { S: claimedAt.toISOString() },
      },
    }),
  );
}

async function stored(message: OutboxMessage) {
  const k = key.outbox(message.messageId);
  return (
    await client.send(
      new GetItemCommand({ TableName: tableName, Key: { PK: { S: k.PK }, SK: { S: k.SK } }, ConsistentRead: true }),
    )
  ).Item;
}

async function pendingIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of pendingOutboxItems(client, tableName)) ids.push(item.PK!.S!.replace(/^OUTBOX#/, ''));
  return ids;
}

beforeAll(() => {
  client = localClient(inject('dynamoEndpoint'));
});

beforeEach(async () => {
  // A table per test, so each test sees only its own pending index.
  tableName = `t-${randomUUID()}`;
  await ensureTable(client, tableName, synthesizedDefinitions().tableProperties);
});

afterAll(() => {
  client?.destroy();
});

describe('sweepOutbox on DynamoDB Local', () => {
  it('sends a message whose notifier died after claiming it exactly once, and takes it off the pending index', async () => {
    // Prepare: queued 15 minutes ago; the notifier claimed it a moment later and died before marking it
    const crashed = messageOf('crashed', ago(15 * MINUTE));
    await queue(crashed);
    await claimAndDie(crashed, ago(STALE_CLAIM_MS + MINUTE));
    expect(await stored(crashed)).toMatchObject({
      status: { S: 'sending' },
      GSI1PK: { S: gsi.pendingOutbox(crashed.messageId) },
    });
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(client, tableName, sender, NOW);
    // Assess
    expect(result).toEqual({ examined: 1, sent: 1, alreadySent: 0, failed: 0, oldestUnsentAgeSeconds: 0 });
    expect(sender.sent).toEqual([crashed.messageId]);
    const item = await stored(crashed);
    expect(item).toMatchObject({
      status: { S: 'sent' },
      sentAt: { S: NOW.toISOString() },
      providerId: { S: 'notify-1' },
      claimedAt: { S: NOW.toISOString() },
    });
    expect(item).not.toHaveProperty('GSI1PK');
    expect(item).not.toHaveProperty('GSI1SK');
    expect(await pendingIds()).toEqual([]);

    // Act again: the next sweep, and a late redelivery of the stream record, send nothing more
    const again = await sweepOutbox(client, tableName, sender, new Date(NOW.getTime() + 5 * MINUTE));
    const redelivered = await deliver(client, tableName, sender, crashed, new Date(NOW.getTime() + 30 * MINUTE));
    // Assess
    expect(again).toMatchObject({ examined: 0, sent: 0 });
    expect(redelivered).toBe('alreadySent');
    expect(sender.sent).toEqual([crashed.messageId]);
  });

  it('leaves a fresh message to the stream and a claim still within its time to its owner', async () => {
    // Prepare
    const fresh = messageOf('fresh', ago(30_000));
    const inFlight = messageOf('in-flight', ago(5 * MINUTE));
    const waiting = messageOf('waiting', ago(40 * MINUTE));
    for (const m of [fresh, inFlight, waiting]) await queue(m);
    await claimAndDie(inFlight, ago(MINUTE));
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(client, tableName, sender, NOW);
    // Assess
    expect(sender.sent).toEqual([waiting.messageId]);
    expect(result).toEqual({ examined: 2, sent: 1, alreadySent: 1, failed: 0, oldestUnsentAgeSeconds: 5 * 60 });
    expect((await pendingIds()).sort()).toEqual([fresh.messageId, inFlight.messageId].sort());
    expect(await stored(inFlight)).toMatchObject({
      status: { S: 'sending' },
      claimedAt: { S: ago(MINUTE).toISOString() },
    });
    expect(await stored(fresh)).toMatchObject({ status: { S: 'pending' } });
  });

  it('reads every shard of the pending index, pages of 2, merged oldest first', async () => {
    // Prepare: 30 messages a minute apart, queued in a shuffled order, landing in most of the 16 shards
    const messages = Array.from({ length: 30 }, (_, i) => messageOf(`m${i}`, ago((60 - i) * MINUTE)));
    const shuffled = [...messages].sort((a, b) => (a.messageId < b.messageId ? -1 : 1));
    for (const m of shuffled) await queue(m);
    expect(new Set(messages.map((m) => gsi.pendingOutbox(m.messageId))).size).toBeGreaterThan(8);
    // Act
    const read: string[] = [];
    for await (const item of pendingOutboxItems(client, tableName, { pageSize: 2 }))
      read.push(item.PK!.S!.replace(/^OUTBOX#/, ''));
    const upTo = [];
    for await (const item of pendingOutboxItems(client, tableName, { createdBy: ago(50 * MINUTE), pageSize: 2 }))
      upTo.push(item.PK!.S!.replace(/^OUTBOX#/, ''));
    // Assess
    expect(read).toEqual(messages.map((m) => m.messageId));
    expect(upTo).toEqual(messages.slice(0, 11).map((m) => m.messageId));
  });

  it('two sweeps racing for the same stale claim send it once', async () => {
    // Prepare
    const crashed = messageOf('raced', ago(20 * MINUTE));
    await queue(crashed);
    await claimAndDie(crashed, ago(STALE_CLAIM_MS + 5 * MINUTE));
    const sender = recordingSender();
    // Act
    const [a, b] = await Promise.all([
      sweepOutbox(client, tableName, sender, NOW),
      sweepOutbox(client, tableName, sender, NOW),
    ]);
    // Assess
    expect(sender.sent).toEqual([crashed.messageId]);
    expect(a.sent + b.sent).toBe(1);
    expect(a.failed + b.failed).toBe(0);
    expect(await pendingIds()).toEqual([]);
  });
});
