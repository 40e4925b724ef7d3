/**
 * Administrators' journeys: the partnership administrator (robin) runs the school directory (import with
 * line-numbered problems, edit a school with the GOV.UK error summary); the audit by case and by person,
 * for robin and for a council's administrator (jo) within what the API lets them see. axe on every page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import {
  expectAccessible,
  horizontalOverflow,
  screenshot,
  startWebTest,
  tooWide,
  type WebTest,
} from '../web/support/browser';

let web: WebTest;
let robin: Page;
let caseId: string;

const register = readFileSync(new URL('../../config/demo-schools/register.csv', import.meta.url), 'utf8');
const contacts = readFileSync(new URL('../../config/demo-schools/contacts.csv', import.meta.url), 'utf8');
/** The contacts file with St Anne's (its line 3) given a phone number that is not one. */
const contactsWithProblem = contacts.replace('01632 960210', 'call the office');
const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

beforeAll(async () => {
  web = await startWebTest({ startAt: new Date('2027-01-11T09:00:00Z') });
  const opened = await web.api(
    'POST',
    '/processes/initial-health-assessment/cases',
    'alex',
    exampleEntryIntoCare({ caseReference: 'RCC-ADMIN-1', enteredCareAt: '2027-01-11T08:30:00Z' }),
  );
  expect(opened.status).toBe(201);
  caseId = opened.body.caseId;
  // Health reads it, so the case's audit names someone besides the front door.
  expect((await web.api('GET', `/cases/${caseId}`, 'priya')).status).toBe(200);
  robin = await web.pageAs('robin');
});

afterAll(async () => {
  await web?.stop();
});

describe('the school directory', () => {
  it('lists the schools of a local authority, each linking to its entry', async () => {
    await robin.goto('/app/');
    await robin.getByRole('link', { name: 'School directory' }).first().click();
    await expect(robin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('School directory');
    const row = robin.getByRole('row', { name: /Riverside Primary School/ });
    await expect(row.textContent()).resolves.toMatch(/100001[\s\S]*Primary[\s\S]*Kim Walsh[\s\S]*08:30[\s\S]*Yes/);
    await expectAccessible(robin);
    await screenshot(robin, import.meta.filename, 'schools');
  });

  it('an import with a problem row loads nothing and lists the row by file and line', async () => {
    await robin.goto('/app/schools/import');
    await expectAccessible(robin);
    await robin.getByLabel('Register export (CSV)').setInputFiles(csvFile('register.csv', register));
    await robin.getByLabel('Contacts file (CSV)').setInputFiles(csvFile('contacts.csv', contactsWithProblem));
    await robin.getByRole('button', { name: 'Load the files' }).click();
    await expect(robin.locator('.govuk-error-summary').textContent()).resolves.toContain('nothing was loaded');
    const problem = robin.locator('#problem-rows tbody tr');
    await expect(problem.count()).resolves.toBe(1);
    await expect(problem.first().textContent()).resolves.toMatch(/Contacts file\s*3\s*.*phone/i);
    await expectAccessible(robin);
    await screenshot(robin, import.meta.filename, 'import-problems');
  });

  it('with "load the other schools", the rest load and the row left out is listed', async () => {
    await robin.getByLabel('Register export (CSV)').setInputFiles(csvFile('register.csv', register));
    await robin.getByLabel('Contacts file (CSV)').setInputFiles(csvFile('contacts.csv', contactsWithProblem));
    await robin.getByLabel(/load the other schools/).check();
    await robin.getByRole('button', { name: 'Load the files' }).click();
    await expect(robin.locator('.govuk-notification-banner').textContent()).resolves.toMatch(
      /\d+ schools loaded; 1 row was left out/,
    );
    await expect(robin.locator('#problem-rows tbody tr').first().textContent()).resolves.toMatch(/Contacts file\s*3/);
    await expectAccessible(robin);
  });

  it('an import without files names both fields', async () => {
    await robin.goto('/app/schools/import');
    await robin.getByRole('button', { name: 'Load the files' }).click();
    const summary = robin.locator('.govuk-error-summary');
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      'Choose the register export (a CSV file)',
      'Choose the contacts file (a CSV file)',
    ]);
    await expectAccessible(robin);
  });

  it("edits a school: a mistake is named in the error summary, linked to its field, and nothing changes until it's put right", async () => {
    await robin.goto('/app/schools?la=330');
    await robin.getByRole('link', { name: /Oakfield Primary School/ }).click();
    await expectAccessible(robin);
    await robin.getByLabel('Start of the school day').fill('8.45am');
    await robin.getByRole('button', { name: 'Save' }).click();
    const summary = robin.locator('.govuk-error-summary');
    const link = summary.getByRole('link', { name: /Start of the school day must be a time written HH:MM/ });
    await expect(link.count()).resolves.toBe(1);
    await link.click();
    await expect(robin.evaluate('document.activeElement.id')).resolves.toBe('startOfDay');
    await expectAccessible(robin);
    expect((await web.api('GET', '/schools/100003', 'robin')).body.startOfDay).toBe('08:45');

    await robin.getByLabel('Start of the school day').fill('09:00');
    await robin.getByRole('button', { name: 'Save' }).click();
    await expect(robin.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Oakfield Primary School: directory entry saved.',
    );
    await expect(robin.getByRole('row', { name: /Oakfield Primary School/ }).textContent()).resolves.toContain('09:00');
    expect((await web.api('GET', '/schools/100003', 'robin')).body.startOfDay).toBe('09:00');
  });

  it('is usable 320 px wide', async () => {
    const narrow = await web.pageAs('robin', { width: 320 });
    for (const path of ['/app/schools?la=330', '/app/schools/import', '/app/schools/100001', '/app/audit']) {
      await narrow.goto(path);
      expect(await horizontalOverflow(narrow), `${path}: ${await tooWide(narrow)}`).toBe(0);
    }
  });

  it('is not for a council administrator or a Key Adult', async () => {
    for (const username of ['jo', 'kim']) {
      const page = await web.pageAs(username);
      expect((await page.goto('/app/schools?la=330'))!.status(), username).toBe(403);
      expect((await page.goto('/app/schools/100001'))!.status(), username).toBe(403);
    }
  });
});

describe('the audit', () => {
  it('by case: who read or changed it, each person linking to what they did', async () => {
    await robin.goto('/app/audit');
    await expectAccessible(robin);
    await robin.getByLabel('Case code').fill(caseId);
    await robin.getByRole('button', { name: "Show the case's audit" }).click();
    const table = robin.locator('#audit');
    // People by name, role and organisation, never by user id.
    await expect(table.textContent()).resolves.toMatch(/Alex Morgan[\s\S]*Riverside City Council[\s\S]*Created/);
    await expect(table.textContent()).resolves.toMatch(
      /Priya Shah[\s\S]*Riverside Community Health NHS Trust[\s\S]*Read/,
    );
    await expect(table.textContent()).resolves.not.toMatch(/u-alex-frontdoor|u-priya-health/);
    await expectAccessible(robin);
    await screenshot(robin, import.meta.filename, 'audit-case');

    await robin.getByRole('link', { name: 'Priya Shah' }).first().click();
    await expect(robin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'What Priya Shah (Riverside Community Health NHS Trust) read or changed',
    );
    await expect(robin.locator('#audit').textContent()).resolves.toContain(caseId);
    await expectAccessible(robin);
  });

  it('a case that is not there, or not one you may see, is said the same way', async () => {
    const jo = await web.pageAs('jo');
    await jo.goto(`/app/audit/case?caseId=${caseId}`);
    await expect(jo.locator('#audit').textContent()).resolves.toContain('Alex Morgan');
    for (const other of ['iha-zzzz-zzzz']) {
      const res = await jo.goto(`/app/audit/case?caseId=${other}`);
      expect(res!.status()).toBe(404);
      await expect(jo.locator('.govuk-error-summary').textContent()).resolves.toContain(
        `There is no case ${other.toUpperCase()} whose audit you can see`,
      );
    }
    await expectAccessible(jo);
  });
});
