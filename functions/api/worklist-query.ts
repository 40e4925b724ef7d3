/**
 * What a worklist (GET /my/clocks) may be narrowed and ordered by, read from the query and checked (a
 * 400 names the parameter), and whether a case's clock matches: the search runs over the case as this
 * reader may see it (the process's `viewFor`), so a child's name or date of birth is found only by those
 * who may read it, and a case the person may not read is never searched at all (the worklist holds only
 * cases they may read): no match and no permission give the same answer.
 */
import { clockStateNames } from '#core/clocks/state';
import type { CaseRecord } from '#core/process/model';

/** The states an open clock can be in (met, met late and not needed are not on a worklist). */
export const OPEN_CLOCK_STATES = clockStateNames.filter((s) => ['inTime', 'dueSoon', 'overdue', 'paused'].includes(s));
export const WORKLIST_SORTS = ['due', 'newest'] as const;

export interface WorklistQuery {
  /** A case code, a reference, or (for readers of them) a child's name or date of birth. */
  q?: string;
  process?: string;
  state?: string;
  /** Clock definition ids (any of them). */
  clocks?: string[];
  /** An organisation on the case (a health provider, a school, a council). */
  provider?: string;
  /** The lead practitioner's email address. */
  lead?: string;
  sort: (typeof WORKLIST_SORTS)[number];
}

export interface QueryIssue {
  path: string;
  message: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const EMAIL = /^[^\s@]{1,100}@[^\s@]{1,150}$/;

/** The query's narrowing and order, or the issues (each naming its parameter). */
export function parseWorklistQuery(
  query: Record<string, string | undefined>,
  processIds: readonly string[],
): { query: WorklistQuery } | { issues: QueryIssue[] } {
  const issues: QueryIssue[] = [];
  const out: WorklistQuery = { sort: 'due' };
  if (query.q !== undefined) {
    const q = query.q.trim();
    if (q.length < 2 || q.length > 100)
      issues.push({
        path: 'q',
        message: 'must be from 2 to 100 characters: a case code, a reference, a name or a date',
      });
    else out.q = q;
  }
  if (query.process !== undefined) {
    if (!processIds.includes(query.process))
      issues.push({ path: 'process', message: `must be one of ${processIds.join(', ')}` });
    else out.process = query.process;
  }
  if (query.state !== undefined) {
    if (!(OPEN_CLOCK_STATES as readonly string[]).includes(query.state))
      issues.push({ path: 'state', message: `must be one of ${OPEN_CLOCK_STATES.join(', ')}` });
    else out.state = query.state;
  }
  if (query.clock !== undefined) {
    const clocks = query.clock.split(',');
    if (clocks.length > 20 || !clocks.every((c) => ID.test(c)))
      issues.push({ path: 'clock', message: 'must be up to 20 clock ids from GET /processes, separated by commas' });
    else out.clocks = clocks;
  }
  if (query.provider !== undefined) {
    if (!ID.test(query.provider)) issues.push({ path: 'provider', message: "must be an organisation's id" });
    else out.provider = query.provider;
  }
  if (query.lead !== undefined) {
    if (!EMAIL.test(query.lead))
      issues.push({ path: 'lead', message: "must be the lead practitioner's email address" });
    else out.lead = query.lead.toLowerCase();
  }
  if (query.sort !== undefined) {
    if (!(WORKLIST_SORTS as readonly string[]).includes(query.sort))
      issues.push({ path: 'sort', message: `must be one of ${WORKLIST_SORTS.join(', ')}` });
    else out.sort = query.sort as WorklistQuery['sort'];
  }
  return issues.length ? { issues } : { query: out };
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A date typed as 2015-02-01, 1/2/2015 or 1 February 2015, as an ISO date; otherwise undefined. */
export function dateOfTerm(term: string): string | undefined {
  const t = term.trim().toLowerCase();
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
      ? `${y}-${pad(m)}-${pad(d)}`
      : undefined;
  };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2}) ([a-z]+) (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.findIndex((name) => name === m![2] || name.slice(0, 3) === m![2]);
    if (month >= 0) return iso(Number(m[3]), month + 1, Number(m[1]));
  }
  return undefined;
}

/** A key naming a child (or young person) whose `name` and `dateOfBirth` may be searched. */
const CHILD_KEY = /^(child|children|youngPerson|person)$/i;
const REFERENCE_KEY = /reference$/i;

/**
 * Does the case, as this reader sees it (`view`: what the API would answer them of its details), match the
 * search: its case code or a reference exactly (case and spaces aside), a child's name by a part of it, a
 * child's date of birth by the day? Only what is in the view is searched.
 */
export function caseMatches(term: string, record: Pick<CaseRecord, 'caseCode'>, view: unknown): boolean {
  const t = term.trim().toLowerCase().replace(/\s+/g, ' ');
  if (record.caseCode.toLowerCase() === t) return true;
  const date = dateOfTerm(t);
  const found = (value: unknown, key: string, inChild: boolean): boolean => {
    if (typeof value === 'string') {
      const v = value.trim().toLowerCase().replace(/\s+/g, ' ');
      if (REFERENCE_KEY.test(key)) return v === t;
      if (inChild && key === 'name') return v.includes(t);
      if (inChild && key === 'dateOfBirth') return date !== undefined && v === date;
      return false;
    }
    if (Array.isArray(value)) return value.some((v) => found(v, key, inChild));
    if (value && typeof value === 'object')
      return Object.entries(value as Record<string, unknown>).some(([k, v]) =>
        found(v, k, inChild || CHILD_KEY.test(key)),
      );
    return false;
  };
  return found(view, '', false);
}
