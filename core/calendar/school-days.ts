/**
 * School days: weekdays inside a term of the school's term calendar that are
 * not bank holidays, INSET days or closure days.
 */
import { CalendarCoverageError } from './errors';
import { addCalendarDays, dayOfWeek, isLocalDate, type LocalDate, londonDateOf, londonDateTime } from './london';
import type { WorkingDayCalendar } from './working-days';

export interface Term {
  name: string;
  /** First day of the term (inclusive). */
  start: LocalDate;
  /** Last day of the term (inclusive). */
  end: LocalDate;
}

export interface SchoolYearTerms {
  /** '2026/27' for 1 Sep 2026 – 31 Aug 2027. */
  year: string;
  /** Each half term is its own entry; half-term breaks are the gaps between entries. */
  terms: Term[];
  insetDays: LocalDate[];
}

export interface TermCalendar {
  id: string;
  /** e.g. 'Riverside LA 330'. */
  name: string;
  schoolYears: SchoolYearTerms[];
}

export interface SchoolCalendar {
  urn: string;
  name: string;
  termCalendar: TermCalendar;
  extraInsetDays?: LocalDate[];
  extraClosureDays?: LocalDate[];
  /** London wall-clock time the school day starts, 'HH:MM' (default '08:30'). */
  startOfDay?: string;
}

export const DEFAULT_SCHOOL_START_OF_DAY = '08:30';

/** The longest run of non-school days we are prepared to walk before concluding the data is wrong. */
const MAX_DAYS_WITHOUT_SCHOOL = 800;

/** The school year (1 September – 31 August) containing `day`: '2026/27' for 2026-09-01 … 2027-08-31. */
export function schoolYearOf(day: LocalDate): string {
  if (!isLocalDate(day)) throw new RangeError(`Not a valid calendar day (expected YYYY-MM-DD): ${JSON.stringify(day)}`);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const startYear = month >= 9 ? year : year - 1;
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

function describeSchool(school: SchoolCalendar): string {
  return `${school.name} (URN ${school.urn})`;
}

/**
 * The school years a term calendar has dates for, in words: '2025/26 to 2027/28' when they run on,
 * '2025/26, 2027/28' when there is a gap, 'no school years' when there are none.
 */
export function describeSchoolYears(termCalendar: TermCalendar): string {
  const years = termCalendar.schoolYears.map((y) => y.year).sort();
  if (!years.length) return `no school years (term calendar ${termCalendar.name})`;
  const consecutive = years.every((y, i) => i === 0 || Number(y.slice(0, 4)) === Number(years[i - 1]!.slice(0, 4)) + 1);
  const list = years.length === 1 ? years[0] : consecutive ? `${years[0]} to ${years.at(-1)}` : years.join(', ');
  return `school year${years.length === 1 ? '' : 's'} ${list} (term calendar ${termCalendar.name})`;
}

/** The term calendar's entry for the school year of `day`, or a CalendarCoverageError. */
function schoolYearEntry(school: SchoolCalendar, day: LocalDate): SchoolYearTerms {
  const year = schoolYearOf(day);
  const entry = school.termCalendar.schoolYears.find((y) => y.year === year);
  if (!entry) {
    throw new CalendarCoverageError(
      `term dates for school year ${year} in term calendar ${school.termCalendar.name} (id ` +
        `${school.termCalendar.id}), used by school ${describeSchool(school)}`,
      {
        gap: 'schoolYear',
        known: describeSchoolYears(school.termCalendar),
        schoolYear: year,
        school: { urn: school.urn, name: school.name },
      },
    );
  }
  return entry;
}

function insideAnyTerm(entry: SchoolYearTerms, day: LocalDate): boolean {
  return entry.terms.some((t) => t.start <= day && day <= t.end);
}

function isBankHoliday(day: LocalDate, workingDays: WorkingDayCalendar): boolean {
  return workingDays.bankHolidays(Number(day.slice(0, 4))).some((h) => h.date === day);
}

/**
 * True when `day` is a school day for `school`: a weekday inside one of the
 * terms of its school year, not a bank holiday, and not an INSET or closure
 * day (of the term calendar or of the school). Partnership closure days of the
 * working-day calendar do not close schools.
 *
 * Throws CalendarCoverageError when the term calendar has no entry for the
 * school year of `day` (and when the working-day calendar does not cover its
 * year).
 */
export function isSchoolDay(school: SchoolCalendar, day: LocalDate, workingDays: WorkingDayCalendar): boolean {
  const entry = schoolYearEntry(school, day);
  if (dayOfWeek(day) >= 6) return false;
  if (!insideAnyTerm(entry, day)) return false;
  if (entry.insetDays.includes(day)) return false;
  if (school.extraInsetDays?.includes(day)) return false;
  if (school.extraClosureDays?.includes(day)) return false;
  if (isBankHoliday(day, workingDays)) return false;
  return true;
}

/** The first school day strictly after `day`. */
export function nextSchoolDay(school: SchoolCalendar, day: LocalDate, workingDays: WorkingDayCalendar): LocalDate {
  let d = day;
  for (let i = 0; i < MAX_DAYS_WITHOUT_SCHOOL; i++) {
    d = addCalendarDays(d, 1);
    if (isSchoolDay(school, d, workingDays)) return d;
  }
  throw new CalendarCoverageError(
    `a school day for ${describeSchool(school)} within ${MAX_DAYS_WITHOUT_SCHOOL} days after ${day} in ` +
      `term calendar ${school.termCalendar.name}`,
    {
      gap: 'schoolDays',
      known: describeSchoolYears(school.termCalendar),
      school: { urn: school.urn, name: school.name },
    },
  );
}

/**
 * The earliest start of a school day (London wall clock `startOfDay`, default
 * 08:30, on a school day) strictly after `instant`.
 */
export function nextSchoolDayStart(instant: Date, school: SchoolCalendar, workingDays: WorkingDayCalendar): Date {
  const startOfDay = school.startOfDay ?? DEFAULT_SCHOOL_START_OF_DAY;
  const today = londonDateOf(instant);
  if (isSchoolDay(school, today, workingDays)) {
    const start = londonDateTime(today, startOfDay);
    if (start.getTime() > instant.getTime()) return start;
  }
  return londonDateTime(nextSchoolDay(school, today, workingDays), startOfDay);
}

/**
 * True when the London day of `instant` is in the school holidays, meaning
 * simply: it is not inside any term's [start, end] range of its school year
 * (half terms, Christmas, Easter, summer, and the days before the first term
 * of the year). Weekends, INSET days and bank holidays inside a term are NOT
 * holidays by this rule; use isSchoolDay for "is the school open".
 *
 * Throws CalendarCoverageError when the term calendar has no entry for the
 * school year.
 */
export function isInSchoolHoliday(school: SchoolCalendar, instant: Date, workingDays: WorkingDayCalendar): boolean {
  void workingDays; // part of the API so a richer rule can use it without changing callers
  const day = londonDateOf(instant);
  return !insideAnyTerm(schoolYearEntry(school, day), day);
}
