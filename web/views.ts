/**
 * What pages show of an API answer: a case's details as summary-list rows whatever the process (the
 * API has already cut them to what this reader may see), clocks with their state and source.
 */

import type { Lateness } from '#core/clocks/state';
import { periodSortKey, periodText } from './dashboard/view';
import { humanise, longDate, longDateTime } from './render';
import { type ClockState, SOURCE_WORDS } from './words';

export interface SummaryRow {
  key: { text: string };
  value: { text?: string; html?: string };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A value in words: dates and times in London, yes/no, nothing as "Not recorded". */
export function valueText(value: unknown, key = '', names: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
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

/**
 * Rows for a details object: nested objects become "Child: name" rows; a list of objects a numbered
 * group of lines in one row. Keys are turned into words.
 */
export function detailRows(details: unknown, names: Record<string, string> = {}, prefix = ''): SummaryRow[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  const rows: SummaryRow[] = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    const label = prefix ? `${prefix}: ${humanise(key).toLowerCase()}` : humanise(key);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      rows.push(...detailRows(value, names, label));
    } else if (Array.isArray(value)) {
      if (!value.length) rows.push({ key: { text: label }, value: { text: 'None' } });
      else {
        const lines = value.map((v) =>
          v && typeof v === 'object'
            ? Object.entries(v as Record<string, unknown>)
                .map(([k, x]) => `${humanise(k)}: ${valueText(x, k, names)}`)
                .join('; ')
            : valueText(v, key, names),
        );
        rows.push({
          key: { text: label },
          value: { html: `<ul class="govuk-list">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` },
        });
      }
    } else rows.push({ key: { text: label }, value: { text: valueText(value, key, names) } });
  }
  return rows;
}

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
