/**
 * The one state of a clock, worked out by hand for each kind (working days over Christmas, calendar weeks
 * into BST, elapsed hours across the October clock change, a school's start of day, a set due time), then
 * as properties across kinds, lengths and instants: one state at a time, in time → due soon → overdue in
 * that order and never back, overdue exactly past the due instant, due soon never before its window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createWorkingDayCalendar,
  daysBetween,
  epochDayOf,
  localDateOfEpochDay,
  londonDateOf,
  londonDateTime,
} from '../calendar';
import { type ClockCalendars, startClock } from './engine';
import type { ClockDefinition, ClockKind } from './model';
import { type ClockForState, clockStateOf, DUE_SOON_HOURS, dueSoonRuleOf, latenessWords } from './state';

const calendars: ClockCalendars = {
  workingDays: createWorkingDayCalendar({
    closureDays: [
      { organisation: 'riverside-council', date: '2026-12-29', reason: 'Council closure day' },
      { organisation: 'riverside-council', date: '2026-12-30', reason: 'Council closure day' },
      { organisation: 'riverside-council', date: '2026-12-31', reason: 'Council closure day' },
    ],
  }),
};

const clock = (overrides: Partial<ClockForState>): ClockForState => ({
  kind: 'workingDays',
  length: 5,
  status: 'running',
  source: { kind: 'statutory' },
  startedAt: '2026-12-17T09:00:00.000Z',
  dueAt: '2026-12-24T23:59:59.999Z',
  ...overrides,
});
const at = (clockState: ClockForState, iso: string) => clockStateOf(clockState, new Date(iso), calendars);

describe('one state of a clock, worked out by hand', () => {
  // 5 working days from Thu 17 Dec 2026: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24; due at the end of Thu 24
  // (GMT). Due soon once Thu 24 is within the next 2 working days: from Tue 22. Fri 25 and Mon 28 are
  // bank holidays (Boxing Day's substitute), so Tue 29 is the first working day late.
  const fiveWorkingDays = clock({});
  it.each([
    ['2026-12-21T23:59:59.999Z', 'inTime', undefined],
    ['2026-12-22T00:00:00.000Z', 'dueSoon', undefined],
    ['2026-12-24T23:59:59.999Z', 'dueSoon', undefined],
    ['2026-12-25T00:00:00.000Z', 'overdue', { amount: 1, unit: 'workingDays' }],
    ['2026-12-28T12:00:00.000Z', 'overdue', { amount: 1, unit: 'workingDays' }],
    ['2026-12-29T12:00:00.000Z', 'overdue', { amount: 1, unit: 'workingDays' }],
    ['2026-12-30T12:00:00.000Z', 'overdue', { amount: 2, unit: 'workingDays' }],
    ['2027-01-04T12:00:00.000Z', 'overdue', { amount: 4, unit: 'workingDays' }],
  ])('a statutory clock of 5 working days due Thu 24 Dec 2026, at %s: %s', (now, state, late) => {
    expect(at(fiveWorkingDays, now)).toEqual({
      state,
      ...(late ? { late } : {}),
      dueSoonRule: 'due within the next 2 working days',
    });
  });

  it("a local target counts lateness on its owner's working days: the council's closure days are not late days", () => {
    const local = clock({ source: { kind: 'localTarget' }, ownerOrganisation: 'riverside-council' });
    // Tue 29, Wed 30, Thu 31 Dec closed, Fri 1 Jan a bank holiday: Mon 4 Jan is the first working day late.
    expect(at(local, '2026-12-30T12:00:00.000Z').late).toEqual({ amount: 1, unit: 'workingDays' });
    expect(at(local, '2027-01-04T12:00:00.000Z').late).toEqual({ amount: 1, unit: 'workingDays' });
    expect(at(local, '2027-01-05T12:00:00.000Z').late).toEqual({ amount: 2, unit: 'workingDays' });
    // The statutory clock beside it counts England's working days only: Tue 29 to Mon 4 Jan are 4.
    expect(at(fiveWorkingDays, '2027-01-05T12:00:00.000Z').late).toEqual({ amount: 5, unit: 'workingDays' });
  });

  it('a 1-working-day clock is due soon on its due day: presented Fri 5 Mar 2027 18:00, the first Bronze meeting is due by the end of Mon 8 Mar', () => {
    const first = clock({
      length: 1,
      source: { kind: 'localTarget' },
      startedAt: '2027-03-05T18:00:00.000Z',
      dueAt: '2027-03-08T23:59:59.999Z',
    });
    expect(at(first, '2027-03-05T18:00:00.000Z').state).toBe('inTime');
    expect(at(first, '2027-03-07T23:59:59.999Z').state).toBe('inTime');
    expect(at(first, '2027-03-08T00:00:00.000Z').state).toBe('dueSoon');
    expect(at(first, '2027-03-09T09:00:00.000Z')).toMatchObject({
      state: 'overdue',
      late: { amount: 1, unit: 'workingDays' },
    });
    expect(dueSoonRuleOf(first)).toBe('due today: a clock of 2 working days or fewer is due soon on its due day');
  });

  it('16 calendar weeks from Mon 5 Jan 2026 end at the end of Mon 27 Apr (BST): due soon from 00:00 BST on Sat 25 Apr, met a week late', () => {
    const episode = clock({
      kind: 'calendarDays',
      length: 112,
      source: { kind: 'localTarget' },
      startedAt: '2026-01-05T14:00:00.000Z',
      dueAt: '2026-04-27T22:59:59.999Z',
    });
    expect(at(episode, '2026-04-24T22:59:59.999Z').state).toBe('inTime');
    expect(at(episode, '2026-04-24T23:00:00.000Z')).toEqual({
      state: 'dueSoon',
      dueSoonRule: 'due within the next 2 days',
    });
    expect(at(episode, '2026-04-27T23:00:00.000Z').late).toEqual({ amount: 1, unit: 'days' });
    const closedLate = { ...episode, status: 'metLate', stoppedAt: '2026-05-04T11:00:00.000Z' };
    expect(at(closedLate, '2026-06-01T00:00:00.000Z')).toMatchObject({
      state: 'metLate',
      late: { amount: 7, unit: 'days' },
    });
  });

  it('a 4-hour crisis assessment is due soon in its last hour (when its 75% reminder goes), and late by the minute, then the hour', () => {
    const assessment = clock({
      kind: 'elapsedHours',
      length: 4,
      source: { kind: 'localTarget' },
      startedAt: '2027-02-03T14:00:00.000Z',
      dueAt: '2027-02-03T18:00:00.000Z',
    });
    expect(dueSoonRuleOf(assessment)).toBe('due within the next 1 hour: the last quarter of its 4 hours');
    expect(at(assessment, '2027-02-03T16:59:59.999Z').state).toBe('inTime');
    expect(at(assessment, '2027-02-03T17:00:00.000Z').state).toBe('dueSoon');
    expect(at(assessment, '2027-02-03T18:00:00.000Z').state).toBe('dueSoon');
    expect(at(assessment, '2027-02-03T18:00:00.001Z').late).toEqual({ amount: 1, unit: 'minutes' });
    expect(at(assessment, '2027-02-03T18:45:00.000Z').late).toEqual({ amount: 45, unit: 'minutes' });
    expect(at(assessment, '2027-02-03T20:59:00.000Z').late).toEqual({ amount: 2, unit: 'hours' });
    expect(at(assessment, '2027-02-06T19:00:00.000Z').late).toEqual({ amount: 3, unit: 'days' });
    // Breached by its due checkpoint, then no longer needed (discharged): still overdue, late to the discharge
    const lapsed = { ...assessment, status: 'breached', stoppedAt: '2027-02-03T21:30:00.000Z' };
    expect(at(lapsed, '2027-03-01T00:00:00.000Z')).toMatchObject({
      state: 'overdue',
      late: { amount: 3, unit: 'hours' },
    });
  });

  it('24 elapsed hours across the October clock change: medically fit 18:00 BST Sat 24 Oct 2026, due 17:00 GMT Sun 25 Oct, due soon its last 6 real hours', () => {
    const delayed = clock({
      kind: 'elapsedHours',
      length: 24,
      source: { kind: 'localTarget' },
      startedAt: '2026-10-24T17:00:00.000Z',
      dueAt: '2026-10-25T17:00:00.000Z',
    });
    expect(at(delayed, '2026-10-25T10:59:59.999Z').state).toBe('inTime');
    expect(at(delayed, '2026-10-25T11:00:00.000Z').state).toBe('dueSoon');
    // A 72-hour clock is longer than 48 hours: due soon in its last 48
    const gold = { ...delayed, length: 72, dueAt: '2026-10-27T17:00:00.000Z' };
    expect(dueSoonRuleOf(gold)).toBe('due within the next 48 hours');
    expect(at(gold, '2026-10-25T16:59:59.999Z').state).toBe('inTime');
    expect(at(gold, '2026-10-25T17:00:00.000Z').state).toBe('dueSoon');
  });

  it("a school's start of day: police attended Fri 6 Nov 2026 19:30, the Key Adult to acknowledge before 08:30 Mon 9 Nov; acknowledged at 10:45, 2 hours late", () => {
    const keyAdult = clock({
      kind: 'schoolDays',
      length: 1,
      source: { kind: 'nationalStandard' },
      startedAt: '2026-11-06T19:30:00.000Z',
      dueAt: '2026-11-09T08:30:00.000Z',
    });
    expect(at(keyAdult, '2026-11-08T23:59:59.999Z').state).toBe('inTime');
    expect(at(keyAdult, '2026-11-09T00:00:00.000Z').state).toBe('dueSoon');
    expect(at(keyAdult, '2026-11-09T09:00:00.000Z')).toMatchObject({
      state: 'overdue',
      late: { amount: 30, unit: 'minutes' },
    });
    const acknowledged = { ...keyAdult, status: 'metLate', stoppedAt: '2026-11-09T10:45:00.000Z' };
    expect(at(acknowledged, '2026-11-10T00:00:00.000Z')).toMatchObject({
      state: 'metLate',
      late: { amount: 2, unit: 'hours' },
    });
    expect(dueSoonRuleOf(keyAdult)).toBe('due today: a clock of 2 school days or fewer is due soon on its due day');
  });

  it('a set due date: a home treatment package ending at 08:00 on Tue 23 Mar 2027 is late by the hour; a review health assessment due at the end of Wed 30 Jun 2027 by the day', () => {
    const pkg = clock({
      kind: 'calendarDate',
      length: 0,
      source: { kind: 'localTarget' },
      startedAt: '2027-02-09T14:00:00.000Z',
      dueAt: '2027-03-23T08:00:00.000Z',
    });
    expect(at(pkg, '2027-03-20T23:59:59.999Z').state).toBe('inTime');
    expect(at(pkg, '2027-03-21T00:00:00.000Z').state).toBe('dueSoon');
    expect(at(pkg, '2027-03-23T09:00:00.000Z').late).toEqual({ amount: 1, unit: 'hours' });
    const review = clock({
      kind: 'calendarDate',
      length: 0,
      startedAt: '2026-12-30T10:00:00.000Z',
      dueAt: '2027-06-30T22:59:59.999Z',
    });
    expect(at(review, '2027-06-27T22:59:59.999Z').state).toBe('inTime');
    expect(at(review, '2027-06-27T23:00:00.000Z').state).toBe('dueSoon');
    expect(at(review, '2027-07-03T12:00:00.000Z').late).toEqual({ amount: 3, unit: 'days' });
  });

  it('met, paused and not needed are what the clock records, whatever the time', () => {
    const c = clock({});
    expect(at({ ...c, status: 'met', stoppedAt: '2026-12-23T10:00:00.000Z' }, '2027-05-01T00:00:00Z').state).toBe(
      'met',
    );
    expect(at({ ...c, status: 'paused' }, '2027-05-01T00:00:00Z')).toEqual({
      state: 'paused',
      dueSoonRule: 'due within the next 2 working days',
    });
    expect(
      at({ ...c, status: 'notApplicable', stoppedAt: '2026-12-21T10:00:00.000Z' }, '2027-05-01T00:00:00Z'),
    ).toEqual({ state: 'notNeeded', dueSoonRule: 'due within the next 2 working days' });
  });

  it('lateness in words', () => {
    expect(latenessWords({ amount: 1, unit: 'workingDays' })).toBe('1 working day');
    expect(latenessWords({ amount: 3, unit: 'workingDays' })).toBe('3 working days');
    expect(latenessWords({ amount: 45, unit: 'minutes' })).toBe('45 minutes');
    expect(latenessWords({ amount: 1, unit: 'hours' })).toBe('1 hour');
    expect(latenessWords({ amount: 2, unit: 'weeks' })).toBe('2 weeks');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------

const definition = (kind: ClockKind, length: number): ClockDefinition => ({
  id: 'c',
  title: 'A clock',
  kind,
  length,
  source: { kind: 'statutory', citation: 'test' },
  owner: 'council',
  pausable: false,
  checkpoints: [],
});

/** A running clock of any kind but school days (those are worked by hand above), started 2024 to 2030. */
const aRunningClock = fc
  .record({
    kind: fc.constantFrom<ClockKind>('workingDays', 'calendarDays', 'elapsedHours', 'calendarDate'),
    length: fc.integer({ min: 1, max: 140 }),
    startedAt: fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-06-30T00:00:00Z') }),
    // A set due date: days after the start, at the end of the day or at a set London time
    dueInDays: fc.integer({ min: 0, max: 400 }),
    dueTime: fc.option(fc.constantFrom('08:00', '09:30', '17:00'), { nil: undefined }),
  })
  .map(({ kind, length, startedAt, dueInDays, dueTime }) => {
    const start = new Date(startedAt);
    const day = localDateOfEpochDay(epochDayOf(londonDateOf(start)) + Math.max(1, dueInDays));
    const dueAt =
      kind === 'calendarDate'
        ? dueTime
          ? londonDateTime(day, dueTime)
          : new Date(londonDateTime(localDateOfEpochDay(epochDayOf(day) + 1), '00:00').getTime() - 1)
        : undefined;
    return startClock(definition(kind, length), { startedAt: start, ...(dueAt ? { dueAt } : {}) }, calendars);
  });

/** Instants from a week before a clock's start to 30 days after its due instant, in order. */
const instantsAround = (c: ClockForState) =>
  fc
    .array(fc.integer({ min: Date.parse(c.startedAt) - 7 * 86_400_000, max: Date.parse(c.dueAt) + 30 * 86_400_000 }), {
      minLength: 1,
      maxLength: 30,
    })
    .map((ts) => ts.sort((a, b) => a - b).map((t) => new Date(t)));

const ORDER = { inTime: 0, dueSoon: 1, overdue: 2 } as const;

describe('properties of the one state', () => {
  it('a running clock is in time, then due soon, then overdue, in that order and never back; overdue exactly after its due instant', () => {
    fc.assert(
      fc.property(
        aRunningClock.chain((c) => fc.tuple(fc.constant(c), instantsAround(c))),
        ([c, instants]) => {
          let last = 0;
          for (const now of instants) {
            const { state, late } = clockStateOf(c, now, calendars);
            expect(['inTime', 'dueSoon', 'overdue']).toContain(state);
            const rank = ORDER[state as keyof typeof ORDER];
            expect(rank).toBeGreaterThanOrEqual(last);
            last = rank;
            expect(state === 'overdue').toBe(now.getTime() > Date.parse(c.dueAt));
            if (state === 'overdue') expect(late!.amount).toBeGreaterThanOrEqual(1);
            else expect(late).toBeUndefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('due soon never starts before its window: 2 of its days (its due day only when 2 or shorter), 48 hours (the last quarter when 48 or shorter)', () => {
    fc.assert(
      fc.property(
        aRunningClock.chain((c) => fc.tuple(fc.constant(c), instantsAround(c))),
        ([c, instants]) => {
          for (const now of instants) {
            if (clockStateOf(c, now, calendars).state !== 'dueSoon') continue;
            const today = londonDateOf(now);
            const dueDay = londonDateOf(new Date(c.dueAt));
            const span =
              c.kind === 'calendarDate' ? daysBetween(londonDateOf(new Date(c.startedAt)), dueDay) : c.length;
            if (c.kind === 'elapsedHours') {
              const window = c.length > DUE_SOON_HOURS ? DUE_SOON_HOURS : c.length / 4;
              expect(Date.parse(c.dueAt) - now.getTime()).toBeLessThanOrEqual(window * 3_600_000);
            } else if (span <= 2) expect(dueDay).toBe(today);
            else if (c.kind === 'workingDays')
              expect(calendars.workingDays.england().workingDaysBetween(today, dueDay)).toBeLessThanOrEqual(2);
            else expect(daysBetween(today, dueDay)).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a clock is never due soon at its start, and is due soon just before its due instant', () => {
    fc.assert(
      fc.property(aRunningClock, (c) => {
        expect(clockStateOf(c, new Date(c.startedAt), calendars).state).toBe('inTime');
        expect(clockStateOf(c, new Date(Date.parse(c.dueAt) - 1), calendars).state).toBe('dueSoon');
      }),
      { numRuns: 500 },
    );
  });

  it('how late an overdue clock is never falls as time goes on', () => {
    fc.assert(
      fc.property(
        aRunningClock.chain((c) => fc.tuple(fc.constant(c), instantsAround(c))),
        ([c, instants]) => {
          const lates = instants
            .filter((t) => t.getTime() > Date.parse(c.dueAt))
            .map((t) => clockStateOf(c, t, calendars).late!);
          // Real-time lateness changes unit (minutes, hours, days): compare it in minutes.
          const minutes = { minutes: 1, hours: 60, days: 1440, workingDays: 1, weeks: 10080 } as const;
          const values = lates.map((l) => l.amount * minutes[l.unit]);
          for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
        },
      ),
      { numRuns: 300 },
    );
  });
});
