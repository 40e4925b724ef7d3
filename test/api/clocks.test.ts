/**
 * GET /processes/{process}/clocks, the open clocks by pseudonymous case code: each clock's state and the
 * London day (crisis escalation: the ISO week) it started and falls due, never an instant; the window
 * asked for runs to the end of a whole day (or week), so asking again and again says nothing finer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { withQuery } from '../support/disclosure';
import { testPlatform } from '../support/platform';

let platform: Platform;
const get = async (path: string, user: string) => {
  const res = await platform.api(withQuery(apiEvent('GET', path, user)));
  return { status: res.statusCode, body: JSON.parse(res.body as string), raw: res.body as string };
};

beforeAll(async () => {
  // Monday 11 January 2027, 09:00: a child entered care at 08:30; the council's request to health is due
  // by the end of the 5th working day, Monday 18 January (23:59:59.999); a young person presented at 08:00.
  platform = await testPlatform({ startAt: new Date('2027-01-11T09:00:00Z'), frozen: true });
  const iha = await platform.api(
    apiEvent(
      'POST',
      '/processes/initial-health-assessment/cases',
      'alex',
      exampleEntryIntoCare({ caseReference: 'RCC-CLOCKS-1', enteredCareAt: '2027-01-11T08:30:00Z' }),
    ),
  );
  expect(iha.statusCode).toBe(201);
  const crisis = await platform.api(
    apiEvent(
      'POST',
      '/processes/crisis-escalation/cases',
      'priya',
      examplePresentation({ caseReference: 'CAMHS-CLOCKS-1', presentedAt: '2027-01-11T08:00:00Z' }),
    ),
  );
  expect(crisis.statusCode).toBe(201);
  await platform.settle();
});

afterAll(async () => platform?.stop());

describe('open clocks by case code', () => {
  it('give the London day each clock started and falls due, its state, and no instant', async () => {
    const res = await get('/processes/initial-health-assessment/clocks', 'chris');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ process: 'initial-health-assessment', asOf: '2027-01-11', dates: 'day' });
    const request = res.body.clocks.find((c: { definitionId: string }) => c.definitionId === 'request-to-health');
    expect(request).toMatchObject({ started: '2027-01-11', due: '2027-01-18', status: 'running', overdue: false });
    expect(res.raw).not.toMatch(/T\d{2}:\d{2}|organisations/);
  });

  it('crisis escalation: by the ISO week', async () => {
    const res = await get('/processes/crisis-escalation/clocks', 'wyn');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2027-W02', dates: 'isoWeek' });
    expect(res.body.clocks.length).toBeGreaterThan(0);
    for (const c of res.body.clocks)
      expect([c.started, c.due]).toEqual([
        expect.stringMatching(/^2027-W\d{2}$/),
        expect.stringMatching(/^2027-W\d{2}$/),
      ]);
    expect(res.raw).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('?dueWithinDays=N runs to the end of the London day N days on, whatever the time of day now', async () => {
    // At 09:00 on Monday 11 January, 7 days on is Monday 18 January: the request, due at its end, is in.
    const within = async (days: number) =>
      (await get(`/processes/initial-health-assessment/clocks?dueWithinDays=${days}`, 'chris')).body.clocks.map(
        (c: { definitionId: string }) => c.definitionId,
      );
    expect(await within(7)).toContain('request-to-health');
    expect(await within(6)).not.toContain('request-to-health');
    // Crisis escalation: to the end of the ISO week that day falls in (0: this week).
    const thisWeek = await get('/processes/crisis-escalation/clocks?dueWithinDays=0', 'wyn');
    expect(thisWeek.body.clocks.map((c: { due: string }) => c.due)).toEqual(expect.arrayContaining(['2027-W02']));
    expect(thisWeek.body.clocks.every((c: { due: string }) => c.due === '2027-W02')).toBe(true);
  });
});
