import { describe, expect, it } from 'vitest';
import { drawn, reached, requestOf, VIEW } from '#test/web/support/exchange';
import type { Page, SignedInUser } from '../pages/page';
import { exchangeFor } from '../pipeline';
import { roles } from './roles';

const sam = { userId: 'u-sam', role: 'lead-practitioner', roleText: 'lead practitioner' } as SignedInUser;

function arriving(access: Page['access'], user?: SignedInUser) {
  const exchange = exchangeFor(requestOf(), VIEW);
  exchange.route = {
    page: { method: 'GET', path: '/x', access, handle: async () => ({ status: 200, headers: {}, body: '' }) },
    params: {},
  };
  if (user) exchange.user = user;
  return exchange;
}

describe('the roles step', () => {
  it('refuses a page for other roles kindly, pointing to the menu, without running it', async () => {
    const next = reached();
    const answer = await roles(arriving(['health', 'designated-nurse'], sam), next);
    expect(answer.status).toBe(403);
    expect(drawn(answer)).toMatchObject({
      template: 'problem.njk',
      heading: 'This page is not for your role',
      body: 'As lead practitioner you do not use this page. The pages you use are in the menu at the top.',
    });
    expect(next.calls).toBe(0);
  });

  it('lets through a page for this role, for anyone signed in, or public', async () => {
    const next = reached();
    await roles(arriving(['health', 'lead-practitioner'], sam), next);
    await roles(arriving('signed-in', sam), next);
    await roles(arriving('public', sam), next);
    await roles(arriving('public'), next);
    expect(next.calls).toBe(4);
  });
});
