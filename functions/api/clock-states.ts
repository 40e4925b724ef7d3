/**
 * Clocks in the API's answers carry their one state (core/clocks/state.ts): in time, due soon, overdue
 * (and how late), met, met late, paused or not needed, with what due soon means for the clock. Worked out
 * here for every answer that gives a clock to someone who may read its case (exact instants), so no page,
 * list, board or file works it out again. (The open clocks by case code work it out with their summaries:
 * core/figures/pseudonymous.ts.)
 */
import type { ClockCalendars } from '#core/clocks/engine';
import type { ClockState } from '#core/clocks/model';
import { type ClockStateAnswer, clockStateOf } from '#core/clocks/state';
import { effectiveClocks } from '#core/partnership/config';
import type { CaseReading, ReadableProcess } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { type ExpectedSteps, stepsOfCase } from '#core/process/steps';
import type { ApiContext } from './context';

/** The calendars a case's clocks count by (its school's term dates for a school-day clock), as the rules count them. */
export function calendarsOfCase(ctx: ApiContext, definition: ReadableProcess, record: CaseRecord): ClockCalendars {
  const base: ClockCalendars = { workingDays: ctx.runtime.workingDays };
  try {
    return definition.calendarsFor?.(record, base) ?? base;
  } catch {
    // A school's term calendar that cannot be read: the state falls back to England's working days (a
    // school day is always one), never a failed read of the case.
    return base;
  }
}

/** What a process's case summary is worked out with, now. */
export function caseReading(ctx: ApiContext, definition: ReadableProcess, record: CaseRecord): CaseReading {
  return {
    now: ctx.runtime.clock.now(),
    calendars: calendarsOfCase(ctx, definition, record),
    clocks: effectiveClocks(definition.id, definition.clocks, ctx.runtime.partnership),
  };
}

/** A clock's one state, with how late it is and what due soon means for it. */
export function stateOfClock(clock: ClockState, reading: Pick<CaseReading, 'now' | 'calendars'>): ClockStateAnswer {
  return clockStateOf(clock, reading.now, reading.calendars);
}

/** The process's summary of a case (e.g. its next meeting), or nothing. */
export function summaryOfCase(
  definition: ReadableProcess,
  record: CaseRecord,
  reading: CaseReading,
): Record<string, unknown> | undefined {
  return definition.caseSummary?.(record, reading);
}

/**
 * What is expected next on the case (its process's steps, core/process/steps.ts), for its readers: only
 * events of the version the case runs, and on a closed case only those a closed case takes. None when
 * the process gives no steps.
 */
export function stepsOfCaseNow(
  definition: ReadableProcess,
  record: CaseRecord,
  reading: CaseReading,
): ExpectedSteps | undefined {
  const found = definition.expectedSteps?.(record, reading);
  return found && stepsOfCase(found, definition.events, record.status);
}
