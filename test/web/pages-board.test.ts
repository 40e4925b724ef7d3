/**
 * The board pack pages without a browser: a commissioner reads the board of a simulated quarter (every
 * measure, its chart with the figures written on the bars, the same figures in tables, each definition a
 * click away), downloads the CSV (numbers in the Value column only, suppression in its own column), and
 * reads the definitions; a role that reads no figures is refused.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfLondonDay, startOfLondonDay } from '#core/calendar/index';
import type { Platform } from '#local/platform';
import { defaultConfig } from '#local/simulation/config';
import { simulate } from '#local/simulation/run';
import { BOARD_CSV_COLUMNS } from '#web/board/csv';
import { measuresCatalogue } from '#workflows/measures';
import { testPlatform } from '../support/platform';
import { Browser, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  platform = await testPlatform({ startAt: startOfLondonDay('2025-01-01'), frozen: true });
  await simulate(platform, {
    year: 2025,
    years: 1,
    until: endOfLondonDay('2025-02-28'),
    seed: 3,
    scale: 0.03,
    config: defaultConfig,
  });
  server = await serve(platform);
}, 600_000);

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

describe('the board pack pages', () => {
  it('shows every measure of every process with its chart, its table and its definition', async () => {
    // Prepare
    const chris = new Browser(server.base);
    await chris.signIn('chris');
    // Act
    const page = await chris.get('/app/board/2025');
    // Assess
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    for (const set of measuresCatalogue)
      for (const m of set.measures)
        expect(page.html, `${set.process}/${m.id}`).toContain(`id="${set.process}--${m.id}"`);
    // A chart for every measure counted, each with its title, and the figures written on its bars.
    const counted = measuresCatalogue.flatMap((s) => s.measures.filter((m) => !m.notYetRecorded));
    expect(page.html.match(/<svg [^>]*app-board-chart/g)?.length).toBe(counted.length);
    expect(page.html).toMatch(/<rect [^>]*data-series="0"[^>]*><title>2025, Jan: \d/);
    expect(text).toContain('What this counts');
    expect(text).toContain('Not yet recorded: No process records dental checks yet');
    // Small numbers are words, never figures; the tables mark their figures.
    expect(text).toContain('fewer than 5');
    expect(page.html).toContain('data-measure="count"');
    expect(page.html).toContain('data-measure="share"');
    expect(page.html).toContain(`href="/app/measures#supporting-families--closed-within-16-weeks"`);
  });

  it('downloads the same figures as CSV: numbers in the Value column, why one is missing in its own', async () => {
    const chris = new Browser(server.base);
    await chris.signIn('chris');
    const csv = await chris.get('/app/board/2025/board.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(csv.html, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...BOARD_CSV_COLUMNS]);
    for (const r of rows) {
      if (r.Value === '') expect(r['Not given because'], JSON.stringify(r)).not.toBe('');
      else {
        expect(Number.isFinite(Number(r.Value)), JSON.stringify(r)).toBe(true);
        expect(r['Not given because']).toBe('');
      }
    }
    expect(rows.some((r) => r['Not given because'] === 'fewer than 5')).toBe(true);
    const requests = rows.find(
      (r) =>
        r['Measure ID'] === 'requests' && r.Year === '2025' && r.Month === '' && r.Group === '' && r.Figure === 'count',
    );
    expect(Number(requests!.Value)).toBeGreaterThan(5);
  });

  it('shows each measure’s definition, source and whether it is statutory', async () => {
    const robin = new Browser(server.base);
    await robin.signIn('robin');
    const page = await robin.get('/app/measures');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Episodes closed within 16 weeks');
    expect(text).toContain('Statutory');
    expect(text).toContain('Denominator');
  });

  it('refuses a role that reads no process’s figures', async () => {
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    expect((await kim.get('/app/board/2025')).status).toBe(403);
  });
});
