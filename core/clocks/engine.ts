/**
 * Pure rules that move a clock: start, reach a checkpoint, pause, resume, stop.
 * No I/O and no system clock: every instant is passed in.
 */
import {
  addCalendarDays,
  addHours,
  endOfLondonDay,
  hoursBetween,
  londonDateOf,
  londonDateTime,
  nextSchoolDayStart,
  type SchoolCalendar,
  type WorkingDayCalendar,
} from '../calendar';
import type { CheckpointDefinition, ClockActor, ClockDefinition, ClockState, RecurringTiming } from './model';
import { isOpen, isRecurring, isSetNationally } from './model';

export interface ClockCalendars {
  /**
   * Working days in England, with the partnership's closure days, each belonging to its organisation.
   * A clock counts by `workingDaysOf(clock, calendars)`, never by this calendar directly.
   */
  workingDays: WorkingDayCalendar;
  /** Needed only by school-day clocks. */
  school?: SchoolCalendar;
}

export class ClockRuleError extends Error {
  override readonly name = 'ClockRuleError';
}

const iso = (d: Date) => d.toISOString();

/**
 * The working days a clock counts. A statutory or national clock: working days in England (weekends
 * and bank holidays off), never any closure day, so no organisation's closure can lengthen it. A local
 * target: also off on the closure days of the organisation that owns it, and of no other.
 */
export function workingDaysOf(
  clock: { source: Pick<ClockState['source'], 'kind'>; ownerOrganisation?: string },
  calendars: ClockCalendars,
): WorkingDayCalendar {
  if (isSetNationally(clock.source)) return calendars.workingDays.england();
  return clock.ownerOrganisation
    ? calendars.workingDays.forOrganisation(clock.ownerOrganisation)
    : calendars.workingDays;
}

/** The instant `units` of the clock's own units after its start, allowing for paused time. */
export function instantAfter(clock: ClockState, units: number, calendars: ClockCalendars): Date {
  const counted = units + clock.pausedUnits;
  switch (clock.kind) {
    case 'workingDays':
      return endOfLondonDay(workingDaysOf(clock, calendars).addWorkingDays(clock.startDay, counted));
    case 'elapsedHours':
      return addHours(new Date(clock.startedAt), counted);
    case 'calendarDays':
      return endOfLondonDay(addCalendarDays(clock.startDay, counted));
    case 'schoolDays': {
      if (!calendars.school)
        throw new ClockRuleError(`clock ${clock.id} counts school days but no school calendar was given`);
      let at = new Date(clock.startedAt);
      for (let i = 0; i < Math.max(1, counted); i++)
        at = nextSchoolDayStart(at, calendars.school, calendars.workingDays);
      return at;
    }
    case 'calendarDate':
      throw new ClockRuleError(`clock ${clock.id} has a fixed due date; 'after' checkpoints do not apply to it`);
  }
}

/**
 * Occurrence `occurrence` (1, 2, ...) of a recurring checkpoint: the end (or `atTime`) of the London day
 * occurrence × every units after the clock's start day. Not moved by pauses: the rhythm is the start's.
 */
export function recurringInstant(
  clock: ClockState,
  timing: RecurringTiming,
  occurrence: number,
  calendars: ClockCalendars,
): Date {
  if (!Number.isInteger(occurrence) || occurrence < 1)
    throw new ClockRuleError(`occurrence must be a whole number from 1: ${occurrence}`);
  if (!Number.isInteger(timing.every) || timing.every < 1)
    throw new ClockRuleError(
      `a recurring checkpoint repeats every whole number of ${timing.unit} from 1: ${timing.every}`,
    );
  const n = timing.every * occurrence;
  const shift = timing.followsPauses ? pauseShift(clock, timing) : 0;
  const day =
    timing.unit === 'workingDays'
      ? workingDaysOf(clock, calendars).addWorkingDays(clock.startDay, n + shift)
      : addCalendarDays(clock.startDay, (timing.unit === 'weeks' ? 7 * n : n) + shift);
  return timing.atTime ? londonDateTime(day, timing.atTime) : endOfLondonDay(day);
}

/** The ended pauses a recurring checkpoint that follows pauses moves on by: only in the clock's own units. */
function pauseShift(clock: ClockState, timing: RecurringTiming): number {
  const consistent = timing.unit === 'workingDays' ? clock.kind === 'workingDays' : clock.kind === 'calendarDays';
  if (!consistent)
    throw new ClockRuleError(
      `a recurring checkpoint every ${timing.every} ${timing.unit} follows pauses only on a clock ` +
        `counting the same days (clock ${clock.id} counts ${clock.kind})`,
    );
  return clock.pausedUnits;
}

/** The instant of a checkpoint (for a recurring one, its next occurrence after the last that fired). */
export function checkpointInstant(
  clock: ClockState,
  checkpoint: CheckpointDefinition,
  calendars: ClockCalendars,
): Date {
  const at = checkpoint.at;
  if (isRecurring(at)) return recurringInstant(clock, at, (clock.occurrences?.[checkpoint.id] ?? 0) + 1, calendars);
  if ('after' in at) return instantAfter(clock, at.after, calendars);
  if ('shareOfLength' in at) {
    const units = clock.length * at.shareOfLength;
    return instantAfter(clock, clock.kind === 'elapsedHours' ? units : Math.max(1, Math.floor(units)), calendars);
  }
  if ('due' in at) return new Date(clock.dueAt);
  if ('afterDueHours' in at) return addHours(new Date(clock.dueAt), at.afterDueHours);
  const day = addCalendarDays(londonDateOf(new Date(clock.dueAt)), -at.beforeDueDays);
  return londonDateTime(day, '09:00');
}

export interface StartClockOptions {
  /** The case-specific id of this clock (usually the definition id). */
  id?: string;
  startedAt: Date;
  /** Required for calendarDate clocks: the due instant the process computed. */
  dueAt?: Date;
  /** The partnership organisation that owns the clock for this case (see ClockState.ownerOrganisation). */
  ownerOrganisation?: string;
}

export function startClock(
  definition: ClockDefinition,
  options: StartClockOptions,
  calendars: ClockCalendars,
): ClockState {
  const clock: ClockState = {
    id: options.id ?? definition.id,
    definitionId: definition.id,
    title: definition.title,
    kind: definition.kind,
    length: definition.length,
    source: definition.source,
    ...(options.ownerOrganisation ? { ownerOrganisation: options.ownerOrganisation } : {}),
    status: 'running',
    startedAt: iso(options.startedAt),
    startDay: londonDateOf(options.startedAt),
    dueAt: '',
    pausedUnits: 0,
    reached: [],
    generation: 0,
    history: [{ at: iso(options.startedAt), change: 'started' }],
  };
  if (definition.kind === 'calendarDate') {
    if (!options.dueAt) throw new ClockRuleError(`clock ${clock.id} needs a due date`);
    clock.dueAt = iso(options.dueAt);
  } else {
    clock.dueAt = iso(instantAfter(clock, definition.length, calendars));
  }
  return clock;
}

export interface PlannedCheckpoint {
  clockId: string;
  checkpointId: string;
  generation: number;
  at: Date;
  /** For a recurring checkpoint: which occurrence (1, 2, ...). */
  occurrence?: number;
  /** For a recurring checkpoint: the condition on the case it recurs while. */
  whileCase?: string;
}

/**
 * The checkpoints still to come for an open, unpaused clock, in time order. A recurring checkpoint
 * gives only its next occurrence: the one after the last that fired and, when `after` is given (the
 * time of planning), the first falling after it.
 */
export function plannedCheckpoints(
  definition: ClockDefinition,
  clock: ClockState,
  calendars: ClockCalendars,
  after?: Date,
): PlannedCheckpoint[] {
  if (!isOpen(clock) || clock.status === 'paused') return [];
  return definition.checkpoints
    .filter((c) => !clock.reached.includes(c.id))
    .map((c): PlannedCheckpoint => {
      const planned = { clockId: clock.id, checkpointId: c.id, generation: clock.generation };
      if (!isRecurring(c.at)) return { ...planned, at: checkpointInstant(clock, c, calendars) };
      let occurrence = (clock.occurrences?.[c.id] ?? 0) + 1;
      let at = recurringInstant(clock, c.at, occurrence, calendars);
      while (after && at.getTime() <= after.getTime()) at = recurringInstant(clock, c.at, ++occurrence, calendars);
      return { ...planned, at, occurrence, whileCase: c.at.whileCase };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface CheckpointReached {
  clock: ClockState;
  checkpoint: CheckpointDefinition;
  /** True when this checkpoint moved the clock to breached. */
  breached: boolean;
}

/**
 * A checkpoint's time has come (a timer fired). A recurring checkpoint is never reached once and for
 * all: its occurrence (by default the one after the last) is recorded, and the next can be planned.
 */
export function reachCheckpoint(
  definition: ClockDefinition,
  clock: ClockState,
  checkpointId: string,
  at: Date,
  occurrence?: number,
): CheckpointReached {
  const checkpoint = definition.checkpoints.find((c) => c.id === checkpointId);
  if (!checkpoint) throw new ClockRuleError(`clock ${clock.id} has no checkpoint ${checkpointId}`);
  if (isRecurring(checkpoint.at)) {
    const fired = occurrence ?? (clock.occurrences?.[checkpointId] ?? 0) + 1;
    return {
      clock: { ...clock, occurrences: { ...clock.occurrences, [checkpointId]: fired } },
      checkpoint,
      breached: false,
    };
  }
  const next: ClockState = { ...clock, reached: [...clock.reached, checkpointId], history: [...clock.history] };
  let breached = false;
  if (checkpoint.kind === 'due' && clock.status === 'running') {
    next.status = 'breached';
    next.history.push({ at: iso(at), change: 'breached' });
    breached = true;
  }
  return { clock: next, checkpoint, breached };
}

/**
 * The stop event happened at `at`: met if by the due instant, otherwise met late. A clock stopped while
 * paused first ends its pause at `at`, so it is judged against its due instant with the pause counted
 * (`calendars` are then needed for a day-counting clock).
 */
export function stopClock(clock: ClockState, at: Date, reason?: string, calendars?: ClockCalendars): ClockState {
  if (!isOpen(clock)) throw new ClockRuleError(`clock ${clock.id} has already stopped (${clock.status})`);
  const counted = endPause(clock, at, calendars);
  const status = at.getTime() <= new Date(counted.dueAt).getTime() ? 'met' : 'metLate';
  return {
    ...counted,
    status,
    stoppedAt: iso(at),
    history: [...counted.history, { at: iso(at), change: status, ...(reason ? { reason } : {}) }],
  };
}

/**
 * Units between a pause at `from` and its end at `to`, in the clock's own units: working days (in its
 * own working days) or calendar days after the pause's London day up to and including the end's
 * (the day of the pause was used; the day of the resume is not); elapsed hours exactly.
 */
export function unitsBetween(clock: ClockState, from: Date, to: Date, calendars: ClockCalendars | undefined): number {
  switch (clock.kind) {
    case 'elapsedHours':
      return hoursBetween(from, to);
    case 'calendarDays':
      return Math.round(
        (Date.parse(`${londonDateOf(to)}T00:00:00Z`) - Date.parse(`${londonDateOf(from)}T00:00:00Z`)) / 86_400_000,
      );
    case 'workingDays':
      if (!calendars)
        throw new ClockRuleError(`clock ${clock.id} counts working days; its calendars are needed to end a pause`);
      return workingDaysOf(clock, calendars).workingDaysBetween(londonDateOf(from), londonDateOf(to));
    default:
      throw new ClockRuleError(`${clock.title} counts ${clock.kind} and cannot be paused`);
  }
}

/**
 * A paused clock with its pause ended at `at`: paused units added, the pause closed,
 * the due instant moved. Others as they are.
 */
function endPause(
  clock: ClockState,
  at: Date,
  calendars: ClockCalendars | undefined,
  approvedBy?: ClockActor,
): ClockState {
  if (clock.status !== 'paused' || !clock.pausedAt) return clock;
  const paused = unitsBetween(clock, new Date(clock.pausedAt), at, calendars);
  const pauses = [...(clock.pauses ?? [])];
  const last = pauses.at(-1);
  if (last && last.until === undefined)
    pauses[pauses.length - 1] = {
      ...last,
      until: iso(at),
      pausedFor: paused,
      ...(approvedBy ? { resumedBy: approvedBy } : {}),
    };
  const ended: ClockState = {
    ...clock,
    status: 'running',
    pausedAt: undefined,
    pausedUnits: clock.pausedUnits + paused,
    ...(clock.pauses ? { pauses } : {}),
  };
  // unitsBetween has refused a working-day clock without calendars; hours and calendar days need none.
  if (clock.kind !== 'calendarDate')
    ended.dueAt = iso(instantAfter(ended, clock.length, calendars ?? ({} as ClockCalendars)));
  return ended;
}

/** Units paused so far (ended pauses and one still going on at `until`), in the clock's own units. */
export function pausedFor(clock: ClockState, until: Date, calendars: ClockCalendars): number {
  const end = clock.stoppedAt ? new Date(clock.stoppedAt) : until;
  const ongoing =
    clock.status === 'paused' && clock.pausedAt ? unitsBetween(clock, new Date(clock.pausedAt), end, calendars) : 0;
  return clock.pausedUnits + ongoing;
}

/**
 * The clock no longer applies (e.g. the child left care before the assessment). A clock already
 * breached stays breached, stopped: the missed timescale still counts in the figures.
 */
export function markNotApplicable(clock: ClockState, at: Date, reason: string, calendars?: ClockCalendars): ClockState {
  if (!isOpen(clock)) return clock;
  // A clock paused ends its pause: with the calendars, its paused time is counted and kept as for a stop.
  const ended = calendars ? endPause(clock, at, calendars) : clock;
  const pauses = ended.pauses?.map((p) => (p.until === undefined ? { ...p, until: iso(at) } : p));
  return {
    ...ended,
    status: clock.status === 'breached' ? 'breached' : 'notApplicable',
    stoppedAt: iso(at),
    pausedAt: undefined,
    ...(pauses ? { pauses } : {}),
    history: [...clock.history, { at: iso(at), change: 'notApplicable', reason }],
  };
}

/**
 * Pause a clock (only one whose definition allows it). When the definition lists its pause reasons,
 * `reason` must be one of their ids. The pause is kept with who approved it.
 */
export function pauseClock(
  definition: ClockDefinition,
  clock: ClockState,
  at: Date,
  reason: string,
  approvedBy?: ClockActor,
): ClockState {
  if (!definition.pausable) {
    throw new ClockRuleError(`${definition.title} is a ${describeSource(definition)} and cannot be paused`);
  }
  if (definition.pauseReasons && !Object.hasOwn(definition.pauseReasons, reason)) {
    throw new ClockRuleError(
      `${definition.title} can be paused for one of these reasons: ${Object.keys(definition.pauseReasons).join(', ')}`,
    );
  }
  if (!['workingDays', 'calendarDays', 'elapsedHours'].includes(definition.kind)) {
    throw new ClockRuleError(`${definition.title} counts ${definition.kind} and cannot be paused`);
  }
  if (clock.status !== 'running' && clock.status !== 'breached') {
    throw new ClockRuleError(`${definition.title} is ${clock.status}; only a running clock can be paused`);
  }
  return {
    ...clock,
    status: 'paused',
    pausedAt: iso(at),
    pauses: [...(clock.pauses ?? []), { from: iso(at), reason, ...(approvedBy ? { approvedBy } : {}) }],
    generation: clock.generation + 1,
    history: [...clock.history, { at: iso(at), change: 'paused', reason, ...(approvedBy ? { approvedBy } : {}) }],
  };
}

/**
 * Resume a paused clock: the time it was paused does not count, so the due instant moves on by exactly
 * the paused time in the clock's own calendar (see unitsBetween), and its checkpoints with it.
 */
export function resumeClock(
  definition: ClockDefinition,
  clock: ClockState,
  at: Date,
  reason: string,
  calendars: ClockCalendars,
  approvedBy?: ClockActor,
): ClockState {
  if (clock.status !== 'paused' || !clock.pausedAt) throw new ClockRuleError(`${definition.title} is not paused`);
  const ended = endPause(clock, at, calendars, approvedBy);
  const resumed: ClockState = {
    ...ended,
    generation: clock.generation + 1,
    history: [...clock.history, { at: iso(at), change: 'resumed', reason, ...(approvedBy ? { approvedBy } : {}) }],
  };
  resumed.dueAt = iso(instantAfter(resumed, definition.length, calendars));
  // Checkpoints already passed stay reached, except the due checkpoint when the new due instant is still ahead.
  const dueIds = definition.checkpoints.filter((c) => c.kind === 'due').map((c) => c.id);
  if (at.getTime() <= new Date(resumed.dueAt).getTime()) {
    resumed.reached = resumed.reached.filter((id) => !dueIds.includes(id));
  } else if (resumed.reached.some((id) => dueIds.includes(id))) {
    resumed.status = 'breached';
  }
  return resumed;
}

export function describeSource(definition: Pick<ClockDefinition, 'source'>): string {
  switch (definition.source.kind) {
    case 'statutory':
      return 'statutory timescale';
    case 'nationalStandard':
      return 'national standard';
    case 'localTarget':
      return 'local target';
  }
}

/** Working days (or hours) used so far, for reporting where time went. */
export function unitsUsed(clock: ClockState, until: Date, calendars: ClockCalendars): number {
  const end = clock.stoppedAt ? new Date(clock.stoppedAt) : until;
  // A clock still paused has not yet added its current pause to pausedUnits.
  const pausedSince = clock.status === 'paused' && clock.pausedAt ? new Date(clock.pausedAt) : undefined;
  switch (clock.kind) {
    case 'workingDays': {
      const wd = workingDaysOf(clock, calendars);
      const ongoing = pausedSince ? wd.workingDaysBetween(londonDateOf(pausedSince), londonDateOf(end)) : 0;
      return wd.workingDaysBetween(clock.startDay, londonDateOf(end)) - clock.pausedUnits - ongoing;
    }
    case 'elapsedHours':
      return (
        hoursBetween(new Date(clock.startedAt), end) -
        clock.pausedUnits -
        (pausedSince ? hoursBetween(pausedSince, end) : 0)
      );
    case 'calendarDays':
      return (
        unitsBetween(clock, new Date(clock.startedAt), end, calendars) -
        clock.pausedUnits -
        (pausedSince ? unitsBetween(clock, pausedSince, end, calendars) : 0)
      );
    default:
      return 0;
  }
}
