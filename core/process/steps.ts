/**
 * What is expected next on a case: the process's expected steps, each with its state (done, due,
 * overdue, not yet, not needed), and the other events that still apply. Each process says it in its
 * views (ProcessViews.expectedSteps), from what its rules would accept; the API's case answer carries it
 * and the case page shows it as a GOV.UK task list, each step's form one click away.
 *
 * A step with a clock takes its state from the clock's one state (core/clocks/state.ts clockStateOf):
 * met or met late is done, in time or due soon is due, overdue is overdue, not needed is not needed. No
 * second definition of due or overdue is made here.
 *
 * Pure: the case, the instant and the calendars in; the steps out.
 */
import type { ClockCalendars } from '../clocks/engine';
import type { ClockState } from '../clocks/model';
import { type ClockStateName, clockStateOf } from '../clocks/state';
import type { CaseRecord } from './model';

export const stepStates = ['done', 'due', 'overdue', 'notYet', 'notNeeded'] as const;
export type StepState = (typeof stepStates)[number];

/** One step a process expects on a case. */
export interface ExpectedStep {
  /** The event that records it (its type). */
  event: string;
  /** The step in words, for people. */
  title: string;
  state: StepState;
  /** When it is (or was) due, where there is a clock or a date (UTC ISO-8601). */
  dueAt?: string;
  /** When it was done. */
  doneAt?: string;
  /** The clock's one state, where the step has a clock (e.g. 'dueSoon' beside a step that is due). */
  clockState?: ClockStateName;
  /** Whether the rules would accept the event now (else the step is shown without its form). */
  recordable: boolean;
}

/** The steps expected on a case, and the other events that still apply to it (by type). */
export interface ExpectedSteps {
  steps: ExpectedStep[];
  otherEvents: string[];
}

/** What the steps are worked out with: the instant and the case's calendars. */
export interface StepReading {
  now: Date;
  calendars: ClockCalendars;
}

/**
 * A step from its clock: done when met (or met late), due while in time or due soon, overdue once past
 * its due instant, not needed when the clock no longer applies; 'notYet' when there is no clock yet.
 * `done` gives when it was done, where the clock's stop is not it (e.g. a day recorded).
 */
export function stepOfClock(
  clock: ClockState | undefined,
  reading: StepReading,
  step: { event: string; title: string; recordable: boolean; doneAt?: string },
): ExpectedStep {
  if (!clock) return { ...step, state: 'notYet' };
  const { state } = clockStateOf(clock, reading.now, reading.calendars);
  const base = { ...step, dueAt: clock.dueAt, clockState: state };
  switch (state) {
    case 'met':
    case 'metLate':
      return { ...base, state: 'done', doneAt: step.doneAt ?? clock.stoppedAt };
    case 'overdue':
      return { ...base, state: 'overdue' };
    case 'notNeeded':
      return { ...base, state: 'notNeeded' };
    default:
      return { ...base, state: 'due' };
  }
}

/** The earliest open timer of a case for a checkpoint (a recurring step's next occurrence), if any. */
export function nextTimerOf(record: CaseRecord, checkpointId: string): string | undefined {
  return Object.values(record.timers)
    .filter((t) => t.checkpointId === checkpointId)
    .map((t) => t.dueAt)
    .sort()[0];
}

/** What the steps of a case need of its process's events: their types, and which a closed case takes. */
export interface StepEvent {
  type: string;
  opensCase?: boolean;
  onClosedCase?: boolean;
}

/**
 * The steps as a case's reader is given them: only events of the version the case runs (a step of
 * another version's event left out), never an opening event; on a closed case nothing more is due (a
 * step not done is no longer needed, an overdue one stays overdue: a missed deadline stays visible) and
 * only the events a closed case takes (`onClosedCase`) still apply, their steps as the process says.
 */
export function stepsOfCase(
  found: ExpectedSteps,
  events: readonly StepEvent[],
  status: CaseRecord['status'],
): ExpectedSteps {
  const byType = new Map(events.filter((e) => !e.opensCase).map((e) => [e.type, e]));
  const closed = status !== 'open';
  const takes = (type: string) => !closed || !!byType.get(type)?.onClosedCase;
  return {
    steps: found.steps
      .filter((s) => byType.has(s.event))
      .map((s) =>
        takes(s.event)
          ? s
          : {
              ...s,
              ...(s.state === 'due' || s.state === 'notYet' ? { state: 'notNeeded' as const } : {}),
              recordable: false,
            },
      ),
    otherEvents: [...new Set(found.otherEvents)].filter((e) => byType.has(e) && takes(e)),
  };
}
