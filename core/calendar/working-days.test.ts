import { describe, expect, it } from 'vitest';
import { CalendarCoverageError } from './errors';
import { londonDateOf, londonTimeOf } from './london';
import { type ClosureDay, createWorkingDayCalendar, withinWorkingDays } from './working-days';

// Expected bank holidays are the official England and Wales lists (gov.uk/bank-holidays),
// NOT what date-holidays returns: the library also lists the weekend day a
// substitute replaces (e.g. 'Boxing Day' on Sat 26 Dec 2026), which is not a bank holiday.

const councilClosures: ClosureDay[] = [
  { date: '2026-12-29', reason: 'Council closure between Christmas and New Year' },
  { date: '2026-12-30', reason: 'Council closure between Christmas and New Year' },
  { date: '2026-12-31', reason: 'Council closure between Christmas and New Year' },
];

describe('bankHolidays (England)', () => {
  it.each([
    [
      2026,
      [
        { date: '2026-01-01', name: "New Year's Day" },
        { date: '2026-04-03', name: 'Good Friday' },
        { date: '2026-04-06', name: 'Easter Monday' },
        { date: '2026-05-04', name: 'Early May bank holiday' },
        { date: '2026-05-25', name: 'Spring bank holiday' },
        { date: '2026-08-31', name: 'Summer bank holiday' },
        { date: '2026-12-25', name: 'Christmas Day' },
        // Boxing Day is Saturday 26 Dec: the bank holiday is Monday 28 Dec.
        { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
      ],
    ],
    [
      2027,
      [
        { date: '2027-01-01', name: "New Year's Day" },
        { date: '2027-03-26', name: 'Good Friday' },
        { date: '2027-03-29', name: 'Easter Monday' },
        { date: '2027-05-03', name: 'Early May bank holiday' },
        { date: '2027-05-31', name: 'Spring bank holiday' },
        { date: '2027-08-30', name: 'Summer bank holiday' },
        // Christmas is Saturday and Boxing Day Sunday: Monday 27 and Tuesday 28 Dec.
        { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
        { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
      ],
    ],
  ])('%i: exact official list', (year, expected) => {
    // Prepare
    const calendar = createWorkingDayCalendar();
    // Act
    const holidays = calendar.bankHolidays(year);
    // Assess
    expect(holidays).toEqual(expected);
  });

  it.each([
    // year  date          name fragment                   why it is interesting
    [2025, '2025-04-18', 'Good Friday', ''],
    [2025, '2025-12-26', 'Boxing Day', 'Friday, no substitute'],
    [2028, '2028-01-03', "New Year's Day (substitute day)", '1 Jan 2028 is a Saturday'],
    [2028, '2028-04-14', 'Good Friday', ''],
    [2028, '2028-05-29', 'Spring bank holiday', ''],
    [2020, '2020-05-08', 'Early May bank holiday (VE day)', 'moved from Monday 4 May 2020'],
    [2022, '2022-06-03', 'Platinum Jubilee', 'one-off'],
    [2022, '2022-09-19', 'Funeral', 'one-off'],
    [2023, '2023-05-08', 'Coronation', 'one-off'],
  ])('%i includes %s (%s) %s', (year, date, name) => {
    const holidays = createWorkingDayCalendar().bankHolidays(year);
    const found = holidays.find((h) => h.date === date);
    expect(found?.name).toContain(name);
  });

  it.each([
    [2025, 8],
    [2026, 8],
    [2027, 8],
    [2028, 8],
    [2020, 8], // VE day replaced the early May Monday
    [2022, 10], // Platinum Jubilee (2 extra days, one replacing late May) and the Queen's funeral
  ])('%i has %i bank holidays', (year, count) => {
    expect(createWorkingDayCalendar().bankHolidays(year)).toHaveLength(count);
  });

  it.each([
    ['2026-12-26'], // Boxing Day on a Saturday
    ['2027-12-25'], // Christmas Day on a Saturday
    ['2027-12-26'], // Boxing Day on a Sunday
    ['2028-01-01'], // New Year's Day on a Saturday
  ])('does not list %s, a weekend day replaced by a substitute', (date) => {
    const year = Number(date.slice(0, 4));
    expect(
      createWorkingDayCalendar()
        .bankHolidays(year)
        .map((h) => h.date),
    ).not.toContain(date);
  });

  it('hands out copies, so callers cannot corrupt the cache', () => {
    // Prepare
    const calendar = createWorkingDayCalendar();
    // Act
    const first = calendar.bankHolidays(2026);
    first.pop();
    (first[0] as { name: string }).name = 'changed';
    // Assess
    expect(calendar.bankHolidays(2026)).toHaveLength(8);
    expect(calendar.bankHolidays(2026)[0]?.name).toBe("New Year's Day");
  });
});

describe('isWorkingDay / nonWorkingReason', () => {
  it.each([
    ['2026-12-24', undefined], // Thursday
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-26', 'Saturday'], // Boxing Day, but a Saturday
    ['2026-12-27', 'Sunday'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2026-12-29', 'Council closure between Christmas and New Year'],
    ['2027-01-01', "New Year's Day"],
    ['2027-01-04', undefined],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-03-26', 'Good Friday'],
  ])('%s -> %s', (day, reason) => {
    // Prepare
    const calendar = createWorkingDayCalendar({ closureDays: councilClosures });
    // Act / Assess
    expect(calendar.nonWorkingReason(day)).toBe(reason);
    expect(calendar.isWorkingDay(day)).toBe(reason === undefined);
  });

  it('treats closure days as working days in a calendar without them', () => {
    expect(createWorkingDayCalendar().isWorkingDay('2026-12-29')).toBe(true);
  });

  it('rejects an invalid closure date', () => {
    expect(() => createWorkingDayCalendar({ closureDays: [{ date: '2026-02-30', reason: 'x' }] })).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Christmas / New Year 2026, no closure days.
    // From Fri 18 Dec: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), Fri 25 Christmas,
    // Sat 26, Sun 27, Mon 28 Boxing Day substitute, Tue 29 (5).
    ['2026-12-18', 5, '2026-12-29'],
    // ... Tue 29 (5), Wed 30 (6), Thu 31 (7), Fri 1 Jan New Year, Mon 4 (8), Tue 5 (9), Wed 6 (10).
    ['2026-12-18', 10, '2027-01-06'],
    // Easter 2027: from Wed 24 Mar: Thu 25 (1), Fri 26 Good Friday, Mon 29 Easter Monday, Tue 30 (2), Wed 31 (3).
    ['2027-03-24', 3, '2027-03-31'],
    // Early May 2027: Fri 30 Apr + 1: Mon 3 May is a bank holiday -> Tue 4 May.
    ['2027-04-30', 1, '2027-05-04'],
    // Spring 2027: Fri 28 May + 1: Mon 31 May is a bank holiday -> Tue 1 Jun.
    ['2027-05-28', 1, '2027-06-01'],
    // Early May 2026: Thu 30 Apr + 2: Fri 1 May (1), Mon 4 May bank holiday, Tue 5 May (2).
    ['2026-04-30', 2, '2026-05-05'],
    // Starting on a weekend: Sat 19 Dec + 1 = Mon 21 Dec.
    ['2026-12-19', 1, '2026-12-21'],
    // Starting on a bank holiday: Fri 25 Dec + 1: Mon 28 is the substitute -> Tue 29 Dec.
    ['2026-12-25', 1, '2026-12-29'],
    // n = 0 is the day itself, even when it is not a working day.
    ['2026-12-26', 0, '2026-12-26'],
    // Negative: Tue 29 Dec - 1: Mon 28 substitute, Sun 27, Sat 26, Fri 25 Christmas -> Thu 24 Dec.
    ['2026-12-29', -1, '2026-12-24'],
    // Mon 4 Jan 2027 - 2: Fri 1 Jan New Year, Thu 31 Dec (1), Wed 30 Dec (2).
    ['2027-01-04', -2, '2026-12-30'],
    // Wed 31 Mar 2027 - 3: Tue 30 (1), Mon 29 Easter Monday, Fri 26 Good Friday, Thu 25 (2), Wed 24 (3).
    ['2027-03-31', -3, '2027-03-24'],
    // A whole year: 2026 has 261 weekdays - 8 bank holidays = 253 working days, the last being Thu 31 Dec.
    ['2025-12-31', 253, '2026-12-31'],
    ['2025-12-31', 254, '2027-01-04'],
  ])('%s + %i working days = %s', (day, n, expected) => {
    // Prepare
    const calendar = createWorkingDayCalendar();
    // Act
    const due = calendar.addWorkingDays(day, n);
    // Assess
    expect(due).toBe(expected);
  });

  it.each([
    // With the council closed 29-31 Dec 2026.
    // From Fri 18 Dec: 21 (1), 22 (2), 23 (3), 24 (4), 25 Christmas, 28 substitute,
    // 29/30/31 closed, Fri 1 Jan New Year, Mon 4 Jan (5).
    ['2026-12-18', 5, '2027-01-04'],
    // From Thu 24 Dec: everything closed until Mon 4 Jan (1).
    ['2026-12-24', 1, '2027-01-04'],
    // Back from Mon 4 Jan: 1 Jan, 31, 30, 29 closed/holidays, 28 substitute, 25 Christmas -> Thu 24 Dec.
    ['2027-01-04', -1, '2026-12-24'],
  ])('with partnership closure days, %s + %i = %s', (day, n, expected) => {
    // Prepare
    const calendar = createWorkingDayCalendar({ closureDays: councilClosures });
    // Act / Assess
    expect(calendar.addWorkingDays(day, n)).toBe(expected);
  });

  it('rejects a fractional n', () => {
    expect(() => createWorkingDayCalendar().addWorkingDays('2026-12-18', 1.5)).toThrow(RangeError);
  });

  it('is fast once a year has been computed', () => {
    // Prepare
    const calendar = createWorkingDayCalendar();
    calendar.addWorkingDays('2026-03-02', 20); // warm the 2026 cache
    const runs = 20_000;
    // Act
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) calendar.addWorkingDays('2026-03-02', 20);
    const microsecondsPerCall = ((performance.now() - t0) * 1000) / runs;
    // Assess (about 1 µs on a developer machine; generous bound for slow CI)
    expect(microsecondsPerCall).toBeLessThan(50);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-12-18', '2026-12-29', 5], // see the hand count above
    ['2026-12-29', '2026-12-18', -5], // symmetric
    ['2026-12-18', '2026-12-18', 0],
    ['2026-12-24', '2026-12-28', 0], // 25 Christmas, 26 Sat, 27 Sun, 28 substitute
    ['2026-12-24', '2026-12-29', 1],
    ['2025-12-31', '2026-12-31', 253], // the working days of 2026
    ['2026-12-31', '2027-12-31', 253], // 2027: 261 weekdays - 8 bank holidays
  ])('from %s to %s = %i', (from, to, expected) => {
    expect(createWorkingDayCalendar().workingDaysBetween(from, to)).toBe(expected);
  });

  it('counts closure days out', () => {
    // 29, 30, 31 Dec are closed: from Thu 24 Dec 2026 to Mon 4 Jan 2027 there is 1 working day.
    expect(
      createWorkingDayCalendar({ closureDays: councilClosures }).workingDaysBetween('2026-12-24', '2027-01-04'),
    ).toBe(1);
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['2026-12-24', '2026-12-29'],
    ['2026-12-23', '2026-12-24'],
    ['2027-03-25', '2027-03-30'],
  ])('after %s is %s', (day, expected) => {
    expect(createWorkingDayCalendar().nextWorkingDay(day)).toBe(expected);
  });
});

describe('withinWorkingDays', () => {
  it.each([
    // Mon 14 Dec 2026 10:00 GMT, 20 working days. Day 1 is Tue 15 Dec:
    // 15 (1), 16 (2), 17 (3), 18 (4), 21 (5), 22 (6), 23 (7), 24 (8),
    // Fri 25 Christmas, Sat 26 Boxing Day on a Saturday, Sun 27, Mon 28 Boxing Day substitute,
    // 29 (9), 30 (10), 31 (11), Fri 1 Jan New Year,
    // 4 (12), 5 (13), 6 (14), 7 (15), 8 (16), 11 (17), 12 (18), 13 (19), Thu 14 Jan (20).
    ['2026-12-14T10:00:00.000Z', 20, '2027-01-14T23:59:59.999Z'],
    // Start on a Saturday: Sat 19 Dec 2026 14:00; day 1 is Mon 21 Dec.
    ['2026-12-19T14:00:00.000Z', 1, '2026-12-21T23:59:59.999Z'],
    // ... 21 (1), 22 (2), 23 (3), 24 (4), 29 (5).
    ['2026-12-19T14:00:00.000Z', 5, '2026-12-29T23:59:59.999Z'],
    // Start at 23:30 London on Wed 1 Jul 2026 (BST) = 22:30 UTC: the London day is 1 July, day 1 is Thu 2 Jul,
    // which ends at 23:59:59.999 BST = 22:59:59.999 UTC.
    ['2026-07-01T22:30:00.000Z', 1, '2026-07-02T22:59:59.999Z'],
    // 23:30 UTC on 1 July is already 00:30 BST on Thu 2 Jul: day 1 is Fri 3 Jul.
    ['2026-07-01T23:30:00.000Z', 1, '2026-07-03T22:59:59.999Z'],
    // In BST throughout: Mon 1 Jun 2026 09:00 BST, 10 working days:
    // 2 (1), 3 (2), 4 (3), 5 (4), 8 (5), 9 (6), 10 (7), 11 (8), 12 (9), Mon 15 Jun (10).
    ['2026-06-01T08:00:00.000Z', 10, '2026-06-15T22:59:59.999Z'],
    // Across spring forward: Fri 20 Mar 2026, 23 (1) … 27 (5) ends in GMT; Mon 30 Mar (6) ends in BST.
    ['2026-03-20T12:00:00.000Z', 5, '2026-03-27T23:59:59.999Z'],
    ['2026-03-20T12:00:00.000Z', 6, '2026-03-30T22:59:59.999Z'],
    // Across fall back: Fri 23 Oct 2026 12:00 BST, Mon 26 Oct (1) ends in GMT.
    ['2026-10-23T11:00:00.000Z', 1, '2026-10-26T23:59:59.999Z'],
    // Start at the first instant of a bank holiday (Mon 4 May 2026 00:00 BST): day 1 is Tue 5 May.
    ['2026-05-03T23:00:00.000Z', 1, '2026-05-05T22:59:59.999Z'],
    // n = 0: the end of the start's own London day.
    ['2026-12-14T10:00:00.000Z', 0, '2026-12-14T23:59:59.999Z'],
  ])('from %s within %i working days = by %s', (start, n, expected) => {
    // Prepare
    const calendar = createWorkingDayCalendar();
    // Act
    const deadline = withinWorkingDays(calendar, new Date(start), n);
    // Assess
    expect(deadline.toISOString()).toBe(expected);
    expect(londonTimeOf(deadline)).toBe('23:59');
  });

  it('uses the partnership closure days', () => {
    // Prepare: Thu 24 Dec 2026 16:00; 25 Christmas, 28 substitute, 29-31 closed, 1 Jan New Year.
    const calendar = createWorkingDayCalendar({ closureDays: councilClosures });
    // Act
    const deadline = withinWorkingDays(calendar, new Date('2026-12-24T16:00:00.000Z'), 1);
    // Assess
    expect(londonDateOf(deadline)).toBe('2027-01-04');
  });

  it('rejects a negative n', () => {
    expect(() => withinWorkingDays(createWorkingDayCalendar(), new Date('2026-12-14T10:00:00.000Z'), -1)).toThrow(
      RangeError,
    );
  });
});

describe('coverage', () => {
  it.each([
    ['isWorkingDay 2036', (c: ReturnType<typeof createWorkingDayCalendar>) => c.isWorkingDay('2036-01-02'), '2036'],
    ['isWorkingDay 2019', (c: ReturnType<typeof createWorkingDayCalendar>) => c.isWorkingDay('2019-12-31'), '2019'],
    [
      'addWorkingDays running into 2036',
      (c: ReturnType<typeof createWorkingDayCalendar>) => c.addWorkingDays('2035-12-28', 5),
      '2036',
    ],
    [
      'addWorkingDays running back into 2019',
      (c: ReturnType<typeof createWorkingDayCalendar>) => c.addWorkingDays('2020-01-03', -3),
      '2019',
    ],
    [
      'addWorkingDays n = 0 outside',
      (c: ReturnType<typeof createWorkingDayCalendar>) => c.addWorkingDays('2040-06-01', 0),
      '2040',
    ],
    [
      'workingDaysBetween into 2036',
      (c: ReturnType<typeof createWorkingDayCalendar>) => c.workingDaysBetween('2035-12-01', '2036-01-05'),
      '2036',
    ],
    ['bankHolidays(2036)', (c: ReturnType<typeof createWorkingDayCalendar>) => c.bankHolidays(2036), '2036'],
  ])('%s throws CalendarCoverageError naming the year', (_label, act, year) => {
    // Prepare
    const calendar = createWorkingDayCalendar();
    // Act
    let error: unknown;
    try {
      act(calendar);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(CalendarCoverageError);
    expect((error as CalendarCoverageError).missing).toContain(`year ${year}`);
    expect((error as CalendarCoverageError).message).toContain(year);
  });

  it('respects custom firstYear / lastYear', () => {
    // Prepare
    const calendar = createWorkingDayCalendar({ firstYear: 2026, lastYear: 2027 });
    // Act / Assess
    expect(calendar.isWorkingDay('2027-12-31')).toBe(true);
    expect(() => calendar.isWorkingDay('2028-01-04')).toThrow(CalendarCoverageError);
    expect(() => calendar.bankHolidays(2025)).toThrow(/2025/);
  });

  it('works right up to the edges of its range', () => {
    const calendar = createWorkingDayCalendar();
    // Fri 28 Dec 2035 + 1: Mon 31 Dec 2035 is a working day.
    expect(calendar.addWorkingDays('2035-12-28', 1)).toBe('2035-12-31');
    // Fri 3 Jan 2020 - 1: Thu 2 Jan 2020 (1 Jan is New Year's Day).
    expect(calendar.addWorkingDays('2020-01-03', -1)).toBe('2020-01-02');
  });
});

describe("an organisation's closure days count only in that organisation's calendar", () => {
  // Prepare: the council closes 29-31 Dec 2026; health closes Thu 24 Dec 2026.
  const partnershipCalendar = createWorkingDayCalendar({
    closureDays: [
      ...councilClosures.map((c) => ({ ...c, organisation: 'riverside-council' })),
      { date: '2026-12-24', reason: 'Health closure on Christmas Eve', organisation: 'riverside-health' },
    ],
  });

  // Hand count from Fri 18 Dec 2026 (bank holidays Fri 25, Mon 28 Dec, Fri 1 Jan):
  // England:  1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, 5 Tue 29, 6 Wed 30, 7 Thu 31, 8 Mon 4 Jan
  // council:  1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, 5 Mon 4 Jan, 6 Tue 5, 7 Wed 6, 8 Thu 7
  // health:   1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Tue 29, 5 Wed 30, 6 Thu 31, 7 Mon 4 Jan, 8 Tue 5
  it.each([
    [
      'the partnership calendar itself (closure days all belong to organisations)',
      partnershipCalendar,
      ['2026-12-29', '2027-01-04'],
    ],
    ['england(): weekends and bank holidays only', partnershipCalendar.england(), ['2026-12-29', '2027-01-04']],
    ['the council', partnershipCalendar.forOrganisation('riverside-council'), ['2027-01-04', '2027-01-07']],
    ['health', partnershipCalendar.forOrganisation('riverside-health'), ['2026-12-30', '2027-01-05']],
    [
      'an organisation with no closure days',
      partnershipCalendar.forOrganisation('riverside-police'),
      ['2026-12-29', '2027-01-04'],
    ],
  ])('%s: the 5th and 8th working days after Fri 18 Dec', (_name, calendar, [fifth, eighth]) => {
    // Act / Assess
    expect(calendar.addWorkingDays('2026-12-18', 5)).toBe(fifth);
    expect(calendar.addWorkingDays('2026-12-18', 8)).toBe(eighth);
    expect(calendar.workingDaysBetween('2026-12-18', eighth!)).toBe(8);
  });

  it("names the closing organisation's reason only in its own calendar", () => {
    // Act / Assess
    expect(partnershipCalendar.forOrganisation('riverside-council').nonWorkingReason('2026-12-30')).toBe(
      'Council closure between Christmas and New Year',
    );
    expect(partnershipCalendar.forOrganisation('riverside-health').nonWorkingReason('2026-12-30')).toBeUndefined();
    expect(partnershipCalendar.england().nonWorkingReason('2026-12-24')).toBeUndefined();
    expect(partnershipCalendar.england().nonWorkingReason('2026-12-25')).toBe('Christmas Day');
  });

  it('england() leaves out even closure days given without an organisation', () => {
    // Prepare
    const calendar = createWorkingDayCalendar({ closureDays: councilClosures });
    // Act / Assess
    expect(calendar.isWorkingDay('2026-12-29')).toBe(false);
    expect(calendar.england().isWorkingDay('2026-12-29')).toBe(true);
    expect(calendar.england().workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4); // Tue 29, Wed 30, Thu 31, Mon 4 Jan
  });

  it('keeps the coverage years in every view, and gives the same view each time', () => {
    // Prepare
    const calendar = createWorkingDayCalendar({ firstYear: 2026, lastYear: 2027 });
    // Act / Assess
    expect(() => calendar.england().addWorkingDays('2027-12-31', 1)).toThrow(CalendarCoverageError);
    expect(() => calendar.forOrganisation('riverside-council').isWorkingDay('2025-06-02')).toThrow(
      CalendarCoverageError,
    );
    expect(calendar.forOrganisation('riverside-council')).toBe(calendar.forOrganisation('riverside-council'));
    expect(calendar.england()).toBe(calendar.england());
  });
});

describe('a bank holiday proclaimed for one year, added by configuration', () => {
  // date-holidays already knows 2022's and 2023's one-off days (the State Funeral, the Coronation), so
  // the added day in these tests is a hypothetical proclamation: Friday 4 June 2027.
  const coronation = {
    date: '2023-05-08',
    name: 'Bank holiday for the Coronation of King Charles III',
    proclamation: 'Proclamation of 8 November 2022 (Banking and Financial Dealings Act 1971 s1(3))',
  };
  const future = {
    date: '2027-06-04',
    name: 'Bank holiday proclaimed for a national occasion',
    proclamation: 'Proclamation of 1 December 2026 (Banking and Financial Dealings Act 1971 s1(3))',
  };

  it("without configuration the package's own data decides: 19 Sep 2022 and 8 May 2023 are bank holidays, 4 Jun 2027 is not", () => {
    const wd = createWorkingDayCalendar();
    expect(wd.isWorkingDay('2022-09-19')).toBe(false);
    expect(wd.isWorkingDay('2023-05-08')).toBe(false);
    expect(wd.isWorkingDay('2027-06-04')).toBe(true);
  });

  it('a statutory clock across 8 May 2023 with the day configured counts it as the package does (the same day, nothing doubled)', () => {
    // Prepare: the clock starts Friday 5 May 2023; 8 May is the Coronation bank holiday
    const start = new Date('2023-05-05T10:00:00Z');
    // Act
    const configured = withinWorkingDays(
      createWorkingDayCalendar({ proclaimedBankHolidays: [coronation] }).england(),
      start,
      5,
    );
    const unconfigured = withinWorkingDays(createWorkingDayCalendar().england(), start, 5);
    // Assess: day 1 is Tue 9 May, day 5 Mon 15 May
    expect(londonDateOf(configured)).toBe('2023-05-15');
    expect(configured).toEqual(unconfigured);
    expect(
      createWorkingDayCalendar({ proclaimedBankHolidays: [coronation] })
        .bankHolidays(2023)
        .filter((h) => h.date === '2023-05-08'),
    ).toHaveLength(1);
  });

  it("a proclaimed day the package does not know: every view skips it, statutory (england) and an organisation's, and it is listed with its proclamation", () => {
    // Prepare
    const wd = createWorkingDayCalendar({
      proclaimedBankHolidays: [future],
      closureDays: [{ date: '2027-06-07', reason: 'Council closure', organisation: 'riverside-council' }],
    });
    const start = new Date('2027-06-02T09:00:00Z'); // Wednesday
    // Act / Assess: 3 working days from Wed 2 Jun are Thu 3, Mon 7, Tue 8 (Fri 4 proclaimed)
    expect(londonDateOf(withinWorkingDays(wd.england(), start, 3))).toBe('2027-06-08');
    expect(londonDateOf(withinWorkingDays(createWorkingDayCalendar().england(), start, 3))).toBe('2027-06-07');
    expect(londonDateOf(withinWorkingDays(wd.forOrganisation('riverside-council'), start, 3))).toBe('2027-06-09');
    expect(wd.england().nonWorkingReason('2027-06-04')).toBe(future.name);
    expect(wd.england().workingDaysBetween('2027-06-01', '2027-06-08')).toBe(4);
    expect(wd.bankHolidays(2027).find((h) => h.date === '2027-06-04')).toEqual({
      date: '2027-06-04',
      name: future.name,
      proclamation: future.proclamation,
    });
  });

  it('refuses a proclaimed day that is not a date, or falls on a weekend', () => {
    expect(() => createWorkingDayCalendar({ proclaimedBankHolidays: [{ ...future, date: '2027-06-31' }] })).toThrow(
      /invalid date/,
    );
    expect(() => createWorkingDayCalendar({ proclaimedBankHolidays: [{ ...future, date: '2027-06-05' }] })).toThrow(
      /falls on a weekend/,
    );
  });
});
