/**
 * The HTTP API: one route table, built from one module per resource (routes/), dispatched by
 * @middy/http-router (./router.ts). Framework-free at the edges so the same code serves API Gateway
 * (through middy) and the local runtime: `createApi(deps)` answers an API Gateway (HTTP API, v2) event.
 * The school directory's and the term dates' imports, and the figures, are in the table (and
 * /openapi.json), but are served by functions of their own (./imports.ts, ./figures.ts), which hold their
 * work: the files' readers, the board's measures and the suppression step.
 */
import { type ApiContext, type ApiDependencies, apiContext } from './context';
import { type ApiEvent, type Route, servedElsewhere } from './http';
import { schoolRoutes } from './imports';
import type { Result } from './responses';
import { serveRoutes } from './router';
import { caseRoutes } from './routes/cases';
import { eventRoutes } from './routes/events';
import { feedRoutes } from './routes/feeds';
import { figureRoutes } from './routes/figures';
import { notificationRoutes } from './routes/notifications';
import { openApiRoutes } from './routes/openapi';
import { peopleRoutes } from './routes/people';
import { processRoutes } from './routes/processes';
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
    ...feedRoutes(ctx),
    ...notificationRoutes(ctx),
    ...schoolRoutes(ctx, submitter),
    ...peopleRoutes(ctx),
    ...figureRoutes(ctx),
    ...openApiRoutes(() => apiRoutes(ctx), ctx.processes.processes),
  ];
}

/**
 * The API. Without the file imports or the figures' work (the API's own function) it does not route
 * them: API Gateway sends them to their own functions (ROUTES_ELSEWHERE), and /openapi.json still
 * describes them.
 */
export function createApi(deps: ApiDependencies): (event: ApiEvent) => Promise<Result> {
  const ctx = apiContext(deps);
  return serveRoutes(
    ctx,
    apiRoutes(ctx).filter((route) => {
      const elsewhere = servedElsewhere(route);
      return !elsewhere || (elsewhere === 'imports' ? !!ctx.schoolImports : !!ctx.figures);
    }),
  );
}
