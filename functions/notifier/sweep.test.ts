/** The outbox sweeper against a mocked DynamoDB: what it queries, what it sends, what it counts and logs. */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMessage } from '#core/process/model';
import { metrics } from '../metrics';
import { outboxShardOf } from '../store/table';
import { outboxItem } from '../store/transaction';
import { type Sender, STALE_CLAIM_MS } from './deliver';
import { OUTBOX_AGE_METRIC, recordSweep, sweepOutbox } from './sweep';

const ddb = mockClient(DynamoDBClient);
const TABLE = 'righttime-test';
const NOW = new Date('2026-12-18T09:30:00Z');
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function messageOf(n: number, createdAt: string): OutboxMessage {
  return {
    messageId: `fire-tmr-${n}-m0`,
    caseId: `iha-case-${n}`,
    caseCode: `IHA-CASE-${n}`,
    recipientRole: 'socialWorker',
    address: `worker.${n}@riverside.example.gov.uk`,
    subject: `Health assessment request due for case IHA-CASE-${n}`,
    body: `Sign in to RightTime to see case IHA-CASE-${n}.`,
    createdAt,
  };
}

type Stored = ReturnType<typeof outboxItem> & { claimedAt?: { S: string } };

/**
 * A table of outbox items in memory behind the mocked client: the pending index answers the sweep's
 * query (by its key condition, oldest first), and updates apply deliver's claim condition as
 * DynamoDB would, so a fresh claim is refused and a stale one taken over.
 */
function fakeTable(items: Stored[], options: { pageOf?: number } = {}) {
  const byId = new Map(items.map((item) => [(item.PK as { S: string }).S, item]));
  const sk = (item: Stored) => (item.GSI1SK as { S: string }).S;
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    asked.push(structuredClone(input));
    const values = input.ExpressionAttributeValues as Record<string, { S: string }>;
    const pk = values[':pending']!.S;
    const upTo = values[':createdBy']!.S;
    const after = input.ExclusiveStartKey?.GSI1SK?.S ?? '';
    const found = [...byId.values()]
      .filter((item) => item.GSI1PK && (item.GSI1PK as { S: string }).S === pk && sk(item) <= upTo && sk(item) > after)
      .sort((a, b) => (sk(a) < sk(b) ? -1 : 1));
    // Like DynamoDB, an answer may hold fewer than Limit items (the 1 MB page), and says where to go on.
    const page = found.slice(0, Math.min(input.Limit ?? found.length, options.pageOf ?? found.length));
    const last = page.at(-1);
    return {
      Items: page,
      ...(last && page.length < found.length
        ? { LastEvaluatedKey: { PK: last.PK, SK: last.SK, GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK } }
        : {}),
    };
  });
  ddb.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    const item = byId.get(input.Key!.PK!.S!)!;
    const values = input.ExpressionAttributeValues!;
    const status = (item.status as { S: string }).S;
    if (input.ConditionExpression) {
      const stale =
        status === 'sending' &&
        input.ConditionExpression.includes(':staleBefore') &&
        (item.claimedAt?.S ?? '') < values[':staleBefore']!.S!;
      if (status !== 'pending' && !stale)
        throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    if (input.UpdateExpression!.startsWith('SET #status = :sending'))
      Object.assign(item, { status: { S: 'sending' }, claimedAt: values[':now'] });
    else if (input.UpdateExpression!.startsWith('SET #status = :sent')) {
      Object.assign(item, { status: { S: 'sent' } });
      delete item.GSI1PK;
      delete item.GSI1SK;
    } else Object.assign(item, { status: { S: 'pending' } });
    return {};
  });
  return byId;
}

function recordingSender(fail: (m: OutboxMessage) => Error | undefined = () => undefined): Sender & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(m) {
      const failure = fail(m);
      if (failure) throw failure;
      sent.push(m.messageId);
      return { providerId: `notify-${m.messageId}` };
    },
  };
}

const queries = () => ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
/** Each query as it was asked (the SDK's paginator reuses one input object, setting ExclusiveStartKey on it page after page). */
let asked: QueryCommandInput[] = [];

let logged: string[];

/** The shared logger and metrics (functions/observability.ts) write JSON lines to stdout and stderr. */
function captureOutput(): string[] {
  const lines: string[] = [];
  const collect = ((chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  vi.spyOn(process.stdout, 'write').mockImplementation(collect);
  vi.spyOn(process.stderr, 'write').mockImplementation(collect);
  return lines;
}

beforeEach(() => {
  ddb.reset();
  asked = [];
  logged = captureOutput();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sweepOutbox', () => {
  it('queries every shard of the pending index (GSI1 OUTBOX#PENDING#00 to #15) for messages older than 2 minutes, oldest first, and never scans', async () => {
    // Prepare
    fakeTable([]);
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, recordingSender(), NOW);
    // Assess
    expect(result).toEqual({ examined: 0, sent: 0, alreadySent: 0, failed: 0, oldestUnsentAgeSeconds: 0 });
    expect(queries()).toEqual(
      Array.from({ length: 16 }, (_, shard) => ({
        TableName: TABLE,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pending AND GSI1SK <= :createdBy',
        ExpressionAttributeValues: {
          ':pending': { S: `OUTBOX#PENDING#${String(shard).padStart(2, '0')}` },
          ':createdBy': { S: '2026-12-18T09:28:00.000Z~' },
        },
        Limit: 100,
      })),
    );
    expect(queries().every((q) => q.ScanIndexForward !== false)).toBe(true);
    expect(ddb.commandCalls(ScanCommand)).toEqual([]);
  });

  it('takes the oldest messages across the shards, merged by creation, up to the limit', async () => {
    // Prepare: 40 messages, one a minute, spread over the shards by their ids
    const messages = Array.from({ length: 40 }, (_, i) => messageOf(i, minutesBefore(100 - i)));
    expect(new Set(messages.map((m) => outboxShardOf(m.messageId))).size).toBeGreaterThan(8);
    fakeTable(messages.map(outboxItem));
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW, { limit: 25, concurrency: 1 });
    // Assess: the 25 oldest, oldest first, whichever shard each is in
    expect(sender.sent).toEqual(messages.slice(0, 25).map((m) => m.messageId));
    expect(result).toMatchObject({ examined: 25, sent: 25 });
    expect(queries().every((q) => q.Limit === 25)).toBe(true);
  });

  it('spreads message ids evenly over 16 shards, the same id always to the same shard', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 1600; i++) {
      const shard = outboxShardOf(`fire-tmr-${i}-m0`);
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: 16 }, (_, shard) => String(shard).padStart(2, '0')));
    for (const count of counts.values()) expect(count).toBeGreaterThan(50);
    expect(outboxShardOf('fire-tmr-7-m0')).toBe(outboxShardOf('fire-tmr-7-m0'));
    expect(outboxItem(messageOf(7, NOW.toISOString())).GSI1PK).toEqual({
      S: `OUTBOX#PENDING#${outboxShardOf('fire-tmr-7-m0')}`,
    });
  });

  it('leaves messages younger than the threshold to the stream, and sends the older ones', async () => {
    // Prepare: one created 10 minutes ago, one 2 minutes ago to the millisecond, one 1 minute ago
    const old = messageOf(1, minutesBefore(10));
    const onTheLine = messageOf(2, minutesBefore(2));
    const fresh = messageOf(3, minutesBefore(1));
    const table = fakeTable([outboxItem(fresh), outboxItem(old), outboxItem(onTheLine)]);
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW);
    // Assess
    expect(sender.sent).toEqual([old.messageId, onTheLine.messageId]);
    expect(result).toEqual({ examined: 2, sent: 2, alreadySent: 0, failed: 0, oldestUnsentAgeSeconds: 0 });
    expect(table.get(`OUTBOX#${fresh.messageId}`)!.status).toEqual({ S: 'pending' });
    expect(table.get(`OUTBOX#${old.messageId}`)).not.toHaveProperty('GSI1PK');
  });

  it('takes the threshold from olderThanMs', async () => {
    fakeTable([]);
    await sweepOutbox(new DynamoDBClient({}), TABLE, recordingSender(), NOW, { olderThanMs: 15 * 60_000 });
    expect(queries()[0]!.ExpressionAttributeValues![':createdBy']).toEqual({ S: '2026-12-18T09:15:00.000Z~' });
  });

  it('takes over a claim left by a delivery that died (older than STALE_CLAIM_MS), but not one still within its time', async () => {
    // Prepare: both claimed by the notifier and never marked; one claim is 11 minutes old, one 3
    const crashed = messageOf(1, minutesBefore(12));
    const inFlight = messageOf(2, minutesBefore(4));
    const table = fakeTable([
      { ...outboxItem(crashed), status: { S: 'sending' }, claimedAt: { S: minutesBefore(11) } },
      { ...outboxItem(inFlight), status: { S: 'sending' }, claimedAt: { S: minutesBefore(3) } },
    ]);
    expect(11 * 60_000).toBeGreaterThan(STALE_CLAIM_MS);
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW);
    // Assess
    expect(sender.sent).toEqual([crashed.messageId]);
    expect(result).toEqual({ examined: 2, sent: 1, alreadySent: 1, failed: 0, oldestUnsentAgeSeconds: 4 * 60 });
    expect(table.get(`OUTBOX#${crashed.messageId}`)).toMatchObject({ status: { S: 'sent' } });
    expect(table.get(`OUTBOX#${crashed.messageId}`)).not.toHaveProperty('GSI1PK');
    expect(table.get(`OUTBOX#${inFlight.messageId}`)).toMatchObject({
      status: { S: 'sending' },
      claimedAt: { S: minutesBefore(3) },
    });
  });

  it('a message that cannot be sent does not stop the others: it is counted, put back, and logged by id only', async () => {
    // Prepare: GOV.UK Notify refuses the second of three; the error names the address, as a careless one might
    const messages = [
      messageOf(1, minutesBefore(30)),
      messageOf(2, minutesBefore(20)),
      messageOf(3, minutesBefore(10)),
    ];
    const table = fakeTable(messages.map(outboxItem));
    const sender = recordingSender((m) =>
      m.messageId === messages[1]!.messageId
        ? Object.assign(new Error('Request failed with status code 400'), { name: 'AxiosError', address: m.address })
        : undefined,
    );
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW, { concurrency: 1 });
    // Assess
    expect(sender.sent).toEqual([messages[0]!.messageId, messages[2]!.messageId]);
    expect(result).toEqual({ examined: 3, sent: 2, alreadySent: 0, failed: 1, oldestUnsentAgeSeconds: 20 * 60 });
    expect(table.get(`OUTBOX#${messages[1]!.messageId}`)).toMatchObject({
      status: { S: 'pending' },
      GSI1PK: { S: `OUTBOX#PENDING#${outboxShardOf(messages[1]!.messageId)}` },
    });
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        service: 'righttime',
        messageId: messages[1]!.messageId,
        error: { name: 'AxiosError', message: 'Request failed with status code 400' },
      }),
    ]);
  });

  it('a DynamoDB failure on one message does not stop the others either', async () => {
    // Prepare: the claim of the first message is throttled
    const messages = [messageOf(1, minutesBefore(30)), messageOf(2, minutesBefore(20))];
    fakeTable(messages.map(outboxItem));
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
      name: 'ProvisionedThroughputExceededException',
    });
    ddb
      .on(UpdateItemCommand, { Key: { PK: { S: `OUTBOX#${messages[0]!.messageId}` }, SK: { S: 'OUTBOX' } } })
      .rejects(throttled);
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW);
    // Assess
    expect(sender.sent).toEqual([messages[1]!.messageId]);
    expect(result).toMatchObject({ examined: 2, sent: 1, alreadySent: 0, failed: 1 });
    expect(JSON.parse(logged[0]!)).toMatchObject({
      messageId: messages[0]!.messageId,
      error: { name: 'ProvisionedThroughputExceededException' },
    });
  });

  it('an item whose body cannot be read is counted as failed, without echoing the body', async () => {
    // Prepare: a truncated body that still shows the address
    const message = messageOf(1, minutesBefore(30));
    fakeTable([
      { ...outboxItem(message), body: { S: `{"messageId":"${message.messageId}","address":"${message.address}"` } },
    ]);
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, recordingSender(), NOW);
    // Assess
    expect(result).toMatchObject({ examined: 1, sent: 0, failed: 1 });
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      level: 'ERROR',
      messageId: message.messageId,
      error: { name: 'UnreadableOutboxItem', message: 'the outbox item has no readable message' },
    });
  });

  it('never logs an address, a subject or a body, whatever happens', async () => {
    // Prepare: every kind of outcome at once
    const messages = [1, 2, 3, 4].map((n) => messageOf(n, minutesBefore(40 - n)));
    fakeTable([
      outboxItem(messages[0]!),
      { ...outboxItem(messages[1]!), status: { S: 'sending' }, claimedAt: { S: minutesBefore(1) } },
      outboxItem(messages[2]!),
      { ...outboxItem(messages[3]!), body: { S: `not json ${messages[3]!.address}` } },
    ]);
    const sender = recordingSender((m) =>
      m.messageId === messages[2]!.messageId ? new Error(`could not send to ${m.address}`) : undefined,
    );
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW);
    recordSweep(result);
    metrics.publishStoredMetrics();
    // Assess
    expect(result).toMatchObject({ examined: 4, sent: 1, alreadySent: 1, failed: 2 });
    const everything = logged.join('\n');
    expect(everything).toContain('"message":"could not send to [redacted]"');
    for (const m of messages) {
      expect(everything).not.toContain(m.address);
      expect(everything).not.toContain(m.subject);
      expect(everything).not.toContain(m.body);
    }
  });

  it('takes at most `limit` messages, oldest first, across pages', async () => {
    // Prepare: five messages in the same shard, and the index answers in pages of two
    const shard = outboxShardOf(messageOf(1, NOW.toISOString()).messageId);
    const numbers = Array.from({ length: 400 }, (_, i) => i + 1)
      .filter((n) => outboxShardOf(messageOf(n, NOW.toISOString()).messageId) === shard)
      .slice(0, 5);
    const messages = numbers.map((n, i) => messageOf(n, minutesBefore(60 - i)));
    const items = messages.map(outboxItem);
    const secondSortKey = items[1]!.GSI1SK;
    fakeTable(items, { pageOf: 2 });
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW, { limit: 3 });
    // Assess: that shard read twice (the second page from where the first stopped), every other shard once
    expect(sender.sent).toEqual(messages.slice(0, 3).map((m) => m.messageId));
    expect(result).toMatchObject({ examined: 3, sent: 3 });
    const ofShard = asked.filter((q) => q.ExpressionAttributeValues![':pending']!.S === `OUTBOX#PENDING#${shard}`);
    expect(ofShard.map((q) => [q.Limit, q.ExclusiveStartKey?.GSI1SK])).toEqual([
      [3, undefined],
      [3, secondSortKey],
    ]);
    expect(queries()).toHaveLength(17);
  });

  it('sends several at once, but no more than the concurrency', async () => {
    // Prepare
    const messages = [1, 2, 3, 4, 5, 6, 7].map((n) => messageOf(n, minutesBefore(60 - n)));
    fakeTable(messages.map(outboxItem));
    let inFlight = 0;
    let most = 0;
    const sender: Sender = {
      async send(m) {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return { providerId: m.messageId };
      },
    };
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW, { concurrency: 3 });
    // Assess
    expect(result).toMatchObject({ examined: 7, sent: 7, failed: 0 });
    expect(most).toBe(3);
  });
});

describe('recordSweep', () => {
  it('publishes the oldest unsent age as the metric the alarm reads, and logs the counts, nothing personal', () => {
    // Prepare
    const result = { examined: 4, sent: 2, alreadySent: 1, failed: 1, oldestUnsentAgeSeconds: 1260 };
    // Act
    recordSweep(result);
    metrics.publishStoredMetrics();
    // Assess
    const lines = logged.map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Outbox sweep finished', ...result }),
    );
    const emf = lines.find((line) => '_aws' in line);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'RightTime',
        Dimensions: [['service', 'Function']],
        Metrics: [{ Name: 'OutboxOldestUnsentAgeSeconds', Unit: 'Seconds' }],
      },
    ]);
    expect(emf).toMatchObject({ service: 'righttime', Function: 'OutboxSweeper', OutboxOldestUnsentAgeSeconds: 1260 });
    expect(OUTBOX_AGE_METRIC).toEqual({
      namespace: 'RightTime',
      metricName: 'OutboxOldestUnsentAgeSeconds',
      dimensions: { service: 'righttime', Function: 'OutboxSweeper' },
    });
  });
});
