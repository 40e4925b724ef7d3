/**
 * Working days in England: Monday to Friday, except bank holidays in England
 * (from `date-holidays`, GB/ENG, and any bank holiday proclaimed for one year
 * that the partnership's configuration adds). An organisation's own working
 * days also leave out its closure days (`forOrganisation`); `england()` never does.
 */
import Holidays from 'date-holidays';
import { CalendarCoverageError } from './errors';
import {
  dayOfWeek,
  endOfLondonDay,
  epochDayOf,
  isLocalDate,
  type LocalDate,
  localDateOfEpochDay,
  londonDateOf,
} from './london';

export interface ClosureDay {
  date: LocalDate;
  reason: string;
  /**
   * The organisation that closes (e.g. 'riverside-council'). Its closure day counts only in that
   * organisation's own calendar (`forOrganisation`). A closure day without one closes the calendar
   * it is given to.
   */
  organisation?: string;
}

/**
 * A bank holiday proclaimed for one year (the State Funeral on 19 September 2022, the Coronation on
 * 8 May 2023): a bank holiday in England under the Banking and Financial Dealings Act 1971 s1(3), so
 * every calendar, statutory clocks' included, skips it. It only adds a day off; nothing removes one.
 */
export interface ProclaimedBankHoliday {
  date: LocalDate;
  name: string;
  /** The proclamation that made it (the citation shown with the day). */
  proclamation: string;
}

export interface WorkingDayCalendarOptions {
  /** Extra non-working days (e.g. a council's days off between Christmas and New Year). */
  closureDays?: ClosureDay[];
  /**
   * Bank holidays proclaimed for one year, beyond those date-holidays knows (a day it knows already is
   * simply the same day). Shared by every view, `england()` included.
   */
  proclaimedBankHolidays?: ProclaimedBankHoliday[];
  /** First calendar year the calendar answers for (default 2020). */
  firstYear?: number;
  /** Last calendar year the calendar answers for (default 2035). */
  lastYear?: number;
}

export interface BankHoliday {
  date: LocalDate;
  name: string;
  /** For a bank holiday proclaimed for one year and added by configuration: its proclamation. */
  proclamation?: string;
}

export interface WorkingDayCalendar {
  isWorkingDay(day: LocalDate): boolean;
  /**
   * Why `day` is not a working day ('Saturday', 'Sunday', 'Christmas Day (substitute day)', a closure
   * reason), or undefined for a working day.
   */
  nonWorkingReason(day: LocalDate): string | undefined;
  /**
   * n ≥ 1: the nth working day strictly after `day`; 0: `day` itself; n < 0: the
   * |n|th working day strictly before `day`.
   */
  addWorkingDays(day: LocalDate, n: number): LocalDate;
  /** Number of working days d with from < d ≤ to; negative (and symmetric) when to < from. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /** The first working day strictly after `day`. */
  nextWorkingDay(day: LocalDate): LocalDate;
  /** Bank holidays in England in `year`, sorted, as officially observed (weekday dates, substitute days included). */
  bankHolidays(year: number): BankHoliday[];
  /**
   * Working days in England and nothing else: weekends and bank holidays in England are the only days
   * off, whatever closure days this calendar was given. What statutory clocks count.
   */
  england(): WorkingDayCalendar;
  /**
   * The working days of one organisation: this calendar's own closure days (those without an
   * organisation) and that organisation's closure days, and no other organisation's. What a local
   * target owned by that organisation counts.
   */
  forOrganisation(organisationId: string): WorkingDayCalendar;
}

export const DEFAULT_FIRST_YEAR = 2020;
export const DEFAULT_LAST_YEAR = 2035;

// ---------------------------------------------------------------------------
// Bank holidays (shared by every calendar, computed once per year)

let holidaysSource: Holidays | undefined;
const bankHolidayCache = new Map<number, readonly BankHoliday[]>();

/**
 * Bank holidays in England for a year, from date-holidays.
 *
 * date-holidays lists the traditional day AND its substitute when, say,
 * Boxing Day falls on a Saturday (2026: 'Boxing Day' on Sat 26 Dec and
 * 'Boxing Day (substitute day)' on Mon 28 Dec, the latter with
 * `substitute: true`). The official list (gov.uk) has only the substitute, so
 * days falling on a weekend are dropped: a bank holiday in England is always
 * a weekday.
 */
function englandBankHolidays(year: number): readonly BankHoliday[] {
  const cached = bankHolidayCache.get(year);
  if (cached) return cached;
  holidaysSource ??= new Holidays('GB', 'ENG');
  const byDate = new Map<LocalDate, string>();
  for (const h of holidaysSource.getHolidays(year)) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    const date = h.date.slice(0, 10);
    if (!isLocalDate(date) || !date.startsWith(`${String(year).padStart(4, '0')}-`)) continue;
    if (dayOfWeek(date) >= 6) continue;
    const existing = byDate.get(date);
    byDate.set(date, existing ? `${existing} / ${h.name}` : h.name);
  }
  const list = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, name]) => Object.freeze({ date, name }));
  const frozen = Object.freeze(list);
  bankHolidayCache.set(year, frozen);
  return frozen;
}

// ---------------------------------------------------------------------------
// Sorted search helpers over Int32Array of epoch days

/** Number of elements < x. */
function lowerBound(arr: Int32Array, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of elements ≤ x. */
function upperBound(arr: Int32Array, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function yearOf(day: LocalDate): number {
  return Number(day.slice(0, 4));
}

function requireInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer: ${n}`);
}

function requireDay(day: LocalDate): void {
  if (!isLocalDate(day)) throw new RangeError(`Not a valid calendar day (expected YYYY-MM-DD): ${JSON.stringify(day)}`);
}

interface YearData {
  /** Non-weekend non-working days of the year and their reasons. */
  readonly reasons: ReadonlyMap<LocalDate, string>;
  /** Working days of the year as epoch days, ascending. */
  readonly working: Int32Array;
}

// ---------------------------------------------------------------------------

type DayCalendar = Omit<WorkingDayCalendar, 'england' | 'forOrganisation'>;

export function createWorkingDayCalendar(options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
  const firstYear = options.firstYear ?? DEFAULT_FIRST_YEAR;
  const lastYear = options.lastYear ?? DEFAULT_LAST_YEAR;
  requireInteger(firstYear, 'firstYear');
  requireInteger(lastYear, 'lastYear');
  if (firstYear > lastYear) throw new RangeError(`firstYear ${firstYear} is after lastYear ${lastYear}`);
  const all = options.closureDays ?? [];
  for (const closure of all) {
    if (!isLocalDate(closure.date)) {
      throw new RangeError(`Closure day has an invalid date: ${JSON.stringify(closure.date)} (${closure.reason})`);
    }
  }
  const own = all.filter((c) => c.organisation === undefined);
  const proclaimed = options.proclaimedBankHolidays ?? [];
  for (const day of proclaimed) {
    if (!isLocalDate(day.date))
      throw new RangeError(`Proclaimed bank holiday has an invalid date: ${JSON.stringify(day.date)} (${day.name})`);
    if (dayOfWeek(day.date) >= 6)
      throw new RangeError(
        `Proclaimed bank holiday ${day.date} (${day.name}) falls on a weekend: ` +
          `a bank holiday is proclaimed for a weekday`,
      );
  }

  // Each view is built once, on first use, and shares the bank holidays.
  const views = new Map<string, WorkingDayCalendar>();
  function view(key: string, closures: () => ClosureDay[]): WorkingDayCalendar {
    const cached = views.get(key);
    if (cached) return cached;
    const made: WorkingDayCalendar = {
      ...buildCalendar(closures(), proclaimed, firstYear, lastYear),
      england: () => view('england', () => []),
      forOrganisation: (id: string) =>
        view(`organisation:${id}`, () => [...own, ...all.filter((c) => c.organisation === id)]),
    };
    views.set(key, made);
    return made;
  }
  return view('own', () => own);
}

/** England's bank holidays of a year: date-holidays' and the proclaimed ones it does not know, by date. */
function bankHolidaysOf(year: number, proclaimed: readonly ProclaimedBankHoliday[]): readonly BankHoliday[] {
  const known = englandBankHolidays(year);
  const extra = proclaimed.filter((p) => yearOf(p.date) === year && !known.some((h) => h.date === p.date));
  if (!extra.length) return known;
  return [...known, ...extra.map((p) => ({ date: p.date, name: p.name, proclamation: p.proclamation }))].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}

function buildCalendar(
  closureDays: ClosureDay[],
  proclaimed: readonly ProclaimedBankHoliday[],
  firstYear: number,
  lastYear: number,
): DayCalendar {
  const closuresByYear = new Map<number, Map<LocalDate, string>>();
  for (const closure of closureDays) {
    const y = yearOf(closure.date);
    let m = closuresByYear.get(y);
    if (!m) {
      m = new Map();
      closuresByYear.set(y, m);
    }
    const existing = m.get(closure.date);
    m.set(closure.date, existing && existing !== closure.reason ? `${existing} / ${closure.reason}` : closure.reason);
  }

  const years = new Map<number, YearData>();

  function requireCovered(year: number): void {
    if (year < firstYear || year > lastYear) {
      throw new CalendarCoverageError(
        `working-day calendar (bank holidays and closure days) for year ${year}; ` +
          `this calendar covers ${firstYear}–${lastYear} only`,
        { gap: 'workingDays', known: `working days from 1 January ${firstYear} to 31 December ${lastYear}` },
      );
    }
  }

  function yearData(year: number): YearData {
    const cached = years.get(year);
    if (cached) return cached;
    requireCovered(year);
    const reasons = new Map<LocalDate, string>();
    for (const h of bankHolidaysOf(year, proclaimed)) reasons.set(h.date, h.name);
    for (const [date, reason] of closuresByYear.get(year) ?? []) {
      if (dayOfWeek(date) >= 6 || reasons.has(date)) continue; // already not a working day
      reasons.set(date, reason);
    }
    const first = epochDayOf(`${String(year).padStart(4, '0')}-01-01`);
    const last = epochDayOf(`${String(year).padStart(4, '0')}-12-31`);
    const working: number[] = [];
    for (let e = first; e <= last; e++) {
      const isoDow = ((((e + 3) % 7) + 7) % 7) + 1;
      if (isoDow >= 6) continue;
      if (reasons.has(localDateOfEpochDay(e))) continue;
      working.push(e);
    }
    const data: YearData = { reasons, working: Int32Array.from(working) };
    years.set(year, data);
    return data;
  }

  function nonWorkingReason(day: LocalDate): string | undefined {
    requireDay(day);
    const data = yearData(yearOf(day));
    const dow = dayOfWeek(day);
    if (dow === 6) return 'Saturday';
    if (dow === 7) return 'Sunday';
    return data.reasons.get(day);
  }

  function isWorkingDay(day: LocalDate): boolean {
    return nonWorkingReason(day) === undefined;
  }

  function addWorkingDays(day: LocalDate, n: number): LocalDate {
    requireDay(day);
    requireInteger(n, 'Number of working days');
    let year = yearOf(day);
    let working = yearData(year).working;
    if (n === 0) return day;
    const e = epochDayOf(day);
    if (n > 0) {
      // Index (in this year's list) of the nth working day after `day`.
      let target = upperBound(working, e) + n - 1;
      while (target >= working.length) {
        target -= working.length;
        year += 1;
        working = yearData(year).working;
      }
      return localDateOfEpochDay(working[target] as number);
    }
    let target = lowerBound(working, e) + n;
    while (target < 0) {
      year -= 1;
      working = yearData(year).working;
      target += working.length;
    }
    return localDateOfEpochDay(working[target] as number);
  }

  /** Working days d with d ≤ day, counted from 1 January of `baseYear`. */
  function countUpTo(day: LocalDate, baseYear: number): number {
    const year = yearOf(day);
    let count = upperBound(yearData(year).working, epochDayOf(day));
    for (let y = baseYear; y < year; y++) count += yearData(y).working.length;
    return count;
  }

  function workingDaysBetween(from: LocalDate, to: LocalDate): number {
    requireDay(from);
    requireDay(to);
    const base = Math.min(yearOf(from), yearOf(to));
    return countUpTo(to, base) - countUpTo(from, base);
  }

  function nextWorkingDay(day: LocalDate): LocalDate {
    return addWorkingDays(day, 1);
  }

  function bankHolidays(year: number): BankHoliday[] {
    requireInteger(year, 'Year');
    requireCovered(year);
    return bankHolidaysOf(year, proclaimed).map((h) => ({ ...h }));
  }

  return { isWorkingDay, nonWorkingReason, addWorkingDays, workingDaysBetween, nextWorkingDay, bankHolidays };
}

/**
 * "Within N working days of X": the end (23:59:59.999 London) of the Nth
 * working day after the London day of `start`. Day 1 is the first working day
 * after the start's London day, whatever the time of `start` and whether that
 * day is itself a working day. n = 0 gives the end of the start's own London day.
 */
export function withinWorkingDays(calendar: WorkingDayCalendar, start: Date, n: number): Date {
  requireInteger(n, 'Number of working days');
  if (n < 0) throw new RangeError(`Number of working days must not be negative: ${n}`);
  return endOfLondonDay(calendar.addWorkingDays(londonDateOf(start), n));
}
