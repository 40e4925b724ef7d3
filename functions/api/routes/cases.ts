/**
 * /cases/{caseId}: recording events on a case, and reading it, its timeline and its audit.
 *
 *   POST /cases/{caseId}/events
 *   GET  /cases/{caseId}            (?include=timeline: with its timeline, in one audited read)
 *   GET  /cases/{caseId}/timeline
 *   GET  /cases/{caseId}/related    (this child's other clocks the reader may see, by the child key)
 *   GET  /cases/{caseId}/audit      (?from=&to=&limit=&cursor=: newest first, in pages)
 *   GET  /cases/{caseId}/audit.csv  (?from=&to=: the same selection, whole, as CSV)
 */

import { pausedFor, unitsUsed } from '#core/clocks/engine';
import type { ClockKind, ClockState } from '#core/clocks/model';
import type { Actor } from '#core/identity/actor';
import { mayReadCase, mayReadCaseAudit } from '#core/process/access';
import type { ReadableProcess } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import {
  AUDIT_CSV_MAX,
  auditCsv,
  auditForCsv,
  auditPageOf,
  csvAnswer,
  decodeAuditCursor,
  parseAuditQuery,
  rangeWords,
} from '../audit-query';
import { caseReading, stateOfClock, stepsOfCaseNow, summaryOfCase } from '../clock-states';
import type { ApiContext } from '../context';
import { parseJsonBody, type Route } from '../http';
import { invalid, Problem } from '../problem';
import { json } from '../responses';
import { notApplied, type Submitter } from '../submit';

/** The kinds of clock that count units a pause can stop (core/clocks/engine.ts pauseClock). */
const PAUSABLE_KINDS: readonly ClockKind[] = ['workingDays', 'calendarDays', 'elapsedHours'];

const CASE_ID = /^[a-z]{2,5}-[a-z0-9]{4}-[a-z0-9]{4}$/;

/** A case id as the path names it, or the 400 saying it is none. */
function requireCaseId(caseId: string): string {
  if (!CASE_ID.test(caseId))
    throw invalid('invalidCaseId', 'That is not a case id', [
      { path: 'caseId', message: 'must look like iha-7k3f-9q2m' },
    ]);
  return caseId;
}

/** The answer for a case that does not exist, and, word for word, for one the reader may not see. */
export const caseNotFound = (caseId: string) => new Problem(404, 'caseNotFound', `There is no case ${caseId}`);

export function caseRoutes(ctx: ApiContext, submitter: Submitter): Route[] {
  const { store } = ctx;
  const { processes } = ctx;

  /**
   * The case, if this reader may see it (the read is audited). A case they may not see answers 404 with
   * the same body as one that does not exist, so the answer never tells anyone a case is there; the
   * attempt is audited with its reason.
   */
  async function readableCase(
    actor: Actor,
    caseId: string,
    what: string,
    permitted: (definition: ReadableProcess, record: CaseRecord) => boolean,
  ): Promise<{ record: CaseRecord; definition: ReadableProcess }> {
    const record = await store.getCase(requireCaseId(caseId));
    const definition = record && processes.forCase(record);
    if (!record || !definition) throw caseNotFound(caseId).audited(`${what}: no such case`, caseId);
    if (!permitted(definition, record)) throw caseNotFound(caseId).audited(`${what}: not permitted`, caseId);
    await ctx.audit(actor, 'read', what, caseId);
    return { record, definition };
  }

  /**
   * The rules to validate an event on a case with: the version the case opened under, whose schemas it
   * keeps (a newer version's may differ). While a process has only version 1 that is its newest, with no
   * read; once it has a later version, one read of the case finds its version. A case not found is
   * validated by the newest rules and refused by its execution (404, audited), as before.
   */
  async function rulesOfCase(newest: ReadableProcess, caseId: string): Promise<ReadableProcess> {
    if ((newest.version ?? 1) === 1) return newest;
    let record: CaseRecord | undefined;
    try {
      record = await store.getCase(caseId);
    } catch {
      throw notApplied();
    }
    return (record && processes.forCase(record)) ?? newest;
  }

  const facts = { partnership: ctx.runtime.partnership };
  /** Who may read the case, and who its audit trail: each process's declaration (core/process/access.ts). */
  const reader = (actor: Actor) => (definition: ReadableProcess, record: CaseRecord) =>
    mayReadCase(actor, definition, record, facts);
  const auditReader = (actor: Actor) => (definition: ReadableProcess, record: CaseRecord) =>
    mayReadCaseAudit(actor, definition, record, facts);

  /**
   * For a clock that counts working days, days or hours: the units used so far and, reported apart, the
   * units paused (pauses that ended and one going on now), with each pause, its reason and who agreed.
   */
  function timeSpent(clock: ClockState, now: Date) {
    if (!PAUSABLE_KINDS.includes(clock.kind)) return {};
    const calendars = { workingDays: ctx.runtime.workingDays };
    return {
      unitsUsed: unitsUsed(clock, now, calendars),
      unitsPaused: pausedFor(clock, now, calendars),
      pauses: clock.pauses ?? [],
    };
  }

  function caseView(record: CaseRecord, actor: Actor, definition: ReadableProcess) {
    const reading = caseReading(ctx, definition, record);
    const now = reading.now;
    const summary = summaryOfCase(definition, record, reading);
    const steps = stepsOfCaseNow(definition, record, reading);
    return {
      caseId: record.caseId,
      caseCode: record.caseCode,
      process: record.process,
      // The version of the process the case runs (Supporting Families or Family Help): its forms and words.
      ...(record.definitionVersion ? { definitionVersion: record.definitionVersion } : {}),
      status: record.status,
      stage: record.stage,
      openedAt: record.openedAt,
      ...(record.closedAt ? { closedAt: record.closedAt, closureReason: record.closureReason } : {}),
      details: definition.viewFor ? definition.viewFor(actor, record) : record.details,
      // The equality monitoring fields the council gave at opening (never the child key or person id).
      ...(record.child?.equality ? { aboutChild: record.child.equality } : {}),
      // Whether the council gave the child's person id, so this child's other cases can be found.
      linkedAcrossProcesses: record.child?.key !== undefined,
      clocks: Object.values(record.clocks).map((c) => ({
        id: c.id,
        title: c.title,
        kind: c.kind,
        length: c.length,
        source: c.source,
        status: c.status,
        startedAt: c.startedAt,
        dueAt: c.dueAt,
        stoppedAt: c.stoppedAt ?? null,
        // The one state every page shows: in time, due soon, overdue (with how late), met, met late...
        ...stateOfClock(c, reading),
        checkpointsReached: c.reached,
        history: c.history,
        ...timeSpent(c, now),
      })),
      // What the process says of the case as it stands (e.g. the next meeting at its level, escalations made).
      ...(summary ? { summary } : {}),
      // What is expected next: the process's steps with their states, and the other events that still apply.
      ...(steps ? { steps } : {}),
      upcoming: Object.values(record.timers)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .map((t) => ({ clockId: t.clockId ?? null, checkpoint: t.checkpointId, dueAt: t.dueAt })),
    };
  }

  /** Another case of the same child, as its reader sees it from this one: its process, code, stage and clocks. */
  function relatedView(record: CaseRecord, definition: ReadableProcess) {
    const reading = caseReading(ctx, definition, record);
    return {
      caseId: record.caseId,
      caseCode: record.caseCode,
      process: record.process,
      processTitle: definition.title,
      status: record.status,
      stage: record.stage,
      openedAt: record.openedAt,
      ...(record.closedAt ? { closedAt: record.closedAt } : {}),
      clocks: Object.values(record.clocks).map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        source: c.source,
        dueAt: c.dueAt,
        stoppedAt: c.stoppedAt ?? null,
        ...stateOfClock(c, reading),
      })),
      links: { case: `/cases/${record.caseId}` },
    };
  }

  return [
    {
      method: 'POST',
      path: '/cases/{caseId}/events',
      summary: 'Record an event on a case: {"type": …, …}',
      roles: 'by event type',
      async handler({ actor, event, params }) {
        const caseId = requireCaseId(params.caseId!);
        const { type, ...payload } = parseJsonBody(event) as { type?: unknown };
        if (typeof type !== 'string')
          throw invalid('invalidEvent', 'The event needs a type', [{ path: 'type', message: 'is required' }]);
        // No permission read here: the execution loads the case once, and refuses (and audits) an actor
        // whose organisation is not on it, or a case that does not exist.
        const newest = processes.ofCaseId(caseId);
        if (!newest) throw caseNotFound(caseId);
        const definition = await rulesOfCase(newest, caseId);
        return submitter.submit(actor, definition, caseId, type, payload, event.headers, false);
      },
    },
    {
      method: 'GET',
      path: '/cases/{caseId}',
      summary:
        'A case: its stage, clocks (each with its one state), what the reader may see of its details and ' +
        "the process's summary (e.g. the next meeting at its level), its expected steps (each done, due, " +
        'overdue, not yet or not needed) and the other events that still apply, and with ?include=timeline ' +
        'its timeline too (one audited read)',
      roles: 'by process',
      async handler({ actor, params, query }) {
        // One read of the case and its timeline (the case page shows both) is one audit entry saying so.
        const include = query.include;
        if (include !== undefined && include !== 'timeline')
          throw invalid('invalidQuery', 'include is not valid', [
            { path: 'include', message: "must be 'timeline' or left out" },
          ]);
        const caseId = params.caseId!;
        const what = include ? 'case record and timeline' : 'case record';
        const found = await readableCase(actor, caseId, what, reader(actor));
        const view = caseView(found.record, actor, found.definition);
        return json(200, include ? { ...view, timeline: await store.timeline(caseId) } : view);
      },
    },
    {
      method: 'GET',
      path: '/cases/{caseId}/timeline',
      summary: "A case's timeline (audited)",
      roles: 'by process',
      async handler({ actor, params }) {
        const caseId = params.caseId!;
        const found = await readableCase(actor, caseId, 'case timeline', reader(actor));
        return json(200, { caseId, caseCode: found.record.caseCode, timeline: await store.timeline(caseId) });
      },
    },
    {
      method: 'GET',
      path: '/cases/{caseId}/related',
      summary:
        "This child's other clocks you may see: the other cases of the same child (by the council's child key, " +
        'made of its own person id at opening) that you may read, each with its open and stopped clocks and ' +
        'their states; each read audited. Of a case you may not read, nothing at all is said, not even that it ' +
        'is there',
      roles: 'by process',
      async handler({ actor, params }) {
        const caseId = params.caseId!;
        const found = await readableCase(actor, caseId, "case: this child's other cases", reader(actor));
        const childKey = found.record.child?.key;
        const others = childKey
          ? (await store.caseIdsOfChild(childKey)).filter((id) => id !== found.record.caseId)
          : [];
        const related = [];
        for (const otherId of others) {
          const record = await store.getCase(otherId);
          const definition = record && processes.forCase(record);
          // The same rule as reading the case itself; a case the reader may not read is passed over unsaid.
          if (!record || !definition || !mayReadCase(actor, definition, record, facts)) continue;
          await ctx.audit(actor, 'read', `case record (as another case of the child of ${caseId})`, otherId);
          related.push(relatedView(record, definition));
        }
        return json(200, { caseId, caseCode: found.record.caseCode, related });
      },
    },
    {
      method: 'GET',
      path: '/cases/{caseId}/audit',
      summary:
        'Who read or changed a case, and when, newest first; between two London days (?from=, ?to=, ' +
        'YYYY-MM-DD, both included); in pages (?limit=, up to 200; ?cursor= from the page before)',
      roles: ['partnership-administrator', 'administrator'],
      async handler({ actor, params, query }) {
        const caseId = params.caseId!;
        const wanted = parseAuditQuery(query, true);
        const selection = { of: { caseId }, ...wanted.range };
        // The query is checked before the read, so a bad cursor is refused without an audited read.
        if (wanted.cursor !== undefined) decodeAuditCursor(wanted.cursor, selection);
        await readableCase(actor, caseId, `case audit trail${rangeWords(wanted)}`, auditReader(actor));
        const page = await auditPageOf(store, selection, wanted);
        return json(200, { caseId, from: wanted.fromDay ?? null, to: wanted.toDay ?? null, ...page });
      },
    },
    {
      method: 'GET',
      path: '/cases/{caseId}/audit.csv',
      summary:
        "A case's audit as CSV (text/csv), newest first: the same selection as GET /cases/{caseId}/audit " +
        `(?from=, ?to=), whole, up to ${AUDIT_CSV_MAX} entries (more: 400, choose a shorter range); audited`,
      roles: ['partnership-administrator', 'administrator'],
      async handler({ actor, params, query }) {
        const caseId = params.caseId!;
        const wanted = parseAuditQuery(query, false);
        await readableCase(actor, caseId, `case audit trail${rangeWords(wanted)} as CSV`, auditReader(actor));
        const entries = await auditForCsv(store, { of: { caseId }, ...wanted.range });
        return csvAnswer(auditCsv(entries), `audit-${caseId}${wanted.fromDay ? `-from-${wanted.fromDay}` : ''}`);
      },
    },
  ];
}
