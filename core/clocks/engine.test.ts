import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_CLOCK, clocks as ihaClocks } from '#workflows/initial-health-assessment/contract';
import { createWorkingDayCalendar } from '../calendar';
import {
  type ClockCalendars,
  ClockRuleError,
  markNotApplicable,
  pauseClock,
  pausedFor,
  plannedCheckpoints,
  reachCheckpoint,
  resumeClock,
  startClock,
  stopClock,
  unitsUsed,
  workingDaysOf,
} from './engine';
import type { CheckpointDefinition, ClockDefinition } from './model';

// Calendars used below (England bank holidays around Christmas 2026: Fri 25 Dec Christmas Day,
// Mon 28 Dec Boxing Day substitute (26 Dec is a Saturday), Fri 1 Jan 2027 New Year's Day).
const plain: ClockCalendars = { workingDays: createWorkingDayCalendar() };
const withClosures: ClockCalendars = {
  workingDays: createWorkingDayCalendar({
    closureDays: [
      { date: '2026-12-29', reason: 'Council closure day' },
      { date: '2026-12-30', reason: 'Council closure day' },
      { date: '2026-12-31', reason: 'Council closure day' },
    ],
  }),
};

/** End of a London day in winter (GMT = UTC). */
const END_OF = (day: string) => `${day}T23:59:59.999Z`;

const message = { subject: 'Due by {due}', body: 'Case {caseCode} is due by {due}.' };
const checkpoint = (
  id: string,
  kind: CheckpointDefinition['kind'],
  at: CheckpointDefinition['at'],
): CheckpointDefinition => ({
  id,
  kind,
  at,
  recipients: ['socialWorker'],
  message,
});

/** A 5-working-day local target with one checkpoint of each timing, listed out of time order on purpose. */
const fiveDays: ClockDefinition = {
  id: 'five-days',
  title: 'Five working days',
  kind: 'workingDays',
  length: 5,
  source: { kind: 'localTarget', citation: 'test' },
  owner: 'council',
  pausable: false,
  checkpoints: [
    checkpoint('escalate', 'escalation', { afterDueHours: 4 }),
    checkpoint('due', 'due', { due: true }),
    checkpoint('day-3', 'warning', { after: 3 }),
    checkpoint('week-before', 'warning', { beforeDueDays: 7 }),
  ],
};

/** A pausable 10-working-day clock (e.g. a local target that stops while a family asks for a delay). */
const pausableTen: ClockDefinition = {
  id: 'pausable-ten',
  title: 'Pausable ten working days',
  kind: 'workingDays',
  length: 10,
  source: { kind: 'localTarget', citation: 'test' },
  owner: 'council',
  pausable: true,
  checkpoints: [checkpoint('day-5', 'warning', { after: 5 }), checkpoint('due', 'due', { due: true })],
};

const twentyFourHours: ClockDefinition = {
  id: 'crisis-24h',
  title: 'Crisis assessment',
  kind: 'elapsedHours',
  length: 24,
  source: { kind: 'nationalStandard', citation: 'test' },
  owner: 'healthProvider',
  pausable: true,
  checkpoints: [checkpoint('half-way', 'warning', { after: 12 }), checkpoint('due', 'due', { due: true })],
};

// Fri 18 Dec 2026 16:00 London is 16:00 UTC (GMT).
const FRI_18_DEC_1600 = new Date('2026-12-18T16:00:00Z');

describe('startClock: working days across Christmas 2026', () => {
  // Day 1 is the first working day after Fri 18 Dec.
  // Without closure days: 1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, (Fri 25 Christmas, Sat, Sun,
  //   Mon 28 Boxing Day substitute), 5 Tue 29 Dec.
  // With closure days 29-31 Dec: 1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, (25, 26, 27, 28, 29, 30, 31,
  //   Fri 1 Jan New Year's Day, Sat, Sun), 5 Mon 4 Jan 2027.
  it.each([
    ['without closure days', plain, END_OF('2026-12-29')],
    ['with closure days 29-31 Dec', withClosures, END_OF('2027-01-04')],
  ])('%s: due at the end of the 5th working day', (_name, calendars, dueAt) => {
    // Act
    const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, calendars);
    // Assess
    expect(clock).toMatchObject({
      id: 'five-days',
      definitionId: 'five-days',
      status: 'running',
      startedAt: '2026-12-18T16:00:00.000Z',
      startDay: '2026-12-18',
      dueAt,
      pausedUnits: 0,
      generation: 0,
      reached: [],
      history: [{ at: '2026-12-18T16:00:00.000Z', change: 'started' }],
    });
  });

  it('a start late in the evening still counts from its London day (day 1 is the next working day)', () => {
    // 23:30 London on Fri 18 Dec; the five days are the same as for 16:00.
    const clock = startClock(fiveDays, { startedAt: new Date('2026-12-18T23:30:00Z') }, plain);
    expect(clock.dueAt).toBe(END_OF('2026-12-29'));
  });

  it('a case-specific id is kept apart from the definition id', () => {
    const clock = startClock(fiveDays, { id: 'five-days-2', startedAt: FRI_18_DEC_1600 }, plain);
    expect(clock).toMatchObject({ id: 'five-days-2', definitionId: 'five-days' });
  });

  it('a calendarDate clock needs its due date', () => {
    const review = ihaClocks.find((c) => c.kind === 'calendarDate')!;
    expect(() => startClock(review, { startedAt: FRI_18_DEC_1600 }, plain)).toThrow(ClockRuleError);
    const clock = startClock(review, { startedAt: FRI_18_DEC_1600, dueAt: new Date(END_OF('2027-06-18')) }, plain);
    expect(clock.dueAt).toBe(END_OF('2027-06-18'));
  });
});

describe('which working days a clock counts: its source and its owner', () => {
  // Prepare: a partnership calendar where the council closes 29-31 Dec 2026 and health closes Thu 24 Dec.
  const partnership: ClockCalendars = {
    workingDays: createWorkingDayCalendar({
      closureDays: [
        { organisation: 'riverside-council', date: '2026-12-29', reason: 'Council closure day' },
        { organisation: 'riverside-council', date: '2026-12-30', reason: 'Council closure day' },
        { organisation: 'riverside-council', date: '2026-12-31', reason: 'Council closure day' },
        { organisation: 'riverside-health', date: '2026-12-24', reason: 'Health closure day' },
      ],
    }),
  };
  const statutory = {
    ...fiveDays,
    source: { kind: 'statutory' as const, citation: 'test' },
    owner: 'council' as const,
  };
  const national = {
    ...fiveDays,
    source: { kind: 'nationalStandard' as const, citation: 'test' },
    owner: 'council' as const,
  };

  // Day 1 is the first working day after Fri 18 Dec 2026 (bank holidays Fri 25, Mon 28 Dec, Fri 1 Jan):
  // England: 1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, 5 Tue 29 Dec
  // council: 1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, (29, 30, 31 closed) 5 Mon 4 Jan
  // health:  1 Mon 21, 2 Tue 22, 3 Wed 23, (24 closed) 4 Tue 29, 5 Wed 30 Dec
  it.each([
    [
      'a statutory clock owned by the closing council ignores its closure days',
      statutory,
      'riverside-council',
      partnership,
      END_OF('2026-12-29'),
    ],
    [
      'a national standard owned by the closing council ignores its closure days',
      national,
      'riverside-council',
      partnership,
      END_OF('2026-12-29'),
    ],
    [
      'a statutory clock ignores closure days given without an organisation too',
      statutory,
      undefined,
      withClosures,
      END_OF('2026-12-29'),
    ],
    [
      "the council's local target counts the council's closure days",
      fiveDays,
      'riverside-council',
      partnership,
      END_OF('2027-01-04'),
    ],
    [
      "health's local target counts health's closure day and not the council's",
      fiveDays,
      'riverside-health',
      partnership,
      END_OF('2026-12-30'),
    ],
    [
      'a local target of an organisation without closure days counts none',
      fiveDays,
      'riverside-police',
      partnership,
      END_OF('2026-12-29'),
    ],
    [
      "a local target with no owning organisation counts no organisation's closure days",
      fiveDays,
      undefined,
      partnership,
      END_OF('2026-12-29'),
    ],
  ])('%s', (_name, definition, ownerOrganisation, calendars, dueAt) => {
    // Act
    const clock = startClock(
      definition,
      { startedAt: FRI_18_DEC_1600, ...(ownerOrganisation ? { ownerOrganisation } : {}) },
      calendars,
    );
    // Assess
    expect(clock.dueAt).toBe(dueAt);
    expect(clock.ownerOrganisation).toBe(ownerOrganisation);
    expect(
      plannedCheckpoints(definition, clock, calendars)
        .find((p) => p.checkpointId === 'due')!
        .at.toISOString(),
    ).toBe(dueAt);
  });

  it('a statutory clock counts working days used and paused time in England working days, whatever the owner closes', () => {
    // Prepare: a pausable statutory clock (only to show the count), started Fri 18 Dec
    const definition: ClockDefinition = { ...pausableTen, source: { kind: 'statutory', citation: 'test' } };
    const clock = startClock(
      definition,
      { startedAt: FRI_18_DEC_1600, ownerOrganisation: 'riverside-council' },
      partnership,
    );
    // Act: paused Thu 24 Dec, resumed Mon 4 Jan: Tue 29, Wed 30, Thu 31, Mon 4 Jan are not counted (4)
    const paused = pauseClock(definition, clock, new Date('2026-12-24T12:00:00Z'), 'test');
    const resumed = resumeClock(definition, paused, new Date('2027-01-04T09:00:00Z'), 'test', partnership);
    // Assess
    expect(workingDaysOf(clock, partnership).isWorkingDay('2026-12-30')).toBe(true);
    expect(resumed.pausedUnits).toBe(4);
    // used by Mon 4 Jan: Mon 21 ... Thu 24 (4) + Tue 29 ... Mon 4 Jan (4) - 4 paused = 4
    expect(unitsUsed(resumed, new Date('2027-01-04T18:00:00Z'), partnership)).toBe(4);
    // 10 working days + 4 paused = the 14th England working day after Fri 18 Dec:
    // 1 Mon 21 ... 4 Thu 24, 5 Tue 29, 6 Wed 30, 7 Thu 31, 8 Mon 4 Jan, 9 Tue 5 ... 12 Fri 8, 13 Mon 11, 14 Tue 12 Jan
    expect(resumed.dueAt).toBe(END_OF('2027-01-12'));
  });
});

describe('plannedCheckpoints', () => {
  it.each([
    [
      'without closure days (due Tue 29 Dec)',
      plain,
      [
        // day 3 is Wed 23 Dec; 7 days before Tue 29 Dec is Tue 22 Dec, 09:00 GMT
        ['week-before', '2026-12-22T09:00:00.000Z'],
        ['day-3', END_OF('2026-12-23')],
        ['due', END_OF('2026-12-29')],
        ['escalate', '2026-12-30T03:59:59.999Z'], // 4 real hours after the due instant
      ],
    ],
    [
      'with closure days (due Mon 4 Jan)',
      withClosures,
      [
        // day 3 is still Wed 23 Dec; 7 days before Mon 4 Jan is Mon 28 Dec, 09:00 GMT
        ['day-3', END_OF('2026-12-23')],
        ['week-before', '2026-12-28T09:00:00.000Z'],
        ['due', END_OF('2027-01-04')],
        ['escalate', '2027-01-05T03:59:59.999Z'],
      ],
    ],
  ])('%s: every timing, in time order', (_name, calendars, expected) => {
    // Prepare
    const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, calendars);
    // Act
    const planned = plannedCheckpoints(fiveDays, clock, calendars);
    // Assess
    expect(planned.map((p) => [p.checkpointId, p.at.toISOString()])).toEqual(expected);
    for (const p of planned) expect(p).toMatchObject({ clockId: 'five-days', generation: 0 });
  });

  it('a checkpoint already reached is not planned again', () => {
    const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, plain);
    const { clock: after } = reachCheckpoint(fiveDays, clock, 'week-before', new Date('2026-12-22T09:00:00Z'));
    expect(plannedCheckpoints(fiveDays, after, plain).map((p) => p.checkpointId)).toEqual(['day-3', 'due', 'escalate']);
  });

  it('a stopped clock and a paused clock plan nothing', () => {
    const clock = startClock(pausableTen, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    const stopped = stopClock(clock, new Date('2027-01-06T12:00:00Z'));
    const paused = pauseClock(pausableTen, clock, new Date('2027-01-05T12:00:00Z'), 'family asked for a later date');
    expect(plannedCheckpoints(pausableTen, stopped, plain)).toEqual([]);
    expect(plannedCheckpoints(pausableTen, paused, plain)).toEqual([]);
  });
});

describe('reachCheckpoint', () => {
  it('the due checkpoint moves a running clock to breached, and says so', () => {
    // Prepare
    const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, plain);
    const at = new Date(END_OF('2026-12-29'));
    // Act
    const result = reachCheckpoint(fiveDays, clock, 'due', at);
    // Assess
    expect(result.breached).toBe(true);
    expect(result.checkpoint.id).toBe('due');
    expect(result.clock.status).toBe('breached');
    expect(result.clock.reached).toEqual(['due']);
    expect(result.clock.history.at(-1)).toEqual({ at: END_OF('2026-12-29'), change: 'breached' });
    // the clock passed in is not changed
    expect(clock).toMatchObject({ status: 'running', reached: [] });
    expect(clock.history).toHaveLength(1);
  });

  it.each([
    ['a warning', 'day-3'],
    ['an escalation', 'escalate'],
  ])('%s is recorded as reached but does not breach the clock', (_name, checkpointId) => {
    const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, plain);
    const result = reachCheckpoint(fiveDays, clock, checkpointId, new Date(END_OF('2026-12-23')));
    expect(result.breached).toBe(false);
    expect(result.clock.status).toBe('running');
    expect(result.clock.reached).toEqual([checkpointId]);
    expect(result.clock.history).toHaveLength(1);
  });

  it('an unknown checkpoint is a rule error naming it', () => {
    const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, plain);
    expect(() => reachCheckpoint(fiveDays, clock, 'no-such', new Date())).toThrow(/no-such/);
  });
});

describe('stopClock and markNotApplicable', () => {
  const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, plain);
  const due = new Date(clock.dueAt); // Tue 29 Dec 2026 23:59:59.999 London

  it.each([
    ['an hour before the due instant', new Date(due.getTime() - 3_600_000), 'met'],
    ['exactly at the due instant', due, 'met'],
    ['1 ms after the due instant', new Date(due.getTime() + 1), 'metLate'],
  ])('stopped %s: %s', (_name, at, status) => {
    // Act
    const stopped = stopClock(clock, at, 'request sent');
    // Assess
    expect(stopped.status).toBe(status);
    expect(stopped.stoppedAt).toBe(at.toISOString());
    expect(stopped.history.at(-1)).toEqual({ at: at.toISOString(), change: status, reason: 'request sent' });
  });

  it('a breached clock stopped late is met late', () => {
    const { clock: breached } = reachCheckpoint(fiveDays, clock, 'due', due);
    expect(stopClock(breached, new Date('2027-01-04T10:00:00Z')).status).toBe('metLate');
  });

  it('a stopped clock cannot be stopped again', () => {
    const stopped = stopClock(clock, due);
    expect(() => stopClock(stopped, due)).toThrow(ClockRuleError);
  });

  it('not applicable records when and why', () => {
    // Act
    const na = markNotApplicable(clock, new Date('2026-12-22T17:00:00Z'), 'the child returned to family');
    // Assess
    expect(na.status).toBe('notApplicable');
    expect(na.stoppedAt).toBe('2026-12-22T17:00:00.000Z');
    expect(na.history.at(-1)).toEqual({
      at: '2026-12-22T17:00:00.000Z',
      change: 'notApplicable',
      reason: 'the child returned to family',
    });
  });

  it('marking a stopped clock not applicable changes nothing', () => {
    const stopped = stopClock(clock, due);
    expect(markNotApplicable(stopped, new Date('2027-01-04T10:00:00Z'), 'late news')).toBe(stopped);
  });
});

describe('pause and resume', () => {
  // Started Mon 4 Jan 2027 09:00 GMT. Working days after it: 1 Tue 5, 2 Wed 6, 3 Thu 7, 4 Fri 8,
  // 5 Mon 11, 6 Tue 12, 7 Wed 13, 8 Thu 14, 9 Fri 15, 10 Mon 18, 11 Tue 19, 12 Wed 20, 13 Thu 21 Jan.
  const START = new Date('2027-01-04T09:00:00Z');

  it('paused Tue 5 Jan and resumed Fri 8 Jan: 3 working days (Wed 6, Thu 7, Fri 8) do not count', () => {
    // Prepare
    const clock = startClock(pausableTen, { startedAt: START }, plain);
    expect(clock.dueAt).toBe(END_OF('2027-01-18')); // day 10
    // Act
    const paused = pauseClock(pausableTen, clock, new Date('2027-01-05T11:00:00Z'), 'family asked for a later meeting');
    const resumed = resumeClock(pausableTen, paused, new Date('2027-01-08T10:00:00Z'), 'family ready', plain);
    // Assess
    expect(paused).toMatchObject({
      status: 'paused',
      pausedAt: '2027-01-05T11:00:00.000Z',
      dueAt: END_OF('2027-01-18'),
      generation: 1,
    });
    expect(resumed).toMatchObject({ status: 'running', pausedUnits: 3, dueAt: END_OF('2027-01-21'), generation: 2 });
    expect(resumed.pausedAt).toBeUndefined();
    expect(resumed.history.slice(1)).toEqual([
      { at: '2027-01-05T11:00:00.000Z', change: 'paused', reason: 'family asked for a later meeting' },
      { at: '2027-01-08T10:00:00.000Z', change: 'resumed', reason: 'family ready' },
    ]);
    // the day-5 warning moves from Mon 11 to Thu 14 Jan, the due checkpoint with the due instant
    expect(
      plannedCheckpoints(pausableTen, resumed, plain).map((p) => [p.checkpointId, p.at.toISOString(), p.generation]),
    ).toEqual([
      ['day-5', END_OF('2027-01-14'), 2],
      ['due', END_OF('2027-01-21'), 2],
    ]);
  });

  it('each pause and each resume increases the generation, so timers of an older plan are told apart', () => {
    let clock = startClock(pausableTen, { startedAt: START }, plain);
    const generations = [clock.generation];
    clock = pauseClock(pausableTen, clock, new Date('2027-01-05T11:00:00Z'), 'a');
    generations.push(clock.generation);
    clock = resumeClock(pausableTen, clock, new Date('2027-01-06T11:00:00Z'), 'b', plain);
    generations.push(clock.generation);
    clock = pauseClock(pausableTen, clock, new Date('2027-01-07T11:00:00Z'), 'c');
    generations.push(clock.generation);
    clock = resumeClock(pausableTen, clock, new Date('2027-01-11T11:00:00Z'), 'd', plain);
    generations.push(clock.generation);
    expect(generations).toEqual([0, 1, 2, 3, 4]);
    // paused units add up: Wed 6 (1), then Fri 8 and Mon 11 (2)
    expect(clock.pausedUnits).toBe(3);
    expect(clock.dueAt).toBe(END_OF('2027-01-21'));
  });

  it('a statutory clock that may not be paused refuses, saying it is a statutory timescale', () => {
    const definition = ihaClocks.find((c) => c.id === ASSESSMENT_CLOCK)!;
    const clock = startClock(definition, { startedAt: START }, plain);
    let error: unknown;
    try {
      pauseClock(definition, clock, new Date('2027-01-05T11:00:00Z'), 'waiting for consent');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClockRuleError);
    expect((error as Error).message).toBe('Initial health assessment is a statutory timescale and cannot be paused');
  });

  it('only a running (or breached) clock can be paused, and only a paused clock resumed', () => {
    const clock = startClock(pausableTen, { startedAt: START }, plain);
    const stopped = stopClock(clock, new Date('2027-01-06T12:00:00Z'));
    expect(() => pauseClock(pausableTen, stopped, new Date('2027-01-07T12:00:00Z'), 'x')).toThrow(
      /only a running clock can be paused/,
    );
    expect(() => resumeClock(pausableTen, clock, new Date('2027-01-07T12:00:00Z'), 'x', plain)).toThrow(
      /is not paused/,
    );
  });

  it('a clock resumed after its due instant stays breached', () => {
    // Prepare: 5 working days from Mon 4 Jan is Mon 11 Jan; the due checkpoint fires then.
    const five: ClockDefinition = { ...pausableTen, length: 5 };
    const clock = startClock(five, { startedAt: START }, plain);
    expect(clock.dueAt).toBe(END_OF('2027-01-11'));
    const { clock: breached } = reachCheckpoint(five, clock, 'due', new Date(clock.dueAt));
    // Act: paused Wed 13 Jan, resumed Mon 18 Jan: Thu 14, Fri 15, Mon 18 do not count, so the due
    // instant moves 3 working days to Thu 14 Jan, which is before the resume.
    const paused = pauseClock(five, breached, new Date('2027-01-13T10:00:00Z'), 'child in hospital');
    const resumed = resumeClock(five, paused, new Date('2027-01-18T10:00:00Z'), 'child home', plain);
    // Assess
    expect(resumed).toMatchObject({ status: 'breached', pausedUnits: 3, dueAt: END_OF('2027-01-14') });
    expect(resumed.reached).toContain('due');
    expect(plannedCheckpoints(five, resumed, plain).map((p) => p.checkpointId)).toEqual(['day-5']);
  });

  it('a clock paused and resumed before its due instant is running, with its checkpoints planned anew', () => {
    const five: ClockDefinition = { ...pausableTen, length: 5 };
    const clock = startClock(five, { startedAt: START }, plain);
    // Act: paused Wed 6 Jan, resumed Fri 8 Jan: Thu 7 and Fri 8 do not count, due Mon 11 -> Wed 13 Jan
    const paused = pauseClock(five, clock, new Date('2027-01-06T10:00:00Z'), 'child in hospital');
    const resumed = resumeClock(five, paused, new Date('2027-01-08T10:00:00Z'), 'child home', plain);
    // Assess
    expect(resumed).toMatchObject({ status: 'running', pausedUnits: 2, dueAt: END_OF('2027-01-13') });
    expect(plannedCheckpoints(five, resumed, plain).map((p) => [p.checkpointId, p.at.toISOString()])).toEqual([
      ['day-5', END_OF('2027-01-13')],
      ['due', END_OF('2027-01-13')],
    ]);
  });

  it('an elapsed-hours clock paused for 2 h 30 min is due 2.5 hours later', () => {
    const clock = startClock(twentyFourHours, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    const paused = pauseClock(twentyFourHours, clock, new Date('2027-01-04T12:00:00Z'), 'young person asleep');
    const resumed = resumeClock(twentyFourHours, paused, new Date('2027-01-04T14:30:00Z'), 'awake', plain);
    expect(resumed).toMatchObject({ status: 'running', pausedUnits: 2.5, dueAt: '2027-01-05T11:30:00.000Z' });
  });
});

describe('elapsed hours across the change to British Summer Time', () => {
  it('24 hours from Sat 28 Mar 2026 22:00 UTC is exactly 24 real hours later (23:00 BST on Sunday)', () => {
    // Clocks go forward at 01:00 UTC on Sun 29 Mar 2026; the London wall clock moves 25 hours, real time 24.
    const startedAt = new Date('2026-03-28T22:00:00Z');
    // Act
    const clock = startClock(twentyFourHours, { startedAt }, plain);
    // Assess
    expect(clock.dueAt).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(clock.dueAt).getTime() - startedAt.getTime()).toBe(24 * 3_600_000);
    expect(plannedCheckpoints(twentyFourHours, clock, plain).map((p) => [p.checkpointId, p.at.toISOString()])).toEqual([
      ['half-way', '2026-03-29T10:00:00.000Z'],
      ['due', '2026-03-29T22:00:00.000Z'],
    ]);
  });
});

describe('unitsUsed', () => {
  it.each([
    // Fri 18 Dec to Tue 29 Dec: Mon 21, Tue 22, Wed 23, Thu 24, Tue 29 = 5; with closures Tue 29 is closed = 4
    ['without closure days', plain, 5],
    ['with closure days', withClosures, 4],
  ])('working days used %s', (_name, calendars, used) => {
    const clock = startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, calendars);
    expect(unitsUsed(clock, new Date('2026-12-29T12:00:00Z'), calendars)).toBe(used);
  });

  it('a stopped clock counts up to its stop, not to the time asked', () => {
    const clock = stopClock(
      startClock(fiveDays, { startedAt: FRI_18_DEC_1600 }, plain),
      new Date('2026-12-22T15:00:00Z'),
    );
    // Mon 21, Tue 22
    expect(unitsUsed(clock, new Date('2027-02-01T12:00:00Z'), plain)).toBe(2);
  });

  it('paused working days are not counted as used', () => {
    // Started Mon 4 Jan, paused Tue 5 to Fri 8 (3 days), asked on Tue 12: Tue 5 .. Tue 12 = 6 working days, 3 paused
    const started = startClock(pausableTen, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    const paused = pauseClock(pausableTen, started, new Date('2027-01-05T11:00:00Z'), 'a');
    const resumed = resumeClock(pausableTen, paused, new Date('2027-01-08T10:00:00Z'), 'b', plain);
    expect(unitsUsed(resumed, new Date('2027-01-12T12:00:00Z'), plain)).toBe(3);
  });

  it('while a clock is paused, the days since the pause are not counted as used', () => {
    // Started Mon 4 Jan, paused Tue 5 Jan and still paused on Fri 8 Jan: only Tue 5 was used
    const started = startClock(pausableTen, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    const paused = pauseClock(pausableTen, started, new Date('2027-01-05T11:00:00Z'), 'a');
    expect(unitsUsed(paused, new Date('2027-01-08T12:00:00Z'), plain)).toBe(1);
  });

  it('while an elapsed-hours clock is paused, the hours since the pause are not counted as used', () => {
    // 09:00 to 12:00 used, paused since 12:00, asked at 15:00
    const started = startClock(twentyFourHours, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    const paused = pauseClock(twentyFourHours, started, new Date('2027-01-04T12:00:00Z'), 'asleep');
    expect(unitsUsed(paused, new Date('2027-01-04T15:00:00Z'), plain)).toBe(3);
  });

  it('elapsed hours used', () => {
    const clock = startClock(twentyFourHours, { startedAt: new Date('2026-03-28T22:00:00Z') }, plain);
    expect(unitsUsed(clock, new Date('2026-03-29T04:30:00Z'), plain)).toBe(6.5);
  });
});

// ---------------------------------------------------------------------------------------------

/** London wall-clock time with milliseconds, computed independently of the calendar module. */
const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  weekday: 'short',
});
function londonWall(instant: Date): { weekday: string; time: string } {
  const parts = Object.fromEntries(londonClock.formatToParts(instant).map((p) => [p.type, p.value]));
  return { weekday: parts.weekday!, time: `${parts.hour}:${parts.minute}:${parts.second}.${parts.fractionalSecond}` };
}

describe('working-day clock properties', () => {
  const calendars = withClosures;
  const anInstant = fc
    .integer({ min: Date.parse('2021-01-01T00:00:00Z'), max: Date.parse('2034-12-31T23:59:59.999Z') })
    .map((t) => new Date(t));
  const aLength = fc.integer({ min: 1, max: 60 });

  it('is due at 23:59:59.999 London on a working day, met at that instant and met late 1 ms after', () => {
    fc.assert(
      fc.property(anInstant, aLength, (startedAt, length) => {
        const definition: ClockDefinition = { ...fiveDays, length };
        const clock = startClock(definition, { startedAt }, calendars);
        const due = new Date(clock.dueAt);
        const wall = londonWall(due);
        expect(wall.time).toBe('23:59:59.999');
        expect(['Sat', 'Sun']).not.toContain(wall.weekday);
        const dueDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(due);
        expect(calendars.workingDays.isWorkingDay(dueDay)).toBe(true);
        expect(calendars.workingDays.workingDaysBetween(clock.startDay, dueDay)).toBe(length);
        expect(due.getTime()).toBeGreaterThan(startedAt.getTime());
        expect(stopClock(clock, due).status).toBe('met');
        expect(stopClock(clock, new Date(due.getTime() + 1)).status).toBe('metLate');
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Pauses with a reason from the clock's list, who approved them, and paused time kept apart.

const approver = { userId: 'u-tm', name: 'Jo Reid', role: 'team-manager', organisation: 'riverside-council' };
const pauseReasons = { familyUnavailable: 'The family asked to pause', childInHospital: 'The child is in hospital' };

/** A 16-week episode of support: 112 calendar days, pausable for the family's reasons. */
const sixteenWeeks: ClockDefinition = {
  id: 'episode',
  title: 'Episode of support',
  kind: 'calendarDays',
  length: 112,
  source: { kind: 'localTarget', citation: 'test' },
  owner: 'council',
  pausable: true,
  pauseReasons,
  checkpoints: [checkpoint('due', 'due', { due: true })],
};
const tenWithReasons: ClockDefinition = { ...pausableTen, pauseReasons };
const hoursWithReasons: ClockDefinition = { ...twentyFourHours, pauseReasons };

describe("pause and resume: the due instant moves by exactly the paused time, in the clock's own calendar", () => {
  it.each([
    // Started Mon 14 Dec 2026. Working days after it: 1 Tue 15, 2 Wed 16, 3 Thu 17, 4 Fri 18, 5 Mon 21,
    // 6 Tue 22, 7 Wed 23, 8 Thu 24, (Fri 25 Christmas Day, Sat, Sun, Mon 28 Boxing Day substitute),
    // 9 Tue 29, 10 Wed 30, 11 Thu 31 Dec. Due at the end of day 10, Wed 30 Dec (GMT, so 23:59:59.999Z).
    // Paused Thu 24 Dec, resumed Tue 29 Dec: the days after the pause's day up to the resume's day are
    // Fri 25 (holiday), Sat, Sun, Mon 28 (holiday) and Tue 29: one working day, Tue 29, is not counted.
    // So the due instant is the end of the 11th working day: Thu 31 Dec 2026 23:59:59.999 GMT.
    [
      'working days, across Christmas bank holidays',
      tenWithReasons,
      '2026-12-14T10:00:00Z',
      '2026-12-24T12:00:00Z',
      '2026-12-29T09:00:00Z',
      1,
      END_OF('2026-12-30'),
      END_OF('2026-12-31'),
    ],
    [
      'working days, paused and resumed the same day',
      tenWithReasons,
      '2026-12-14T10:00:00Z',
      '2026-12-24T09:00:00Z',
      '2026-12-24T15:00:00Z',
      0,
      END_OF('2026-12-30'),
      END_OF('2026-12-30'),
    ],
    // Started Mon 7 Sep 2026 10:00 BST; day 112 is Mon 28 Dec (Sep 7 + 23 = Sep 30, + 31 = Oct 31,
    // + 30 = Nov 30, + 28 = Dec 28). Paused Fri 23 Oct (BST), resumed Mon 2 Nov (GMT): Sat 24 Oct to
    // Mon 2 Nov is 10 calendar days, so due 10 days later: Thu 7 Jan 2027, end of day GMT.
    [
      'calendar days, across the October clock change',
      sixteenWeeks,
      '2026-09-07T09:00:00Z',
      '2026-10-23T13:00:00Z',
      '2026-11-02T10:00:00Z',
      10,
      END_OF('2026-12-28'),
      END_OF('2027-01-07'),
    ],
    // Started Sat 24 Oct 2026 23:30 BST (22:30Z). Paused at 00:30 BST (23:30Z), resumed at 01:30 GMT
    // (01:30Z): the wall clock moved 1 hour but 2 real hours passed (02:00 BST became 01:00 GMT).
    [
      'elapsed hours, across the night GMT returns',
      hoursWithReasons,
      '2026-10-24T22:30:00Z',
      '2026-10-24T23:30:00Z',
      '2026-10-25T01:30:00Z',
      2,
      '2026-10-25T22:30:00.000Z',
      '2026-10-26T00:30:00.000Z',
    ],
  ])('%s', (_name, definition, startedAt, pauseAt, resumeAt, paused, dueBefore, dueAfter) => {
    // Prepare
    const clock = startClock(definition, { startedAt: new Date(startedAt) }, plain);
    expect(clock.dueAt).toBe(dueBefore);
    // Act
    const onPause = pauseClock(definition, clock, new Date(pauseAt), 'familyUnavailable', approver);
    const resumed = resumeClock(definition, onPause, new Date(resumeAt), 'family ready', plain, approver);
    // Assess
    expect(onPause.pauses).toEqual([
      { from: new Date(pauseAt).toISOString(), reason: 'familyUnavailable', approvedBy: approver },
    ]);
    expect(pausedFor(onPause, new Date(resumeAt), plain)).toBe(paused);
    expect(resumed).toMatchObject({ status: 'running', pausedUnits: paused, dueAt: dueAfter });
    expect(resumed.pauses).toEqual([
      {
        from: new Date(pauseAt).toISOString(),
        until: new Date(resumeAt).toISOString(),
        reason: 'familyUnavailable',
        approvedBy: approver,
        resumedBy: approver,
        pausedFor: paused,
      },
    ]);
    expect(resumed.history.slice(1)).toEqual([
      { at: new Date(pauseAt).toISOString(), change: 'paused', reason: 'familyUnavailable', approvedBy: approver },
      { at: new Date(resumeAt).toISOString(), change: 'resumed', reason: 'family ready', approvedBy: approver },
    ]);
    expect(
      plannedCheckpoints(definition, resumed, plain)
        .find((p) => p.checkpointId === 'due')!
        .at.toISOString(),
    ).toBe(dueAfter);
  });

  it("a reason not in the clock's list is refused, naming the reasons it may be paused for", () => {
    const clock = startClock(tenWithReasons, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    expect(() => pauseClock(tenWithReasons, clock, new Date('2027-01-05T09:00:00Z'), 'busy', approver)).toThrow(
      'Pausable ten working days can be paused for one of these reasons: familyUnavailable, childInHospital',
    );
  });

  it('a statutory clock is paused only when its definition says so', () => {
    const statutory: ClockDefinition = { ...tenWithReasons, source: { kind: 'statutory', citation: 'test' } };
    const clock = startClock(statutory, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    expect(() =>
      pauseClock({ ...statutory, pausable: false }, clock, new Date('2027-01-05T09:00:00Z'), 'familyUnavailable'),
    ).toThrow('Pausable ten working days is a statutory timescale and cannot be paused');
    expect(pauseClock(statutory, clock, new Date('2027-01-05T09:00:00Z'), 'familyUnavailable').status).toBe('paused');
  });

  it('a school-day clock cannot be paused', () => {
    const schoolDays: ClockDefinition = { ...pausableTen, kind: 'schoolDays' };
    const clock = startClock(pausableTen, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    expect(() =>
      pauseClock(schoolDays, { ...clock, kind: 'schoolDays' }, new Date('2027-01-05T09:00:00Z'), 'x'),
    ).toThrow(/cannot be paused/);
  });
});

describe('stopClock on a paused clock: judged against the due instant with the pause counted', () => {
  it.each([
    // Due Mon 18 Jan (day 10 after Mon 4 Jan). Paused Fri 15 Jan, stopped Tue 19 Jan while paused:
    // Mon 18 and Tue 19 are paused, so due moves to day 12, Wed 20 Jan: met (before the fix, met late).
    [
      'working days: stopped while paused after the old due date, within the moved one',
      pausableTen,
      '2027-01-15T10:00:00Z',
      '2027-01-19T12:00:00Z',
      2,
      END_OF('2027-01-20'),
      'met',
    ],
    // A 5-day clock due Mon 11 Jan, paused Wed 13 Jan after its due date, stopped Fri 15 Jan: Thu 14 and
    // Fri 15 paused, so due is day 7, Wed 13 Jan: still met late.
    [
      'working days: paused after the due date, stopped later still',
      { ...pausableTen, length: 5 },
      '2027-01-13T10:00:00Z',
      '2027-01-15T12:00:00Z',
      2,
      END_OF('2027-01-13'),
      'metLate',
    ],
    // 24 hours from Mon 4 Jan 09:00Z, due Tue 5 Jan 09:00Z; paused 08:00Z, stopped 10:00Z: 2 hours paused, due 11:00Z.
    [
      'elapsed hours: paused an hour before due, stopped an hour after the old due instant',
      twentyFourHours,
      '2027-01-05T08:00:00Z',
      '2027-01-05T10:00:00Z',
      2,
      '2027-01-05T11:00:00.000Z',
      'met',
    ],
  ])('%s', (_name, definition, pauseAt, stopAt, paused, dueAt, status) => {
    // Prepare
    const clock = startClock(definition, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain);
    const onPause = pauseClock(definition, clock, new Date(pauseAt), 'familyUnavailable', approver);
    // Act
    const stopped = stopClock(onPause, new Date(stopAt), 'plan agreed', plain);
    // Assess
    expect(stopped).toMatchObject({ status, dueAt, pausedUnits: paused, stoppedAt: new Date(stopAt).toISOString() });
    expect(stopped.pausedAt).toBeUndefined();
    expect(stopped.pauses).toEqual([
      {
        from: new Date(pauseAt).toISOString(),
        until: new Date(stopAt).toISOString(),
        reason: 'familyUnavailable',
        approvedBy: approver,
        pausedFor: paused,
      },
    ]);
    expect(pausedFor(stopped, new Date('2027-03-01T00:00:00Z'), plain)).toBe(paused);
  });

  it('a paused working-day clock needs its calendars to be stopped', () => {
    const clock = pauseClock(
      pausableTen,
      startClock(pausableTen, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain),
      new Date('2027-01-05T09:00:00Z'),
      'x',
    );
    expect(() => stopClock(clock, new Date('2027-01-06T09:00:00Z'))).toThrow(ClockRuleError);
  });

  it('marking a paused clock not applicable ends its pause', () => {
    const clock = pauseClock(
      pausableTen,
      startClock(pausableTen, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain),
      new Date('2027-01-05T09:00:00Z'),
      'x',
    );
    expect(markNotApplicable(clock, new Date('2027-01-06T09:00:00Z'), 'the family moved away').pauses).toEqual([
      { from: '2027-01-05T09:00:00.000Z', until: '2027-01-06T09:00:00.000Z', reason: 'x' },
    ]);
  });

  it('with the calendars, a paused clock marked not applicable keeps its paused time (Wed 6 Jan: 1 working day)', () => {
    const clock = pauseClock(
      pausableTen,
      startClock(pausableTen, { startedAt: new Date('2027-01-04T09:00:00Z') }, plain),
      new Date('2027-01-05T09:00:00Z'),
      'x',
    );
    const closed = markNotApplicable(clock, new Date('2027-01-06T09:00:00Z'), 'the family moved away', plain);
    expect(closed).toMatchObject({ status: 'notApplicable', pausedUnits: 1, stoppedAt: '2027-01-06T09:00:00.000Z' });
    expect(closed.pauses).toEqual([
      { from: '2027-01-05T09:00:00.000Z', until: '2027-01-06T09:00:00.000Z', reason: 'x', pausedFor: 1 },
    ]);
    expect(pausedFor(closed, new Date('2027-02-01T00:00:00Z'), plain)).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Elapsed hours: real time, whatever the wall clock does.

const hoursClock = (length: number): ClockDefinition => ({
  ...twentyFourHours,
  id: `crisis-${length}h`,
  length,
  checkpoints: [
    checkpoint('three-quarters', 'warning', { after: 0.75 * length }),
    checkpoint('due', 'due', { due: true }),
  ],
});

describe('elapsed hours across midnight, the weekend and both clock changes', () => {
  it.each([
    // Sat 28 Mar 2026 23:30 GMT = 23:30Z; BST starts at 01:00Z on Sun 29 Mar (the wall clock jumps 01:00 -> 02:00).
    // 4 h: 75% (3 h) at 02:30Z = 03:30 BST; due 03:30Z = 04:30 BST (the wall clock shows 5 hours).
    [4, '2026-03-28T23:30:00Z', '2026-03-29T02:30:00.000Z', '2026-03-29T03:30:00.000Z', '04:30:00.000'],
    // 24 h: 75% (18 h) at 17:30Z Sun = 18:30 BST; due 23:30Z Sun = 00:30 BST Mon 30 Mar.
    [24, '2026-03-28T23:30:00Z', '2026-03-29T17:30:00.000Z', '2026-03-29T23:30:00.000Z', '00:30:00.000'],
    // Sat 24 Oct 2026 23:30 BST = 22:30Z; GMT returns at 01:00Z on Sun 25 Oct (the wall clock goes 02:00 -> 01:00).
    // 4 h: 75% at 01:30Z = 01:30 GMT (the second 01:30 of the night); due 02:30Z = 02:30 GMT (the wall clock shows 3 hours).
    [4, '2026-10-24T22:30:00Z', '2026-10-25T01:30:00.000Z', '2026-10-25T02:30:00.000Z', '02:30:00.000'],
    // 24 h: 75% at 16:30Z Sun = 16:30 GMT; due 22:30Z Sun = 22:30 GMT (the wall clock shows 23 hours).
    [24, '2026-10-24T22:30:00Z', '2026-10-25T16:30:00.000Z', '2026-10-25T22:30:00.000Z', '22:30:00.000'],
  ])('%i h from %s', (length, startedAt, warning, due, dueWall) => {
    // Prepare
    const definition = hoursClock(length);
    // Act
    const clock = startClock(definition, { startedAt: new Date(startedAt) }, plain);
    // Assess
    expect(clock.dueAt).toBe(due);
    expect(new Date(clock.dueAt).getTime() - Date.parse(startedAt)).toBe(length * 3_600_000);
    expect(londonWall(new Date(clock.dueAt)).time).toBe(dueWall);
    expect(plannedCheckpoints(definition, clock, plain).map((p) => [p.checkpointId, p.at.toISOString()])).toEqual([
      ['three-quarters', warning],
      ['due', due],
    ]);
    expect(stopClock(clock, new Date(due), undefined, plain).status).toBe('met');
    expect(stopClock(clock, new Date(Date.parse(due) + 1), undefined, plain).status).toBe('metLate');
    expect(unitsUsed(clock, new Date(due), plain)).toBe(length);
  });
});

describe('a checkpoint at a share of the length follows the length', () => {
  const share = (definition: ClockDefinition): ClockDefinition => ({
    ...definition,
    checkpoints: [
      checkpoint('three-quarters', 'warning', { shareOfLength: 0.75 }),
      checkpoint('due', 'due', { due: true }),
    ],
  });
  it.each([
    // 4 h from Sat 24 Oct 2026 22:30Z: 3 h, at 01:30Z (the second 01:30 of the night, GMT)
    ['4 hours', share(hoursClock(4)), '2026-10-24T22:30:00Z', '2026-10-25T01:30:00.000Z'],
    // shortened to 2 h by a partnership: 1 h 30 min, at 00:00Z = 01:00 BST
    ['the same clock shortened to 2 hours', share(hoursClock(2)), '2026-10-24T22:30:00Z', '2026-10-25T00:00:00.000Z'],
    // 24 h from Sat 28 Mar 2026 23:30Z: 18 h, at 17:30Z = 18:30 BST
    ['24 hours', share(hoursClock(24)), '2026-03-28T23:30:00Z', '2026-03-29T17:30:00.000Z'],
    // 10 working days from Mon 4 Jan 2027: 7.5 -> day 7, Wed 13 Jan
    ['10 working days', share(pausableTen), '2027-01-04T09:00:00Z', END_OF('2027-01-13')],
  ])('%s', (_name, definition, startedAt, at) => {
    const clock = startClock(definition, { startedAt: new Date(startedAt) }, plain);
    expect(plannedCheckpoints(definition, clock, plain)[0]).toMatchObject({
      checkpointId: 'three-quarters',
      at: new Date(at),
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Recurring checkpoints: one occurrence at a time.

const episodeWithReviews: ClockDefinition = {
  ...sixteenWeeks,
  checkpoints: [
    { ...checkpoint('taf-review', 'warning', { every: 6, unit: 'weeks', whileCase: 'episodeOpen' }) },
    checkpoint('due', 'due', { due: true }),
  ],
};

describe('recurring checkpoints', () => {
  it.each([
    // Started Mon 7 Sep 2026 10:00 BST. Every 6 weeks (42 days) from Mon 7 Sep: Mon 19 Oct (BST, end of
    // day 22:59:59.999Z), Mon 30 Nov (GMT, 23:59:59.999Z), Mon 11 Jan 2027.
    [
      'every 6 weeks, across the October clock change',
      { every: 6, unit: 'weeks' },
      '2026-09-07T09:00:00Z',
      ['2026-10-19T22:59:59.999Z', END_OF('2026-11-30'), END_OF('2027-01-11')],
    ],
    // Started Fri 23 Oct 2026 14:00 BST; a daily MDT at 09:00 London: Sat 24 Oct 09:00 BST (08:00Z),
    // Sun 25 Oct 09:00 GMT (09:00Z, the clocks went back at 02:00 BST), Mon 26 Oct 09:00 GMT.
    [
      'daily at 09:00, across the October clock change',
      { every: 1, unit: 'days', atTime: '09:00' },
      '2026-10-23T13:00:00Z',
      ['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-10-26T09:00:00.000Z'],
    ],
    // Started Sun 18 Oct 2026; weekly at 10:00: Sun 25 Oct 10:00 GMT, Sun 1 Nov, Sun 8 Nov.
    [
      'weekly at 10:00, the first on the day GMT returns',
      { every: 1, unit: 'weeks', atTime: '10:00' },
      '2026-10-18T09:00:00Z',
      ['2026-10-25T10:00:00.000Z', '2026-11-01T10:00:00.000Z', '2026-11-08T10:00:00.000Z'],
    ],
    // Started Mon 14 Dec 2026; every 5 working days: Mon 21 Dec; (24 Dec is day 8, Christmas, 28 Dec
    // holidays) Wed 30 Dec is day 10; day 15 is Thu 7 Jan 2027 (31 Dec 11, 1 Jan holiday, 4 Jan 12 .. 7 Jan 15).
    [
      'every 5 working days, across Christmas',
      { every: 5, unit: 'workingDays' },
      '2026-12-14T10:00:00Z',
      [END_OF('2026-12-21'), END_OF('2026-12-30'), END_OF('2027-01-07')],
    ],
  ] as const)('%s: one occurrence planned at a time, each numbered', (_name, every, startedAt, expected) => {
    // Prepare
    const definition: ClockDefinition = {
      ...episodeWithReviews,
      length: 400,
      checkpoints: [checkpoint('review', 'warning', { ...every, whileCase: 'episodeOpen' })],
    };
    let clock = startClock(definition, { startedAt: new Date(startedAt) }, plain);
    const seen: [number | undefined, string][] = [];
    // Act: fire each occurrence as its timer would, then plan the next
    for (let i = 0; i < 3; i++) {
      const [next, ...rest] = plannedCheckpoints(definition, clock, plain);
      expect(rest).toEqual([]);
      seen.push([next!.occurrence, next!.at.toISOString()]);
      expect(next!.whileCase).toBe('episodeOpen');
      clock = reachCheckpoint(definition, clock, 'review', next!.at, next!.occurrence).clock;
    }
    // Assess
    expect(seen).toEqual(expected.map((at, i) => [i + 1, at]));
    expect(clock.reached).toEqual([]);
    expect(clock.occurrences).toEqual({ review: 3 });
  });

  it.each([0, -1, 1.5])('a checkpoint repeating every %s weeks is refused', (every) => {
    const definition: ClockDefinition = {
      ...episodeWithReviews,
      checkpoints: [checkpoint('review', 'warning', { every, unit: 'weeks', whileCase: 'episodeOpen' })],
    };
    const clock = startClock(sixteenWeeks, { startedAt: new Date('2026-09-07T09:00:00Z') }, plain);
    expect(() => plannedCheckpoints(definition, clock, plain, new Date('2026-12-01T10:00:00Z'))).toThrow(
      ClockRuleError,
    );
  });

  it('planned after a given instant, the next occurrence still ahead is chosen (none fire in the past)', () => {
    const clock = startClock(episodeWithReviews, { startedAt: new Date('2026-09-07T09:00:00Z') }, plain);
    // on Tue 1 Dec 2026, the 1st (19 Oct) and 2nd (30 Nov) have gone: the 3rd, Mon 11 Jan 2027
    const review = plannedCheckpoints(episodeWithReviews, clock, plain, new Date('2026-12-01T10:00:00Z')).find(
      (p) => p.checkpointId === 'taf-review',
    )!;
    expect(review).toMatchObject({ occurrence: 3, at: new Date(END_OF('2027-01-11')) });
  });

  it('a paused clock plans no occurrence; on resume the rhythm from the start is kept', () => {
    // Prepare: paused Fri 16 Oct, resumed Wed 21 Oct (after the 1st review was due on Mon 19 Oct)
    const clock = startClock(episodeWithReviews, { startedAt: new Date('2026-09-07T09:00:00Z') }, plain);
    const onPause = pauseClock(
      episodeWithReviews,
      clock,
      new Date('2026-10-16T09:00:00Z'),
      'familyUnavailable',
      approver,
    );
    expect(plannedCheckpoints(episodeWithReviews, onPause, plain)).toEqual([]);
    // Act
    const resumed = resumeClock(
      episodeWithReviews,
      onPause,
      new Date('2026-10-21T09:00:00Z'),
      'family ready',
      plain,
      approver,
    );
    // Assess: 5 days paused (Sat 17 .. Wed 21 Oct), due Mon 28 Dec -> Sat 2 Jan 2027; the next review is the 2nd, Mon 30 Nov
    expect(resumed.dueAt).toBe(END_OF('2027-01-02'));
    expect(
      plannedCheckpoints(episodeWithReviews, resumed, plain, new Date('2026-10-21T09:00:00Z')).map((p) => [
        p.checkpointId,
        p.occurrence,
        p.at.toISOString(),
      ]),
    ).toEqual([
      ['taf-review', 2, END_OF('2026-11-30')],
      ['due', undefined, END_OF('2027-01-02')],
    ]);
  });
});
