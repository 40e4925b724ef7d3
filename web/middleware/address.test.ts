import { describe, expect, it } from 'vitest';
import { reached, requestOf, VIEW } from '#test/web/support/exchange';
import { exchangeFor } from '../pipeline';
import { address } from './address';

describe('the address step', () => {
  it('sends the prefix alone to the home page, without going further', async () => {
    const next = reached();
    const answer = await address(exchangeFor(requestOf({ path: '/app' }), VIEW), next);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/app/');
    expect(next.calls).toBe(0);
  });

  it('hands on every other path without its trailing slashes, and the home page with its own', async () => {
    for (const [asked, seen] of [
      ['/app/', '/app/'],
      ['/app/cases/', '/app/cases'],
      ['/app/cases//', '/app/cases'],
      ['/app/cases/iha-7k3f-9q2m', '/app/cases/iha-7k3f-9q2m'],
    ]) {
      const exchange = exchangeFor(requestOf({ path: asked! }), VIEW);
      const next = reached();
      expect((await address(exchange, next)).status).toBe(200);
      expect(next.calls, asked).toBe(1);
      expect(exchange.path, asked).toBe(seen);
    }
  });
});
