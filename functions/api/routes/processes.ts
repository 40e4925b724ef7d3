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
import type { ProcessDefinition } from '#core/process/definition';
import { catalogue, processById } from '#workflows/catalogue';
import type { ApiContext } from '../context';
import { BODY_LIMIT, parseJsonBody, type ApiRequest, type Route } from '../http';
import { json, problem, type Result } from '../responses';
import type { Submitter } from '../submit';

export function processRoutes(ctx: ApiContext, submitter: Submitter): Route[] {
  const { runtime, store } = ctx;

  /** The process named in the path, or the 404 for one that does not exist. */
  function processOf(request: ApiRequest): ProcessDefinition | Result {
    const definition = processById(request.params.process!);
    return definition ?? problem(404, 'processNotFound', `There is no process '${request.params.process}'`);
  }

  return [
    {
      method: 'GET',
      path: '/processes',
      summary: 'The processes RightTime runs: their events (and who records them) and their clocks',
      roles: 'any signed-in user',
      handler: async () =>
        json(200, catalogue.map((p) => ({
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
        const { type = definition.events.find((e) => e.opensCase)?.type, ...payload } = body.value as { type?: string };
        return submitter.submit(request.actor, definition, '', String(type), payload, request.event.headers, true);
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
      summary: 'Open clocks by due time, by pseudonymous case code (?dueWithinDays=N or ?overdue=true)',
      roles: ['commissioner', 'administrator', 'designated-nurse', 'health', 'lead-practitioner', 'front-door'],
      async handler(request) {
        const definition = processOf(request);
        if ('statusCode' in definition) return definition;
        const { actor, query: q } = request;
        if (!['commissioner', 'administrator', 'designated-nurse', 'health', 'lead-practitioner', 'front-door'].includes(actor.role)) return ctx.refuse(actor, 'open clocks: not permitted', 'Not available to your role');
        const withinDays = q.dueWithinDays !== undefined ? Number(q.dueWithinDays) : undefined;
        if (withinDays !== undefined && (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366)) {
          return problem(400, 'invalidQuery', 'dueWithinDays is not valid', [{ path: 'dueWithinDays', message: 'must be a whole number from 0 to 366' }]);
        }
        const now = runtime.clock.now();
        const until = withinDays !== undefined ? new Date(now.getTime() + withinDays * 86_400_000).toISOString() : q.overdue === 'true' ? now.toISOString() : undefined;
        const clocks = await store.openClocks(definition.id, until);
        await ctx.audit(actor, 'read', `${definition.title} open clocks (pseudonymous)`);
        return json(200, { process: definition.id, asOf: now.toISOString(), clocks: clocks.map((c) => ({ ...c, overdue: c.dueAt < now.toISOString() })) });
      },
    },
    {
      method: 'GET',
      path: '/processes/{process}/figures',
      summary: 'Timeliness figures by pseudonymous case code',
      roles: ['commissioner', 'administrator', 'designated-nurse'],
      async handler(request) {
        const definition = processOf(request);
        if ('statusCode' in definition) return definition;
        const { actor } = request;
        if (!['commissioner', 'administrator', 'designated-nurse'].includes(actor.role)) return ctx.refuse(actor, `${definition.title} figures: not permitted`, 'Figures are for commissioners');
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
        return json(200, { process: definition.id, generatedAt: now.toISOString(), cases: cases.length, clocks: byClock, ...(definition.figures ? definition.figures(cases, now) : {}), caseFigures: views });
      },
    },
  ];
}
