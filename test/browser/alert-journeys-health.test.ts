/**
 * From the alert to the action for health's and the ICB's demo people, and a start for those who receive
 * no email, in a real browser at 1280 and 320 px (alert-journeys.test.ts has the council's and schools'
 * people; alerts.test.ts Kim, Priya and Rhys). Each opens the link in their email (read from the local inbox,
 * never typed), signs in on the page it takes them to and does what the alert asks. axe on every page, no
 * sideways scrolling at 320 px, words only, a screenshot of each page.
 *
 *   Dan (Northvale health)              "a child has entered care": records the completed initial health
 *                                       assessment for the child his trust assesses
 *   Grace (the designated nurse)        "the initial health assessment was due": sees it overdue on the case.
 *                                       A designated nurse oversees the assessments and records none (the
 *                                       council and the health provider do: workflows/initial-health-assessment/
 *                                       access.ts), so the page offers her no form
 *   Chris (a commissioner)              the ICB commissioning mailbox's escalation, five working days after the
 *                                       assessment was due: the link opens the assessment dashboard (a
 *                                       commissioner reads figures and case codes, never a child's record),
 *                                       where the case code the email names is listed past due
 *
 * Who receives no email, and starts from their home page instead:
 *   Wyn (the crisis working group)      no mailbox of the crisis escalation settings is the working group's:
 *                                       it reads figures and case codes only (workflows/crisis-escalation/
 *                                       access.ts). From the home page to the working group view
 *   Robin (the partnership's            administers the directory and the audit, and is named in no process's
 *   administrator)                      recipients. From the home page to the audit: who read a case
 *   Jo (the council's administrator)    does receive one, as the education safeguarding mailbox (a notification
 *                                       whose school police could not name): alert-journeys.test.ts
 *   The police case system ("pc")       is not a person: it sends notifications with client credentials and
 *                                       never signs in to the pages (local/web.ts leaves it off the sign-in
 *                                       page), so it has no journey here
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { startWebTest, type WebTest } from '../web/support/browser';
import { journeys, WIDTHS } from '../web/support/journeys';

const NORTHVALE_HEALTH = 'cla.health@northvale-health.example.nhs.uk';
const DESIGNATED_NURSE = 'designated.nurse.cla@riverside-icb.example.nhs.uk';
const COMMISSIONING = 'childrens.commissioning@riverside-icb.example.nhs.uk';

let web: WebTest;
const { emailLink, checkPage, followLink, fromHome, save, stepStatus } = journeys(() => web, import.meta.filename);

/** One case for each width: Dan's (assessed by Northvale), and one left unassessed (Grace's and Chris's). */
const northvale: { caseId: string; caseCode: string }[] = [];
const unassessed: { caseId: string; caseCode: string }[] = [];
let crisisCode = '';

async function ok(answer: Promise<{ status: number; body: any }>, status = 200) {
  const { status: got, body } = await answer;
  expect(got, JSON.stringify(body)).toBe(status);
  return body;
}

beforeAll(async () => {
  // Monday 1 February 2027, 09:00 London.
  web = await startWebTest({ startAt: new Date('2027-02-01T09:00:00Z') });
  const entry = async (reference: string, name: string, overrides: Record<string, unknown> = {}) => {
    const opened = await ok(
      web.api(
        'POST',
        '/processes/initial-health-assessment/cases',
        'alex',
        exampleEntryIntoCare({
          caseReference: reference,
          child: { name, dateOfBirth: '2014-02-02' },
          enteredCareAt: '2027-02-01T08:00:00Z',
          ...overrides,
        }),
      ),
      201,
    );
    return { caseId: opened.caseId as string, caseCode: opened.caseCode as string };
  };
  for (const i of [0, 1]) {
    northvale.push(await entry(`RCC-NV-${i + 1}`, `Kai Northvale ${i + 1}`, { healthProvider: 'northvale-health' }));
    unassessed.push(await entry(`RCC-WAIT-${i + 1}`, `Lou Waiting ${i + 1}`));
  }
  const crisis = await ok(
    web.api(
      'POST',
      '/processes/crisis-escalation/cases',
      'priya',
      examplePresentation({
        caseReference: 'CAMHS-GROUP-1',
        youngPerson: { name: 'Mo Group', dateOfBirth: '2011-03-09' },
        presentedAt: '2027-02-01T08:00:00Z',
      }),
    ),
    201,
  );
  crisisCode = crisis.caseCode;
  await web.platform.settle();
});

afterAll(async () => {
  await web?.stop();
});

describe.each(WIDTHS.map((width, i) => [width, i] as const))('on the day, at %i px', (width, i) => {
  it('a Northvale health practitioner goes from "a child has entered care" to the case and records the assessment', async () => {
    const { caseId } = northvale[i]!;
    const path = emailLink(NORTHVALE_HEALTH, caseId, /entered care/);
    expect(path).toBe(`/app/cases/${caseId}`);
    const dan = await followLink(path, 'dan', width);
    await checkPage(dan, width, 'dan-case');
    expect(await stepStatus(dan, 'Initial health assessment')).toBe('Due');
    await dan.getByRole('link', { name: 'Initial health assessment', exact: true }).click();
    await checkPage(dan, width, 'dan-assessment-form');
    await dan.locator('#completedOn-day').fill('1');
    await dan.locator('#completedOn-month').fill('2');
    await dan.locator('#completedOn-year').fill('2027');
    await dan.locator('#practitioner-name').fill('Dr Nia Rowe');
    await dan.locator('#healthPlanShared').check();
    await save(dan);
    await checkPage(dan, width, 'dan-assessment-recorded');
    expect(await stepStatus(dan, 'Initial health assessment')).toBe('Done');
    const record = await ok(web.api('GET', `/cases/${caseId}`, 'dan'));
    expect(record.details.assessment).toMatchObject({ completedOn: '2027-02-01' });
  });

  it('the crisis working group goes from the home page to the working group view', async () => {
    const wyn = await fromHome('wyn', width, '/app/crisis/working-group');
    await checkPage(wyn, width, 'wyn-working-group');
    await expect(wyn.locator('main').textContent()).resolves.toContain(crisisCode);
    await expect(wyn.locator('main').textContent()).resolves.not.toContain('Mo Group');
  });

  it("the partnership's administrator goes from the home page to the audit and finds who read a case", async () => {
    const robin = await fromHome('robin', width, '/app/audit');
    await checkPage(robin, width, 'robin-audit');
    await robin.locator('#caseId').fill(northvale[i]!.caseCode);
    await robin.getByRole('button', { name: "Show the case's audit" }).click();
    await robin.waitForURL((url) => url.pathname === '/app/audit/case');
    await checkPage(robin, width, 'robin-case-audit');
    // Alex opened the case: each person with their organisation by name (the partnership's for Robin's reads).
    const trail = (await robin.locator('main').textContent()) ?? '';
    expect(trail).toContain('Alex Morgan');
    expect(trail).toContain('Riverside City Council');
    expect(trail).toContain("Riverside Children's Partnership");
  });
});

describe('after the assessment was due', () => {
  beforeAll(async () => {
    // 20 working days from Mon 1 Feb 2027: due by the end of Mon 1 Mar; the escalation five working days
    // later, at the end of Mon 8 Mar. Wednesday 10 March, 09:00: both sent.
    await web.advanceTo('2027-03-10T09:00:00Z');
  });

  it.each(WIDTHS.map((width, i) => [width, i] as const))(
    'at %i px the designated nurse goes from "was due" to the case and sees it overdue',
    async (width, i) => {
      const { caseId } = unassessed[i]!;
      const path = emailLink(DESIGNATED_NURSE, caseId, /was due/);
      expect(path).toBe(`/app/cases/${caseId}`);
      const grace = await followLink(path, 'grace', width);
      await checkPage(grace, width, 'grace-case');
      expect(await stepStatus(grace, 'Initial health assessment')).toBe('Overdue');
      await expect(grace.getByRole('link', { name: 'Initial health assessment', exact: true }).count()).resolves.toBe(
        0,
      );
    },
  );

  it.each(WIDTHS.map((width, i) => [width, i] as const))(
    'at %i px a commissioner goes from the escalation to the dashboard, where its case code is past due',
    async (width, i) => {
      const { caseId, caseCode } = unassessed[i]!;
      const path = emailLink(COMMISSIONING, caseId, /Escalation/);
      expect(path).toBe('/app/dashboard/initial-health-assessment');
      const chris = await followLink(path, 'chris', width);
      await checkPage(chris, width, 'chris-dashboard');
      await expect(chris.locator('#overdue').textContent()).resolves.toContain(caseCode);
      await expect(chris.locator('main').textContent()).resolves.not.toContain('Lou Waiting');
    },
  );
});
