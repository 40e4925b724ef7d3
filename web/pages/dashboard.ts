/**
 * Commissioners' dashboards: one per process, from the API's figures (small numbers already suppressed
 * there, once for the whole answer) and its open clocks by pseudonymous case code, with their London
 * day (or ISO week). Nothing here names a child, and nothing gives an instant finer than the API's.
 *
 *   GET /app/dashboard                           every process's headline figures
 *   GET /app/dashboard/{process}                 open, due soon, breaches (statutory, local),
 *                                                share within timescale by month (chart and table),
 *                                                breach reasons, where the delay sits, case codes
 *   GET /app/dashboard/{process}/figures.csv     the same figures as CSV
 *
 * The process's page and its CSV take `?council=<id>`: one council's figures instead of the partnership's
 * (the API decides who may read which; the page offers the levels its answer names).
 */

import type { FiguresAnswer } from '#core/figures/answer';
import type { Role } from '#core/identity/actor';
import { readersOf } from '#core/process/access';
import { contractCatalogue } from '#workflows/contracts';
import { segment } from '../api-client';
import { dashboardCsv } from '../dashboard/csv';
import { councilQuery, levelView } from '../dashboard/level';
import { dashboardView, type OpenClock } from '../dashboard/view';
import type { WebResponse } from '../http';
import type { PageContext, PageModule, Rendered } from './page';

/** Everyone any process lets read its figures (the API still decides, process by process). */
export const dashboardReaders = (): Role[] => [
  ...new Set(contractCatalogue.processes.flatMap((p) => readersOf(p, 'figureReaders') as Role[])),
];

type Figures = FiguresAnswer;

/**
 * The process the address names and its figures as the API lets this person read
 * them; otherwise the page to show instead.
 */
async function figuresOf(
  ctx: PageContext,
): Promise<
  { definition: NonNullable<ReturnType<PageContext['catalogue']['byId']>>; figures: Figures } | { refused: Rendered }
> {
  const definition = ctx.catalogue.byId(ctx.params.process!);
  if (!definition) return { refused: ctx.notFound() };
  const answer = await ctx.api.get<Figures>(`/processes/${segment(definition.id)}/figures`, councilQuery(ctx.query));
  return answer.status === 200 ? { definition, figures: answer.body } : { refused: ctx.problem(answer) };
}

export const dashboardPages: PageModule = () => {
  const access = dashboardReaders();
  return [
    {
      method: 'GET',
      path: '/dashboard',
      access,
      nav: {
        text: 'Dashboards',
        order: 80,
        description: 'Timeliness of every process: open clocks, breaches and the share within timescale, by case code',
      },
      async handle(ctx) {
        const rows = [];
        for (const process of ctx.catalogue.processes) {
          const answer = await ctx.api.get<Figures>(`/processes/${segment(process.id)}/figures`);
          if (answer.status !== 200) continue;
          const view = dashboardView(process.id, process.title, answer.body.timeliness, answer.body.asOf, []);
          rows.push({ id: process.id, title: process.title, ...view.totals });
        }
        return ctx.render('dashboard/index.njk', { title: 'Dashboards', processes: rows });
      },
    },
    {
      method: 'GET',
      path: '/dashboard/{process}',
      access,
      async handle(ctx) {
        const read = await figuresOf(ctx);
        if ('refused' in read) return read.refused;
        const { definition } = read;
        // Every open clock, each with its one state: the page lists those due soon and those overdue.
        const clocks = await ctx.api.get<{ clocks: OpenClock[] }>(`/processes/${segment(definition.id)}/clocks`);
        if (clocks.status !== 200) return ctx.problem(clocks);
        const view = dashboardView(
          definition.id,
          definition.title,
          read.figures.timeliness,
          read.figures.asOf,
          clocks.body.clocks,
        );
        return ctx.render('dashboard/process.njk', {
          title: `${definition.title}: dashboard`,
          backLink: '/app/dashboard',
          view,
          level: levelView(read.figures),
        });
      },
    },
    {
      method: 'GET',
      path: '/dashboard/{process}/figures.csv',
      access,
      async handle(ctx) {
        const read = await figuresOf(ctx);
        if ('refused' in read) return read.refused;
        const { definition } = read;
        const day = read.figures.asOf;
        const level = levelView(read.figures);
        const council = read.figures.council ? `-${read.figures.council.id}` : '';
        const response: WebResponse = {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${definition.id}-figures${council}-${day}.csv"`,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          },
          body: dashboardCsv(definition.title, read.figures.timeliness, level.name),
        };
        return response;
      },
    },
  ];
};
