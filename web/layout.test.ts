import { describe, expect, it } from 'vitest';
import { requestOf, VIEW } from '#test/web/support/exchange';
import { layoutFor, navigation } from './layout';
import type { Page, SignedInUser } from './pages/page';
import { exchangeFor } from './pipeline';
import { createRenderer } from './render';
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

  it('gives a person one entry for each thing a page offers them (the processes they may start), none if nothing', () => {
    const start: Page = {
      ...page('/start', ['front-door', 'health'], 10),
      nav: {
        text: 'Start',
        order: 10,
        entriesFor: (user) =>
          user.role === 'front-door'
            ? [
                { path: '/start/a', text: 'Child entering care' },
                { path: '/start/b', text: 'Request family support' },
              ]
            : [],
      },
    };
    const menu = navigation([start, ...PAGES])({ role: 'front-door' } as SignedInUser, '/app/start/b');
    expect(menu.map((m) => [m.href, m.text, m.active])).toEqual([
      ['/app/start/a', 'Child entering care', false],
      ['/app/start/b', 'Request family support', true],
      ['/app/cases', '/cases', false],
      ['/app/local', '/local', false],
    ]);
    expect(navigation([start])(health, '/app/')).toEqual([]);
  });

  it("offers the local runtime's page only to those whose menu has it, and the phase banner its feedback mailbox", () => {
    const exchange = exchangeFor(requestOf({ path: '/app/' }), VIEW);
    exchange.session = new SessionState({ csrf: 'token-1' });
    exchange.user = health;
    exchange.path = '/app/';
    const local = [page('/local', ['partnership-administrator'], 90)];
    expect(layoutFor(local, true, 'feedback@example.org')(exchange)).toMatchObject({
      localAdministrator: false,
      feedback: 'feedback@example.org',
      serviceName: 'RightTime',
    });
    exchange.user = { role: 'partnership-administrator' } as SignedInUser;
    expect(layoutFor(local, true)(exchange)).toMatchObject({ localAdministrator: true });
    expect(layoutFor(local, false)(exchange)).toMatchObject({ localAdministrator: false });
  });

  it('names the service once in every title, and shows a phase banner with the feedback link', () => {
    const renderer = createRenderer();
    const page = (title: string) =>
      renderer.render('accessibility.njk', {
        prefix: '/app',
        serviceName: 'RightTime',
        title,
        nav: [],
        feedback: 'feedback@example.org',
      });
    expect(page('RightTime')).toContain('<title>RightTime</title>');
    expect(page('Your cases')).toContain('<title>Your cases – RightTime</title>');
    expect(page('Your cases')).toMatch(
      /govuk-phase-banner[\s\S]*Beta[\s\S]*href="mailto:feedback@example.org\?subject=/,
    );
  });
});
