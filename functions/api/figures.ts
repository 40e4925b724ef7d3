/**
 * The figures' work, which a function of its own does (ROUTES_ELSEWHERE in ./http.ts): a process's
 * timeliness and own figures, the board's measures and the board pack, every count through the one
 * suppression step (core/figures/suppression.ts). The API's bundle holds none of it (its build leaves the
 * processes' measures out: infra/handler-function.ts LEFT_OUT); the pages and the local runtime, which run
 * the API in-process, are given it. The routes are described in ./routes/figures.ts.
 */
import { endOfLondonDay } from '#core/calendar/index';
import { figuresAnswer } from '#core/figures/answer';
import { requireSuppressed } from '#core/figures/suppression';
import { boardAnswer, describeCatalogue } from '#core/measures/board';
import { effectiveClocks } from '#core/partnership/config';
import { readersOf } from '#core/process/access';
import type { ReadableProcess } from '#core/process/definition';
import { measuresCatalogue, measuresOf } from '#workflows/measures';
import { type ApiContext, type ApiDependencies, apiContext, type FigureReports } from './context';
import type { ApiEvent, ApiRequest } from './http';
import { invalid, notPermitted, Problem } from './problem';
import { json, type Result } from './responses';
import { serveRoutes } from './router';
import { figureRoutes } from './routes/figures';

/** The years a board may be asked for. */
export const BOARD_YEARS = { from: 2000, to: 2099 } as const;

export function figureReports(ctx: ApiContext): FigureReports {
  const { runtime, store } = ctx;

  /** The process named in the path, or the 404 for one that does not exist. */
  function processOf(request: ApiRequest): ReadableProcess {
    const definition = ctx.processes.byId(request.params.process!);
    if (!definition) throw new Problem(404, 'processNotFound', `There is no process '${request.params.process}'`);
    return definition;
  }

  return {
    async processFigures(request) {
      const definition = processOf(request);
      const { actor } = request;
      // The process is public (GET /processes), so refusing a role names no record: 403.
      if (!readersOf(definition, 'figureReaders').includes(actor.role))
        throw notPermitted(
          `${definition.title} figures: not permitted`,
          'Figures of this process are not available to your role',
        );
      const cases = await store.casesOfProcess(definition.id);
      await ctx.audit(actor, 'read', `${definition.title} figures (pseudonymous)`);
      // Timeliness of every clock and the process's own figures, on one sheet, through one suppression
      // step (core/figures): only a suppressed answer is returned.
      const answer = figuresAnswer(
        definition,
        cases,
        effectiveClocks(definition.id, definition.clocks, runtime.partnership),
        runtime.clock.now(),
        { workingDays: runtime.workingDays },
      );
      return json(200, requireSuppressed(answer));
    },

    async measures() {
      return json(200, { processes: describeCatalogue(measuresCatalogue) });
    },

    async board(request) {
      const { actor, params } = request;
      const year = Number(params.year);
      if (!/^\d{4}$/.test(params.year ?? '') || year < BOARD_YEARS.from || year > BOARD_YEARS.to)
        throw invalid('invalidYear', 'The year is not one a board can be made for', [
          { path: 'year', message: `must be a year from ${BOARD_YEARS.from} to ${BOARD_YEARS.to}` },
        ]);
      // In the measures catalogue's order: the board reads family support first, as the board pack does.
      const order = (id: string) => measuresCatalogue.findIndex((m) => m.process === id);
      const readable = ctx.processes.processes
        .filter((p) => readersOf(p, 'figureReaders').includes(actor.role) && measuresOf(p.id))
        .sort((a, b) => order(a.id) - order(b.id));
      // Whether a role reads any figures is public (GET /processes): refusing names no record, so 403.
      if (!readable.length)
        throw notPermitted(`board ${year}: not permitted`, 'The board’s figures are not available to your role');
      // Every case that may count in the two years: opened by the end of the year read.
      const until = endOfLondonDay(`${year}-12-31`).toISOString();
      const sources = [];
      for (const p of readable)
        sources.push({ measures: measuresOf(p.id)!, records: await store.casesOfProcessOpenedBy(p.id, until) });
      await ctx.audit(actor, 'read', `board ${year} figures (pseudonymous): ${readable.map((p) => p.id).join(', ')}`);
      return json(200, requireSuppressed(boardAnswer(sources, year, runtime.clock.now())));
    },
  };
}

/** The figures' function: the figures' routes alone (any other route is 404). */
export function createFiguresApi(deps: ApiDependencies): (event: ApiEvent) => Promise<Result> {
  const ctx = apiContext({ ...deps, figures: figureReports });
  return serveRoutes(ctx, figureRoutes(ctx));
}
