/**
 * No production line over 120 characters. Biome's formatter wraps code at 120 columns but leaves long
 * strings, template literals and comments as they are written, so `npm run lint` runs this after it.
 *
 * Production is every file the project keeps (tracked, or new and not ignored by git) except tests
 * (`*.test.ts`, test/) and benchmarks (bench/): code, configuration, templates and scripts. Prose
 * (Markdown), data (CSV, iCalendar) and files npm writes (package-lock.json) are not code and are left
 * out. A character is a Unicode code point, so "…" counts one.
 *
 * Run: `tsx .ci/long-lines.ts` lists each line over the limit as `path:line (N characters)` and exits 1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAX_LINE = 120;

/** The files checked: code, configuration, templates and scripts (`.ci/run` has no extension). */
const CHECKED = /\.(?:ts|json|jsonc|cjs|njk|sh)$|^\.ci\/run$/;
const NOT_PRODUCTION = /\.test\.ts$|^(?:test|bench)\/|^package-lock\.json$/;

export function isProduction(path: string): boolean {
  return CHECKED.test(path) && !NOT_PRODUCTION.test(path);
}

export interface LongLine {
  path: string;
  line: number;
  length: number;
}

/** The lines of `text` over `max` characters, numbered from 1. */
export function longLines(path: string, text: string, max = MAX_LINE): LongLine[] {
  const found: LongLine[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const length = [...line].length;
    if (length > max) found.push({ path, line: i + 1, length });
  }
  return found;
}

/** Every file git keeps or would keep under `root` (tracked, or untracked and not ignored), by path. */
function projectFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return [...new Set(listed.split('\0').filter(Boolean))].sort();
}

export function longProductionLines(root: string): LongLine[] {
  return projectFiles(root)
    .filter(isProduction)
    .filter((path) => existsSync(`${root}/${path}`))
    .flatMap((path) => longLines(path, readFileSync(`${root}/${path}`, 'utf8')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const found = longProductionLines(root);
  for (const l of found) console.log(`${l.path}:${l.line} (${l.length} characters)`);
  if (found.length) {
    console.log(`${found.length} production line(s) over ${MAX_LINE} characters: wrap them (comments) or split them`);
    process.exitCode = 1;
  } else {
    console.log(`long lines: none over ${MAX_LINE} characters`);
  }
}
