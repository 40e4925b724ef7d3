/**
 * London calendar days and UTC instants.
 *
 * - An instant is a JS `Date` (a point on the UTC timeline).
 * - A `LocalDate` is a 'YYYY-MM-DD' string naming a calendar day in
 *   Europe/London (GMT in winter, BST = UTC+1 from 01:00 UTC on the last
 *   Sunday of March to 01:00 UTC on the last Sunday of October).
 *
 * Conversions use `Intl.DateTimeFormat` with timeZone 'Europe/London', so
 * they follow the tz database rather than hand-written rules.
 */

import { CalendarCoverageError } from './errors';

/** A calendar day in Europe/London, 'YYYY-MM-DD'. */
export type LocalDate = string;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface Ymd {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? Number.NaN;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function parseYmd(s: string): Ymd | undefined {
  const m = LOCAL_DATE_PATTERN.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function requireYmd(day: LocalDate): Ymd {
  const ymd = parseYmd(day);
  if (!ymd) throw new RangeError(`Not a valid calendar day (expected YYYY-MM-DD): ${JSON.stringify(day)}`);
  return ymd;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** Milliseconds of midnight UTC of the given civil date (works for years < 100 too). */
function utcMidnight(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** Days since 1970-01-01 of a LocalDate (no time zone involved). */
export function epochDayOf(day: LocalDate): number {
  const { year, month, day: d } = requireYmd(day);
  return Math.round(utcMidnight(year, month, d) / MS_PER_DAY);
}

/** The LocalDate of a day number since 1970-01-01. */
export function localDateOfEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function requireInstant(instant: Date, what = 'instant'): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`Not a valid ${what}: ${String(instant)}`);
  return t;
}

/** True when `s` is a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(s: string): boolean {
  return typeof s === 'string' && parseYmd(s) !== undefined;
}

// ---------------------------------------------------------------------------
// Europe/London offset

const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LondonWall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function londonWallOf(t: number): LondonWall {
  const wall: LondonWall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of londonFormatter.formatToParts(new Date(t))) {
    switch (part.type) {
      case 'year':
        wall.year = Number(part.value);
        break;
      case 'month':
        wall.month = Number(part.value);
        break;
      case 'day':
        wall.day = Number(part.value);
        break;
      case 'hour':
        wall.hour = Number(part.value);
        break;
      case 'minute':
        wall.minute = Number(part.value);
        break;
      case 'second':
        wall.second = Number(part.value);
        break;
      default:
        break;
    }
  }
  return wall;
}

/** London offset from UTC in milliseconds at instant t (0 in GMT, +3 600 000 in BST). */
function londonOffsetAt(t: number): number {
  const w = londonWallOf(t);
  const wallMs = utcMidnight(w.year, w.month, w.day) + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000;
  const msPart = ((t % 1000) + 1000) % 1000;
  return wallMs + msPart - t;
}

// ---------------------------------------------------------------------------
// Instants <-> London wall clock

/** The London calendar day of an instant. */
export function londonDateOf(instant: Date): LocalDate {
  const w = londonWallOf(requireInstant(instant));
  return `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** The London wall-clock time of an instant, 'HH:MM'. */
export function londonTimeOf(instant: Date): string {
  const w = londonWallOf(requireInstant(instant));
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

function parseTime(time: string): number {
  const m = TIME_PATTERN.exec(time);
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2]) : Number.NaN;
  const s = m && m[3] !== undefined ? Number(m[3]) : 0;
  if (!m || h > 23 || min > 59 || s > 59) {
    throw new RangeError(`Not a valid wall-clock time (expected HH:MM or HH:MM:SS): ${JSON.stringify(time)}`);
  }
  return ((h * 60 + min) * 60 + s) * 1000;
}

/**
 * The instant at which London wall clocks show `time` on `day`.
 *
 * - Spring-forward gap (e.g. 01:30 on 2026-03-29 does not exist): returns the
 *   first valid instant after the gap, i.e. the moment of the change
 *   (02:00 BST = 01:00 UTC).
 * - Autumn overlap (e.g. 01:30 on 2026-10-25 happens twice): returns the first
 *   occurrence, in BST (00:30 UTC).
 */
export function londonDateTime(day: LocalDate, time: string): Date {
  const { year, month, day: d } = requireYmd(day);
  const wall = utcMidnight(year, month, d) + parseTime(time);

  // London changes offset at most once in any two days, so the offsets one
  // day either side are the only candidates.
  const offsetBefore = londonOffsetAt(wall - MS_PER_DAY);
  const offsetAfter = londonOffsetAt(wall + MS_PER_DAY);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((t) => t + londonOffsetAt(t) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));

  // In a gap: find the instant of the change by bisection. `lo` is before the
  // change (offsetBefore in force), `hi` after it.
  let lo = wall - offsetAfter;
  let hi = wall - offsetBefore;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (londonOffsetAt(mid) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** 00:00 London on `day`. */
export function startOfLondonDay(day: LocalDate): Date {
  return londonDateTime(day, '00:00');
}

/** 23:59:59.999 London on `day` (the last millisecond before the next London day starts). */
export function endOfLondonDay(day: LocalDate): Date {
  return new Date(startOfLondonDay(addCalendarDays(day, 1)).getTime() - 1);
}

// ---------------------------------------------------------------------------
// Calendar-day arithmetic (no time zone involved)

/** `day` plus `n` calendar days (n may be negative). */
export function addCalendarDays(day: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Number of days must be an integer: ${n}`);
  return localDateOfEpochDay(epochDayOf(day) + n);
}

/**
 * `day` plus `n` calendar months (n may be negative), clamped to the last day
 * of the target month: 2026-08-31 + 6 months = 2027-02-28.
 */
export function addCalendarMonths(day: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Number of months must be an integer: ${n}`);
  const { year, month, day: d } = requireYmd(day);
  const monthIndex = year * 12 + (month - 1) + n;
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  if (y < 1 || y > 9999) {
    throw new CalendarCoverageError(`a date for ${day} + ${n} months`, {
      gap: 'dateRange',
      known: 'dates from year 1 to year 9999',
    });
  }
  return `${pad4(y)}-${pad2(m)}-${pad2(Math.min(d, daysInMonth(y, m)))}`;
}

/**
 * Age in whole years on a day, from a date of birth (both YYYY-MM-DD): a birthday counts from its own day,
 * and one on 29 February from 1 March in a year without it.
 */
export function ageOn(dateOfBirth: LocalDate, day: LocalDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** ISO day of week: 1 Monday … 7 Sunday. */
export function dayOfWeek(day: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const e = epochDayOf(day);
  return ((((e + 3) % 7) + 7) % 7) + 1;
}

/** Negative if a is before b, 0 if the same day, positive if after. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  requireYmd(a);
  requireYmd(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from a to b (b − a): daysBetween('2026-12-24', '2026-12-26') = 2. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDayOf(b) - epochDayOf(a);
}

// ---------------------------------------------------------------------------
// Elapsed time

/**
 * The instant `hours` real (elapsed) hours after `instant`; wall clocks may move by
 * a different amount across a clock change.
 */
export function addHours(instant: Date, hours: number): Date {
  if (!Number.isFinite(hours)) throw new RangeError(`Number of hours must be finite: ${hours}`);
  return new Date(requireInstant(instant) + hours * MS_PER_HOUR);
}

/** Elapsed hours from a to b (b − a), fractional. */
export function hoursBetween(a: Date, b: Date): number {
  return (requireInstant(b) - requireInstant(a)) / MS_PER_HOUR;
}

// ---------------------------------------------------------------------------
// Human text

/** 'Wed 23 Dec 2026'. */
export function formatLondonDate(day: LocalDate): string {
  const { year, month, day: d } = requireYmd(day);
  return `${WEEKDAY_SHORT[dayOfWeek(day) - 1]} ${d} ${MONTH_SHORT[month - 1]} ${year}`;
}

/** 'Wed 23 Dec 2026 at 23:59' in London time. */
export function formatLondon(instant: Date): string {
  return `${formatLondonDate(londonDateOf(instant))} at ${londonTimeOf(instant)}`;
}

// GOV.UK style (the GOV.UK style guide: '5 November 2026'; '8:30am', 'midday', 'midnight'; the time first):
// the one way the pages and the messages write days and times for people.

const MONTH_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** '5 November 2026' from 'YYYY-MM-DD' (no weekday, no leading zero). */
export function govukDate(day: LocalDate): string {
  const { year, month, day: d } = requireYmd(day);
  return `${d} ${MONTH_LONG[month - 1]} ${year}`;
}

/** A wall time 'HH:MM' in GOV.UK style: '9:30am', '2pm', 'midday', 'midnight' (12-hour, no ':00'). */
export function govukTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) return hhmm;
  const hours = Number(m[1]);
  const minutes = m[2]!;
  if (minutes === '00' && hours === 12) return 'midday';
  if (minutes === '00' && hours === 0) return 'midnight';
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return `${twelve}${minutes === '00' ? '' : `:${minutes}`}${hours < 12 ? 'am' : 'pm'}`;
}

/** '8:30am on 5 November 2026', '11:59pm on 1 March 2027': an instant in London time, GOV.UK style. */
export function govukDateTime(instant: Date): string {
  return `${govukTime(londonTimeOf(instant))} on ${govukDate(londonDateOf(instant))}`;
}

/** Minutes London is ahead of UTC at an instant (0 in GMT, 60 in BST). */
export function londonOffsetMinutes(instant: Date): number {
  return londonOffsetAt(requireInstant(instant)) / MS_PER_MINUTE;
}
