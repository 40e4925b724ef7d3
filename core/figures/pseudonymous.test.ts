import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, createWorkingDayCalendar, dayOfWeek } from '../calendar';
import type { ClockDefinition } from '../clocks/model';
import {
  endOfPeriod,
  isoWeekOf,
  pseudonymousClocks as listed,
  mondayOfIsoWeek,
  type OpenClockSummary,
  periodOf,
  stateOfListedClock,
} from './pseudonymous';

describe('ISO weeks', () => {
  it.each([
    ['2027-01-04', '2027-W01'], // the first Monday of 2027 starts week 1
    ['2027-01-03', '2026-W53'], // a Sunday before it belongs to 2026's last week
    ['2026-12-28', '2026-W53'],
    ['2024-12-30', '2025-W01'], // a Monday in December can start next year's week 1
    ['2027-03-10', '2027-W10'],
    ['2020-12-31', '2020-W53'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('every day falls in the week that starts on the Monday on or before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (n) => {
        const day = addCalendarDays('2010-01-01', n);
        const monday = mondayOfIsoWeek(isoWeekOf(day));
        expect(dayOfWeek(monday)).toBe(1);
        expect(addCalendarDays(monday, dayOfWeek(day) - 1)).toBe(day);
      }),
    );
  });

  it('refuses what is not a week', () => {
    expect(() => mondayOfIsoWeek('2027-03-01')).toThrow('Not an ISO week');
  });
});

describe('periods of an instant, London time', () => {
  it('the London day (23:30 UTC on 31 March 2027 is 1 April in BST), or its ISO week', () => {
    expect(periodOf('2027-03-31T23:30:00Z', 'day')).toBe('2027-04-01');
    expect(periodOf('2027-03-31T23:30:00Z', 'isoWeek')).toBe('2027-W13');
    expect(periodOf('2027-01-03T23:30:00Z', 'isoWeek')).toBe('2026-W53');
  });

  it('a period ends at the last instant of its London day, or of the Sunday ending its week', () => {
    expect(endOfPeriod('2027-03-10', 'day').toISOString()).toBe('2027-03-10T23:59:59.999Z');
    expect(endOfPeriod('2027-03-10', 'isoWeek').toISOString()).toBe('2027-03-14T23:59:59.999Z');
    // BST: the end of Sunday 4 April 2027 in London is 22:59:59.999 UTC.
    expect(endOfPeriod('2027-04-01', 'isoWeek').toISOString()).toBe('2027-04-04T22:59:59.999Z');
  });
});

describe('open clocks as a pseudonymous reader sees them', () => {
  // A 5-working-day clock ('c'), and a 4-hour one ('h') whose summary was kept before summaries said how they count.
  const definitions: Pick<ClockDefinition, 'id' | 'kind' | 'length'>[] = [
    { id: 'c', kind: 'workingDays', length: 5 },
    { id: 'h', kind: 'elapsedHours', length: 4 },
  ];
  const calendars = { workingDays: createWorkingDayCalendar() };
  const pseudonymousClocks = (clocks: OpenClockSummary[], now: Date, resolution: 'day' | 'isoWeek') =>
    listed(clocks, resolution, (c) => stateOfListedClock(c, definitions, now, calendars));
  const summary = (
    caseCode: string,
    dueAt: string,
    extra: Partial<OpenClockSummary> & Record<string, unknown> = {},
  ): OpenClockSummary => ({
    caseId: caseCode.toLowerCase(),
    caseCode,
    process: 'p',
    clockId: 'c',
    definitionId: 'c',
    title: 'Clock',
    source: 'statutory',
    status: 'running',
    startedAt: '2027-03-01T09:12:34.567Z',
    dueAt,
    reached: ['warning'],
    kind: 'workingDays',
    length: 5,
    ...extra,
  });
  const now = new Date('2027-03-10T12:00:00Z');

  it('the case code, the clock and its state, the day it started and falls due: no instant, and nothing else of the case', () => {
    const [c] = pseudonymousClocks(
      [
        summary('P-B', '2027-03-10T11:00:00Z', {
          organisations: ['riverside-council'],
          ownerOrganisation: 'riverside-council',
        } as never),
      ],
      now,
      'day',
    );
    expect(c).toEqual({
      caseId: 'p-b',
      caseCode: 'P-B',
      process: 'p',
      clockId: 'c',
      definitionId: 'c',
      title: 'Clock',
      source: 'statutory',
      status: 'running',
      reached: ['warning'],
      started: '2027-03-01',
      due: '2027-03-10',
      overdue: true,
      state: 'overdue',
      dueSoonRule: 'due within the next 2 working days',
    });
    expect(JSON.stringify(c)).not.toMatch(/T\d{2}:|organisations|riverside/);
  });

  it('the one state the case shows; how late only by its due day or week, never a number of hours, days or weeks', () => {
    // A 4-hour clock due at 09:00 on Mon 8 Mar 2027 (its summary kept without its kind: the definition says),
    // and a 5-working-day clock due at the end of Fri 12 Mar, on Wed 10 Mar at 12:00
    const clocks = [
      summary('P-H', '2027-03-08T09:00:00Z', { clockId: 'h', definitionId: 'h', kind: undefined, length: undefined }),
      summary('P-C', '2027-03-12T23:59:59.999Z'),
    ];
    const byDay = pseudonymousClocks(clocks, now, 'day');
    expect(byDay.map((c) => [c.caseCode, c.state, c.due, c.dueSoonRule])).toEqual([
      ['P-H', 'overdue', '2027-03-08', 'due within the next 1 hour: the last quarter of its 4 hours'],
      ['P-C', 'dueSoon', '2027-03-12', 'due within the next 2 working days'],
    ]);
    // By the ISO week (week 10 holds both); the next Monday both are overdue, due in week 10.
    const byWeek = pseudonymousClocks(clocks, now, 'isoWeek');
    expect(byWeek.map((c) => [c.caseCode, c.state, c.due])).toEqual([
      ['P-C', 'dueSoon', '2027-W10'],
      ['P-H', 'overdue', '2027-W10'],
    ]);
    const nextWeek = new Date('2027-03-15T09:00:00Z');
    const listedNextWeek = listed(clocks, 'isoWeek', (c) => stateOfListedClock(c, definitions, nextWeek, calendars));
    expect(listedNextWeek.map((c) => [c.state, c.due])).toEqual([
      ['overdue', '2027-W10'],
      ['overdue', '2027-W10'],
    ]);
    // No number a figure reader could take for a small count: no lateness in hours, days or weeks.
    for (const c of [...byDay, ...byWeek, ...listedNextWeek]) expect(Object.keys(c)).not.toContain('late');
  });

  it('by the ISO week, where the process gives dates so', () => {
    const [c] = pseudonymousClocks([summary('P-A', '2027-03-12T09:00:00Z')], now, 'isoWeek');
    expect([c!.started, c!.due, c!.overdue, c!.state]).toEqual(['2027-W09', '2027-W10', false, 'dueSoon']);
  });

  it('in an order that says nothing finer: by due day, then case code (not by the instant within the day)', () => {
    const clocks = pseudonymousClocks(
      [
        summary('P-B', '2027-03-11T08:00:00Z'),
        summary('P-C', '2027-03-11T07:00:00Z'),
        summary('P-A', '2027-03-11T20:00:00Z'),
        summary('P-Z', '2027-03-10T22:00:00Z'),
      ],
      now,
      'day',
    );
    expect(clocks.map((c) => c.caseCode)).toEqual(['P-Z', 'P-A', 'P-B', 'P-C']);
  });
});
