import { describe, expect, it } from 'vitest';
import { schoolCalendarFor, termCalendars } from '../schools/term-calendars';
import { about, aboutField, CalendarCoverageError, CalendarRangeError } from './errors';
import { addCalendarMonths } from './london';
import {
  describeSchoolYears,
  isInSchoolHoliday,
  isSchoolDay,
  nextSchoolDayStart,
  type SchoolCalendar,
  type TermCalendar,
} from './school-days';
import { createWorkingDayCalendar } from './working-days';

const year = (y: string) => ({
  year: y,
  terms: [{ name: 'Autumn', start: `${y.slice(0, 4)}-09-03`, end: `${y.slice(0, 4)}-12-18` }],
  insetDays: [],
});
const calendar = (...years: string[]): TermCalendar => ({
  id: 'la-330',
  name: 'Riverside LA 330',
  schoolYears: years.map(year),
});
const school = (termCalendar: TermCalendar): SchoolCalendar => ({
  urn: '100001',
  name: 'Riverside Primary School',
  termCalendar,
});
const workingDays = createWorkingDayCalendar();

function caught(act: () => unknown): CalendarCoverageError {
  try {
    act();
  } catch (error) {
    if (error instanceof CalendarCoverageError) return error;
    throw error;
  }
  throw new Error('expected a CalendarCoverageError');
}

describe('a school year with no term dates', () => {
  it.each([
    [
      'a day in 2019',
      () => isSchoolDay(school(calendar('2025/26', '2026/27', '2027/28')), '2019-06-03', workingDays),
      '2018/19',
    ],
    [
      'police attendance in August 2025, before the first loaded year',
      () =>
        nextSchoolDayStart(
          new Date('2025-08-20T21:00:00Z'),
          school(calendar('2025/26', '2026/27', '2027/28')),
          workingDays,
        ),
      '2024/25',
    ],
    [
      'a holiday check in 2030',
      () =>
        isInSchoolHoliday(
          school(calendar('2025/26', '2026/27', '2027/28')),
          new Date('2030-10-01T12:00:00Z'),
          workingDays,
        ),
      '2030/31',
    ],
  ])('%s: the gap names the school year, the school and the years loaded', (_what, act, missingYear) => {
    // Act
    const error = caught(act);
    // Assess
    expect(error).toBeInstanceOf(CalendarRangeError);
    expect(error.details).toEqual({
      gap: 'schoolYear',
      known: 'school years 2025/26 to 2027/28 (term calendar Riverside LA 330)',
      schoolYear: missingYear,
      school: { urn: '100001', name: 'Riverside Primary School' },
    });
    expect(error.reason).toBe(
      `no term dates loaded for this school year (${missingYear}) at Riverside Primary School (URN 100001); term dates are loaded for school years 2025/26 to 2027/28 (term calendar Riverside LA 330)`,
    );
  });

  it.each([
    [
      'years that run on',
      calendar('2026/27', '2025/26', '2027/28'),
      'school years 2025/26 to 2027/28 (term calendar Riverside LA 330)',
    ],
    [
      'a year missing between',
      calendar('2025/26', '2027/28'),
      'school years 2025/26, 2027/28 (term calendar Riverside LA 330)',
    ],
    ['one year', calendar('2026/27'), 'school year 2026/27 (term calendar Riverside LA 330)'],
    ['none', calendar(), 'no school years (term calendar Riverside LA 330)'],
  ])('what a term calendar knows, in words: %s', (_what, terms, words) => {
    expect(describeSchoolYears(terms)).toBe(words);
  });

  it('a school whose term calendar is not loaded names the calendars that are', () => {
    // Prepare
    const snapshot = {
      urn: '100009',
      name: 'Hillside Academy',
      localAuthorityCode: '330',
      termCalendarId: 'academy-hillside',
      extraInsetDays: [],
      startOfDay: '08:30',
      holidayCover: false,
    };
    // Act
    const error = caught(() => schoolCalendarFor(snapshot));
    // Assess
    expect(error.details).toEqual({
      gap: 'termCalendar',
      known: `the term calendars ${Object.keys(termCalendars).join(', ')}`,
      school: { urn: '100009', name: 'Hillside Academy' },
    });
  });
});

describe('other gaps', () => {
  it('a date past year 9999 is a gap, not a crash', () => {
    const error = caught(() => addCalendarMonths('9999-12-01', 1));
    expect(error.details).toEqual({ gap: 'dateRange', known: 'dates from year 1 to year 9999' });
    expect(error.reason).toBe(
      'is outside what the calendar knows (a date for 9999-12-01 + 1 months); it knows dates from year 1 to year 9999',
    );
  });

  it.each([
    ['2019', '2019-06-03'],
    ['2036', '2036-01-02'],
  ])('the working-day calendar refuses %s, naming the years it covers', (_what, day) => {
    const error = caught(() => workingDays.isWorkingDay(day));
    expect(error.details).toEqual({
      gap: 'workingDays',
      known: 'working days from 1 January 2020 to 31 December 2035',
    });
    expect(error.reason).toContain('it knows working days from 1 January 2020 to 31 December 2035');
  });
});

describe('naming the field a gap is about', () => {
  it('aboutField names the field; the first field named is kept', () => {
    // Act
    const error = caught(() =>
      aboutField('outer', () =>
        aboutField('attendedAt', () => isSchoolDay(school(calendar('2026/27')), '2019-06-03', workingDays)),
      ),
    );
    // Assess
    expect(error.field).toBe('attendedAt');
    expect(error.schoolYear).toBe('2018/19');
  });

  it('aboutField passes other errors through untouched, and returns what the act returns', () => {
    const other = new RangeError('not a calendar gap');
    expect(() =>
      aboutField('x', () => {
        throw other;
      }),
    ).toThrow(other);
    expect(aboutField('x', () => 42)).toBe(42);
  });

  it('about wraps a rule: its arguments pass through, what it returns comes back, and a gap names the field', () => {
    // Prepare
    const rule = about('attendedAt', (day: string, offset: number) =>
      isSchoolDay(school(calendar('2026/27')), day, workingDays) ? offset + 1 : offset,
    );
    // Act
    const error = caught(() => rule('2019-06-03', 0));
    // Assess
    expect(rule('2026-09-07', 1)).toBe(2);
    expect(error.field).toBe('attendedAt');
  });
});
