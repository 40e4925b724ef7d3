/**
 * The audit (the partnership administrator; an organisation's administrator within what the API shows
 * them): who read or changed a case, and what a person read or changed, between two London days, newest
 * first, a page at a time (GOV.UK pagination), and the same selection as CSV. Every page and every
 * download is one call of the API's audit routes, which decide who may see what and audit the reading
 * once.
 *
 *   GET /app/audit                                find the audit of a person (picked from a list) or a case
 *   GET /app/audit/person?actor=&from-day=…&to-…  what a person read or changed (&cursor=&trail= a page)
 *   GET /app/audit/person.csv?actor=&from-…       the same selection as CSV
 *   GET /app/audit/case?caseId=&from-day=…        who read or changed a case
 *   GET /app/audit/case.csv?caseId=&from-…        the same selection as CSV
 */
import { isLocalDate } from '#core/calendar/index';
import type { Role } from '#core/identity/actor';
import { type ApiAnswer, issuesOf, segment } from '../api-client';
import type { WebResponse } from '../http';
import { roleText } from '../words';
import { type PageContext, type PageModule, PREFIX } from './page';

const ACCESS: readonly Role[] = ['partnership-administrator', 'administrator'];

const ACTION_WORDS: Record<string, string> = { read: 'Read', create: 'Created', change: 'Changed', refused: 'Refused' };

interface AuditEntryView {
  at: string;
  actor: { userId: string; role: string; organisation: string };
  action: string;
  caseId?: string;
  what: string;
}

interface AuditAnswer {
  audit: AuditEntryView[];
  next: string | null;
}

/** A person one may pick: their user id, name and organisation's name. */
interface Person {
  userId: string;
  name: string;
  organisation: string;
  organisationName: string;
}

/** The partnership's organisations by their names. */
const organisationNames = (ctx: PageContext) =>
  Object.fromEntries(ctx.deps.runtime.partnership.organisations.map((o) => [o.id, o.name]));

/**
 * The people whose audit this reader may pick: everyone for the partnership administrator, their own
 * organisation's people for an organisation's administrator; by name. The people are those who can sign
 * in here (the local sign-in's users); with Cognito's sign-in the pages hold no list of people, and the
 * person is named by their user ID instead.
 */
function peopleFor(ctx: PageContext): Person[] {
  if (ctx.deps.signIn.kind !== 'local') return [];
  const names = organisationNames(ctx);
  return ctx.deps.signIn.users
    .filter((u) => ctx.user.role === 'partnership-administrator' || u.organisation === ctx.user.organisation)
    .map((u) => ({
      userId: String(u.claims.sub),
      name: u.name,
      organisation: u.organisation,
      organisationName: u.organisationName ?? names[u.organisation] ?? u.organisation,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.organisationName.localeCompare(b.organisationName));
}

// ---- the date range: GOV.UK date inputs, checked in people's words ----

type DateParts = { day: string; month: string; year: string };
const PART_WORDS = { day: 'a day', month: 'a month', year: 'a year' } as const;

interface RangeField {
  parts: DateParts;
  day?: string;
  error?: { text: string };
}

/** A GOV.UK date input's answer as a day (YYYY-MM-DD), or why it is not one. */
function dateOf(query: URLSearchParams, name: 'from' | 'to', label: string): RangeField {
  const parts: DateParts = {
    day: (query.get(`${name}-day`) ?? '').trim(),
    month: (query.get(`${name}-month`) ?? '').trim(),
    year: (query.get(`${name}-year`) ?? '').trim(),
  };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p]);
  if (missing.length === 3) return { parts };
  if (missing.length)
    return { parts, error: { text: `${label} must include ${missing.map((p) => PART_WORDS[p]).join(' and ')}` } };
  const pad = (s: string) => s.padStart(2, '0');
  const day = `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year))
    return { parts, error: { text: `${label} must be a real date, for example 1 12 2026` } };
  if (!isLocalDate(day)) return { parts, error: { text: `${label} must be a real date` } };
  return { parts, day };
}

interface Range {
  from: RangeField;
  to: RangeField;
  errors: { text: string; href: string }[];
  /** The range as the API takes it. */
  query: Record<string, string>;
  /** The range as this page's address carries it. */
  address: URLSearchParams;
}

function rangeOf(query: URLSearchParams, idPrefix = ''): Range {
  const from = dateOf(query, 'from', 'The start date');
  const to = dateOf(query, 'to', 'The end date');
  if (from.day && to.day && to.day < from.day)
    to.error = { text: 'The end date must be the same as or after the start date' };
  const errors = [
    ...(from.error ? [{ text: from.error.text, href: `#${idPrefix}from-day` }] : []),
    ...(to.error ? [{ text: to.error.text, href: `#${idPrefix}to-day` }] : []),
  ];
  const address = new URLSearchParams();
  for (const [name, field] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (field.day) for (const p of ['day', 'month', 'year'] as const) address.set(`${name}-${p}`, field.parts[p]);
  return {
    from,
    to,
    errors,
    query: { ...(from.day ? { from: from.day } : {}), ...(to.day ? { to: to.day } : {}) },
    address,
  };
}

// ---- pages of the answer: a trail of the cursors before, for "Previous" ----

/** How many pages back "Previous" remembers (the address carries their cursors). */
const TRAIL_MAX = 30;
const CURSOR = /^[A-Za-z0-9_-]{1,1600}$/;

function trailOf(query: URLSearchParams): string[] {
  const trail = (query.get('trail') ?? '').split('.').filter((c) => c === '-' || CURSOR.test(c));
  return trail.slice(-TRAIL_MAX);
}

function pagination(
  base: string,
  address: URLSearchParams,
  cursor: string | undefined,
  trail: string[],
  next: string | null,
) {
  const link = (to: string | undefined, before: string[]) => {
    const q = new URLSearchParams(address);
    if (to) q.set('cursor', to);
    if (before.length) q.set('trail', before.join('.'));
    return `${base}?${q}`;
  };
  return {
    ...(cursor
      ? {
          previous: {
            href: link(trail.at(-1) === '-' ? undefined : trail.at(-1), trail.slice(0, -1)),
            labelText: `Page ${trail.length}`,
          },
        }
      : {}),
    ...(next
      ? {
          next: {
            href: link(next, [...trail, cursor ?? '-'].slice(-TRAIL_MAX)),
            labelText: `Page ${trail.length + 2}`,
          },
        }
      : {}),
  };
}

/** The rows of the table, newest first (as the API gives them): who by name where the pages know them. */
function auditRows(ctx: PageContext, entries: AuditEntryView[], people: Person[]) {
  const names = organisationNames(ctx);
  const byId = new Map(people.map((p) => [p.userId, p]));
  return entries.map((e) => ({
    at: e.at,
    userId: e.actor.userId,
    name: byId.get(e.actor.userId)?.name ?? e.actor.userId,
    role: roleText(e.actor.role),
    // The person's organisation as the sign-in names it (a school, the partnership), else the partnership's.
    organisation: byId.get(e.actor.userId)?.organisationName ?? names[e.actor.organisation] ?? e.actor.organisation,
    action: ACTION_WORDS[e.action] ?? e.action,
    caseId: e.caseId ?? '',
    what: e.what,
  }));
}

/** The API's CSV, downloaded as it is (the API audited the reading). */
function csvDownload(body: unknown, name: string): WebResponse {
  return {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: typeof body === 'string' ? body : '',
  };
}

/**
 * Why the API refused a download, for the page it goes back to: a selection too long for one CSV says so
 * (choose a shorter date range); any other refusal is the page's own checks, shown there again.
 */
export function refusedDownload(answer: ApiAnswer): string | undefined {
  const refusal = issuesOf(answer);
  if (refusal?.code !== 'selectionTooLong') return undefined;
  const issue = refusal.issues[0]?.message;
  return issue ? `The download ${issue}.` : refusal.message;
}

/** The people list for the select: the one asked for stays chosen, by id if the list does not hold them. */
function personItems(people: Person[], actor: string) {
  const items = people.map((p) => ({
    value: p.userId,
    text: `${p.name}, ${p.organisationName}`,
    selected: p.userId === actor,
  }));
  if (actor && !people.some((p) => p.userId === actor)) items.unshift({ value: actor, text: actor, selected: true });
  return [{ value: '', text: 'Choose a person', selected: !actor }, ...items];
}

/** The API's refusal of a date range (400 naming from or to) as the page's errors. */
function apiRangeErrors(answer: { status: number; body: unknown }, idPrefix = '') {
  const issues = (answer.body as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const words = (path: string) => (path === 'to' ? 'The end date' : 'The start date');
  return issues
    .filter((i) => i.path === 'from' || i.path === 'to')
    .map((i) => ({ text: `${words(i.path)}: the selection ${i.message}`, href: `#${idPrefix}${i.path}-day` }));
}

export const auditPages: PageModule = () => [
  {
    method: 'GET',
    path: '/audit',
    access: ACCESS,
    nav: { text: 'Audit', order: 95, description: 'Who read or changed a case, and what a person read or changed' },
    handle: async (ctx) =>
      ctx.render('admin/audit.njk', {
        title: 'Audit',
        people: personItems(peopleFor(ctx), ''),
        personList: ctx.deps.signIn.kind === 'local',
        personRange: rangeOf(new URLSearchParams()),
        caseRange: rangeOf(new URLSearchParams()),
      }),
  },
  {
    method: 'GET',
    path: '/audit/person',
    access: ACCESS,
    async handle(ctx) {
      const actor = (ctx.query.get('actor') ?? '').trim();
      const people = peopleFor(ctx);
      const range = rangeOf(ctx.query, 'person-');
      const personList = ctx.deps.signIn.kind === 'local';
      const actorError = actor
        ? undefined
        : { text: personList ? 'Choose the person whose audit to show' : "Enter the person's user ID" };
      const refused = (errors: { text: string; href: string }[], status = 400) =>
        ctx.render(
          'admin/audit.njk',
          {
            title: 'Error: Audit',
            people: personItems(people, actor),
            personList,
            actor,
            personRange: range,
            caseRange: rangeOf(new URLSearchParams()),
            errors: { list: errors },
            ...(actorError ? { actorError } : {}),
          },
          status,
        );
      if (!actor || range.errors.length)
        return refused([...(actorError ? [{ text: actorError.text, href: '#actor' }] : []), ...range.errors]);
      const cursor = ctx.query.get('cursor') ?? undefined;
      const trail = cursor ? trailOf(ctx.query) : [];
      const answer = await ctx.api.get<AuditAnswer>('/audit', {
        actor,
        ...range.query,
        ...(cursor ? { cursor } : {}),
      });
      if (answer.status === 400 && apiRangeErrors(answer, 'person-').length)
        return refused(apiRangeErrors(answer, 'person-'));
      if (answer.status !== 200) return ctx.problem(answer);
      const person = people.find((p) => p.userId === actor);
      const who = person ? `${person.name} (${person.organisationName})` : actor;
      const ownOrganisation = organisationNames(ctx)[ctx.user.organisation] ?? ctx.user.organisation;
      const within = ctx.user.role === 'administrator' ? ` within ${ownOrganisation}` : '';
      const address = new URLSearchParams(range.address);
      address.set('actor', actor);
      return ctx.render('admin/audit-trail.njk', {
        title: `Audit of ${person?.name ?? actor}`,
        heading: `What ${who} read or changed`,
        backLink: `${PREFIX}/audit`,
        rows: auditRows(ctx, answer.body.audit, people),
        showCase: true,
        pageNumber: trail.length + 1,
        pagination: pagination(`${PREFIX}/audit/person`, address, cursor, trail, answer.body.next),
        csvHref: `${PREFIX}/audit/person.csv?${address}`,
        form: { kind: 'person', people: personItems(people, actor), personList, actor, range },
        empty: `Nothing recorded for ${who}${within}${range.query.from || range.query.to ? ' in these dates' : ''}.`,
      });
    },
  },
  {
    method: 'GET',
    path: '/audit/person.csv',
    access: ACCESS,
    async handle(ctx) {
      const actor = (ctx.query.get('actor') ?? '').trim();
      const range = rangeOf(ctx.query);
      // A download is reached from a page that checked its range; a link typed otherwise goes back there.
      if (!actor || range.errors.length) return ctx.redirect(`${PREFIX}/audit/person?${ctx.query}`);
      const answer = await ctx.api.get<string>('/audit.csv', { actor, ...range.query });
      if (answer.status === 400) return ctx.redirect(`${PREFIX}/audit/person?${ctx.query}`, refusedDownload(answer));
      if (answer.status !== 200) return ctx.problem(answer);
      return csvDownload(answer.body, `audit-${actor}${range.query.from ? `-from-${range.query.from}` : ''}`);
    },
  },
  {
    method: 'GET',
    path: '/audit/case',
    access: ACCESS,
    async handle(ctx) {
      const caseId = (ctx.query.get('caseId') ?? '').trim().toLowerCase();
      const range = rangeOf(ctx.query, 'case-');
      const refused = (errors: { text: string; href: string }[], status = 400, caseIdError?: string) =>
        ctx.render(
          'admin/audit.njk',
          {
            title: 'Error: Audit',
            people: personItems(peopleFor(ctx), ''),
            personList: ctx.deps.signIn.kind === 'local',
            personRange: rangeOf(new URLSearchParams()),
            caseId,
            caseRange: range,
            errors: { list: errors },
            ...(caseIdError ? { caseIdError: { text: caseIdError } } : {}),
          },
          status,
        );
      if (!caseId || range.errors.length)
        return refused(
          [...(caseId ? [] : [{ text: 'Enter a case code', href: '#caseId' }]), ...range.errors],
          400,
          caseId ? undefined : 'Enter a case code',
        );
      const cursor = ctx.query.get('cursor') ?? undefined;
      const trail = cursor ? trailOf(ctx.query) : [];
      const answer = await ctx.api.get<AuditAnswer>(`/cases/${segment(caseId)}/audit`, {
        ...range.query,
        ...(cursor ? { cursor } : {}),
      });
      if (answer.status === 400 && apiRangeErrors(answer, 'case-').length)
        return refused(apiRangeErrors(answer, 'case-'));
      if (answer.status === 400) {
        const text = 'Enter a case code like IHA-7K3F-9Q2M';
        return refused([{ text, href: '#caseId' }], 400, text);
      }
      // What you may not see answers exactly as what does not exist.
      if (answer.status === 404) {
        const text = `There is no case ${caseId.toUpperCase()} whose audit you can see`;
        return refused([{ text, href: '#caseId' }], 404, text);
      }
      if (answer.status !== 200) return ctx.problem(answer);
      const address = new URLSearchParams(range.address);
      address.set('caseId', caseId);
      return ctx.render('admin/audit-trail.njk', {
        // The case code as people see it everywhere else (the address carries it in lower case).
        title: `Audit of case ${caseId.toUpperCase()}`,
        heading: `Who read or changed case ${caseId.toUpperCase()}`,
        backLink: `${PREFIX}/audit`,
        rows: auditRows(ctx, answer.body.audit, peopleFor(ctx)),
        showCase: false,
        pageNumber: trail.length + 1,
        pagination: pagination(`${PREFIX}/audit/case`, address, cursor, trail, answer.body.next),
        csvHref: `${PREFIX}/audit/case.csv?${address}`,
        form: { kind: 'case', caseId, range },
      });
    },
  },
  {
    method: 'GET',
    path: '/audit/case.csv',
    access: ACCESS,
    async handle(ctx) {
      const caseId = (ctx.query.get('caseId') ?? '').trim().toLowerCase();
      const range = rangeOf(ctx.query);
      if (!caseId || range.errors.length) return ctx.redirect(`${PREFIX}/audit/case?${ctx.query}`);
      const answer = await ctx.api.get<string>(`/cases/${segment(caseId)}/audit.csv`, range.query);
      if (answer.status === 400) return ctx.redirect(`${PREFIX}/audit/case?${ctx.query}`, refusedDownload(answer));
      if (answer.status !== 200) return ctx.problem(answer);
      return csvDownload(answer.body, `audit-${caseId}${range.query.from ? `-from-${range.query.from}` : ''}`);
    },
  },
];
