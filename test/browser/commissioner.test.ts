/**
 * A commissioner's journey: the dashboard of a process, a breach appearing on it after the local clock
 * moves, the chart with its table, the CSV download; case codes only, never a name; axe on every page;
 * usable at 320 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '#workflows/catalogue';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import {
  expectAccessible,
  horizontalOverflow,
  screenshot,
  startWebTest,
  tooWide,
  type WebTest,
} from '../web/support/browser';

const IHA = 'initial-health-assessment';
let web: WebTest;
let chris: Page;
let caseCode: string;

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`).textContent();

beforeAll(async () => {
  // Monday 11 January 2027, 09:00 London: a child entered care this morning.
  web = await startWebTest({ startAt: new Date('2027-01-11T09:00:00Z') });
  const opened = await web.api(
    'POST',
    `/processes/${IHA}/cases`,
    'alex',
    exampleEntryIntoCare({
      caseReference: 'RCC-BROWSER-1',
      child: { name: 'Robin Browser', dateOfBirth: '2016-03-03' },
      enteredCareAt: '2027-01-11T08:30:00Z',
    }),
  );
  expect(opened.status).toBe(201);
  caseCode = opened.body.caseCode;
  chris = await web.pageAs('chris');
});

afterAll(async () => {
  await web?.stop();
});

describe('the commissioner', () => {
  it('finds the dashboards from the home page; the list names every process with its headline figures, small numbers suppressed', async () => {
    await chris.goto('/app/');
    await chris.getByRole('link', { name: 'Dashboards' }).first().click();
    await expect(chris.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Dashboards');
    const row = chris.getByRole('row', { name: /Initial health assessment/ });
    // Two clocks open (fewer than 5); none due soon yet: the council's request is due by the end of Monday
    // 18 January, due soon from Thursday 14 January (within the next 2 working days).
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(['fewer than 5', '0', '0', '0']);
    await expectAccessible(chris);
    await screenshot(chris, import.meta.filename, 'dashboards');
  });

  it("sees the open clocks and no breach yet; the case by its code, never the child's name", async () => {
    // Thursday 14 January: the council's request to health (due by the end of Monday 18 January) is due
    // within the next 2 working days, so due soon.
    await web.advanceTo('2027-01-14T10:00:00Z');
    await chris.goto(`/app/dashboard/${IHA}`);
    await expect(figure(chris, 'open')).resolves.toBe('fewer than 5');
    await expect(figure(chris, 'statutoryBreaches')).resolves.toBe('0');
    await expect(figure(chris, 'localBreaches')).resolves.toBe('0');
    // Due soon, by case code.
    await expect(chris.locator('#due-soon').textContent()).resolves.toContain(caseCode);
    // By the day it falls due, never the instant.
    await expect(chris.locator('#due-soon').textContent()).resolves.toContain('18 January 2027');
    await expect(chris.locator('#overdue').textContent()).resolves.toContain('No open clock is past its due time');
    const text = await chris.locator('body').textContent();
    expect(await chris.locator('main').textContent()).not.toMatch(/\d{1,2}:\d{2}/);
    for (const personal of ['Robin Browser', '2016-03-03', 'RCC-BROWSER-1']) expect(text).not.toContain(personal);
    await expectAccessible(chris);
    await screenshot(chris, import.meta.filename, 'dashboard-before');
  });

  it('after the clock moves past both due dates, the breaches appear: statutory and local apart, where the delay sits, the case code past due', async () => {
    // 21 working days later (Tuesday 9 February 2027): the request (5 working days) and the assessment (20) were missed.
    await web.advanceTo('2027-02-09T10:00:00Z');
    await chris.reload();
    // One of each: every figure shows 1 to 4 as 'fewer than 5', the headline as much as any breakdown.
    await expect(figure(chris, 'statutoryBreaches')).resolves.toBe('fewer than 5');
    await expect(figure(chris, 'localBreaches')).resolves.toBe('fewer than 5');
    await expect(chris.locator('#overdue').textContent()).resolves.toContain(caseCode);
    const delay = chris.getByRole('table', { name: 'Missed clocks by who holds the clock' });
    await expect(delay.getByRole('row').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Council\s*fewer than 5/),
        expect.stringMatching(/Health provider\s*fewer than 5/),
      ]),
    );
    // No count of 1 to 4 anywhere on the page: the same figure is never exact in one table and suppressed in another.
    for (const cell of await chris.locator('main [data-measure="count"]').allTextContents())
      expect(cell.trim()).not.toMatch(/^[1-4]$/);
    await expect(chris.getByRole('table', { name: 'Reasons given' }).textContent()).resolves.toContain('fewer than 5');
    await expectAccessible(chris);
    await screenshot(chris, import.meta.filename, 'dashboard-after-breach');
  });

  it('after health completes the assessment late with a reason, the chart and its table show the month, with small numbers suppressed', async () => {
    const done = await web.api('POST', `/cases/${caseCode.toLowerCase()}/events`, 'priya', {
      type: 'assessmentCompleted',
      completedOn: '2027-02-09',
      practitioner: { name: 'Dr Helen Ward' },
      healthPlanShared: true,
      delayReason: { code: 'healthCapacity' },
    });
    expect([200, 201]).toContain(done.status);
    await chris.reload();
    const chart = chris.locator('svg[role="img"]');
    await expect(chart.count()).resolves.toBe(1);
    const labelledBy = (await chart.getAttribute('aria-labelledby'))!.split(' ');
    await expect(chris.locator(`[id="${labelledBy[0]}"]`).textContent()).resolves.toContain(
      'share of clocks met within timescale',
    );
    // One clock met late in February: the month's count is 'fewer than 5' and its share withheld, in the chart and in its table.
    const table = chris.getByRole('table', { name: /The chart's figures/ });
    await expect(table.getByRole('row', { name: /Feb 2027/ }).textContent()).resolves.toMatch(
      /fewer than 5[\s\S]*withheld/,
    );
    await expect(chart.textContent()).resolves.toContain('withheld');
    await expect(chris.getByRole('table', { name: 'Reasons given' }).textContent()).resolves.toMatch(
      /Initial health assessment/,
    );
    await expectAccessible(chris);
  });

  it('downloads the figures as CSV: counts only, numbers in the Value column, suppression in its own', async () => {
    await chris.goto(`/app/dashboard/${IHA}`);
    const link = chris.getByRole('link', { name: 'Download these figures as CSV' });
    const answer = await chris.request.get((await link.getAttribute('href'))!);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers()['content-disposition']).toMatch(
      /^attachment; filename="initial-health-assessment-figures-2027-02-09\.csv"$/,
    );
    const csv = await answer.text();
    expect(csv.split('\r\n')[0]).toBe('Process,Council,Clock,Rule,Held by,Month,Measure,Unit,Value,Suppressed');
    expect(csv).toContain(
      'Initial health assessment,The partnership (every council),Initial health assessment,Statutory,Health provider,,' +
        'Missed (breached or met late),count,,fewer than 5',
    );
    expect(csv).toContain('2027-02,Share within timescale,share,,withheld');
    expect(csv).not.toContain(caseCode);
    expect(csv).not.toContain('Robin');
  });

  it('the dashboard is usable 320 px wide: no horizontal scrolling', async () => {
    const narrow = await web.pageAs('chris', { width: 320 });
    for (const path of ['/app/dashboard', `/app/dashboard/${IHA}`]) {
      await narrow.goto(path);
      expect(await horizontalOverflow(narrow), `${path}: ${await tooWide(narrow)}`).toBe(0);
    }
    await screenshot(narrow, import.meta.filename, 'dashboard-320');
  });

  it("every process's dashboard opens, passes axe and fits 320 px", async () => {
    const narrow = await web.pageAs('chris', { width: 320 });
    for (const process of catalogue) {
      const res = await chris.goto(`/app/dashboard/${process.id}`);
      expect(res!.status(), process.id).toBe(200);
      await expect(chris.locator('h1').textContent()).resolves.toBe(process.title);
      await expectAccessible(chris);
      await narrow.goto(`/app/dashboard/${process.id}`);
      expect(await horizontalOverflow(narrow), `${process.id}: ${await tooWide(narrow)}`).toBe(0);
    }
  });

  it('a role without figures is turned away from the dashboard', async () => {
    const kim = await web.pageAs('kim');
    const res = await kim.goto(`/app/dashboard/${IHA}`);
    expect(res!.status()).toBe(403);
    const csv = await kim.request.get(`/app/dashboard/${IHA}/figures.csv`);
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain('Share within timescale');
  });
});
