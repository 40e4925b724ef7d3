/**
 * The board pack: the measures a partnership board reads, for a year beside the year before.
 *
 *   GET /measures        every measure's definition (the catalogue in words, no figure)
 *   GET /board/{year}    every measure of each process the reader may read the figures of, month by month,
 *                        this year beside last year with the change; figures only, pseudonymous, every
 *                        count through the one suppression step (core/measures/board.ts)
 */
import { endOfLondonDay } from '#core/calendar/index';
import { requireSuppressed } from '#core/figures/suppression';
import { boardAnswer, describeCatalogue } from '#core/measures/board';
import { readersOf } from '#core/process/access';
import { measuresCatalogue, measuresOf } from '#workflows/measures';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { invalid, notPermitted } from '../problem';
import { json } from '../responses';

/** The years a board may be asked for. */
export const BOARD_YEARS = { from: 2000, to: 2099 } as const;

export function boardRoutes(ctx: ApiContext): Route[] {
  const { runtime, store } = ctx;
  return [
    {
      method: 'GET',
      path: '/measures',
      summary:
        'Every board measure’s definition: what it counts, its numerator and denominator, its source and ' +
        'citation, statutory or local, and what no process records yet',
      roles: 'any signed-in user',
      handler: async () => json(200, { processes: describeCatalogue(measuresCatalogue) }),
    },
    {
      method: 'GET',
      path: '/board/{year}',
      summary:
        'The board pack for a calendar year: each measure by month, this year beside last year with the change, ' +
        'breakdowns for the year; figures only, every count through one suppression step',
      roles: 'by process',
      async handler(request) {
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
    },
  ];
}
