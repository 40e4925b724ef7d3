/**
 * Health and school pages against the real local platform: the health assessment worklist with working
 * days left, a late assessment recorded with its delay reason; a school Key Adult's notifications,
 * acknowledging one, and another school's notification answering "Page not found" with an audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent, loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';
import { Browser, idProblems, partnershipOfCatalogue, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;
const cases: Record<string, string> = {};

const child = (name: string, schoolUrn: string) => ({
  name,
  dateOfBirth: '2017-06-14',
  schoolUrn,
  present: true,
  welfareCheck: true,
  policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
});

beforeAll(async () => {
  // Monday 1 February 2027, 07:00: before the school day starts.
  platform = await testPlatform({
    startAt: new Date('2027-02-01T07:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
  await loadDemoSchools(platform);
  const batch = await platform.api(
    apiEvent('POST', '/processes/operation-encompass/submissions', 'pc', {
      forceIncidentReference: 'RP-27-WEB-1',
      attendedAt: '2027-01-31T21:00:00Z',
      children: [child('Leo Grant', '100001'), child('Ella Grant', '100002'), child('Ada Grant', '100001')],
    }),
  );
  expect(batch.statusCode).toBe(200);
  const results = JSON.parse(batch.body as string).results as { caseId: string }[];
  const [leo, ella, ada] = results.map((r) => r.caseId);
  Object.assign(cases, { leo, ella, ada });
  const opened = await platform.api(
    apiEvent(
      'POST',
      '/processes/initial-health-assessment/cases',
      'alex',
      exampleEntryIntoCare({
        caseReference: 'RCC-WEB-H1',
        child: { name: 'Noor Haddad', dateOfBirth: '2015-02-02' },
        enteredCareAt: '2027-02-01T06:00:00Z',
      }),
    ),
  );
  expect(opened.statusCode).toBe(201);
  cases.iha = JSON.parse(opened.body as string).caseId;
  await platform.settle();
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

describe("a school Key Adult's notifications", () => {
  it("lists only the school's own notifications, those to acknowledge first with their deadlines, without names", async () => {
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    const page = await kim.get('/app/school');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    const leo = (await platform.store.getCase(cases.leo!))!;
    const ella = (await platform.store.getCase(cases.ella!))!;
    expect(text).toContain(leo.caseCode);
    expect(text).not.toContain(ella.caseCode);
    expect(text).not.toContain('Leo Grant');
    expect(text).toContain('2 to acknowledge');
    expect(text).toMatch(/To acknowledge/);
    expect(text).toContain('8:30am on 1 February 2027');
    expect(idProblems(page.html)).toEqual([]);
  });

  it("shows a notification with only the school's minimal details, and acknowledges it with support offered", async () => {
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    const page = await kim.get(`/app/school/notifications/${cases.leo}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Leo Grant');
    expect(text).toContain('14 June 2017');
    expect(text).toContain('Public Protection Unit');
    expect(text).not.toContain('RP-27-WEB-1');
    expect(idProblems(page.html)).toEqual([]);
    const done = await kim.post(`/app/school/notifications/${cases.leo}`, { supportOffered: 'true' });
    expect(done.status).toBe(200);
    expect(textOf(done.html)).toContain('acknowledged. Thank you.');
    expect(textOf(done.html)).toContain('1 to acknowledge');
    const record = (await platform.store.getCase(cases.leo!))!;
    expect((record.details as { acknowledgement?: { supportOffered?: boolean } }).acknowledgement?.supportOffered).toBe(
      true,
    );
    const again = await kim.get(`/app/school/notifications/${cases.leo}`);
    expect(textOf(again.html)).toContain('Support was offered');
    expect(again.html).not.toContain('>Acknowledge<');
  });

  it("answers another school's notification with Page not found, and the attempt is in the audit", async () => {
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    const page = await kim.get(`/app/school/notifications/${cases.ella}`);
    expect(page.status).toBe(404);
    expect(textOf(page.html)).toContain('Page not found');
    expect(textOf(page.html)).not.toContain('Ella Grant');
    const audit = await platform.store.auditOfActor('u-kim-keyadult');
    expect(audit.some((e) => e.caseId === cases.ella && /not permitted/.test(e.what))).toBe(true);
    // The case page, and posting an acknowledgement to it, are refused the same way.
    expect((await kim.get(`/app/cases/${cases.ella}`)).status).toBe(404);
    const posted = await kim.post(
      `/app/school/notifications/${cases.ella}`,
      {},
      { csrf: /name="csrfToken" value="([^"]+)"/.exec((await kim.get('/app/school')).html)![1]! },
    );
    expect(posted.status).toBe(404);
    expect((await platform.store.getCase(cases.ella!))!.details).not.toHaveProperty('acknowledgement');
  });

  it('refuses an acknowledgement posted without the form token', async () => {
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    await kim.get(`/app/school/notifications/${cases.ada}`);
    const page = await kim.post(`/app/school/notifications/${cases.ada}`, {}, { csrf: null, follow: false });
    expect(page.status).toBe(403);
    expect((await platform.store.getCase(cases.ada!))!.details).not.toHaveProperty('acknowledgement');
  });

  it('keeps the page from other roles', async () => {
    const priya = new Browser(server.base);
    await priya.signIn('priya');
    expect((await priya.get('/app/school')).status).toBe(403);
    expect((await priya.get(`/app/school/notifications/${cases.ada}`)).status).toBe(403);
  });

  it('past its deadline a notification is Overdue, in red, with the reminder and escalation made; acknowledged then, Acknowledged late', async () => {
    // Act: 10:45, after the reminder to the Key Adult and deputy (09:00) and the escalation (10:30) for Ada's
    await platform.advanceTo(new Date('2027-02-01T10:45:00Z'));
    await platform.settle();
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    const list = await kim.get('/app/school');
    // Assess: the list and the notification say it as the API does
    const escalated =
      "Not yet acknowledged on Mon 1 Feb 2027 at 10:30: the local authority's education safeguarding lead and " +
      'the police Operation Encompass coordinator told';
    expect(textOf(list.html)).toContain('Overdue by 2 hours');
    expect(list.html).toMatch(/govuk-tag--red[^>]*>\s*Overdue by 2 hours/);
    expect(textOf(list.html)).toContain(escalated);
    expect(textOf(list.html)).toContain('Acknowledged'); // Leo's, acknowledged in time
    const page = await kim.get(`/app/school/notifications/${cases.ada}`);
    expect(textOf(page.html)).toContain('Overdue by 2 hours');
    expect(textOf(page.html)).toContain(
      "Reminder on Mon 1 Feb 2027 at 09:00 to the school's Key Adult and the deputy Key Adult",
    );
    expect(textOf(page.html)).toContain(escalated);
    expect(idProblems(page.html)).toEqual([]);
    // Act: acknowledged at 10:45, 2 hours 15 minutes after the deadline
    expect((await kim.post(`/app/school/notifications/${cases.ada}`, {})).status).toBe(200);
    // Assess
    const again = textOf((await kim.get(`/app/school/notifications/${cases.ada}`)).html);
    expect(again).toContain('Acknowledged late by 2 hours');
    expect(again).toContain(escalated);
  });
});

describe('the health assessment worklist', () => {
  it("shows the organisation's assessments with working days left, and not to another health organisation", async () => {
    const priya = new Browser(server.base);
    await priya.signIn('priya');
    const page = await priya.get('/app/health');
    expect(page.status).toBe(200);
    const code = (await platform.store.getCase(cases.iha!))!.caseCode;
    const text = textOf(page.html);
    expect(text).toContain(code);
    // Entered care Monday 1 February 2027: due by the end of the 20th working day after, Monday 1 March
    // (the worklist reads GET /my/clocks: the exact instant, as the case page shows it).
    expect(text).toContain('11:59pm on 1 March 2027');
    expect(text).toContain('20 working days left');
    expect(text).not.toContain('Request for the initial health assessment');
    expect(page.html).toContain(`/app/cases/${cases.iha}/record/appointmentBooked`);
    const dan = new Browser(server.base);
    await dan.signIn('dan');
    expect(textOf((await dan.get('/app/health')).html)).not.toContain(code);
  });

  it('records a late assessment: without a delay reason the form says what is missing; with one the clock is met late', async () => {
    await platform.advanceTo(new Date('2027-03-03T10:00:00Z'));
    const priya = new Browser(server.base);
    await priya.signIn('priya');
    const list = textOf((await priya.get('/app/health')).html);
    expect(list).toContain('Overdue');
    expect(list).toContain('2 working days overdue');
    const form = await priya.get(`/app/cases/${cases.iha}/record/assessmentCompleted`);
    expect(form.html).toMatch(/<select[^>]*name="delayReason.code"/);
    expect(textOf(form.html)).toContain('Initial health assessment was due 11:59pm on 1 March 2027 and is overdue.');
    const fields = {
      'completedOn-day': '3',
      'completedOn-month': '3',
      'completedOn-year': '2027',
      'practitioner.name': 'Dr Helen Ward',
      healthPlanShared: 'true',
    };
    const refused = await priya.post(`/app/cases/${cases.iha}/record/assessmentCompleted`, fields);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('govuk-error-summary');
    expect(refused.html).toContain('href="#delayReason-code"');
    expect(idProblems(refused.html)).toEqual([]);
    expect(textOf(refused.html)).toContain('Enter the reason for the delay');
    const accepted = await priya.post(`/app/cases/${cases.iha}/record/assessmentCompleted`, {
      ...fields,
      'delayReason.code': 'healthCapacity',
    });
    expect(accepted.status).toBe(200);
    const text = textOf(accepted.html);
    expect(text).toContain('Recorded: assessment completed');
    expect(text).toMatch(/Initial health assessment Met late/);
    expect(text).toContain('Health capacity');
  });
});
