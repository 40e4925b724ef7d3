/**
 * Each demo person against the case pages and their forms: what the API lets them read and record is
 * what the pages show (200), anything else is "Page not found" (404), exactly like a case that does not
 * exist. One initial health assessment (Riverside council, Riverside health, Riverside ICB) and one
 * Operation Encompass notification (Riverside Primary) on the real local platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '#local/auth';
import { apiEvent, loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';
import { Browser, partnershipOfCatalogue, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;
let iha: string;
let oe: string;
const people = demoUsers.filter((u) => u.role !== 'police').map((u) => u.username);

/** Who reads each case (everyone else: Page not found). */
const READS: Record<string, string[]> = {
  iha: ['alex', 'sam', 'priya', 'grace', 'jo'],
  oe: ['kim', 'jo'],
};

beforeAll(async () => {
  platform = await testPlatform({ startAt: new Date('2027-02-01T07:00:00Z'), frozen: true, partnership: partnershipOfCatalogue() });
  server = await serve(platform);
  await loadDemoSchools(platform);
  const opened = await platform.api(apiEvent('POST', '/processes/initial-health-assessment/cases', 'alex', exampleEntryIntoCare({ caseReference: 'RCC-WEB-P1', child: { name: 'Remi Stone', dateOfBirth: '2014-09-09' }, enteredCareAt: '2027-02-01T06:00:00Z' })));
  iha = JSON.parse(opened.body as string).caseId;
  const batch = await platform.api(apiEvent('POST', '/processes/operation-encompass/submissions', 'pc', { forceIncidentReference: 'RP-27-WEB-P', attendedAt: '2027-01-31T21:00:00Z', children: [{ name: 'Tia Stone', dateOfBirth: '2017-01-01', schoolUrn: '100001', present: false, welfareCheck: true, policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' } }] }));
  oe = JSON.parse(batch.body as string).results[0].caseId;
  await platform.settle();
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

describe('each person against the case pages', () => {
  it.each(people)('%s sees a case page only where the API lets them read the case', async (username) => {
    const browser = new Browser(server.base);
    await browser.signIn(username);
    for (const [which, caseId, name] of [['iha', iha, 'Remi Stone'], ['oe', oe, 'Tia Stone']] as const) {
      const page = await browser.get(`/app/cases/${caseId}`);
      const reads = READS[which]!.includes(username);
      expect(page.status, `${username} ${which}`).toBe(reads ? 200 : 404);
      if (!reads) expect(textOf(page.html)).not.toContain(name);
    }
  });

  it.each(people)('%s gets the form to record a completed assessment only as a health practitioner of the case', async (username) => {
    const browser = new Browser(server.base);
    await browser.signIn(username);
    const page = await browser.get(`/app/cases/${iha}/record/assessmentCompleted`);
    expect(page.status, username).toBe(username === 'priya' ? 200 : 404);
  });

  it("a health practitioner of another organisation posting to the case's form records nothing", async () => {
    const dan = new Browser(server.base);
    await dan.signIn('dan');
    const before = (await platform.store.timeline(iha)).length;
    const posted = await dan.post(`/app/cases/${iha}/record/appointmentBooked`, { 'appointmentOn-day': '10', 'appointmentOn-month': '2', 'appointmentOn-year': '2027' });
    expect(posted.status).toBe(404);
    expect((await platform.store.timeline(iha)).length).toBe(before);
  });
});
