import {
  BatchGetItemCommand,
  DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { caseIdFor } from '#core/process/decide';
import type { EventResponse } from '#core/process/model';
import { RULES_ERROR } from '#infra/state-names';
import { enteredCare } from '#test/support/initial-health-assessment';
import { people } from '#test/support/process-harness';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import { logger } from '../observability';
import { partnership, type Runtime, workingDaysFor } from '../runtime';
import { IDEMPOTENCY_KEY_REUSED, idempotencyItem, stagedItem } from '../store/staged';
import type { TransactItem } from '../store/transaction';
import { atExpression, CONFLICT_RETRY, createDecide, type DecideOutput, planDecision } from './handler';

const iha = definitionOf(ihaParts);

const STATE_MACHINE = 'arn:aws:states:eu-west-2:111122223333:stateMachine:righttime-initial-health-assessment';

/** A runtime with the shipped partnership, a fixed clock and case code key 'k'. */
function fakeRuntime(now: string): Runtime & { setNow(at: string): void } {
  let current = new Date(now);
  return {
    tableName: 'righttime-test',
    partnership,
    workingDays: workingDaysFor(partnership),
    clock: { now: () => current },
    caseCodeKey: async () => 'k',
    setNow(at: string) {
      current = new Date(at);
    },
  };
}

const ENTRY = '2026-12-14T10:00:00Z'; // Mon 14 Dec 2026
const caseId = caseIdFor(iha, iha.caseKeyOf(enteredCare(), 'riverside-council'), { caseCodeKey: 'k' }).caseId;

function openingInput(overrides: Record<string, unknown> = {}) {
  return {
    event: {
      eventId: 'evt-open-1',
      type: 'childEnteredCare',
      process: 'initial-health-assessment',
      caseId,
      occurredAt: ENTRY,
      recordedAt: ENTRY,
      actor: people.frontDoor,
      payload: enteredCare(),
      ...overrides,
    },
    loaded: {},
    stateMachineArn: STATE_MACHINE,
  };
}

/** The stored case item, as a GetItem by Step Functions would load it after the transaction. */
function caseItemOf(output: DecideOutput) {
  const put = output.transactItems.find((i) => 'Put' in i && (i.Put.Item.SK as { S: string }).S === 'CASE');
  if (!put || !('Put' in put)) throw new Error('no case item in the transaction');
  return put.Put.Item;
}

describe('atExpression', () => {
  it.each([
    ['the end of a day rounds up to the next midnight', '2026-12-17T23:59:59.999Z', 'at(2026-12-18T00:00:00)'],
    ['the end of the year rounds into the next year', '2026-12-31T23:59:59.999Z', 'at(2027-01-01T00:00:00)'],
    ['a whole second stays as it is', '2033-05-31T23:00:00.000Z', 'at(2033-05-31T23:00:00)'],
    ['1 ms past a second rounds up', '2027-01-04T09:00:00.001Z', 'at(2027-01-04T09:00:01)'],
    ['the end of a BST day (22:59:59.999 UTC)', '2027-07-08T22:59:59.999Z', 'at(2027-07-08T23:00:00)'],
  ])('%s', (_name, dueAt, expression) => {
    expect(atExpression(dueAt)).toBe(expression);
  });
});

describe('decide handler', () => {
  /** The planned checkpoints of the case a decision wrote, soonest first (the timers live on the case). */
  const plannedOf = (output: DecideOutput) => {
    const stored = output.transactItems.find((i) => 'Put' in i && (i.Put.Item.SK as { S: string }).S === 'CASE')!;
    const record = JSON.parse((stored as unknown as { Put: { Item: { body: { S: string } } } }).Put.Item.body.S) as {
      timers: Record<string, { dueAt: string; checkpointId: string }>;
    };
    return Object.values(record.timers).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  };

  it('an opening event with nothing loaded writes the case with every checkpoint, and one wake-up for the soonest', async () => {
    // Prepare
    const runtime = fakeRuntime('2026-12-14T10:00:05Z');
    const decide = planDecision(runtime);
    // Act
    const output = await decide(openingInput());
    // Assess
    expect(output.write).toBe(true);
    expect(output.outcome).toBe('applied');
    expect(output.transactItems.length).toBeGreaterThan(0);
    expect(output.transactItems.every((i) => Object.values(i)[0].TableName === 'righttime-test')).toBe(true);
    expect((output.response as EventResponse).caseId).toBe(caseId);
    // The council's request (a local target, its closure days 29-31 Dec off): day 3 Thu 17 Dec, day 5
    // Mon 21 Dec. The statutory assessment counts working days in England only (25 Dec, 28 Dec substitute
    // and 1 Jan off): 10 Wed 30 Dec, 15 Thu 7 Jan, 20 Thu 14 Jan, 25 Thu 21 Jan; the 18th birthday
    // 1 Jun 2033 00:00 BST.
    expect(plannedOf(output).map((t) => t.dueAt)).toEqual([
      '2026-12-17T23:59:59.999Z',
      '2026-12-21T23:59:59.999Z',
      '2026-12-30T23:59:59.999Z',
      '2027-01-07T23:59:59.999Z',
      '2027-01-14T23:59:59.999Z',
      '2027-01-21T23:59:59.999Z',
      '2033-05-31T23:00:00.000Z',
    ]);
    expect(output.wake).toMatchObject({
      action: 'set',
      name: `case-${caseId}`,
      dueAt: '2026-12-17T23:59:59.999Z',
      expression: 'at(2026-12-18T00:00:00)',
      dueNow: false,
    });
    // one wake-up item on the sharded index, no timer items
    const wakes = output.transactItems.filter(
      (i) => 'Put' in i && (i.Put.Item.entityType as { S: string }).S === 'Wake',
    );
    expect(wakes).toHaveLength(1);
    expect(
      output.transactItems.filter((i) => 'Put' in i && (i.Put.Item.entityType as { S: string }).S === 'Timer'),
    ).toEqual([]);
  });

  it("the case's schedule starts the state machine with a timersDue event named after the case and instant", async () => {
    const decide = planDecision(fakeRuntime('2026-12-14T10:00:05Z'));
    const output = await decide(openingInput());
    const wake = output.wake as Extract<DecideOutput['wake'], { action: 'set' }>;
    const target = JSON.parse(wake.targetInput) as { StateMachineArn: string; Name: string; Input: string };
    expect(Object.keys(target).sort()).toEqual(['Input', 'Name', 'StateMachineArn']);
    expect(target.StateMachineArn).toBe(STATE_MACHINE);
    expect(target.Name).toBe(wake.executionName);
    expect(target.Input).toBe(wake.executionInput);
    expect(JSON.parse(target.Input)).toEqual({
      event: {
        eventId: `wake-${caseId}-${(Date.parse('2026-12-17T23:59:59.999Z') / 1000) | 0}`,
        type: 'timersDue',
        // a wake-up carries nothing personal, so it travels whole rather than staged
        staged: 'inline',
        process: 'initial-health-assessment',
        caseId,
        occurredAt: '2026-12-17T23:59:59.999Z',
        actor: {
          kind: 'system',
          userId: 'righttime-scheduler',
          name: 'RightTime scheduler',
          role: 'system',
          organisation: 'righttime',
        },
        payload: { dueAt: '2026-12-17T23:59:59.999Z' },
      },
      attempt: 0,
    });
    // execution names may hold at most 80 characters, schedule names 64
    expect(target.Name.length).toBeLessThanOrEqual(80);
    expect(wake.name.length).toBeLessThanOrEqual(64);
  });

  it('a wake-up already due is marked to start at once', async () => {
    // Recorded on Mon 28 Dec, two weeks after the child entered care: both request checkpoints have passed.
    const decide = planDecision(fakeRuntime('2026-12-28T10:00:00Z'));
    const output = await decide(openingInput({ recordedAt: '2026-12-28T10:00:00Z' }));
    expect(output.wake).toMatchObject({ action: 'set', dueAt: '2026-12-17T23:59:59.999Z', dueNow: true });
  });

  it('the case item fed back as loaded.Item is the current case: a second event applies, bumps the version and moves the wake-up', async () => {
    // Prepare
    const runtime = fakeRuntime('2026-12-14T10:00:05Z');
    const decide = planDecision(runtime);
    const first = await decide(openingInput());
    runtime.setNow('2026-12-16T15:05:00Z');
    // Act
    const second = await decide({
      event: {
        eventId: 'evt-request-1',
        type: 'requestSentToHealth',
        process: 'initial-health-assessment',
        caseId,
        occurredAt: '2026-12-16T15:05:00Z',
        actor: people.socialWorker,
        payload: { sentAt: '2026-12-16T15:00:00Z', consentIncluded: true },
      },
      loaded: { Item: caseItemOf(first) },
      stateMachineArn: STATE_MACHINE,
    });
    // Assess
    expect(second).toMatchObject({ write: true, outcome: 'applied' });
    const casePut = second.transactItems.find((i) => 'Put' in i && (i.Put.Item.SK as { S: string }).S === 'CASE')!;
    expect(casePut).toMatchObject({
      Put: {
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': { N: '1' } },
        Item: { version: { N: '2' } },
      },
    });
    // the two request checkpoints are gone from the case; the wake-up moves to day 10 (Wed 30 Dec)
    expect(plannedOf(second).map((t) => t.dueAt)).not.toContain('2026-12-17T23:59:59.999Z');
    expect(plannedOf(second).map((t) => t.dueAt)).not.toContain('2026-12-21T23:59:59.999Z');
    expect(second.wake).toMatchObject({ action: 'set', dueAt: '2026-12-30T23:59:59.999Z' });
    // recordedAt was missing, so the runtime's clock filled it in
    const audit = second.transactItems.find(
      (i) => 'Put' in i && (i.Put.Item.entityType as { S: string }).S === 'Audit',
    )!;
    expect('Put' in audit && JSON.parse((audit.Put.Item.body as { S: string }).S)).toMatchObject({
      at: '2026-12-16T15:05:00.000Z',
      action: 'change',
    });
    expect((second.response as EventResponse).message).toBe('Request to health recorded (on time)');
  });

  it('a wake-up from its schedule input fires the timers due by then on the loaded case, and sets the next one', async () => {
    const runtime = fakeRuntime('2026-12-14T10:00:05Z');
    const decide = planDecision(runtime);
    const first = await decide(openingInput());
    const wake = first.wake as Extract<DecideOutput['wake'], { action: 'set' }>;
    runtime.setNow('2026-12-18T00:00:02Z');
    const fired = await decide({
      ...JSON.parse(wake.executionInput),
      loaded: { Item: caseItemOf(first) },
      stateMachineArn: STATE_MACHINE,
    });
    expect(fired).toMatchObject({ write: true, outcome: 'applied' });
    expect(plannedOf(fired).map((t) => t.dueAt)).not.toContain('2026-12-17T23:59:59.999Z');
    expect(fired.wake).toMatchObject({ action: 'set', dueAt: '2026-12-21T23:59:59.999Z', dueNow: false });
    // the reminder's timeline entry carries its own instant, and is not late (2 s after)
    const timeline = fired.transactItems
      .filter((i) => 'Put' in i && (i.Put.Item.entityType as { S: string }).S === 'Timeline')
      .flatMap((i) => JSON.parse((i as unknown as { Put: { Item: { body: { S: string } } } }).Put.Item.body.S).entries);
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline.every((t: { at: string; late?: boolean }) => t.at === '2026-12-17T23:59:59.999Z' && !t.late)).toBe(
      true,
    );
  });

  it('the same event again is a duplicate and writes nothing', async () => {
    const decide = planDecision(fakeRuntime('2026-12-14T10:00:05Z'));
    const first = await decide(openingInput());
    const again = await decide({ ...openingInput(), loaded: { Item: caseItemOf(first) } });
    expect(again).toMatchObject({ write: false, outcome: 'duplicate', transactItems: [], wake: { action: 'keep' } });
  });

  it('a rejected event writes its record but schedules nothing', async () => {
    const decide = planDecision(fakeRuntime('2026-12-14T10:00:05Z'));
    const output = await decide(openingInput({ payload: enteredCare({ legalBasis: 'voluntary' }) }));
    expect(output).toMatchObject({ write: true, outcome: 'rejected', wake: { action: 'keep' } });
    expect(output.transactItems).toHaveLength(1);
  });

  it.each([
    ['an event id with spaces', { eventId: 'evt open 1' }],
    ['an event id longer than 80 characters', { eventId: 'e'.repeat(81) }],
    [
      'an actor without a kind',
      { actor: { userId: 'u', name: 'n', role: 'front-door', organisation: 'riverside-council' } },
    ],
  ])('refuses input with %s', async (_name, overrides) => {
    const decide = planDecision(fakeRuntime('2026-12-14T10:00:05Z'));
    await expect(decide(openingInput(overrides))).rejects.toThrow();
  });

  it('refuses an unknown process', async () => {
    const decide = planDecision(fakeRuntime('2026-12-14T10:00:05Z'));
    await expect(decide(openingInput({ process: 'child-protection-conference' }))).rejects.toThrow(
      /Unknown process child-protection-conference/,
    );
  });
});

describe('the rules step: one read, one transaction, a conflict decided again', () => {
  const ddb = mockClient(DynamoDBClient);
  const NOW = '2026-12-16T15:05:00Z';
  const request = {
    eventId: 'evt-request-1',
    type: 'requestSentToHealth',
    process: 'initial-health-assessment',
    caseId,
    staged: 'att1',
  };
  const stagedBody = (idempotency?: { key: string; fingerprint: string }) => ({
    actor: people.socialWorker,
    payload: { sentAt: '2026-12-16T15:00:00Z', consentIncluded: true },
    ...(idempotency ? { idempotency } : {}),
  });

  /** The case as it stood after the opening (version 1), and the request the API staged. */
  async function storedItems(idempotency?: { key: string; fingerprint: string }) {
    const opened = await planDecision(fakeRuntime('2026-12-14T10:00:05Z'))(openingInput());
    return {
      caseItem: caseItemOf(opened),
      staged: stagedItem(request.eventId, request.staged, stagedBody(idempotency) as never, new Date(NOW)),
    };
  }
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: codes.map((Code) => ({ Code })),
    });
  /** The reasons DynamoDB gives for a transaction in which only the item with this sort key failed its condition. */
  const failingOnly = (sk: string) => (input: { TransactItems: TransactItem[] }) => {
    throw cancelled(
      ...input.TransactItems.map((i) =>
        'Put' in i && (i.Put.Item.SK as { S: string }).S === sk ? 'ConditionalCheckFailed' : 'None',
      ),
    );
  };
  const waits: number[] = [];
  const step = (retry = {}) =>
    createDecide(fakeRuntime(NOW), {
      db: new DynamoDBClient({ region: 'eu-west-2' }),
      retry,
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });

  beforeEach(() => {
    ddb.reset();
    waits.length = 0;
  });

  it('reads the case, the staged request and the event record consistently, commits once, and hands back no transaction nor case', async () => {
    // Prepare
    const { caseItem, staged } = await storedItems();
    ddb.on(BatchGetItemCommand).resolves({ Responses: { 'righttime-test': [caseItem, staged] } });
    ddb.on(TransactWriteItemsCommand).resolves({});
    // Act
    const output = await step()({ event: request, stateMachineArn: STATE_MACHINE });
    // Assess
    const [read] = ddb.commandCalls(BatchGetItemCommand).map((c) => c.args[0].input.RequestItems!['righttime-test']!);
    expect(read!.ConsistentRead).toBe(true);
    expect(read!.Keys!.map((k) => `${k.PK!.S}|${k.SK!.S}`).sort()).toEqual([
      `CASE#${caseId}|CASE`,
      'EVENT#evt-request-1|EVENT',
      'EVENT#evt-request-1|STAGED#att1',
    ]);
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
    expect(Object.keys(output).sort()).toEqual(['outcome', 'response', 'wake']);
    expect(output).toMatchObject({ outcome: 'applied', wake: { action: 'set', dueAt: '2026-12-30T23:59:59.999Z' } });
    // nothing of the child (name, date of birth, reference) in what goes back to Step Functions
    const text = JSON.stringify(output);
    for (const value of ['Test Child', '2015-06-01', 'RCC-1001']) expect(text).not.toContain(value);
  });

  it('a changed case is read and decided again after a full-jitter wait, then applies on the new version', async () => {
    // Prepare: the first commit finds the case moved on (version 2 by another event)
    const { caseItem, staged } = await storedItems();
    const moved = {
      ...caseItem,
      version: { N: '2' },
      body: { S: JSON.stringify({ ...JSON.parse((caseItem.body as { S: string }).S), version: 2 }) },
    };
    ddb
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { 'righttime-test': [caseItem, staged] } })
      .resolves({ Responses: { 'righttime-test': [moved, staged] } });
    ddb.on(TransactWriteItemsCommand).callsFakeOnce(failingOnly('CASE')).resolves({});
    // Act
    const output = await step()({ event: request, stateMachineArn: STATE_MACHINE });
    // Assess
    expect(output.outcome).toBe('applied');
    expect(waits).toEqual([10]); // half of min(1000, 20 × 2^0)
    const commits = ddb
      .commandCalls(TransactWriteItemsCommand)
      .map(
        (c) =>
          c.args[0].input.TransactItems!.find((i) => i.Put?.Item?.SK?.S === 'CASE')!.Put!.ExpressionAttributeValues,
      );
    expect(commits).toEqual([{ ':expected': { N: '1' } }, { ':expected': { N: '2' } }]);
  });

  it('an Idempotency-Key taken meanwhile by a different request: read with the key, refused 409 as the API refuses it, nothing applied', async () => {
    // Prepare: the same person's key, used concurrently for another body, applied first
    const { caseItem, staged } = await storedItems({ key: 'form-7', fingerprint: 'mine' });
    const holder = idempotencyItem(people.socialWorker.userId, 'form-7', {
      fingerprint: 'theirs',
      eventId: 'evt-theirs',
      expiresAt: Date.parse(NOW) / 1000 + 3600,
    });
    ddb
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { 'righttime-test': [caseItem, staged] } })
      .resolves({ Responses: { 'righttime-test': [caseItem, staged, holder] } });
    ddb.on(TransactWriteItemsCommand).callsFakeOnce(failingOnly('KEY')).resolves({});
    // Act
    const output = await step()({ event: request, stateMachineArn: STATE_MACHINE });
    // Assess: read again at once, with the key's record
    expect(waits).toEqual([]);
    const reads = ddb
      .commandCalls(BatchGetItemCommand)
      .map((c) => c.args[0].input.RequestItems!['righttime-test']!.Keys!.map((k) => k.PK!.S));
    expect(reads[1]).toContain(`IDEMPOTENCY#${people.socialWorker.userId}#form-7`);
    expect(output).toMatchObject({
      outcome: 'rejected',
      wake: { action: 'keep' },
      response: { outcome: 'rejected', rejection: IDEMPOTENCY_KEY_REUSED },
    });
    // the refusal is recorded and the staged request deleted; the case is not written
    const [, refusal] = ddb.commandCalls(TransactWriteItemsCommand).map((c) => c.args[0].input.TransactItems!);
    expect(refusal!.map((i) => Object.keys(i)[0]).sort()).toEqual(['Delete', 'Put']);
    expect(refusal!.find((i) => i.Put)!.Put!.Item!.outcome).toEqual({ S: 'rejected' });
  });

  it('the event applied by another attempt meanwhile: answered as a duplicate, its staged request deleted', async () => {
    const { caseItem, staged } = await storedItems();
    const applied = {
      PK: { S: 'EVENT#evt-request-1' },
      SK: { S: 'EVENT' },
      outcome: { S: 'applied' },
      body: {
        S: JSON.stringify({
          eventId: 'evt-request-1',
          caseId,
          outcome: 'applied',
          message: 'Request to health recorded (on time)',
        }),
      },
    };
    ddb
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { 'righttime-test': [caseItem, staged] } })
      .resolves({ Responses: { 'righttime-test': [caseItem, staged, applied] } });
    ddb.on(TransactWriteItemsCommand).callsFakeOnce(failingOnly('EVENT')).resolves({});
    const output = await step()({ event: request, stateMachineArn: STATE_MACHINE });
    expect(output).toMatchObject({
      outcome: 'duplicate',
      wake: { action: 'keep' },
      response: { outcome: 'duplicate' },
    });
    expect(waits).toEqual([]);
    expect(ddb.commandCalls(TransactWriteItemsCommand)[1]!.args[0].input.TransactItems).toEqual([
      { Delete: { TableName: 'righttime-test', Key: { PK: { S: 'EVENT#evt-request-1' }, SK: { S: 'STAGED#att1' } } } },
    ]);
  });

  it('a case that keeps changing: after its attempts, ConcurrentChanges for the state machine to retry; waits grow and stay under the cap', async () => {
    const { caseItem, staged } = await storedItems();
    ddb.on(BatchGetItemCommand).resolves({ Responses: { 'righttime-test': [caseItem, staged] } });
    ddb.on(TransactWriteItemsCommand).callsFake(failingOnly('CASE'));
    await expect(step({ attempts: 6 })({ event: request, stateMachineArn: STATE_MACHINE })).rejects.toMatchObject({
      name: RULES_ERROR.concurrentChanges,
    });
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(6);
    expect(waits).toEqual([10, 20, 40, 80, 160]);
    expect(CONFLICT_RETRY.capMs).toBeLessThan(CONFLICT_RETRY.budgetMs);
  });

  it('a commit DynamoDB throttles through every attempt: ConcurrentChanges, logged as throttled, not as a case that kept changing', async () => {
    const { caseItem, staged } = await storedItems();
    ddb.on(BatchGetItemCommand).resolves({ Responses: { 'righttime-test': [caseItem, staged] } });
    ddb.on(TransactWriteItemsCommand).callsFake((input: { TransactItems: TransactItem[] }) => {
      throw cancelled(...input.TransactItems.map(() => 'ThrottlingError'));
    });
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    try {
      await expect(step({ attempts: 3 })({ event: request, stateMachineArn: STATE_MACHINE })).rejects.toMatchObject({
        name: RULES_ERROR.concurrentChanges,
      });
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        'DynamoDB throttled the commit; handing back to the state machine',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('any other store error fails the step as it is (the state machine retries a busy store; a 503 otherwise)', async () => {
    const { caseItem, staged } = await storedItems();
    ddb.on(BatchGetItemCommand).resolves({ Responses: { 'righttime-test': [caseItem, staged] } });
    ddb.on(TransactWriteItemsCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    await expect(step()({ event: request, stateMachineArn: STATE_MACHINE })).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });
});
