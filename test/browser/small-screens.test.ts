/**
 * Small screens, in a real browser 320 px wide: Your cases (health's worklist of an initial health
 * assessment and a young person in crisis) and the crisis escalation board become stacked cards, each
 * value beside its label, nothing off the screen's right edge (the case code, the due time, the state,
 * the next meeting, the links to record); a search by case code narrows the list. axe on each page.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { expectAccessible, horizontalOverflow, screenshot, startWebTest, type WebTest } from '../web/support/browser';

let web: WebTest;
let crisisCode: string;
let ihaCode: string;

beforeAll(async () => {
  // Wednesday 3 February 2027, 14:30: a young person presented at 14:00; a child entered care on Monday.
  web = await startWebTest({ startAt: new Date('2027-02-03T14:30:00Z') });
  const crisis = await web.api(
    'POST',
    '/processes/crisis-escalation/cases',
    'priya',
    examplePresentation({
      caseReference: 'CAMHS-NARROW-1',
      youngPerson: { name: 'Jordan Narrow', dateOfBirth: '2011-03-09' },
    }),
  );
  expect(crisis.status, JSON.stringify(crisis.body)).toBe(201);
  crisisCode = crisis.body.caseCode;
  const iha = await web.api(
    'POST',
    '/processes/initial-health-assessment/cases',
    'alex',
    exampleEntryIntoCare({ caseReference: 'RCC-NARROW-1', enteredCareAt: '2027-02-01T09:00:00Z' }),
  );
  expect(iha.status, JSON.stringify(iha.body)).toBe(201);
  ihaCode = iha.body.caseCode;
});

afterAll(async () => {
  await web?.stop();
});

/** Every part of the element inside the window's 320 px, and shown. */
async function expectOnScreen(what: Locator, name: string) {
  const n = await what.count();
  expect(n, name).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const box = await what.nth(i).boundingBox();
    expect(box, `${name} ${i} is shown`).not.toBeNull();
    expect({ name, i, left: box!.x >= 0, right: box!.x + box!.width <= 320 }).toEqual({
      name,
      i,
      left: true,
      right: true,
    });
  }
}

describe('at 320 px', () => {
  it('Your cases: each clock a card, its case code, due time and state on screen; a search by case code finds it', async () => {
    const priya = await web.pageAs('priya', { width: 320 });
    await priya.goto('/app/');
    await priya.getByRole('link', { name: 'Your cases' }).first().click();
    const rows = priya.locator('main tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    await expectOnScreen(priya.locator('main tbody th a'), 'case code');
    await expectOnScreen(priya.locator('main tbody td[data-label="Due"]'), 'due');
    await expectOnScreen(priya.locator('main tbody td[data-label="State"] .govuk-tag'), 'state');
    // Stacked: the row's cells one above another, each labelled (the column headings are for screen readers).
    const due = await priya.locator('main tbody tr').first().locator('td[data-label="Due"]').boundingBox();
    const state = await priya.locator('main tbody tr').first().locator('td[data-label="State"]').boundingBox();
    expect(state!.y).toBeGreaterThan(due!.y);
    const label = await priya.evaluate(
      `getComputedStyle(document.querySelector('main tbody td[data-label="Due"]'), '::before').content`,
    );
    expect(label).toBe('"Due"');
    expect(await horizontalOverflow(priya)).toBe(0);
    await expectAccessible(priya);
    await screenshot(priya, import.meta.filename, 'your-cases-320');

    await priya.getByLabel('Search your cases').fill(ihaCode);
    await priya.getByRole('button', { name: 'Search' }).click();
    await expect(priya.locator('main tbody th').allTextContents()).resolves.toEqual(expect.arrayContaining([ihaCode]));
    expect((await priya.locator('main tbody th').allTextContents()).every((t) => t.trim() === ihaCode)).toBe(true);
    expect(await horizontalOverflow(priya)).toBe(0);
    await expectAccessible(priya);
    await screenshot(priya, import.meta.filename, 'your-cases-search-320');
  });

  it('the crisis board: the next meeting and the links to record on screen, in a card for each young person', async () => {
    const rhys = await web.pageAs('rhys', { width: 320 });
    await rhys.goto('/app/crisis');
    const row = rhys.locator('main tbody tr', { hasText: crisisCode });
    expect(await row.count()).toBe(1);
    await expectOnScreen(row.locator('th a'), 'case code');
    await expectOnScreen(row.locator('td[data-label="Next meeting"]'), 'next meeting');
    await expectOnScreen(row.locator('td[data-label="Record"] a'), 'record');
    expect(await horizontalOverflow(rhys)).toBe(0);
    await expectAccessible(rhys);
    await screenshot(rhys, import.meta.filename, 'crisis-board-320');
  });
});
