/**
 * /processes: the catalogue, opening cases, police batches, open clocks and figures.
 *
 *   GET  /processes
 *   POST /processes/{process}/cases
 *   POST /processes/{process}/submissions
 *   GET  /processes/{process}/clocks
 *   GET  /processes/{process}/figures
 */
import { effectiveClocks } from '#core/partnership/config';
import { timelinessFigures } from '#core/figures/timeliness';
import type { ReadableProcess } from '#core/process/definition';
import { readersOf } from '#core/process/access';
import type { ClockSummary } from '../../store/reads';
import { contractCatalogue, contracts } from '#workflows/contracts';
import type { ApiContext } from '../context';
import { BODY_LIMIT, parseJsonBody, type ApiRequest, type Route } from '../http';
import { json, problem, type Result } from '../responses';
import type { Submitter } from '../submit';

type WithOrganisations = ClockSummary & { organisations?: readonly string[] };

/** Moved to core/process/access.ts (import them from there); re-exported only so branches in flight still build. */
export { DEFAULT_READERS, readersOf } from '#core/process/access';

/** Roles that see every open clock of a process, by pseudonymous case code; others see their organisation's cases only. */
const SEES_EVERY_CLOCK: readonly string[] = ['commissioner', 'partnership-administrator'];

export function processRoutes(ctx: ApiContext, submitter: Submitter): Route[] {
  const { runtime, store } = ctx;

  /**
   * The clocks of cases an organisation is on. The clock summary does not carry the case's organisations
   * (yet), so each case is read once; a summary that carries them is used as it is.
   */
  async function ofOrganisation(clocks: ClockSummary[], organisation: string): Promise<ClockSummary[]> {
    const organisationsOf = new Map<string, readonly string[]>();
    const unknown = [...new Set(clocks.filter((c) => !(c as WithOrganisations).organisations).map((c) => c.caseId))];
    for (let i = 0; i < unknown.length; i += 25) {
      await Promise.all(unknown.slice(i, i + 25).map(async (caseId) => organisationsOf.set(caseId, (await store.getCase(caseId))?.organisations ?? [])));
    }
    return clocks.filter((c) => ((c as WithOrganisations).organisations ?? organisationsOf.get(c.caseId) ?? []).includes(organisation));
  }

  /** The process named in the path, or the 404 for one that does not exist. */
  function processOf(request: ApiRequest): ReadableProcess | Result {
    const definition = (runtime.catalogue ?? contractCatalogue).byId(request.params.process!);
    return definition ?? problem(404, 'processNotFound', `There is no process '${request.params.process}'`);
  }

  return [
    {
      method: 'GET',
      path: '/processes',
      summary: 'The processes RightTime runs: their events (and who records them) and their clocks',
      roles: 'any signed-in user',
      handler: async () =>
        json(200, contracts.map((p) => ({
          id: p.id,
          title: p.title,
          events: p.events.map((e) => ({ type: e.type, title: e.title, roles: e.allowedRoles, opensCase: e.opensCase ?? false })),
          clocks: effectiveClocks(p.id, p.clocks, runtime.partnership).map((c) => ({ id: c.id, title: c.title, kind: c.kind, length: c.length, source: c.source, checkpoints: c.checkpoints.map((cp) => ({ id: cp.id, kind: cp.kind, at: cp.at, recipients: cp.recipients })) })),
        }))),
    },
    {
      method: 'POST',
      path: '/processes/{process}/cases',
      summary: 'Open a case (for IHA: a child entered care)',
      roles: 'by event type',
      async handler(request) {
        const definition = processOf(request);
        if ('statusCode' in definition) return definition;
        const body = parseJsonBody(request.event);
        if (!body.ok) return body.result;
        const { type = definition.events.find((e) => e.opensCase)?.type, ...payload } = body.value as { type?: unknown };
        if (typeof type !== 'string') return problem(400, 'invalidEvent', 'The event type must be a string', [{ path: 'type', message: 'must be a string' }]);
        return submitter.submit(request.actor, definition, '', type, payload, request.event.headers, true);
      },
    },
    {
      method: 'POST',
      path: '/processes/{process}/submissions',
      summary: 'A batch from a partner case system (Operation Encompass: an incident with 1 to 1,000 children), one case per child',
      roles: 'by process',
      async handler(request) {
        const definition = processOf(request);
        if ('statusCode' in definition) return definition;
        if (!definition.submission) return problem(404, 'notFound', `${definition.title} takes no batch submissions`);
        const body = parseJsonBody(request.event, BODY_LIMIT.submission);
        if (!body.ok) return body.result;
        return submitter.submitBatch(request.actor, definition, body.value);
      },
    },
    {
      method: 'GET',
      path: '/processes/{process}/clocks',
      summary: "Open clocks by due time, by pseudonymous case code (?dueWithinDays=N or ?overdue=true); commissioners and the partnership administrator see all, others only their organisation's cases",
      roles: 'by process',
      async handler(request) {
        const definition = processOf(request);
        if ('statusCode' in definition) return definition;
        const { actor, query: q } = request;
        // The process is public (GET /processes lists it), so refusing a role names no record: 403.
        if (!readersOf(definition, 'clockReaders').includes(actor.role)) return ctx.refuse(actor, `${definition.title} open clocks: not permitted`, 'Open clocks of this process are not available to your role');
        const withinDays = q.dueWithinDays !== undefined ? Number(q.dueWithinDays) : undefined;
        if (withinDays !== undefined && (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366)) {
          return problem(400, 'invalidQuery', 'dueWithinDays is not valid', [{ path: 'dueWithinDays', message: 'must be a whole number from 0 to 366' }]);
        }
        const now = runtime.clock.now();
        const until = withinDays !== undefined ? new Date(now.getTime() + withinDays * 86_400_000).toISOString() : q.overdue === 'true' ? now.toISOString() : undefined;
        const all = await store.openClocks(definition.id, until);
        const partnershipWide = SEES_EVERY_CLOCK.includes(actor.role);
        const clocks = partnershipWide ? all : await ofOrganisation(all, actor.organisation);
        await ctx.audit(actor, 'read', `${definition.title} open clocks (pseudonymous${partnershipWide ? '' : `, cases of ${actor.organisation}`})`);
        return json(200, { process: definition.id, asOf: now.toISOString(), clocks: clocks.map(({ organisations: _organisations, ...c }: WithOrganisations) => ({ ...c, overdue: c.dueAt < now.toISOString() })) });
      },
    },
    {
      method: 'GET',
      path: '/processes/{process}/figures',
      summary: 'Timeliness figures by pseudonymous case code; small numbers suppressed below the partnership',
      roles: 'by process',
      async handler(request) {
        const definition = processOf(request);
        if ('statusCode' in definition) return definition;
        const { actor } = request;
        // As for clocks: refusing a role names no record, so 403.
        if (!readersOf(definition, 'figureReaders').includes(actor.role)) return ctx.refuse(actor, `${definition.title} figures: not permitted`, 'Figures of this process are not available to your role');
        const cases = await store.casesOfProcess(definition.id);
        await ctx.audit(actor, 'read', `${definition.title} figures (pseudonymous)`);
        const byClock: Record<string, Record<string, number>> = {};
        for (const c of cases) {
          for (const clock of Object.values(c.clocks)) {
            const counts = (byClock[clock.definitionId] ??= {});
            counts[clock.status] = (counts[clock.status] ?? 0) + 1;
          }
        }
        const views = cases.map((c) => definition.commissionerView(c));
        const now = runtime.clock.now();
        // Every process's dashboard figures (open, due soon, breaches by source and by who holds the clock, the
        // share within timescale by month, breach reasons), small numbers suppressed below the partnership.
        const timeliness = timelinessFigures(cases, effectiveClocks(definition.id, definition.clocks, runtime.partnership), now);
        // A process's own figures come last, so they may replace the per-case list (e.g. without the school).
        return json(200, { process: definition.id, generatedAt: now.toISOString(), cases: cases.length, clocks: byClock, timeliness, caseFigures: views, ...(definition.figures ? definition.figures(cases, now) : {}) });
      },
    },
  ];
}
