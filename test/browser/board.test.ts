/**
 * The board pack in Chromium, as a commissioner reads it after a simulated quarter: every measure's chart
 * and table, a definition one click away, axe clean, usable at 320 px, printed to an A4 PDF, and its CSV
 * with numbers in the Value column only.
 */
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfLondonDay, startOfLondonDay } from '#core/calendar/index';
import { defaultConfig } from '#local/simulation/config';
import { simulate } from '#local/simulation/run';
import { BOARD_CSV_COLUMNS } from '#web/board/csv';
import { measuresCatalogue } from '#workflows/measures';
import {
  expectAccessible,
  horizontalOverflow,
  screenshot,
  startWebTest,
  tooWide,
  type WebTest,
} from '../web/support/browser';

let web: WebTest;
let chris: Page;

beforeAll(async () => {
  web = await startWebTest({ startAt: startOfLondonDay('2025-01-01'), schools: false });
  await simulate(web.platform, {
    year: 2025,
    years: 1,
    until: endOfLondonDay('2025-02-28'),
    seed: 11,
    scale: 0.03,
    config: defaultConfig,
  });
  chris = await web.pageAs('chris');
}, 600_000);

afterAll(async () => {
  await web?.stop();
});

describe('the board pack', () => {
  it('shows every measure with its chart and table, each definition one click away, axe clean', async () => {
    // Act
    await chris.goto('/app/board/2025');
    // Assess
    await expect(chris.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'The partnership’s measures, 2025',
    );
    const counted = measuresCatalogue.flatMap((s) => s.measures.filter((m) => !m.notYetRecorded));
    await expect(chris.locator('svg.app-board-chart').count()).resolves.toBe(counted.length);
    const definition = chris.locator('#supporting-families--episodes-closed ~ details').first();
    await definition.locator('summary').click();
    await expect(definition.textContent()).resolves.toContain('in the London month each closed');
    await expectAccessible(chris);
    await screenshot(chris, import.meta.filename, 'board');
  });

  it('is usable 320 px wide', async () => {
    const narrow = await web.pageAs('chris', { width: 320 });
    for (const path of ['/app/board', '/app/board/2025', '/app/measures']) {
      await narrow.goto(path);
      expect(await horizontalOverflow(narrow), `${path}: ${await tooWide(narrow)}`).toBe(0);
    }
    await expectAccessible(narrow);
  });

  it('prints to an A4 PDF', async () => {
    await chris.goto('/app/board/2025');
    await chris.emulateMedia({ media: 'print' });
    const pdf = await chris.pdf({ format: 'A4', preferCSSPageSize: true });
    await chris.emulateMedia({ media: 'screen' });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // One page for the introduction, then each process from a new page.
    expect(text.match(/\/Type\s*\/Page[^s]/g)?.length).toBeGreaterThan(4);
    expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]/);
  });

  it('downloads the CSV with numbers in the Value column only', async () => {
    const answer = await chris.request.get('/app/board/2025/board.csv');
    expect(answer.status()).toBe(200);
    const rows = parse(await answer.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...BOARD_CSV_COLUMNS]);
    for (const r of rows)
      if (r.Value !== '') expect(Number.isFinite(Number(r.Value)), JSON.stringify(r)).toBe(true);
      else expect(r['Not given because'], JSON.stringify(r)).not.toBe('');
  });

  it('shows the definitions page, axe clean', async () => {
    await chris.goto('/app/measures');
    await expect(chris.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'What each board measure counts',
    );
    await expectAccessible(chris);
  });
});
