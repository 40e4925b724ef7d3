import { describe, expect, it } from 'vitest';
import rawTermCalendars from '#config/term-calendars.json';
import { CalendarCoverageError, createWorkingDayCalendar, isSchoolDay, nextSchoolDayStart } from '../calendar';
import { type School, type SchoolSnapshot, snapshotOf } from './model';
import {
  parseTermCalendars,
  schoolCalendarFor,
  TermCalendarsError,
  termCalendars,
  termCalendarsWith,
} from './term-calendars';

const workingDays = createWorkingDayCalendar({ closureDays: [] });

/** A valid calendar to break one piece at a time. */
function calendar() {
  return {
    id: 'la-999',
    name: 'Testshire LA 999',
    schoolYears: [
      {
        year: '2026/27',
        terms: [
          { name: 'Autumn 1', start: '2026-09-02', end: '2026-10-23' },
          { name: 'Autumn 2', start: '2026-11-02', end: '2026-12-18' },
          { name: 'Spring 1', start: '2027-01-04', end: '2027-02-12' },
        ],
        insetDays: ['2026-09-02'],
      },
    ],
  };
}

function problemsOf(raw: unknown): string[] {
  try {
    parseTermCalendars(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(TermCalendarsError);
    return (error as TermCalendarsError).problems;
  }
  throw new Error('expected the calendars to be refused');
}

const riversidePrimary: SchoolSnapshot = {
  urn: '100001',
  name: 'Riverside Primary School',
  localAuthorityCode: '330',
  termCalendarId: 'la-330',
  extraInsetDays: ['2026-11-27'],
  startOfDay: '08:45',
  holidayCover: true,
};

describe('the shipped term calendars', () => {
  it('parse, with Riverside and Eastbrook for three school years and Riverbank Academy Trust for two', () => {
    expect(Object.keys(termCalendars).sort()).toEqual(['academy-riverbank', 'la-330', 'la-338']);
    expect(termCalendars['la-330']!.schoolYears.map((y) => y.year)).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(termCalendars['la-338']!.schoolYears.map((y) => y.year)).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(termCalendars['academy-riverbank']!.schoolYears.map((y) => y.year)).toEqual(['2026/27', '2027/28']);
    for (const c of Object.values(termCalendars)) for (const y of c.schoolYears) expect(y.terms).toHaveLength(6);
  });

  it('give Riverside 2026/27 exactly as published', () => {
    expect(termCalendars['la-330']!.schoolYears.find((y) => y.year === '2026/27')).toEqual({
      year: '2026/27',
      terms: [
        { name: 'Autumn 1', start: '2026-09-02', end: '2026-10-23' },
        { name: 'Autumn 2', start: '2026-11-02', end: '2026-12-18' },
        { name: 'Spring 1', start: '2027-01-04', end: '2027-02-12' },
        { name: 'Spring 2', start: '2027-02-22', end: '2027-03-26' },
        { name: 'Summer 1', start: '2027-04-12', end: '2027-05-28' },
        { name: 'Summer 2', start: '2027-06-07', end: '2027-07-21' },
      ],
      insetDays: ['2026-09-02', '2027-01-04'],
    });
  });

  it('give the academy its two-week October half term while Riverside schools are back', () => {
    const academy = schoolCalendarFor({
      ...riversidePrimary,
      urn: '100006',
      name: 'Riverbank Academy',
      termCalendarId: 'academy-riverbank',
      extraInsetDays: [],
    });
    const riverside = schoolCalendarFor(riversidePrimary);
    // Mon 19 Oct 2026: Riverside in term, the academy on half term; Mon 2 Nov 2026 both back
    expect(isSchoolDay(riverside, '2026-10-19', workingDays)).toBe(true);
    expect(isSchoolDay(academy, '2026-10-19', workingDays)).toBe(false);
    expect(isSchoolDay(academy, '2026-10-30', workingDays)).toBe(false);
    expect(isSchoolDay(academy, '2026-11-02', workingDays)).toBe(true);
  });

  it('every term day of every shipped year starts and ends on a weekday', () => {
    for (const c of Object.values(termCalendars)) {
      for (const y of c.schoolYears) {
        for (const t of y.terms) {
          for (const day of [t.start, t.end])
            expect([0, 6], `${c.id} ${y.year} ${t.name} ${day}`).not.toContain(
              new Date(`${day}T12:00:00Z`).getUTCDay(),
            );
        }
      }
    }
  });

  it('the raw file is a list, as parseTermCalendars takes it', () => {
    expect(Array.isArray(rawTermCalendars)).toBe(true);
    expect(parseTermCalendars(rawTermCalendars)).toEqual(termCalendars);
  });
});

describe('parseTermCalendars refuses', () => {
  it('overlapping terms, naming the path and both terms', () => {
    // Prepare: Autumn 2 starts before Autumn 1 ends
    const raw = calendar();
    raw.schoolYears[0]!.terms[1]!.start = '2026-10-20';
    // Act / Assess
    expect(problemsOf([raw])).toEqual([
      '0.schoolYears.0.terms.1: Autumn 2 (from 2026-10-20) overlaps Autumn 1 (to 2026-10-23)',
    ]);
  });

  it('terms out of order', () => {
    const raw = calendar();
    raw.schoolYears[0]!.terms.reverse();
    expect(problemsOf([raw])).toEqual([
      '0.schoolYears.0.terms.1: Autumn 2 (from 2026-11-02) is listed after Spring 1 (from 2027-01-04); list terms in date order',
      '0.schoolYears.0.terms.2: Autumn 1 (from 2026-09-02) is listed after Autumn 2 (from 2026-11-02); list terms in date order',
      // Spring 1 (first now) is not a problem; the INSET day is still inside Autumn 1
    ]);
  });

  it('a term that ends before it starts', () => {
    const raw = calendar();
    raw.schoolYears[0]!.terms[2]!.end = '2027-01-01';
    expect(problemsOf([raw])).toEqual([
      '0.schoolYears.0.terms.2: Spring 1 starts (2027-01-04) after it ends (2027-01-01)',
    ]);
  });

  it('an INSET day outside every term', () => {
    const raw = calendar();
    raw.schoolYears[0]!.insetDays.push('2026-10-26');
    expect(problemsOf([raw])).toEqual(['0.schoolYears.0.insetDays.1: 2026-10-26 is not inside any term of 2026/27']);
  });

  it('a term outside its school year, a badly written year, and a bad date', () => {
    const raw = calendar();
    raw.schoolYears[0]!.terms[0]!.start = '2026-08-28';
    const other = { ...calendar(), id: 'academy-x', schoolYears: [{ ...calendar().schoolYears[0]!, year: '2026/28' }] };
    const third = calendar();
    third.id = 'la-998';
    third.schoolYears[0]!.terms[0]!.end = '23/10/2026';
    expect(problemsOf([raw, other, third])).toEqual([
      '0.schoolYears.0.terms.0.start: 2026-08-28 is not in school year 2026/27 (1 September to 31 August)',
      "1.schoolYears.0.year: must be two consecutive years, like '2026/27'",
      '2.schoolYears.0.terms.0.end: must be a date written YYYY-MM-DD',
    ]);
  });

  it('an unknown field, a calendar listed twice and a school year listed twice', () => {
    const raw = { ...calendar(), colour: 'blue' };
    const twice = calendar();
    twice.id = 'la-998';
    twice.schoolYears.push(calendar().schoolYears[0]!);
    expect(problemsOf([raw, twice])).toEqual([
      expect.stringMatching(/^0: .*colour/),
      '1.schoolYears.1.year: school year 2026/27 is listed twice',
    ]);
    expect(problemsOf([calendar(), calendar()])).toEqual(['1.id: term calendar la-999 is listed twice']);
  });

  it('something that is not a list', () => {
    expect(problemsOf({ 'la-330': calendar() })).toEqual([expect.stringMatching(/^\(root\): /)]);
  });

  it('and the error message lists every problem', () => {
    const raw = calendar();
    raw.schoolYears[0]!.terms[1]!.start = '2026-10-20';
    raw.schoolYears[0]!.insetDays.push('2026-12-25');
    expect(() => parseTermCalendars([raw])).toThrow(/terms\.1: Autumn 2[\s\S]*insetDays\.1: 2026-12-25/);
  });
});

describe('schoolCalendarFor', () => {
  it("gives the school's term calendar, its own INSET days and its start of day", () => {
    // Act
    const school = schoolCalendarFor(riversidePrimary);
    // Assess
    expect(school).toEqual({
      urn: '100001',
      name: 'Riverside Primary School',
      termCalendar: termCalendars['la-330'],
      extraInsetDays: ['2026-11-27'],
      startOfDay: '08:45',
    });
    // Thu 26 Nov 2026 at 10:00 London: next start is Mon 30 Nov at 08:45 (Fri 27 Nov is the school's own INSET day)
    expect(nextSchoolDayStart(new Date('2026-11-26T10:00:00Z'), school, workingDays).toISOString()).toBe(
      '2026-11-30T08:45:00.000Z',
    );
  });

  it('names a calendar it does not know', () => {
    const snapshot = { ...riversidePrimary, termCalendarId: 'academy-elsewhere' };
    expect(() => schoolCalendarFor(snapshot)).toThrow(CalendarCoverageError);
    expect(() => schoolCalendarFor(snapshot)).toThrow(
      /term calendar 'academy-elsewhere', followed by Riverside Primary School \(URN 100001\)/,
    );
  });

  it('takes the calendars to use', () => {
    const own = parseTermCalendars([calendar()]);
    expect(schoolCalendarFor({ ...riversidePrimary, termCalendarId: 'la-999' }, own).termCalendar.name).toBe(
      'Testshire LA 999',
    );
    expect(() => schoolCalendarFor(riversidePrimary, own)).toThrow(/la-330/);
  });
});

describe("imported term calendars (loaded from councils' published dates)", () => {
  const imported = parseTermCalendars([calendar()])['la-999']!;

  it('a snapshot carries the imported calendar it follows, and the rules count by it, not by a shipped one of the same id', () => {
    // Prepare: an imported la-330 whose dates differ from the shipped ones
    const republished = { ...imported, id: 'la-330', name: 'Riverside LA 330 (republished)' };
    const school: School = { ...riversidePrimary, phase: 'primary', updatedAt: '2026-09-01T00:00:00Z' } as School;
    // Act
    const carried = snapshotOf(school, republished);
    const shipped = snapshotOf(school);
    const other = snapshotOf(school, imported); // a calendar the school does not follow is not carried
    // Assess
    expect(schoolCalendarFor(carried).termCalendar).toEqual(republished);
    expect(schoolCalendarFor(shipped).termCalendar).toEqual(termCalendars['la-330']);
    expect(other).not.toHaveProperty('termCalendar');
  });

  it('termCalendarsWith: the shipped calendars and the imported ones, an imported one replacing a shipped one of its id', () => {
    const all = termCalendarsWith([imported, { ...imported, id: 'la-330', name: 'Republished' }]);
    expect(Object.keys(all).sort()).toEqual(['academy-riverbank', 'la-330', 'la-338', 'la-999']);
    expect(all['la-330']!.name).toBe('Republished');
    expect(termCalendars['la-330']!.name).toBe('Riverside LA 330');
  });
});
