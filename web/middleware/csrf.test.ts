import { describe, expect, it } from 'vitest';
import { drawn, reached, requestOf, VIEW } from '#test/web/support/exchange';
import { exchangeFor } from '../pipeline';
import { SessionState } from '../session';
import { csrf, tokenMatches } from './csrf';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A POST with this body, from a session whose cookie held `stored`. */
function posting(body: string, stored: { csrf: string } | undefined) {
  const exchange = exchangeFor(requestOf({ method: 'POST', path: '/app/start/x', headers: FORM, body }), VIEW);
  exchange.session = new SessionState(stored);
  return exchange;
}

describe('the form token step', () => {
  it("lets a form through that carries its session's token", async () => {
    const next = reached();
    const answer = await csrf(posting('csrfToken=abc123&name=Sam', { csrf: 'abc123' }), next);
    expect(answer.body).toBe('next');
    expect(next.calls).toBe(1);
  });

  it('refuses, with 403 and nothing run, a form with another token, none, or from no session', async () => {
    for (const [body, stored] of [
      ['csrfToken=abc124', { csrf: 'abc123' }],
      ['csrfToken=abc1234', { csrf: 'abc123' }],
      ['name=Sam', { csrf: 'abc123' }],
      ['csrfToken=', { csrf: '' }],
      ['csrfToken=abc123', undefined],
    ] as const) {
      const next = reached();
      const answer = await csrf(posting(body, stored), next);
      expect(answer.status, body).toBe(403);
      expect(drawn(answer)).toMatchObject({ template: 'problem.njk', heading: 'Your form could not be sent' });
      expect(next.calls, body).toBe(0);
    }
  });

  it('reads the token from a multipart form (a file upload) too', async () => {
    const form = new FormData();
    form.append('csrfToken', 'abc123');
    form.append('file', new Blob(['URN,Name\n']), 'register.csv');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const exchange = exchangeFor(
      requestOf({
        method: 'POST',
        headers: { 'content-type': request.headers.get('content-type')! },
        body: new Uint8Array(await request.arrayBuffer()),
      }),
      VIEW,
    );
    exchange.session = new SessionState({ csrf: 'abc123' });
    const next = reached();
    await csrf(exchange, next);
    expect(next.calls).toBe(1);
  });

  it('asks nothing of a GET', async () => {
    const next = reached();
    await csrf(exchangeFor(requestOf(), VIEW), next);
    expect(next.calls).toBe(1);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches({ csrf: 'abc' }, 'abc')).toBe(true);
    expect(tokenMatches({ csrf: 'abc' }, 'ABC')).toBe(false);
    expect(tokenMatches({ csrf: 'abc' }, null)).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });
});
