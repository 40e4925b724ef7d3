/**
 * A case: its details, every clock with its state and source, its timeline, and the forms to record what
 * happened, each made from its event's schema (web/forms/event-form.ts). Every process in the catalogue
 * gets these pages from its contract; none has page code.
 *
 *   GET       /app/cases/{caseId}                 a case: details, clocks, timeline, what you can record
 *   GET, POST /app/cases/{caseId}/record/{type}   record an event
 */
import type { EventSpec, ReadableProcess } from '#core/process/definition';
import { type CaseAnswer, segment } from '../api-client';
import { eventFormPage } from '../forms/event-form';
import { longDateTime } from '../render';
import { clockView, detailRows } from '../views';
import { type PageContext, type PageModule, PREFIX } from './page';

/** Events the API sends itself (not typed by people), kept off the forms. */
const SENT_BY_THE_SYSTEM = new Set(['schoolDetailsChanged']);

/** Events this role may record on a case of this process (the API still checks the case and organisation). */
export function recordableBy(definition: ReadableProcess, role: string): EventSpec[] {
  return definition.events.filter(
    (e) => !e.opensCase && !SENT_BY_THE_SYSTEM.has(e.type) && (e.allowedRoles as readonly string[]).includes(role),
  );
}

export const casePages: PageModule = () => [
  {
    method: 'GET',
    path: '/cases/{caseId}',
    access: 'signed-in',
    async handle(ctx) {
      const caseId = ctx.params.caseId!;
      // The case and its timeline in one read, so one page view is one audit entry ("case record and timeline").
      const record = await ctx.api.get<CaseAnswer & { timeline?: unknown[] }>(`/cases/${segment(caseId)}`, {
        include: 'timeline',
      });
      if (record.status !== 200) return ctx.problem(record);
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
        (record.body.timeline ?? []) as {
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
      // Say which open clocks are already past their due time: the form may then ask why (a delay reason).
      const overdue = (record.body.clocks as Parameters<typeof clockView>[0][])
        .map((c) => clockView(c))
        .filter((c) => c.state === 'overdue' && !c.stoppedAt);
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
