/**
 * The HTTP API: one route table, built from one module per resource (routes/), dispatched by
 * @middy/http-router. Framework-free at the edges so the same code serves API Gateway (through middy) and
 * the local runtime: `createApi(deps)` answers an API Gateway (HTTP API, v2) event.
 */
import httpRouterHandler from '@middy/http-router';
import type { Actor } from '#core/identity/actor';
import { actorFromClaims } from './claims';
import { type ApiContext, type ApiDependencies, apiContext } from './context';
import { type ApiEvent, decodeParams, type Route } from './http';
import { Problem, type RefusalAudit } from './problem';
import type { Result } from './responses';
import { caseRoutes } from './routes/cases';
import { eventRoutes } from './routes/events';
import { notificationRoutes, tellOpenCases } from './routes/notifications';
import { openApiRoutes } from './routes/openapi';
import { peopleRoutes } from './routes/people';
import { processRoutes } from './routes/processes';
import { createSchoolRoutes } from './routes/schools';
import { createSubmitter } from './submit';

export type { ApiDependencies } from './context';
export { type AuditWriter, auditWriter } from './context';
export type { ApiEvent } from './http';

/** Every route of the API, in one table: `/openapi.json` and the route tests read it. */
export function apiRoutes(ctx: ApiContext): Route[] {
  const submitter = createSubmitter(ctx);
  return [
    ...processRoutes(ctx, submitter),
    ...caseRoutes(ctx, submitter),
    ...eventRoutes(ctx),
    ...notificationRoutes(ctx),
    ...(ctx.schools
      ? createSchoolRoutes({
          store: ctx.schools,
          now: () => ctx.runtime.clock.now(),
          audit: (actor, action, what) => ctx.audit(actor, action, what),
          onSchoolsChanged: tellOpenCases(ctx, submitter),
        })
      : []),
    ...peopleRoutes(ctx),
    ...openApiRoutes(() => apiRoutes(ctx), ctx.processes.processes),
  ];
}

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

export function createApi(deps: ApiDependencies) {
  const ctx = apiContext(deps);
  const route = routerFor(apiRoutes(ctx));
  return async function handle(event: ApiEvent): Promise<Result> {
    const actor = actorFromClaims(event.requestContext.authorizer?.jwt?.claims, deps.machineClients);
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
