/**
 * The last step: the routed page itself, given its context (web/pages/page.ts PageContext): the request,
 * its path parameters and form, the session, the signed-in person and the API as them, and the ways to
 * answer (render, redirect, the problem pages). What it returns becomes the answer.
 */

import type { Catalogue } from '#core/process/catalogue';
import type { ReadableProcess } from '#core/process/definition';
import { apiAs } from '../api-client';
import { redirect } from '../http';
import type { PageContext, WebDependencies } from '../pages/page';
import type { Endpoint } from '../pipeline';
import { apiProblemPage, notFoundPage } from '../problems';

export function runPage(deps: WebDependencies, catalogue: Catalogue<ReadableProcess>): Endpoint {
  return async (exchange) => {
    const { request, route, session, user } = exchange;
    if (!route) throw new Error('No page was routed');
    const { form, files } = await exchange.posted();
    const ctx: PageContext = {
      request,
      params: route.params,
      query: request.query,
      form,
      files,
      session: session.data,
      // Every page that is not public has a signed-in person (middleware/sign-in.ts); a public page has none.
      user: user!,
      api: user ? apiAs(deps.api, user.claims) : (undefined as never),
      deps,
      catalogue,
      now: () => deps.runtime.clock.now(),
      render: exchange.render,
      redirect(to, flash) {
        if (flash) session.flash(flash);
        return redirect(to);
      },
      problem: (answer) => apiProblemPage(exchange.render, answer),
      notFound: () => notFoundPage(exchange.render),
      setSession: (data) => session.replace(data),
    };
    return exchange.respond(await route.page.handle(ctx));
  };
}
