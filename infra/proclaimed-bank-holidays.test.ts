/**
 * A bank holiday proclaimed for one year reaches the Lambda bundles as it reaches tests and the local
 * runtime: the bundles answer England's holidays from the table computed at synth (infra/
 * handler-function.ts), and the configured days come from config/partnership.json through
 * `workingDaysFor`, not from that table. Built here with the bundles' own options and aliases.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import shipped from '#config/partnership.json';
import { withinWorkingDays } from '#core/calendar/index';
import type { parsePartnership as ParsePartnership } from '#core/partnership/config';
import type { workingDaysFor as WorkingDaysFor } from '#functions/runtime';
import { handlerBundling } from '#infra/handler-function';

describe('a proclaimed bank holiday in a Lambda bundle (date-holidays answered from the synth table)', () => {
  it('the configured day is skipped by statutory working days in the bundle, as in the full package', async () => {
    // Prepare: the calendar and configuration code, bundled as every handler is
    const projectRoot = fileURLToPath(new URL('..', import.meta.url));
    const bundling = handlerBundling(projectRoot);
    const outfile = join(projectRoot, 'node_modules/.cache/righttime/proclaimed-test/calendar.mjs');
    const built = await build({
      absWorkingDir: projectRoot,
      stdin: {
        contents:
          "export { workingDaysFor } from './functions/runtime.ts';\nexport { parsePartnership } from './core/partnership/config.ts';",
        resolveDir: projectRoot,
        sourcefile: 'calendar.ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: bundling.target,
      mainFields: bundling.mainFields,
      banner: { js: bundling.banner },
      external: bundling.externalModules,
      alias: Object.fromEntries(bundling.esbuildArgs['--alias'].map((a) => a.split('=') as [string, string])),
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    const bundle = (await import(pathToFileURL(outfile).href)) as {
      workingDaysFor: typeof WorkingDaysFor;
      parsePartnership: typeof ParsePartnership;
    };
    const proclaimed = {
      date: '2027-06-04',
      name: 'Bank holiday proclaimed for a national occasion',
      proclamation: 'Proclamation of 1 December 2026 (Banking and Financial Dealings Act 1971 s1(3))',
    };
    const start = new Date('2027-06-02T09:00:00Z');
    // Act
    const withDay = bundle.workingDaysFor(
      bundle.parsePartnership({ ...shipped, proclaimedBankHolidays: [proclaimed] }),
    );
    const without = bundle.workingDaysFor(bundle.parsePartnership(shipped));
    // Assess: the bundle holds the synth table, not the package's rule engine, and counts the day
    expect(Object.keys(built.metafile.inputs).some((f) => f.includes('date-holidays-england'))).toBe(true);
    expect(Object.keys(built.metafile.inputs).filter((f) => /date-holidays-parser|astronomia/.test(f))).toEqual([]);
    expect(withDay.england().isWorkingDay('2027-06-04')).toBe(false);
    expect(without.england().isWorkingDay('2027-06-04')).toBe(true);
    expect(withinWorkingDays(withDay.england(), start, 3).toISOString()).toBe('2027-06-08T22:59:59.999Z');
    expect(withinWorkingDays(without.england(), start, 3).toISOString()).toBe('2027-06-07T22:59:59.999Z');
    expect(
      withDay
        .england()
        .bankHolidays(2027)
        .find((h) => h.date === '2027-06-04'),
    ).toEqual(proclaimed);
  });
});
