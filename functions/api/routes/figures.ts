/**
 * The figures: what figure readers read, each count through one suppression step. A function of its own
 * serves these routes (../figures.ts does the work: the process's figures, the board's measures, the
 * suppression step), so the API's bundle holds only their descriptions here, for its route table and
 * /openapi.json.
 *
 *   GET /processes/{process}/figures   the process's timeliness and its own figures (?council=: one council's)
 *   GET /measures                      every board measure's definition
 *   GET /board/{year}                  the board pack for a year, beside the year before (?council=: one council's)
 */
import type { ApiContext, FigureReports } from '../context';
import type { Route } from '../http';

export function figureRoutes(ctx: ApiContext): Route[] {
  let made: FigureReports | undefined;
  /** The figures' work; a function without it was sent a route that is not its to serve (answered 500). */
  const reports = (): FigureReports => {
    if (!ctx.figures)
      throw new Error('A figures route reached a function that does not serve them (infra/http-api.ts)');
    made ??= ctx.figures(ctx);
    return made;
  };
  return [
    {
      method: 'GET',
      path: '/processes/{process}/figures',
      summary:
        'Timeliness figures and the process’s own figures, as tables of counts; ' +
        'every count through one suppression step (1 to 4 "fewer than 5", ' +
        'another "withheld" where a total would reveal it); ?council= one council’s, suppressed with every ' +
        'council’s and the partnership’s so no council’s small number is the partnership’s minus the others’',
      roles: 'by process',
      handler: (request) => reports().processFigures(request),
    },
    {
      method: 'GET',
      path: '/measures',
      summary:
        'Every board measure’s definition: what it counts, its numerator and denominator, its source and ' +
        'citation, statutory or local, and what no process records yet',
      roles: 'any signed-in user',
      handler: (request) => reports().measures(request),
    },
    {
      method: 'GET',
      path: '/board/{year}',
      summary:
        'The board pack for a calendar year: each measure by month, this year beside last year with the change, ' +
        'breakdowns for the year; figures only, every count through one suppression step; ?council= one ' +
        'council’s, suppressed with every council’s and the partnership’s',
      roles: 'by process',
      handler: (request) => reports().board(request),
    },
  ];
}
