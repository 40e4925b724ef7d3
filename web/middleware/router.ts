/**
 * Which page the method and path name, found by the same router as the API's routes (@middy/http-router,
 * as functions/api/app.ts `routerFor` uses it), with the path parameters percent-decoded once by the API's
 * own `decodeParams`. No page at that path: the "Page not found" page; a page there for other methods:
 * 405 with `Allow`. A malformed percent-encoding names no page: "Page not found" too (the API answers it
 * with a 400, which the pages show as "Page not found" as well).
 */
import httpRouterHandler from '@middy/http-router';
import { decodeParams } from '#functions/api/http';
import { Problem } from '#functions/api/problem';
import { type Page, PREFIX } from '../pages/page';
import type { Middleware } from '../pipeline';
import { notFoundPage } from '../problems';

/** The methods pages answer (a form posts to its own page). */
const METHODS: readonly Page['method'][] = ['GET', 'POST'];

export type Routed =
  | { kind: 'page'; page: Page; params: Record<string, string> }
  | { kind: 'notFound' }
  | { kind: 'notAllowed'; allow: Page['method'][] };

/** The routing event middy reads (API Gateway payload v2's method and path), and the page its route found. */
interface RoutingEvent {
  version: '2.0';
  requestContext: { http: { method: string; path: string } };
  pathParameters?: Record<string, string>;
}
type Found = { page: Page; raw: Record<string, string> } | undefined;

/** `/cases/{caseId}` under the prefix (the home page `/` is the prefix itself: middy adds the slash). */
const fullPath = (page: Page) => (page.path === '/' ? PREFIX : `${PREFIX}${page.path}`);

/** The page for a method and path (under the prefix, without a trailing slash but the home page's). */
export function pageRouter(pages: readonly Page[]): (method: string, path: string) => Routed {
  const seen = new Set<string>();
  for (const page of pages) {
    const key = `${page.method} ${fullPath(page)}`;
    if (seen.has(key)) throw new Error(`Two pages answer ${key}`);
    seen.add(key);
  }
  const route = httpRouterHandler({
    // The router's types expect API Gateway events and Lambda handlers; it is given a routing event and
    // handlers that only say which page matched (the page runs later, after the checks).
    routes: pages.map((page) => ({
      method: page.method,
      path: fullPath(page),
      handler: ((event: RoutingEvent): Found => ({ page, raw: event.pathParameters ?? {} })) as never,
    })),
    notFoundResponse: (() => undefined) as never,
  }) as unknown as (event: RoutingEvent) => Found;
  const at = (method: string, path: string) => route({ version: '2.0', requestContext: { http: { method, path } } });

  return (method, path) => {
    const found = at(method, path);
    if (found) {
      try {
        return { kind: 'page', page: found.page, params: decodeParams(found.raw) };
      } catch (error) {
        // A malformed parameter (the API's 400) is no page.
        if (error instanceof Problem) return { kind: 'notFound' };
        throw error;
      }
    }
    const allow = METHODS.filter((other) => other !== method && at(other, path));
    return allow.length ? { kind: 'notAllowed', allow } : { kind: 'notFound' };
  };
}

export function router(pages: readonly Page[]): Middleware {
  const find = pageRouter(pages);
  return async (exchange, next) => {
    const routed = find(exchange.request.method, exchange.path);
    if (routed.kind === 'notFound') return exchange.respond(notFoundPage(exchange.render));
    if (routed.kind === 'notAllowed')
      return {
        status: 405,
        headers: { allow: routed.allow.join(', '), 'content-type': 'text/plain; charset=utf-8' },
        body: 'Method not allowed',
      };
    exchange.route = { page: routed.page, params: routed.params };
    return next();
  };
}
