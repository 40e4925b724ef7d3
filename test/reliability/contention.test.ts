/**
 * Contention is the platform's problem, not the caller's: many requests on one case at once, over real
 * HTTP with signed tokens, on the synthesized state machine against DynamoDB Local. The rules step
 * decides a cancelled commit again from a fresh read (functions/decide/handler.ts), so every event
 * applies, each once, and no caller is told to try again (503).
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFLICT_RETRY, ConcurrentChanges } from '#functions/decide/handler';
import { demoUsers, LocalSignIn } from '#local/auth';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { createLocalServer } from '#local/server';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

let platform: Platform;
let server: Server;
let base: string;
const signIn = new LocalSignIn();
const tokens: Record<string, string> = {};

async function http(method: string, path: string, user: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}`, ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The case's timeline entries of one kind, with the event each came from. */
async function timeline(caseId: string, kind: string): Promise<{ eventId: string; summary: string }[]> {
  const out = await platform.db.send(
    new QueryCommand({
      TableName: platform.runtime.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :tl)',
      ExpressionAttributeValues: { ':pk': { S: `CASE#${caseId}` }, ':tl': { S: 'TL#' } },
    }),
  );
  return (out.Items ?? [])
    .flatMap((i) => JSON.parse(i.body!.S!).entries as { kind: string; eventId: string; summary: string }[])
    .filter((e) => e.kind === kind);
}

async function openCase(reference: string): Promise<string> {
  const opened = await http(
    'POST',
    '/processes/initial-health-assessment/cases',
    'alex',
    exampleEntryIntoCare({ caseReference: reference, enteredCareAt: '2027-03-01T09:00:00Z' }),
  );
  expect(opened.status).toBe(201);
  return opened.body.caseId as string;
}

/** Day n of March or April 2027, as an appointment date. */
const day = (n: number) => new Date(Date.UTC(2027, 2, 2 + n)).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await testPlatform({ startAt: new Date('2027-03-01T10:00:00Z'), frozen: true });
  server = createLocalServer(platform, signIn);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const username of ['alex', 'priya'])
    tokens[username] = await signIn.token(demoUsers.find((u) => u.username === username)!);
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await platform?.stop();
});

describe('many writers on one case at once', () => {
  it('20 concurrent events with different Idempotency-Keys: all 200 applied, each exactly once on the timeline, none 503', async () => {
    // Prepare
    const caseId = await openCase('RCC-CONTEND-20');
    // Act: twenty appointments for the same child, each with its own key, all at once
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http(
          'POST',
          `/cases/${caseId}/events`,
          'priya',
          { type: 'appointmentBooked', appointmentOn: day(i) },
          { 'idempotency-key': `booking-${i}` },
        ),
      ),
    );
    // Assess
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.every((a) => a.body.outcome === 'applied')).toBe(true);
    const eventIds = answers.map((a) => a.body.eventId as string);
    expect(new Set(eventIds).size).toBe(20);
    const booked = await timeline(caseId, 'appointmentBooked');
    expect(booked.map((e) => e.eventId).sort()).toEqual([...eventIds].sort());
    // the case went through 20 versions after its opening, one per event: nothing lost, nothing twice
    const record = await platform.store.getCase(caseId);
    expect(record!.version).toBe(21);
    expect(eventIds.every((id) => record!.recentEventIds.includes(id))).toBe(true);
  });

  it('150 concurrent requests with one Idempotency-Key and different bodies: exactly one applies, 149 are 409 naming the header, none 503, one effect', async () => {
    // Prepare: the API's own refusal of a reused key, for comparison (another key, sequentially)
    const caseId = await openCase('RCC-CONTEND-150');
    const reference = await openCase('RCC-CONTEND-REF');
    expect(
      (
        await http(
          'POST',
          `/cases/${reference}/events`,
          'priya',
          { type: 'appointmentBooked', appointmentOn: day(1) },
          { 'idempotency-key': 'ref-form' },
        )
      ).status,
    ).toBe(200);
    const refused = await http(
      'POST',
      `/cases/${reference}/events`,
      'priya',
      { type: 'appointmentBooked', appointmentOn: day(2) },
      { 'idempotency-key': 'ref-form' },
    );
    expect(refused.status).toBe(409);
    // Act: one key, 150 different bodies (150 appointment dates), at once
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        http(
          'POST',
          `/cases/${caseId}/events`,
          'priya',
          { type: 'appointmentBooked', appointmentOn: day(i) },
          { 'idempotency-key': 'booking-form-150' },
        ).then((a) => ({ ...a, i })),
      ),
    );
    // Assess
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(149);
    const winners = answers.filter((a) => a.status === 200);
    expect(winners[0]!.body.outcome).toBe('applied');
    // The same refusal, whether the API found the key used or the rules step did (that one names the event)
    const { type, title, status, code, detail, issues } = refused.body;
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body).toMatchObject({ type, title, status, code, detail, issues });
    }
    const winningDay = day(winners[0]!.i);
    // one effect: one appointment on the timeline, the winner's, and the case moved one version
    const booked = await timeline(caseId, 'appointmentBooked');
    expect(booked.map((e) => e.eventId)).toEqual([winners[0]!.body.eventId]);
    expect((await platform.store.getCase(caseId))!.version).toBe(2);
    expect((await platform.store.getCase(caseId))!.details).toMatchObject({ appointment: { on: winningDay } });
  });
});

describe('the rules step handing a conflict back (ConcurrentChanges)', () => {
  let own: Platform;
  let giveUp = 0;
  beforeAll(async () => {
    own = await testPlatform({
      startAt: new Date('2027-03-01T10:00:00Z'),
      frozen: true,
      // As when the case kept changing through all of the step's own attempts.
      wrapDecide: (decide) => async (input) => {
        if (giveUp > 0) {
          giveUp--;
          throw new ConcurrentChanges((input as { event: { eventId: string } }).event.eventId, CONFLICT_RETRY.attempts);
        }
        return decide(input);
      },
    });
  });
  afterAll(async () => own?.stop());

  it('is retried by the synthesized state machine after a jittered wait: applied, not 503', async () => {
    // Prepare
    const opened = await own.api(
      apiEvent(
        'POST',
        '/processes/initial-health-assessment/cases',
        'alex',
        exampleEntryIntoCare({ caseReference: 'RCC-CONTEND-ASL', enteredCareAt: '2027-03-01T09:00:00Z' }),
      ),
    );
    const { caseId } = JSON.parse(opened.body as string) as { caseId: string };
    giveUp = 2;
    const failedBefore = own.stepFunctions.stats.failed;
    // Act
    const answer = await own.api(
      apiEvent('POST', `/cases/${caseId}/events`, 'priya', { type: 'appointmentBooked', appointmentOn: '2027-03-10' }),
    );
    // Assess: two attempts handed back, the third applied, within one execution
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body as string).outcome).toBe('applied');
    expect(giveUp).toBe(0);
    expect(own.stepFunctions.stats.failed).toBe(failedBefore);
  });
});
