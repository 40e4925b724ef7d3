/**
 * The school directory's pages against the real local platform, with files as councils and the national
 * register give them: a register extract in Windows-1252 uploaded through the page keeps its accented
 * names and leaves closed schools out; a council's term dates (CSV and iCalendar) load into a calendar
 * the school edit page offers; loading one authority's extract leaves another's schools alone.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import { testPlatform } from '../support/platform';
import { Browser, idProblems, partnershipOfCatalogue, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));

beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2026-06-01T09:00:00Z'),
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

async function robin() {
  const browser = new Browser(server.base);
  await browser.signIn('robin');
  return browser;
}

describe('term dates as councils publish them', () => {
  it("loads a council's CSV into a new calendar, listed with its school year; a file with problems is refused line by line", async () => {
    // Prepare
    const browser = await robin();
    const page = await browser.get('/app/schools/term-dates');
    expect(page.status).toBe(200);
    expect(idProblems(page.html)).toEqual([]);
    expect(textOf(page.html)).toContain('Riverside LA 330 la-330');
    // Act: a file with a mistake first, then the council's file
    const refused = await browser.postFiles(
      '/app/schools/term-dates',
      { calendarId: 'la-331', name: 'Northvale LA 331' },
      [
        [
          'file',
          'northvale-draft.csv',
          new TextEncoder().encode(
            'Type,Name,Start,End\r\nTerm,Autumn term,Tuesday 2 September 2026,Friday 18 December 2026\r\n',
          ),
        ],
      ],
    );
    const loaded = await browser.postFiles(
      '/app/schools/term-dates',
      { calendarId: 'la-331', name: 'Northvale LA 331' },
      [['file', 'northvale-2026-27.csv', fixture('term-dates/northvale-2026-27.csv')]],
    );
    // Assess
    expect(refused.status).toBe(400);
    expect(idProblems(refused.html)).toEqual([]);
    expect(textOf(refused.html)).toContain('Lines to correct in northvale-draft.csv');
    expect(textOf(refused.html)).toMatch(/2 Start 2 September 2026 is a Wednesday, not a Tuesday/);
    expect(loaded.status).toBe(200);
    expect(textOf(loaded.html)).toContain(
      'Northvale LA 331: school year 2026/27 loaded from northvale-2026-27.csv; 1 entry left out (bank holidays); 0 schools follow it.',
    );
    expect(textOf(loaded.html)).toContain('2026/27: 6 terms, 5 INSET days');
  });

  it('loads the same dates from an iCalendar file (the format told by its name), replacing that year', async () => {
    const browser = await robin();
    await browser.get('/app/schools/term-dates');
    const loaded = await browser.postFiles('/app/schools/term-dates', { calendarId: 'la-331', name: '' }, [
      ['file', 'northvale-2026-27.ics', fixture('term-dates/northvale-2026-27.ics')],
    ]);
    expect(loaded.status).toBe(200);
    expect(textOf(loaded.html)).toContain('Northvale LA 331: school year 2026/27 loaded from northvale-2026-27.ics');
    const calendar = await platform.schools.getTermCalendar('la-331');
    expect(calendar?.schoolYears.map((y) => [y.year, y.terms.length, y.insetDays])).toEqual([
      ['2026/27', 6, ['2026-09-01', '2026-09-02', '2027-01-04', '2027-06-07', '2027-07-22']],
    ]);
  });
});

describe('the register extract, uploaded as the register gives it', () => {
  it('a Windows-1252 extract with accented names and closed schools loads with the names intact and the closed schools left out, and listed', async () => {
    // Prepare: la-331 has its term dates (above)
    const browser = await robin();
    await browser.get('/app/schools/import');
    // Act
    const page = await browser.postFiles('/app/schools/import', {}, [
      ['register', 'edubase-331.csv', fixture('schools/gias-northvale-331-windows-1252.csv')],
      ['contacts', 'contacts-331.csv', fixture('schools/contacts-northvale-331-utf8-bom.csv')],
    ]);
    // Assess: the page lists what was left out, with file, line and name
    expect(page.status).toBe(200);
    expect(idProblems(page.html)).toEqual([]);
    const text = textOf(page.html);
    expect(text).toContain('5 schools loaded (local authority 331).');
    expect(text).toMatch(/Register export 5 Northvale Infant School the register lists it as Closed/);
    expect(text).toMatch(/Register export 7 Fenwick Church of England Primary School the register lists it as Closed/);
    expect(text).not.toContain('\uFFFD');
    const listed = await platform.schools.listByLocalAuthority('331');
    expect(listed.map((s) => s.name)).toEqual([
      'St Thomas à Becket Catholic Primary School',
      'St Bede\u2019s Catholic Primary School',
      'Brontë Primary School',
      'Northvale Academy, Sixth Form & Café',
      'Riverbend Free School',
    ]);
    expect(listed.find((s) => s.urn === '200101')!.keyAdult!.name).toBe('Siobhán Ó Briain');
    // Riverside's schools (330) are still there
    expect((await platform.schools.listByLocalAuthority('330')).map((s) => s.urn)).toHaveLength(8);
    const directory = await browser.get('/app/schools?la=331');
    expect(textOf(directory.html)).toContain('St Thomas à Becket Catholic Primary School');
  });

  it("loading the extract again without a school removes it (listed on the page); the other authority's schools stay", async () => {
    // Prepare: the extract without Riverbend Free School (line 8)
    const browser = await robin();
    await browser.get('/app/schools/import');
    const bytes = fixture('schools/gias-northvale-331-windows-1252.csv');
    const withoutLast = bytes.subarray(0, bytes.lastIndexOf(0x0a, bytes.length - 2) + 1);
    // Act
    const page = await browser.postFiles('/app/schools/import', {}, [
      ['register', 'edubase-331.csv', withoutLast],
      ['contacts', 'contacts-331.csv', fixture('schools/contacts-northvale-331-utf8-bom.csv')],
    ]);
    // Assess
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('4 schools loaded; 1 school was removed (local authority 331).');
    expect(textOf(page.html)).toMatch(
      /Riverbend Free School 200107 331 not in the register file for local authority 331/,
    );
    expect(await platform.schools.get('200107')).toBeUndefined();
    expect((await platform.schools.listByLocalAuthority('330')).map((s) => s.urn)).toHaveLength(8);
  });

  it('a file in neither encoding is refused, naming the file, the line and the character', async () => {
    const browser = await robin();
    await browser.get('/app/schools/import');
    const page = await browser.postFiles('/app/schools/import', {}, [
      [
        'register',
        'broken.csv',
        new Uint8Array([
          ...new TextEncoder().encode(
            'URN,LA (code),EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name)\r\n200101,331,Caf',
          ),
          0x81,
          ...new TextEncoder().encode(',Open,Primary\r\n'),
        ]),
      ],
      ['contacts', 'contacts-331.csv', fixture('schools/contacts-northvale-331-utf8-bom.csv')],
    ]);
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toMatch(/Register export 2 \(character 15\) cannot be read: it holds the byte 0x81/);
  });

  it('the school edit page offers the imported calendar', async () => {
    const browser = await robin();
    const page = await browser.get('/app/schools/200101');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<option value="la-331" selected>Northvale LA 331<\/option>/);
  });
});

describe('finding a school in the directory', () => {
  it("by a part of its name (accents and apostrophes aside), its URN, or its Key Adult's name; nothing found says so", async () => {
    const browser = await robin();
    const names = async (q: string) => {
      const page = await browser.get(`/app/schools?la=330&q=${encodeURIComponent(q)}`);
      expect(page.status).toBe(200);
      return [...page.html.matchAll(/href="\/app\/schools\/(\d{6})"/g)].map((m) => m[1]);
    };
    expect(await names('anne')).toEqual(['100002']);
    expect(await names('St Annes')).toEqual(['100002']);
    expect(await names('100001')).toEqual(['100001']);
    expect(await names('kim walsh')).toEqual(['100001']);
    expect((await names('')).length).toBeGreaterThan(2);
    expect(await names('no such school')).toEqual([]);
    expect(textOf((await browser.get('/app/schools?la=330&q=zzz')).html)).toContain(
      'No school of this local authority matches “zzz”',
    );
  });
});
