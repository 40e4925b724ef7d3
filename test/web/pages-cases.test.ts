/**
 * Front door and practitioner pages against the real local platform: starting a process from the
 * form made from its schema, page by page with "Check your answers" (and the error summary on the page of
 * a refused answer), "your cases", the case page with its clocks and timeline, and recording a milestone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import * as z from '#core/schema/zod';
import { demoUsers } from '#local/auth';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { choicesFor } from '#web/forms/choices';
import { formModel, formValuesFrom } from '#web/forms/schema-form';
import { sectionsOf } from '#web/forms/sections';
import { catalogue } from '#workflows/catalogue';
import { contractCatalogue } from '#workflows/contracts';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import { exampleRequest } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';
import { Browser, idProblems, partnershipOfCatalogue, sendStartForm, serve, textOf } from './support/pages';

const initialHealthAssessment = definitionOf(ihaParts);

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;

const opening = initialHealthAssessment.events.find((e) => e.opensCase)!;

/** The start form filled in as a person would, from a payload. */
function startFields(payload: Record<string, unknown>): [string, string][] {
  const model = formModel(opening.schema, choicesFor(platform.runtime.partnership, initialHealthAssessment.id));
  return [...formValuesFrom(model, payload)];
}

beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2027-02-01T10:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

let caseId: string;

describe('starting a process and following its case', () => {
  it('offers the front door the processes it may start, and a form made from the opening event', async () => {
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    const start = await alex.get('/app/start');
    expect(start.status).toBe(200);
    expect(textOf(start.html)).toContain('Child entering care');
    expect(textOf(start.html)).toContain('Request family support');
    expect(textOf(start.html)).not.toContain('Operation Encompass');
    // Each process they may start is in their menu.
    expect(start.html).toMatch(/govuk-service-navigation__link" href="\/app\/start\/initial-health-assessment"/);
    const form = await alex.get('/app/start/initial-health-assessment');
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Page 1 of 5');
    expect(form.html).toContain('name="child.dateOfBirth-day"');
    // A date of birth's example is in the past (ten years before the platform's day, 1 February 2027).
    expect(textOf(form.html)).toContain('For example, 1 2 2017');
    expect(form.html).toContain('<legend');
    expect(idProblems(form.html)).toEqual([]);
    // The next page: when and how the child entered care, the legal basis's "other" revealed inside "Other".
    const fields = startFields(exampleEntryIntoCare({ enteredCareAt: '2027-02-01T09:00:00Z' }));
    const second = await alex.post('/app/start/initial-health-assessment', [...fields, ['step', '0']]);
    expect(second.html).toContain('name="enteredCareAt-time"');
    expect(second.html).toContain('Section 20 (accommodated with agreement)');
    expect(second.html).toMatch(/id="conditional-legalBasis-6"[^>]*>\s*<div class="govuk-form-group">\s*<label/);
    expect(second.html).toContain('type="hidden" name="child.name"');
    expect(idProblems(second.html)).toEqual([]);
    const third = await alex.post('/app/start/initial-health-assessment', [...fields, ['step', '1']]);
    expect(third.html).toMatch(/<select[^>]*name="healthProvider"/);
    // Police open Operation Encompass cases through their case system, not a page.
    expect((await alex.get('/app/start/operation-encompass')).status).toBe(404);
  });

  it('shows the error summary, each problem linked to its field, when the API refuses the form', async () => {
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    await alex.get('/app/start/initial-health-assessment');
    const fields = startFields(
      exampleEntryIntoCare({
        caseReference: 'RCC-WEB-1',
        enteredCareAt: '2027-02-01T09:00:00Z',
        socialWorker: { name: 'Sam Okafor', email: 'not-an-email' },
      }),
    ).filter(([name]) => name !== 'legalBasis');
    // The page asking for the legal basis stops there.
    const page = await sendStartForm(alex, '/app/start/initial-health-assessment', fields);
    expect(page.status).toBe(400);
    expect(page.html).toContain('govuk-error-summary');
    expect(page.html).toMatch(/<title>Error: /);
    expect(page.html).toContain('href="#legalBasis"');
    expect(idProblems(page.html)).toEqual([]);
    expect(textOf(page.html)).toContain('Select the legal basis');
    // What was typed on the other pages is kept.
    expect(page.html).toContain('value="RCC-WEB-1"');
    // With a legal basis, the page of the social worker's email stops in turn.
    const email = await sendStartForm(alex, '/app/start/initial-health-assessment', [
      ...fields,
      ['legalBasis', 'section20'],
    ]);
    expect(email.status).toBe(400);
    expect(email.html).toContain('href="#socialWorker-email"');
    // A field in a group is named with its group, so the two email addresses are told apart.
    expect(textOf(email.html)).toContain(
      'Enter the email address of the social worker in the correct format, like name@example.com',
    );
    expect(idProblems(email.html)).toEqual([]);
    expect(await platform.store.casesOfProcess('initial-health-assessment')).toEqual([]);
  });

  it('a date that is not one is named before anything is sent', async () => {
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    await alex.get('/app/start/initial-health-assessment');
    const fields = startFields(
      exampleEntryIntoCare({ caseReference: 'RCC-WEB-2', enteredCareAt: '2027-02-01T09:00:00Z' }),
    ).map(([n, v]): [string, string] => (n === 'child.dateOfBirth-month' ? [n, '13'] : [n, v]));
    const page = await sendStartForm(alex, '/app/start/initial-health-assessment', fields);
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain("The child's date of birth must be a real date");
    expect(page.html).toContain('href="#child-dateOfBirth-day"');
  });

  it('starts the case and shows it with its clocks, sources and timeline', async () => {
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    const fields = startFields(
      exampleEntryIntoCare({
        caseReference: 'RCC-WEB-3',
        child: { name: 'Rowan Webb', dateOfBirth: '2016-03-04' },
        enteredCareAt: '2027-02-01T09:00:00Z',
      }),
    );
    // Check your answers: every page's answers in words, each with a way back to it; nothing sent yet.
    await alex.get('/app/start/initial-health-assessment');
    // (The last page, "About the child (optional)", left empty.)
    const check = await alex.post('/app/start/initial-health-assessment', [...fields, ['step', '4']]);
    const answers = textOf(check.html);
    expect(answers).toContain('Check your answers before sending');
    expect(answers).toContain('Section 20 (accommodated with agreement)');
    expect(answers).toContain('9am on 1 February 2027');
    expect(answers).toContain('4 March 2016');
    expect(answers).toContain('Riverside Community Health NHS Trust');
    expect(check.html).toContain('value="change:1"');
    expect(await platform.store.casesOfProcess('initial-health-assessment')).toEqual([]);
    const changing = await alex.post('/app/start/initial-health-assessment', [
      ...fields,
      ['step', 'check'],
      ['formAction', 'change:1'],
    ]);
    expect(changing.html).toContain('name="legalBasis" type="radio" value="section20" checked');
    const page = await sendStartForm(alex, '/app/start/initial-health-assessment', fields);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Initial health assessment started');
    expect(text).toContain('Rowan Webb');
    expect(text).toContain('Statutory');
    expect(text).toContain('Local target');
    expect(text).toContain('In time');
    expect(text).toContain('Timeline');
    const cases = await platform.store.casesOfProcess('initial-health-assessment');
    expect(cases).toHaveLength(1);
    caseId = cases[0]!.caseId;
  });

  it("lists the case in the lead practitioner's cases, due soonest first, by case code without the child's name", async () => {
    const sam = new Browser(server.base);
    await sam.signIn('sam');
    const page = await sam.get('/app/cases');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    const code = (await platform.store.getCase(caseId))!.caseCode;
    expect(text).toContain(code);
    expect(text).not.toContain('Rowan Webb');
    // One row a clock, due soonest first: the request to health (5 working days) before the assessment (20).
    const request = text.indexOf('Request for the initial health assessment');
    const assessment = text.search(/Initial health assessment 11:59pm on (Monday )?1 March 2027/);
    expect(request).toBeGreaterThan(-1);
    expect(assessment).toBeGreaterThan(request);
  });

  it("refuses another organisation's health practitioner the case with Page not found", async () => {
    const dan = new Browser(server.base);
    await dan.signIn('dan');
    const page = await dan.get(`/app/cases/${caseId}`);
    expect(page.status).toBe(404);
    expect(textOf(page.html)).not.toContain('Rowan Webb');
  });

  it('leads the case page with what is expected next: a task list, each step with its state, its form one click away', async () => {
    const sam = new Browser(server.base);
    await sam.signIn('sam');
    const casePage = await sam.get(`/app/cases/${caseId}`);
    expect(casePage.status).toBe(200);
    expect(casePage.html).toContain('class="govuk-task-list"');
    const text = textOf(casePage.html);
    // Entered care at 9am on Mon 1 Feb 2027: the request within 5 working days, the assessment within 20.
    expect(text).toContain(
      'What is expected next Send the request to health Due by 11:59pm on 8 February 2027 Due ' +
        'Book the appointment Due by 11:59pm on 1 March 2027 Due ' +
        'Initial health assessment Due by 11:59pm on 1 March 2027 Due ' +
        'Review health assessment Cannot start yet',
    );
    // The task list comes first, before the clocks.
    expect(text.indexOf('What is expected next')).toBeLessThan(text.indexOf('Clocks'));
    // Sam records the request; health records the appointment and the assessment: their state, no link.
    expect(casePage.html).toContain(`href="/app/cases/${caseId}/record/requestSentToHealth"`);
    expect(casePage.html).not.toContain('/record/appointmentBooked');
    expect(casePage.html).not.toContain('/record/assessmentCompleted');
    expect(text).toContain('Something else happened Placement moved Child left care');
    expect(text).not.toContain('Record what happened');
  });

  it('records a milestone from its form, and the clock it stops shows as met; the step is then done and not offered', async () => {
    const sam = new Browser(server.base);
    await sam.signIn('sam');
    const casePage = await sam.get(`/app/cases/${caseId}`);
    expect(casePage.html).toContain(`/app/cases/${caseId}/record/requestSentToHealth`);
    expect(casePage.html).not.toContain('/record/assessmentCompleted');
    await sam.get(`/app/cases/${caseId}/record/requestSentToHealth`);
    const page = await sam.post(`/app/cases/${caseId}/record/requestSentToHealth`, {
      'sentAt-day': '1',
      'sentAt-month': '2',
      'sentAt-year': '2027',
      'sentAt-time': '09:30',
      consentIncluded: 'true',
    });
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Recorded: request sent to health');
    expect(text).toMatch(/Request for the initial health assessment Met/);
    // A one-off step once recorded: done, and no longer offered anywhere on the page.
    expect(text).toContain('Send the request to health Done on 1 February 2027 Done');
    expect(page.html).not.toContain('/record/requestSentToHealth');
    expect(text).toContain('Something else happened Placement moved Child left care');
    // Its form, opened by its address all the same, says it no longer applies and leads back to the case.
    const again = await sam.get(`/app/cases/${caseId}/record/requestSentToHealth`);
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain('Request sent to health no longer applies to this case');
    expect(again.html).toContain(`href="/app/cases/${caseId}"`);
    expect(again.html).not.toContain('name="sentAt-day"');
  });

  it('audits each view of the case page once, saying what was read: the case and its timeline', async () => {
    const sam = new Browser(server.base);
    await sam.signIn('sam');
    const samId = demoUsers.find((u) => u.username === 'sam')!.sub;
    /** Everything audited of Sam while `view` ran (of this case or any other). */
    const auditedBy = async (view: () => Promise<unknown>) => {
      const before = new Set((await platform.store.auditOfActor(samId)).map((a) => a.auditId));
      await view();
      return (await platform.store.auditOfActor(samId))
        .filter((a) => !before.has(a.auditId))
        .map((a) => [a.caseId, a.action, a.what]);
    };
    expect(await auditedBy(() => sam.get(`/app/cases/${caseId}`))).toEqual([
      [caseId, 'read', 'case record and timeline'],
    ]);
    expect(await auditedBy(() => sam.get(`/app/cases/${caseId}/record/requestSentToHealth`))).toEqual([
      [caseId, 'read', 'case record'],
    ]);
  });
});

describe('the home page', () => {
  it("sums up each person's work, each count the length of the list it links to", async () => {
    for (const username of ['sam', 'alex', 'taylor']) {
      const browser = new Browser(server.base);
      await browser.signIn(username);
      const home = await browser.get('/app/');
      const counts = [...home.html.matchAll(/href="(\/app\/cases(?:\?state=(\w+))?)"><span[^>]*>(\d+)<\/span>/g)];
      expect(
        counts.map((m) => m[2] ?? 'all'),
        username,
      ).toEqual(['overdue', 'dueSoon', 'all']);
      for (const [, href, , count] of counts) {
        const list = await browser.get(href!.replace(/&amp;/g, '&'));
        const rows = [...list.html.matchAll(/<tr class="govuk-table__row">\s*<th scope="row"/g)].length;
        expect(rows, `${username} ${href}`).toBe(Number(count));
      }
    }
    // Someone with no list is shown no counts, only what they can do.
    const chris = new Browser(server.base);
    await chris.signIn('chris');
    expect(textOf((await chris.get('/app/')).html)).not.toContain('Your work');
  });
});

describe('a school asks for family support', () => {
  it("sends the request to the council's front door, is not asked what the school need not say, and does not read it after", async () => {
    // Prepare
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    const sf = contractCatalogue.byId('supporting-families')!;
    const model = formModel(
      sf.events.find((e) => e.opensCase)!.schema,
      choicesFor(platform.runtime.partnership, sf.id),
      'school',
    );
    const fields = [
      ...formValuesFrom(
        model,
        exampleRequest({
          requestReference: 'RPS-27-0001',
          council: 'riverside-council',
          requestedAt: '2027-02-01T09:00:00Z',
          familyReference: 'FAM-KIM-1',
          family: { children: [{ name: 'Bo School', dateOfBirth: '2018-08-08' }], adults: [] },
        }),
      ),
    ].filter(([name]) => name !== 'channel');
    const first = await kim.get('/app/start/supporting-families');
    expect(first.html).not.toContain('name="channel"');
    expect(first.html).toMatch(/<select[^>]*name="council"/);
    // Act
    const sent = await sendStartForm(kim, '/app/start/supporting-families', fields);
    // Assess: a confirmation with its reference; the case is the council's, from a school
    expect(sent.status).toBe(200);
    expect(textOf(sent.html)).toContain('Request family support: sent');
    const request = (await platform.store.casesOfProcess('supporting-families')).find(
      (c) => (c.details as { request?: { requestReference?: string } }).request?.requestReference === 'RPS-27-0001',
    )!;
    expect(request.organisations).toContain('riverside-council');
    expect(request.details).toMatchObject({ request: { channel: 'partner', partnerKind: 'school' } });
    expect(textOf(sent.html)).toContain(request.caseCode);
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    const seen = await alex.get(`/app/cases/${request.caseId}`);
    expect(seen.status).toBe(200);
    expect(textOf(seen.html)).toContain('Bo School');
    expect(textOf(seen.html)).toContain('from a school');
    expect((await kim.get(`/app/cases/${request.caseId}`)).status).toBe(404);
  });
});

describe('a form with lists, without JavaScript', () => {
  it('adds a row with "Add another", keeping what was typed and recording nothing; Enter saves rather than adds', async () => {
    const process = catalogue.find((p) =>
      p.events.some(
        (e) =>
          e.opensCase &&
          (e.allowedRoles as readonly string[]).includes('front-door') &&
          JSON.stringify(z.toJSONSchema(e.schema, { unrepresentable: 'any' })).includes('"type":"array"'),
      ),
    );
    expect(process, 'a process the front door opens with a list in its form').toBeDefined();
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    await alex.get(`/app/start/${process!.id}`);
    // The page of the form with the list (asked once the family agree), reached as "Change" reaches it.
    const opening = process!.events.find((e) => e.opensCase)!;
    const pages = sectionsOf(formModel(opening.schema, undefined, 'council'), '');
    const withList = pages.findIndex((p) => p.fields.includes('family'));
    const form = await alex.post(`/app/start/${process!.id}`, [
      ['consent', 'true'],
      ['step', 'check'],
      ['formAction', `change:${withList}`],
    ]);
    const add = /value="(add:[^"]+)" name="rowAction"/.exec(form.html)![1]!;
    const list = add.slice(4);
    // The form's first submit button saves (what Enter in a field presses).
    expect(form.html.indexOf('<button type="submit" class="govuk-visually-hidden"')).toBeLessThan(
      form.html.indexOf('name="rowAction"'),
    );
    const before = await platform.store.casesOfProcess(process!.id);
    const more = await alex.post(`/app/start/${process!.id}`, [
      ['consent', 'true'],
      ['step', String(withList)],
      ['rowAction', add],
      [`${list}-rows`, '1'],
      [`${list}.0.name`, 'Sky Example'],
    ]);
    expect(more.status).toBe(200);
    expect(more.html).toContain(`name="${list}.1.name"`);
    expect(more.html).toContain('value="Sky Example"');
    expect(more.html).toContain(`value="remove:${list}.1"`);
    expect(idProblems(more.html)).toEqual([]);
    expect(await platform.store.casesOfProcess(process!.id)).toEqual(before);
  });
});

describe("this machine's page: the clock and the inbox", () => {
  it('refuses a move that is not a whole number, and moves the clock by working days: the clocks fall due and the inbox shows the messages', async () => {
    const sam = new Browser(server.base);
    await sam.signIn('sam');
    // Only the local runtime's administrator is offered it.
    expect((await sam.get('/app/local')).status).toBe(403);
    expect((await sam.get('/app/')).html).not.toContain('href="/app/local"');
    const robin = new Browser(server.base);
    await robin.signIn('robin');
    const page = await robin.get('/app/local');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('10am on 1 February 2027');
    const refused = await robin.post('/app/local/clock', { amount: 'soon', unit: 'workingDays' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('href="#amount"');
    expect(platform.clock.now().toISOString()).toBe('2027-02-01T10:00:00.000Z');
    const moved = await robin.post('/app/local/clock', { amount: '21', unit: 'workingDays' });
    expect(moved.status).toBe(200);
    const text = textOf(moved.html);
    expect(text).toMatch(/The clock moved forward: [1-9]\d* timers? fired/);
    expect(text).toContain('10am on 2 March 2027');
    const code = (await platform.store.getCase(caseId))!.caseCode;
    expect(text).toContain(code);
    // Each message's link opens its page here.
    expect(moved.html).toContain(`href="/app/cases/${caseId}"`);
    const cases = textOf((await sam.get('/app/cases')).html);
    expect(cases).toMatch(/Initial health assessment 11:59pm on 1 March 2027 Overdue Overdue by 1 working day/);
  });
});

describe('the process named by the version a case runs', () => {
  it('a partnership still on Supporting Families: the start form, the case, its forms and Your cases say so, and offer only its events', async () => {
    // Prepare: Family Help from 31 March 2027, so a request in February opens a Supporting Families episode.
    const base = partnershipOfCatalogue();
    const sf = base.processes['supporting-families']!;
    const v1 = await testPlatform({
      startAt: new Date('2027-02-01T10:00:00Z'),
      frozen: true,
      partnership: {
        ...base,
        processes: {
          ...base.processes,
          'supporting-families': { ...sf, settings: { ...sf.settings, familyHelpFrom: '2027-03-31' } },
        },
      },
    });
    const v1Server = await serve(v1);
    try {
      const alex = new Browser(v1Server.base);
      await alex.signIn('alex');
      // Act
      const start = await alex.get('/app/start/supporting-families');
      const opened = await v1.api(
        apiEvent(
          'POST',
          '/processes/supporting-families/cases',
          'alex',
          exampleRequest({ requestedAt: '2027-02-01T09:00:00Z' }),
        ),
      );
      const caseId = JSON.parse(opened.body as string).caseId as string;
      await v1.settle();
      const casePage = await alex.get(`/app/cases/${caseId}`);
      const taylor = new Browser(v1Server.base);
      await taylor.signIn('taylor');
      const list = await taylor.get('/app/cases');
      // Assess
      expect(textOf(start.html)).toContain('Supporting Families');
      expect(textOf(start.html)).not.toContain('Family Help');
      expect(textOf(casePage.html)).toContain('Supporting Families');
      expect(textOf(casePage.html)).not.toContain('Family Help');
      expect(textOf(list.html)).toContain('Supporting Families');
      expect(textOf(list.html)).not.toContain('Family Help');
      // A Family Help event is not offered on a Supporting Families episode.
      expect((await taylor.get(`/app/cases/${caseId}/record/childProtectionPlanStarted`)).status).toBe(404);
      expect((await taylor.get(`/app/cases/${caseId}/record/planAgreed`)).html).not.toContain(
        'name="familyNetworkMeetingOffered"',
      );
    } finally {
      await v1Server.close();
      await v1.stop();
    }
  });
});

describe('choosing a lead practitioner', () => {
  it('the team leader picks the lead from the people who sign in here: their details are filled in, no ID typed', async () => {
    // Prepare: a request decided for an intensive episode, waiting for its lead practitioner.
    const post = async (path: string, username: string, body: unknown) => {
      const res = await platform.api(apiEvent('POST', path, username, body));
      expect(res.statusCode, String(res.body)).toBeLessThan(300);
      return JSON.parse(res.body as string) as { caseId: string };
    };
    const { caseId: id } = await post(
      '/processes/supporting-families/cases',
      'alex',
      exampleRequest({ requestReference: 'RFS-27-PICK', requestedAt: '2027-02-01T09:00:00Z' }),
    );
    await post(`/cases/${id}/events`, 'alex', {
      type: 'frontDoorDecision',
      route: 'intensiveEpisode',
      reason: 'Three needs; the family want help together',
      childInNeed: false,
    });
    const taylor = new Browser(server.base);
    await taylor.signIn('taylor');
    const path = `/app/cases/${id}/record/leadPractitionerAllocated`;
    // Act: choose Ella (a school's lead practitioner) from the list
    const blank = await taylor.get(path);
    expect(textOf(blank.html)).toContain('Choose the lead practitioner');
    expect(blank.html).toContain('>Ella Brooks, Riverside Primary School</option>');
    expect(blank.html).toContain('>Sam Okafor, ');
    const filled = await taylor.get(`${path}?lead=u-ella-schoollead`);
    // Assess: her sign-in ID, email, organisation and school are in the form, as she signs in
    const ella: [string, string][] = [
      ['userId', 'u-ella-schoollead'],
      ['name', 'Ella Brooks'],
      ['email', 'ella.brooks@riverside-primary.example.sch.uk'],
      ['organisation', 'riverside-primary'],
      ['schoolUrn', '100001'],
    ];
    for (const [name, value] of ella)
      expect(filled.html).toMatch(new RegExp(`name="leadPractitioner\\.${name}"[^>]*value="${value}"`));
    // Sam chosen instead (a council social worker), the form saved as filled in, with what is asked besides.
    const sam = await taylor.get(`${path}?lead=u-sam-socialworker`);
    const field = (name: string) =>
      new RegExp(`name="${name.replace('.', '\\.')}"[^>]*value="([^"]*)"`).exec(sam.html)?.[1] ?? '';
    // Allocated now, by the platform's clock (earlier tests in this file move it on), London time.
    const now = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(platform.clock.now())
        .map((p) => [p.type, p.value]),
    );
    const saved = await taylor.post(path, {
      'allocatedAt-day': now.day!,
      'allocatedAt-month': now.month!,
      'allocatedAt-year': now.year!,
      'allocatedAt-time': `${now.hour}:${now.minute}`,
      ...Object.fromEntries(
        ['userId', 'name', 'email', 'organisation'].map((k) => [
          `leadPractitioner.${k}`,
          field(`leadPractitioner.${k}`),
        ]),
      ),
      'leadPractitioner.socialWorker': 'true',
      'manager.name': 'Taylor Green',
      'manager.email': 'taylor.green@riverside.example.gov.uk',
    });
    expect(textOf(saved.html)).toContain('Recorded: lead practitioner allocated');
    expect((await platform.store.getCase(id))!.leadPractitionerEmail).toBe('sam.okafor@riverside.example.gov.uk');
    // Someone not on the list is ignored (the form stays empty), never an error.
    expect((await taylor.get(`${path}?lead=u-nobody`)).html).not.toMatch(
      /name="leadPractitioner\.userId"[^>]*value="u-/,
    );
    // A form that names no lead practitioner has no list of people.
    const other = await taylor.get(`/app/cases/${id}/record/steppedUpToSocialCare`);
    expect(other.status).toBe(200);
    expect(textOf(other.html)).not.toContain('Choose the lead practitioner');
  });
});
