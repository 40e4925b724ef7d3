/**
 * The signed-in person, their own cases, their worklist, and the audit by person.
 *
 *   GET /me
 *   GET /my/cases
 *   GET /my/clocks?limit=&cursor=&q=&process=&state=&clock=&provider=&lead=&sort=
 *                  the open clocks of every case the person may read, due soonest first (or newest cases
 *                  first), narrowed by a search and filters (functions/api/worklist-query.ts)
 *   GET /audit?actor=&from=&to=&limit=&cursor=
 *                  a person's actions, newest first, in pages: the partnership administrator; an
 *                  organisation's administrator for their own people
 *   GET /audit.csv?actor=&from=&to=   the same selection, whole, as CSV
 */
import { isOpen } from '#core/clocks/model';
import type { Actor } from '#core/identity/actor';
import { isPartnershipAdministrator } from '#core/identity/actor';
import { mayReadCase, mayReadCaseOn } from '#core/process/access';
import type { ReadableProcess } from '#core/process/definition';
import type { AuditEntry, CaseRecord } from '#core/process/model';
import type { ClockSummary } from '../../store/reads';
import {
  AUDIT_CSV_MAX,
  auditCsv,
  auditForCsv,
  auditPageOf,
  csvAnswer,
  parseAuditQuery,
  rangeWords,
} from '../audit-query';
import { emailOf } from '../claims';
import { calendarsOfCase, stateOfClock } from '../clock-states';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { invalid, Problem } from '../problem';
import { json } from '../responses';
import { caseMatches, parseWorklistQuery, type WorklistQuery } from '../worklist-query';

/** A worklist page: 50 clocks unless asked for fewer or more (up to 200). */
export const WORKLIST_PAGE = { default: 50, max: 200 };

/** Where a worklist page starts: the open-clocks index's sort key of the last clock of the page before. */
const WORKLIST_POSITION =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[a-z]{2,5}-[a-z0-9]{4}-[a-z0-9]{4}#[a-z0-9-]{1,80}$/;

const positionOf = (c: Pick<ClockSummary, 'dueAt' | 'caseId' | 'clockId'>) => `${c.dueAt}#${c.caseId}#${c.clockId}`;
const encodeCursor = (position: string) => Buffer.from(position, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string | undefined {
  const position = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  return WORKLIST_POSITION.test(position) ? position : undefined;
}

/** What a reading of a person's audit is recorded as: whose, and within which organisation. */
const auditWords = (actor: Actor, userId: string) =>
  isPartnershipAdministrator(actor)
    ? `audit trail of ${userId}`
    : `audit trail of ${userId} within ${actor.organisation}`;

/**
 * Whose audit a query asks for, and what of it this reader may see. A role that may never read the audit
 * gets the answer the API gives for a route that does not exist: the query names a person, and the answer
 * tells nobody whose audit trail is there.
 */
function auditByActor(actor: Actor, query: Record<string, string | undefined>, paged: boolean) {
  if (!isPartnershipAdministrator(actor) && actor.role !== 'administrator')
    throw new Problem(404, 'notFound', `No route GET /audit${paged ? '' : '.csv'}`).audited(
      'audit by actor: not permitted',
    );
  const userId = query.actor;
  if (!userId) throw invalid('invalidQuery', 'Say whose actions to list', [{ path: 'actor', message: 'is required' }]);
  const wanted = parseAuditQuery(query, paged);
  // An organisation's administrator sees what their own organisation's people did, nothing else.
  const keep = isPartnershipAdministrator(actor)
    ? undefined
    : (entry: AuditEntry) => entry.actor.organisation === actor.organisation;
  return { userId, selection: { of: { actor: userId }, ...wanted.range }, wanted, keep };
}

export function peopleRoutes(ctx: ApiContext): Route[] {
  const { store } = ctx;
  const catalogue = ctx.processes;
  const facts = { partnership: ctx.runtime.partnership };

  /** A case's clock as a person who may read the case sees it: exact instants and its one state. */
  function clockOfCase(definition: ReadableProcess, record: CaseRecord, clockId: string, now: Date) {
    const k = record.clocks[clockId]!;
    return {
      clockId: k.id,
      definitionId: k.definitionId,
      title: k.title,
      kind: k.kind,
      status: k.status,
      source: k.source,
      startedAt: k.startedAt,
      dueAt: k.dueAt,
      ...stateOfClock(k, { now, calendars: calendarsOfCase(ctx, definition, record) }),
    };
  }

  type Found = { position: string; record: CaseRecord; definition: ReadableProcess; clockId: string };

  /** The case's details as this reader may see them (what GET /cases/{caseId} would answer them). */
  const viewOf = (actor: Actor, definition: ReadableProcess, record: CaseRecord) =>
    definition.viewFor ? definition.viewFor(actor, record) : record.details;

  /** Does this clock of a case the person may read match the worklist's search and filters? */
  function keeps(actor: Actor, wanted: WorklistQuery, definition: ReadableProcess, record: CaseRecord, id: string) {
    const clock = record.clocks[id]!;
    if (wanted.clocks && !wanted.clocks.includes(clock.definitionId)) return false;
    if (wanted.provider && !record.organisations.includes(wanted.provider) && record.organisation !== wanted.provider)
      return false;
    if (wanted.lead && record.leadPractitionerEmail?.toLowerCase() !== wanted.lead) return false;
    if (wanted.state) {
      const now = ctx.runtime.clock.now();
      if (stateOfClock(clock, { now, calendars: calendarsOfCase(ctx, definition, record) }).state !== wanted.state)
        return false;
    }
    return !wanted.q || caseMatches(wanted.q, record, viewOf(actor, definition, record));
  }

  /**
   * The open clocks of the cases this person may read (core/process/access.ts mayReadCase) that match the
   * search and filters, from the open-clocks index of each process whose readers include their role, after
   * `after` (an index sort key), in due order, `limit` of them at most and whether more follow. Each
   * process's clocks are read in due order and each case once, until `limit` readable ones are found or
   * the process has no more; the first `limit` of them all are then the page.
   */
  async function worklist(actor: Actor, after: string, limit: number, wanted: WorklistQuery) {
    // Each process once, with its versions (the catalogue lists each), if the person's role reads any of its cases.
    const versions = new Map<string, ReadableProcess[]>();
    for (const p of catalogue.processes)
      if (
        (!wanted.process || p.id === wanted.process) &&
        p.access.read.some((rule) => (rule.roles as readonly string[]).includes(actor.role))
      )
        versions.set(p.id, [...(versions.get(p.id) ?? []), p]);
    const cases = new Map<string, CaseRecord | undefined>();
    const found: Found[] = [];
    let more = false;
    const batchSize = Math.min(limit + 1, 201);
    for (const [process, definitions] of versions) {
      let from = after;
      let readable = 0;
      for (;;) {
        // The index's range includes `from` itself: the clock there was on the page before. Cases the
        // person's organisation could not read by the index's own organisations are not read at all.
        const read = await store.openClocksFrom(process, from, batchSize);
        const batch = read.filter(
          (c) =>
            positionOf(c) > from &&
            (!c.organisations || definitions.some((d) => mayReadCaseOn(actor, d, c.organisations))),
        );
        const unread = [...new Set(batch.map((c) => c.caseId))].filter((id) => !cases.has(id));
        for (let i = 0; i < unread.length; i += 25)
          await Promise.all(unread.slice(i, i + 25).map(async (id) => cases.set(id, await store.getCase(id))));
        for (const c of batch) {
          const record = cases.get(c.caseId);
          const definition = record && catalogue.forCase(record);
          const clock = record?.clocks[c.clockId];
          if (!record || !definition || !clock || !isOpen(clock) || !mayReadCase(actor, definition, record, facts))
            continue;
          if (!keeps(actor, wanted, definition, record, c.clockId)) continue;
          found.push({ position: positionOf(c), record, definition, clockId: c.clockId });
          if (++readable > limit) break;
        }
        if (readable > limit) more = true;
        if (readable > limit || read.length < batchSize) break;
        from = positionOf(read.at(-1)!);
      }
    }
    found.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    return { page: found.slice(0, limit), more: more || found.length > limit };
  }

  /**
   * Newest cases first: every matching open clock is read (the index is in due order, not by opening),
   * ordered by when its case opened, newest first, then by due; the page is the `limit` after `after`
   * (this order's position of the last clock of the page before).
   */
  async function newestFirst(actor: Actor, after: string, limit: number, wanted: WorklistQuery) {
    const { page: all } = await worklist(actor, '', Number.POSITIVE_INFINITY, wanted);
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const caseKey = (f: Found) => `${f.record.openedAt}#${f.record.caseId}`;
    const ordered = all
      .sort((x, y) => cmp(caseKey(y), caseKey(x)) || cmp(x.position, y.position))
      .map((f) => ({ ...f, position: `${caseKey(f)}#${f.clockId}` }));
    // After the clock the page before ended with; if it has since stopped, after its case.
    let start = after ? ordered.findIndex((f) => f.position === after) + 1 : 0;
    if (after && start === 0) {
      const afterCase = after.slice(0, after.lastIndexOf('#'));
      start = ordered.findIndex((f) => cmp(caseKey(f), afterCase) < 0);
      if (start < 0) start = ordered.length;
    }
    const rest = ordered.slice(start);
    return { page: rest.slice(0, limit), more: rest.length > limit };
  }

  return [
    {
      method: 'GET',
      path: '/me',
      summary: 'Who you are signed in as',
      roles: 'any signed-in user',
      handler: async ({ actor }) =>
        json(200, { userId: actor.userId, name: actor.name, role: actor.role, organisation: actor.organisation }),
    },
    {
      method: 'GET',
      path: '/my/cases',
      summary: 'The cases you lead',
      roles: 'any signed-in user',
      async handler({ actor, event }) {
        const email = emailOf(event.requestContext.authorizer?.jwt?.claims);
        if (!email) return json(200, { cases: [] });
        // Only cases the person may read (core/process/access.ts): an address named as lead on a case they
        // may not read (another organisation's, or one handed over) lists nothing of it.
        const cases = (await store.casesOfLead(email)).flatMap((c) => {
          const definition = catalogue.forCase(c);
          return definition && mayReadCase(actor, definition, c, facts) ? [{ record: c, definition }] : [];
        });
        await ctx.audit(actor, 'read', 'my cases list');
        const now = ctx.runtime.clock.now();
        // Each case with its open clocks and their one state: the lead sees what is due without opening every case.
        return json(200, {
          cases: cases.map(({ record: c, definition }) => ({
            caseId: c.caseId,
            caseCode: c.caseCode,
            process: c.process,
            stage: c.stage,
            status: c.status,
            clocks: Object.values(c.clocks)
              .filter(isOpen)
              .map((k) => clockOfCase(definition, c, k.id, now)),
          })),
        });
      },
    },
    {
      method: 'GET',
      path: '/my/clocks',
      summary:
        'Your worklist: the open clocks of every case you may read, due soonest first, each with its exact ' +
        'due instant and its one state (in time, due soon, overdue and how late, paused); in pages ' +
        '(?limit=, up to 200; ?cursor= from the page before); narrowed by a search over what you may read ' +
        "(?q=: a case code, a reference, a child's name or date of birth) and filters (?process=, ?state=, " +
        '?clock=, ?provider=, ?lead=); ?sort=newest for the newest cases first; audited once a page',
      roles: 'any signed-in user',
      async handler({ actor, query }) {
        const limit = query.limit === undefined ? WORKLIST_PAGE.default : Number(query.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > WORKLIST_PAGE.max)
          throw invalid('invalidQuery', 'limit is not valid', [
            { path: 'limit', message: `must be a whole number from 1 to ${WORKLIST_PAGE.max}` },
          ]);
        const after = query.cursor === undefined ? '' : decodeCursor(query.cursor);
        if (after === undefined)
          throw invalid('invalidQuery', 'cursor is not valid', [
            { path: 'cursor', message: 'must be the cursor a page of this list gave, as it gave it' },
          ]);
        const parsed = parseWorklistQuery(query, [...new Set(catalogue.processes.map((p) => p.id))]);
        if ('issues' in parsed)
          throw invalid('invalidQuery', `${parsed.issues.map((i) => i.path).join(', ')} not valid`, parsed.issues);
        const wanted = parsed.query;
        const { page, more } =
          wanted.sort === 'newest'
            ? await newestFirst(actor, after, limit, wanted)
            : await worklist(actor, after, limit, wanted);
        await ctx.audit(actor, 'read', `my worklist: ${page.length} open clocks of cases I may read`);
        const now = ctx.runtime.clock.now();
        return json(200, {
          clocks: page.map(({ record, definition, clockId }) => ({
            caseId: record.caseId,
            caseCode: record.caseCode,
            process: record.process,
            // The version of the process the case runs (Supporting Families 1, Family Help 2): its name.
            definitionVersion: record.definitionVersion ?? 1,
            stage: record.stage,
            leadPractitionerEmail: record.leadPractitionerEmail ?? null,
            ...clockOfCase(definition, record, clockId, now),
            links: { case: `/cases/${record.caseId}` },
          })),
          next: more && page.length ? encodeCursor(page.at(-1)!.position) : null,
        });
      },
    },
    {
      method: 'GET',
      path: '/audit',
      summary:
        "A person's actions, newest first: what they read or changed, when (?actor=userId); between two London " +
        'days (?from=, ?to=, YYYY-MM-DD, both included); in pages (?limit=, up to 200; ?cursor= from the page ' +
        "before); an organisation's administrator sees only their own organisation's people; audited once a page",
      roles: ['partnership-administrator', 'administrator'],
      async handler({ actor, query }) {
        const { userId, selection, wanted, keep } = auditByActor(actor, query, true);
        const page = await auditPageOf(store, selection, wanted, keep);
        await ctx.audit(actor, 'read', `${auditWords(actor, userId)}${rangeWords(wanted)}`);
        return json(200, {
          actor: userId,
          from: wanted.fromDay ?? null,
          to: wanted.toDay ?? null,
          ...page,
        });
      },
    },
    {
      method: 'GET',
      path: '/audit.csv',
      summary:
        "A person's actions as CSV (text/csv), newest first: the same selection as GET /audit (?actor=, ?from=, " +
        `?to=), whole, up to ${AUDIT_CSV_MAX} entries (more: 400, choose a shorter range); the download is audited`,
      roles: ['partnership-administrator', 'administrator'],
      async handler({ actor, query }) {
        const { userId, selection, wanted, keep } = auditByActor(actor, query, false);
        const entries = await auditForCsv(store, selection, keep);
        await ctx.audit(actor, 'read', `${auditWords(actor, userId)}${rangeWords(wanted)} as CSV`);
        return csvAnswer(auditCsv(entries), `audit-${userId}${wanted.fromDay ? `-from-${wanted.fromDay}` : ''}`);
      },
    },
  ];
}
