/**
 * Who may open the dashboards, the administration pages and the crisis pages: every demo person against
 * every such page and action, as a table (the matrix the README shows). A page's roles give a friendly
 * 403; where the page is open to a role but the API refuses the figures for that process, the page is
 * refused too (the API decides).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '#local/auth';
import { loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import { catalogue } from '#workflows/catalogue';
import { testPlatform } from '../support/platform';
import { Browser, partnershipOfCatalogue, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2027-02-01T09:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
  await loadDemoSchools(platform);
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

/** Processes in catalogue order (the dashboards list follows it). */
const order = (id: string) => catalogue.findIndex((p) => p.id === id);

// People only: case systems (police, a council's) never sign in to the pages.
const people = demoUsers.filter((u) => u.role !== 'police' && u.role !== 'case-system').map((u) => u.username);

/** Each page and who gets 200; everyone else gets 403. */
const matrix: [path: string, allowed: string[]][] = [
  ['/app/dashboard', ['chris', 'robin', 'grace', 'morgan', 'rhys', 'wyn']],
  ['/app/dashboard/initial-health-assessment', ['chris', 'robin', 'grace']],
  ['/app/dashboard/initial-health-assessment/figures.csv', ['chris', 'robin', 'grace']],
  ['/app/dashboard/operation-encompass', ['chris', 'robin']],
  ['/app/dashboard/supporting-families', ['chris', 'robin', 'morgan']],
  ['/app/dashboard/crisis-escalation', ['chris', 'robin', 'rhys', 'wyn']],
  ['/app/schools?la=330', ['robin']],
  ['/app/schools/import', ['robin']],
  ['/app/schools/term-dates', ['robin']],
  ['/app/schools/100001', ['robin']],
  ['/app/audit', ['robin', 'jo']],
  ['/app/audit/person?actor=u-alex-frontdoor', ['robin', 'jo']],
  ['/app/audit/person.csv?actor=u-alex-frontdoor', ['robin', 'jo']],
  ['/app/crisis', ['rhys']],
  ['/app/crisis/working-group', ['wyn', 'rhys', 'chris', 'robin']],
];

describe.each(people)('%s', (username) => {
  it('opens exactly the pages of the matrix; the others are refused', async () => {
    const browser = new Browser(server.base);
    await browser.signIn(username);
    const statuses = [];
    for (const [path] of matrix) statuses.push([path, (await browser.get(path)).status]);
    expect(statuses).toEqual(matrix.map(([path, allowed]) => [path, allowed.includes(username) ? 200 : 403]));
  });
});

describe('actions', () => {
  it('only the partnership administrator may change a school or load the directory: others are refused and nothing changes', async () => {
    for (const username of ['jo', 'kim', 'chris']) {
      const browser = new Browser(server.base);
      await browser.signIn(username);
      await browser.get('/app/');
      const change = await browser.post('/app/schools/100001', {
        name: 'Renamed',
        localAuthorityCode: '330',
        phase: 'primary',
        termCalendarId: 'la-330',
        startOfDay: '07:00',
        holidayCover: 'yes',
      });
      expect(change.status, username).toBe(403);
      await browser.get('/app/');
      const load = await browser.post('/app/schools/import', { register: 'URN\n', contacts: 'URN\n' });
      expect(load.status, username).toBe(403);
    }
    expect((await platform.schools.get('100001'))!).toMatchObject({
      name: 'Riverside Primary School',
      startOfDay: '08:30',
    });
  });

  it('the dashboards list only the processes whose figures the person may read', async () => {
    const seen: Record<string, string[]> = {};
    for (const username of ['chris', 'grace', 'morgan', 'wyn']) {
      const browser = new Browser(server.base);
      await browser.signIn(username);
      const html = (await browser.get('/app/dashboard')).html;
      seen[username] = [...html.matchAll(/href="\/app\/dashboard\/([a-z-]+)"/g)].map((m) => m[1]!);
    }
    expect(seen).toEqual({
      chris: [
        'initial-health-assessment',
        'operation-encompass',
        'crisis-escalation',
        'supporting-families',
        'child-protection',
        'children-in-care',
        'before-admission',
      ].sort((a, b) => order(a) - order(b)),
      grace: ['initial-health-assessment'],
      morgan: ['supporting-families', 'child-protection', 'children-in-care'].sort((a, b) => order(a) - order(b)),
      wyn: ['crisis-escalation', 'before-admission'].sort((a, b) => order(a) - order(b)),
    });
  });

  it("a commissioner's CSV holds counts only, and a refused one is a page, not figures", async () => {
    const chris = new Browser(server.base);
    await chris.signIn('chris');
    const csv = await chris.get('/app/dashboard/initial-health-assessment/figures.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.html.split('\r\n')[0]).toBe('Process,Clock,Rule,Held by,Month,Measure,Unit,Value,Suppressed');
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    const refused = await kim.get('/app/dashboard/initial-health-assessment/figures.csv');
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(textOf(refused.html)).toContain('This page is not for your role');
  });
});
