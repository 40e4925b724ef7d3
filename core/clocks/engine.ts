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
import type { CheckpointDefinition, ClockDefinition, ClockState } from './model';
import { isOpen, isSetNationally } from './model';

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
export function workingDaysOf(clock: Pick<ClockState, 'source' | 'ownerOrganisation'>, calendars: ClockCalendars): WorkingDayCalendar {
  if (isSetNationally(clock.source)) return calendars.workingDays.england();
  return clock.ownerOrganisation ? calendars.workingDays.forOrganisation(clock.ownerOrganisation) : calendars.workingDays;
}

/** The instant `units` of the clock's own units after its start, allowing for paused time. */
export function instantAfter(clock: ClockState, units: number, calendars: ClockCalendars): Date {
  const counted = units + clock.pausedUnits;
  switch (clock.kind) {
    case 'workingDays':
      return endOfLondonDay(workingDaysOf(clock, calendars).addWorkingDays(clock.startDay, counted));
    case 'elapsedHours':
      return addHours(new Date(clock.startedAt), counted);
    case 'schoolDays': {
      if (!calendars.school) throw new ClockRuleError(`clock ${clock.id} counts school days but no school calendar was given`);
      let at = new Date(clock.startedAt);
      for (let i = 0; i < Math.max(1, counted); i++) at = nextSchoolDayStart(at, calendars.school, calendars.workingDays);
      return at;
    }
    case 'calendarDate':
      throw new ClockRuleError(`clock ${clock.id} has a fixed due date; 'after' checkpoints do not apply to it`);
  }
}

export function checkpointInstant(clock: ClockState, checkpoint: CheckpointDefinition, calendars: ClockCalendars): Date {
  const at = checkpoint.at;
  if ('after' in at) return instantAfter(clock, at.after, calendars);
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

export function startClock(definition: ClockDefinition, options: StartClockOptions, calendars: ClockCalendars): ClockState {
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
}

/** The checkpoints still to come for an open, unpaused clock, in time order. */
export function plannedCheckpoints(definition: ClockDefinition, clock: ClockState, calendars: ClockCalendars): PlannedCheckpoint[] {
  if (!isOpen(clock) || clock.status === 'paused') return [];
  return definition.checkpoints
    .filter((c) => !clock.reached.includes(c.id))
    .map((c) => ({ clockId: clock.id, checkpointId: c.id, generation: clock.generation, at: checkpointInstant(clock, c, calendars) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface CheckpointReached {
  clock: ClockState;
  checkpoint: CheckpointDefinition;
  /** True when this checkpoint moved the clock to breached. */
  breached: boolean;
}

/** A checkpoint's time has come (a timer fired). */
export function reachCheckpoint(definition: ClockDefinition, clock: ClockState, checkpointId: string, at: Date): CheckpointReached {
  const checkpoint = definition.checkpoints.find((c) => c.id === checkpointId);
  if (!checkpoint) throw new ClockRuleError(`clock ${clock.id} has no checkpoint ${checkpointId}`);
  const next: ClockState = { ...clock, reached: [...clock.reached, checkpointId], history: [...clock.history] };
  let breached = false;
  if (checkpoint.kind === 'due' && clock.status === 'running') {
    next.status = 'breached';
    next.history.push({ at: iso(at), change: 'breached' });
    breached = true;
  }
  return { clock: next, checkpoint, breached };
}

/** The stop event happened at `at`: met if by the due instant, otherwise met late. */
export function stopClock(clock: ClockState, at: Date, reason?: string): ClockState {
  if (!isOpen(clock)) throw new ClockRuleError(`clock ${clock.id} has already stopped (${clock.status})`);
  const status = at.getTime() <= new Date(clock.dueAt).getTime() ? 'met' : 'metLate';
  return {
    ...clock,
    status,
    stoppedAt: iso(at),
    pausedAt: undefined,
    history: [...clock.history, { at: iso(at), change: status, ...(reason ? { reason } : {}) }],
  };
}

/**
 * The clock no longer applies (e.g. the child left care before the assessment). A clock already
 * breached stays breached, stopped: the missed timescale still counts in the figures.
 */
export function markNotApplicable(clock: ClockState, at: Date, reason: string): ClockState {
  if (!isOpen(clock)) return clock;
  return {
    ...clock,
    status: clock.status === 'breached' ? 'breached' : 'notApplicable',
    stoppedAt: iso(at),
    pausedAt: undefined,
    history: [...clock.history, { at: iso(at), change: 'notApplicable', reason }],
  };
}

export function pauseClock(definition: ClockDefinition, clock: ClockState, at: Date, reason: string): ClockState {
  if (!definition.pausable) {
    throw new ClockRuleError(`${definition.title} is a ${describeSource(definition)} and cannot be paused`);
  }
  if (clock.status !== 'running' && clock.status !== 'breached') {
    throw new ClockRuleError(`${definition.title} is ${clock.status}; only a running clock can be paused`);
  }
  return {
    ...clock,
    status: 'paused',
    pausedAt: iso(at),
    generation: clock.generation + 1,
    history: [...clock.history, { at: iso(at), change: 'paused', reason }],
  };
}

/** Resume a paused clock: the time it was paused does not count, so the due instant and checkpoints move on. */
export function resumeClock(definition: ClockDefinition, clock: ClockState, at: Date, reason: string, calendars: ClockCalendars): ClockState {
  if (clock.status !== 'paused' || !clock.pausedAt) throw new ClockRuleError(`${definition.title} is not paused`);
  const pausedAt = new Date(clock.pausedAt);
  let paused: number;
  switch (clock.kind) {
    case 'workingDays':
      paused = workingDaysOf(clock, calendars).workingDaysBetween(londonDateOf(pausedAt), londonDateOf(at));
      break;
    case 'elapsedHours':
      paused = hoursBetween(pausedAt, at);
      break;
    default:
      throw new ClockRuleError(`${definition.title} counts ${clock.kind} and cannot be paused`);
  }
  const resumed: ClockState = {
    ...clock,
    status: 'running',
    pausedAt: undefined,
    pausedUnits: clock.pausedUnits + paused,
    generation: clock.generation + 1,
    history: [...clock.history, { at: iso(at), change: 'resumed', reason }],
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
      return hoursBetween(new Date(clock.startedAt), end) - clock.pausedUnits - (pausedSince ? hoursBetween(pausedSince, end) : 0);
    default:
      return 0;
  }
}
