/**
 * From an API Gateway event to a route's answer, for each API Lambda (./app.ts the API's routes,
 * ./imports.ts the file imports'): who is asking (401 without a role and an organisation), the route
 * (@middy/http-router over a route table), and the one error middleware, which turns a Problem thrown
 * anywhere below it into its RFC 9457 answer after auditing the refusal it carries.
 */
import httpRouterHandler from '@middy/http-router';
import type { Actor } from '#core/identity/actor';
import { actorFromClaims } from './claims';
import type { ApiContext } from './context';
import { type ApiEvent, decodeParams, type Route } from './http';
import { Problem, type RefusalAudit } from './problem';
import type { Result } from './responses';

type RoutingEvent = {
  version: '2.0';
  requestContext: { http: { method: string; path: string } };
  pathParameters?: Record<string, string>;
};

/** A dispatcher over a route table: the signed-in actor and the API Gateway event in, the route's answer out. */
export function routerFor(routes: Route[]): (actor: Actor, event: ApiEvent) => Promise<Result> {
  const router = httpRouterHandler({
    // The router's types expect API Gateway events; it is given a routing event carrying ours.
    routes: routes.map((route) => ({
      method: route.method,
      path: route.path,
      handler: ((routing: RoutingEvent & { request: { actor: Actor; event: ApiEvent } }) =>
        dispatch(route, routing)) as never,
    })),
    notFoundResponse: (({ method, path }: { method: string; path: string }) => {
      throw new Problem(404, 'notFound', `No route ${method} ${path}`);
    }) as never,
  }) as unknown as (event: unknown) => Promise<Result>;

  async function dispatch(
    route: Route,
    routing: RoutingEvent & { request: { actor: Actor; event: ApiEvent } },
  ): Promise<Result> {
    const params = decodeParams(routing.pathParameters ?? {});
    const { actor, event } = routing.request;
    return route.handler({ actor, event, params, query: event.queryStringParameters ?? {} });
  }

  return async (actor, event) => {
    const path = event.rawPath.replace(/\/+$/, '') || '/';
    return router({
      version: '2.0',
      requestContext: { http: { method: event.requestContext.http.method.toUpperCase(), path } },
      request: { actor, event },
    });
  };
}

/**
 * The API's one error middleware: a Problem thrown by a route, or by anything it calls, becomes its RFC 9457
 * answer (./problem.ts), and a refusal is first audited with its reason. Any other error passes on: the
 * Lambda answers it 500 (./handler.ts), the local server 500 or, while its store restarts, 503.
 */
export async function answerProblems(
  act: () => Promise<Result>,
  audit: (refusal: RefusalAudit) => Promise<void>,
): Promise<Result> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    for (const refusal of error.audits) await audit(refusal);
    return error.response();
  }
}

/** A route table served: the signed-in actor from the event's claims, then the route (./router.ts). */
export function serveRoutes(ctx: ApiContext, routes: Route[]): (event: ApiEvent) => Promise<Result> {
  const route = routerFor(routes);
  return async function handle(event: ApiEvent): Promise<Result> {
    const actor = actorFromClaims(event.requestContext.authorizer?.jwt?.claims, ctx.machineClients);
    return answerProblems(
      async () => {
        if (!actor)
          throw new Problem(
            401,
            'notSignedIn',
            'Sign in first: the request needs a valid bearer token with a role and an organisation',
          );
        return route(actor, event);
      },
      async ({ what, caseId }) => {
        if (actor) await ctx.audit(actor, 'refused', what, caseId);
      },
    );
  };
}
