/**
 * Your cases: those you lead, and your organisation's with a clock running, due soonest first, by case
 * code, each with its clocks (as the API lets you see them).
 *
 *   GET /app/cases
 */
import type { Role } from '#core/identity/actor';
import { readersOf } from '#core/process/access';
import { type ApiAnswer, segment } from '../api-client';
import { type ClockView, clockView, listedClockView } from '../views';
import type { PageContext, PageModule } from './page';

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
 * /processes/{p}/clocks`), as the API lets you see them; or the API's answer when it refuses your list.
 */
async function caseRows(ctx: PageContext): Promise<{ rows: CaseRow[] } | { refused: ApiAnswer }> {
  const rows = new Map<string, CaseRow>();
  const titleOf = (id: string) => ctx.catalogue.byId(id)?.title ?? id;
  type LedClock = Parameters<typeof clockView>[0] & { clockId: string };
  const mine = await ctx.api.get<{
    cases: { caseId: string; caseCode: string; process: string; stage: string; status: string; clocks: LedClock[] }[];
  }>('/my/cases');
  if (mine.status !== 200) return { refused: mine };
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
  return {
    rows: [...rows.values()].sort(
      (a, b) => (a.nextDue ?? '~').localeCompare(b.nextDue ?? '~') || a.caseCode.localeCompare(b.caseCode),
    ),
  };
}

export const yourCasesPages: PageModule = () => [
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
      const read = await caseRows(ctx);
      if ('refused' in read) return ctx.problem(read.refused);
      const { rows } = read;
      return ctx.render('cases.njk', { title: 'Your cases', rows, now: ctx.now().toISOString() });
    },
  },
];
