/**
 * The clock engine's pauses, recurring checkpoints and elapsed hours, run through the CDK-synthesized
 * state machine of a test-only process (test/support/engine-process.ts) on DynamoDB Local, through the
 * API, with the platform's clock moved forward. Every expected instant below was worked out by hand
 * from the calendar (days counted in the comments), not by the engine's own functions.
 *
 * The tests share one platform and run in date order (the clock only moves forward): recurring
 * checkpoints in October and November 2026 (across the October clock change), pauses across Christmas
 * 2026, elapsed hours across the March 2027 clock change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { ENGINE_TEST_PROCESS, engineTestCatalogue } from '../support/engine-process';
import { testPlatform } from '../support/platform';

const OPEN = `/processes/${ENGINE_TEST_PROCESS}/cases`;
const taylor = {
  userId: 'u-taylor-teamleader',
  name: 'Taylor Green',
  role: 'team-leader',
  organisation: 'riverside-council',
};

let platform: Platform;
beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2026-10-23T09:00:00Z'),
    frozen: true,
    catalogue: engineTestCatalogue,
  });
});
afterAll(async () => platform?.stop());

async function call(method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string) };
}
const at = (iso: string) => platform.advanceTo(new Date(iso));
const event = (caseId: string, user: string, body: Record<string, unknown>) =>
  call('POST', `/cases/${caseId}/events`, user, body);
const record = async (caseId: string) => (await platform.store.getCase(caseId)) as CaseRecord;
/** A clock's pending timers as [checkpoint, due instant, occurrence], soonest first. */
async function timersOf(caseId: string, clockId: string) {
  return Object.values((await record(caseId)).timers)
    .filter((t) => t.clockId === clockId)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((t) => [t.checkpointId, t.dueAt, ...(t.occurrence === undefined ? [] : [t.occurrence])]);
}
/** What reached the local inbox for a case, as [created at, recipient, subject], in order. */
const alerts = (caseCode: string) =>
  platform.inbox.find({ caseCode }).map((m) => [m.createdAt, m.recipientRole, m.subject]);

async function open(reference: string, startedAt: string, clocks: string[], level = 'ended') {
  const opened = await call('POST', OPEN, 'sam', { reference, startedAt, clocks, level });
  expect(opened.status).toBe(201);
  return opened.body as { caseId: string; caseCode: string };
}

describe('recurring checkpoints on the state machine: re-planned when the condition changes', () => {
  it('daily check-ins at 09:00 London while support is intensive (across the October clock change), weekly reviews while steady, none once it ends', async () => {
    // Prepare: opened Fri 23 Oct 2026 10:00 BST (09:00Z), intensive. Check-in k is at 09:00 London on
    // the k-th day after Fri 23 Oct: Sat 24 Oct 09:00 BST = 08:00Z; clocks go back Sun 25 Oct 02:00
    // BST, so Sun 25 Oct 09:00 GMT = 09:00Z; Mon 26 Oct 09:00Z.
    const { caseId, caseCode } = await open('RECUR-1', '2026-10-23T09:00:00Z', ['support'], 'intensive');
    expect(await timersOf(caseId, 'support')).toEqual([['daily-check-in', '2026-10-24T08:00:00.000Z', 1]]);
    await at('2026-10-26T12:00:00Z');
    expect(alerts(caseCode)).toEqual([
      ['2026-10-24T08:00:00.000Z', 'leadPractitioner', `Daily check-in 1 for ${caseCode}`],
      ['2026-10-25T09:00:00.000Z', 'leadPractitioner', `Daily check-in 2 for ${caseCode}`],
      ['2026-10-26T09:00:00.000Z', 'leadPractitioner', `Daily check-in 3 for ${caseCode}`],
    ]);
    expect(await timersOf(caseId, 'support')).toEqual([['daily-check-in', '2026-10-27T09:00:00.000Z', 4]]);

    // Act: support steps down to steady on Mon 26 Oct at noon
    expect((await event(caseId, 'sam', { type: 'supportLevelChanged', level: 'steady' })).status).toBe(200);
    // Assess: the daily check-in is cancelled; review k falls at the end of the (7k)-th day after Fri
    // 23 Oct: review 1 Fri 30 Oct 23:59:59.999 GMT, review 2 Fri 6 Nov
    expect(await timersOf(caseId, 'support')).toEqual([['weekly-review', '2026-10-30T23:59:59.999Z', 1]]);
    await at('2026-11-07T12:00:00Z');
    expect(alerts(caseCode).slice(3)).toEqual([
      ['2026-10-30T23:59:59.999Z', 'leadPractitioner', `Weekly review 1 for ${caseCode}`],
      ['2026-11-06T23:59:59.999Z', 'leadPractitioner', `Weekly review 2 for ${caseCode}`],
    ]);

    // Act: intensive again on Sat 7 Nov at noon: 09:00 that day (day 15) has passed, so day 16, Sun 8 Nov
    expect((await event(caseId, 'sam', { type: 'supportLevelChanged', level: 'intensive' })).status).toBe(200);
    expect(await timersOf(caseId, 'support')).toEqual([['daily-check-in', '2026-11-08T09:00:00.000Z', 16]]);
    await at('2026-11-08T12:00:00Z');
    expect(alerts(caseCode).slice(5)).toEqual([
      ['2026-11-08T09:00:00.000Z', 'leadPractitioner', `Daily check-in 16 for ${caseCode}`],
    ]);

    // Act: a hospital stay from Sun 8 Nov; its rule does not re-plan, so check-in 17 (Mon 9 Nov 09:00Z)
    // is still planned and finds its condition lapsed when it falls due
    expect((await event(caseId, 'sam', { type: 'hospitalStay', inHospital: true })).status).toBe(200);
    expect(await timersOf(caseId, 'support')).toEqual([['daily-check-in', '2026-11-09T09:00:00.000Z', 17]]);
    await at('2026-11-10T12:00:00Z');
    // Assess: nothing sent, recorded as not needed (not as reached), and the recurrence stopped
    expect(alerts(caseCode)).toHaveLength(6);
    expect(await timersOf(caseId, 'support')).toEqual([]);
    const lapsed = (await platform.store.timeline(caseId)).filter((t) => t.at === '2026-11-09T09:00:00.000Z');
    expect(lapsed.map((t) => [t.kind, t.summary])).toEqual([
      ['checkpointNotNeeded', 'Episode of support: daily-check-in not needed (dailyCheckIns no longer applies)'],
    ]);
    expect((await record(caseId)).clocks.support!.occurrences).toEqual({ 'daily-check-in': 17, 'weekly-review': 2 });

    // Act: home on Tue 10 Nov at noon: re-planned from the next check-in after now (day 18 was at 09:00), day 19
    expect((await event(caseId, 'sam', { type: 'hospitalStay', inHospital: false })).status).toBe(200);
    expect(await timersOf(caseId, 'support')).toEqual([['daily-check-in', '2026-11-11T09:00:00.000Z', 19]]);
    // Act: support ends the same day: nothing recurs any more
    expect((await event(caseId, 'sam', { type: 'supportLevelChanged', level: 'ended' })).status).toBe(200);
    expect(await timersOf(caseId, 'support')).toEqual([]);
    await at('2026-11-30T12:00:00Z');
    expect(alerts(caseCode)).toHaveLength(6);
  });
});

describe('pausing a working-day clock on the state machine: across Christmas 2026, twice', () => {
  it('every checkpoint moves by exactly the working days paused; paused time is reported apart, with its reasons and who agreed', async () => {
    // Working days after Mon 14 Dec 2026 (England: Fri 25 Dec Christmas, Mon 28 Dec Boxing Day
    // substitute, Fri 1 Jan New Year): 1 Tue 15, 2 Wed 16, 3 Thu 17, 4 Fri 18, 5 Mon 21, 6 Tue 22,
    // 7 Wed 23, 8 Thu 24, 9 Tue 29, 10 Wed 30, 11 Thu 31, 12 Mon 4 Jan, 13 Tue 5, 14 Wed 6, 15 Thu 7,
    // 16 Fri 8, 17 Mon 11, 18 Tue 12, 19 Wed 13, 20 Thu 14, 21 Fri 15, 22 Mon 18, 23 Tue 19, 24 Wed 20,
    // 25 Thu 21, 26 Fri 22, 27 Mon 25 Jan. Checkpoints: day 10, due (day 20), day 22; each at 23:59:59.999 (GMT).
    await at('2026-12-14T10:00:00Z');
    const { caseId, caseCode } = await open('PLAN-1', '2026-12-14T10:00:00Z', ['plan']);
    expect(await timersOf(caseId, 'plan')).toEqual([
      ['plan-midway', '2026-12-30T23:59:59.999Z'],
      ['plan-due', '2027-01-14T23:59:59.999Z'],
      ['plan-escalation', '2027-01-18T23:59:59.999Z'],
    ]);

    // Act: pause on Wed 23 Dec at 15:00. Only a team leader may agree it, for a listed reason.
    await at('2026-12-23T15:00:00Z');
    const bySam = await event(caseId, 'sam', { type: 'clockPaused', clock: 'plan', reason: 'familyAskedToPause' });
    expect(bySam.status).toBe(403);
    const unlisted = await event(caseId, 'taylor', { type: 'clockPaused', clock: 'plan', reason: 'holidays' });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.issues).toEqual([
      { path: 'reason', message: 'choose one of: familyAskedToPause, childInHospital' },
    ]);
    expect(
      (await event(caseId, 'taylor', { type: 'clockPaused', clock: 'plan', reason: 'familyAskedToPause' })).status,
    ).toBe(200);
    // Assess: nothing planned while paused
    expect(await timersOf(caseId, 'plan')).toEqual([]);

    // Act: resumed Tue 29 Dec at 10:00. The day of the pause was used; paused: Thu 24 and Tue 29 (the
    // bank holidays and the weekend were never working days): 2 working days.
    await at('2026-12-29T10:00:00Z');
    expect(alerts(caseCode)).toEqual([]);
    expect((await event(caseId, 'taylor', { type: 'clockResumed', clock: 'plan' })).status).toBe(200);
    // Assess: each checkpoint 2 working days later: day 12 Mon 4 Jan, day 22 Mon 18 Jan, day 24 Wed 20 Jan
    expect(await timersOf(caseId, 'plan')).toEqual([
      ['plan-midway', '2027-01-04T23:59:59.999Z'],
      ['plan-due', '2027-01-18T23:59:59.999Z'],
      ['plan-escalation', '2027-01-20T23:59:59.999Z'],
    ]);
    await at('2027-01-08T12:00:00Z');
    expect(alerts(caseCode)).toEqual([
      ['2027-01-04T23:59:59.999Z', 'leadPractitioner', `Plan halfway point for ${caseCode}`],
    ]);

    // Act: a second pause, Fri 8 Jan 12:00 to Wed 13 Jan 09:00: Mon 11, Tue 12, Wed 13 paused (3)
    expect(
      (await event(caseId, 'taylor', { type: 'clockPaused', clock: 'plan', reason: 'childInHospital' })).status,
    ).toBe(200);
    await at('2027-01-13T09:00:00Z');
    // Paused time is reported apart while the pause lasts: 2 ended + 3 so far
    const whilePaused = (await call('GET', `/cases/${caseId}`, 'sam')).body.clocks[0];
    expect(whilePaused).toMatchObject({ id: 'plan', status: 'paused', unitsPaused: 5, unitsUsed: 14 });
    expect((await event(caseId, 'taylor', { type: 'clockResumed', clock: 'plan' })).status).toBe(200);
    // Assess: 5 working days paused in all: due day 25 Thu 21 Jan, escalation day 27 Mon 25 Jan
    expect(await timersOf(caseId, 'plan')).toEqual([
      ['plan-due', '2027-01-21T23:59:59.999Z'],
      ['plan-escalation', '2027-01-25T23:59:59.999Z'],
    ]);
    const view = (await call('GET', `/cases/${caseId}`, 'sam')).body.clocks[0];
    // Used: days 1-7, then Wed 30 Dec to Fri 8 Jan (7): 14 working days; paused 5, reported apart
    expect(view).toMatchObject({
      id: 'plan',
      status: 'running',
      dueAt: '2027-01-21T23:59:59.999Z',
      unitsUsed: 14,
      unitsPaused: 5,
    });
    expect(view.pauses).toEqual([
      {
        from: '2026-12-23T15:00:00.000Z',
        until: '2026-12-29T10:00:00.000Z',
        reason: 'familyAskedToPause',
        approvedBy: taylor,
        resumedBy: taylor,
        pausedFor: 2,
      },
      {
        from: '2027-01-08T12:00:00.000Z',
        until: '2027-01-13T09:00:00.000Z',
        reason: 'childInHospital',
        approvedBy: taylor,
        resumedBy: taylor,
        pausedFor: 3,
      },
    ]);
    const resumes = (await platform.store.timeline(caseId))
      .filter((t) => t.kind === 'clockResumed' || t.kind === 'clockPaused')
      .map((t) => t.summary);
    expect(resumes).toEqual([
      'Family plan agreed paused: The family asked to pause; agreed by Taylor Green',
      'Family plan agreed resumed; 2 working days paused, not counted; now due Mon 18 Jan 2027 at 23:59',
      'Family plan agreed paused: The young person is in hospital; agreed by Taylor Green',
      'Family plan agreed resumed; 3 working days paused, not counted; now due Thu 21 Jan 2027 at 23:59',
    ]);

    // Act: time runs on past the escalation
    await at('2027-01-26T12:00:00Z');
    // Assess: due and escalation at their moved instants, the due alert naming the moved due day
    expect(alerts(caseCode).slice(1)).toEqual([
      ['2027-01-21T23:59:59.999Z', 'leadPractitioner', `Plan due for ${caseCode}`],
      ['2027-01-21T23:59:59.999Z', 'teamLeader', `Plan due for ${caseCode}`],
      ['2027-01-25T23:59:59.999Z', 'teamLeader', `Plan still to agree for ${caseCode}`],
    ]);
    expect(platform.inbox.find({ caseCode })[1]!.body).toContain('due by 11:59pm on 21 January 2027');
    expect((await record(caseId)).clocks.plan!.status).toBe('breached');
  });
});

describe('an elapsed-hours clock on the state machine: across the March 2027 clock change, paused for the lost hour', () => {
  it('counts real hours: 48 from Sat 27 Mar 18:00 GMT, with 2 real hours paused over the change, is due Mon 29 Mar 21:00 BST', async () => {
    // Prepare: clocks go forward Sun 28 Mar 2027 at 01:00 GMT (to 02:00 BST).
    await at('2027-03-27T18:00:00Z');
    const { caseId, caseCode } = await open('WATCH-1', '2027-03-27T18:00:00Z', ['watch']);
    // 24 h: Sun 28 Mar 18:00Z (19:00 BST); 48 h: Mon 29 Mar 18:00Z; 2 h after: 20:00Z
    expect(await timersOf(caseId, 'watch')).toEqual([
      ['watch-half', '2027-03-28T18:00:00.000Z'],
      ['watch-due', '2027-03-29T18:00:00.000Z'],
      ['watch-escalation', '2027-03-29T20:00:00.000Z'],
    ]);
    // Act: paused 00:30 GMT, resumed 03:30 BST (02:30Z): 3 hours on the wall clock, 2 real hours
    await at('2027-03-28T00:30:00Z');
    expect(
      (await event(caseId, 'taylor', { type: 'clockPaused', clock: 'watch', reason: 'childInHospital' })).status,
    ).toBe(200);
    await at('2027-03-28T02:30:00Z');
    expect((await event(caseId, 'taylor', { type: 'clockResumed', clock: 'watch' })).status).toBe(200);
    // Assess: every checkpoint 2 hours later
    expect(await timersOf(caseId, 'watch')).toEqual([
      ['watch-half', '2027-03-28T20:00:00.000Z'],
      ['watch-due', '2027-03-29T20:00:00.000Z'],
      ['watch-escalation', '2027-03-29T22:00:00.000Z'],
    ]);
    await at('2027-03-30T09:00:00Z');
    expect(alerts(caseCode)).toEqual([
      ['2027-03-28T20:00:00.000Z', 'leadPractitioner', `Safety check halfway for ${caseCode}`],
      ['2027-03-29T20:00:00.000Z', 'leadPractitioner', `Safety check due for ${caseCode}`],
      ['2027-03-29T22:00:00.000Z', 'teamLeader', `Safety check still open for ${caseCode}`],
    ]);
    // London wall-clock time in the words: 20:00Z is 21:00 BST
    expect(platform.inbox.find({ caseCode })[1]!.body).toContain('due by 9pm on 29 March 2027');
    const view = (await call('GET', `/cases/${caseId}`, 'sam')).body.clocks[0];
    expect(view).toMatchObject({
      id: 'watch',
      status: 'breached',
      unitsPaused: 2,
      pauses: [{ from: '2027-03-28T00:30:00.000Z', until: '2027-03-28T02:30:00.000Z', pausedFor: 2 }],
    });
    // 63 real hours from Sat 18:00Z to Tue 09:00Z, less the 2 paused
    expect(view.unitsUsed).toBe(61);
  });
});
