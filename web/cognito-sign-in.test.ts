/**
 * Sign-in in AWS: Cognito's hosted sign-in with the authorisation code flow and PKCE. Cognito's token
 * endpoint is stood in for by a function (the only AWS piece here); the pages, session and checks are real.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { partnership, workingDaysFor } from '#functions/runtime';
import { createWeb } from '#web/app';
import type { WebRequest, WebResponse } from '#web/http';
import type { WebDependencies } from '#web/pages/page';
import { Sessions } from '#web/session';

const claims = {
  sub: 'u-kim',
  name: 'Kim Walsh',
  email: 'kim@example.sch.uk',
  'cognito:groups': ['school-key-adult'],
  'custom:organisation': 'riverside-primary',
  'custom:schoolUrn': '100001',
  token_use: 'id',
};

function setup() {
  const exchanges: URLSearchParams[] = [];
  const deps: WebDependencies = {
    api: async () => ({ statusCode: 500, body: '{}' }),
    runtime: {
      partnership,
      workingDays: workingDaysFor(partnership),
      clock: { now: () => new Date('2027-02-01T09:00:00Z') },
    },
    sessions: new Sessions({ key: new Uint8Array(32).fill(7), secure: true }),
    signIn: {
      kind: 'cognito',
      domain: 'https://righttime-auth.auth.eu-west-2.amazoncognito.com',
      clientId: 'pages-client',
      redirectUri: 'https://api.example/app/auth/callback',
      logoutUri: 'https://api.example/app/signed-out',
      verifyIdToken: async (token) => (token === 'good-id-token' ? claims : undefined),
      fetch: (async (_url: URL | string, init?: RequestInit) => {
        const body = new URLSearchParams(String(init?.body));
        exchanges.push(body);
        return new Response(JSON.stringify({ id_token: body.get('code') === 'good-code' ? 'good-id-token' : 'bad' }), {
          status: 200,
        });
      }) as typeof fetch,
    },
  };
  const web = createWeb(deps);
  let cookie = '';
  const request = async (
    method: string,
    path: string,
    query = '',
    form?: Record<string, string>,
  ): Promise<WebResponse> => {
    const req: WebRequest = {
      method,
      path,
      query: new URLSearchParams(query),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    };
    const res = await web(req);
    for (const c of res.cookies ?? []) cookie = c.split(';')[0]!;
    return res;
  };
  return { request, exchanges, cookieNow: () => cookie };
}

describe('Cognito hosted sign-in (code flow with PKCE)', () => {
  it('sends the person to Cognito with an S256 challenge of a verifier it keeps, and signs them in on a code with the matching state', async () => {
    const { request, exchanges } = setup();
    const start = await request('GET', '/app/sign-in', 'returnTo=%2Fapp%2Fschool');
    expect(start.status).toBe(303);
    const to = new URL(start.headers.location!);
    expect(to.origin + to.pathname).toBe('https://righttime-auth.auth.eu-west-2.amazoncognito.com/oauth2/authorize');
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe('https://api.example/app/auth/callback');
    const cookie = start.cookies!.find((c) => c.startsWith('__Host-righttime-session='))!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const back = await request('GET', '/app/auth/callback', `code=good-code&state=${to.searchParams.get('state')}`);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/app/school');
    const verifier = exchanges[0]!.get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(to.searchParams.get('code_challenge'));
    expect(exchanges[0]!.get('grant_type')).toBe('authorization_code');
    const home = await request('GET', '/app/');
    expect(String(home.body)).toContain('Signed in as Kim Walsh, school Key Adult');
  });

  it('refuses a callback whose state is not the one it sent, or whose ID token does not verify', async () => {
    const { request, exchanges } = setup();
    const start = await request('GET', '/app/sign-in');
    const state = new URL(start.headers.location!).searchParams.get('state');
    const wrongState = await request('GET', '/app/auth/callback', 'code=good-code&state=forged');
    expect(wrongState.status).toBe(400);
    expect(exchanges).toHaveLength(0);
    const badToken = await request('GET', '/app/auth/callback', `code=other-code&state=${state}`);
    expect(badToken.status).toBe(400);
    expect(String((await request('GET', '/app/')).body)).not.toContain('Signed in as');
  });

  it("signs out of the pages and of Cognito's session", async () => {
    const { request } = setup();
    const start = await request('GET', '/app/sign-in');
    await request(
      'GET',
      '/app/auth/callback',
      `code=good-code&state=${new URL(start.headers.location!).searchParams.get('state')}`,
    );
    const home = await request('GET', '/app/');
    const token = /name="csrfToken" value="([^"]+)"/.exec(String(home.body))![1]!;
    // Without the form's token the sign-out is refused (a page elsewhere cannot sign anyone out).
    expect((await request('POST', '/app/sign-out')).status).toBe(403);
    const out = await request('POST', '/app/sign-out', '', { csrfToken: token });
    expect(out.status).toBe(303);
    const to = new URL(out.headers.location!);
    expect(to.origin + to.pathname).toBe('https://righttime-auth.auth.eu-west-2.amazoncognito.com/logout');
    expect(to.searchParams.get('logout_uri')).toBe('https://api.example/app/signed-out');
    expect(out.cookies!.some((c) => /^__Host-righttime-session=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    expect(String((await request('GET', '/app/')).body)).not.toContain('Signed in as');
  });
});
