import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '#core/process/model';
import { CLAIM_CONDITION, deliver, type Sender, STALE_CLAIM_MS } from './deliver';

const ddb = mockClient(DynamoDBClient);
const TABLE = 'righttime-test';
const NOW = new Date('2026-12-18T00:00:03Z');

const message: OutboxMessage = {
  messageId: 'fire-tmr-0123456789abcdef01234567-m0',
  caseId: 'iha-7k3f-9q2m',
  caseCode: 'IHA-7K3F-9Q2M',
  recipientRole: 'socialWorker',
  address: 'sam.okafor@riverside.example.gov.uk',
  subject: 'Health assessment request due by 11:59pm on 21 December 2026 for case IHA-7K3F-9Q2M',
  body: 'Sign in to RightTime to see the case.',
  createdAt: '2026-12-17T23:59:59.999Z',
};
const KEY = { PK: { S: `OUTBOX#${message.messageId}` }, SK: { S: 'OUTBOX' } };

/** A sender that records what it was asked to send, in the order things happened. */
function recordingSender(
  log: string[],
  answer: () => Promise<{ providerId?: string }> = async () => ({ providerId: 'notify-123' }),
): Sender & { sent: OutboxMessage[] } {
  const sent: OutboxMessage[] = [];
  return {
    sent,
    async send(m) {
      log.push('send');
      sent.push(m);
      return answer();
    },
  };
}

const updates = () => ddb.commandCalls(UpdateItemCommand).map((c) => c.args[0].input);

beforeEach(() => {
  ddb.reset();
});

describe('deliver', () => {
  it('claims the message with a conditional update before sending, then marks it sent and takes it off the pending index', async () => {
    // Prepare
    const log: string[] = [];
    ddb.on(UpdateItemCommand).callsFake((input: { UpdateExpression: string }) => {
      log.push(input.UpdateExpression.startsWith('SET #status = :sending') ? 'claim' : 'mark');
      return {};
    });
    const sender = recordingSender(log);
    // Act
    const result = await deliver(new DynamoDBClient({ region: 'eu-west-2' }), TABLE, sender, message, NOW);
    // Assess
    expect(result).toBe('sent');
    expect(log).toEqual(['claim', 'send', 'mark']);
    expect(sender.sent).toEqual([message]);
    const [claim, sent] = updates();
    expect(claim).toEqual({
      TableName: TABLE,
      Key: KEY,
      UpdateExpression: 'SET #status = :sending, claimedAt = :now',
      ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :staleBefore)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sending': { S: 'sending' },
        ':pending': { S: 'pending' },
        ':now': { S: '2026-12-18T00:00:03.000Z' },
        ':staleBefore': { S: '2026-12-17T23:50:03.000Z' },
      },
    });
    expect(sent).toEqual({
      TableName: TABLE,
      Key: KEY,
      UpdateExpression: 'SET #status = :sent, sentAt = :now, providerId = :pid REMOVE GSI1PK, GSI1SK',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sent': { S: 'sent' },
        ':now': { S: '2026-12-18T00:00:03.000Z' },
        ':pid': { S: 'notify-123' },
      },
    });
    expect(sent!.ConditionExpression).toBeUndefined();
  });

  it('a sender that gives no provider id is still marked sent', async () => {
    ddb.on(UpdateItemCommand).resolves({});
    const result = await deliver(
      new DynamoDBClient({ region: 'eu-west-2' }),
      TABLE,
      recordingSender([], async () => ({})),
      message,
      NOW,
    );
    expect(result).toBe('sent');
    expect(updates()[1]!.ExpressionAttributeValues![':pid']).toEqual({ S: '' });
  });

  it('a message someone else has claimed or sent is not sent again', async () => {
    // Prepare
    ddb
      .on(UpdateItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const sender = recordingSender([]);
    // Act
    const result = await deliver(new DynamoDBClient({ region: 'eu-west-2' }), TABLE, sender, message, NOW);
    // Assess
    expect(result).toBe('alreadySent');
    expect(sender.sent).toEqual([]);
    expect(updates()).toHaveLength(1);
  });

  it('when the sender fails, the message goes back to pending and the failure is passed on', async () => {
    // Prepare
    ddb.on(UpdateItemCommand).resolves({});
    const failure = new Error('GOV.UK Notify: 503 Service Unavailable');
    const sender = recordingSender([], async () => {
      throw failure;
    });
    // Act
    const delivery = deliver(new DynamoDBClient({ region: 'eu-west-2' }), TABLE, sender, message, NOW);
    // Assess
    await expect(delivery).rejects.toBe(failure);
    const [claim, putBack, ...more] = updates();
    expect(claim!.ConditionExpression).toBe(CLAIM_CONDITION);
    expect(putBack).toEqual({
      TableName: TABLE,
      Key: KEY,
      UpdateExpression: 'SET #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': { S: 'pending' } },
    });
    // never marked sent, and still on the pending index (GSI1 is not removed)
    expect(more).toEqual([]);
    expect(putBack!.UpdateExpression).not.toContain('REMOVE');
  });

  it('any other error on the claim is passed on, and nothing is sent', async () => {
    ddb.on(UpdateItemCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    const sender = recordingSender([]);
    await expect(deliver(new DynamoDBClient({ region: 'eu-west-2' }), TABLE, sender, message, NOW)).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
    expect(sender.sent).toEqual([]);
  });
});

describe('a claim left by a delivery that died', () => {
  it('may be taken over once it is older than STALE_CLAIM_MS (10 minutes): the claim allows pending, or sending claimed before now - 10 minutes', async () => {
    // Prepare
    ddb.on(UpdateItemCommand).resolves({});
    const sender = recordingSender([]);
    // Act
    await deliver(new DynamoDBClient({ region: 'eu-west-2' }), TABLE, sender, message, NOW);
    // Assess
    expect(STALE_CLAIM_MS).toBe(10 * 60_000);
    const [claim] = updates();
    expect(claim!.ConditionExpression).toBe('#status = :pending OR (#status = :sending AND claimedAt < :staleBefore)');
    expect(claim!.ExpressionAttributeValues![':staleBefore']).toEqual({
      S: new Date(NOW.getTime() - STALE_CLAIM_MS).toISOString(),
    });
    expect(claim!.ExpressionAttributeValues![':sending']).toEqual({ S: 'sending' });
    // the new claim carries this delivery's instant, so it is not stale for another 10 minutes
    expect(claim!.UpdateExpression).toBe('SET #status = :sending, claimedAt = :now');
    expect(claim!.ExpressionAttributeValues![':now']).toEqual({ S: NOW.toISOString() });
    expect(sender.sent).toEqual([message]);
  });

  it('a claim still within its time is refused by the condition, and the message is not sent again', async () => {
    // Prepare: DynamoDB refuses the claim (status sending, claimedAt after staleBefore)
    ddb
      .on(UpdateItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const sender = recordingSender([]);
    // Act
    const result = await deliver(new DynamoDBClient({ region: 'eu-west-2' }), TABLE, sender, message, NOW);
    // Assess
    expect(result).toBe('alreadySent');
    expect(sender.sent).toEqual([]);
  });

  it('the condition compares instants as text, which holds for UTC ISO-8601 strings of the same shape', () => {
    // Prepare
    const staleBefore = new Date(NOW.getTime() - STALE_CLAIM_MS).toISOString();
    // Assess: a claim a millisecond before the limit is stale, at or after it is not
    expect(new Date(NOW.getTime() - STALE_CLAIM_MS - 1).toISOString() < staleBefore).toBe(true);
    expect(new Date(NOW.getTime() - STALE_CLAIM_MS).toISOString() < staleBefore).toBe(false);
    expect(new Date(NOW.getTime() - 60_000).toISOString() < staleBefore).toBe(false);
  });
});

describe('deliver through an idempotent sender (the local inbox)', () => {
  it('sends without a claim and marks sent in one conditional write', async () => {
    const log: string[] = [];
    const sender = { ...recordingSender(log), idempotent: true };
    ddb.on(UpdateItemCommand).callsFake(() => {
      log.push('update');
      return {};
    });
    expect(await deliver(new DynamoDBClient({}), TABLE, sender, message, NOW)).toBe('sent');
    expect(log).toEqual(['send', 'update']);
    expect(updates()).toEqual([
      expect.objectContaining({
        Key: KEY,
        ConditionExpression: '#status = :pending',
        UpdateExpression: 'SET #status = :sent, sentAt = :now, providerId = :pid REMOVE GSI1PK, GSI1SK',
      }),
    ]);
  });

  it('a message already marked sent by someone else is reported as such', async () => {
    const sender = { ...recordingSender([]), idempotent: true };
    ddb.on(UpdateItemCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    expect(await deliver(new DynamoDBClient({}), TABLE, sender, message, NOW)).toBe('alreadySent');
  });
});
