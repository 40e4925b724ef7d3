import { describe, expect, it } from 'vitest';
import { isProduction, longLines, MAX_LINE } from './long-lines';

describe('the long-line check', () => {
  it('lists a line of 121 characters, with its file, line and length, and passes one of 120', () => {
    // Prepare
    const text = ['short', 'a'.repeat(120), 'b'.repeat(121), ''].join('\n');
    // Assess
    expect(MAX_LINE).toBe(120);
    expect(longLines('core/x.ts', text)).toEqual([{ path: 'core/x.ts', line: 3, length: 121 }]);
  });

  it('counts characters, not bytes or UTF-16 units, and reads Windows line ends', () => {
    expect(longLines('core/x.ts', `${'…'.repeat(120)}\r\n${'😀'.repeat(120)}\r\n`)).toEqual([]);
    expect(longLines('core/x.ts', `ok\r\n${'…'.repeat(121)}`)).toEqual([{ path: 'core/x.ts', line: 2, length: 121 }]);
  });

  it('checks production code, configuration, templates and scripts, not tests, benchmarks, prose or data', () => {
    const checked = ['core/calendar/london.ts', 'config/partnership.json', 'web/templates/case.njk', '.ci/run'];
    const alsoChecked = ['local/ensure-java.sh', '.dependency-cruiser.cjs', 'biome.jsonc', 'test-helpers.ts'];
    const notChecked = ['core/calendar/london.test.ts', 'test/support/platform.ts', 'bench/run.ts', 'README.md'];
    const alsoNotChecked = ['config/demo-schools/contacts.csv', 'test/fixtures/term-dates/x.ics', 'package-lock.json'];
    expect([...checked, ...alsoChecked].filter((p) => !isProduction(p))).toEqual([]);
    expect([...notChecked, ...alsoNotChecked].filter(isProduction)).toEqual([]);
  });
});
