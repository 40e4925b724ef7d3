import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  dayOfWeek,
  endOfLondonDay,
  epochDayOf,
  hoursBetween,
  localDateOfEpochDay,
  londonDateOf,
  londonDateTime,
  londonTimeOf,
  startOfLondonDay,
} from './london';
import { createWorkingDayCalendar, type WorkingDayCalendar, withinWorkingDays } from './working-days';

// Start days are drawn from 2021-2034 and n from 0..400 (about 19 months of working days),
// so the calendar covers 2019-2037 to leave room on both sides.
const calendar = createWorkingDayCalendar({
  firstYear: 2019,
  lastYear: 2037,
  closureDays: [2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035].flatMap(
    (y) => [
      { date: `${y}-12-29`, reason: 'Partnership closure' },
      { date: `${y}-12-30`, reason: 'Partnership closure' },
    ],
  ),
});

const aDay = fc
  .integer({ min: epochDayOf('2021-01-01'), max: epochDayOf('2034-12-31') })
  .map((e) => localDateOfEpochDay(e));
const anN = fc.integer({ min: 0, max: 400 });
const aPositiveN = fc.integer({ min: 1, max: 400 });
const anInstant = fc
  .integer({ min: Date.parse('2021-01-01T00:00:00Z'), max: Date.parse('2034-12-31T23:59:59.999Z') })
  .map((t) => new Date(t));

/** The last working day on or before `day`. */
function lastWorkingDayOnOrBefore(cal: WorkingDayCalendar, day: string): string {
  return cal.isWorkingDay(day) ? day : cal.addWorkingDays(day, -1);
}

/** Reference implementation: step one calendar day at a time. */
function naiveAddWorkingDays(cal: WorkingDayCalendar, day: string, n: number): string {
  let d = day;
  let left = Math.abs(n);
  const step = n >= 0 ? 1 : -1;
  while (left > 0) {
    d = addCalendarDays(d, step);
    if (cal.isWorkingDay(d)) left -= 1;
  }
  return d;
}

describe('working-day properties', () => {
  it('counting back what was added gives the same n: workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(
      fc.property(aDay, anN, (d, n) => {
        expect(calendar.workingDaysBetween(d, calendar.addWorkingDays(d, n))).toBe(n);
      }),
    );
  });

  it('adding n then subtracting n (n ≥ 1) lands on the last working day on or before d', () => {
    fc.assert(
      fc.property(aDay, aPositiveN, (d, n) => {
        const there = calendar.addWorkingDays(d, n);
        expect(calendar.addWorkingDays(there, -n)).toBe(lastWorkingDayOnOrBefore(calendar, d));
      }),
    );
  });

  it('a due day (n ≥ 1) is after d and is never a weekend, bank holiday or closure day', () => {
    fc.assert(
      fc.property(aDay, aPositiveN, (d, n) => {
        const due = calendar.addWorkingDays(d, n);
        expect(due > d).toBe(true);
        expect(dayOfWeek(due)).toBeLessThanOrEqual(5);
        expect(calendar.bankHolidays(Number(due.slice(0, 4))).map((h) => h.date)).not.toContain(due);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(calendar.nonWorkingReason(due)).toBeUndefined();
      }),
    );
  });

  it('is monotonic: more days never give an earlier date, and a later start never gives an earlier date', () => {
    fc.assert(
      fc.property(aDay, aDay, anN, anN, (d1, d2, n1, n2) => {
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const [m, k] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(calendar.addWorkingDays(a, m) <= calendar.addWorkingDays(a, k)).toBe(true);
        expect(calendar.addWorkingDays(a, m) <= calendar.addWorkingDays(b, m)).toBe(true);
        if (m >= 1 && m < k) expect(calendar.addWorkingDays(a, m) < calendar.addWorkingDays(a, k)).toBe(true);
      }),
    );
  });

  it('agrees with stepping one calendar day at a time (n in -60..60)', () => {
    fc.assert(
      fc.property(aDay, fc.integer({ min: -60, max: 60 }), (d, n) => {
        expect(calendar.addWorkingDays(d, n)).toBe(naiveAddWorkingDays(calendar, d, n));
      }),
      { numRuns: 200 },
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(aDay, aDay, aDay, (a, b, c) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, a)).toBe(0);
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(
          calendar.workingDaysBetween(a, c),
        );
      }),
    );
  });

  it('withinWorkingDays always ends at 23:59:59.999 London on the nth working day after the London start day', () => {
    fc.assert(
      fc.property(anInstant, anN, (start, n) => {
        const deadline = withinWorkingDays(calendar, start, n);
        const day = londonDateOf(deadline);
        expect(day).toBe(calendar.addWorkingDays(londonDateOf(start), n));
        expect(londonTimeOf(deadline)).toBe('23:59');
        expect(deadline.getTime()).toBe(endOfLondonDay(day).getTime());
        // One millisecond later is midnight starting the next London day.
        expect(deadline.getTime() + 1).toBe(startOfLondonDay(addCalendarDays(day, 1)).getTime());
        // The UTC time is 23:59:59.999 (GMT) or 22:59:59.999 (BST).
        expect(['23:59:59.999Z', '22:59:59.999Z']).toContain(deadline.toISOString().slice(11));
        if (n >= 1) expect(deadline.getTime()).toBeGreaterThan(start.getTime());
      }),
    );
  });
});

describe('London time properties', () => {
  it('every London day lasts 23, 24 or 25 hours and 25/23 only on the last Sundays of October/March', () => {
    fc.assert(
      fc.property(aDay, (d) => {
        const hours = hoursBetween(startOfLondonDay(d), startOfLondonDay(addCalendarDays(d, 1)));
        const month = d.slice(5, 7);
        const lastSunday = dayOfWeek(d) === 7 && Number(d.slice(8, 10)) > 24;
        const expected = lastSunday && month === '03' ? 23 : lastSunday && month === '10' ? 25 : 24;
        expect(hours).toBe(expected);
      }),
    );
  });

  it('londonDateTime(londonDateOf(t), londonTimeOf(t)) gives back the minute of t, or the BST occurrence in the autumn overlap', () => {
    fc.assert(
      fc.property(anInstant, (t) => {
        const minute = Math.floor(t.getTime() / 60_000) * 60_000;
        const back = londonDateTime(londonDateOf(t), londonTimeOf(t)).getTime();
        // Either the same minute, or (second 01:xx on the last Sunday of October) one hour earlier.
        expect([minute, minute - 3_600_000]).toContain(back);
        expect(londonDateOf(new Date(back))).toBe(londonDateOf(t));
        expect(londonTimeOf(new Date(back))).toBe(londonTimeOf(t));
      }),
      { numRuns: 500 },
    );
  });
});
