/**
 * Browser tests' support: the real local platform (its own table in the shared DynamoDB Local, its own
 * controllable clock) served by the local server on a free loopback port, Debian's chromium driven by
 * playwright-core (headless, a new empty profile, nothing downloaded), sign-in through the sign-in page
 * as a demo user, axe-core on a page, the 320 px check and screenshots for CI's artefacts.
 *
 * One browser and one platform per test file: `const web = await startWebTest()` in beforeAll,
 * `await web.stop()` in afterAll.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { demoUsers, LocalSignIn } from '#local/auth';
import { loadDemoSchools } from '#local/demo';
import type { Platform, PlatformOptions } from '#local/platform';
import { createLocalServer } from '#local/server';
import { localWeb } from '#local/web';
import type { PageModule } from '#web/pages/page';
import { testPlatform } from '../../support/platform';
import { partnershipOfCatalogue } from './pages';

/** Debian's chromium (local/ensure-chromium.sh installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags every browser test runs chromium with: headless, no sandbox (root in CI), no network of its own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the pages live under the local server. */
export const PAGES = '/app';

/** Screenshots for CI's artefacts (not committed: .gitignore). */
export const SCREENSHOTS = resolve('test-results/screenshots');

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html?: string; failureSummary?: string }[];
}

/**
 * GOV.UK Frontend's conditional reveal puts aria-expanded on the radio or checkbox that shows the follow-up
 * question. ARIA 1.2 does not list it for those roles, so axe reports it; GOV.UK keep it on purpose because
 * JAWS, NVDA and VoiceOver announce it and research with disabled users found it helps
 * (alphagov/govuk-frontend#979, #1972). Only that one known finding is set aside: an aria-allowed-attr node that
 * is a GOV.UK radio or checkbox input with aria-controls, whose only complaint is aria-expanded.
 */
function isGovukConditionalReveal(ruleId: string, node: AxeViolation['nodes'][number]): boolean {
  if (ruleId !== 'aria-allowed-attr') return false;
  const html = node.html ?? '';
  const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ');
  const complaints = summary.match(/ARIA attributes? (?:is|are) not allowed: [^.]*/g) ?? [];
  return (
    /class="govuk-(?:radios|checkboxes)__input"/.test(html) &&
    /aria-controls="/.test(html) &&
    complaints.length === 1 &&
    /^ARIA attributes? (?:is|are) not allowed: aria-expanded="(?:true|false)"$/.test(complaints[0]!.trim())
  );
}

export interface WebTest {
  platform: Platform;
  /** e.g. http://127.0.0.1:40123 */
  base: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) and page, 1024 px wide unless told. */
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  /** A new page signed in as the demo user, through the sign-in page. */
  pageAs(username: string, options?: { width?: number }): Promise<Page>;
  /** Move the platform's clock (as POST /local/clock does), firing what falls due. */
  advanceTo(iso: string): Promise<void>;
  /** A bearer token for the demo user, to prepare data through the API as a client would. */
  token(username: string): Promise<string>;
  /** The API over HTTP as a demo user (to prepare what a journey starts from). */
  api(method: string, path: string, username: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export interface WebTestOptions extends Omit<PlatformOptions, 'dynamo'> {
  /** Load the demo school directory (default true). */
  schools?: boolean;
  /** Page modules to serve beside the registered ones (a module not yet in the default list). */
  modules?: readonly PageModule[];
}

/** Start the platform, its local server on a free loopback port, and chromium with an empty profile. */
export async function startWebTest(options: WebTestOptions = {}): Promise<WebTest> {
  const { schools = true, modules, ...platformOptions } = options;
  // The partnership's configuration for the processes in the catalogue (a process's configuration may land before its catalogue line).
  const platform = await testPlatform({ frozen: true, partnership: partnershipOfCatalogue(), ...platformOptions });
  if (schools) await loadDemoSchools(platform);
  const signIn = new LocalSignIn();
  const server: Server = createLocalServer(platform, signIn, modules ? { web: localWeb(platform, { modules }) } : {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const profile = mkdtempSync(join(tmpdir(), 'righttime-chromium-'));
  const persistent: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const browser = persistent.browser()!;
  const contexts: BrowserContext[] = [];

  async function newPage(o: { width?: number; height?: number } = {}) {
    const context = await browser.newContext({
      viewport: { width: o.width ?? 1024, height: o.height ?? 800 },
      baseURL: base,
    });
    contexts.push(context);
    return context.newPage();
  }

  async function api(method: string, path: string, username: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
  }

  async function token(username: string) {
    const user = demoUsers.find((u) => u.username === username);
    if (!user) throw new Error(`No demo user ${username}`);
    return signIn.token(user);
  }

  return {
    platform,
    base,
    browser,
    newPage,
    async pageAs(username, o = {}) {
      const page = await newPage(o);
      await signInAs(page, username);
      return page;
    },
    async advanceTo(iso) {
      const res = await fetch(`${base}/local/clock`, { method: 'POST', body: JSON.stringify({ to: iso }) });
      if (res.status !== 200) throw new Error(`The clock did not move to ${iso}: ${res.status} ${await res.text()}`);
    },
    token,
    api,
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await persistent.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      await new Promise((r) => server.close(r));
      await platform.stop();
    },
  };
}

/** Sign in through the local sign-in page: choose the demo user and continue. */
export async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto(`${PAGES}/sign-in`);
  await page.locator(`input[type=radio][value="${username}"]`).check();
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/sign-in')),
    page.getByRole('button', { name: /sign in/i }).click(),
  ]);
}

/** axe-core on the page as it is now: the violations of serious or critical impact. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Browser-side code is passed as text: this project's TypeScript has no DOM types.
  // Evaluated over the DevTools protocol, which the pages' Content-Security-Policy does not govern (an inline script tag would be refused, as it should be).
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const results = (await page.evaluate(
    `window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } })`,
  )) as { violations: AxeViolation[] };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isGovukConditionalReveal(v.id, n)) }))
    .filter((v) => v.nodes.length > 0);
}

/** Fail, naming each rule and where, when axe finds a serious or critical violation on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) {
    const detail = violations
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    at ${JSON.stringify(n.target)}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : ''}`).join('\n')}`,
      )
      .join('\n');
    throw new Error(`axe found ${violations.length} serious or critical violation(s) on ${page.url()}:\n${detail}`);
  }
}

/** How far the page is wider than the window (0: no horizontal scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
}

/** What sticks out past the window's right edge (outside a table's own scrolling region), to say why a page scrolls sideways. */
export async function tooWide(page: Page): Promise<string> {
  return (await page.evaluate(
    `[...document.querySelectorAll('body *')].filter((e) => (!e.closest('.app-table-scroll') || getComputedStyle(e).position === 'absolute') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ')[0] : '') + ' to ' + Math.round(e.getBoundingClientRect().right) + 'px').slice(0, 8).join(', ')`,
  )) as string;
}

/** Save a full-page screenshot for CI's artefacts: test-results/screenshots/<test file>-<name>.png. */
export async function screenshot(page: Page, testFile: string, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(
      SCREENSHOTS,
      `${basename(testFile).replace(/\.test\.ts$/, '')}-${name.replace(/[^a-z0-9-]+/gi, '-')}.png`,
    ),
    fullPage: true,
  });
}
