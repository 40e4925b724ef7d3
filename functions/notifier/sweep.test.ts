/** The outbox sweeper against a mocked DynamoDB: what it queries, what it sends, what it counts and logs. */
import { ConditionalCheckFailedException, DynamoDBClient, QueryCommand, ScanCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMessage } from '#core/process/model';
import { outboxItem } from '../store/transaction';
import { STALE_CLAIM_MS, type Sender } from './deliver';
import { metrics } from '../observability';
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
function fakeTable(items: Stored[]) {
  const byId = new Map(items.map((item) => [(item.PK as { S: string }).S, item]));
  ddb.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, { S: string }>; Limit?: number }) => {
    const pk = input.ExpressionAttributeValues[':pending']!.S;
    const upTo = input.ExpressionAttributeValues[':createdBy']!.S;
    const found = [...byId.values()]
      .filter((item) => item.GSI1PK && (item.GSI1PK as { S: string }).S === pk && (item.GSI1SK as { S: string }).S <= upTo)
      .sort((a, b) => ((a.GSI1SK as { S: string }).S < (b.GSI1SK as { S: string }).S ? -1 : 1));
    return { Items: found.slice(0, input.Limit ?? found.length) };
  });
  ddb.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    const item = byId.get(input.Key!.PK!.S!)!;
    const values = input.ExpressionAttributeValues!;
    const status = (item.status as { S: string }).S;
    if (input.ConditionExpression) {
      const stale = status === 'sending' && input.ConditionExpression.includes(':staleBefore') && (item.claimedAt?.S ?? '') < values[':staleBefore']!.S!;
      if (status !== 'pending' && !stale) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    if (input.UpdateExpression!.startsWith('SET #status = :sending')) Object.assign(item, { status: { S: 'sending' }, claimedAt: values[':now'] });
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
  logged = captureOutput();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sweepOutbox', () => {
  it('queries only the pending index (GSI1 OUTBOX#PENDING) for messages older than 2 minutes, oldest first, and never scans', async () => {
    // Prepare
    fakeTable([]);
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, recordingSender(), NOW);
    // Assess
    expect(result).toEqual({ examined: 0, sent: 0, alreadySent: 0, failed: 0, oldestUnsentAgeSeconds: 0 });
    expect(queries()).toEqual([
      {
        TableName: TABLE,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pending AND GSI1SK <= :createdBy',
        ExpressionAttributeValues: { ':pending': { S: 'OUTBOX#PENDING' }, ':createdBy': { S: '2026-12-18T09:28:00.000Z~' } },
        Limit: 500,
      },
    ]);
    expect(queries()[0]!.ScanIndexForward).not.toBe(false);
    expect(ddb.commandCalls(ScanCommand)).toEqual([]);
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
    expect(table.get(`OUTBOX#${inFlight.messageId}`)).toMatchObject({ status: { S: 'sending' }, claimedAt: { S: minutesBefore(3) } });
  });

  it('a message that cannot be sent does not stop the others: it is counted, put back, and logged by id only', async () => {
    // Prepare: GOV.UK Notify refuses the second of three; the error names the address, as a careless one might
    const messages = [messageOf(1, minutesBefore(30)), messageOf(2, minutesBefore(20)), messageOf(3, minutesBefore(10))];
    const table = fakeTable(messages.map(outboxItem));
    const sender = recordingSender((m) => (m.messageId === messages[1]!.messageId ? Object.assign(new Error('Request failed with status code 400'), { name: 'AxiosError', address: m.address }) : undefined));
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW, { concurrency: 1 });
    // Assess
    expect(sender.sent).toEqual([messages[0]!.messageId, messages[2]!.messageId]);
    expect(result).toEqual({ examined: 3, sent: 2, alreadySent: 0, failed: 1, oldestUnsentAgeSeconds: 20 * 60 });
    expect(table.get(`OUTBOX#${messages[1]!.messageId}`)).toMatchObject({ status: { S: 'pending' }, GSI1PK: { S: 'OUTBOX#PENDING' } });
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'ERROR', service: 'righttime', messageId: messages[1]!.messageId, error: { name: 'AxiosError', message: 'Request failed with status code 400' } }),
    ]);
  });

  it('a DynamoDB failure on one message does not stop the others either', async () => {
    // Prepare: the claim of the first message is throttled
    const messages = [messageOf(1, minutesBefore(30)), messageOf(2, minutesBefore(20))];
    fakeTable(messages.map(outboxItem));
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException' });
    ddb.on(UpdateItemCommand, { Key: { PK: { S: `OUTBOX#${messages[0]!.messageId}` }, SK: { S: 'OUTBOX' } } }).rejects(throttled);
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW);
    // Assess
    expect(sender.sent).toEqual([messages[1]!.messageId]);
    expect(result).toMatchObject({ examined: 2, sent: 1, alreadySent: 0, failed: 1 });
    expect(JSON.parse(logged[0]!)).toMatchObject({ messageId: messages[0]!.messageId, error: { name: 'ProvisionedThroughputExceededException' } });
  });

  it('an item whose body cannot be read is counted as failed, without echoing the body', async () => {
    // Prepare: a truncated body that still shows the address
    const message = messageOf(1, minutesBefore(30));
    fakeTable([{ ...outboxItem(message), body: { S: `{"messageId":"${message.messageId}","address":"${message.address}"` } }]);
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, recordingSender(), NOW);
    // Assess
    expect(result).toMatchObject({ examined: 1, sent: 0, failed: 1 });
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: 'ERROR', messageId: message.messageId, error: { name: 'UnreadableOutboxItem', message: 'the outbox item has no readable message' } });
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
    const sender = recordingSender((m) => (m.messageId === messages[2]!.messageId ? new Error(`could not send to ${m.address}`) : undefined));
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
    // Prepare: the index answers in pages of two
    const messages = [1, 2, 3, 4, 5].map((n) => messageOf(n, minutesBefore(60 - n)));
    const items = messages.map(outboxItem);
    fakeTable(items);
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: items.slice(0, 2), LastEvaluatedKey: { PK: items[1]!.PK! } })
      .resolvesOnce({ Items: items.slice(2, 4), LastEvaluatedKey: { PK: items[3]!.PK! } })
      .resolves({ Items: items.slice(4) });
    const sender = recordingSender();
    // Act
    const result = await sweepOutbox(new DynamoDBClient({}), TABLE, sender, NOW, { limit: 3 });
    // Assess
    expect(sender.sent).toEqual(messages.slice(0, 3).map((m) => m.messageId));
    expect(result).toMatchObject({ examined: 3, sent: 3 });
    expect(queries().map((q) => [q.Limit, q.ExclusiveStartKey])).toEqual([
      [3, undefined],
      [1, { PK: items[1]!.PK }],
    ]);
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
    expect(lines).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'Outbox sweep finished', ...result }));
    const emf = lines.find((line) => '_aws' in line);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'RightTime', Dimensions: [['service', 'Function']], Metrics: [{ Name: 'OutboxOldestUnsentAgeSeconds', Unit: 'Seconds' }] },
    ]);
    expect(emf).toMatchObject({ service: 'righttime', Function: 'OutboxSweeper', OutboxOldestUnsentAgeSeconds: 1260 });
    expect(OUTBOX_AGE_METRIC).toEqual({ namespace: 'RightTime', metricName: 'OutboxOldestUnsentAgeSeconds', dimensions: { service: 'righttime', Function: 'OutboxSweeper' } });
  });
});
