/**
 * The pages' own handling, apart from any data: unknown pages, methods, a failure inside a page, where
 * a person may be sent after sign-in. (The API here is a function that fails: no page may show its error.)
 */
import { describe, expect, it } from 'vitest';
import { partnership, workingDaysFor } from '#functions/runtime';
import { createWeb } from '#web/app';
import type { WebResponse } from '#web/http';
import { Sessions } from '#web/session';

const sam = {
  sub: 'u-sam',
  name: 'Sam Okafor',
  email: 'sam@example.gov.uk',
  'cognito:groups': ['lead-practitioner'],
  'custom:organisation': 'riverside-council',
};

function setup() {
  const web = createWeb({
    api: async () => {
      throw new Error('table unavailable: Noor Haddad');
    },
    runtime: {
      partnership,
      workingDays: workingDaysFor(partnership),
      clock: { now: () => new Date('2027-02-01T09:00:00Z') },
    },
    sessions: new Sessions({ key: new Uint8Array(32).fill(3), secure: false }),
    signIn: {
      kind: 'local',
      users: [
        {
          username: 'sam',
          name: 'Sam Okafor',
          role: 'lead-practitioner',
          organisation: 'riverside-council',
          claims: sam,
        },
      ],
    },
  });
  let cookie = '';
  return async (method: string, path: string, form?: Record<string, string>, query = ''): Promise<WebResponse> => {
    const res = await web({
      method,
      path,
      query: new URLSearchParams(query),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.cookies ?? []) cookie = c.split(';')[0]!;
    return res;
  };
}

async function signedIn(returnTo?: string) {
  const request = setup();
  const page = await request('GET', '/app/sign-in');
  const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(String(page.body))![1]!;
  const res = await request('POST', '/app/sign-in', {
    username: 'sam',
    csrfToken,
    ...(returnTo !== undefined ? { returnTo } : {}),
  });
  return { request, res };
}

describe('the pages themselves', () => {
  it('answers an unknown page with Page not found, and a wrong method with 405', async () => {
    const request = setup();
    const missing = await request('GET', '/app/no-such-page');
    expect(missing.status).toBe(404);
    expect(String(missing.body)).toContain('Page not found');
    expect((await request('PUT', '/app/cases')).status).toBe(405);
    expect((await request('GET', '/app')).headers.location).toBe('/app/');
  });

  it("shows a calm problem page when something fails inside a page, never the failure's words", async () => {
    const { request } = await signedIn();
    const page = await request('GET', '/app/cases');
    expect(page.status).toBe(500);
    expect(String(page.body)).toContain('Sorry, there is a problem with the service');
    expect(String(page.body)).not.toContain('Noor Haddad');
    expect(String(page.body)).not.toContain('table unavailable');
  });

  it('after sign-in goes only to a page of this service', async () => {
    expect((await signedIn('/app/school')).res.headers.location).toBe('/app/school');
    for (const elsewhere of ['//evil.example/app/', 'https://evil.example/', '/app\\..\\x', '/cases/iha-aaaa-bbbb']) {
      expect((await signedIn(elsewhere)).res.headers.location, elsewhere).toBe('/app/');
    }
  });

  it('refuses a page to a role it is not for, with the menu pointing to theirs', async () => {
    const { request } = await signedIn();
    const page = await request('GET', '/app/school');
    expect(page.status).toBe(403);
    expect(String(page.body)).toContain('This page is not for your role');
  });
});
