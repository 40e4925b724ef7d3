/**
 * The pages: one handler, `WebRequest` in and `WebResponse` out, made of small steps in order
 * (web/middleware/, one concern each, after the Ministry of Justice's hmpps-template-typescript
 * `server/app.ts`), the pages' route table (web/pages/) and every read and write through the API's own
 * route handlers as the signed-in person (web/api-client.ts).
 *
 * All pages live under one prefix (`/app`), so the JSON API's paths are untouched: `/cases/{id}` is
 * the API, `/app/cases/{id}` the page.
 */
import { contractCatalogue } from '#workflows/contracts';
import type { WebRequest, WebResponse } from './http';
import { layoutFor } from './layout';
import { address } from './middleware/address';
import { assets } from './middleware/assets';
import { csrf } from './middleware/csrf';
import { errors } from './middleware/errors';
import { roles } from './middleware/roles';
import { router } from './middleware/router';
import { runPage } from './middleware/run-page';
import { session } from './middleware/session';
import { signIn } from './middleware/sign-in';
import { basePages } from './pages/base';
import { corePages } from './pages/index';
import type { PageModule, WebDependencies } from './pages/page';
import { exchangeFor, pipeline } from './pipeline';
import { createRenderer } from './render';

/**
 * The pages' handler: the base pages (sign-in, home), the pages of web/pages/index.ts and `modules` (more
 * page modules, e.g. the local machine's), in one route table and one menu.
 */
export function createWeb(deps: WebDependencies, modules: readonly PageModule[] = []) {
  const pages = [basePages, ...corePages, ...modules].flatMap((module) => module(deps));
  const view = { renderer: createRenderer(), layout: layoutFor(pages, deps.local ?? false) };
  const handle = pipeline(
    [
      address, //                   /app → /app/; a trailing slash makes no other page
      assets(), //                  /app/assets/*, before any session
      session(deps.sessions), //    read the cookie (who is signed in); write it back with the answer
      errors, //                    anything thrown after this: the calm 500 page
      router(pages), //             the page, or "Page not found", or 405
      csrf, //                      a form post without its session's token: 403, nothing runs
      signIn, //                    not signed in: to the sign-in page, and back
      roles, //                     a page for other roles: the friendly 403
    ],
    runPage(deps, deps.runtime.catalogue ?? contractCatalogue),
  );
  return (request: WebRequest): Promise<WebResponse> => handle(exchangeFor(request, view));
}

export type WebHandler = ReturnType<typeof createWeb>;
