/**
 * Front door and practitioners: start a process, "your cases" with their clocks, a case with its
 * timeline and clocks, and forms to record what happened. Every process in the catalogue gets these
 * pages from its definition (its events' schemas, titles and roles, its clocks); none has page code.
 *
 *   GET       /app/start                          processes this person may open a case of
 *   GET, POST /app/start/{process}                the opening form
 *   GET       /app/cases                          your cases, due soonest first
 *   GET       /app/cases/{caseId}                 a case: details, clocks, timeline, what you can record
 *   GET, POST /app/cases/{caseId}/record/{type}   record an event
 */
import type { Actor, Role } from '#core/identity/actor';
import { type AccessFacts, mayOpen, readersOf } from '#core/process/access';
import type { EventSpec, ReadableProcess } from '#core/process/definition';
import { contractCatalogue } from '#workflows/contracts';
import { type CaseAnswer, segment } from '../api-client';
import type { PageContext, PageModule, SignedInUser } from '../app';
import { eventFormPage } from '../forms/event-form';
import { longDateTime } from '../render';
import { type ClockView, clockView, detailRows, listedClockView } from '../views';

const PREFIX = '/app';

/** Events the API sends itself (not typed by people), kept off the forms. */
const SENT_BY_THE_SYSTEM = new Set(['schoolDetailsChanged']);

/** Roles with a case list (cases they lead, or their organisation's open clocks). */
export const CASE_LIST_ROLES: readonly Role[] = [
  'front-door',
  'lead-practitioner',
  'team-leader',
  'service-manager',
  'health',
  'designated-nurse',
  'administrator',
  'crisis-chair',
];

/**
 * The opening event of a process, if this person may send it: their role, and their organisation's
 * kind (core/process/access.ts, as the API decides; the fields that must name their own organisation
 * are the API's to check when the form is sent).
 */
export function openingFor(
  definition: ReadableProcess,
  user: Pick<SignedInUser, 'userId' | 'name' | 'role' | 'organisation' | 'schoolUrn'>,
  partnership: AccessFacts['partnership'],
): EventSpec | undefined {
  const opening = definition.events.find((e) => e.opensCase);
  if (!opening || !(opening.allowedRoles as readonly string[]).includes(user.role)) return undefined;
  const actor: Actor = {
    kind: 'person',
    userId: user.userId,
    name: user.name,
    role: user.role,
    organisation: user.organisation,
    ...(user.schoolUrn ? { schoolUrn: user.schoolUrn } : {}),
  };
  return mayOpen(actor, definition, { partnership }).permitted ? opening : undefined;
}

/** Events this role may record on a case of this process (the API still checks the case and organisation). */
export function recordableBy(definition: ReadableProcess, role: string): EventSpec[] {
  return definition.events.filter(
    (e) => !e.opensCase && !SENT_BY_THE_SYSTEM.has(e.type) && (e.allowedRoles as readonly string[]).includes(role),
  );
}

interface CaseRow {
  caseId: string;
  caseCode: string;
  process: string;
  processTitle: string;
  stage?: string;
  clocks: ClockView[];
  nextDue?: string;
}

/**
 * Your cases: those you lead (`GET /my/cases`), and the open clocks of your organisation's cases (`GET
 * /processes/{p}/clocks`), as the API lets you see them.
 */
async function caseRows(ctx: PageContext): Promise<CaseRow[]> {
  const rows = new Map<string, CaseRow>();
  const titleOf = (id: string) => ctx.catalogue.byId(id)?.title ?? id;
  type LedClock = Parameters<typeof clockView>[0] & { clockId: string };
  const mine = await ctx.api.get<{
    cases: { caseId: string; caseCode: string; process: string; stage: string; status: string; clocks: LedClock[] }[];
  }>('/my/cases');
  if (mine.status !== 200) throw Object.assign(new Error('my cases'), { answer: mine });
  const seen = new Set<string>();
  for (const c of mine.body.cases.filter((c) => c.status === 'open')) {
    rows.set(c.caseId, {
      caseId: c.caseId,
      caseCode: c.caseCode,
      process: c.process,
      processTitle: titleOf(c.process),
      stage: c.stage,
      clocks: c.clocks.map((k) => clockView(k)),
    });
    for (const k of c.clocks) seen.add(`${c.caseId}|${k.clockId}`);
  }
  for (const definition of ctx.catalogue.processes) {
    if (!readersOf(definition, 'clockReaders').includes(ctx.user.role)) continue;
    // Your organisation's open clocks by case code: their London day (or ISO week), never an instant.
    const open = await ctx.api.get<{
      clocks: {
        caseId: string;
        caseCode: string;
        process: string;
        clockId: string;
        title: string;
        status: string;
        due: string;
        overdue: boolean;
        state: ClockView['state'];
        source: string;
      }[];
    }>(`/processes/${segment(definition.id)}/clocks`);
    if (open.status !== 200) continue;
    for (const c of open.body.clocks) {
      if (seen.has(`${c.caseId}|${c.clockId}`)) continue;
      const row = rows.get(c.caseId) ?? {
        caseId: c.caseId,
        caseCode: c.caseCode,
        process: c.process,
        processTitle: definition.title,
        clocks: [],
      };
      row.clocks.push(listedClockView(c));
      rows.set(c.caseId, row);
    }
  }
  for (const row of rows.values()) {
    row.clocks.sort((a, b) => String(a.dueAt ?? a.dueOn).localeCompare(String(b.dueAt ?? b.dueOn)));
    const first = row.clocks.find((c) => c.dueAt || c.dueOn);
    row.nextDue = first ? ((first.dueAt || first.dueOn) ?? undefined) : undefined;
  }
  // Due soonest first; cases with no open clock after them.
  return [...rows.values()].sort(
    (a, b) => (a.nextDue ?? '~').localeCompare(b.nextDue ?? '~') || a.caseCode.localeCompare(b.caseCode),
  );
}

/** Roles some process lets open a case (its access declaration): who is offered the Start page. */
export const openerRoles = (processes: readonly ReadableProcess[]): Role[] => [
  ...new Set(processes.flatMap((p) => p.access.open.flatMap((rule) => rule.roles))),
];

export const casePages: PageModule = (deps) => [
  {
    method: 'GET',
    path: '/start',
    access: openerRoles((deps.runtime.catalogue ?? contractCatalogue).processes),
    nav: { text: 'Start', order: 10, description: 'Start a process, for example when a child enters care.' },
    async handle(ctx) {
      const partnership = ctx.deps.runtime.partnership;
      const processes = ctx.catalogue.processes
        .filter((p) => openingFor(p, ctx.user, partnership))
        .map((p) => ({
          id: p.id,
          title: p.title,
          opening: openingFor(p, ctx.user, partnership)!.title,
          href: `${PREFIX}/start/${p.id}`,
        }));
      return ctx.render('start.njk', { title: 'Start a process', processes });
    },
  },
  ...(['GET', 'POST'] as const).map((method) => ({
    method,
    path: '/start/{process}',
    access: 'signed-in' as const,
    async handle(ctx: PageContext) {
      const definition = ctx.catalogue.byId(ctx.params.process!);
      const opening = definition && openingFor(definition, ctx.user, ctx.deps.runtime.partnership);
      if (!definition || !opening) return ctx.notFound();
      return eventFormPage(ctx, {
        definition,
        event: opening,
        action: `${PREFIX}/start/${definition.id}`,
        title: opening.title,
        caption: definition.title,
        backLink: `${PREFIX}/start`,
        submitText: 'Start',
        send: (payload, key) =>
          ctx.api.post(
            `/processes/${segment(definition.id)}/cases`,
            { type: opening.type, ...payload },
            { idempotencyKey: key },
          ),
        done: (answer) =>
          ctx.redirect(
            `${PREFIX}/cases/${segment(String(answer.body.caseId))}`,
            answer.status === 202
              ? 'Received: it is being recorded. Refresh this page in a moment.'
              : `${definition.title} started. The clocks below are running.`,
          ),
      });
    },
  })),
  {
    method: 'GET',
    path: '/cases',
    access: CASE_LIST_ROLES,
    nav: {
      text: 'Your cases',
      order: 20,
      description: 'Cases you lead or your organisation is on, with their clocks, due soonest first.',
    },
    async handle(ctx) {
      let rows: CaseRow[];
      try {
        rows = await caseRows(ctx);
      } catch (error) {
        const answer = (error as { answer?: { status: number; body: unknown } }).answer;
        if (answer) return ctx.problem(answer);
        throw error;
      }
      return ctx.render('cases.njk', { title: 'Your cases', rows, now: ctx.now().toISOString() });
    },
  },
  {
    method: 'GET',
    path: '/cases/{caseId}',
    access: 'signed-in',
    async handle(ctx) {
      const caseId = ctx.params.caseId!;
      const record = await ctx.api.get<CaseAnswer>(`/cases/${segment(caseId)}`);
      if (record.status !== 200) return ctx.problem(record);
      const timeline = await ctx.api.get<{ timeline?: unknown[] }>(`/cases/${segment(caseId)}/timeline`);
      if (timeline.status !== 200) return ctx.problem(timeline);
      const definition = ctx.catalogue.forCase(record.body) ?? ctx.catalogue.byId(record.body.process);
      const actions =
        definition && record.body.status === 'open'
          ? recordableBy(definition, ctx.user.role).map((e) => ({
              text: e.title,
              href: `${PREFIX}/cases/${segment(caseId)}/record/${e.type}`,
            }))
          : [];
      const clocks = (record.body.clocks as Parameters<typeof clockView>[0][]).map((c) => clockView(c));
      const entries = (
        (timeline.body.timeline ?? []) as {
          at: string;
          kind?: string;
          type?: string;
          text?: string;
          summary?: string;
          actor?: { name?: string; role?: string };
        }[]
      )
        .slice()
        .sort((a, b) => b.at.localeCompare(a.at));
      return ctx.render('case.njk', {
        title: `Case ${record.body.caseCode}`,
        caseRecord: record.body,
        processTitle: definition?.title ?? record.body.process,
        details: detailRows(
          record.body.details,
          Object.fromEntries(ctx.deps.runtime.partnership.organisations.map((o) => [o.id, o.name])),
        ),
        clocks,
        timeline: entries,
        actions,
        backLink: `${PREFIX}/cases`,
      });
    },
  },
  ...(['GET', 'POST'] as const).map((method) => ({
    method,
    path: '/cases/{caseId}/record/{type}',
    access: 'signed-in' as const,
    async handle(ctx: PageContext) {
      const caseId = ctx.params.caseId!;
      const definition = ctx.catalogue.ofCaseId(caseId);
      const event = definition && recordableBy(definition, ctx.user.role).find((e) => e.type === ctx.params.type);
      if (!definition || !event) return ctx.notFound();
      // The case as this person may see it (a case they may not see is "Page not found", audited by the API).
      const record = await ctx.api.get<CaseAnswer>(`/cases/${segment(caseId)}`);
      if (record.status !== 200) return ctx.problem(record);
      // Say which clocks are already past their due time: the form may then ask why (a delay reason).
      const overdue = (record.body.clocks as Parameters<typeof clockView>[0][])
        .map((c) => clockView(c))
        .filter((c) => c.state === 'overdue');
      return eventFormPage(ctx, {
        definition,
        event,
        ...(overdue.length
          ? { lead: overdue.map((c) => `${c.title} was due ${longDateTime(c.dueAt)} and is overdue.`).join(' ') }
          : {}),
        action: `${PREFIX}/cases/${segment(caseId)}/record/${event.type}`,
        title: event.title,
        caption: `${definition.title}: case ${record.body.caseCode}`,
        backLink: `${PREFIX}/cases/${segment(caseId)}`,
        submitText: 'Save',
        send: (payload, key) =>
          ctx.api.post(`/cases/${segment(caseId)}/events`, { type: event.type, ...payload }, { idempotencyKey: key }),
        done: (answer) =>
          ctx.redirect(
            `${PREFIX}/cases/${segment(caseId)}`,
            answer.status === 202
              ? 'Received: it is being recorded. Refresh this page in a moment.'
              : answer.body?.outcome === 'duplicate'
                ? 'This was already recorded; nothing more was done.'
                : `Recorded: ${event.title.toLowerCase()}.`,
          ),
      });
    },
  })),
];
