/**
 * The synthesized IHA state machine, run by aws-local-stepfunctions against DynamoDB Local, under the
 * controllable clock: every instant asserted is exact.
 */

import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gsi } from '#functions/store/table';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

const IHA = '/processes/initial-health-assessment/cases';
const END_OF = (day: string) => `${day}T23:59:59.999Z`;

const entry = (ref: string) =>
  exampleEntryIntoCare({
    caseReference: ref,
    child: { name: 'Robin Test', dateOfBirth: '2016-02-29' },
    legalBasis: 'interimCareOrder',
  });

async function call(platform: Platform, method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string) };
}

/** The case's planned checkpoints (kept on the case; its one wake-up is for the soonest), soonest first. */
async function pendingTimers(platform: Platform) {
  const out = await platform.db.send(
    new QueryCommand({
      TableName: platform.runtime.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: gsi.casesOfProcess('initial-health-assessment') } },
    }),
  );
  return (out.Items ?? [])
    .flatMap((i) => {
      const record = JSON.parse(i.body!.S!) as {
        caseId: string;
        timers: Record<string, { checkpointId: string; dueAt: string }>;
      };
      return Object.values(record.timers).map((t) => ({ ...t, caseId: record.caseId }));
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

// Working days in England after Mon 14 Dec 2026 (25 Dec, 28 Dec substitute and 1 Jan are bank
// holidays): 1 Tue 15, 2 Wed 16, 3 Thu 17, 4 Fri 18, 5 Mon 21 ... 8 Thu 24, 9 Tue 29, 10 Wed 30,
// 11 Thu 31, 12 Mon 4 Jan, 15 Thu 7, 20 Thu 14, 25 Thu 21, 29 Wed 27 Jan 2027. The statutory clock
// counts these: the council's closure days (29-31 Dec) do not lengthen it. The council's request
// (5 working days, its own closure days off) is due on Mon 21 Dec, before them.
describe('initial health assessment, end to end on the local runtime', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-12-14T10:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  it('a child entering care just before Christmas: every warning, the breach and the escalation at its exact instant', async () => {
    // Prepare / Act
    const opened = await call(platform, 'POST', IHA, 'alex', entry('RCC-XMAS-1'));
    expect(opened.status).toBe(201);
    const { caseId, caseCode } = opened.body;
    await platform.settle();
    const first = platform.inbox.find({ caseCode });
    expect(first.map((m) => [m.createdAt, m.address])).toEqual([
      ['2026-12-14T10:00:00.000Z', 'lac.health.team@riverside-health.example.nhs.uk'],
      ['2026-12-14T10:00:00.000Z', 'designated.nurse.cla@riverside-icb.example.nhs.uk'],
    ]);
    expect(
      (await pendingTimers(platform)).filter((t) => t.caseId === caseId).map((t) => [t.checkpointId, t.dueAt]),
    ).toEqual([
      ['request-reminder', END_OF('2026-12-17')],
      ['request-due', END_OF('2026-12-21')],
      ['appointment-check', END_OF('2026-12-30')],
      ['completion-reminder', END_OF('2027-01-07')],
      ['assessment-due', END_OF('2027-01-14')],
      ['escalation', END_OF('2027-01-21')],
      ['adulthood', '2034-02-28T00:00:00.000Z'], // born 29 Feb 2016: 18 on 28 Feb 2034
    ]);

    const moved = await platform.advanceTo(new Date('2027-01-27T09:00:00Z'));

    // Assess
    expect(moved.fired).toBe(6);
    const alerts = platform.inbox
      .find({ caseCode })
      .slice(2)
      .map((m) => [m.createdAt, m.recipientRole, m.address]);
    expect(alerts).toEqual([
      [END_OF('2026-12-17'), 'socialWorker', 'sam.okafor@riverside.example.gov.uk'],
      [END_OF('2026-12-17'), 'socialWorkManager', 'ruth.green@riverside.example.gov.uk'],
      [END_OF('2026-12-21'), 'socialWorker', 'sam.okafor@riverside.example.gov.uk'],
      [END_OF('2026-12-21'), 'socialWorkManager', 'ruth.green@riverside.example.gov.uk'],
      [END_OF('2026-12-30'), 'assessmentTeam', 'lac.health.team@riverside-health.example.nhs.uk'],
      [END_OF('2027-01-07'), 'assessmentTeam', 'lac.health.team@riverside-health.example.nhs.uk'],
      [END_OF('2027-01-07'), 'designatedNurse', 'designated.nurse.cla@riverside-icb.example.nhs.uk'],
      [END_OF('2027-01-14'), 'designatedNurse', 'designated.nurse.cla@riverside-icb.example.nhs.uk'],
      [END_OF('2027-01-14'), 'assessmentTeamManager', 'lac.health.manager@riverside-health.example.nhs.uk'],
      [END_OF('2027-01-14'), 'childrenInCareManager', 'children-in-care.manager@riverside.example.gov.uk'],
      [END_OF('2027-01-21'), 'icbCommissioner', 'childrens.commissioning@riverside-icb.example.nhs.uk'],
      [END_OF('2027-01-21'), 'headOfService', 'head.of.service.children@riverside.example.gov.uk'],
    ]);
    for (const m of platform.inbox.find({ caseCode })) expect(`${m.subject}\n${m.body}`).not.toContain('Robin');

    const view = await call(platform, 'GET', `/cases/${caseId}`, 'sam');
    expect(view.body.clocks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['initial-health-assessment', 'breached'],
      ['request-to-health', 'breached'],
    ]);

    // The assessment is completed late: the reason is required, then kept with the working days on each side.
    await call(platform, 'POST', `/cases/${caseId}/events`, 'sam', {
      type: 'requestSentToHealth',
      sentAt: '2027-01-27T08:30:00Z',
      consentIncluded: true,
    });
    const noReason = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', {
      type: 'assessmentCompleted',
      completedOn: '2027-01-27',
      practitioner: { name: 'Dr Ward' },
      healthPlanShared: true,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('delayReason');
    const done = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', {
      type: 'assessmentCompleted',
      completedOn: '2027-01-27',
      practitioner: { name: 'Dr Ward' },
      healthPlanShared: true,
      delayReason: { code: 'consentNotReceived' },
    });
    expect(done.status).toBe(200);
    const after = await call(platform, 'GET', `/cases/${caseId}`, 'priya');
    expect(after.body.clocks.find((c: { id: string }) => c.id === 'initial-health-assessment').status).toBe('metLate');
    expect(after.body.details.assessment).toMatchObject({
      onTime: false,
      delayReason: { label: 'Consent not received' },
      segments: { councilRequest: 29, health: 0, total: 29 },
    });
  });

  it('recording the assessment before its deadline cancels everything that would have followed', async () => {
    const opened = await call(platform, 'POST', IHA, 'alex', {
      ...entry('RCC-XMAS-2'),
      enteredCareAt: platform.clock.now().toISOString(),
    });
    const { caseId, caseCode } = opened.body;
    await platform.advanceTo(new Date('2027-01-28T11:00:00Z'));
    await call(platform, 'POST', `/cases/${caseId}/events`, 'sam', {
      type: 'requestSentToHealth',
      sentAt: '2027-01-28T11:00:00Z',
      consentIncluded: true,
    });
    await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', {
      type: 'appointmentBooked',
      appointmentOn: '2027-02-03',
    });
    await platform.advanceTo(new Date('2027-02-03T15:00:00Z'));
    const done = await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', {
      type: 'assessmentCompleted',
      completedOn: '2027-02-03',
      practitioner: { name: 'Dr Ward' },
      healthPlanShared: true,
    });
    expect(done.body.clocks.find((c: { id: string }) => c.id === 'initial-health-assessment').status).toBe('met');
    const before = platform.inbox.find({ caseCode }).length;
    await platform.advanceTo(new Date('2027-04-01T09:00:00Z'));
    expect(platform.inbox.find({ caseCode }).length).toBe(before);
    expect((await pendingTimers(platform)).filter((t) => t.caseId === caseId).map((t) => t.checkpointId)).toEqual([
      'review-reminder',
      'review-due',
      'adulthood',
    ]);
  });
});

describe('a concurrent change to the same case', () => {
  let platform: Platform;
  let held: Promise<void> | undefined;
  /** Told when the held attempt has read and decided, and waits before its commit. */
  let holding: (() => void) | undefined;
  beforeAll(async () => {
    platform = await testPlatform({
      startAt: new Date('2027-03-01T10:00:00Z'),
      frozen: true,
      // Hold the first attempt at applying an appointment, read and decided, until the other change has committed.
      beforeCommit: async (event) => {
        if (event.type === 'appointmentBooked' && held) {
          const wait = held;
          held = undefined;
          holding?.();
          await wait;
        }
      },
    });
  });
  afterAll(async () => platform?.stop());

  it('is decided again from a fresh read by the rules step, so both changes are kept and neither is lost', async () => {
    const opened = await call(platform, 'POST', IHA, 'alex', {
      ...entry('RCC-RACE-1'),
      enteredCareAt: '2027-03-01T09:00:00Z',
    });
    const { caseId } = opened.body;
    let release!: () => void;
    held = new Promise<void>((r) => (release = r));
    const reached = new Promise<void>((r) => (holding = r));
    const reads = platform.roundTrips.read;
    const appointment = call(platform, 'POST', `/cases/${caseId}/events`, 'priya', {
      type: 'appointmentBooked',
      appointmentOn: '2027-03-10',
    });
    await reached; // the appointment has read version 1 and waits before its commit, however loaded the machine
    const request = await call(platform, 'POST', `/cases/${caseId}/events`, 'sam', {
      type: 'requestSentToHealth',
      sentAt: '2027-03-01T09:30:00Z',
      consentIncluded: true,
    });
    release();
    const booked = await appointment;
    expect([request.status, booked.status]).toEqual([200, 200]);
    // appointment: read, (conflict) read again; request: one read
    expect(platform.roundTrips.read - reads).toBe(3);
    const view = await call(platform, 'GET', `/cases/${caseId}`, 'sam');
    expect(view.body.details.request).toMatchObject({ consentIncluded: true });
    expect(view.body.details.appointment).toMatchObject({ on: '2027-03-10' });
  });
});
