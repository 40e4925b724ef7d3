/**
 * The synthesized children in care state machine, run by aws-local-stepfunctions against DynamoDB Local
 * through the API, under the controllable clock, every instant by hand: a child entering care on Mon 21
 * Dec 2026 gets the first review (20 working days: Thu 21 Jan 2027, over 25 and 28 Dec and 1 Jan) and the
 * first visit (a week: Mon 28 Dec) beside the initial health assessment opened for the same entry into
 * care, and linked to it; visits every 6 weeks; a placement move restarts them, and a missed visit
 * reaches the head of service; the second review is due 3 months after the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import type { CicDetails } from '#workflows/children-in-care/contract';
import { exampleLookedAfter, reviewingOfficer } from '#workflows/children-in-care/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

const SAM = 'sam.okafor@riverside.example.gov.uk';
const RUTH = 'ruth.green@riverside.example.gov.uk';
const HEAD = 'head.of.service.children@riverside.example.gov.uk';
const END_OF = (day: string) => `${day}T23:59:59.999Z`;

describe('children in care reviews and visits, end to end on the local runtime', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-12-21T10:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  async function call(method: string, path: string, user: string, body?: unknown) {
    const result = await platform.api(apiEvent(method, path, user, body));
    return { status: result.statusCode, body: JSON.parse(result.body as string) };
  }
  const event = (caseId: string, user: string, body: Record<string, unknown>) =>
    call('POST', `/cases/${caseId}/events`, user, body);
  const at = (iso: string) => platform.advanceTo(new Date(iso));
  const record = async (caseId: string) => (await platform.store.getCase(caseId)) as CaseRecord<CicDetails>;

  it('a child entering care gets the first review and visit clocks beside the IHA; a placement move restarts the visits; a missed visit reaches the head of service', async () => {
    // Mon 21 Dec 2026, 10:00: the same entry into care, recorded for the IHA and for reviews and visits
    const entry = { caseReference: 'RCC-CIC-1', child: { name: 'Robin Test', dateOfBirth: '2016-02-29' } };
    const iha = await call(
      'POST',
      '/processes/initial-health-assessment/cases',
      'alex',
      exampleEntryIntoCare({ ...entry, enteredCareAt: '2026-12-21T10:00:00Z' }),
    );
    const opened = await call(
      'POST',
      '/processes/children-in-care/cases',
      'alex',
      exampleLookedAfter({ ...entry, enteredCareAt: '2026-12-21T10:00:00Z' }),
    );
    expect([iha.status, opened.status]).toEqual([201, 201]);
    const { caseId, caseCode } = opened.body;
    expect(opened.body.message).toBe(
      `Child looked after: case ${caseCode} opened; the first review is due by Thu 21 Jan 2027 at 23:59 ` +
        'and the first visit by Mon 28 Dec 2026 at 23:59',
    );
    expect((await record(caseId)).details.initialHealthAssessmentCaseCode).toBe(iha.body.caseCode);

    // Thu 24 Dec: the first visit; the next within 6 weeks, by Thu 4 Feb 2027
    await at('2026-12-24T15:00:00Z');
    const visited = await event(caseId, 'sam', { type: 'visitMade', visitedOn: '2026-12-24', seenAlone: true });
    expect(visited.body.message).toBe('Visit recorded; the next visit is due by Thu 4 Feb 2027 at 23:59');

    // Mon 11 Jan: the placement moves; a visit is due within the week, by Mon 18 Jan (reminded at the end of
    // Sat 16 Jan, and at 09:00 on the day), and nothing is recorded
    await at('2027-01-11T12:00:00Z');
    const moved = await event(caseId, 'sam', { type: 'placementMoved', movedOn: '2027-01-11', untilEighteen: false });
    expect(moved.body.message).toBe('Placement move recorded; the first visit is due by Mon 18 Jan 2027 at 23:59');
    await platform.settle();
    const before = platform.inbox.find({ caseCode }).length;
    await at('2027-01-19T10:00:00Z');
    const missed = 'Visit to the child in care {caseCode} was due by 11:59pm on 18 January 2027';
    const told = platform.inbox
      .find({ caseCode })
      .slice(before)
      .map((m) => [m.dueAt, m.address, m.subject.replace(caseCode, '{caseCode}')]);
    const reviewDue = 'First review of the child in care for {caseCode} due by 11:59pm on 21 January 2027';
    expect(told).toEqual([
      // the first review's reminder at day 15 (Thu 14 Jan), to the social worker, their manager and the reviewing officers
      [END_OF('2027-01-14'), SAM, reviewDue],
      [END_OF('2027-01-14'), RUTH, reviewDue],
      [END_OF('2027-01-14'), 'independent.reviewing.officers@riverside.example.gov.uk', reviewDue],
      [END_OF('2027-01-16'), SAM, 'Visit to the child in care {caseCode} due by 11:59pm on 18 January 2027'],
      [END_OF('2027-01-16'), RUTH, 'Visit to the child in care {caseCode} due by 11:59pm on 18 January 2027'],
      ['2027-01-18T09:00:00.000Z', SAM, 'Visit to the child in care {caseCode} is due today'],
      ['2027-01-18T09:00:00.000Z', RUTH, 'Visit to the child in care {caseCode} is due today'],
      [END_OF('2027-01-18'), SAM, missed],
      [END_OF('2027-01-18'), RUTH, missed],
      [END_OF('2027-01-18'), HEAD, missed],
    ]);
    for (const m of platform.inbox.find({ caseCode })) expect(`${m.subject}\n${m.body}`).not.toMatch(/Robin|RCC-CIC-1/);
    const after = await record(caseId);
    expect(after.clocks['visit-2']!.status).toBe('notApplicable'); // the last placement's visit no longer applies
    expect(after.clocks['first-visit-3']!.status).toBe('breached');

    // Tue 19 Jan: the visit is made, late; Thu 21 Jan: the first review, chaired by the independent reviewing officer
    expect((await event(caseId, 'sam', { type: 'visitMade', visitedOn: '2027-01-19' })).body.message).toBe(
      'Visit recorded; the next visit is due by Tue 2 Mar 2027 at 23:59',
    );
    expect((await record(caseId)).clocks['first-visit-3']!.status).toBe('metLate');
    await at('2027-01-21T15:00:00Z');
    const review = await event(caseId, 'taylor', {
      type: 'reviewHeld',
      heldOn: '2027-01-21',
      independentReviewingOfficer: reviewingOfficer,
    });
    expect(review.body.message).toBe('Review recorded; the next review is due by Wed 21 Apr 2027 at 23:59');
    expect((await record(caseId)).clocks['first-review']!.status).toBe('met');

    // Who reads it: the council's staff; not health (the IHA is theirs), not a commissioner
    for (const user of ['alex', 'sam', 'taylor', 'morgan', 'jo'])
      expect((await call('GET', `/cases/${caseId}`, user)).status).toBe(200);
    for (const user of ['priya', 'grace', 'chris', 'robin', 'ella'])
      expect((await call('GET', `/cases/${caseId}`, user)).status).toBe(404);
    const figures = await call('GET', '/processes/children-in-care/figures', 'chris');
    expect(figures.status).toBe(200);
    expect(figures.body.timeliness.clocks.rows.map((r: { clockId: string }) => r.clockId)).toEqual([
      'first-review',
      'review',
      'first-visit',
      'visit',
      'visit-long-term',
    ]);
    expect(JSON.stringify(figures.body)).not.toMatch(/Robin|RCC-CIC-1/);

    // Leaving care ends the clocks
    await at('2027-02-01T10:00:00Z');
    expect(
      (await event(caseId, 'sam', { type: 'childLeftCare', leftOn: '2027-02-01', reason: 'returnedToFamily' })).status,
    ).toBe(200);
    const closed = await record(caseId);
    expect([closed.status, Object.keys(closed.timers)]).toEqual(['closed', []]);
  });
});
