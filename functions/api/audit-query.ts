/**
 * Reading the audit (GET /audit, GET /cases/{caseId}/audit and their CSV): the query both take (a date
 * range in London days, a page size and the cursor of the page before), refused field by field; the
 * opaque cursor; and the CSV of a whole selection.
 */
import { stringify } from 'csv-stringify/sync';
import { endOfLondonDay, isLocalDate, londonDateOf, londonTimeOf, startOfLondonDay } from '#core/calendar/index';
import type { AuditEntry, FieldIssue } from '#core/process/model';
import { type AuditPosition, type AuditSelection, auditQueryOf, type CaseStore } from '../store/reads';
import { invalid } from './problem';
import type { Result } from './responses';

/** A page of the audit: 50 entries unless asked for fewer or more (up to 200). */
export const AUDIT_PAGE = { default: 50, max: 200 };

/** The most entries one CSV holds: a longer selection is refused, naming the date range to shorten. */
export const AUDIT_CSV_MAX = 10_000;

export interface AuditQuery {
  /** London days, as asked (YYYY-MM-DD). */
  fromDay?: string;
  toDay?: string;
  /** The instants they stand for: the first millisecond of `from`, the last of `to` (London). */
  range: Pick<AuditSelection, 'from' | 'to'>;
  limit: number;
  cursor?: string;
}

/** The audit query's words (from, to, limit, cursor), or a 400 naming each field at fault and why. */
export function parseAuditQuery(query: Record<string, string | undefined>, paged = true): AuditQuery {
  const issues: FieldIssue[] = [];
  const day = (name: 'from' | 'to') => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (!isLocalDate(value)) {
      issues.push({ path: name, message: 'must be a real date written YYYY-MM-DD, for example 2026-12-01' });
      return undefined;
    }
    return value;
  };
  const fromDay = day('from');
  const toDay = day('to');
  if (fromDay && toDay && toDay < fromDay) issues.push({ path: 'to', message: 'must be the same as or after from' });
  let limit = AUDIT_PAGE.default;
  if (paged && query.limit !== undefined) {
    limit = Number(query.limit);
    if (!/^\d+$/.test(query.limit) || limit < 1 || limit > AUDIT_PAGE.max)
      issues.push({ path: 'limit', message: `must be a whole number from 1 to ${AUDIT_PAGE.max}` });
  }
  if (issues.length) throw invalid('invalidQuery', `${issues.map((i) => i.path).join(', ')} not valid`, issues);
  return {
    ...(fromDay ? { fromDay } : {}),
    ...(toDay ? { toDay } : {}),
    range: {
      ...(fromDay ? { from: startOfLondonDay(fromDay).toISOString() } : {}),
      ...(toDay ? { to: endOfLondonDay(toDay).toISOString() } : {}),
    },
    limit,
    ...(paged && query.cursor !== undefined ? { cursor: query.cursor } : {}),
  };
}

/** A position as the cursor the answer gives (opaque: its keys, base64url). */
export const encodeAuditCursor = (position: AuditPosition) =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

/**
 * The position a cursor stands for, if it is one this selection gave: the keys its query uses, in its own
 * partition and date range (a cursor of another person, case or range is refused, never followed).
 */
export function decodeAuditCursor(cursor: string, selection: AuditSelection): AuditPosition {
  const refused = invalid('invalidQuery', 'cursor is not valid', [
    { path: 'cursor', message: 'must be the cursor a page of this selection gave, as it gave it' },
  ]);
  if (!/^[A-Za-z0-9_-]{1,1600}$/.test(cursor)) throw refused;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  const q = auditQueryOf(selection);
  if (!position || typeof position !== 'object' || Array.isArray(position)) throw refused;
  const keys = position as Record<string, unknown>;
  const names = Object.keys(keys).sort();
  if (names.join() !== [...q.keyNames].sort().join()) throw refused;
  if (!names.every((name) => typeof keys[name] === 'string')) throw refused;
  const sk = keys[q.skName] as string;
  if (keys[q.pkName] !== q.pk || sk < q.from || sk > q.to) throw refused;
  return keys as AuditPosition;
}

const ACTION_WORDS: Record<AuditEntry['action'], string> = {
  read: 'Read',
  create: 'Created',
  change: 'Changed',
  refused: 'Refused',
};

/** What a spreadsheet would run as a formula (=, +, -, @, tab, return) is made plain text (OWASP CSV injection). */
const plainCell = (value: string | number) =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

export const AUDIT_CSV_COLUMNS = [
  'Number',
  'Date (London)',
  'Time (London)',
  'At (UTC)',
  'User ID',
  'Role',
  'Organisation',
  'Action',
  'Case',
  'What',
] as const;

/**
 * The audit as CSV, newest first: one row per entry, numbered from 1 (a number, unquoted), the London day
 * and time a spreadsheet sorts by, the exact instant, who, what they did and to which case. Written with
 * csv-stringify (quoting, line endings).
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  return stringify(
    entries.map((e, i) =>
      [
        i + 1,
        londonDateOf(new Date(e.at)),
        londonTimeOf(new Date(e.at)),
        e.at,
        e.actor.userId,
        e.actor.role,
        e.actor.organisation,
        ACTION_WORDS[e.action] ?? e.action,
        e.caseId ?? '',
        e.what,
      ].map(plainCell),
    ),
    { header: true, columns: [...AUDIT_CSV_COLUMNS], record_delimiter: 'windows' },
  );
}

/** The range's words for the audit of a read: ' from 1 December 2026 to 7 December 2026' (London days). */
export function rangeWords(query: Pick<AuditQuery, 'fromDay' | 'toDay'>): string {
  return `${query.fromDay ? ` from ${query.fromDay}` : ''}${query.toDay ? ` to ${query.toDay}` : ''}`;
}

type AuditReader = Pick<CaseStore, 'auditPage'>;

/** One page of a selection from the cursor the query carries; the cursor of the next page, or null. */
export async function auditPageOf(
  store: AuditReader,
  selection: AuditSelection,
  query: AuditQuery,
  keep?: (entry: AuditEntry) => boolean,
): Promise<{ audit: AuditEntry[]; next: string | null }> {
  const after = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor, selection);
  const page = await store.auditPage(selection, {
    limit: query.limit,
    ...(after ? { after } : {}),
    ...(keep ? { keep } : {}),
  });
  return { audit: page.entries, next: page.next ? encodeAuditCursor(page.next) : null };
}

/**
 * A whole selection, for its CSV: page after page from the index, up to AUDIT_CSV_MAX entries; a longer
 * one is refused (400) naming the date range, so nobody waits for a file too long to read.
 */
export async function auditForCsv(
  store: AuditReader,
  selection: AuditSelection,
  keep?: (entry: AuditEntry) => boolean,
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let after: AuditPosition | undefined;
  do {
    const page = await store.auditPage(selection, {
      limit: 1000,
      ...(after ? { after } : {}),
      ...(keep ? { keep } : {}),
    });
    entries.push(...page.entries);
    after = page.next;
    if (entries.length > AUDIT_CSV_MAX) {
      const message = `holds more than ${AUDIT_CSV_MAX.toLocaleString('en-GB')} entries: choose a shorter date range`;
      throw invalid('selectionTooLong', `The selection ${message}`, [
        { path: 'from', message },
        { path: 'to', message },
      ]);
    }
  } while (after);
  return entries;
}

/** A CSV answer, to be saved as `<name>.csv` (the name has no personal data: ids and days only). */
export function csvAnswer(body: string, name: string): Result {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}
