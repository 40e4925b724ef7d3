/**
 * /feeds/{council}/events: a council's feed of clock events, for its own case system (issue 18), so
 * nobody types a deadline into a second system. Each entry is a clock of one of the council's cases
 * starting, restarting, pausing, resuming, falling due soon, breaching, escalating, being met (in time or
 * late), withdrawn, or its due instant moving: written in the same commit as the change
 * (functions/store/feed.ts), with pseudonymous case codes and the council's own person id, never a name.
 *
 * Read oldest first, a page at a time, from a cursor: `since` is the `next` of the page before (or an
 * instant). Only entries settled (older than FEED_SETTLE_MS) are given, so a reader polling from its last
 * cursor never misses an entry and never reads one twice.
 *
 * Who may read: the council's own case system (role `case-system` of that council) and no one else; any
 * other person, role or council gets the same 404 as a council with no feed, and the attempt is audited.
 * Each page read is audited (who, which council, from which cursor), without personal data.
 */
import { FEED_CURSOR, FEED_SETTLE_MS } from '../../store/feed';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { invalid, Problem } from '../problem';
import { json } from '../responses';

/** How many entries a page holds: 100 unless `limit` says otherwise, at most 500. */
export const FEED_PAGE = { default: 100, max: 500 } as const;

/** The answer for a council with no feed, and, word for word, for a feed the reader may not read. */
const feedNotFound = () => new Problem(404, 'feedNotFound', 'There is no feed of that name');

/** Whether the partnership has a council of that id (read when asked: the table is also built to describe it). */
const isCouncil = (ctx: ApiContext, id: string) =>
  ctx.runtime.partnership.organisations.some((o) => o.id === id && o.kind === 'council');

export function feedRoutes(ctx: ApiContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/feeds/{council}/events',
      summary:
        "A council's clock events (started, due soon, breached, met...) for its case system, oldest first: " +
        '`since` (the `next` of the page before, or an instant) and `limit` (1 to 500, default 100); ' +
        'pseudonymous case codes and the council’s own person id, never a name (audited per page)',
      roles: ['case-system'],
      async handler({ actor, params, query }) {
        const council = params.council!;
        if (actor.role !== 'case-system' || actor.organisation !== council || !isCouncil(ctx, council))
          // The council named only when it is one (nothing a request typed goes into the audit as it came).
          throw feedNotFound().audited(
            `feed of clock events of ${isCouncil(ctx, council) ? council : 'no council of the partnership'}: ` +
              'not permitted',
          );
        const issues = [];
        const since = query.since;
        if (since !== undefined && !FEED_CURSOR.test(since))
          issues.push({
            path: 'since',
            message: 'must be the `next` of a page of this feed, or an instant such as 2026-12-01T00:00:00.000Z',
          });
        let limit: number = FEED_PAGE.default;
        if (query.limit !== undefined) {
          limit = Number(query.limit);
          if (!/^\d{1,3}$/.test(query.limit) || limit < 1 || limit > FEED_PAGE.max)
            issues.push({ path: 'limit', message: `must be a whole number from 1 to ${FEED_PAGE.max}` });
        }
        if (issues.length) throw invalid('invalidFeedQuery', 'The feed cannot be read from there', issues);
        // Settled: every commit that took an instant before this one has landed (functions/store/feed.ts).
        const until = new Date(ctx.runtime.clock.now().getTime() - FEED_SETTLE_MS).toISOString();
        const events = await ctx.store.feedPage(council, { ...(since ? { since } : {}), until, limit });
        await ctx.audit(
          actor,
          'read',
          `feed of clock events of ${council} since ${since ?? 'the start'}: ${events.length} entries`,
        );
        return json(200, { events, next: events.at(-1)?.id ?? since ?? null });
      },
    },
  ];
}
