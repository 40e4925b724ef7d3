/**
 * A worklist page's list: one read of `GET /my/clocks` (one audit entry a page view), with the search,
 * filters, order and page the person chose (the API searches and filters over what they may read, so a
 * case they may not read is never found), as rows with the API's state, and GOV.UK pagination.
 *
 * Paging: the API gives the cursor of the next page; the cursors of the pages before travel in the
 * address (`pages=`, comma-separated, at most MAX_PAGES), so "Previous" needs nothing kept on the server.
 */
import { type Lateness, latenessWords } from '#core/clocks/state';
import { type ApiAnswer, issuesOf, segment } from '../api-client';
import type { ClockState } from '../words';
import { type PageContext, PREFIX } from './page';

/** How many clocks a page shows. */
export const WORKLIST_PAGE_SIZE = 25;
const MAX_PAGES = 40;
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

/** A clock of `GET /my/clocks`. */
export interface WorklistClock {
  caseId: string;
  caseCode: string;
  process: string;
  /** The version of the process the case runs (its name: Supporting Families or Family Help). */
  definitionVersion?: number;
  stage: string;
  leadPractitionerEmail?: string | null;
  clockId: string;
  definitionId?: string;
  title: string;
  status: string;
  dueAt: string | null;
  state: ClockState;
  late?: Lateness;
  dueSoonRule?: string;
}

export interface WorklistRow extends WorklistClock {
  processTitle: string;
  href: string;
  /** "Overdue by 2 working days", "Due soon", … (the API's state in words). */
  stateText: string;
}

/** What the person chose: the words searched and each filter, as the form shows them again. */
export interface WorklistChoice {
  q: string;
  process: string;
  state: string;
  provider: string;
  sort: string;
}

const STATE_TEXT: Record<string, string> = {
  inTime: 'In time',
  dueSoon: 'Due soon',
  overdue: 'Overdue',
  paused: 'Paused',
};

export interface WorklistRead {
  rows: WorklistRow[];
  choice: WorklistChoice;
  /** GOV.UK pagination's data, or undefined on a single page. */
  pagination?: { previous?: { href: string }; next?: { href: string } };
  pageNumber: number;
  /** Problems with what was typed, for the error summary (status 400). */
  errors?: { list: { text: string; href: string }[] };
  fieldErrors: Record<string, { text: string }>;
}

const FIELD_WORDS: Record<string, string> = {
  q: 'Enter at least 2 characters: a case code, a reference, a name or a date of birth',
  process: 'Choose a process from the list',
  state: 'Choose a state from the list',
  provider: 'Choose an organisation from the list',
  sort: 'Choose an order from the list',
};

/**
 * Read the page of the worklist the address asks for. `fixed` narrows it whatever the person chose
 * (a page for one process, its clocks, a lead practitioner): these are not shown in the form.
 */
export async function readWorklist(
  ctx: PageContext,
  path: string,
  fixed: Record<string, string> = {},
): Promise<WorklistRead | { refused: ApiAnswer }> {
  const choice: WorklistChoice = {
    q: ctx.query.get('q')?.trim() ?? '',
    process: ctx.query.get('process') ?? '',
    state: ctx.query.get('state') ?? '',
    provider: ctx.query.get('provider') ?? '',
    sort: ctx.query.get('sort') === 'newest' ? 'newest' : 'due',
  };
  const trail = (ctx.query.get('pages') ?? '')
    .split(',')
    .filter((c) => CURSOR.test(c))
    .slice(0, MAX_PAGES);
  const api = new URLSearchParams({ limit: String(WORKLIST_PAGE_SIZE) });
  for (const [k, v] of Object.entries(choice)) if (v && !(k === 'sort' && v === 'due')) api.set(k, v);
  for (const [k, v] of Object.entries(fixed)) api.set(k, v);
  if (trail.length) api.set('cursor', trail.at(-1)!);
  const answer = await ctx.api.get<{ clocks: WorklistClock[]; next: string | null }>(
    '/my/clocks',
    Object.fromEntries(api),
  );
  const base = { choice, pageNumber: trail.length + 1, fieldErrors: {} as Record<string, { text: string }> };
  if (answer.status === 400) {
    // What the person typed or chose was refused: say which, beside the field, with no list.
    const issues = issuesOf(answer)?.issues ?? [];
    const fields = issues.map((i) => i.path).filter((p) => p in FIELD_WORDS);
    if (!fields.length) return { refused: answer };
    const fieldErrors = Object.fromEntries(fields.map((f) => [f, { text: FIELD_WORDS[f]! }]));
    return {
      ...base,
      rows: [],
      fieldErrors,
      errors: { list: fields.map((f) => ({ text: FIELD_WORDS[f]!, href: `#${f}` })) },
    };
  }
  if (answer.status !== 200) return { refused: answer };
  // Each case named by the version of the process it runs (Supporting Families or Family Help).
  const titleOf = (c: { process: string; definitionVersion?: number }) =>
    ctx.catalogue.forCase(c)?.title ?? ctx.catalogue.byId(c.process)?.title ?? c.process;
  const rows = answer.body.clocks.map((c) => ({
    ...c,
    processTitle: titleOf(c),
    href: `${PREFIX}/cases/${segment(c.caseId)}`,
    stateText: `${STATE_TEXT[c.state] ?? c.state}${c.late ? ` by ${latenessWords(c.late)}` : ''}`,
  }));
  // The address of another page of the same list: the same choices, the cursors before it.
  const pageHref = (cursors: string[]) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(choice)) if (v && !(k === 'sort' && v === 'due')) q.set(k, v);
    if (cursors.length) q.set('pages', cursors.join(','));
    const s = q.toString();
    return `${PREFIX}${path}${s ? `?${s}` : ''}`;
  };
  const previous = trail.length ? { href: pageHref(trail.slice(0, -1)) } : undefined;
  const next =
    answer.body.next && trail.length < MAX_PAGES ? { href: pageHref([...trail, answer.body.next]) } : undefined;
  return {
    ...base,
    rows,
    ...(previous || next ? { pagination: { ...(previous ? { previous } : {}), ...(next ? { next } : {}) } } : {}),
  };
}

/** The choices a worklist's filters offer: the processes the person may read, the states, the organisations. */
export function worklistOptions(ctx: PageContext, choice: WorklistChoice) {
  const pick = (value: string, items: { value: string; text: string }[], all: string) =>
    [{ value: '', text: all }, ...items].map((i) => ({ ...i, selected: i.value === value }));
  // Each process by the name of the version in force today (Supporting Families until Family Help starts).
  const inForce = (id: string, title: string) =>
    ctx.catalogue.forOpening(id, {}, ctx.deps.runtime.partnership, ctx.now())?.title ?? title;
  const processes = [...new Map(ctx.catalogue.processes.map((p) => [p.id, inForce(p.id, p.title)])).entries()]
    .filter(([id]) => {
      const p = ctx.catalogue.byId(id);
      return p?.access.read.some((rule) => (rule.roles as readonly string[]).includes(ctx.user.role));
    })
    .map(([value, text]) => ({ value, text }));
  return {
    processes: pick(choice.process, processes, 'All processes'),
    states: pick(
      choice.state,
      Object.entries(STATE_TEXT).map(([value, text]) => ({ value, text })),
      'Any state',
    ),
    providers: pick(
      choice.provider,
      ctx.deps.runtime.partnership.organisations.map((o) => ({ value: o.id, text: o.name })),
      'Any organisation',
    ),
    sorts: [
      { value: 'due', text: 'Due soonest', selected: choice.sort !== 'newest' },
      { value: 'newest', text: 'Newest cases', selected: choice.sort === 'newest' },
    ],
  };
}
