/**
 * `npm run board -- --year 2026 --pdf [--out board-2026.pdf]`: the board pack page of a data folder
 * (RIGHTTIME_DATA, default .simulation-data, e.g. a simulated partnership) printed to PDF by Chromium, as a
 * commissioner signed in would print it (A4, the page's own print styles). When a platform already runs on
 * that folder (npm start), the page is read from it (PORT, default 8080) instead.
 *
 * Chromium is Debian's /usr/bin/chromium (local/ensure-chromium.sh), driven by playwright-core (a
 * development dependency, as for the browser tests): nothing is downloaded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { LocalSignIn } from './auth';
import { DataFolderInUse } from './data-lock';
import { type Platform, startPlatform } from './platform';
import { createLocalServer } from './server';
import { localWeb } from './web';

const { values } = parseArgs({
  options: {
    year: { type: 'string' },
    pdf: { type: 'boolean', default: false },
    out: { type: 'string' },
    as: { type: 'string', default: 'chris' },
  },
  strict: true,
});
const year = Number(values.year);
if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2099) {
  console.error('--year is required, e.g. npm run board -- --year 2026 --pdf');
  process.exit(2);
}
if (!values.pdf) {
  console.error('Say what to make: --pdf (the board pack printed to A4 by Chromium)');
  process.exit(2);
}
const out = resolve(values.out ?? `board-pack-${year}.pdf`);
const dataDir = resolve(process.env.RIGHTTIME_DATA ?? '.simulation-data');

let platform: Platform | undefined;
let close = async () => undefined as unknown;
let base: string;
try {
  platform = await startPlatform({ dataDir });
  const server = createLocalServer(platform, new LocalSignIn(dataDir), { web: localWeb(platform, { dataDir }) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    await new Promise((r) => server.close(r));
    await platform!.stop();
  };
} catch (error) {
  if (!(error instanceof DataFolderInUse)) throw error;
  base = `http://127.0.0.1:${Number(process.env.PORT ?? 8080)}`;
  console.log(`${dataDir} is in use by a running platform: reading the board from ${base}`);
}

const profile = mkdtempSync(join(tmpdir(), 'righttime-board-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await context.newPage();
  await page.goto(`${base}/app/sign-in`);
  await page.locator(`input[type=radio][value="${values.as}"]`).check();
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/sign-in')),
    page.getByRole('button', { name: /sign in/i }).click(),
  ]);
  const answer = await page.goto(`${base}/app/board/${year}`, { timeout: 300_000 });
  if (answer?.status() !== 200) throw new Error(`The board pack page answered ${answer?.status()}`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
  console.log(`The board pack for ${year}, as ${values.as} reads it: ${out}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await close();
}
