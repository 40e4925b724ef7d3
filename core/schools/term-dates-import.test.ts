import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSchoolDay, type SchoolYearTerms } from '../calendar';
import { createWorkingDayCalendar } from '../calendar/working-days';
import { dateOf, termDatesFromCsv, termDatesFromIcs, withSchoolYears } from './term-dates-import';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/term-dates/${name}`, import.meta.url)));

/** Northvale's 2026/27 dates as both fixtures give them. */
const NORTHVALE_2026_27: SchoolYearTerms = {
  year: '2026/27',
  terms: [
    { name: 'Autumn term, first half', start: '2026-09-01', end: '2026-10-23' },
    { name: 'Autumn term, second half', start: '2026-11-02', end: '2026-12-18' },
    { name: 'Spring term, first half', start: '2027-01-04', end: '2027-02-12' },
    { name: 'Spring term, second half', start: '2027-02-22', end: '2027-03-25' },
    { name: 'Summer term, first half', start: '2027-04-12', end: '2027-05-28' },
    { name: 'Summer term, second half', start: '2027-06-07', end: '2027-07-22' },
  ],
  insetDays: ['2026-09-01', '2026-09-02', '2027-01-04', '2027-06-07', '2027-07-22'],
};

describe('dateOf: dates as councils write them', () => {
  it.each([
    ['2026-09-02', '2026-09-02'],
    ['02/09/2026', '2026-09-02'],
    ['2/9/2026', '2026-09-02'],
    ['Wednesday 2 September 2026', '2026-09-02'],
    ['Wed 2nd Sept 2026', '2026-09-02'],
    ['2 Sep 2026', '2026-09-02'],
  ])('%s', (text, day) => {
    expect(dateOf(text)).toEqual({ ok: true, day });
  });

  it.each([
    ['Tuesday 2 September 2026', '2 September 2026 is a Wednesday, not a Tuesday'],
    ['31/09/2026', "'31/09/2026' is not a day of the calendar"],
    ['09/02/26', "'09/02/26' is not a date (write 2026-09-02, 02/09/2026 or Wednesday 2 September 2026)"],
    ['2 Septober 2026', "'2 Septober 2026' names no month"],
    ['2 September 1926', "'2 September 1926' is not a year term dates are given for"],
  ])('%s is refused: %s', (text, reason) => {
    expect(dateOf(text)).toEqual({ ok: false, reason });
  });
});

describe('termDatesFromCsv', () => {
  it("reads a council's published 2026/27 dates: half terms split the terms, INSET days kept, the bank holiday left out with its line", () => {
    // Act
    const read = termDatesFromCsv(fixture('northvale-2026-27.csv'));
    // Assess
    expect(read.problems).toEqual([]);
    expect(read.schoolYears).toEqual([NORTHVALE_2026_27]);
    expect(read.leftOut).toEqual([
      {
        line: 9,
        reason: expect.stringContaining('Early May bank holiday: bank holidays are never school days already'),
      },
    ]);
  });

  it('the calendar read counts school days as the council publishes them', () => {
    // Prepare
    const { schoolYears } = termDatesFromCsv(fixture('northvale-2026-27.csv'));
    const school = {
      urn: '200101',
      name: 'St Thomas à Becket Catholic Primary School',
      termCalendar: { id: 'la-331', name: 'Northvale', schoolYears },
    };
    const wd = createWorkingDayCalendar();
    const at = (day: string) => day;
    // Act / Assess: INSET, half term, Christmas, the bank holiday, Easter: not school days; the days around them are
    expect(isSchoolDay(school, at('2026-09-02'), wd)).toBe(false);
    expect(isSchoolDay(school, at('2026-09-03'), wd)).toBe(true);
    expect(isSchoolDay(school, at('2026-10-23'), wd)).toBe(true);
    expect(isSchoolDay(school, at('2026-10-28'), wd)).toBe(false);
    expect(isSchoolDay(school, at('2026-11-02'), wd)).toBe(true);
    expect(isSchoolDay(school, at('2026-12-21'), wd)).toBe(false);
    expect(isSchoolDay(school, at('2027-03-25'), wd)).toBe(true);
    expect(isSchoolDay(school, at('2027-05-03'), wd)).toBe(false);
    expect(isSchoolDay(school, at('2027-05-04'), wd)).toBe(true);
  });

  it('reports every problem with its line, and keeps nothing', () => {
    // Prepare
    const text = [
      'Type,Name,Start,End',
      'Term,Autumn term,Tuesday 1 September 2026,Friday 18 December 2026', // 2
      'Term,Spring term,Monday 4 January 2027,', // 3: no end
      'Half term,February half term,Monday 15 February 2027,Friday 20 February 2027', // 4: 20 Feb is a Saturday
      'Trip,Year 6 residential,Monday 8 March 2027,Friday 12 March 2027', // 5: not a kind
      'INSET day,Training,,', // 6: no start
      'Term,Summer term,31/04/2027,21/07/2027', // 7: not a day
    ].join('\n');
    // Act
    const read = termDatesFromCsv(text);
    // Assess
    expect(read.schoolYears).toEqual([]);
    expect(read.problems).toEqual([
      { line: 3, reason: 'End is missing (a term needs its last day)' },
      { line: 4, reason: 'End 20 February 2027 is a Saturday, not a Friday' },
      { line: 5, reason: "Type 'Trip' is not Term, Holiday, INSET day or Bank holiday" },
      { line: 6, reason: 'Start is missing' },
      { line: 7, reason: "Start '31/04/2027' is not a day of the calendar" },
    ]);
  });

  it('refuses overlapping terms, a term across 31 August, an INSET day outside the terms or at a weekend, and a term a holiday covers', () => {
    const overlap = termDatesFromCsv(
      'Type,Name,Start,End\nTerm,Autumn 1,2026-09-01,2026-10-23\nTerm,Autumn 2,2026-10-19,2026-12-18\n',
    );
    expect(overlap.problems).toEqual([
      {
        line: 3,
        reason: 'Autumn 2 (from Monday 19 October 2026) overlaps Autumn 1 (to Friday 23 October 2026, line 2)',
      },
    ]);
    const across = termDatesFromCsv('Type,Name,Start,End\nTerm,Summer school,2027-07-26,2027-09-03\n');
    expect(across.problems).toEqual([
      { line: 2, reason: 'Summer school runs from school year 2026/27 into 2027/28 (a school year ends on 31 August)' },
    ]);
    const inset = termDatesFromCsv(
      'Type,Name,Start,End\nTerm,Autumn 1,2026-09-01,2026-10-23\nHoliday,Half term,2026-10-26,2026-10-30\nINSET,Training,2026-10-27,\nINSET,Training,2026-09-05,\n',
    );
    expect(inset.problems).toEqual([
      {
        line: 4,
        reason: 'Training: Tuesday 27 October 2026 is not inside any term given (outside the terms, or in a holiday)',
      },
      { line: 5, reason: 'Training: Saturday 5 September 2026 is a weekend day, not a school day' },
    ]);
    const covered = termDatesFromCsv(
      'Type,Name,Start,End\nTerm,Autumn 1,2026-10-26,2026-10-30\nHoliday,Half term,2026-10-24,2026-11-01\n',
    );
    expect(covered.problems).toEqual([
      {
        line: 2,
        reason: 'Autumn 1 has no school day left: the holidays given cover all of it, or it falls on a weekend',
      },
    ]);
  });

  it('a file without the columns, an empty file and a file in neither encoding are refused naming the line', () => {
    expect(termDatesFromCsv('Term,Start\nAutumn,2026-09-01\n').problems).toEqual([
      { line: 1, reason: 'the header has no column Type, Name, End (expected Type, Name, Start, End)' },
    ]);
    expect(termDatesFromCsv('').problems).toEqual([{ line: 1, reason: expect.stringContaining('the file is empty') }]);
    expect(
      termDatesFromCsv(
        new Uint8Array([
          ...Buffer.from('Type,Name,Start,End\nTerm,Autumn'),
          0x90,
          ...Buffer.from(',2026-09-01,2026-10-23\n'),
        ]),
      ).problems,
    ).toEqual([{ line: 2, column: 12, reason: expect.stringContaining('holds the byte 0x90') }]);
  });
});

describe('termDatesFromIcs', () => {
  it("reads the same dates from the council's iCalendar file (all-day events, DTEND the day after), folded lines and all", () => {
    const read = termDatesFromIcs(fixture('northvale-2026-27.ics'));
    expect(read.problems).toEqual([]);
    expect(read.schoolYears).toEqual([NORTHVALE_2026_27]);
    expect(read.leftOut).toEqual([{ line: 74, reason: expect.stringContaining('Early May bank holiday') }]);
  });

  it('reads terms given as start and end markers ("Autumn term starts", "Autumn term ends")', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Example//EN',
      'BEGIN:VEVENT',
      'UID:1',
      'SUMMARY:Autumn term ends',
      'DTSTART;VALUE=DATE:20261218',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:2',
      'SUMMARY:Autumn term starts',
      'DTSTART;VALUE=DATE:20260902',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:3',
      'SUMMARY:Half term',
      'DTSTART;VALUE=DATE:20261026',
      'DTEND;VALUE=DATE:20261031',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const read = termDatesFromIcs(ics);
    expect(read.problems).toEqual([]);
    expect(read.schoolYears).toEqual([
      {
        year: '2026/27',
        terms: [
          { name: 'Autumn term, first half', start: '2026-09-02', end: '2026-10-23' },
          { name: 'Autumn term, second half', start: '2026-11-02', end: '2026-12-18' },
        ],
        insetDays: [],
      },
    ]);
  });

  it('names the line of the property at fault', () => {
    // Prepare
    const ics = [
      'BEGIN:VCALENDAR', // 1
      'VERSION:2.0',
      'PRODID:-//Example//EN',
      'BEGIN:VEVENT', // 4
      'UID:a',
      'SUMMARY:Autumn term', // 6
      'DTSTART;VALUE=DATE:20260901',
      'DTEND;VALUE=DATE:20260901', // 8: not after DTSTART
      'END:VEVENT',
      'BEGIN:VEVENT', // 10
      'UID:b',
      'SUMMARY:Parents evening', // 12: not a kind
      'DTSTART;VALUE=DATE:20261105',
      'END:VEVENT',
      'BEGIN:VEVENT', // 15
      'UID:c',
      'SUMMARY:INSET day',
      'DTSTART:20261106T090000Z', // 18: a time
      'END:VEVENT',
      'BEGIN:VEVENT', // 20
      'UID:d',
      'SUMMARY:Spring term',
      'DTSTART;VALUE=DATE:20270104',
      'DTEND;VALUE=DATE:20271345', // 24: not a day
      'END:VEVENT',
      'BEGIN:VEVENT', // 26
      'UID:e',
      'SUMMARY:INSET day',
      'DTSTART;VALUE=DATE:20261201',
      'RRULE:FREQ=YEARLY', // 30
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    // Act
    const read = termDatesFromIcs(ics);
    // Assess
    expect(read.schoolYears).toEqual([]);
    expect(read.problems).toEqual([
      {
        line: 8,
        reason: expect.stringContaining('Autumn term: DTEND (Tuesday 1 September 2026) is not after DTSTART'),
      },
      {
        line: 12,
        reason: expect.stringContaining("'Parents evening' is not a term, a holiday, an INSET day or a bank holiday"),
      },
      {
        line: 18,
        reason: expect.stringContaining('INSET day: DTSTART has a time of day; term dates are all-day events'),
      },
      { line: 24, reason: "Spring term: DTEND '20271345' is not a day of the calendar" },
      { line: 30, reason: expect.stringContaining('INSET day repeats (RRULE)') },
    ]);
  });

  it('a file that is not iCalendar, or broken, is refused naming the line', () => {
    expect(termDatesFromIcs('Type,Name\n').problems).toEqual([
      { line: 1, reason: 'is not an iCalendar file: it must start with BEGIN:VCALENDAR' },
    ]);
    expect(
      termDatesFromIcs('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis line has no colon\r\nEND:VCALENDAR\r\n').problems,
    ).toEqual([{ line: 3, reason: expect.stringContaining('is not valid iCalendar') }]);
  });

  it('an unmatched start of term is refused on its SUMMARY line', () => {
    const ics =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Spring term begins\r\nDTSTART;VALUE=DATE:20270104\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(termDatesFromIcs(ics).problems).toEqual([
      { line: 5, reason: expect.stringContaining("'Spring term begins' has no matching end of term after it") },
    ]);
  });
});

describe('withSchoolYears', () => {
  it('replaces the school years an import gives and keeps the others', () => {
    const existing = {
      id: 'la-331',
      name: 'Northvale',
      schoolYears: [
        { year: '2025/26', terms: [], insetDays: [] },
        { year: '2026/27', terms: [], insetDays: ['2026-09-01'] },
      ],
    };
    expect(withSchoolYears(existing, 'la-331', 'Northvale LA 331', [NORTHVALE_2026_27])).toEqual({
      id: 'la-331',
      name: 'Northvale LA 331',
      schoolYears: [existing.schoolYears[0], NORTHVALE_2026_27],
    });
    expect(withSchoolYears(undefined, 'la-331', 'Northvale', [NORTHVALE_2026_27]).schoolYears).toEqual([
      NORTHVALE_2026_27,
    ]);
  });
});
