/**
 * Retries, on the synthesized state machine against DynamoDB Local: only an event that applied is
 * deduplicated. A refusal or a failure leaves nothing that blocks the same request later, and identical
 * concurrent requests apply once.
 */

import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

const IHA = '/processes/initial-health-assessment/cases';

async function call(
  platform: Platform,
  method: string,
  path: string,
  user: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const result = await platform.api(apiEvent(method, path, user, body, headers));
  return { status: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(result.body as string) };
}

async function timelineKinds(platform: Platform, caseId: string): Promise<string[]> {
  const out = await platform.db.send(
    new QueryCommand({
      TableName: platform.runtime.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :tl)',
      ExpressionAttributeValues: { ':pk': { S: `CASE#${caseId}` }, ':tl': { S: 'TL#' } },
    }),
  );
  return (out.Items ?? []).flatMap((i) => (JSON.parse(i.body!.S!).entries as { kind: string }[]).map((e) => e.kind));
}

describe('a retry can always succeed', () => {
  let platform: Platform;
  /** Set by a test to make the rules step fail (as when the store or a calendar is unavailable). */
  let failNext = 0;
  beforeAll(async () => {
    platform = await testPlatform({
      startAt: new Date('2026-10-05T09:00:00Z'),
      frozen: true,
      timerRetryDelayMs: 0,
      wrapDecide: (decide) => async (input) => {
        if (failNext > 0) {
          failNext--;
          throw new Error('The store is unavailable');
        }
        return decide(input);
      },
    });
  });
  afterAll(async () => platform?.stop());

  async function openCase(reference: string): Promise<string> {
    const opened = await call(
      platform,
      'POST',
      IHA,
      'alex',
      exampleEntryIntoCare({ caseReference: reference, enteredCareAt: '2026-10-05T09:00:00Z' }),
    );
    expect(opened.status).toBe(201);
    return opened.body.caseId as string;
  }

  it('refused, then the identical request with the same key after the reason has gone: applied', async () => {
    // Prepare: no review is due until the initial assessment is recorded
    const caseId = await openCase('RCC-RETRY-1');
    const review = {
      type: 'reviewAssessmentCompleted',
      completedOn: '2026-10-05',
      practitioner: { name: 'Dr Helen Ward' },
    };
    const key = { 'idempotency-key': 'review-form-1' };
    const refused = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', review, key);
    expect(refused.status).toBe(409);
    const completed = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', {
      type: 'assessmentCompleted',
      completedOn: '2026-10-05',
      practitioner: { name: 'Dr Helen Ward' },
      healthPlanShared: true,
    });
    expect(completed.status).toBe(200);
    // Act
    const again = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', review, key);
    // Assess
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('applied');
    expect(again.body.eventId).toBe(refused.body.eventId);
    const outcome = await call(platform, 'GET', `/events/${again.body.eventId}`, 'priya');
    expect(outcome.body.outcome).toBe('applied');
    // and the same key once more is the same event: nothing more is done
    const third = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', review, key);
    expect(third).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    expect((await timelineKinds(platform, caseId)).filter((k) => k === 'reviewCompleted')).toHaveLength(1);
  });

  it('refused, then the identical request without a key: a new event, applied', async () => {
    const caseId = await openCase('RCC-RETRY-2');
    const review = {
      type: 'reviewAssessmentCompleted',
      completedOn: '2026-10-05',
      practitioner: { name: 'Dr Helen Ward' },
    };
    expect((await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', review)).status).toBe(409);
    await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', {
      type: 'assessmentCompleted',
      completedOn: '2026-10-05',
      practitioner: { name: 'Dr Helen Ward' },
      healthPlanShared: true,
    });
    const again = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', review);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('applied');
  });

  it('a 503, then the same request after recovery really runs again and applies once', async () => {
    // Prepare
    const caseId = await openCase('RCC-RETRY-3');
    const booking = { type: 'appointmentBooked', appointmentOn: '2026-10-20' };
    const key = { 'idempotency-key': 'booking-form-3' };
    failNext = 1;
    const failed = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', booking, key);
    expect(failed.status).toBe(503);
    expect(failed.body.detail).toContain('safe');
    // Act
    const retried = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', booking, key);
    // Assess
    expect(retried.status).toBe(200);
    expect(retried.body.outcome).toBe('applied');
    expect((await timelineKinds(platform, caseId)).filter((k) => k === 'appointmentBooked')).toHaveLength(1);
  });

  it('the same key with a different request is 409 naming the header, and records nothing', async () => {
    const caseId = await openCase('RCC-RETRY-4');
    const key = { 'idempotency-key': 'booking-form-4' };
    expect(
      (
        await call(
          platform,
          'POST',
          `/cases/${caseId}/events`,
          'priya',
          { type: 'appointmentBooked', appointmentOn: '2026-10-20' },
          key,
        )
      ).status,
    ).toBe(200);
    const reused = await call(
      platform,
      'POST',
      `/cases/${caseId}/events`,
      'priya',
      { type: 'appointmentBooked', appointmentOn: '2026-10-21' },
      key,
    );
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'idempotencyKeyReused', issues: [{ path: 'Idempotency-Key' }] });
    // another person may use the same key for their own request
    const colleague = await call(
      platform,
      'POST',
      `/cases/${caseId}/events`,
      'grace',
      { type: 'appointmentBooked', appointmentOn: '2026-10-21' },
      key,
    );
    expect(colleague.status).not.toBe(409);
  });

  it('200 identical concurrent requests with one key apply once; every answer is the applied event or its duplicate', async () => {
    // Prepare
    const caseId = await openCase('RCC-RETRY-5');
    const booking = { type: 'appointmentBooked', appointmentOn: '2026-10-20' };
    const key = { 'idempotency-key': 'booking-form-5' };
    // Act
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => call(platform, 'POST', `/cases/${caseId}/events`, 'priya', booking, key)),
    );
    // Assess
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.outcome === 'applied')).toHaveLength(1);
    expect(answers.filter((a) => a.body.outcome === 'duplicate')).toHaveLength(199);
    expect(new Set(answers.map((a) => a.body.eventId)).size).toBe(1);
    expect((await timelineKinds(platform, caseId)).filter((k) => k === 'appointmentBooked')).toHaveLength(1);
  });

  it('the staged request (who sent what) is deleted by the commit; only the attempt that failed waits for its one-day expiry', async () => {
    // Prepare / Act
    await openCase('RCC-RETRY-6');
    // Assess: a Scan is fine in a test. Every request above committed and took its staged copy with it,
    // except the attempt that failed with 503, whose copy DynamoDB's TTL deletes a day later.
    const left = await platform.db.send(
      new ScanCommand({
        TableName: platform.runtime.tableName,
        FilterExpression: 'begins_with(SK, :staged)',
        ExpressionAttributeValues: { ':staged': { S: 'STAGED#' } },
      }),
    );
    expect(left.Items?.length).toBe(1);
    expect(Number(left.Items![0]!.expiresAt!.N)).toBe(Date.parse('2026-10-05T09:00:00Z') / 1000 + 24 * 60 * 60);
  });

  it('a timer whose execution failed stays pending and is fired again (here at once: no retry delay), once', async () => {
    // Prepare: a case whose first reminder falls due a few working days on
    const caseId = await openCase('RCC-RETRY-7');
    const record = await call(platform, 'GET', `/cases/${caseId}`, 'alex');
    const [first] = record.body.upcoming as { checkpoint: string; dueAt: string }[];
    const failedBefore = platform.stepFunctions.stats.failed;
    failNext = 1;
    // Act: the clock passes it; its first execution fails
    await platform.advanceTo(new Date(new Date(first!.dueAt).getTime() + 60_000));
    // Assess: one failed execution, then the timer applied once
    expect(platform.stepFunctions.stats.failed).toBe(failedBefore + 1);
    const after = await call(platform, 'GET', `/cases/${caseId}`, 'alex');
    expect(after.body.upcoming.map((t: { checkpoint: string }) => t.checkpoint)).not.toContain(first!.checkpoint);
    const reached = after.body.clocks.flatMap((c: { checkpointsReached: string[] }) => c.checkpointsReached);
    expect(reached.filter((id: string) => id === first!.checkpoint)).toHaveLength(1);
  });
});
