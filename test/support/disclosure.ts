/**
 * What a figure reader is given, walked for what it must never carry: an exact count of 1 to 4, or an
 * instant finer than a day (for a process whose dates are given by the ISO week, any date finer than
 * the week). The walk is structural, so it can fail:
 *
 * - a figures answer (JSON): every table declares its figures (`measures`: count, share, median, total);
 *   each count must be 0, 5 or more, 'fewer than 5' or 'withheld', each share 0 to 1, null or 'withheld';
 *   any other number outside a declared figure must not be a whole number from 1 to 4;
 * - a page: every cell marked `data-measure` is checked by its kind, and any other numeric table cell
 *   must not be a whole number from 1 to 4;
 * - a CSV: each row's Unit says whether its Value is a count or a share; a suppressed figure has no
 *   value and says so in Suppressed;
 * - everywhere: no ISO instant, no time of day; by the week, no ISO date and no long date but "the week
 *   beginning …".
 */
import { parse } from 'csv-parse/sync';
import type { DateResolution } from '#core/figures/pseudonymous';

export interface Finding {
  where: string;
  value: unknown;
  why: string;
}

const SUPPRESSED = ['fewer than 5', 'withheld'];
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const TIME_OF_DAY = /\b\d{1,2}:\d{2}\b/;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const LONG_DATE = new RegExp(`(?<!the week beginning )\\b\\d{1,2} (?:${MONTHS}) \\d{4}\\b`);

const isSmallCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 4;

function countOk(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v) && (v === 0 || v >= 5)) || SUPPRESSED.includes(v as string);
}

function figureOk(kind: string, v: unknown): boolean {
  switch (kind) {
    case 'count':
      return countOk(v);
    case 'share':
      return v === null || v === 'withheld' || (typeof v === 'number' && v >= 0 && v <= 1);
    case 'median':
    case 'total':
      return v === null || v === 'withheld' || (typeof v === 'number' && v >= 0);
    default:
      return false;
  }
}

/** Dates and times in a piece of text that a pseudonymous view must not carry. */
function dateFindings(where: string, text: string, resolution: DateResolution, whole = false): Finding[] {
  const found: Finding[] = [];
  if (INSTANT.test(text)) found.push({ where, value: text, why: 'an instant finer than a day' });
  else if (whole ? /^\d{1,2}:\d{2}(:\d{2})?$/.test(text) : TIME_OF_DAY.test(text))
    found.push({ where, value: text, why: 'a time of day' });
  if (resolution === 'isoWeek') {
    if (ISO_DATE.test(text)) found.push({ where, value: text, why: 'a date finer than the ISO week' });
    if (LONG_DATE.test(text)) found.push({ where, value: text, why: 'a date finer than the ISO week' });
  }
  return found;
}

const at = (row: unknown, path: string) =>
  path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);

/** A figures answer or an open-clocks list (JSON), walked. */
export function jsonFindings(value: unknown, resolution: DateResolution, where = '$'): Finding[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonFindings(v, resolution, `${where}[${i}]`));
  if (typeof value === 'number')
    return isSmallCount(value) ? [{ where, value, why: 'a whole number from 1 to 4 outside a declared figure' }] : [];
  if (typeof value === 'string') return dateFindings(where, value, resolution, true);
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  if (o.measures && typeof o.measures === 'object' && Array.isArray(o.rows)) {
    const measures = o.measures as Record<string, string>;
    const found: Finding[] = [];
    const rows = [
      ...(o.rows as unknown[]).map((r, i) => [`${where}.rows[${i}]`, r] as const),
      ...(o.total ? [[`${where}.total`, o.total] as const] : []),
    ];
    for (const [rowWhere, row] of rows) {
      for (const [path, kind] of Object.entries(measures)) {
        const v = at(row, path);
        if (v !== undefined && !figureOk(kind, v))
          found.push({ where: `${rowWhere}.${path}`, value: v, why: `not a shown ${kind}` });
      }
      // The rest of the row: labels, walked as anything else is.
      found.push(...labelFindings(row, Object.keys(measures), resolution, rowWhere));
    }
    for (const [k, v] of Object.entries(o))
      if (!['measures', 'rows', 'total'].includes(k)) found.push(...jsonFindings(v, resolution, `${where}.${k}`));
    return found;
  }
  return Object.entries(o).flatMap(([k, v]) => jsonFindings(v, resolution, `${where}.${k}`));
}

function labelFindings(
  row: unknown,
  figurePaths: string[],
  resolution: DateResolution,
  where: string,
  prefix = '',
): Finding[] {
  if (!row || typeof row !== 'object') return [];
  return Object.entries(row as Record<string, unknown>).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    if (figurePaths.includes(path)) return [];
    if (v && typeof v === 'object' && !Array.isArray(v)) return labelFindings(v, figurePaths, resolution, where, path);
    return jsonFindings(v, resolution, `${where}.${path}`);
  });
}

const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** A page: its main content, structurally (cells by their data-measure), and its words for dates and times. */
export function pageFindings(html: string, resolution: DateResolution, where = 'page'): Finding[] {
  const main = /<main\b[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  const found: Finding[] = [];
  for (const m of main.matchAll(/<(td|th|dd)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const attributes = m[2]!;
    const text = textOf(m[3]!);
    const kind = /data-measure="([a-z]+)"/.exec(attributes)?.[1];
    if (kind) {
      const ok =
        kind === 'count'
          ? SUPPRESSED.includes(text) || /^(0|[5-9]|[1-9]\d+|\d{1,3}(,\d{3})+)$/.test(text)
          : kind === 'share'
            ? ['withheld', 'none', 'none due', ''].includes(text) || /^\d{1,3}%$/.test(text)
            : ['withheld', ''].includes(text) || /^\d+(\.\d+)?$/.test(text);
      if (!ok) found.push({ where: `${where}: ${kind} cell`, value: text, why: `not a shown ${kind}` });
    } else if (/govuk-table__cell--numeric/.test(attributes) && /^[1-4]$/.test(text)) {
      found.push({
        where: `${where}: numeric cell`,
        value: text,
        why: 'a whole number from 1 to 4 in a figure cell not marked with what it is',
      });
    }
  }
  found.push(...dateFindings(where, textOf(main), resolution));
  return found;
}

/** The dashboard's CSV: numbers only in Value, counts shown as 0 or 5 or more, suppression in its own column. */
export function csvFindings(csv: string, resolution: DateResolution, where = 'csv'): Finding[] {
  const [head, ...rows] = parse(csv) as string[][];
  const column = (name: string) => head!.indexOf(name);
  const [unit, value, suppressed] = [column('Unit'), column('Value'), column('Suppressed')];
  if (unit < 0 || value < 0 || suppressed < 0)
    return [{ where, value: head, why: 'no Unit, Value and Suppressed columns' }];
  const found: Finding[] = [];
  rows.forEach((row, i) => {
    const w = `${where} row ${i + 2}`;
    const v = row[value]!;
    const s = row[suppressed]!;
    if (v !== '' && !/^\d+(\.\d+)?$/.test(v)) found.push({ where: w, value: v, why: 'words in the Value column' });
    if (v !== '' && s !== '') found.push({ where: w, value: [v, s], why: 'a value beside a suppression' });
    if (s !== '' && !SUPPRESSED.includes(s)) found.push({ where: w, value: s, why: 'an unknown suppression' });
    if (row[unit] === 'count' && /^\d+$/.test(v) && !countOk(Number(v)))
      found.push({ where: w, value: v, why: 'a count from 1 to 4' });
    if (row[unit] === 'share' && /^\d+(\.\d+)?$/.test(v) && !(Number(v) >= 0 && Number(v) <= 1))
      found.push({ where: w, value: v, why: 'a share outside 0 to 1' });
    for (const cell of row) found.push(...dateFindings(w, cell, resolution, true));
  });
  return found;
}

/** An API event for a path with a query string (`apiEvent` takes the path as it is): the query moved into its parameters. */
export function withQuery<E extends { rawPath: string }>(event: E): E {
  const [path, query] = event.rawPath.split('?');
  return { ...event, rawPath: path!, queryStringParameters: Object.fromEntries(new URLSearchParams(query ?? '')) };
}
