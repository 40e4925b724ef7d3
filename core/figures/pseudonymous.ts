/**
 * Pseudonymous views carry no instant finer than a day: a clock's start and due are its London day,
 * or, for a process whose young people a date would single out (crisis escalation), its ISO week
 * (e.g. '2027-W05'). The open clocks listed by case code carry the case code, the clock and its state,
 * and those dates only; staff who may read a case see its exact instants on the case itself. The state is
 * the one every page shows (core/clocks/state.ts). How late an overdue clock is, is its due day (or week)
 * beside the answer's `asOf`: no number of hours, days or weeks is given apart, as a small whole number
 * beside a case code is what a figure reader's answer never carries (test/api/disclosure.test.ts).
 *
 * Pure: clock summaries in, what a pseudonymous reader may see out.
 */
import {
  addCalendarDays,
  dayOfWeek,
  endOfLondonDay,
  epochDayOf,
  type LocalDate,
  localDateOfEpochDay,
  londonDateOf,
} from '../calendar';
import type { ClockCalendars } from '../clocks/engine';
import type { ClockDefinition, ClockKind, RuleSource } from '../clocks/model';
import { type ClockStateAnswer, type ClockStateName, clockStateOf } from '../clocks/state';

/** How finely a process's pseudonymous views give dates. */
export type DateResolution = 'day' | 'isoWeek';

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** The ISO 8601 week of a day, 'YYYY-Www' (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(day: LocalDate): string {
  // The week's Thursday decides its year (written by hand: ten lines of the standard's own rule).
  const thursday = epochDayOf(day) - dayOfWeek(day) + 4;
  const year = localDateOfEpochDay(thursday).slice(0, 4);
  const week = Math.floor((thursday - epochDayOf(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week. */
export function mondayOfIsoWeek(week: string): LocalDate {
  const m = ISO_WEEK.exec(week);
  if (!m) throw new RangeError(`Not an ISO week: ${week}`);
  // 4 January is always in week 1.
  const jan4 = `${m[1]}-01-04`;
  const mondayOfWeek1 = epochDayOf(jan4) - dayOfWeek(jan4) + 1;
  return localDateOfEpochDay(mondayOfWeek1 + (Number(m[2]) - 1) * 7);
}

/** The period a London day falls in: the day itself or its ISO week. */
export function periodOfDay(day: LocalDate, resolution: DateResolution): string {
  return resolution === 'isoWeek' ? isoWeekOf(day) : day;
}

/** The period an instant falls in, London time: its day or its ISO week. */
export function periodOf(instant: Date | string, resolution: DateResolution): string {
  return periodOfDay(londonDateOf(typeof instant === 'string' ? new Date(instant) : instant), resolution);
}

/** The last instant of the period that holds `day` (the end of the London day, or of the Sunday ending its week). */
export function endOfPeriod(day: LocalDate, resolution: DateResolution): Date {
  return endOfLondonDay(resolution === 'isoWeek' ? addCalendarDays(day, 7 - dayOfWeek(day)) : day);
}

/** An open clock as the store lists it (one row of the open-clocks index). */
export interface OpenClockSummary {
  caseId: string;
  caseCode: string;
  process: string;
  clockId: string;
  definitionId: string;
  title: string;
  source: string;
  status: string;
  startedAt: string;
  dueAt: string;
  reached?: readonly string[];
  /** How the clock counts, its length and its owner (absent from summaries kept before they were). */
  kind?: ClockKind;
  length?: number;
  ownerOrganisation?: string;
}

/**
 * The one state of a listed clock (core/clocks/state.ts), counted as its case's clock is: by its kind and
 * length (from the process's definition where the summary was kept without them) and its owner's
 * working days.
 */
export function stateOfListedClock(
  clock: OpenClockSummary,
  definitions: readonly Pick<ClockDefinition, 'id' | 'kind' | 'length'>[],
  now: Date,
  calendars: ClockCalendars,
): ClockStateAnswer {
  const definition = definitions.find((d) => d.id === clock.definitionId);
  return clockStateOf(
    {
      kind: clock.kind ?? definition?.kind ?? 'calendarDays',
      length: clock.length ?? definition?.length ?? 0,
      status: clock.status,
      source: { kind: clock.source as RuleSource['kind'] },
      ...(clock.ownerOrganisation ? { ownerOrganisation: clock.ownerOrganisation } : {}),
      startedAt: clock.startedAt,
      dueAt: clock.dueAt,
    },
    now,
    calendars,
  );
}

/** An open clock as a pseudonymous reader sees it. */
export interface PseudonymousClock {
  caseId: string;
  caseCode: string;
  process: string;
  clockId: string;
  definitionId: string;
  title: string;
  /** statutory, nationalStandard or localTarget */
  source: string;
  /** running, paused or breached */
  status: string;
  /** Checkpoints reached so far (ids), e.g. a warning sent. */
  reached: string[];
  /** The London day (or ISO week) the clock started. */
  started: string;
  /** The London day (or ISO week) it is due. */
  due: string;
  /** Past its due instant now (the state is overdue). */
  overdue: boolean;
  /** The one state every page shows (core/clocks/state.ts): inTime, dueSoon, overdue or paused. */
  state: ClockStateName;
  /** What due soon means for this clock, in words. */
  dueSoonRule: string;
}

/**
 * What a pseudonymous reader sees of open clocks: dates no finer than the resolution, in an order that
 * says nothing finer either (by due period, then case code and clock); each with its one state
 * (`stateOf`: core/clocks/state.ts clockStateOf, with the calendars its clock counts by).
 */
export function pseudonymousClocks(
  clocks: readonly OpenClockSummary[],
  resolution: DateResolution,
  stateOf: (clock: OpenClockSummary) => ClockStateAnswer,
): PseudonymousClock[] {
  return clocks
    .map((c) => {
      const { state, dueSoonRule } = stateOf(c);
      return {
        caseId: c.caseId,
        caseCode: c.caseCode,
        process: c.process,
        clockId: c.clockId,
        definitionId: c.definitionId,
        title: c.title,
        source: c.source,
        status: c.status,
        reached: [...(c.reached ?? [])],
        started: periodOf(c.startedAt, resolution),
        due: periodOf(c.dueAt, resolution),
        overdue: state === 'overdue',
        state,
        dueSoonRule,
      };
    })
    .sort(
      (a, b) =>
        (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
        a.caseCode.localeCompare(b.caseCode) ||
        a.clockId.localeCompare(b.clockId),
    );
}
