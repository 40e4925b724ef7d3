/**
 * The synthesized before-admission state machine, run by aws-local-stepfunctions against DynamoDB Local
 * through the API, under the controllable clock, every instant by hand: a young person rated Red on the
 * Dynamic Support Register on Mon 21 Dec 2026 gets the community Care (Education) and Treatment Review
 * (5 working days: Wed 30 Dec, over 25 and 28 Dec) and the all-agency meeting to prevent admission
 * (7 days: Mon 28 Dec); the key worker and the register lead (the Bronze chair here) are told before and
 * at the review's deadline, Silver at the missed review; the weekly meeting finds no discussion in the week
 * to Thu 31 Dec and says so. The working group and commissioners read figures and ISO weeks, never the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import type { BeforeAdmissionDetails } from '#workflows/before-admission/contract';
import { exampleAtRisk, keyWorker } from '#workflows/before-admission/example';
import { testPlatform } from '../support/platform';

const LEAD = 'bronze.chair@riverside-health.example.nhs.uk';
const JO = keyWorker.email;
const SILVER = [
  'silver.commissioning@riverside-icb.example.nhs.uk',
  'silver.operations@riverside-health.example.nhs.uk',
  'head.of.service.children@riverside.example.gov.uk',
];
const END_OF = (day: string) => `${day}T23:59:59.999Z`;
const MET = {
  organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
  decisions: 'Agreed extra support at home over Christmas',
  plan: 'Key worker visits twice a week',
};

describe('before admission, end to end on the local runtime', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-12-21T10:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  async function call(method: string, path: string, user: string, body?: unknown) {
    const result = await platform.api(apiEvent(method, path, user, body));
    return { status: result.statusCode, raw: result.body as string, body: JSON.parse(result.body as string) };
  }
  const event = (caseId: string, user: string, body: Record<string, unknown>) =>
    call('POST', `/cases/${caseId}/events`, user, body);
  const at = (iso: string) => platform.advanceTo(new Date(iso));
  const record = async (caseId: string) => (await platform.store.getCase(caseId)) as CaseRecord<BeforeAdmissionDetails>;

  it('rated Red before Christmas: the community review counted over the bank holidays, told before and at it, Silver at the breach', async () => {
    const opened = await call('POST', '/processes/before-admission/cases', 'priya', exampleAtRisk());
    expect(opened.status).toBe(201);
    const { caseId, caseCode } = opened.body;
    expect(opened.body.message).toBe(
      `At risk of admission recorded: case ${caseCode}; community Care (Education) and Treatment Review due by ` +
        'Wed 30 Dec 2026 at 23:59; all-agency meeting due by Mon 28 Dec 2026 at 23:59',
    );
    // A field the schema does not know is refused, naming it; nothing recorded.
    const unknown = await event(caseId, 'priya', { type: 'keyWorkerNamed', keyWorker, riskLevel: 'high' });
    expect(unknown.status).toBe(400);
    expect(unknown.raw).toContain('riskLevel');

    // Tue 22 Dec: the key worker named; Thu 24 Dec: the all-agency meeting discusses the young person.
    await at('2026-12-22T11:00:00Z');
    expect((await event(caseId, 'priya', { type: 'keyWorkerNamed', keyWorker })).body.message).toBe(
      'Key worker recorded',
    );
    await at('2026-12-24T12:00:00Z');
    const met = await event(caseId, 'rhys', { type: 'meetingHeld', heldAt: '2026-12-24T10:00:00Z', ...MET });
    expect(met.body.message).toBe(
      'Meeting recorded; the young person is next due to be discussed by Thu 31 Dec 2026 at 23:59',
    );
    await platform.settle();
    const before = platform.inbox.find({ caseCode }).length;

    // To Fri 1 Jan 2027: no review recorded, no discussion in the week to Thu 31 Dec.
    await at('2027-01-01T10:00:00Z');
    const told = platform.inbox
      .find({ caseCode })
      .slice(before)
      .map((m) => [m.dueAt, m.address, m.subject.replace(caseCode, '{caseCode}')]);
    const review = 'Community Care (Education) and Treatment Review for {caseCode}';
    // Messages' dates in GOV.UK style.
    const missed = `${review} was due by 11:59pm on 30 December 2026`;
    const weekly = 'Weekly all-agency meeting for {caseCode}: no discussion recorded by 11:59pm on 31 December 2026';
    expect(told).toEqual([
      [END_OF('2026-12-24'), JO, `${review} due by 11:59pm on 30 December 2026`],
      [END_OF('2026-12-24'), LEAD, `${review} due by 11:59pm on 30 December 2026`],
      ['2026-12-30T09:00:00.000Z', JO, `${review} is due today`],
      ['2026-12-30T09:00:00.000Z', LEAD, `${review} is due today`],
      [END_OF('2026-12-30'), JO, missed],
      [END_OF('2026-12-30'), LEAD, missed],
      ...SILVER.map((a) => [END_OF('2026-12-30'), a, missed]),
      [END_OF('2026-12-31'), LEAD, weekly],
      [END_OF('2026-12-31'), JO, weekly],
    ]);
    for (const m of platform.inbox.find({ caseCode }))
      expect(`${m.subject}\n${m.body}`).not.toMatch(/Rowan|Price|2012-05-14|CAMHS-4001/);
    const after = await record(caseId);
    expect(after.clocks['community-care-review']!.status).toBe('breached');
    expect(after.details.weeks).toEqual([{ dueAt: END_OF('2026-12-31'), discussed: false }]);

    // Mon 4 Jan: the review is held, late; the support is in place and the case closes.
    await at('2027-01-04T15:00:00Z');
    expect((await event(caseId, 'priya', { type: 'communityReviewHeld', heldOn: '2027-01-04' })).status).toBe(200);
    expect((await record(caseId)).clocks['community-care-review']!.status).toBe('metLate');

    // Who reads it: the clinical group and the Bronze chair; the working group and commissioners see figures.
    for (const user of ['priya', 'rhys']) expect((await call('GET', `/cases/${caseId}`, user)).status).toBe(200);
    for (const user of ['wyn', 'chris', 'alex', 'sam']) {
      expect((await call('GET', `/cases/${caseId}`, user)).status).toBe(404);
    }
    for (const user of ['wyn', 'chris']) {
      const figures = await call('GET', '/processes/before-admission/figures', user);
      expect(figures.status).toBe(200);
      expect(figures.raw).not.toContain(caseCode);
      expect(figures.raw).not.toMatch(/Rowan|Price|2012-05-14|CAMHS-4001|Jo Adeyemi/);
      expect(figures.body.byMonth.rows).toEqual([
        expect.objectContaining({ month: '2026-12', ratedAtRisk: 'fewer than 5', weeklyMeetingsDue: 'fewer than 5' }),
        expect.objectContaining({ month: '2027-01', communityReviews: 'fewer than 5' }),
      ]);
      const clocks = await call('GET', '/processes/before-admission/clocks', user);
      expect(clocks.status).toBe(200);
      expect(clocks.raw).not.toMatch(/Rowan|2012-05-14/);
      expect(clocks.raw).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }

    const ended = await event(caseId, 'priya', {
      type: 'riskOfAdmissionEnded',
      at: '2027-01-04T15:00:00Z',
      outcome: 'stayingInCommunity',
    });
    expect(ended.status).toBe(200);
    const closed = await record(caseId);
    expect([closed.status, Object.keys(closed.timers)]).toEqual(['closed', []]);
  });
});
