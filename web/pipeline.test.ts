import { describe, expect, it } from 'vitest';
import { requestOf, VIEW } from '#test/web/support/exchange';
import { exchangeFor, type Middleware, pipeline } from './pipeline';

describe('the pipeline', () => {
  it('runs the steps in order, each around the rest, ending in the endpoint', async () => {
    const order: string[] = [];
    const step =
      (name: string): Middleware =>
      async (_exchange, next) => {
        order.push(`${name} in`);
        const answer = await next();
        order.push(`${name} out`);
        return { ...answer, headers: { ...answer.headers, [name]: 'yes' } };
      };
    const handle = pipeline([step('a'), step('b')], async () => {
      order.push('page');
      return { status: 200, headers: {}, body: 'page' };
    });
    const answer = await handle(exchangeFor(requestOf(), VIEW));
    expect(order).toEqual(['a in', 'b in', 'page', 'b out', 'a out']);
    expect(answer.headers).toEqual({ a: 'yes', b: 'yes' });
  });

  it('stops at a step that answers, and the steps before it still see the answer', async () => {
    const seen: number[] = [];
    const outer: Middleware = async (_e, next) => {
      const answer = await next();
      seen.push(answer.status);
      return answer;
    };
    const refuse: Middleware = async () => ({ status: 403, headers: {}, body: '' });
    const handle = pipeline([outer, refuse], async () => {
      throw new Error('the page must not run');
    });
    expect((await handle(exchangeFor(requestOf(), VIEW))).status).toBe(403);
    expect(seen).toEqual([403]);
  });

  it('starts a request anonymous, with nothing stored, and reads a posted form once', async () => {
    const exchange = exchangeFor(
      requestOf({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }),
      VIEW,
    );
    expect(exchange.session.stored).toBeUndefined();
    expect(exchange.user).toBeUndefined();
    const first = exchange.posted();
    expect(exchange.posted()).toBe(first);
    expect((await first).form.get('a')).toBe('1');
    expect((await exchangeFor(requestOf({ body: 'a=1' }), VIEW).posted()).form.size).toBe(0);
  });
});
