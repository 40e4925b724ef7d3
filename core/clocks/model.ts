/**
 * The clock model: what a statutory or local clock is, and the state of one running for a case.
 * Pure data; the rules that move clocks live in ./engine.ts.
 */
import type { LocalDate } from '../calendar';

/** How a clock counts. */
export type ClockKind =
  // working days in England: weekends and bank holidays do not count (nor, for a local target only, its
  // owner's closure days)
  | 'workingDays'
  | 'elapsedHours' // real hours, day and night
  | 'calendarDays' // every day counts (e.g. a 16-week episode of support is 112 calendar days)
  | 'schoolDays' // a school's own term calendar and start-of-day time
  | 'calendarDate'; // a due date computed by the process (e.g. a review every 6 or 12 months)

/** Where a clock's length comes from. Statutory lengths cannot be lengthened by configuration. */
export interface RuleSource {
  kind: 'statutory' | 'nationalStandard' | 'localTarget';
  citation: string;
}

/**
 * Whether a clock is set nationally (statutory or a national standard). Such a clock counts working
 * days in England only, and configuration may shorten it but never lengthen it.
 */
export function isSetNationally(source: Pick<RuleSource, 'kind'>): boolean {
  return source.kind !== 'localTarget';
}

/** The kinds of organisation in a partnership; a clock is owned by one of them. */
export const clockOwners = ['council', 'healthProvider', 'icb', 'police', 'school'] as const;

/**
 * Who must meet a clock, as a kind of organisation (the case names which one). A local target counts
 * its owner's closure days as days off, and no one else's; a statutory or national clock counts no
 * closure days at all.
 */
export type ClockOwner = (typeof clockOwners)[number];

export type CheckpointKind = 'warning' | 'due' | 'escalation';

/** A role or mailbox the partnership directory resolves to addresses. */
export type RecipientRole = string;

/**
 * When a checkpoint falls:
 * - `after`: n units after the clock started (for day clocks, the end of day n; for hours, start + n hours)
 * - `due`: the clock's due instant
 * - `beforeDueDays`: 09:00 London, n calendar days before the due day (e.g. a review's 4-week warning)
 * - `afterDueHours`: n hours after the due instant (e.g. 30 minutes after a school's start of day)
 * - `shareOfLength`: that share of the clock's length after its start (0.75: 75% of the time, e.g. 3 h
 *   into a 4-hour clock), so it follows a length the partnership shortened; for day clocks, the end of
 *   the day reached by that share (rounded down, at least day 1)
 * - `every`: a recurring checkpoint (see RecurringTiming)
 */
export type CheckpointTiming =
  | { after: number }
  | { due: true }
  | { beforeDueDays: number }
  | { afterDueHours: number }
  | { shareOfLength: number }
  | RecurringTiming;

/**
 * A checkpoint that repeats while a named condition on the case holds (e.g. a Team Around the Family
 * review every 6 weeks while the episode is open; a daily MDT while the crisis is escalated).
 * Occurrence k falls at the end (or at `atTime`) of the London day k × every units after the clock's start day
 * (`workingDays` in the clock's own working days), so the rhythm is kept from the start: a pause does
 * not move it (unless `followsPauses`), and no occurrence fires while the clock is paused. Occurrences are
 * planned one at a time: the next when one fires, or when the rules re-plan (`CaseChange.replanRecurring`)
 * because the condition changed. Each timer carries its occurrence number.
 */
export interface RecurringTiming {
  every: number;
  unit: 'days' | 'weeks' | 'workingDays';
  /** A condition named in the process definition; the checkpoint recurs only while it holds. */
  whileCase: string;
  /**
   * London wall-clock time 'HH:MM' on the occurrence's day (e.g. '09:00' for
   * a daily MDT); default the end of the day.
   */
  atTime?: string;
  /**
   * Paused time moves the rhythm on (e.g. a Team Around the Family review every 6 weeks of the episode's
   * counted time): occurrence k falls k × every units plus the clock's ended pauses after its start day.
   * Only in the clock's own units: days or weeks on a calendar-day clock, working days on a working-day clock.
   */
  followsPauses?: boolean;
}

export function isRecurring(timing: CheckpointTiming): timing is RecurringTiming {
  return 'every' in timing;
}

export interface CheckpointDefinition {
  id: string;
  kind: CheckpointKind;
  at: CheckpointTiming;
  /** Who is alerted when the checkpoint is reached. */
  recipients: RecipientRole[];
  /**
   * A condition, named in the process definition, that makes the checkpoint unnecessary
   * (e.g. 'appointmentBooked'). Evaluated when the timer fires; checked again by events to cancel it early.
   */
  unlessCase?: string;
  /** Calm, specific wording: what is due, by when, and what to do. {due} and {caseCode} are filled in. */
  message: { subject: string; body: string };
}

export interface ClockDefinition {
  id: string;
  title: string;
  kind: ClockKind;
  /** Length in the clock's units (working days, hours, school days). Unused for calendarDate clocks. */
  length: number;
  source: RuleSource;
  /** Who must meet it: e.g. the council for its request to health, health for the assessment. */
  owner: ClockOwner;
  /**
   * Whether the clock may be paused (with a reason). A statutory or national clock may be paused only
   * when its definition says so here; configuration cannot change it.
   */
  pausable: boolean;
  /**
   * The reasons this clock may be paused for, each id with calm wording (e.g.
   * `familyUnavailable: 'The family asked to pause'`). A pause through a case names one of these.
   */
  pauseReasons?: Record<string, string>;
  checkpoints: CheckpointDefinition[];
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'metLate' | 'breached' | 'notApplicable';

/** Who made or approved a change to a clock (the same identity as an event's actor). */
export interface ClockActor {
  userId: string;
  name: string;
  role: string;
  organisation: string;
}

export interface ClockHistoryEntry {
  at: string;
  change: 'started' | 'paused' | 'resumed' | 'breached' | 'met' | 'metLate' | 'notApplicable' | 'recalculated';
  reason?: string;
  approvedBy?: ClockActor;
}

/** One pause of a clock: kept so paused time is reported apart from time used. */
export interface ClockPause {
  from: string;
  /** When the pause ended (resumed, or the clock stopped while paused); absent while it lasts. */
  until?: string;
  reason: string;
  approvedBy?: ClockActor;
  /** Who agreed the clock should run again (absent when it ended by the clock stopping). */
  resumedBy?: ClockActor;
  /** Set when the pause ends: the units it added, in the clock's own units and calendar. */
  pausedFor?: number;
}

/** A clock running (or stopped) for one case. Instants are UTC ISO-8601 strings. */
export interface ClockState {
  id: string;
  definitionId: string;
  title: string;
  kind: ClockKind;
  length: number;
  source: RuleSource;
  /**
   * The partnership organisation that owns this clock for this case (e.g. 'riverside-council'), when
   * the process names it. A local target skips that organisation's closure days; a statutory or
   * national clock never skips closure days, whoever owns it.
   */
  ownerOrganisation?: string;
  status: ClockStatus;
  startedAt: string;
  /** London day the count starts from (day 0); day 1 is the first counted unit after it. */
  startDay: LocalDate;
  dueAt: string;
  /** Units not counted because the clock was paused (working days, calendar days or hours), pauses that ended. */
  pausedUnits: number;
  pausedAt?: string;
  /** Every pause, in order (absent on clocks never paused, or from before pauses were kept). */
  pauses?: ClockPause[];
  /** For each recurring checkpoint, the last occurrence that fired. */
  occurrences?: Record<string, number>;
  stoppedAt?: string;
  /** Checkpoints already reached (ids). */
  reached: string[];
  /**
   * Increases each time the checkpoints are recalculated (pause, resume),
   * so timers of an older plan are told apart.
   */
  generation: number;
  history: ClockHistoryEntry[];
}

export const OPEN_CLOCK_STATUSES: readonly ClockStatus[] = ['running', 'paused', 'breached'];

/** Still being counted: running, paused, or breached and not yet stopped. */
export function isOpen(clock: ClockState): boolean {
  return OPEN_CLOCK_STATUSES.includes(clock.status) && !clock.stoppedAt;
}
