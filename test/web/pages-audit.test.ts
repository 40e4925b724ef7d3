/**
 * The audit's pages against the real local platform: a person picked from a list (by name and
 * organisation, only the people the reader may audit), a date range in GOV.UK date inputs checked in
 * people's words, GOV.UK pagination newest first, and the same selection as CSV; each page view and each
 * download audited once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '#local/platform';
import { testPlatform } from '../support/platform';
import { Browser, idProblems, partnershipOfCatalogue, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;

const ALEX = 'u-alex-frontdoor';
const ROBIN = 'u-robin-partnership';

/** 60 of Alex's reads, one a day at 23:30 UTC from 1 February 2027 (across the clock change of 28 March). */
const stored = Array.from({ length: 60 }, (_, i) => {
  const at = new Date(Date.UTC(2027, 1, 1 + i, 23, 30)).toISOString();
  return {
    auditId: `aud-test-${String(i).padStart(3, '0')}`,
    at,
    actor: { userId: ALEX, role: 'front-door', organisation: 'riverside-council' },
    action: 'read' as const,
    what: `my cases list ${i}`,
  };
});

beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2027-04-10T09:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
  for (const entry of stored) await platform.store.audit(entry);
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

const robinsReads = async () => (await platform.store.auditOfActor(ROBIN)).map((a) => a.what);

describe('the audit, findable', () => {
  it('offers the people the reader may audit, by name and organisation', async () => {
    const robin = new Browser(server.base);
    await robin.signIn('robin');
    const jo = new Browser(server.base);
    await jo.signIn('jo');
    // Act
    const forRobin = await robin.get('/app/audit');
    const forJo = await jo.get('/app/audit');
    // Assess
    expect(forRobin.status).toBe(200);
    expect(forRobin.html).toMatch(/<option value="u-alex-frontdoor">Alex Morgan, [^<]*Riverside[^<]*<\/option>/);
    expect(forRobin.html).toContain('value="u-priya-health"');
    expect(forJo.html).toContain('value="u-alex-frontdoor"');
    expect(forJo.html).not.toContain('value="u-priya-health"');
    expect(idProblems(forRobin.html)).toEqual([]);
  });

  it('pages newest first, 50 a page, with GOV.UK pagination; each page view audited once', async () => {
    const robin = new Browser(server.base);
    await robin.signIn('robin');
    const before = (await robinsReads()).length;
    // Act
    const first = await robin.get(`/app/audit/person?actor=${ALEX}`);
    const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"/.exec(first.html)?.[1];
    const second = await robin.get(next!.replaceAll('&amp;', '&'));
    const previous = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="prev"/.exec(second.html)?.[1];
    const again = await robin.get(previous!.replaceAll('&amp;', '&'));
    // Assess
    const whats = (html: string) => [...html.matchAll(/my cases list (\d+)/g)].map((m) => Number(m[1]));
    expect(first.status).toBe(200);
    expect(whats(first.html)).toEqual(Array.from({ length: 50 }, (_, i) => 59 - i));
    expect(whats(second.html)).toEqual(Array.from({ length: 10 }, (_, i) => 9 - i));
    expect(whats(again.html)).toEqual(whats(first.html));
    expect(textOf(first.html)).toContain('Page 1: 50 entries, newest first');
    expect(textOf(second.html)).toContain('Page 2: 10 entries, newest first');
    expect(second.html).not.toContain('rel="next"');
    expect(textOf(first.html)).toContain('What Alex Morgan');
    expect((await robinsReads()).length - before).toBe(3);
  });

  it('keeps to the London days asked for, across the clock change', async () => {
    const robin = new Browser(server.base);
    await robin.signIn('robin');
    // Act: 27 and 28 March 2027 (London): 23:30 UTC on the 27th is 11:30pm GMT; on the 28th, 12:30am BST on the 29th.
    const page = await robin.get(
      `/app/audit/person?actor=${ALEX}&from-day=27&from-month=3&from-year=2027&to-day=28&to-month=3&to-year=2027`,
    );
    const whats = [...page.html.matchAll(/my cases list (\d+)/g)].map((m) => Number(m[1]));
    // Entry i is at 23:30 UTC on 1 February + i days: i = 54 is 27 March (11:30pm GMT, the 27th in London);
    // i = 55 is 28 March 23:30 UTC, 12:30am BST on the 29th, outside; i = 53 is the 26th, outside.
    expect(whats).toEqual([54]);
    expect(textOf(page.html)).toContain('11:30pm on 27 March 2027');
  });

  it("refuses a date that is not one, in people's words, linking each error to its field", async () => {
    const robin = new Browser(server.base);
    await robin.signIn('robin');
    // Act
    const unreal = await robin.get(`/app/audit/person?actor=${ALEX}&from-day=30&from-month=2&from-year=2027`);
    const partial = await robin.get(`/app/audit/person?actor=${ALEX}&to-day=3&to-month=&to-year=`);
    const backwards = await robin.get(
      `/app/audit/person?actor=${ALEX}&from-day=2&from-month=3&from-year=2027&to-day=1&to-month=3&to-year=2027`,
    );
    const nobody = await robin.get('/app/audit/person?actor=');
    // Assess
    expect(unreal.status).toBe(400);
    expect(textOf(unreal.html)).toContain('The start date must be a real date');
    expect(unreal.html).toContain('href="#person-from-day"');
    expect(textOf(partial.html)).toContain('The end date must include a month and a year');
    expect(textOf(backwards.html)).toContain('The end date must be the same as or after the start date');
    expect(backwards.html).toContain('href="#person-to-day"');
    expect(textOf(nobody.html)).toContain('Choose the person whose audit to show');
    expect(idProblems(unreal.html)).toEqual([]);
  });

  it('downloads the same selection as CSV, numbers as numbers, the download audited once', async () => {
    const robin = new Browser(server.base);
    await robin.signIn('robin');
    const before = (await robinsReads()).length;
    // Act
    const csv = await robin.get(
      `/app/audit/person.csv?actor=${ALEX}&from-day=1&from-month=3&from-year=2027&to-day=31&to-month=3&to-year=2027`,
    );
    // Assess
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.html.trim().split('\r\n');
    // 1 March 23:30 UTC is entry 28; entry 58 (31 March 23:30 UTC) is 12:30am BST on 1 April, outside; 57 is last.
    const whats = lines.slice(1).map((l) => Number(/my cases list (\d+)/.exec(l)?.[1]));
    expect(whats).toEqual(Array.from({ length: 57 - 28 + 1 }, (_, i) => 57 - i));
    expect(lines[1]).toMatch(/^1,2027-03-31,00:30,2027-03-30T23:30:00\.000Z,u-alex-frontdoor,front-door,/);
    const reads = await robinsReads();
    expect(reads.length - before).toBe(1);
    expect(reads).toContain('audit trail of u-alex-frontdoor from 2027-03-01 to 2027-03-31 as CSV');
  });
});
