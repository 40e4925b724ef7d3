/**
 * The figures' work, which a function of its own does (ROUTES_ELSEWHERE in ./http.ts): a process's
 * timeliness and own figures, the board's measures and the board pack, every count through the one
 * suppression step (core/figures/suppression.ts). The API's bundle holds none of it (its build leaves the
 * processes' measures out: infra/handler-function.ts LEFT_OUT); the pages and the local runtime, which run
 * the API in-process, are given it. The routes are described in ./routes/figures.ts.
 */
import { endOfLondonDay } from '#core/calendar/index';
import { type CouncilChoice, figuresAnswer } from '#core/figures/answer';
import { councilsOfPartnership, councilsReadableBy, NO_COUNCIL } from '#core/figures/levels';
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

  /**
   * The council asked about (`?council=`), checked: 400 for one the partnership does not have, 404 (audited)
   * for one the reader may not read (a council's staff read their own council's figures and the
   * partnership's; core/figures/levels.ts councilsReadableBy).
   */
  function councilChoice(request: ApiRequest, what: string): CouncilChoice {
    const facts = { partnership: runtime.partnership };
    const readable = councilsReadableBy(request.actor, facts);
    const asked = request.query.council;
    if (asked === undefined) return { facts, readable };
    const known = [...councilsOfPartnership(facts).map((c) => c.id), NO_COUNCIL];
    if (!known.includes(asked))
      throw invalid('unknownCouncil', 'There is no such council in the partnership', [
        { path: 'council', message: `must be one of the partnership's councils: ${known.join(', ')}` },
      ]);
    if (!readable.some((c) => c.id === asked))
      throw new Problem(404, 'figuresNotFound', `There are no figures of '${asked}' for you`).audited(
        `${what} of ${asked}: not permitted`,
      );
    return { facts, readable, council: asked };
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
      const choice = councilChoice(request, `${definition.title} figures`);
      const cases = await store.casesOfProcess(definition.id);
      const level = choice.council ? ` of ${choice.council}` : '';
      await ctx.audit(actor, 'read', `${definition.title} figures${level} (pseudonymous)`);
      // Timeliness of every clock and the process's own figures, on one sheet, through one suppression
      // step (core/figures): only a suppressed answer is returned.
      const answer = figuresAnswer(
        definition,
        cases,
        effectiveClocks(definition.id, definition.clocks, runtime.partnership),
        runtime.clock.now(),
        { workingDays: runtime.workingDays },
        choice,
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
      const choice = councilChoice(request, `board ${year}`);
      // Every case that may count in the two years: opened by the end of the year read.
      const until = endOfLondonDay(`${year}-12-31`).toISOString();
      const sources = [];
      for (const p of readable)
        sources.push({ measures: measuresOf(p.id)!, records: await store.casesOfProcessOpenedBy(p.id, until) });
      const level = choice.council ? ` of ${choice.council}` : '';
      const processes = readable.map((p) => p.id).join(', ');
      await ctx.audit(actor, 'read', `board ${year} figures${level} (pseudonymous): ${processes}`);
      return json(200, requireSuppressed(boardAnswer(sources, year, runtime.clock.now(), choice)));
    },
  };
}

/** The figures' function: the figures' routes alone (any other route is 404). */
export function createFiguresApi(deps: ApiDependencies): (event: ApiEvent) => Promise<Result> {
  const ctx = apiContext({ ...deps, figures: figureReports });
  return serveRoutes(ctx, figureRoutes(ctx));
}
