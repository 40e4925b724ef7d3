/**
 * Term dates as councils publish them: a CSV of terms, holidays and INSET days, or an iCalendar (.ics)
 * file of all-day events, read into the school years of a term calendar (term-calendars.ts). Every
 * problem names its line (for an .ics file, the line of the property at fault), and nothing is kept
 * from a file with a problem.
 *
 * A term is the days from its start to its end; a holiday inside it (a half term) splits it, so a
 * council that lists "Autumn term, 2 September to 18 December" and "October half term, 26 to 30
 * October" gives two entries, "Autumn term, first half" and "Autumn term, second half". INSET days
 * must fall on weekdays inside a term. Bank holidays are left out: England's bank holidays are never
 * school days already (school-days.ts).
 */
import ICAL from 'ical.js';
import {
  addCalendarDays,
  compareLocalDates,
  dayOfWeek,
  isLocalDate,
  type LocalDate,
  type SchoolYearTerms,
  schoolYearOf,
  type Term,
  type TermCalendar,
} from '../calendar';
import { readCsv } from './csv-records';
import { textOfFile } from './file-text';
import { parseTermCalendars, TermCalendarsError } from './term-calendars';

export type TermDatesFormat = 'csv' | 'ics';

export interface TermDatesProblem {
  /** 1-based line of the file. */
  line: number;
  column?: number;
  reason: string;
}

export interface TermDatesRead {
  /** The school years the file gives, each complete (empty when there is a problem). */
  schoolYears: SchoolYearTerms[];
  problems: TermDatesProblem[];
  /** Entries read but not kept, with their line: bank holidays. */
  leftOut: TermDatesProblem[];
}

type Kind = 'term' | 'holiday' | 'inset' | 'bankHoliday';

interface Entry {
  kind: Kind;
  name: string;
  start: LocalDate;
  /** Inclusive. */
  end: LocalDate;
  /** Where a problem with the entry as a whole is reported: the row, or the event's first line. */
  line: number;
  /** Where a problem with its start or its end is reported (an .ics file's DTSTART and DTEND lines). */
  startLine: number;
  endLine: number;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
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
/** Term dates are for the years around now; a year far outside them is a typing mistake. */
const YEARS = { from: 2000, to: 2099 };

/** Words in a type, category or summary, most specific first: "half term" is a holiday, though it says "term". */
function kindOf(words: string): Kind | undefined {
  const w = words.toLowerCase();
  if (/\b(inset|training day|staff development|teacher day|professional development)/.test(w)) return 'inset';
  if (/\bbank holiday/.test(w)) return 'bankHoliday';
  if (/\b(holiday|half[ -]?term|break|closed|closure|vacation)\b/.test(w)) return 'holiday';
  if (/\bterm\b/.test(w)) return 'term';
  return undefined;
}

const dayText = (day: LocalDate) =>
  `${WEEKDAYS[dayOfWeek(day) - 1]} ${Number(day.slice(8))} ` +
  `${MONTHS[Number(day.slice(5, 7)) - 1]!.replace(/^./, (c) => c.toUpperCase())} ${day.slice(0, 4)}`;

/**
 * A date as councils write them: 2026-09-02, 02/09/2026 (day first, as in England), or "Wednesday 2
 * September 2026" ("2 Sep 2026", the weekday optional but checked when given). A reason when it is not.
 */
export function dateOf(text: string): { ok: true; day: LocalDate } | { ok: false; reason: string } {
  const value = text.trim().replace(/\s+/g, ' ');
  let day: string | undefined;
  let weekday: string | undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const inWords = /^(?:([A-Za-z]+),? )?(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})$/.exec(value);
  if (iso) day = value;
  else if (slashed) day = `${slashed[3]}-${slashed[2]!.padStart(2, '0')}-${slashed[1]!.padStart(2, '0')}`;
  else if (inWords) {
    const monthName = inWords[3]!.toLowerCase();
    const month = MONTHS.findIndex(
      (name) => name === monthName || (monthName.length >= 3 && name.startsWith(monthName)),
    );
    if (month < 0) return { ok: false, reason: `'${value}' names no month` };
    day = `${inWords[4]}-${String(month + 1).padStart(2, '0')}-${inWords[2]!.padStart(2, '0')}`;
    weekday = inWords[1];
  } else
    return {
      ok: false,
      reason: `'${value}' is not a date (write 2026-09-02, 02/09/2026 or Wednesday 2 September 2026)`,
    };
  if (!isLocalDate(day)) return { ok: false, reason: `'${value}' is not a day of the calendar` };
  const year = Number(day.slice(0, 4));
  if (year < YEARS.from || year > YEARS.to)
    return { ok: false, reason: `'${value}' is not a year term dates are given for` };
  if (weekday) {
    const named = WEEKDAYS.findIndex(
      (w) =>
        w.toLowerCase() === weekday!.toLowerCase() ||
        (weekday!.length >= 3 && w.toLowerCase().startsWith(weekday!.toLowerCase())),
    );
    if (named < 0) return { ok: false, reason: `'${weekday}' is not a day of the week` };
    if (named + 1 !== dayOfWeek(day))
      return {
        ok: false,
        reason:
          `${dayText(day).split(' ').slice(1).join(' ')} is a ` +
          `${WEEKDAYS[dayOfWeek(day) - 1]}, not a ${WEEKDAYS[named]}`,
      };
  }
  return { ok: true, day };
}

const isWeekday = (day: LocalDate) => dayOfWeek(day) <= 5;

/** The weekday on or after `day`, and on or before. */
function weekdayFrom(day: LocalDate): LocalDate {
  let d = day;
  while (!isWeekday(d)) d = addCalendarDays(d, 1);
  return d;
}
function weekdayUntil(day: LocalDate): LocalDate {
  let d = day;
  while (!isWeekday(d)) d = addCalendarDays(d, -1);
  return d;
}

const PART_NAMES = ['first half', 'second half'];

/**
 * The school years from the entries read: terms with their holidays taken out, INSET days inside them.
 * Problems name the lines of the entries at fault.
 */
function schoolYearsOf(entries: Entry[], problems: TermDatesProblem[], leftOut: TermDatesProblem[]): SchoolYearTerms[] {
  const terms = entries.filter((e) => e.kind === 'term').sort((a, b) => compareLocalDates(a.start, b.start));
  const holidays = entries.filter((e) => e.kind === 'holiday');
  const insets = entries.filter((e) => e.kind === 'inset');
  for (const e of entries)
    if (e.kind === 'bankHoliday')
      leftOut.push({
        line: e.line,
        reason:
          `${e.name}: bank holidays are never school days already (England's bank holidays), ` +
          `so it is not kept with the term dates`,
      });
  for (const e of entries) {
    if (compareLocalDates(e.start, e.end) > 0)
      problems.push({
        line: e.endLine,
        reason: `${e.name} ends (${dayText(e.end)}) before it starts (${dayText(e.start)})`,
      });
  }
  if (problems.length) return [];
  if (!terms.length) {
    problems.push({
      line: 1,
      reason: 'the file gives no term: list each term (or half term) with its first and last day',
    });
    return [];
  }
  terms.forEach((term, i) => {
    if (schoolYearOf(term.start) !== schoolYearOf(term.end))
      problems.push({
        line: term.endLine,
        reason:
          `${term.name} runs from school year ${schoolYearOf(term.start)} into ${schoolYearOf(term.end)} ` +
          `(a school year ends on 31 August)`,
      });
    const before = terms[i - 1];
    if (before && compareLocalDates(term.start, before.end) <= 0)
      problems.push({
        line: term.startLine,
        reason:
          `${term.name} (from ${dayText(term.start)}) overlaps ${before.name} (to ` +
          `${dayText(before.end)}, line ${before.line})`,
      });
  });
  if (problems.length) return [];

  const years = new Map<string, SchoolYearTerms>();
  const yearOf = (year: string) => years.get(year) ?? years.set(year, { year, terms: [], insetDays: [] }).get(year)!;
  for (const term of terms) {
    // The term without its holidays: the pieces between them, each from a weekday to a weekday.
    let pieces: { start: LocalDate; end: LocalDate }[] = [{ start: term.start, end: term.end }];
    for (const holiday of holidays) {
      pieces = pieces.flatMap((p) => {
        if (compareLocalDates(holiday.end, p.start) < 0 || compareLocalDates(holiday.start, p.end) > 0) return [p];
        const left = { start: p.start, end: addCalendarDays(holiday.start, -1) };
        const right = { start: addCalendarDays(holiday.end, 1), end: p.end };
        return [left, right].filter((q) => compareLocalDates(q.start, q.end) <= 0);
      });
    }
    const kept = pieces
      .map((p) => ({ start: weekdayFrom(p.start), end: weekdayUntil(p.end) }))
      .filter((p) => compareLocalDates(p.start, p.end) <= 0);
    if (!kept.length) {
      problems.push({
        line: term.line,
        reason: `${term.name} has no school day left: the holidays given cover all of it, or it falls on a weekend`,
      });
      continue;
    }
    kept.forEach((p, i) => {
      const name =
        kept.length === 1 ? term.name : `${term.name}, ${kept.length === 2 ? PART_NAMES[i] : `part ${i + 1}`}`;
      yearOf(schoolYearOf(p.start)).terms.push({ name, start: p.start, end: p.end } satisfies Term);
    });
  }
  const schoolDays = [...years.values()].flatMap((y) => y.terms);
  for (const inset of insets) {
    for (let day = inset.start; compareLocalDates(day, inset.end) <= 0; day = addCalendarDays(day, 1)) {
      if (!isWeekday(day)) {
        if (compareLocalDates(inset.start, inset.end) === 0)
          problems.push({
            line: inset.startLine,
            reason: `${inset.name}: ${dayText(day)} is a weekend day, not a school day`,
          });
        continue; // a range of INSET days over a weekend: its weekdays
      }
      if (!schoolDays.some((t) => compareLocalDates(t.start, day) <= 0 && compareLocalDates(day, t.end) <= 0)) {
        problems.push({
          line: inset.startLine,
          reason: `${inset.name}: ${dayText(day)} is not inside any term given (outside the terms, or in a holiday)`,
        });
        continue;
      }
      const entry = yearOf(schoolYearOf(day));
      if (!entry.insetDays.includes(day)) entry.insetDays.push(day);
    }
  }
  if (problems.length) return [];
  return [...years.values()]
    .map((y) => ({
      year: y.year,
      terms: y.terms.sort((a, b) => compareLocalDates(a.start, b.start)),
      insetDays: y.insetDays.sort(),
    }))
    .sort((a, b) => a.year.localeCompare(b.year));
}

/**
 * Check the result as the shipped calendars are checked (term-calendars.ts): a last net;
 * every rule above already names its line.
 */
function checked(schoolYears: SchoolYearTerms[], problems: TermDatesProblem[]): SchoolYearTerms[] {
  if (!schoolYears.length) return schoolYears;
  try {
    parseTermCalendars([{ id: 'imported', name: 'Imported', schoolYears }]);
    return schoolYears;
  } catch (error) {
    if (!(error instanceof TermCalendarsError)) throw error;
    for (const p of error.problems) problems.push({ line: 1, reason: p });
    return [];
  }
}

function result(entries: Entry[], problems: TermDatesProblem[]): TermDatesRead {
  const leftOut: TermDatesProblem[] = [];
  const years = problems.length ? [] : schoolYearsOf(entries, problems, leftOut);
  const schoolYears = problems.length ? [] : checked(years, problems);
  return {
    schoolYears: problems.length ? [] : schoolYears,
    problems: problems.sort((a, b) => a.line - b.line),
    leftOut,
  };
}

// ---------------------------------------------------------------------------------------------------
// CSV: Type, Name, Start, End

/** The columns of a term dates CSV, matched without regard to case; the first name of each is the one we ask for. */
export const TERM_DATES_COLUMNS = {
  type: ['Type', 'Kind'],
  name: ['Name', 'Description'],
  start: ['Start', 'Start date', 'From'],
  end: ['End', 'End date', 'To'],
} as const;

/**
 * A CSV with one row per term, holiday or INSET day: Type (Term, Holiday or Half term, INSET day, Bank
 * holiday), Name, Start and End (End may be empty for a single day; a term needs both).
 */
export function termDatesFromCsv(input: string | Uint8Array): TermDatesRead {
  const decoded = textOfFile(input);
  if (!decoded.ok)
    return {
      schoolYears: [],
      problems: decoded.problems.map((p) => ({ ...p, reason: `cannot be read: it ${p.reason}` })),
      leftOut: [],
    };
  const csv = readCsv(decoded.text);
  const problems: TermDatesProblem[] = csv.problems.map((p) => ({
    line: p.line,
    reason: `not valid CSV: ${p.reason}`,
  }));
  if (!csv.complete) return { schoolYears: [], problems, leftOut: [] };
  const [header, ...rows] = csv.records;
  if (!header)
    return {
      schoolYears: [],
      problems: [
        {
          line: 1,
          reason: `the file is empty: expected a header line naming ${Object.values(TERM_DATES_COLUMNS)
            .map((c) => c[0])
            .join(', ')}`,
        },
      ],
      leftOut: [],
    };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = {} as Record<keyof typeof TERM_DATES_COLUMNS, number>;
  const missing: string[] = [];
  for (const [key, options] of Object.entries(TERM_DATES_COLUMNS) as [
    keyof typeof TERM_DATES_COLUMNS,
    readonly string[],
  ][]) {
    const spellings = options.map((o) => o.toLowerCase());
    index[key] = names.findIndex((n) => spellings.includes(n));
    if (index[key] < 0) missing.push(options[0]!);
  }
  if (missing.length)
    return {
      schoolYears: [],
      problems: [
        {
          line: header.line,
          reason: `the header has no column ${missing.join(', ')} (expected Type, Name, Start, End)`,
        },
      ],
      leftOut: [],
    };

  const entries: Entry[] = [];
  for (const row of rows) {
    const cell = (key: keyof typeof TERM_DATES_COLUMNS) => (row.fields[index[key]] ?? '').trim();
    const type = cell('type');
    const name = cell('name') || type;
    const kind = kindOf(type) ?? kindOf(name);
    const reasons: string[] = [];
    if (!kind)
      reasons.push(
        type
          ? `Type '${type}' is not Term, Holiday, INSET day or Bank holiday`
          : 'Type is missing (Term, Holiday, INSET day or Bank holiday)',
      );
    const start = cell('start') ? dateOf(cell('start')) : undefined;
    const endText = cell('end');
    const end = endText ? dateOf(endText) : undefined;
    if (!start) reasons.push('Start is missing');
    else if (!start.ok) reasons.push(`Start ${start.reason}`);
    if (end && !end.ok) reasons.push(`End ${end.reason}`);
    if (!end && kind && kind !== 'inset' && kind !== 'bankHoliday')
      reasons.push(`End is missing (a ${kind === 'term' ? 'term' : 'holiday'} needs its last day)`);
    if (reasons.length || !kind || !start?.ok) {
      for (const reason of reasons) problems.push({ line: row.line, reason });
      continue;
    }
    const last = end?.ok ? end.day : start.day;
    entries.push({ kind, name, start: start.day, end: last, line: row.line, startLine: row.line, endLine: row.line });
  }
  return result(entries, problems);
}

// ---------------------------------------------------------------------------------------------------
// iCalendar: all-day events

/**
 * The lines of each top-level VEVENT, so a problem names the line of its property: ical.js reads the
 * file (unfolding, escapes, parameters) but keeps no line numbers. This only finds where each event and
 * each of its properties starts; every value is ical.js's.
 */
function eventLines(lines: string[]): { begin: number; property(name: string): number }[] {
  const events: { begin: number; end: number }[] = [];
  let depth = 0;
  let open: number | undefined;
  lines.forEach((line, i) => {
    if (/^BEGIN:/i.test(line)) {
      depth++;
      if (depth === 2 && /^BEGIN:VEVENT\s*$/i.test(line)) open = i;
    } else if (/^END:/i.test(line)) {
      if (depth === 2 && open !== undefined) {
        events.push({ begin: open, end: i });
        open = undefined;
      }
      depth--;
    }
  });
  return events.map(({ begin, end }) => ({
    begin: begin + 1,
    property(name: string) {
      for (let i = begin + 1; i < end; i++) if (new RegExp(`^${name}[;:]`, 'i').test(lines[i]!)) return i + 1;
      return begin + 1;
    },
  }));
}

/**
 * Start and end markers ("Autumn term starts", "Autumn term ends"): single-day
 * events some councils publish instead of spans.
 */
const START_MARKER = /\b(starts?|begins?|opens?|first day)\b/i;
const END_MARKER = /\b(ends?|finish(es)?|closes?|last day)\b/i;
const markerName = (summary: string) =>
  summary
    .replace(START_MARKER, ' ')
    .replace(END_MARKER, ' ')
    .replace(/\b(of|the)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * An iCalendar file of all-day events (DTSTART;VALUE=DATE, DTEND exclusive as RFC 5545 has it, or none
 * for a single day): each a term, a holiday, an INSET day or a bank holiday by its CATEGORIES or, when
 * it has none that say, its SUMMARY. A term may be given as one event spanning it, or as two single-day
 * events marking its first and last day ("Autumn term starts", "Autumn term ends").
 */
export function termDatesFromIcs(input: string | Uint8Array): TermDatesRead {
  const decoded = textOfFile(input);
  if (!decoded.ok)
    return {
      schoolYears: [],
      problems: decoded.problems.map((p) => ({ ...p, reason: `cannot be read: it ${p.reason}` })),
      leftOut: [],
    };
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (!/^BEGIN:VCALENDAR\s*$/i.test(lines.find((l) => l.trim() !== '') ?? '')) {
    return {
      schoolYears: [],
      problems: [{ line: 1, reason: 'is not an iCalendar file: it must start with BEGIN:VCALENDAR' }],
      leftOut: [],
    };
  }
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    // ical.js names the line's text, not its number: find it.
    const message = error instanceof Error ? error.message : String(error);
    const quoted = /"([^"]*)"\s*$/.exec(message)?.[1];
    const at = quoted === undefined ? -1 : lines.findIndex((l) => l === quoted || l.trim() === quoted.trim());
    return {
      schoolYears: [],
      problems: [
        { line: at >= 0 ? at + 1 : 1, reason: `is not valid iCalendar: ${message.replace(/\s*"[^"]*"\s*$/, '')}` },
      ],
      leftOut: [],
    };
  }
  const places = eventLines(lines);
  const problems: TermDatesProblem[] = [];
  const entries: Entry[] = [];
  const starts: (Entry & { key: string })[] = [];
  const ends: (Entry & { key: string })[] = [];
  calendar.getAllSubcomponents('vevent').forEach((event, i) => {
    const place = places[i] ?? { begin: 1, property: () => 1 };
    const summaryLine = place.property('SUMMARY');
    const startLine = place.property('DTSTART');
    const endLine = place.property('DTEND');
    const summary = String(event.getFirstPropertyValue('summary') ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const categories = event
      .getAllProperties('categories')
      .flatMap((p) => p.getValues().map(String))
      .join(', ');
    const kind = kindOf(categories) ?? kindOf(summary);
    const name = summary || categories || 'An event';
    if (event.getFirstProperty('rrule')) {
      problems.push({
        line: place.property('RRULE'),
        reason: `${name} repeats (RRULE): give each term, holiday and INSET day as its own event`,
      });
      return;
    }
    if (!kind) {
      problems.push({
        line: summaryLine,
        reason:
          `${summary ? `'${summary}'` : 'An event without a SUMMARY'} is not a term, a holiday, ` +
          `an INSET day or a bank holiday (say which in its SUMMARY or CATEGORIES)`,
      });
      return;
    }
    const day = (property: 'dtstart' | 'dtend', line: number): LocalDate | undefined => {
      const prop = event.getFirstProperty(property);
      if (!prop) return undefined;
      // ical.js turns 2026-13-45 into a real day; the value as written is checked first.
      const written = String((prop.toJSON() as unknown[])[3] ?? '');
      if (prop.type !== 'date') {
        problems.push({
          line,
          reason:
            `${name}: ${property.toUpperCase()} has a time of day; term dates are all-day events ` +
            `(${property.toUpperCase()};VALUE=DATE:20260902)`,
        });
        return undefined;
      }
      if (!isLocalDate(written)) {
        problems.push({
          line,
          reason: `${name}: ${property.toUpperCase()} '${written.replace(/-/g, '')}' is not a day of the calendar`,
        });
        return undefined;
      }
      return written;
    };
    if (!event.getFirstProperty('dtstart')) {
      problems.push({ line: place.begin, reason: `${name} has no DTSTART` });
      return;
    }
    const start = day('dtstart', startLine);
    const exclusiveEnd = day('dtend', endLine);
    if (!start || (event.getFirstProperty('dtend') && !exclusiveEnd)) return;
    if (exclusiveEnd && compareLocalDates(exclusiveEnd, start) <= 0) {
      problems.push({
        line: endLine,
        reason:
          `${name}: DTEND (${dayText(exclusiveEnd)}) is not after DTSTART (${dayText(start)}); ` +
          `an all-day event's DTEND is the day after its last day`,
      });
      return;
    }
    const end = exclusiveEnd ? addCalendarDays(exclusiveEnd, -1) : start;
    const entry: Entry = {
      kind,
      name,
      start,
      end,
      line: summaryLine,
      startLine,
      endLine: exclusiveEnd ? endLine : startLine,
    };
    if (kind === 'term' && start === end && (START_MARKER.test(summary) || END_MARKER.test(summary))) {
      (START_MARKER.test(summary) ? starts : ends).push({ ...entry, key: markerName(summary) });
      return;
    }
    entries.push(entry);
  });
  // Each "starts" with the first "ends" of the same term after it.
  starts.sort((a, b) => compareLocalDates(a.start, b.start));
  const unpaired = [...ends].sort((a, b) => compareLocalDates(a.start, b.start));
  for (const s of starts) {
    const at = unpaired.findIndex((e) => e.key === s.key && compareLocalDates(e.start, s.start) >= 0);
    if (at < 0) {
      problems.push({
        line: s.line,
        reason:
          `'${s.name}' has no matching end of term after it (an event like ` +
          `'${s.name.replace(START_MARKER, 'ends')}')`,
      });
      continue;
    }
    const [e] = unpaired.splice(at, 1);
    const name = s.name.replace(START_MARKER, '').replace(/\s+/g, ' ').trim();
    entries.push({
      kind: 'term',
      name: name || s.name,
      start: s.start,
      end: e!.start,
      line: s.line,
      startLine: s.startLine,
      endLine: e!.startLine,
    });
  }
  for (const e of unpaired)
    problems.push({ line: e.line, reason: `'${e.name}' has no matching start of term before it` });
  return result(entries, problems);
}

// ---------------------------------------------------------------------------------------------------

export function termDatesFrom(format: TermDatesFormat, input: string | Uint8Array): TermDatesRead {
  return format === 'csv' ? termDatesFromCsv(input) : termDatesFromIcs(input);
}

/**
 * A term calendar with the school years of an import: each year given replaces that year (a council
 * republishing a year's dates), the others are kept (next year's dates arrive as a new file).
 */
export function withSchoolYears(
  existing: TermCalendar | undefined,
  id: string,
  name: string,
  years: SchoolYearTerms[],
): TermCalendar {
  const given = new Set(years.map((y) => y.year));
  const kept = (existing?.schoolYears ?? []).filter((y) => !given.has(y.year));
  return { id, name, schoolYears: [...kept, ...years].sort((a, b) => a.year.localeCompare(b.year)) };
}
