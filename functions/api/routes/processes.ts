/**
 * /processes: the catalogue, opening cases, police batches and open clocks (the figures: ./figures.ts).
 *
 *   GET  /processes
 *   POST /processes/{process}/cases
 *   POST /processes/{process}/submissions
 *   GET  /processes/{process}/clocks
 */

import { addCalendarDays, londonDateOf } from '#core/calendar/index';
import { councilForFigures } from '#core/figures/levels';
import { endOfPeriod, periodOf, pseudonymousClocks, stateOfListedClock } from '#core/figures/pseudonymous';
import { effectiveClocks } from '#core/partnership/config';
import { organisationKindOf, readersOf } from '#core/process/access';
import type { ReadableProcess } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { ClockSummary } from '../../store/reads';
import type { ApiContext } from '../context';
import { type ApiRequest, BODY_LIMIT, parseJsonBody, type Route } from '../http';
import { invalid, notPermitted, Problem } from '../problem';
import { json } from '../responses';
import type { Submitter } from '../submit';

/**
 * Roles that see every open clock of a process, by pseudonymous case code;
 * others see their organisation's cases only.
 */
const SEES_EVERY_CLOCK: readonly string[] = ['commissioner', 'partnership-administrator'];

export function processRoutes(ctx: ApiContext, submitter: Submitter): Route[] {
  const { runtime, store } = ctx;

  /** The clocks of the cases `keep` keeps, by each case's organisations (each case read once). */
  async function ofCases(
    clocks: ClockSummary[],
    keep: (record: Pick<CaseRecord, 'organisation' | 'organisations'>) => boolean,
  ): Promise<ClockSummary[]> {
    const kept = new Map<string, boolean>();
    const caseIds = [...new Set(clocks.map((c) => c.caseId))];
    for (let i = 0; i < caseIds.length; i += 25) {
      await Promise.all(
        caseIds.slice(i, i + 25).map(async (caseId) => {
          const record = await store.getCase(caseId);
          kept.set(caseId, !!record && keep(record));
        }),
      );
    }
    return clocks.filter((c) => kept.get(c.caseId));
  }

  /** The process named in the path, or the 404 for one that does not exist. */
  function processOf(request: ApiRequest): ReadableProcess {
    const definition = ctx.processes.byId(request.params.process!);
    if (!definition) throw new Problem(404, 'processNotFound', `There is no process '${request.params.process}'`);
    return definition;
  }

  return [
    {
      method: 'GET',
      path: '/processes',
      summary: 'The processes RightTime runs: their events (and who records them) and their clocks',
      roles: 'any signed-in user',
      handler: async () =>
        json(
          200,
          ctx.processes.processes.map((p) => ({
            id: p.id,
            title: p.title,
            events: p.events.map((e) => ({
              type: e.type,
              title: e.title,
              roles: e.allowedRoles,
              opensCase: e.opensCase ?? false,
            })),
            clocks: effectiveClocks(p.id, p.clocks, runtime.partnership).map((c) => ({
              id: c.id,
              title: c.title,
              kind: c.kind,
              length: c.length,
              source: c.source,
              checkpoints: c.checkpoints.map((cp) => ({
                id: cp.id,
                kind: cp.kind,
                at: cp.at,
                recipients: cp.recipients,
              })),
            })),
          })),
        ),
    },
    {
      method: 'POST',
      path: '/processes/{process}/cases',
      summary: 'Open a case (for IHA: a child entered care)',
      roles: 'by event type',
      async handler(request) {
        const definition = processOf(request);
        // Beside the process's own payload, every opening may carry `aboutChild` (core/schema/about-child.ts).
        const {
          type = definition.events.find((e) => e.opensCase)?.type,
          aboutChild,
          ...payload
        } = parseJsonBody(request.event) as { type?: unknown; aboutChild?: unknown };
        if (typeof type !== 'string')
          throw invalid('invalidEvent', 'The event type must be a string', [
            { path: 'type', message: 'must be a string' },
          ]);
        const { actor, event } = request;
        return submitter.submit(actor, definition, '', type, payload, event.headers, true, aboutChild);
      },
    },
    {
      method: 'POST',
      path: '/processes/{process}/submissions',
      summary:
        'A batch from a partner case system (Operation Encompass: ' +
        'an incident with 1 to 1,000 children), one case per child',
      roles: 'by process',
      async handler(request) {
        const definition = processOf(request);
        if (!definition.submission)
          throw new Problem(404, 'notFound', `${definition.title} takes no batch submissions`);
        return submitter.submitBatch(request.actor, definition, parseJsonBody(request.event, BODY_LIMIT.submission));
      },
    },
    {
      method: 'GET',
      path: '/processes/{process}/clocks',
      summary:
        'Open clocks by pseudonymous case code, with their states and the London day (crisis escalation: ' +
        'the ISO week) they started and fall due (?dueWithinDays=N whole days, or ?overdue=true); ' +
        "commissioners and the partnership administrator see all, others only their organisation's cases",
      roles: 'by process',
      async handler(request) {
        const definition = processOf(request);
        const { actor, query: q } = request;
        // The process is public (GET /processes lists it), so refusing a role names no record: 403.
        if (!readersOf(definition, 'clockReaders').includes(actor.role))
          throw notPermitted(
            `${definition.title} open clocks: not permitted`,
            'Open clocks of this process are not available to your role',
          );
        const withinDays = q.dueWithinDays !== undefined ? Number(q.dueWithinDays) : undefined;
        if (withinDays !== undefined && (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366)) {
          throw invalid('invalidQuery', 'dueWithinDays is not valid', [
            { path: 'dueWithinDays', message: 'must be a whole number from 0 to 366' },
          ]);
        }
        const now = runtime.clock.now();
        // Pseudonymous: no instant finer than the process's dates (the London day, or the ISO week). The
        // window runs to the end of a whole day (or week), so asking again and again says nothing finer.
        const resolution = definition.datesShown ?? 'day';
        const until =
          withinDays !== undefined
            ? endOfPeriod(addCalendarDays(londonDateOf(now), withinDays), resolution).toISOString()
            : q.overdue === 'true'
              ? now.toISOString()
              : undefined;
        const all = await store.openClocks(definition.id, until);
        const counted = effectiveClocks(definition.id, definition.clocks, runtime.partnership);
        const calendars = { workingDays: runtime.workingDays };
        // A council's commissioner sees their own council's cases only (the council figures count them
        // under: core/figures/levels.ts), as their staff read no other council's case; a commissioner of
        // an ICB or provider, and the partnership administrator, see every case.
        const facts = { partnership: runtime.partnership };
        const ofOneCouncil =
          SEES_EVERY_CLOCK.includes(actor.role) &&
          actor.role !== 'partnership-administrator' &&
          organisationKindOf(actor, facts) === 'council';
        const partnershipWide = SEES_EVERY_CLOCK.includes(actor.role) && !ofOneCouncil;
        const clocks = partnershipWide
          ? all
          : ofOneCouncil
            ? await ofCases(all, (record) => councilForFigures(record, facts) === actor.organisation)
            : await ofCases(all, (record) => record.organisations.includes(actor.organisation));
        await ctx.audit(
          actor,
          'read',
          `${definition.title} open clocks (pseudonymous${
            partnershipWide
              ? ''
              : ofOneCouncil
                ? `, the cases of ${actor.organisation}`
                : `, cases of ${actor.organisation}`
          })`,
        );
        return json(200, {
          process: definition.id,
          asOf: periodOf(now, resolution),
          dates: resolution,
          // Each with the one state every page shows (core/clocks/state.ts), its lateness in days or weeks only.
          clocks: pseudonymousClocks(clocks, resolution, (c) => stateOfListedClock(c, counted, now, calendars)),
        });
      },
    },
  ];
}
