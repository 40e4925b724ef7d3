/**
 * One truth about a clock's state: in time, due soon, overdue (and how late), met, met late, paused or
 * not needed. Computed here, once, from the clock and the instant; every API answer that carries a clock
 * gives it (a case's clocks, a person's cases and worklist, a school's notifications, the open clocks by
 * case code) and the figures count by it, so no page, list, board, dashboard or CSV works it out again.
 *
 * Due soon has one definition for each kind of clock, in the clock's own units, so it is the same
 * wherever it is shown:
 * - working days, school days, calendar days (and a clock with a set due date): due within the next 2
 *   of its days (its due day is today or one of the next 2 of its days; a weekend before a working-day
 *   clock's due day counts as the days it waits for);
 * - elapsed hours: due within the next 48 hours;
 * - a clock no longer than that window (a 1-working-day meeting, a 4-hour crisis assessment) would be due
 *   soon from its start, which says nothing: a day-counted one is due soon on its due day, one in hours in
 *   the last quarter of its length (a 4-hour assessment in its last hour, when its 75% reminder is sent).
 * `dueSoonRuleOf` says the rule in words, for the pages to show beside the state.
 *
 * Lateness is always given with an overdue or met-late clock, in the units people count it in: working
 * days for a working-day clock (the weekend after a Friday deadline is already its first working day
 * late, as day 1 of a count is the first working day after its start), calendar days for a day clock,
 * and for a clock due at an instant (hours, the start of a school day, a set time) minutes under an hour,
 * whole hours under 48, whole days after. A clock that stopped while overdue (no longer needed after its
 * deadline passed) stays overdue, late up to when it stopped: a missed deadline stays visible.
 *
 * Pure: the clock, the instant and the calendars in; its state out.
 */
import { addCalendarDays, daysBetween, endOfLondonDay, type LocalDate, londonDateOf, nextSchoolDay } from '../calendar';
import { type ClockCalendars, workingDaysOf } from './engine';
import type { ClockKind, ClockStatus, RuleSource } from './model';

/** A clock's state as every reader is shown it. */
export const clockStateNames = ['inTime', 'dueSoon', 'overdue', 'met', 'metLate', 'paused', 'notNeeded'] as const;
export type ClockStateName = (typeof clockStateNames)[number];

/** How late: in the clock's own units (see the module's comment). */
export type LatenessUnit = 'minutes' | 'hours' | 'days' | 'workingDays' | 'weeks';
export interface Lateness {
  amount: number;
  unit: LatenessUnit;
}

/** The one answer about a clock's state. */
export interface ClockStateAnswer {
  state: ClockStateName;
  /** How late, for an overdue clock (up to now, or to when it stopped) and one met late. */
  late?: Lateness;
  /** What due soon means for this clock, in words (e.g. 'due within the next 2 working days'). */
  dueSoonRule: string;
}

/** What the state needs of a clock: a case's clock, or the summary an open-clocks list is made of. */
export interface ClockForState {
  kind: ClockKind;
  length: number;
  status: ClockStatus | string;
  source: Pick<RuleSource, 'kind'>;
  ownerOrganisation?: string;
  startedAt: string;
  dueAt: string;
  stoppedAt?: string | null;
}

/** The due-soon window of day clocks, in their own days, and of elapsed-hours clocks, in hours. */
export const DUE_SOON_DAYS = 2;
export const DUE_SOON_HOURS = 48;

/** The one definition of due soon, in words, for every kind of clock at once (a page or a figure's note). */
export const DUE_SOON_DEFINITION =
  'due within the next 2 of the days the clock counts (working days, school days or days; on its due day ' +
  'for a clock of 2 days or fewer), or, for a clock in hours, within the next 48 hours (in the last ' +
  'quarter of a clock of 48 hours or fewer)';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** The days a day clock counts, in words. */
const DAY_WORDS: Record<Exclude<ClockKind, 'elapsedHours'>, { one: string; many: string }> = {
  workingDays: { one: 'working day', many: 'working days' },
  schoolDays: { one: 'school day', many: 'school days' },
  calendarDays: { one: 'day', many: 'days' },
  calendarDate: { one: 'day', many: 'days' },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The clock's length for the short-clock rule: a clock with a set due date is as long as its start to its due day. */
function lengthOf(clock: ClockForState): number {
  return clock.kind === 'calendarDate' && clock.startedAt && clock.dueAt
    ? daysBetween(londonDateOf(new Date(clock.startedAt)), londonDateOf(new Date(clock.dueAt)))
    : clock.length;
}

/** The window, in hours, before an elapsed-hours clock's due instant in which it is due soon. */
function hoursWindow(clock: ClockForState): number {
  return clock.length > DUE_SOON_HOURS ? DUE_SOON_HOURS : clock.length / 4;
}

/** A day clock's window in its own days: 2, or 0 (its due day only) for a clock of 2 days or fewer. */
function daysWindow(clock: ClockForState): number {
  return lengthOf(clock) > DUE_SOON_DAYS ? DUE_SOON_DAYS : 0;
}

const hoursText = (hours: number) => plural(Math.round(hours * 100) / 100, 'hour', 'hours');

/**
 * What due soon means for this clock, in words, as pages show it beside the state. Without its instants
 * (a clock's definition), a clock with a set due date is taken to be longer than 2 days, as every one is.
 */
export function dueSoonRuleOf(
  clock: Pick<ClockForState, 'kind' | 'length'> & Partial<Pick<ClockForState, 'startedAt' | 'dueAt'>>,
): string {
  const c = (
    clock.kind === 'calendarDate' && !(clock.startedAt && clock.dueAt) ? { ...clock, length: DUE_SOON_DAYS + 1 } : clock
  ) as ClockForState;
  if (c.kind === 'elapsedHours') {
    const window = hoursWindow(c);
    return c.length > DUE_SOON_HOURS
      ? `due within the next ${hoursText(window)}`
      : `due within the next ${hoursText(window)}: the last quarter of its ${hoursText(c.length)}`;
  }
  const words = DAY_WORDS[c.kind];
  return daysWindow(c) > 0
    ? `due within the next ${plural(DUE_SOON_DAYS, words.one, words.many)}`
    : `due today: a clock of ${plural(DUE_SOON_DAYS, words.one, words.many)} or fewer is due soon on its due day`;
}

/** The last London day a day clock that falls due on `dueDay` is not yet due soon on: it is due soon after it. */
function lastDayDueSoon(clock: ClockForState, today: LocalDate, calendars: ClockCalendars): LocalDate {
  const window = daysWindow(clock);
  if (window === 0) return today;
  switch (clock.kind) {
    case 'workingDays':
      return workingDaysOf(clock, calendars).addWorkingDays(today, window);
    case 'schoolDays': {
      // Without the school's calendar, England's working days: a school day is always one, so the window
      // is then never longer than the school's own.
      const england = calendars.workingDays.england();
      if (!calendars.school) return england.addWorkingDays(today, window);
      let day = today;
      for (let i = 0; i < window; i++) day = nextSchoolDay(calendars.school, day, england);
      return day;
    }
    default:
      return addCalendarDays(today, window);
  }
}

/** Due soon: not yet past its due instant, and within this clock's window of it. */
export function isDueSoon(clock: ClockForState, now: Date, calendars: ClockCalendars): boolean {
  const due = new Date(clock.dueAt).getTime();
  if (now.getTime() > due) return false;
  if (clock.kind === 'elapsedHours') return due - now.getTime() <= hoursWindow(clock) * MS_PER_HOUR;
  const dueDay = londonDateOf(new Date(clock.dueAt));
  return dueDay <= lastDayDueSoon(clock, londonDateOf(now), calendars);
}

/** Whether a clock falls due at the end of a London day (else at an instant: an hour, a school's start of day). */
const dueAtEndOfDay = (clock: ClockForState) =>
  clock.kind === 'workingDays' ||
  clock.kind === 'calendarDays' ||
  (clock.kind === 'calendarDate' &&
    endOfLondonDay(londonDateOf(new Date(clock.dueAt))).getTime() === new Date(clock.dueAt).getTime());

/** Real time late: minutes under an hour (at least 1), whole hours under 48, whole days after. */
function lateInRealTime(ms: number): Lateness {
  if (ms < MS_PER_HOUR) return { amount: Math.max(1, Math.ceil(ms / MS_PER_MINUTE)), unit: 'minutes' };
  if (ms < 48 * MS_PER_HOUR) return { amount: Math.floor(ms / MS_PER_HOUR), unit: 'hours' };
  return { amount: Math.floor(ms / MS_PER_DAY), unit: 'days' };
}

/** How late a clock is at `at` (after its due instant), in the units people count it in. */
export function latenessAt(clock: ClockForState, at: Date, calendars: ClockCalendars): Lateness {
  const due = new Date(clock.dueAt);
  if (!dueAtEndOfDay(clock)) return lateInRealTime(at.getTime() - due.getTime());
  const dueDay = londonDateOf(due);
  const day = londonDateOf(at);
  if (clock.kind === 'workingDays') {
    // Counted as the clock counts: the days after a deadline up to the next working day are already
    // its first working day late.
    const wd = workingDaysOf(clock, calendars);
    const counted = wd.workingDaysBetween(dueDay, day) + (wd.isWorkingDay(day) ? 0 : 1);
    return { amount: Math.max(1, counted), unit: 'workingDays' };
  }
  return { amount: Math.max(1, daysBetween(dueDay, day)), unit: 'days' };
}

/** The one state of a clock at `now`, with how late it is and what due soon means for it. */
export function clockStateOf(clock: ClockForState, now: Date, calendars: ClockCalendars): ClockStateAnswer {
  const dueSoonRule = dueSoonRuleOf(clock);
  const stopped = clock.stoppedAt ? new Date(clock.stoppedAt) : undefined;
  switch (clock.status) {
    case 'met':
      return { state: 'met', dueSoonRule };
    case 'metLate':
      return { state: 'metLate', late: latenessAt(clock, stopped ?? now, calendars), dueSoonRule };
    case 'notApplicable':
      return { state: 'notNeeded', dueSoonRule };
    case 'paused':
      return { state: 'paused', dueSoonRule };
  }
  const at = stopped ?? now;
  if (clock.status === 'breached' || at.getTime() > new Date(clock.dueAt).getTime())
    return { state: 'overdue', late: latenessAt(clock, at, calendars), dueSoonRule };
  if (stopped) return { state: 'notNeeded', dueSoonRule };
  return { state: isDueSoon(clock, now, calendars) ? 'dueSoon' : 'inTime', dueSoonRule };
}

/** Lateness in words: '3 working days', '1 hour', '45 minutes'. */
export function latenessWords(late: Lateness): string {
  const words: Record<LatenessUnit, [string, string]> = {
    minutes: ['minute', 'minutes'],
    hours: ['hour', 'hours'],
    days: ['day', 'days'],
    workingDays: ['working day', 'working days'],
    weeks: ['week', 'weeks'],
  };
  const [one, many] = words[late.unit];
  return plural(late.amount, one, many);
}
