/**
 * The expected steps of a case in a rule test, as the API gives them (core/process/steps.ts stepsOfCase
 * over the process's views), and what they offer: each step the rules would accept now, and the other
 * events that still apply.
 */
import { createWorkingDayCalendar } from '#core/calendar/index';
import { type ExpectedSteps, stepsOfCase } from '#core/process/steps';
import type { ProcessHarness } from './process-harness';

/** The steps at `now`, after the harness fired every timer due by then. */
export function stepsAt<D>(h: ProcessHarness<D>, now: string): ExpectedSteps {
  h.runUntil(now);
  const record = h.record!;
  const base = { workingDays: createWorkingDayCalendar({ closureDays: h.partnership.closureDays }) };
  const calendars = h.definition.calendarsFor?.(record, base) ?? base;
  const found = h.definition.expectedSteps!(record, { now: new Date(now), calendars });
  return stepsOfCase(found, h.definition.events, record.status);
}

/** Each step as [event, state, due instant (or null)], to compare with a hand-worked list. */
export const stateOf = (s: ExpectedSteps) => s.steps.map((x) => [x.event, x.state, x.dueAt ?? null]);

/** The events offered: the steps the rules would accept now, and the other events that still apply. */
export const offered = (s: ExpectedSteps) => [
  ...s.steps.filter((x) => x.recordable).map((x) => x.event),
  ...s.otherEvents,
];
