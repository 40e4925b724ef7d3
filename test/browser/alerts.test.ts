/**
 * From the alert to the action, in a real browser at 1280 and 320 px: each person opens the link in the
 * email RightTime sent them (read from the local inbox, as their mail client would show it), signs in on
 * the page it takes them to, lands on the page for it and records what they did, without typing an
 * address. A school Key Adult acknowledges a notification, a health practitioner records a completed
 * assessment, the Bronze chair records a Bronze MDT meeting. axe on every page, no sideways scrolling at
 * 320 px, and no code, id, path or ISO date in what they read. The other demo people's journeys:
 * alert-journeys.test.ts (the council's and the schools') and alert-journeys-health.test.ts (health's, the
 * ICB's, and those who receive no email).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { startWebTest, type WebTest } from '../web/support/browser';
import { journeys, WIDTHS } from '../web/support/journeys';

const KIM = 'kim.walsh@riverside-primary.example.sch.uk';
const HEALTH_TEAM = 'lac.health.team@riverside-health.example.nhs.uk';
const BRONZE_CHAIR = 'bronze.chair@riverside-health.example.nhs.uk';

let web: WebTest;
const { emailLink, checkPage, followLink } = journeys(() => web, import.meta.filename);
/** One case for each width, so each journey acts on its own. */
const notifications: string[] = [];
const assessments: string[] = [];
const crises: string[] = [];

beforeAll(async () => {
  // Monday 1 February 2027, 07:00 London: before the school day (08:30).
  web = await startWebTest({ startAt: new Date('2027-02-01T07:00:00Z') });
  const police = { desk: 'Public Protection Unit', phone: '01632 960100' };
  const batch = await web.api('POST', '/processes/operation-encompass/submissions', 'pc', {
    forceIncidentReference: 'RP-27-ALERTS',
    attendedAt: '2027-01-31T20:00:00Z',
    children: [
      {
        name: 'Ari Alert',
        dateOfBirth: '2017-04-04',
        schoolUrn: '100001',
        present: true,
        welfareCheck: true,
        policeContact: police,
      },
      {
        name: 'Bea Alert',
        dateOfBirth: '2019-05-05',
        schoolUrn: '100001',
        present: false,
        welfareCheck: true,
        policeContact: police,
      },
    ],
  });
  expect(batch.status, JSON.stringify(batch.body)).toBe(200);
  notifications.push(...batch.body.results.map((r: { caseId: string }) => r.caseId));
  for (const [i, name] of ['Cal Alert', 'Dee Alert'].entries()) {
    const opened = await web.api(
      'POST',
      '/processes/initial-health-assessment/cases',
      'alex',
      exampleEntryIntoCare({
        caseReference: `RCC-ALERT-${i + 1}`,
        child: { name, dateOfBirth: '2014-02-02' },
        enteredCareAt: '2027-01-25T09:00:00Z',
      }),
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    assessments.push(opened.body.caseId);
  }
  for (const [i, name] of ['Eli Alert', 'Fay Alert'].entries()) {
    const opened = await web.api(
      'POST',
      '/processes/crisis-escalation/cases',
      'priya',
      examplePresentation({
        caseReference: `CAMHS-ALERT-${i + 1}`,
        youngPerson: { name, dateOfBirth: '2011-03-09' },
        presentedAt: '2027-02-01T06:00:00Z',
      }),
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    crises.push(opened.body.caseId);
  }
  await web.platform.settle();
});

afterAll(async () => {
  await web?.stop();
});

describe.each(WIDTHS.map((width, i) => [width, i] as const))('at %i px', (width, i) => {
  it('a school Key Adult goes from the email to the notification and acknowledges it', async () => {
    const path = emailLink(KIM, notifications[i]!);
    expect(path).toBe(`/app/school/notifications/${notifications[i]}`);
    const kim = await followLink(path, 'kim', width);
    await expect(kim.locator('main').textContent()).resolves.toContain(i === 0 ? 'Ari Alert' : 'Bea Alert');
    await checkPage(kim, width, 'key-adult-notification');
    await kim.getByLabel('We have offered the child support').check();
    await kim.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(kim.locator('.govuk-notification-banner').textContent()).resolves.toContain('acknowledged');
    await checkPage(kim, width, 'key-adult-acknowledged');
    await web.platform.settle();
    const record = await web.api('GET', `/cases/${notifications[i]}`, 'kim');
    expect(record.body.details).toMatchObject({ status: 'acknowledged', acknowledgement: { supportOffered: true } });
  });

  it('a health practitioner goes from the email to the case and records the completed assessment', async () => {
    const path = emailLink(HEALTH_TEAM, assessments[i]!);
    expect(path).toBe(`/app/cases/${assessments[i]}`);
    const priya = await followLink(path, 'priya', width);
    await checkPage(priya, width, 'health-case');
    await priya.getByRole('link', { name: 'Initial health assessment', exact: true }).click();
    await checkPage(priya, width, 'health-assessment-form');
    await priya.locator('#completedOn-day').fill('1');
    await priya.locator('#completedOn-month').fill('2');
    await priya.locator('#completedOn-year').fill('2027');
    await priya.locator('#practitioner-name').fill('Dr Helen Ward');
    await priya.locator('#healthPlanShared').check();
    await priya.getByRole('button', { name: 'Save' }).click();
    await expect(priya.locator('.govuk-notification-banner').textContent()).resolves.toContain('Recorded');
    await checkPage(priya, width, 'health-recorded');
    const record = await web.api('GET', `/cases/${assessments[i]}`, 'priya');
    expect(record.body.details.assessment).toMatchObject({ completedOn: '2027-02-01' });
  });
});

describe('the Bronze chair', () => {
  beforeAll(async () => {
    // Wednesday 3 February, just after midnight: the first Bronze MDT meeting (within 1 working day) fell due.
    await web.advanceTo('2027-02-03T00:05:00Z');
  });

  it.each(WIDTHS.map((width, i) => [width, i] as const))(
    'at %i px goes from the email to the case and records the Bronze MDT meeting',
    async (width, i) => {
      const path = emailLink(BRONZE_CHAIR, crises[i]!);
      expect(path).toBe(`/app/cases/${crises[i]}`);
      const rhys = await followLink(path, 'rhys', width);
      await checkPage(rhys, width, 'chair-case');
      await rhys.getByRole('link', { name: 'First Bronze MDT meeting', exact: true }).click();
      await checkPage(rhys, width, 'chair-meeting-form');
      const form = rhys.locator('main');
      await form.locator('#heldAt-day').fill('2');
      await form.locator('#heldAt-month').fill('2');
      await form.locator('#heldAt-year').fill('2027');
      await form.locator('#heldAt-time').fill('10am');
      await form.getByLabel('Riverside Community Health NHS Trust').check();
      await form.getByLabel('Riverside City Council').check();
      await form.locator('[name="decisions"]').fill('The crisis team visits daily; school offers a quiet space.');
      await form.locator('[name="plan"]').fill('Review at the next Bronze MDT.');
      await rhys.getByRole('button', { name: 'Save' }).click();
      await expect(rhys.locator('.govuk-notification-banner').textContent()).resolves.toContain('Recorded');
      await checkPage(rhys, width, 'chair-recorded');
      const record = await web.api('GET', `/cases/${crises[i]}`, 'rhys');
      expect(record.body.details.bronzeMeetings).toEqual([
        expect.objectContaining({
          heldAt: '2027-02-02T10:00:00.000Z',
          // In the form's order: the partnership directory's.
          organisationsPresent: ['riverside-council', 'riverside-health'],
        }),
      ]);
    },
  );
});
