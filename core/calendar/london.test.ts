import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  addHours,
  ageOn,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  endOfLondonDay,
  formatLondon,
  formatLondonDate,
  govukDate,
  govukDateTime,
  govukTime,
  hoursBetween,
  isLocalDate,
  londonDateOf,
  londonDateTime,
  londonOffsetMinutes,
  londonTimeOf,
  startOfLondonDay,
} from './london';

// 2026 clock changes in the UK:
//   spring forward Sun 29 Mar 2026 at 01:00 UTC (01:00 GMT -> 02:00 BST)
//   fall back      Sun 25 Oct 2026 at 01:00 UTC (02:00 BST -> 01:00 GMT)

describe('isLocalDate', () => {
  it.each([
    ['2026-12-31', true],
    ['2028-02-29', true], // leap year
    ['2026-02-29', false], // not a leap year
    ['2100-02-29', false], // century, not a leap year
    ['2000-02-29', true], // divisible by 400
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00:00Z', false],
    ['', false],
  ])('%s -> %s', (input, expected) => {
    // Act / Assess
    expect(isLocalDate(input)).toBe(expected);
  });
});

describe('londonDateOf / londonTimeOf', () => {
  it.each([
    // instant (UTC)                 London day     London time  why
    ['2026-12-23T23:59:00.000Z', '2026-12-23', '23:59'], // GMT: London = UTC
    ['2026-07-01T22:30:00.000Z', '2026-07-01', '23:30'], // BST: 23:30 London, still 1 July
    ['2026-07-01T23:30:00.000Z', '2026-07-02', '00:30'], // BST: UTC day is 1 July, London day is 2 July
    ['2026-12-31T23:30:00.000Z', '2026-12-31', '23:30'],
    ['2026-03-29T00:59:59.000Z', '2026-03-29', '00:59'], // last second of GMT
    ['2026-03-29T01:00:00.000Z', '2026-03-29', '02:00'], // first instant of BST
    ['2026-10-25T00:30:00.000Z', '2026-10-25', '01:30'], // first 01:30 (BST)
    ['2026-10-25T01:30:00.000Z', '2026-10-25', '01:30'], // second 01:30 (GMT)
    ['2026-10-24T23:00:00.000Z', '2026-10-25', '00:00'], // midnight BST before the change
  ])('%s is %s %s in London', (iso, day, time) => {
    // Prepare
    const instant = new Date(iso);
    // Act / Assess
    expect(londonDateOf(instant)).toBe(day);
    expect(londonTimeOf(instant)).toBe(time);
  });

  it('rejects an invalid Date', () => {
    expect(() => londonDateOf(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('londonDateTime', () => {
  it.each([
    // day          time        expected instant (UTC)       why
    ['2026-01-15', '09:00', '2026-01-15T09:00:00.000Z'], // GMT
    ['2026-07-15', '09:00', '2026-07-15T08:00:00.000Z'], // BST
    ['2026-07-15', '23:59:59', '2026-07-15T22:59:59.000Z'], // seconds accepted
    ['2026-03-29', '00:59:59', '2026-03-29T00:59:59.000Z'], // just before the gap
    ['2026-03-29', '01:00', '2026-03-29T01:00:00.000Z'], // in the gap -> moment of change (02:00 BST)
    ['2026-03-29', '01:30', '2026-03-29T01:00:00.000Z'], // in the gap -> moment of change (02:00 BST)
    ['2026-03-29', '01:59:59', '2026-03-29T01:00:00.000Z'], // in the gap
    ['2026-03-29', '02:00', '2026-03-29T01:00:00.000Z'], // first valid wall time
    ['2026-03-29', '03:00', '2026-03-29T02:00:00.000Z'],
    ['2026-10-25', '00:59', '2026-10-24T23:59:00.000Z'], // BST, before the overlap
    ['2026-10-25', '01:00', '2026-10-25T00:00:00.000Z'], // overlap -> first (BST) occurrence
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'], // overlap -> first (BST) occurrence
    ['2026-10-25', '02:00', '2026-10-25T02:00:00.000Z'], // GMT again
    ['2027-03-28', '01:30', '2027-03-28T01:00:00.000Z'], // 2027 gap (last Sunday of March 2027)
    ['2027-10-31', '01:30', '2027-10-31T00:30:00.000Z'], // 2027 overlap (last Sunday of October 2027)
  ])('%s %s London is %s', (day, time, expected) => {
    // Act
    const instant = londonDateTime(day, time);
    // Assess
    expect(instant.toISOString()).toBe(expected);
  });

  it.each(['24:00', '9:00', '12:60', '12:00:60', 'noon', ''])('rejects the time %j', (time) => {
    expect(() => londonDateTime('2026-01-15', time)).toThrow(RangeError);
  });

  it('rejects an invalid day', () => {
    expect(() => londonDateTime('2026-02-30', '09:00')).toThrow(RangeError);
  });
});

describe('startOfLondonDay / endOfLondonDay', () => {
  it.each([
    // day           start (UTC)                   end (UTC)                     hours in the day
    ['2026-12-23', '2026-12-23T00:00:00.000Z', '2026-12-23T23:59:59.999Z', 24], // GMT
    ['2026-07-01', '2026-06-30T23:00:00.000Z', '2026-07-01T22:59:59.999Z', 24], // BST
    ['2026-03-28', '2026-03-28T00:00:00.000Z', '2026-03-28T23:59:59.999Z', 24], // Saturday before spring forward
    ['2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T22:59:59.999Z', 23], // spring forward: 23-hour day
    ['2026-10-24', '2026-10-23T23:00:00.000Z', '2026-10-24T22:59:59.999Z', 24], // Saturday before fall back
    ['2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-25T23:59:59.999Z', 25], // fall back: 25-hour day
  ])('%s starts %s and ends %s', (day, start, end, hours) => {
    // Act
    const s = startOfLondonDay(day);
    const e = endOfLondonDay(day);
    // Assess
    expect(s.toISOString()).toBe(start);
    expect(e.toISOString()).toBe(end);
    expect(londonTimeOf(e)).toBe('23:59');
    expect(londonDateOf(e)).toBe(day);
    expect(londonDateOf(new Date(e.getTime() + 1))).toBe(addCalendarDays(day, 1));
    expect(hoursBetween(s, new Date(e.getTime() + 1))).toBe(hours);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2026-03-28', 1, '2026-03-29'], // clock change does not matter for calendar days
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
    ['2026-12-23', 0, '2026-12-23'],
  ])('%s + %i days = %s', (day, n, expected) => {
    expect(addCalendarDays(day, n)).toBe(expected);
  });

  it('rejects a fractional number of days', () => {
    expect(() => addCalendarDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'], // clamped to the end of February
    ['2027-08-31', 6, '2028-02-29'], // leap year
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-05-10', -12, '2025-05-10'],
    ['2026-01-15', 0, '2026-01-15'],
    ['2026-02-28', 1, '2026-03-28'], // no "end of month stickiness"
  ])('%s + %i months = %s', (day, n, expected) => {
    expect(addCalendarMonths(day, n)).toBe(expected);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['2026-12-21', 1], // Monday
    ['2026-12-23', 3], // Wednesday
    ['2026-12-25', 5], // Friday
    ['2026-12-26', 6], // Saturday
    ['2026-12-27', 7], // Sunday
    ['2027-01-01', 5], // Friday
    ['2028-02-29', 2], // Tuesday
    ['1970-01-01', 4], // Thursday
    ['1969-12-31', 3], // Wednesday (before the epoch)
  ])('%s is ISO day %i', (day, expected) => {
    expect(dayOfWeek(day)).toBe(expected);
  });
});

describe('compareLocalDates / daysBetween', () => {
  it.each([
    ['2026-12-24', '2026-12-26', -1, 2],
    ['2026-12-26', '2026-12-24', 1, -2],
    ['2026-12-24', '2026-12-24', 0, 0],
    ['2026-03-28', '2026-03-30', -1, 2], // across spring forward
    ['2026-10-24', '2026-10-26', -1, 2], // across fall back
    ['2026-01-01', '2027-01-01', -1, 365],
    ['2028-01-01', '2029-01-01', -1, 366],
  ])('%s vs %s', (a, b, sign, days) => {
    expect(Math.sign(compareLocalDates(a, b))).toBe(sign);
    expect(daysBetween(a, b)).toBe(days);
  });
});

describe('addHours / hoursBetween (elapsed time)', () => {
  it.each([
    // start (UTC)                 hours  expected (UTC)               London wall clock after
    ['2026-03-29T00:30:00.000Z', 1, '2026-03-29T01:30:00.000Z', '02:30'], // 00:30 GMT + 1h = 02:30 BST
    ['2026-03-28T12:00:00.000Z', 24, '2026-03-29T12:00:00.000Z', '13:00'], // noon + 24h = 13:00 next day
    ['2026-10-24T23:30:00.000Z', 2, '2026-10-25T01:30:00.000Z', '01:30'], // 00:30 BST + 2h = 01:30 GMT
    ['2026-10-24T11:00:00.000Z', 24, '2026-10-25T11:00:00.000Z', '11:00'], // 12:00 BST + 24h = 11:00 GMT
    ['2026-12-23T10:00:00.000Z', -1.5, '2026-12-23T08:30:00.000Z', '08:30'],
  ])('%s + %d h = %s', (start, hours, expected, wall) => {
    // Prepare
    const s = new Date(start);
    // Act
    const e = addHours(s, hours);
    // Assess
    expect(e.toISOString()).toBe(expected);
    expect(londonTimeOf(e)).toBe(wall);
    expect(hoursBetween(s, e)).toBe(hours);
  });

  it('counts 23 real hours from midnight to midnight on spring-forward day', () => {
    expect(hoursBetween(startOfLondonDay('2026-03-29'), startOfLondonDay('2026-03-30'))).toBe(23);
  });

  it('does not modify the instant passed in', () => {
    const s = new Date('2026-01-01T00:00:00.000Z');
    addHours(s, 5);
    expect(s.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('formatLondon / formatLondonDate', () => {
  it.each([
    ['2026-12-23T23:59:00.000Z', 'Wed 23 Dec 2026 at 23:59'],
    ['2026-07-01T22:30:00.000Z', 'Wed 1 Jul 2026 at 23:30'], // BST
    ['2026-07-01T23:30:00.000Z', 'Thu 2 Jul 2026 at 00:30'], // BST: next London day
    ['2026-10-25T01:30:00.000Z', 'Sun 25 Oct 2026 at 01:30'],
  ])('%s -> %s', (iso, expected) => {
    expect(formatLondon(new Date(iso))).toBe(expected);
  });

  it.each([
    ['2026-12-23', 'Wed 23 Dec 2026'],
    ['2027-01-01', 'Fri 1 Jan 2027'],
    ['2028-02-29', 'Tue 29 Feb 2028'],
  ])('%s -> %s', (day, expected) => {
    expect(formatLondonDate(day)).toBe(expected);
  });
});

describe('londonOffsetMinutes', () => {
  it.each([
    ['2026-03-29T00:59:59.999Z', 0],
    ['2026-03-29T01:00:00.000Z', 60],
    ['2026-10-25T00:59:59.999Z', 60],
    ['2026-10-25T01:00:00.000Z', 0],
  ])('%s -> %i', (iso, minutes) => {
    expect(londonOffsetMinutes(new Date(iso))).toBe(minutes);
  });
});

describe('ageOn: age in whole years on a day', () => {
  it.each([
    ['the day before a birthday', '2010-06-15', '2026-06-14', 15],
    ['on the birthday', '2010-06-15', '2026-06-15', 16],
    ['a month before it', '2010-06-15', '2026-05-31', 15],
    ['on the day of birth', '2026-01-01', '2026-01-01', 0],
    ['born on 29 February, on 28 February of a year without it', '2008-02-29', '2026-02-28', 17],
    ['born on 29 February, on 1 March of a year without it', '2008-02-29', '2026-03-01', 18],
    ['born on 29 February, on 29 February', '2008-02-29', '2028-02-29', 20],
  ])('%s', (_what, dateOfBirth, day, age) => {
    // Act / Assess
    expect(ageOn(dateOfBirth, day)).toBe(age);
  });
});

describe('GOV.UK style: the one way pages and messages write a day and a time', () => {
  it.each([
    ['2026-11-05T08:30:00Z', '8:30am on 5 November 2026'],
    ['2026-11-05T12:00:00Z', 'midday on 5 November 2026'],
    ['2027-03-01T23:59:59.999Z', '11:59pm on 1 March 2027'],
    ['2027-03-02T00:00:00Z', 'midnight on 2 March 2027'],
    // Summer time: the last millisecond of 30 June and the first of 1 July, London.
    ['2027-06-30T22:59:59.999Z', '11:59pm on 30 June 2027'],
    ['2027-06-30T23:00:00Z', 'midnight on 1 July 2027'],
    // Spring forward (01:00 UTC on 28 March 2027): 12:59am GMT, then 2am BST.
    ['2027-03-28T00:59:00Z', '12:59am on 28 March 2027'],
    ['2027-03-28T01:00:00Z', '2am on 28 March 2027'],
    // Fall back (01:00 UTC on 25 October 2026): 1:30am comes twice, BST then GMT.
    ['2026-10-25T00:30:00Z', '1:30am on 25 October 2026'],
    ['2026-10-25T01:30:00Z', '1:30am on 25 October 2026'],
    ['2026-10-25T23:59:59.999Z', '11:59pm on 25 October 2026'],
  ])('%s reads %s', (instant, words) => {
    expect(govukDateTime(new Date(instant))).toBe(words);
  });

  it('writes a day without its weekday or a leading zero, and refuses a day that is not one', () => {
    expect(govukDate('2027-01-09')).toBe('9 January 2027');
    expect(() => govukDate('2027-02-30')).toThrow();
    expect(govukTime('00:05')).toBe('12:05am');
    expect(govukTime('12:30')).toBe('12:30pm');
  });
});
