import { describe, expect, it } from 'vitest';
import { requestOf, VIEW } from '#test/web/support/exchange';
import { layoutFor, navigation } from './layout';
import type { Page, SignedInUser } from './pages/page';
import { exchangeFor } from './pipeline';
import { SessionState } from './session';

const page = (path: string, access: Page['access'], order?: number, method: Page['method'] = 'GET'): Page => ({
  method,
  path,
  access,
  ...(order ? { nav: { text: path, order } } : {}),
  handle: async () => ({ status: 200, headers: {}, body: '' }),
});
const PAGES = [
  page('/health', ['health'], 30),
  page('/cases', ['health', 'front-door'], 20),
  page('/local', 'signed-in', 90),
  page('/local/clock', 'signed-in', 91, 'POST'),
  page('/accessibility', 'public'),
];
const health = { role: 'health' } as SignedInUser;

describe('the menu', () => {
  it("lists a person's pages in order, the one they are on (or below) marked", () => {
    const menu = navigation(PAGES)(health, '/app/cases/iha-7k3f-9q2m');
    expect(menu.map((m) => [m.href, m.active])).toEqual([
      ['/app/cases', true],
      ['/app/health', false],
      ['/app/local', false],
    ]);
    expect(navigation(PAGES)({ role: 'front-door' } as SignedInUser, '/app/')).toHaveLength(2);
    expect(navigation(PAGES)(undefined, '/app/')).toEqual([]);
  });

  it('gives the layout the form token and the one-off message, taking the message out of the session', () => {
    const exchange = exchangeFor(requestOf({ path: '/app/health' }), VIEW);
    exchange.session = new SessionState({ csrf: 'token-1', flash: 'Recorded' });
    exchange.user = health;
    exchange.path = '/app/health';
    const data = layoutFor(PAGES, true)(exchange);
    expect(data).toMatchObject({ prefix: '/app', csrf: 'token-1', flash: 'Recorded', local: true, user: health });
    expect(exchange.session.data.flash).toBeUndefined();
    expect(layoutFor(PAGES, true)(exchange).flash).toBeUndefined();
  });
});
