/**
 * What pages show of an API answer: a case's details as summary-list rows whatever the process (the
 * API has already cut them to what this reader may see), clocks with their state and source.
 */

import type { Lateness } from '#core/clocks/state';
import type { ReadableProcess } from '#core/process/definition';
import * as z from '#core/schema/zod';
import { periodSortKey, periodText } from './dashboard/view';
import { humanise, longDate, longDateTime } from './render';
import { type ClockState, SOURCE_WORDS } from './words';

export interface SummaryRow {
  key: { text: string };
  value: { text?: string; html?: string };
}

/** A group of a case's details: its own rows, under a title for a nested group ("Child"). */
export interface DetailGroup {
  title?: string;
  rows: SummaryRow[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The words a process's schemas give its fields and values (their `.meta`: core/schema FieldWords): each
 * field's title by its path in the opening event and by its name in any event, and each list of codes in
 * words by the field's name, so a case page names a value as the form that took it did.
 */
export interface ProcessWords {
  titles: Record<string, string>;
  choices: Record<string, Record<string, string>>;
}

const wordsCache = new WeakMap<object, ProcessWords>();

type Json = Record<string, unknown>;

export function processWords(definition: Pick<ReadableProcess, 'events'>): ProcessWords {
  const cached = wordsCache.get(definition);
  if (cached) return cached;
  const words: ProcessWords = { titles: {}, choices: {} };
  const walk = (json: Json, path: string, opening: boolean) => {
    const name = path.split('.').at(-1) ?? '';
    if (name && typeof json.title === 'string') {
      if (opening) words.titles[path] ??= json.title;
      words.titles[name] ??= json.title;
    }
    const choices = (json.choices ?? (json.items as Json | undefined)?.choices) as Record<string, string> | undefined;
    if (name && choices) words.choices[name] = { ...choices, ...words.choices[name] };
    if (json.properties)
      for (const [key, child] of Object.entries(json.properties as Record<string, Json>))
        walk(child, path ? `${path}.${key}` : key, opening);
    if (json.items && (json.items as Json).properties) walk(json.items as Json, path, opening);
  };
  for (const event of definition.events)
    walk(z.toJSONSchema(event.schema, { io: 'input', unrepresentable: 'any' }) as Json, '', !!event.opensCase);
  wordsCache.set(definition, words);
  return words;
}

/** What a case page knows to name values: the partnership's organisations, and the process's words. */
export interface Naming {
  names?: Record<string, string>;
  words?: ProcessWords;
}

/**
 * A value in words: a code by the words its field's list gives it, an organisation by its name, dates and
 * times GOV.UK style (London), yes/no, nothing as "Not recorded".
 */
export function valueText(value: unknown, key = '', naming: Naming = {}): string {
  const { names = {}, words } = naming;
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    const chosen = words?.choices[key]?.[value];
    if (chosen) return chosen;
    // An organisation's id reads as its name (the partnership's directory).
    if (Object.hasOwn(names, value)) return names[value]!;
    if (DATE.test(value)) return longDate(value);
    if (INSTANT.test(value)) return longDateTime(value);
    // Codes from a schema's list (inArea, section20) read as words; free text and ids as they are.
    if (/^[a-z]+([A-Z0-9][a-z0-9]*)+$/.test(value) && !/email|name|reference|urn/i.test(key)) return humanise(value);
    return value;
  }
  return String(value);
}

/** A rating on the Dynamic Support Register, as a tag of its colour (the word carries it). */
const RAG_TAGS: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};
const ragTag = (code: string, text: string) =>
  `<strong class="govuk-tag ${RAG_TAGS[code]} app-nowrap">${escapeHtml(text)}</strong>`;

/** Details not for people to read: internal ids. */
const HIDDEN = new Set(['userId', 'clockId', 'eventId']);

/**
 * A case's details as summary-list groups: its own values first, then each nested group under its title
 * ("Child": "Full name", "Date of birth"); a list of things as a group of lines in one row. Labels are
 * the titles the process's forms give the fields, else the field names in words.
 */
export function detailGroups(details: unknown, naming: Naming = {}): DetailGroup[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  const titleOf = (path: string) => {
    const name = path.split('.').at(-1)!;
    return naming.words?.titles[path] ?? naming.words?.titles[name] ?? humanise(name);
  };
  const groups: DetailGroup[] = [];
  const rowsOf = (object: Record<string, unknown>, path: string, prefix: string): SummaryRow[] => {
    const rows: SummaryRow[] = [];
    for (const [key, value] of Object.entries(object)) {
      if (HIDDEN.has(key)) continue;
      const at = path ? `${path}.${key}` : key;
      const label = prefix ? `${prefix}: ${lowerFirst(titleOf(at))}` : titleOf(at);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        if (!path) groups.push({ title: titleOf(at), rows: rowsOf(value as Record<string, unknown>, at, '') });
        else rows.push(...rowsOf(value as Record<string, unknown>, at, label));
      } else if (Array.isArray(value)) {
        if (!value.length) rows.push({ key: { text: label }, value: { text: 'None' } });
        else {
          const lines = value.map((v) =>
            v && typeof v === 'object'
              ? Object.entries(v as Record<string, unknown>)
                  .filter(([k]) => !HIDDEN.has(k))
                  .map(([k, x]) => `${titleOf(`${at}.${k}`)}: ${listText(x, k, naming)}`)
                  .join('; ')
              : valueText(v, key, naming),
          );
          rows.push({
            key: { text: label },
            value: { html: `<ul class="govuk-list">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` },
          });
        }
      } else if (key === 'organisation' && typeof value === 'string' && !naming.names?.[value] && object.schoolUrn)
        // A school's staff (schools are in the school directory, not the partnership's).
        rows.push({ key: { text: label }, value: { text: `The school with URN ${String(object.schoolUrn)}` } });
      else if (key === 'rating' && typeof value === 'string' && RAG_TAGS[value])
        rows.push({ key: { text: label }, value: { html: ragTag(value, valueText(value, key, naming)) } });
      else rows.push({ key: { text: label }, value: { text: valueText(value, key, naming) } });
    }
    return rows;
  };
  const own = rowsOf(details as Record<string, unknown>, '', '');
  return [...(own.length ? [{ rows: own }] : []), ...groups.filter((g) => g.rows.length)];
}

/** A value that may be a list (organisations present) in words, its items joined. */
const listText = (value: unknown, key: string, naming: Naming) =>
  Array.isArray(value) ? value.map((v) => valueText(v, key, naming)).join(', ') : valueText(value, key, naming);

const lowerFirst = (t: string) => (/^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t);

export interface ClockView {
  id?: string;
  title: string;
  /** The one state the API gives the clock, how late, and what due soon means for it. */
  state: ClockState;
  late?: Lateness;
  dueSoonRule?: string;
  source: string;
  citation?: string;
  dueAt?: string | null;
  stoppedAt?: string | null;
  startedAt?: string;
  /**
   * From a pseudonymous clock list, where no instant is given: the due day
   * (or week) in words, and a key to sort by.
   */
  dueText?: string;
  dueOn?: string;
}

/** A clock from the API (a case's, or a person's cases') as pages show it, with the state the API gives it. */
export function clockView(clock: {
  id?: string;
  clockId?: string;
  title: string;
  status: string;
  state: ClockState;
  late?: Lateness;
  dueSoonRule?: string;
  dueAt?: string | null;
  stoppedAt?: string | null;
  startedAt?: string;
  source: string | { kind: string; citation: string };
}): ClockView {
  const source = typeof clock.source === 'string' ? { kind: clock.source, citation: undefined } : clock.source;
  return {
    id: clock.id ?? clock.clockId,
    title: clock.title,
    state: clock.state,
    ...(clock.late ? { late: clock.late } : {}),
    ...(clock.dueSoonRule ? { dueSoonRule: clock.dueSoonRule } : {}),
    source: SOURCE_WORDS[source.kind] ?? humanise(source.kind),
    ...(source.citation ? { citation: source.citation } : {}),
    dueAt: clock.dueAt ?? null,
    stoppedAt: clock.stoppedAt ?? null,
    ...(clock.startedAt ? { startedAt: clock.startedAt } : {}),
  };
}

/**
 * An open clock as GET /processes/{p}/clocks lists it (its London day or ISO week, never an instant) as
 * pages show it: the state the API gives it, the date in words.
 */
export function listedClockView(clock: {
  clockId: string;
  title: string;
  status: string;
  due: string;
  state: ClockState;
  dueSoonRule?: string;
  source: string;
}): ClockView {
  return {
    id: clock.clockId,
    title: clock.title,
    state: clock.state,
    ...(clock.dueSoonRule ? { dueSoonRule: clock.dueSoonRule } : {}),
    source: SOURCE_WORDS[clock.source] ?? humanise(clock.source),
    dueAt: null,
    stoppedAt: null,
    dueText: periodText(clock.due),
    dueOn: periodSortKey(clock.due),
  };
}

/** How a clock state reads where a colour cannot be used. */
export const STATE_WORDS: Record<ClockState, string> = {
  inTime: 'In time',
  dueSoon: 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  metLate: 'Met late',
  paused: 'Paused',
  notNeeded: 'No longer needed',
};
