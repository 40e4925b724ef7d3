/**
 * Crisis escalation in a real browser: the Bronze chair (rhys) sees the escalation board by level with
 * hours delayed, and records the Silver meeting through the case's event form; the Bronze working group
 * (wyn) sees the open clocks by case code only, with their states and the ISO week they fall due, never
 * a name, a time or a day. axe on each page; 320 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import {
  expectAccessible,
  horizontalOverflow,
  screenshot,
  startWebTest,
  tooWide,
  type WebTest,
} from '../web/support/browser';

let web: WebTest;
let caseId: string;
let caseCode: string;
let rhys: Page;

beforeAll(async () => {
  // Wednesday 3 February 2027, 14:30: a young person presented on a paediatric ward at 14:00.
  web = await startWebTest({ startAt: new Date('2027-02-03T14:30:00Z') });
  const opened = await web.api(
    'POST',
    '/processes/crisis-escalation/cases',
    'priya',
    examplePresentation({
      caseReference: 'CAMHS-BROWSER-1',
      youngPerson: { name: 'Jordan Board', dateOfBirth: '2011-03-09' },
    }),
  );
  expect(opened.status).toBe(201);
  ({ caseId, caseCode } = opened.body);
  const assessed = await web.api('POST', `/cases/${caseId}/events`, 'priya', {
    type: 'crisisAssessed',
    assessedAt: '2027-02-03T14:20:00Z',
  });
  expect(assessed.status, JSON.stringify(assessed.body)).toBeLessThan(300);
  // Medically fit at 18:00 the next day; 30 hours on, still in the acute bed: past 24 hours, so Silver.
  await web.advanceTo('2027-02-04T18:30:00Z');
  const fit = await web.api('POST', `/cases/${caseId}/events`, 'priya', {
    type: 'medicallyFit',
    fitAt: '2027-02-04T18:00:00Z',
  });
  expect(fit.status, JSON.stringify(fit.body)).toBeLessThan(300);
  await web.advanceTo('2027-02-06T00:00:00Z');
  rhys = await web.pageAs('rhys');
});

afterAll(async () => {
  await web?.stop();
});

describe('the Bronze chair', () => {
  it('sees the young person at Silver on the board, with the hours delayed since medically fit', async () => {
    await rhys.goto('/app/');
    await rhys.getByRole('link', { name: 'Escalation board' }).first().click();
    const silver = rhys.locator('table[data-level="silver"]');
    await expect(silver.getByRole('row', { name: new RegExp(caseCode) }).count()).resolves.toBe(1);
    // Medically fit 18:00 on 4 February, now midnight on 6 February: 30 hours.
    await expect(silver.locator('[data-hours-delayed]').first().textContent()).resolves.toBe('30 hours');
    await expect(rhys.locator('table[data-level="bronze"]').count()).resolves.toBe(0);
    await expect(rhys.locator('main').textContent()).resolves.not.toContain('Jordan Board');
    await expectAccessible(rhys);
    await screenshot(rhys, import.meta.filename, 'board');
  });

  it('records the Silver meeting from the board through the case’s event form', async () => {
    await rhys.getByRole('link', { name: `Record the Silver meeting for ${caseCode}` }).click();
    await expectAccessible(rhys);
    await screenshot(rhys, import.meta.filename, 'silver-meeting-form');
    // Sent empty first: the error summary names what is needed.
    await rhys.locator('main button[type="submit"]').last().click();
    await expect(rhys.locator('.govuk-error-summary').count()).resolves.toBe(1);
    await expectAccessible(rhys);
    const fields = rhys.locator('main');
    await fields.locator('[id$="heldAt-day"]').fill('5');
    await fields.locator('[id$="heldAt-month"]').fill('2');
    await fields.locator('[id$="heldAt-year"]').fill('2027');
    // After the escalation (Silver from 18:00 on 5 February): a meeting before it is refused.
    await fields.locator('[id$="heldAt-time"]').fill('20:00');
    await fields.getByLabel('Riverside Community Health NHS Trust').check();
    await fields.locator('[name="decisions"]').fill('Home treatment team to start on discharge.');
    await fields.locator('[name="plan"]').fill('Discharge home tomorrow with intensive home treatment.');
    await fields.locator('input[name="outcome"][value="resolved"]').check();
    await rhys.locator('main button[type="submit"]').last().click();
    await expect(rhys.locator('.govuk-notification-banner').textContent()).resolves.toContain('Recorded');
    const record = await web.api('GET', `/cases/${caseId}`, 'rhys');
    expect(record.body.details.silverMeetings).toEqual([
      expect.objectContaining({
        heldAt: '2027-02-05T20:00:00.000Z',
        outcome: 'resolved',
        decisions: 'Home treatment team to start on discharge.',
      }),
    ]);
  });

  it('is usable 320 px wide', async () => {
    const narrow = await web.pageAs('rhys', { width: 320 });
    await narrow.goto('/app/crisis');
    expect(await horizontalOverflow(narrow), await tooWide(narrow)).toBe(0);
  });
});

describe('the Bronze working group', () => {
  it('sees the open clocks by case code only, each with its state and the week it falls due: never a name, a time or a day', async () => {
    const wyn = await web.pageAs('wyn');
    await wyn.goto('/app/');
    await wyn.getByRole('link', { name: 'Working group view' }).first().click();
    const row = wyn.locator('#open-clocks').getByRole('row', { name: new RegExp(caseCode) });
    await expect(row.count()).resolves.toBe(1);
    // The Silver meeting was recorded by the chair above: its clock is met, so it is no longer an open clock.
    await expect(row.textContent()).resolves.not.toMatch(/Silver meeting/);
    // The first Bronze MDT meeting (due by the end of the working day after the presentation) is past its due time.
    await expect(row.textContent()).resolves.toMatch(
      /Overdue\s*First Bronze MDT meeting: due in the week beginning 1 February 2027 \(past its due time this week\)/,
    );
    // Still in the acute bed past 24 hours: that clock is overdue, this week.
    await expect(row.textContent()).resolves.toMatch(
      /Overdue\s*Leaving the acute bed within 24 hours of being medically fit: due in the week beginning 1 February 2027 \(past its due time this week\)/,
    );
    const text = (await wyn.locator('main').textContent())!;
    for (const personal of ['Jordan Board', '2011-03-09', '9 March 2011', 'CAMHS-BROWSER-1'])
      expect(text).not.toContain(personal);
    // No time of day, no hours since an instant, no day but the Monday that names a week.
    // (Clock titles and column headings name a target's length: "within 24 hours of being medically fit".)
    expect(text.replace(/within \d+ hours/g, '')).not.toMatch(/\d{1,2}:\d{2}|\d hours/);
    expect(text.replace(/the week beginning \d{1,2} \w+ \d{4}/g, '')).not.toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    // The figures by month: one presentation in February, fewer than 5.
    await expect(
      wyn
        .getByRole('table', { name: /by month/ })
        .getByRole('row', { name: /Feb 2027/ })
        .textContent(),
    ).resolves.toContain('fewer than 5');
    // No link into the identifiable record.
    await expect(wyn.locator(`a[href*="/cases/${caseId}"]`).count()).resolves.toBe(0);
    await expectAccessible(wyn);
    await screenshot(wyn, import.meta.filename, 'working-group');
    const narrow = await web.pageAs('wyn', { width: 320 });
    await narrow.goto('/app/crisis/working-group');
    expect(await horizontalOverflow(narrow), await tooWide(narrow)).toBe(0);
  });

  it('cannot open the board of identifiable cases, nor the case itself', async () => {
    const wyn = await web.pageAs('wyn');
    expect((await wyn.goto('/app/crisis'))!.status()).toBe(403);
    expect((await wyn.goto(`/app/cases/${caseId}`))!.status()).toBe(404);
  });
});
