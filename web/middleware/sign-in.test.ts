import { describe, expect, it } from 'vitest';
import { reached, requestOf, VIEW } from '#test/web/support/exchange';
import type { Page, SignedInUser } from '../pages/page';
import { type Exchange, exchangeFor } from '../pipeline';
import { signIn } from './sign-in';

const pageFor = (access: Page['access']): Page => ({
  method: 'GET',
  path: '/x',
  access,
  handle: async () => ({ status: 200, headers: {}, body: '' }),
});
const someone = { userId: 'u-sam', role: 'lead-practitioner' } as SignedInUser;

function arriving(request: Parameters<typeof requestOf>[0], access?: Page['access'], user?: SignedInUser): Exchange {
  const exchange = exchangeFor(requestOf(request), VIEW);
  exchange.path = exchange.request.path;
  if (access) exchange.route = { page: pageFor(access), params: {} };
  if (user) exchange.user = user;
  return exchange;
}

describe('the sign-in step', () => {
  it('lets anyone open a public page, and a signed-in person any other', async () => {
    const next = reached();
    await signIn(arriving({}, 'public'), next);
    await signIn(arriving({}, 'signed-in', someone), next);
    await signIn(arriving({}, ['health'], someone), next);
    expect(next.calls).toBe(3);
  });

  it('sends a person not signed in to sign in, with the page to come back to', async () => {
    const next = reached();
    const answer = await signIn(
      arriving({ path: '/app/cases/iha-7k3f-9q2m', query: new URLSearchParams('tab=clocks') }, 'signed-in'),
      next,
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/app/sign-in?returnTo=%2Fapp%2Fcases%2Fiha-7k3f-9q2m%3Ftab%3Dclocks');
    expect(next.calls).toBe(0);
  });

  it('never offers a way back that leaves this service, and sends a form post to sign in alone', async () => {
    const next = reached();
    const odd = await signIn(arriving({ path: '/app/a\\b' }, 'signed-in'), next);
    expect(odd.headers.location).toBe('/app/sign-in');
    const posted = await signIn(arriving({ method: 'POST', path: '/app/start/x' }, 'signed-in'), next);
    expect(posted.headers.location).toBe('/app/sign-in');
    expect(next.calls).toBe(0);
  });

  it('lets nobody unsigned past when no page was routed', async () => {
    const next = reached();
    expect((await signIn(arriving({}), next)).status).toBe(303);
    expect(next.calls).toBe(0);
  });
});
