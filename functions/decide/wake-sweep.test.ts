import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { gsi } from '../store/table';
import { sweepOverdueWakeUps } from './wake-sweep';

const ddb = mockClient(DynamoDBClient);
const NOW = new Date('2027-01-15T10:00:00Z');
const wakeItem = (caseId: string, dueAt: string) => ({
  body: { S: JSON.stringify({ caseId, process: 'initial-health-assessment', dueAt }) },
});

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
});

describe('overdue wake-ups', () => {
  it('asks every shard for wake-ups older than the grace period, and starts each again under a new name', async () => {
    // Prepare: one case whose wake-up (end of Thu 14 Jan) was never applied
    ddb
      .on(QueryCommand, {
        ExpressionAttributeValues: { ':pk': { S: gsi.wake(7) }, ':before': { S: '2027-01-15T09:55:00.000Z' } },
      })
      .resolves({ Items: [wakeItem('iha-7k3f-9q2m', '2027-01-14T23:59:59.999Z')] });
    const started: { process: string; name: string; input: unknown }[] = [];
    // Act
    const result = await sweepOverdueWakeUps(
      new DynamoDBClient({ region: 'eu-west-2' }),
      'table',
      async (process, name, input) => void started.push({ process, name, input: JSON.parse(input) }),
      NOW,
    );
    // Assess
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(16);
    expect(result).toEqual({ overdue: 1, started: 1, failed: 0 });
    const eventId = `wake-iha-7k3f-9q2m-${Math.floor(Date.parse('2027-01-14T23:59:59.999Z') / 1000)}`;
    expect(started).toEqual([
      {
        process: 'initial-health-assessment',
        name: `${eventId}-s${Math.floor(NOW.getTime() / 60_000)}`,
        input: {
          event: expect.objectContaining({
            eventId,
            type: 'timersDue',
            caseId: 'iha-7k3f-9q2m',
            payload: { dueAt: '2027-01-14T23:59:59.999Z' },
          }),
          attempt: 0,
        },
      },
    ]);
    expect(started[0]!.name.length).toBeLessThanOrEqual(80);
  });

  it('a start that fails is counted, and the others still start', async () => {
    ddb
      .on(QueryCommand, {
        ExpressionAttributeValues: { ':pk': { S: gsi.wake(3) }, ':before': { S: '2027-01-15T09:55:00.000Z' } },
      })
      .resolves({
        Items: [
          wakeItem('iha-aaaa-bbbb', '2027-01-14T09:00:00.000Z'),
          wakeItem('iha-cccc-dddd', '2027-01-14T09:30:00.000Z'),
        ],
      });
    let calls = 0;
    const result = await sweepOverdueWakeUps(
      new DynamoDBClient({ region: 'eu-west-2' }),
      'table',
      async () => {
        if (calls++ === 0) throw new Error('ThrottlingException');
      },
      NOW,
    );
    expect(result).toEqual({ overdue: 2, started: 1, failed: 1 });
  });
});
