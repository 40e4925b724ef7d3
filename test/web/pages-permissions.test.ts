/**
 * Every demo person against every page of every process they could reach by typing its address: the
 * case page and every form of each process's case, the school notification, the health list, the
 * crisis board and working group view, the case list, start forms, dashboards and audit pages. What
 * the API lets them read is what the pages show (a case page: 200), anything else is "Page not found"
 * (404), exactly like a case that does not exist; and no page shows a child (name, date of birth in
 * either form, reference) to anyone outside that child's need-to-know. Fixtures on the real local
 * platform: a child in care (Riverside council, health and ICB), an Operation Encompass notification
 * (Riverside Primary), a young person in crisis (Riverside health), a family support request (the
 * council) and an episode a school's lead practitioner (ella) holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '#local/auth';
import { apiEvent, loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import { choicesFor } from '#web/forms/choices';
import { formModel, formValuesFrom } from '#web/forms/schema-form';
import { recordableBy } from '#web/pages/case';
import { longDate } from '#web/render';
import { contractCatalogue } from '#workflows/contracts';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { exampleAllocation, exampleRequest, schoolLead, schoolManager } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';
import { Browser, partnershipOfCatalogue, sendStartForm, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;
// People only: case systems (police, a council's) never sign in to the pages.
const people = demoUsers.filter((u) => u.role !== 'police' && u.role !== 'case-system').map((u) => u.username);

type Fixture = 'iha' | 'oe' | 'crisis' | 'sf' | 'sfSchool';

/** Each fixture's child: what identifies them, and who may read their record (everyone else: Page not found, and never a mark of them). */
const children: Record<Fixture, { name: string; dateOfBirth: string; reference: string; readers: string[] }> = {
  iha: {
    name: 'Remi Stone',
    dateOfBirth: '2014-09-09',
    reference: 'RCC-WEB-P1',
    readers: ['alex', 'sam', 'priya', 'grace', 'jo'],
  },
  oe: { name: 'Tia Stone', dateOfBirth: '2017-01-01', reference: 'RP-27-WEB-P', readers: ['kim', 'jo'] },
  crisis: { name: 'Noa Stone', dateOfBirth: '2011-10-10', reference: 'CAMHS-WEB-P1', readers: ['priya', 'rhys'] },
  sf: {
    name: 'Kit Stone',
    dateOfBirth: '2015-05-15',
    reference: 'FAM-WEB-P1',
    readers: ['alex', 'sam', 'taylor', 'morgan', 'jo'],
  },
  sfSchool: {
    name: 'Lou Stone',
    dateOfBirth: '2016-06-16',
    reference: 'FAM-WEB-P2',
    readers: ['alex', 'sam', 'taylor', 'morgan', 'jo', 'ella'],
  },
};
const caseIds = {} as Record<Fixture, string>;
const marksOf = (c: (typeof children)[Fixture]) => [c.name, c.dateOfBirth, longDate(c.dateOfBirth), c.reference];

async function api(method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  const parsed = JSON.parse(result.body as string);
  expect(result.statusCode, `${method} ${path}: ${result.body}`).toBeLessThan(300);
  return parsed;
}

beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2027-02-01T07:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
  await loadDemoSchools(platform);
  const { iha, oe, crisis, sf, sfSchool } = children;
  caseIds.iha = (
    await api(
      'POST',
      '/processes/initial-health-assessment/cases',
      'alex',
      exampleEntryIntoCare({
        caseReference: iha.reference,
        child: { name: iha.name, dateOfBirth: iha.dateOfBirth },
        enteredCareAt: '2027-02-01T06:00:00Z',
      }),
    )
  ).caseId;
  caseIds.oe = (
    await api('POST', '/processes/operation-encompass/submissions', 'pc', {
      forceIncidentReference: oe.reference,
      attendedAt: '2027-01-31T21:00:00Z',
      children: [
        {
          name: oe.name,
          dateOfBirth: oe.dateOfBirth,
          schoolUrn: '100001',
          present: false,
          welfareCheck: true,
          policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
        },
      ],
    })
  ).results[0].caseId;
  caseIds.crisis = (
    await api(
      'POST',
      '/processes/crisis-escalation/cases',
      'priya',
      examplePresentation({
        caseReference: crisis.reference,
        youngPerson: { name: crisis.name, dateOfBirth: crisis.dateOfBirth },
        presentedAt: '2027-02-01T06:30:00Z',
      }),
    )
  ).caseId;
  const family = (c: (typeof children)[Fixture]) => ({
    children: [{ name: c.name, dateOfBirth: c.dateOfBirth }],
    adults: [{ name: 'Jo Carer', relationship: 'parent' }],
  });
  caseIds.sf = (
    await api(
      'POST',
      '/processes/supporting-families/cases',
      'alex',
      exampleRequest({ familyReference: sf.reference, requestedAt: '2027-02-01T06:00:00Z', family: family(sf) }),
    )
  ).caseId;
  caseIds.sfSchool = (
    await api(
      'POST',
      '/processes/supporting-families/cases',
      'alex',
      exampleRequest({
        familyReference: sfSchool.reference,
        requestedAt: '2027-02-01T06:00:00Z',
        channel: 'partner',
        partnerKind: 'school',
        family: family(sfSchool),
      }),
    )
  ).caseId;
  await api('POST', `/cases/${caseIds.sfSchool}/events`, 'alex', {
    type: 'frontDoorDecision',
    route: 'partnerLed',
    partnerKind: 'school',
    reason: 'The school leads',
    childInNeed: false,
  });
  await api('POST', `/cases/${caseIds.sfSchool}/events`, 'taylor', {
    type: 'leadPractitionerAllocated',
    ...exampleAllocation('2027-02-01T07:00:00Z', schoolLead, schoolManager),
  });
  await platform.settle();
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

/** Every page of every process a person could reach by address, naming every fixture. */
function pagesFor(role: string): string[] {
  const processes = contractCatalogue.processes;
  const ids = Object.values(caseIds);
  return [
    '/app/',
    '/app/cases',
    '/app/start',
    ...processes.map((p) => `/app/start/${p.id}`),
    ...Object.entries(caseIds).flatMap(([which, caseId]) => {
      const definition = contractCatalogue.ofCaseId(caseId)!;
      // Every form of the case: those the role may record (others are Page not found before any read).
      return [
        `/app/cases/${caseId}`,
        ...recordableBy(definition, role).map((e) => `/app/cases/${caseId}/record/${e.type}`),
        ...(which === 'oe' ? [`/app/school/notifications/${caseId}`] : []),
      ];
    }),
    '/app/school',
    '/app/health',
    '/app/crisis',
    '/app/crisis/working-group',
    '/app/dashboard',
    ...processes.flatMap((p) => [`/app/dashboard/${p.id}`, `/app/dashboard/${p.id}/figures.csv`]),
    '/app/board',
    '/app/board/2027',
    '/app/board/2027/board.csv',
    '/app/measures',
    '/app/audit',
    ...ids.map((id) => `/app/audit/case?caseId=${id}`),
    ...demoUsers.map((u) => `/app/audit/person?actor=${u.sub}`),
  ];
}

describe('each person against every page', () => {
  it.each(people)(
    '%s sees a case page only where the API lets them read the case, and no page shows a child outside their need-to-know',
    async (username) => {
      // Prepare
      const browser = new Browser(server.base);
      await browser.signIn(username);
      const role = demoUsers.find((u) => u.username === username)!.role;
      const leaks: string[] = [];
      let shown = 0;
      // Act
      for (const path of pagesFor(role)) {
        const page = await browser.get(path);
        expect(page.status, `${username} ${path}`).toBeLessThan(500);
        const text = `${textOf(page.html)} ${page.html}`;
        // Assess: a child's marks only on pages shown to that child's readers
        for (const [which, child] of Object.entries(children)) {
          const seen = marksOf(child).filter((m) => text.includes(m));
          if (!seen.length) continue;
          if (child.readers.includes(username)) shown++;
          else leaks.push(`${path} (${page.status}) shows ${which}: ${seen.join(', ')}`);
        }
      }
      expect(leaks).toEqual([]);
      // …and a reader does meet the child (so the search can fail).
      if (Object.values(children).some((c) => c.readers.includes(username))) expect(shown).toBeGreaterThan(0);
    },
  );

  it.each(people)('%s: a case page is 200 for its readers, "Page not found" for anyone else', async (username) => {
    const browser = new Browser(server.base);
    await browser.signIn(username);
    for (const [which, caseId] of Object.entries(caseIds) as [Fixture, string][]) {
      const page = await browser.get(`/app/cases/${caseId}`);
      expect(page.status, `${username} ${which}`).toBe(children[which].readers.includes(username) ? 200 : 404);
    }
  });

  it.each(people)(
    '%s gets the form to record a completed assessment only as a health practitioner of the case',
    async (username) => {
      const browser = new Browser(server.base);
      await browser.signIn(username);
      const page = await browser.get(`/app/cases/${caseIds.iha}/record/assessmentCompleted`);
      expect(page.status, username).toBe(username === 'priya' ? 200 : 404);
    },
  );

  it.each(people)('%s is offered only the processes their organisation may open', async (username) => {
    // Prepare
    const browser = new Browser(server.base);
    await browser.signIn(username);
    const expected: Record<string, string[]> = {
      alex: ['initial-health-assessment', 'supporting-families', 'child-protection', 'children-in-care'],
      sam: ['initial-health-assessment', 'child-protection', 'children-in-care'],
      // Health providers' clinical staff: a young person in crisis, or at risk of admission before any crisis.
      priya: ['crisis-escalation', 'before-admission'],
      dan: ['crisis-escalation', 'before-admission'],
      rhys: ['crisis-escalation', 'before-admission'],
      // A school asks its council's front door for support for a family (its staff, not the case, after).
      ella: ['supporting-families'],
      kim: ['supporting-families'],
      maria: ['supporting-families'],
    };
    // Act
    const offered: string[] = [];
    for (const p of contractCatalogue.processes)
      if ((await browser.get(`/app/start/${p.id}`)).status === 200) offered.push(p.id);
    const start = await browser.get('/app/start');
    // Assess: a school's lead practitioner (ella) is not offered a child-in-care case, nor listed one
    expect(offered.sort()).toEqual((expected[username] ?? []).sort());
    const menu = [
      ...(await browser.get('/app/')).html.matchAll(/govuk-service-navigation__link" href="\/app\/start\/([a-z-]+)"/g),
    ];
    expect(menu.map((m) => m[1]).sort()).toEqual((expected[username] ?? []).sort());
    const listed =
      start.status === 200
        ? contractCatalogue.processes.filter((p) => start.html.includes(`href="/app/start/${p.id}"`)).map((p) => p.id)
        : [];
    expect(listed.sort()).toEqual((expected[username] ?? []).sort());
  });

  it("dan (Northvale health) starting a crisis case naming Riverside's provider sees the problem on the form, by the field; nothing is recorded", async () => {
    // Prepare
    const dan = new Browser(server.base);
    await dan.signIn('dan');
    await dan.get('/app/start/crisis-escalation');
    const opening = contractCatalogue.byId('crisis-escalation')!.events.find((e) => e.opensCase)!;
    const fields = [
      ...formValuesFrom(
        formModel(opening.schema, choicesFor(platform.runtime.partnership, 'crisis-escalation')),
        examplePresentation({
          caseReference: 'CAMHS-WEB-DAN',
          youngPerson: { name: 'Ira Stone', dateOfBirth: '2011-02-02' },
          presentedAt: '2027-02-01T06:45:00Z',
          healthProvider: 'riverside-health',
        }),
      ),
    ];
    const before = (await platform.store.casesOfProcess('crisis-escalation')).length;
    // Act
    const page = await sendStartForm(dan, '/app/start/crisis-escalation', fields);
    // Assess: the organisation by its name, never its id
    expect(page.status).toBe(403);
    expect(textOf(page.html)).toContain(
      'The health provider whose crisis team responds must be your own organisation ' +
        '(Northvale Healthcare NHS Foundation Trust)',
    );
    expect(textOf(page.html)).not.toContain('northvale-health');
    expect(page.html).toMatch(/href="#healthProvider/);
    expect((await platform.store.casesOfProcess('crisis-escalation')).length).toBe(before);
  });

  it("a health practitioner of another organisation posting to the case's form records nothing", async () => {
    const dan = new Browser(server.base);
    await dan.signIn('dan');
    const before = (await platform.store.timeline(caseIds.iha)).length;
    const posted = await dan.post(`/app/cases/${caseIds.iha}/record/appointmentBooked`, {
      'appointmentOn-day': '10',
      'appointmentOn-month': '2',
      'appointmentOn-year': '2027',
    });
    expect(posted.status).toBe(404);
    expect((await platform.store.timeline(caseIds.iha)).length).toBe(before);
  });
});
