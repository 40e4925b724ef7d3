/**
 * The school directory's routes as the API serves them, and the file imports (POST /schools/import,
 * POST /term-calendars/import) as a function of their own serves them: the imports
 * (./school-imports.ts) need the files' readers (csv-parse, ical.js), which would put the API's
 * bundle over its budget, so
 * API Gateway sends those two routes to the imports' function (infra/http-api.ts, ROUTES_ELSEWHERE) and
 * the local runtime does the same (local/platform.ts). An import tells the open notifications of the
 * schools it changed (tellOpenCases), so the imports' function holds the submitter and the contracts too.
 */
import type { ApiContext, ApiDependencies } from './context';
import { apiContext } from './context';
import { type ApiEvent, type Route, servedElsewhere } from './http';
import type { Result } from './responses';
import { serveRoutes } from './router';
import { tellOpenCases } from './routes/notifications';
import type { SchoolDirectory, SchoolImports } from './routes/schools';
import { createSchoolRoutes } from './routes/schools';
import { createSubmitter, type Submitter } from './submit';

/** The school directory's routes (none without a school store), the file imports `ctx.schoolImports`. */
export function schoolRoutes(ctx: ApiContext, submitter: Submitter): Route[] {
  if (!ctx.schools) return [];
  return createSchoolRoutes({
    store: ctx.schools,
    now: () => ctx.runtime.clock.now(),
    audit: (actor, action, what) => ctx.audit(actor, action, what),
    onSchoolsChanged: tellOpenCases(ctx, submitter),
    ...(ctx.schoolImports ? { imports: ctx.schoolImports } : {}),
  });
}

/** The imports' function: the file imports alone (any other route is 404). */
export function createImportsApi(
  deps: ApiDependencies & { schoolImports: (directory: SchoolDirectory) => SchoolImports },
): (event: ApiEvent) => Promise<Result> {
  const ctx = apiContext(deps);
  return serveRoutes(
    ctx,
    schoolRoutes(ctx, createSubmitter(ctx)).filter((route) => servedElsewhere(route) === 'imports'),
  );
}
