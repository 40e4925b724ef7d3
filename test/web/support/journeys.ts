/**
 * The browser journeys from an alert to the action (test/browser/alerts.test.ts, alert-journeys*.test.ts):
 * the link in a person's own email, read from the local inbox as their mail client shows it; the checks
 * every page they look at must pass (axe, no sideways scrolling at 320 px, words only) with a screenshot;
 * following the link as someone not signed in; a person's home page for those who receive no email; the
 * state of a step in a case page's task list.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, horizontalOverflow, screenshot, tooWide, type WebTest } from './browser';
import { notWords } from './words';

export const WIDTHS = [1280, 320] as const;

export function journeys(web: () => WebTest, testFile: string) {
  /** The path of the link in the newest email to this address about this case (subject matching, if given). */
  function emailLink(address: string, caseId: string, subject?: RegExp): string {
    const email = web()
      .platform.inbox.messages.filter(
        (m) => m.address === address && m.caseId === caseId && (!subject || subject.test(m.subject)),
      )
      .at(-1);
    expect(email, `an email to ${address} about ${caseId}${subject ? ` (${subject})` : ''}`).toBeDefined();
    const link = new URL(/https?:\/\/\S+/.exec(email!.body)![0]);
    expect(link.pathname.startsWith('/app/')).toBe(true);
    return link.pathname;
  }

  /** Everything a page must be: accessible, within 320 px when narrow, in words; then a screenshot. */
  async function checkPage(page: Page, width: number, name: string) {
    await expectAccessible(page);
    if (width === 320) expect(await horizontalOverflow(page), `${name}: ${await tooWide(page)}`).toBe(0);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as shown (each item apart), what people read.
    expect(notWords(await page.locator('main').innerText()), name).toEqual([]);
    await screenshot(page, testFile, `${name}-${width}`);
  }

  /** Open the link as someone not signed in: sign in on the page it leads to, and land where it pointed. */
  async function followLink(path: string, username: string, width: number): Promise<Page> {
    const page = await web().newPage({ width });
    await page.goto(path);
    expect(new URL(page.url()).pathname).toBe('/app/sign-in');
    await checkPage(page, width, `${username}-sign-in`);
    await page.locator(`input[type=radio][value="${username}"]`).check();
    await Promise.all([
      page.waitForURL((url) => url.pathname === path),
      page.getByRole('button', { name: /sign in/i }).click(),
    ]);
    return page;
  }

  /** Sign in (landing on the home page), check the home page, and follow its link to `href`. */
  async function fromHome(username: string, width: number, href: string): Promise<Page> {
    const page = await web().pageAs(username, { width });
    expect(new URL(page.url()).pathname).toBe('/app/');
    await checkPage(page, width, `${username}-home`);
    await Promise.all([
      page.waitForURL((url) => url.pathname === href),
      page.locator(`main a[href="${href}"]`).first().click(),
    ]);
    return page;
  }

  /** Send the event form and expect the case page's "Recorded" banner (a refusal fails with its error summary). */
  async function save(page: Page) {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.govuk-notification-banner, .govuk-error-summary').first().waitFor();
    const problems = page.locator('.govuk-error-summary');
    if (await problems.count()) throw new Error(`The form was refused: ${await problems.textContent()}`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Recorded');
  }

  /** A step of the case page's task list: its status as shown (e.g. "Done", "Due", "Overdue"). */
  async function stepStatus(page: Page, title: string): Promise<string> {
    const item = page.locator('.govuk-task-list__item', { hasText: title }).first();
    return ((await item.locator('.govuk-task-list__status').textContent()) ?? '').trim();
  }

  return { emailLink, checkPage, followLink, fromHome, save, stepStatus };
}
