/**
 * The board pack for commissioners (and every role that reads some process's figures): the measures a
 * partnership board reads, by month for a year beside the year before, from the API's board (figures only,
 * small numbers suppressed there, once for the whole board). Prints to A4; each figure's definition is one
 * click away (on the page, and on the definitions page).
 *
 *   GET /app/board                    this year's and last year's boards, and the definitions
 *   GET /app/board/{year}             the board: charts with their figures, the same figures in tables
 *   GET /app/board/{year}/board.csv   the same figures as CSV (numbers in the Value column only)
 *   GET /app/measures                 every measure's definition, source and whether it is statutory
 *
 * The board and its CSV take `?council=<id>`: one council's figures instead of the partnership's (the API
 * decides who may read which; the page offers the levels its answer names).
 */

import { londonDateOf } from '#core/calendar/index';
import type { BoardAnswer, MeasureDescription } from '#core/measures/board';
import { segment } from '../api-client';
import { boardCsv } from '../board/csv';
import { BASIS_WORDS, boardView } from '../board/view';
import { councilQuery, levelView } from '../dashboard/level';
import type { WebResponse } from '../http';
import { dashboardReaders } from './dashboard';
import type { PageContext, PageModule } from './page';

async function boardOf(
  ctx: PageContext,
): Promise<{ board: BoardAnswer } | { refused: ReturnType<PageContext['problem']> }> {
  if (!/^\d{4}$/.test(ctx.params.year ?? '')) return { refused: ctx.notFound() };
  const answer = await ctx.api.get<BoardAnswer>(`/board/${segment(ctx.params.year!)}`, councilQuery(ctx.query));
  return answer.status === 200 ? { board: answer.body } : { refused: ctx.problem(answer) };
}

export const boardPages: PageModule = () => {
  const access = dashboardReaders();
  return [
    {
      method: 'GET',
      path: '/board',
      access,
      nav: {
        text: 'Board pack',
        order: 85,
        description: 'The measures the partnership board reads: each month of the year beside last year, to print',
      },
      async handle(ctx) {
        const year = Number(londonDateOf(ctx.now()).slice(0, 4));
        return ctx.render('board/index.njk', { title: 'Board pack', years: [year, year - 1] });
      },
    },
    {
      method: 'GET',
      path: '/board/{year}',
      access,
      async handle(ctx) {
        const read = await boardOf(ctx);
        if ('refused' in read) return read.refused;
        return ctx.render('board/year.njk', {
          title: `Board pack ${read.board.year}`,
          backLink: '/app/board',
          view: boardView(read.board),
          level: levelView(read.board),
        });
      },
    },
    {
      method: 'GET',
      path: '/board/{year}/board.csv',
      access,
      async handle(ctx) {
        const read = await boardOf(ctx);
        if ('refused' in read) return read.refused;
        const { year, asOf } = read.board;
        const council = read.board.council ? `-${read.board.council.id}` : '';
        const response: WebResponse = {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="board-pack-${year}${council}-as-at-${asOf}.csv"`,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          },
          body: boardCsv(read.board, levelView(read.board).name),
        };
        return response;
      },
    },
    {
      method: 'GET',
      path: '/measures',
      access,
      async handle(ctx) {
        const answer = await ctx.api.get<{
          processes: { process: string; title: string; measures: MeasureDescription[] }[];
        }>('/measures');
        if (answer.status !== 200) return ctx.problem(answer);
        return ctx.render('board/measures.njk', {
          title: 'What each board measure counts',
          backLink: '/app/board',
          basisWords: BASIS_WORDS,
          processes: answer.body.processes,
        });
      },
    },
  ];
};
