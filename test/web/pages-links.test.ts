/**
 * From the alert to the action: every message the platform sends links to the page for it under /app/ (a
 * school's notification page for its Key Adult, the case page for everyone else), carrying ids only. A
 * person not signed in who follows the link goes through sign-in and lands on that page; someone who may
 * not read it lands on "Page not found", as if it did not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent, loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';
import { Browser, type Page, partnershipOfCatalogue, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;
const cases = {} as Record<'iha' | 'oe' | 'crisis', string>;
/** What identifies each child: never in a message. */
const marks = [
  'Ira Link',
  '2015-05-05',
  'RCC-LINK-1',
  'Ola Link',
  '2017-07-07',
  'RP-27-LINK',
  'Uma Link',
  'CAMHS-LINK-1',
];

async function api(method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  expect(result.statusCode, `${method} ${path}: ${result.body}`).toBeLessThan(300);
  return JSON.parse(result.body as string);
}

beforeAll(async () => {
  // Monday 1 February 2027, 07:00 London: a school day starting at 08:30.
  platform = await testPlatform({
    startAt: new Date('2027-02-01T07:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
  await loadDemoSchools(platform);
  cases.iha = (
    await api(
      'POST',
      '/processes/initial-health-assessment/cases',
      'alex',
      exampleEntryIntoCare({
        caseReference: 'RCC-LINK-1',
        child: { name: 'Ira Link', dateOfBirth: '2015-05-05' },
        enteredCareAt: '2027-02-01T06:00:00Z',
      }),
    )
  ).caseId;
  cases.oe = (
    await api('POST', '/processes/operation-encompass/submissions', 'pc', {
      forceIncidentReference: 'RP-27-LINK',
      attendedAt: '2027-01-31T21:00:00Z',
      children: [
        {
          name: 'Ola Link',
          dateOfBirth: '2017-07-07',
          schoolUrn: '100001',
          present: false,
          welfareCheck: true,
          policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
        },
      ],
    })
  ).results[0].caseId;
  cases.crisis = (
    await api(
      'POST',
      '/processes/crisis-escalation/cases',
      'priya',
      examplePresentation({
        caseReference: 'CAMHS-LINK-1',
        youngPerson: { name: 'Uma Link', dateOfBirth: '2011-10-10' },
        presentedAt: '2027-02-01T06:30:00Z',
      }),
    )
  ).caseId;
  await platform.settle();
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

/** The link a message carries, as a path on this server (the message names the partnership's address). */
function linkIn(body: string): URL {
  const found = /https?:\/\/\S+/.exec(body);
  expect(found, body).not.toBeNull();
  return new URL(found![0]);
}

let kimBrowser: Browser | undefined;

/** Follow a link as someone not signed in, sign in on the page it sends them to, and land. */
async function follow(path: string, username: string): Promise<Page> {
  const browser = new Browser(server.base);
  if (username === 'kim') kimBrowser = browser;
  const first = await browser.get(path, false);
  expect(first.status).toBe(303);
  expect(first.location).toBe(`/app/sign-in?returnTo=${encodeURIComponent(path)}`);
  const signIn = await browser.get(first.location!);
  const returnTo = /name="returnTo" value="([^"]*)"/.exec(signIn.html)?.[1];
  expect(returnTo).toBe(path);
  return browser.post('/app/sign-in', { username, returnTo: returnTo! });
}

describe('links in messages', () => {
  it('every message links to a page under /app/ for its case, with ids only and nothing of the child', () => {
    const base = platform.runtime.partnership.signInUrl.replace(/\/+$/, '');
    const messages = platform.inbox.messages;
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) {
      const link = linkIn(m.body);
      expect(`${link.origin}`).toBe(new URL(base).origin);
      expect(link.pathname).toMatch(
        new RegExp(`^/app/(cases|school/notifications)/${m.caseId.replace(/[-]/g, '\\-')}$`),
      );
      expect(link.search).toBe('');
      for (const mark of marks) expect(`${m.subject} ${m.body}`).not.toContain(mark);
    }
    const toKim = messages.find((m) => m.address === 'kim.walsh@riverside-primary.example.sch.uk')!;
    expect(linkIn(toKim.body).pathname).toBe(`/app/school/notifications/${cases.oe}`);
  });

  it("takes the Key Adult through sign-in to the school's notification, where she acknowledges it", async () => {
    const toKim = platform.inbox.messages.find((m) => m.caseId === cases.oe && m.recipientRole === 'keyAdult')!;
    const page = await follow(linkIn(toKim.body).pathname, 'kim');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Ola Link');
    expect(page.html).toContain(`action="/app/school/notifications/${cases.oe}"`);
    // Her home page counts it, linking to the school's list.
    const home = textOf((await kimBrowser!.get('/app/')).html);
    expect(home).toContain('1 notification to acknowledge');
    await kimBrowser!.get(`/app/school/notifications/${cases.oe}`);
    // Act on it: the same session, the page's own form.
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.html)![1]!;
    const done = await kimBrowser!.post(`/app/school/notifications/${cases.oe}`, { idempotencyKey: key });
    expect(textOf(done.html)).toContain('acknowledged');
    await platform.settle();
    expect(textOf((await kimBrowser!.get('/app/')).html)).toContain('0 notifications to acknowledge');
    expect((await platform.store.getCase(cases.oe))!.details).toMatchObject({
      acknowledgement: { byUserId: 'u-kim-keyadult' },
    });
  });

  it('takes health and the crisis team to the case page, through sign-in', async () => {
    const toHealth = platform.inbox.messages.find((m) => m.caseId === cases.iha)!;
    const health = await follow(linkIn(toHealth.body).pathname, 'priya');
    expect(health.status).toBe(200);
    expect(textOf(health.html)).toContain('Ira Link');
    const toCrisis = platform.inbox.messages.find((m) => m.caseId === cases.crisis)!;
    const chair = await follow(linkIn(toCrisis.body).pathname, 'rhys');
    expect(chair.status).toBe(200);
    expect(textOf(chair.html)).toContain('Uma Link');
  });

  it('sends a Key Adult who opens the case page of a notification to the school’s page for it', async () => {
    const kim = await follow(`/app/cases/${cases.oe}`, 'kim');
    expect(kim.status).toBe(200);
    // The school's page: what the school needs, with the way back to the school's list.
    expect(textOf(kim.html)).toContain('Police share only what you need to support the child');
    expect(kim.html).toContain('href="/app/school"');
  });

  it('lands someone who may not read it on "Page not found", and never leaves the service', async () => {
    const dan = await follow(`/app/cases/${cases.iha}`, 'dan');
    expect(dan.status).toBe(404);
    expect(textOf(dan.html)).not.toContain('Ira Link');
    const browser = new Browser(server.base);
    await browser.get('/app/sign-in');
    const away = await browser.post(
      '/app/sign-in',
      { username: 'kim', returnTo: 'https://example.org/app/' },
      { follow: false },
    );
    expect(away.location).toBe('/app/');
    await browser.get('/app/sign-in');
    const sideways = await browser.post(
      '/app/sign-in',
      { username: 'kim', returnTo: '//example.org/app/' },
      { follow: false },
    );
    expect(sideways.location).toBe('/app/');
  });
});
