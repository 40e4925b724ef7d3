import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#functions/observability';
import { drawn, reached, requestOf, VIEW } from '#test/web/support/exchange';
import { exchangeFor } from '../pipeline';
import { errors } from './errors';

afterEach(() => vi.restoreAllMocks());

describe('the errors step', () => {
  it("answers a failure with the calm 500 page, and logs where it failed but never the failure's words", async () => {
    const logged = vi.spyOn(logger, 'error');
    const answer = await errors(exchangeFor(requestOf(), VIEW), async () => {
      throw new TypeError('could not read Noor Haddad, born 2016-03-02');
    });
    expect(answer.status).toBe(500);
    expect(drawn(answer)).toMatchObject({
      template: 'problem.njk',
      heading: 'Sorry, there is a problem with the service',
      layout: true,
    });
    expect(String(answer.body)).not.toContain('Noor');
    expect(logged).toHaveBeenCalledTimes(1);
    const [message, detail] = logged.mock.calls[0]!;
    expect(message).toBe('A page could not be shown');
    expect(detail).toMatchObject({ error: { name: 'TypeError' } });
    expect(JSON.stringify(detail)).not.toContain('Noor');
    expect(JSON.stringify(detail)).not.toContain('2016-03-02');
  });

  it('passes every other answer on as it is', async () => {
    const answer = await errors(exchangeFor(requestOf(), VIEW), reached({ status: 303, headers: { location: '/x' } }));
    expect(answer).toEqual({ status: 303, headers: { location: '/x' }, body: 'next' });
  });
});
