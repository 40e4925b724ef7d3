/**
 * The clock model: what a statutory or local clock is, and the state of one running for a case.
 * Pure data; the rules that move clocks live in ./engine.ts.
 */
import type { LocalDate } from '../calendar';

/** How a clock counts. */
export type ClockKind =
  | 'workingDays' // working days in England: weekends and bank holidays do not count (nor, for a local target only, its owner's closure days)
  | 'elapsedHours' // real hours, day and night
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
export function isSetNationally(source: RuleSource): boolean {
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
 */
export type CheckpointTiming =
  | { after: number }
  | { due: true }
  | { beforeDueDays: number }
  | { afterDueHours: number };

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
  /** Whether the clock may be paused (with a reason). Statutory clocks usually may not. */
  pausable: boolean;
  checkpoints: CheckpointDefinition[];
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'metLate' | 'breached' | 'notApplicable';

export interface ClockHistoryEntry {
  at: string;
  change: 'started' | 'paused' | 'resumed' | 'breached' | 'met' | 'metLate' | 'notApplicable' | 'recalculated';
  reason?: string;
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
  /** Units not counted because the clock was paused (working days or hours). */
  pausedUnits: number;
  pausedAt?: string;
  stoppedAt?: string;
  /** Checkpoints already reached (ids). */
  reached: string[];
  /** Increases each time the checkpoints are recalculated (pause, resume), so timers of an older plan are told apart. */
  generation: number;
  history: ClockHistoryEntry[];
}

export const OPEN_CLOCK_STATUSES: readonly ClockStatus[] = ['running', 'paused', 'breached'];

/** Still being counted: running, paused, or breached and not yet stopped. */
export function isOpen(clock: ClockState): boolean {
  return OPEN_CLOCK_STATUSES.includes(clock.status) && !clock.stoppedAt;
}
