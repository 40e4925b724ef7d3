import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '#functions/api/app';
import { partnership, workingDaysFor } from '#functions/runtime';
import { drawn, requestOf, VIEW } from '#test/web/support/exchange';
import { contractCatalogue } from '#workflows/contracts';
import type { Page, PageContext, SignedInUser, WebDependencies } from '../pages/page';
import { exchangeFor } from '../pipeline';
import { SessionState, Sessions } from '../session';
import { runPage } from './run-page';

const claims = { sub: 'u-priya', 'cognito:groups': ['health'], 'custom:organisation': 'northvale-health' };
const priya: SignedInUser = {
  claims,
  userId: 'u-priya',
  name: 'Priya Shah',
  role: 'health',
  roleText: 'health practitioner',
  organisation: 'northvale-health',
};
const asked: ApiEvent[] = [];
const deps: WebDependencies = {
  api: async (event) => {
    asked.push(event);
    return {
      statusCode: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'caseNotFound', issues: [] }),
    };
  },
  runtime: {
    partnership,
    workingDays: workingDaysFor(partnership),
    clock: { now: () => new Date('2027-02-01T09:00:00Z') },
  },
  sessions: new Sessions({ key: new Uint8Array(32).fill(1), secure: false }),
  signIn: { kind: 'local', users: [] },
};

/** Runs a page whose handler is `handle`, routed with `params`, for a POST of `body` by `user`. */
async function run(handle: Page['handle'], options: { user?: SignedInUser; body?: string } = {}) {
  const exchange = exchangeFor(
    requestOf({
      method: options.body === undefined ? 'GET' : 'POST',
      path: '/app/cases/iha-7k3f-9q2m',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      ...(options.body === undefined ? {} : { body: options.body }),
    }),
    VIEW,
  );
  exchange.session = new SessionState({ csrf: 'token-1' });
  if (options.user) exchange.user = options.user;
  exchange.route = {
    page: { method: 'GET', path: '/cases/{caseId}', access: 'signed-in', handle },
    params: { caseId: 'iha-7k3f-9q2m' },
  };
  const answer = await runPage(deps, contractCatalogue)(exchange);
  return { answer, exchange };
}

describe('running the page', () => {
  it('gives the page its parameters, form, person, clock and the API as that person', async () => {
    let seen: PageContext | undefined;
    const { answer } = await run(
      async (ctx) => {
        seen = ctx;
        return ctx.problem(await ctx.api.get(`/cases/${ctx.params.caseId}`));
      },
      { user: priya, body: 'csrfToken=token-1&note=hello' },
    );
    expect(seen?.params).toEqual({ caseId: 'iha-7k3f-9q2m' });
    expect(seen?.form.get('note')).toBe('hello');
    expect(seen?.user).toBe(priya);
    expect(seen?.now().toISOString()).toBe('2027-02-01T09:00:00.000Z');
    expect(asked.at(-1)?.rawPath).toBe('/cases/iha-7k3f-9q2m');
    expect(asked.at(-1)?.requestContext.authorizer?.jwt?.claims).toBe(claims);
    // The API's 404 is the page's "Page not found".
    expect(answer.status).toBe(404);
    expect(drawn(answer)).toMatchObject({ template: 'not-found.njk', layout: true });
  });

  it('leaves a one-off message for the next page when it redirects with one', async () => {
    const { answer, exchange } = await run(async (ctx) => ctx.redirect('/app/cases', 'Recorded: the appointment.'));
    expect(answer).toMatchObject({ status: 303, headers: { location: '/app/cases' } });
    expect(exchange.session.data.flash).toBe('Recorded: the appointment.');
  });

  it('replaces or ends the session when the page says so', async () => {
    const signedIn = await run(async (ctx) => {
      ctx.setSession({ csrf: 'token-2', claims });
      return ctx.redirect('/app/');
    });
    expect(signedIn.exchange.session.data).toEqual({ csrf: 'token-2', claims });
    const signedOut = await run(async (ctx) => {
      ctx.setSession(undefined);
      return ctx.redirect('/app/signed-out');
    });
    expect((await signedOut.exchange.session.cookies(deps.sessions))[0]).toMatch(/Max-Age=0/);
  });

  it('draws what the page renders with the layout, at the status it names', async () => {
    const { answer } = await run(async (ctx) => ctx.render('case.njk', { title: 'Case IHA-7K3F' }, 202), {
      user: priya,
    });
    expect(answer.status).toBe(202);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(drawn(answer)).toEqual({ template: 'case.njk', title: 'Case IHA-7K3F', layout: true });
  });

  it('fails loudly if no page was routed', async () => {
    const exchange = exchangeFor(requestOf(), VIEW);
    await expect(runPage(deps, contractCatalogue)(exchange)).rejects.toThrow('No page was routed');
  });
});
