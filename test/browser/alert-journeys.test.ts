/**
 * From the alert to the action for the council's and the schools' demo people, in a real browser at 1280
 * and 320 px (test/browser/alerts.test.ts has Kim, a Key Adult; Priya, health; Rhys, the Bronze chair;
 * alert-journeys-health.test.ts the ICB's and health's people and those who receive no email). Each opens the
 * link in the email RightTime sent them (read from the local inbox, never typed), signs in on the page it
 * takes them to, lands on the page for it and records what the alert asks for, then sees the result: the
 * step done on the case page's task list and the next one due. axe on every page, no sideways scrolling at
 * 320 px, words only, a screenshot of each page.
 *
 *   Sam (a council lead practitioner)   "You are the lead practitioner": records the assessment with the family
 *   Ella (a school's lead practitioner) the same for a partner-led episode the school leads
 *   Jo (the council's administrator)    the education safeguarding mailbox's "please find the child's school":
 *                                       records the school found (and the Key Adult is told)
 *   Maria (St Anne's Key Adult)         the notification for a pupil: acknowledges it, support offered
 *   Alex (the front door)               the early help front door's "decision due": records the route
 *   Taylor (a team leader)              the team leaders' "a lead practitioner was due to be allocated":
 *                                       allocates Sam (who is then told)
 *   Morgan (the service manager)        the family support service manager's "the Family Help assessment
 *                                       was due" (45 working days, a child in need): sees it overdue on the
 *                                       case, with the lead practitioner to talk to. A service manager
 *                                       oversees Family Help and records nothing on an episode (the lead
 *                                       practitioner and team leader do: workflows/supporting-families/
 *                                       events.ts), so the page offers him no form; his action is on the
 *                                       case page he lands on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUTORY_ASSESSMENT_CLOCK } from '#workflows/supporting-families/clocks';
import {
  councilLead,
  exampleAllocation,
  exampleRequest,
  schoolLead,
  schoolManager,
  teamLeader,
} from '#workflows/supporting-families/example';
import { startWebTest, type WebTest } from '../web/support/browser';
import { journeys, WIDTHS } from '../web/support/journeys';

const SAM = 'sam.okafor@riverside.example.gov.uk';
const ELLA = 'ella.brooks@riverside-primary.example.sch.uk';
const MARIA = 'maria.santos@st-annes.example.sch.uk';
const KIM = 'kim.walsh@riverside-primary.example.sch.uk';
const EDUCATION_SAFEGUARDING = 'education.safeguarding@riverside.example.gov.uk';
const FRONT_DOOR = 'early.help.front.door@riverside.example.gov.uk';
const TEAM_LEADERS = 'family.support.team.leaders@riverside.example.gov.uk';
const SERVICE_MANAGER = 'family.support.service.manager@riverside.example.gov.uk';

let web: WebTest;
const { emailLink, checkPage, followLink, save, stepStatus } = journeys(() => web, import.meta.filename);

/** One case for each width and person, so each journey acts on its own. */
const cases = {
  sam: [] as string[],
  ella: [] as string[],
  jo: [] as string[],
  maria: [] as string[],
  alex: [] as string[],
  taylor: [] as string[],
  morgan: [] as string[],
};

async function ok(answer: Promise<{ status: number; body: any }>, status = 200) {
  const { status: got, body } = await answer;
  expect(got, JSON.stringify(body)).toBe(status);
  return body;
}

/** A request for support from the front door, decided (unless `decided` is false) and allocated if asked. */
async function episode(
  reference: string,
  options: { decided?: Record<string, unknown> | false; allocation?: Record<string, unknown> } = {},
): Promise<string> {
  const opened = await ok(
    web.api(
      'POST',
      '/processes/supporting-families/cases',
      'alex',
      exampleRequest({ familyReference: reference, requestedAt: '2027-02-01T09:00:00Z' }),
    ),
    201,
  );
  const caseId: string = opened.caseId;
  const decided = options.decided ?? { route: 'intensiveEpisode', reason: 'Three needs', childInNeed: false };
  if (decided) await ok(web.api('POST', `/cases/${caseId}/events`, 'alex', { type: 'frontDoorDecision', ...decided }));
  if (options.allocation)
    await ok(
      web.api('POST', `/cases/${caseId}/events`, 'taylor', {
        type: 'leadPractitionerAllocated',
        ...options.allocation,
      }),
    );
  return caseId;
}

beforeAll(async () => {
  // Monday 1 February 2027, 09:00 London.
  web = await startWebTest({ startAt: new Date('2027-02-01T09:00:00Z') });
  const police = { desk: 'Public Protection Unit', phone: '01632 960100' };
  const notify = async (reference: string, children: { name: string; schoolUrn: string }[]) =>
    (
      await ok(
        web.api('POST', '/processes/operation-encompass/submissions', 'pc', {
          forceIncidentReference: reference,
          attendedAt: '2027-01-31T20:00:00Z',
          children: children.map((c, i) => ({
            ...c,
            dateOfBirth: `2017-0${i + 4}-04`,
            present: true,
            welfareCheck: true,
            policeContact: police,
          })),
        }),
      )
    ).results.map((r: { caseId: string }) => r.caseId) as string[];
  cases.jo = await notify('RP-27-JOURNEY-1', [
    { name: 'Gil Journey', schoolUrn: 'not known' },
    { name: 'Hal Journey', schoolUrn: 'not known' },
  ]);
  cases.maria = await notify('RP-27-JOURNEY-2', [
    { name: 'Ivy Journey', schoolUrn: '100002' },
    { name: 'Jay Journey', schoolUrn: '100002' },
  ]);
  const allocatedAt = '2027-02-01T09:00:00Z';
  for (const i of [0, 1]) {
    cases.sam.push(
      await episode(`FAM-JOURNEY-SAM-${i}`, { allocation: exampleAllocation(allocatedAt, councilLead, teamLeader) }),
    );
    cases.ella.push(
      await episode(`FAM-JOURNEY-ELLA-${i}`, {
        decided: { route: 'partnerLed', partnerKind: 'school', reason: 'School leads', childInNeed: false },
        allocation: exampleAllocation(allocatedAt, schoolLead, schoolManager),
      }),
    );
    cases.alex.push(await episode(`FAM-JOURNEY-ALEX-${i}`, { decided: false }));
    cases.taylor.push(await episode(`FAM-JOURNEY-TAYLOR-${i}`));
    cases.morgan.push(
      await episode(`FAM-JOURNEY-MORGAN-${i}`, {
        decided: { route: 'intensiveEpisode', reason: 'Three needs', childInNeed: true },
        allocation: exampleAllocation(allocatedAt, councilLead, teamLeader),
      }),
    );
  }
  await web.platform.settle();
});

afterAll(async () => {
  await web?.stop();
});

describe.each(WIDTHS.map((width, i) => [width, i] as const))('on the day, at %i px', (width, i) => {
  it.each([
    ['sam', SAM],
    ['ella', ELLA],
  ] as const)(
    '%s goes from "you are the lead practitioner" to the case and records the assessment',
    async (who, to) => {
      const caseId = cases[who][i]!;
      const path = emailLink(to, caseId, /lead practitioner/);
      expect(path).toBe(`/app/cases/${caseId}`);
      const page = await followLink(path, who, width);
      await checkPage(page, width, `${who}-case`);
      expect(await stepStatus(page, 'Assessment with the family')).toBe('Due');
      await page.getByRole('link', { name: 'Assessment with the family', exact: true }).click();
      await checkPage(page, width, `${who}-assessment-form`);
      await page.locator('#completedOn-day').fill('1');
      await page.locator('#completedOn-month').fill('2');
      await page.locator('#completedOn-year').fill('2027');
      await save(page);
      await checkPage(page, width, `${who}-assessment-recorded`);
      expect(await stepStatus(page, 'Assessment with the family')).toBe('Done');
      expect(await stepStatus(page, 'Family plan agreed')).toBe('Due');
      const record = await ok(web.api('GET', `/cases/${caseId}`, who));
      expect(record.details.assessment).toMatchObject({ completedOn: '2027-02-01' });
    },
  );

  it('the council\'s administrator goes from "please find the child\'s school" to the notification and records the school', async () => {
    const caseId = cases.jo[i]!;
    const path = emailLink(EDUCATION_SAFEGUARDING, caseId, /find the child's school/);
    expect(path).toBe(`/app/cases/${caseId}`);
    const jo = await followLink(path, 'jo', width);
    await checkPage(jo, width, 'jo-case');
    expect(await stepStatus(jo, 'Find the school')).toBe('Due');
    await jo.getByRole('link', { name: 'Find the school', exact: true }).click();
    await checkPage(jo, width, 'jo-school-form');
    await jo.locator('#schoolUrn').fill('100001');
    await save(jo);
    await checkPage(jo, width, 'jo-school-recorded');
    expect(await stepStatus(jo, 'Find the school')).toBe('Done');
    expect(await stepStatus(jo, 'Acknowledged by the school')).not.toBe('Done');
    const record = await ok(web.api('GET', `/cases/${caseId}`, 'jo'));
    expect(record.details.school).toMatchObject({ urn: '100001' });
    // The school's Key Adult is told, with a link to the school's page for it.
    await web.platform.settle();
    expect(emailLink(KIM, caseId)).toBe(`/app/school/notifications/${caseId}`);
  });

  it("St Anne's Key Adult goes from the email to the notification and acknowledges it", async () => {
    const caseId = cases.maria[i]!;
    const path = emailLink(MARIA, caseId);
    expect(path).toBe(`/app/school/notifications/${caseId}`);
    const maria = await followLink(path, 'maria', width);
    await expect(maria.locator('main').textContent()).resolves.toContain(i === 0 ? 'Ivy Journey' : 'Jay Journey');
    await checkPage(maria, width, 'maria-notification');
    await maria.getByLabel('We have offered the child support').check();
    await maria.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(maria.locator('.govuk-notification-banner').textContent()).resolves.toContain('acknowledged');
    await checkPage(maria, width, 'maria-acknowledged');
    await web.platform.settle();
    const record = await ok(web.api('GET', `/cases/${caseId}`, 'maria'));
    expect(record.details).toMatchObject({ status: 'acknowledged', acknowledgement: { supportOffered: true } });
  });
});

describe('a week later', () => {
  beforeAll(async () => {
    // Tuesday 9 February, just after midnight: the front door decision (1 working day from Mon 1 Feb) and
    // the allocation (5 working days from the decision on Mon 1 Feb: the end of Mon 8 Feb) are both overdue.
    await web.advanceTo('2027-02-09T00:05:00Z');
  });

  it.each(WIDTHS.map((width, i) => [width, i] as const))(
    'at %i px the front door goes from "decision due" to the request and records the route',
    async (width, i) => {
      const caseId = cases.alex[i]!;
      const path = emailLink(FRONT_DOOR, caseId, /front door decision due/);
      expect(path).toBe(`/app/cases/${caseId}`);
      const alex = await followLink(path, 'alex', width);
      await checkPage(alex, width, 'alex-case');
      expect(await stepStatus(alex, 'Front door decision')).toBe('Overdue');
      await alex.getByRole('link', { name: 'Front door decision', exact: true }).click();
      await checkPage(alex, width, 'alex-decision-form');
      await alex.getByLabel('An intensive episode of family support (three or more needs)').check();
      // Family Help (the version this request runs) asks whether a child is in need when the route is an episode.
      await alex.locator('[name="childInNeed"][value="false"]').check();
      await alex.locator('#reason').fill('Three needs; the family asked for help with school and money.');
      await save(alex);
      await checkPage(alex, width, 'alex-decision-recorded');
      expect(await stepStatus(alex, 'Front door decision')).toBe('Done');
      expect(await stepStatus(alex, 'Allocate a lead practitioner')).toBe('Due');
      const record = await ok(web.api('GET', `/cases/${caseId}`, 'alex'));
      expect(record.details.decision).toMatchObject({ route: 'intensiveEpisode', childInNeed: false });
    },
  );

  it.each(WIDTHS.map((width, i) => [width, i] as const))(
    'at %i px a team leader goes from "a lead practitioner was due" to the episode and allocates one',
    async (width, i) => {
      const caseId = cases.taylor[i]!;
      const path = emailLink(TEAM_LEADERS, caseId, /lead practitioner was due/);
      expect(path).toBe(`/app/cases/${caseId}`);
      const taylor = await followLink(path, 'taylor', width);
      await checkPage(taylor, width, 'taylor-case');
      expect(await stepStatus(taylor, 'Allocate a lead practitioner')).toBe('Overdue');
      await taylor.getByRole('link', { name: 'Allocate a lead practitioner', exact: true }).click();
      await checkPage(taylor, width, 'taylor-allocation-form');
      const form = taylor.locator('main');
      await form.locator('#allocatedAt-day').fill('8');
      await form.locator('#allocatedAt-month').fill('2');
      await form.locator('#allocatedAt-year').fill('2027');
      await form.locator('#allocatedAt-time').fill('4pm');
      await form.locator('#leadPractitioner-userId').fill(councilLead.userId);
      await form.locator('#leadPractitioner-name').fill(councilLead.name);
      await form.locator('#leadPractitioner-email').fill(councilLead.email);
      await form.locator('#leadPractitioner-organisation').fill(councilLead.organisation);
      await form.locator('[name="leadPractitioner.socialWorker"][value="true"]').check();
      await form.locator('#manager-name').fill(teamLeader.name);
      await form.locator('#manager-email').fill(teamLeader.email);
      await save(taylor);
      await checkPage(taylor, width, 'taylor-allocation-recorded');
      expect(await stepStatus(taylor, 'Allocate a lead practitioner')).toBe('Done');
      expect(await stepStatus(taylor, 'Assessment with the family')).toBe('Due');
      const record = await ok(web.api('GET', `/cases/${caseId}`, 'taylor'));
      expect(record.details.allocation).toMatchObject({
        allocatedAt: '2027-02-08T16:00:00.000Z',
        leadPractitioner: { userId: councilLead.userId },
      });
      // Sam is told, with the link to the episode.
      await web.platform.settle();
      expect(emailLink(SAM, caseId, /lead practitioner/)).toBe(`/app/cases/${caseId}`);
    },
  );
});

describe('the service manager', () => {
  beforeAll(async () => {
    // The Family Help assessment of a child in need was due within 45 working days of the request: just after.
    const record = await ok(web.api('GET', `/cases/${cases.morgan[0]}`, 'morgan'));
    const clock = (record.clocks as { id: string; dueAt: string }[]).find((c) => c.id === STATUTORY_ASSESSMENT_CLOCK);
    expect(clock, 'the statutory assessment clock').toBeDefined();
    await web.advanceTo(new Date(new Date(clock!.dueAt).getTime() + 10 * 60_000).toISOString());
  });

  it.each(WIDTHS.map((width, i) => [width, i] as const))(
    'at %i px goes from "the Family Help assessment was due" to the episode and sees it overdue',
    async (width, i) => {
      const caseId = cases.morgan[i]!;
      const path = emailLink(SERVICE_MANAGER, caseId, /Family Help assessment .* was due/);
      expect(path).toBe(`/app/cases/${caseId}`);
      const morgan = await followLink(path, 'morgan', width);
      await checkPage(morgan, width, 'morgan-case');
      expect(await stepStatus(morgan, 'Assessment with the family')).toBe('Overdue');
      // The lead practitioner to talk it through with is on the page; no form is offered to him.
      await expect(morgan.locator('main').textContent()).resolves.toContain(councilLead.name);
      await expect(morgan.getByRole('link', { name: 'Assessment with the family', exact: true }).count()).resolves.toBe(
        0,
      );
    },
  );
});
