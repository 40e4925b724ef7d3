import { describe, expect, it } from 'vitest';
import { CalendarCoverageError } from './errors';
import {
  isInSchoolHoliday,
  isSchoolDay,
  nextSchoolDay,
  nextSchoolDayStart,
  type SchoolCalendar,
  schoolYearOf,
  type TermCalendar,
} from './school-days';
import { createWorkingDayCalendar } from './working-days';

// A realistic local-authority term calendar for 2026/27 (each half term is its own term).
const riverside: TermCalendar = {
  id: 'la-330',
  name: 'Riverside LA 330',
  schoolYears: [
    {
      year: '2026/27',
      terms: [
        { name: 'Autumn 1', start: '2026-09-02', end: '2026-10-23' }, // half term 26-30 Oct
        { name: 'Autumn 2', start: '2026-11-02', end: '2026-12-18' },
        { name: 'Spring 1', start: '2027-01-04', end: '2027-02-12' },
        { name: 'Spring 2', start: '2027-02-22', end: '2027-03-26' }, // 26 Mar 2027 is Good Friday
        { name: 'Summer 1', start: '2027-04-12', end: '2027-05-28' }, // Mon 3 May 2027 bank holiday inside
        { name: 'Summer 2', start: '2027-06-07', end: '2027-07-21' },
      ],
      insetDays: ['2026-09-02', '2027-01-04'],
    },
  ],
};

// Oak Primary has an extra INSET day on Friday 27 November 2026 and is closed on Mon 1 Feb 2027 (polling station).
const oak: SchoolCalendar = {
  urn: '100001',
  name: 'Oak Primary',
  termCalendar: riverside,
  extraInsetDays: ['2026-11-27'],
  extraClosureDays: ['2027-02-01'],
};

// Elm Academy starts at 08:45 and has no extra days.
const elm: SchoolCalendar = { urn: '100002', name: 'Elm Academy', termCalendar: riverside, startOfDay: '08:45' };

// The partnership closes on Fri 11 Dec 2026 for council staff training: that does not close schools.
const workingDays = createWorkingDayCalendar({
  closureDays: [{ date: '2026-12-11', reason: 'Council staff training day' }],
});

describe('schoolYearOf', () => {
  it.each([
    ['2026-09-01', '2026/27'],
    ['2027-08-31', '2026/27'],
    ['2026-08-31', '2025/26'],
    ['2027-01-04', '2026/27'],
    ['2099-09-01', '2099/00'],
    ['2008-12-01', '2008/09'],
  ])('%s is in %s', (day, expected) => {
    expect(schoolYearOf(day)).toBe(expected);
  });
});

describe('isSchoolDay', () => {
  it.each([
    ['2026-09-01', false, 'Tuesday before the first term starts'],
    ['2026-09-02', false, 'INSET day of the term calendar, first day of term'],
    ['2026-09-03', true, 'first teaching day'],
    ['2026-10-23', true, 'last day of Autumn 1 (inclusive)'],
    ['2026-10-24', false, 'Saturday'],
    ['2026-10-26', false, 'half term'],
    ['2026-10-30', false, 'half term'],
    ['2026-11-02', true, 'first day of Autumn 2 (inclusive)'],
    ['2026-11-07', false, 'Saturday inside term'],
    ['2026-11-26', true, 'Thursday before the extra INSET'],
    ['2026-11-27', false, "school's extra INSET day"],
    ['2026-12-11', true, 'partnership closure day does not close schools'],
    ['2026-12-18', true, 'last day of Autumn 2'],
    ['2026-12-21', false, 'Christmas holidays'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2027-01-04', false, 'INSET day of the term calendar'],
    ['2027-01-05', true, ''],
    ['2027-02-01', false, "school's extra closure day"],
    ['2027-02-15', false, 'February half term'],
    ['2027-03-25', true, ''],
    ['2027-03-26', false, 'Good Friday, the last day of Spring 2'],
    ['2027-04-12', true, 'first day of Summer 1'],
    ['2027-05-03', false, 'Early May bank holiday inside term'],
    ['2027-05-04', true, ''],
    ['2027-05-31', false, 'half term and Spring bank holiday'],
    ['2027-07-21', true, 'last day of the school year'],
    ['2027-07-22', false, 'summer holidays'],
    ['2027-08-31', false, 'summer holidays, last day of the school year'],
  ])('%s -> %s (%s)', (day, expected) => {
    // Act / Assess
    expect(isSchoolDay(oak, day, workingDays)).toBe(expected);
  });

  it("applies only the school's own extra days", () => {
    expect(isSchoolDay(elm, '2026-11-27', workingDays)).toBe(true);
    expect(isSchoolDay(elm, '2027-02-01', workingDays)).toBe(true);
  });
});

describe('nextSchoolDay', () => {
  it.each([
    ['2026-10-22', '2026-10-23'],
    ['2026-10-23', '2026-11-02'], // over half term
    ['2026-11-26', '2026-11-30'], // over the extra INSET Friday and the weekend
    ['2026-12-18', '2027-01-05'], // over Christmas and the 4 Jan INSET day
    ['2027-04-30', '2027-05-04'], // over the May bank holiday
    ['2026-08-31', '2026-09-03'], // from the last day of 2025/26 (not itself asked about: strictly after)
  ])('after %s is %s', (day, expected) => {
    expect(nextSchoolDay(oak, day, workingDays)).toBe(expected);
  });
});

describe('nextSchoolDayStart', () => {
  it.each([
    // school  instant (UTC)               expected (UTC)               why
    [oak, '2026-11-03T07:59:00.000Z', '2026-11-03T08:30:00.000Z', 'Tue 07:59 GMT -> 08:30 the same day'],
    [oak, '2026-11-03T07:00:00.000Z', '2026-11-03T08:30:00.000Z', 'Tue 07:00 GMT -> 08:30 the same day'],
    [oak, '2026-11-03T08:30:00.000Z', '2026-11-04T08:30:00.000Z', 'exactly 08:30 -> the next school day'],
    [oak, '2026-11-03T08:31:00.000Z', '2026-11-04T08:30:00.000Z', '08:31 -> the next school day'],
    [oak, '2026-11-03T10:00:00.000Z', '2026-11-04T08:30:00.000Z', '10:00 -> the next school day'],
    [oak, '2026-09-17T06:59:00.000Z', '2026-09-17T07:30:00.000Z', 'Thu 07:59 BST -> 08:30 BST = 07:30 UTC'],
    [oak, '2026-09-17T07:31:00.000Z', '2026-09-18T07:30:00.000Z', 'Thu 08:31 BST -> Fri 08:30 BST'],
    [oak, '2026-10-23T21:00:00.000Z', '2026-11-02T08:30:00.000Z', 'Fri 23 Oct 22:00 BST -> Mon 2 Nov 08:30 GMT'],
    [oak, '2026-11-26T10:00:00.000Z', '2026-11-30T08:30:00.000Z', 'Thu before the extra INSET Friday -> Monday'],
    [elm, '2026-11-26T10:00:00.000Z', '2026-11-27T08:45:00.000Z', 'Elm has no INSET on Fri 27 Nov'],
    [
      oak,
      '2027-04-30T08:00:00.000Z',
      '2027-05-04T07:30:00.000Z',
      'Fri 30 Apr 2027 -> Tue 4 May (Mon 3 May bank holiday)',
    ],
    [oak, '2027-05-03T06:00:00.000Z', '2027-05-04T07:30:00.000Z', 'early on the bank holiday itself'],
    [oak, '2026-09-01T11:00:00.000Z', '2026-09-03T07:30:00.000Z', 'before term, skipping the 2 Sep INSET day'],
    [oak, '2026-12-18T09:00:00.000Z', '2027-01-05T08:30:00.000Z', 'over Christmas and the 4 Jan INSET day'],
    [oak, '2027-03-25T09:00:00.000Z', '2027-04-12T07:30:00.000Z', 'over Good Friday and the Easter holidays (now BST)'],
    [oak, '2026-12-10T10:00:00.000Z', '2026-12-11T08:30:00.000Z', 'partnership closure day is still a school day'],
    [elm, '2026-11-03T08:40:00.000Z', '2026-11-03T08:45:00.000Z', 'Elm starts at 08:45 (GMT)'],
    [elm, '2026-09-17T07:40:00.000Z', '2026-09-17T07:45:00.000Z', 'Elm starts at 08:45 (BST = 07:45 UTC)'],
    [elm, '2026-09-17T07:45:00.000Z', '2026-09-18T07:45:00.000Z', 'exactly Elm 08:45 -> the next school day'],
  ])('%#: %s', (school, instant, expected) => {
    // Act
    const start = nextSchoolDayStart(new Date(instant), school, workingDays);
    // Assess
    expect(start.toISOString()).toBe(expected);
  });

  it('throws CalendarCoverageError naming 2027/28 when the next school day is in a school year without term dates', () => {
    // Prepare: Wed 21 Jul 2027 16:00 BST, the last day of the only school year the calendar knows.
    const instant = new Date('2027-07-21T15:00:00.000Z');
    // Act
    let error: unknown;
    try {
      nextSchoolDayStart(instant, oak, workingDays);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(CalendarCoverageError);
    expect((error as CalendarCoverageError).missing).toContain('2027/28');
  });
});

describe('isInSchoolHoliday', () => {
  it.each([
    ['2026-09-01T11:00:00.000Z', true, 'before the first term'],
    ['2026-09-02T11:00:00.000Z', false, 'INSET day inside term'],
    ['2026-10-23T22:30:00.000Z', false, 'Fri 23 Oct 23:30 BST, last day of term'],
    ['2026-10-23T23:30:00.000Z', true, 'Sat 24 Oct 00:30 BST: the London day is in half term'],
    ['2026-10-28T12:00:00.000Z', true, 'half term'],
    ['2026-11-07T12:00:00.000Z', false, 'weekend inside term'],
    ['2026-12-25T12:00:00.000Z', true, 'Christmas holidays'],
    ['2027-05-03T11:00:00.000Z', false, 'bank holiday inside term'],
    ['2027-05-31T11:00:00.000Z', true, 'half term (also a bank holiday)'],
    ['2027-08-10T11:00:00.000Z', true, 'summer holidays'],
  ])('%s -> %s (%s)', (instant, expected) => {
    expect(isInSchoolHoliday(oak, new Date(instant), workingDays)).toBe(expected);
  });
});

describe('coverage', () => {
  it.each([
    ['isSchoolDay in 2027/28', () => isSchoolDay(oak, '2027-09-06', workingDays), '2027/28'],
    ['isSchoolDay in 2025/26', () => isSchoolDay(oak, '2026-08-31', workingDays), '2025/26'],
    ['isSchoolDay on a weekend in 2027/28', () => isSchoolDay(oak, '2027-09-04', workingDays), '2027/28'],
    ['nextSchoolDay into 2027/28', () => nextSchoolDay(oak, '2027-07-21', workingDays), '2027/28'],
    // 21-31 Aug 2026 belong to 2025/26, which the calendar does not know: no guessing that they are holidays.
    ['nextSchoolDay through the end of 2025/26', () => nextSchoolDay(oak, '2026-08-20', workingDays), '2025/26'],
    [
      'isInSchoolHoliday in 2027/28',
      () => isInSchoolHoliday(oak, new Date('2027-09-06T12:00:00Z'), workingDays),
      '2027/28',
    ],
  ])('%s throws CalendarCoverageError naming the school year, the calendar and the school', (_label, act, year) => {
    // Act
    let error: unknown;
    try {
      act();
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(CalendarCoverageError);
    const missing = (error as CalendarCoverageError).missing;
    expect(missing).toContain(`school year ${year}`);
    expect(missing).toContain('Riverside LA 330');
    expect(missing).toContain('Oak Primary');
    expect(missing).toContain('100001');
  });

  it('passes on the working-day calendar coverage error for years it does not know', () => {
    // Prepare: a term calendar reaching into 2036 with a working-day calendar ending in 2035.
    const future: SchoolCalendar = {
      urn: '100003',
      name: 'Future School',
      termCalendar: {
        id: 'x',
        name: 'Future LA',
        schoolYears: [
          { year: '2035/36', terms: [{ name: 'Spring 1', start: '2036-01-07', end: '2036-02-08' }], insetDays: [] },
        ],
      },
    };
    // Act / Assess
    expect(() => isSchoolDay(future, '2036-01-08', workingDays)).toThrow(CalendarCoverageError);
    expect(() => isSchoolDay(future, '2036-01-08', workingDays)).toThrow(/2036/);
  });
});
