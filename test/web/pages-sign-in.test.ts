/**
 * Signing in and out of the pages, the session cookie and the form token, against the real local
 * platform (the synthesized state machines on DynamoDB Local).
 */

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '#local/platform';
import { testPlatform } from '../support/platform';
import { Browser, partnershipOfCatalogue, serve, textOf } from './support/pages';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2027-02-01T10:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

describe('signing in to the pages', () => {
  it('lists the demo people by role on the sign-in page, and no police case system', async () => {
    const page = await new Browser(server.base).get('/app/sign-in');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en"');
    expect(page.html).toContain('Skip to main content');
    const text = textOf(page.html);
    expect(text).toContain('Alex Morgan');
    expect(text).toContain('Front door, Riverside City Council');
    expect(text).toContain('Kim Walsh');
    expect(text).not.toContain('Riverside Police case system');
  });

  it('sends a page asked for before sign-in to the sign-in page, and back to it after', async () => {
    const browser = new Browser(server.base);
    const first = await browser.get('/app/accessibility', false);
    expect(first.status).toBe(200);
    const home = await browser.get('/app/', false);
    expect(home.status).toBe(200);
    expect(textOf(home.html)).toContain('Sign in');
    const signedIn = await browser.signIn('sam');
    expect(signedIn.status).toBe(200);
    expect(textOf(signedIn.html)).toContain('Signed in as Sam Okafor, lead practitioner');
  });

  it('sets an HTTP-only, SameSite=Lax session cookie whose contents are encrypted', async () => {
    const browser = new Browser(server.base);
    await browser.get('/app/sign-in');
    const res = await browser.post('/app/sign-in', { username: 'kim' }, { follow: false });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('righttime-session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toContain('kim');
    expect(cookie).not.toContain('riverside-primary');
  });

  it("refuses a form posted without its token, or with another session's, and signs nobody in", async () => {
    const browser = new Browser(server.base);
    await browser.get('/app/sign-in');
    const without = await browser.post('/app/sign-in', { username: 'alex' }, { csrf: null, follow: false });
    expect(without.status).toBe(403);
    expect(textOf(without.html)).toContain('Your form could not be sent');
    const other = new Browser(server.base);
    const otherPage = await other.get('/app/sign-in');
    const stolen = /name="csrfToken" value="([^"]+)"/.exec(otherPage.html)![1]!;
    const mismatched = await browser.post('/app/sign-in', { username: 'alex' }, { csrf: stolen, follow: false });
    expect(mismatched.status).toBe(403);
    const home = await browser.get('/app/');
    expect(textOf(home.html)).not.toContain('Signed in as');
  });

  it('refuses an unknown person with the error summary', async () => {
    const browser = new Browser(server.base);
    await browser.get('/app/sign-in');
    const page = await browser.post('/app/sign-in', { username: 'nobody' });
    expect(page.status).toBe(400);
    expect(page.html).toContain('govuk-error-summary');
    expect(page.html).toContain('href="#username"');
    expect(page.html).toMatch(/<title>Error: /);
  });

  it('signs out: the session ends and pages ask for sign-in again', async () => {
    const browser = new Browser(server.base);
    await browser.signIn('alex');
    const out = await browser.post('/app/sign-out', {});
    expect(textOf(out.html)).toContain('You have signed out');
    const again = await browser.get('/app/cases', false);
    expect(again.status).toBe(303);
    expect(again.location).toBe('/app/sign-in?returnTo=%2Fapp%2Fcases');
  });

  it('serves GOV.UK Frontend without the GOV.UK-only typeface, and the page script allowed by its hash', async () => {
    const browser = new Browser(server.base);
    const css = await fetch(`${server.base}/app/assets/govuk-frontend.min.css`);
    expect(css.status).toBe(200);
    const text = await css.text();
    expect(text).toContain('.govuk-button');
    expect(text).not.toContain('GDS Transport');
    expect((await fetch(`${server.base}/app/assets/govuk-frontend.min.js`)).status).toBe(200);
    const page = await browser.get('/app/sign-in');
    const script = /<script>([^<]*)<\/script>/.exec(page.html)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
  });
});
