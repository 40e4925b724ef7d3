import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import {
  type ClockCalendars,
  markNotApplicable,
  pauseClock,
  reachCheckpoint,
  resumeClock,
  startClock,
  stopClock,
} from './engine';
import type { CheckpointDefinition, ClockDefinition, ClockState } from './model';
import { clockTransitions } from './transitions';

const calendars: ClockCalendars = { workingDays: createWorkingDayCalendar() };
const message = { subject: 's', body: 'b' };
const checkpoint = (
  id: string,
  kind: CheckpointDefinition['kind'],
  at: CheckpointDefinition['at'],
): CheckpointDefinition => ({ id, kind, at, recipients: ['socialWorker'], message });

/** A pausable 10-working-day local target with a reminder, its due checkpoint, an escalation and a rhythm. */
const definition: ClockDefinition = {
  id: 'ten-days',
  title: 'Ten working days',
  kind: 'workingDays',
  length: 10,
  source: { kind: 'localTarget', citation: 'test' },
  owner: 'council',
  pausable: true,
  checkpoints: [
    checkpoint('reminder', 'warning', { after: 7 }),
    checkpoint('due', 'due', { due: true }),
    checkpoint('escalate', 'escalation', { afterDueHours: 24 }),
    checkpoint('weekly', 'warning', { every: 1, unit: 'weeks', whileCase: 'open' }),
  ],
};

// Monday 2 November 2026 (GMT): day 10 is Monday 16 November.
const START = new Date('2026-11-02T10:00:00.000Z');
const started = () => startClock(definition, { startedAt: START }, calendars);
const options = (at = '2026-11-20T12:00:00.000Z', checkpointAt?: Record<string, string>) => ({
  checkpoints: definition.checkpoints,
  at,
  ...(checkpointAt ? { checkpointAt: (_clock: string, id: string) => checkpointAt[id] } : {}),
});
const kinds = (before: ClockState | undefined, after: ClockState, at?: string) =>
  clockTransitions(before, after, options(at)).map((t) => t.kind);

describe('clockTransitions: what happened to a clock in one change', () => {
  it('a new clock has started, at its start, with its due instant', () => {
    const clock = started();
    expect(clockTransitions(undefined, clock, options())).toEqual([
      { kind: 'started', clockId: 'ten-days', at: START.toISOString(), dueAt: clock.dueAt },
    ]);
  });

  it('an unchanged clock has no transition', () => {
    const clock = started();
    expect(clockTransitions(clock, structuredClone(clock), options())).toEqual([]);
  });

  it('the reminder reached is due soon, at the reminder timer’s own instant', () => {
    const before = started();
    const after = reachCheckpoint(definition, before, 'reminder', new Date('2026-11-11T23:59:59.999Z')).clock;
    expect(
      clockTransitions(before, after, options('2026-11-12T08:00:00.000Z', { reminder: '2026-11-11T23:59:59.999Z' })),
    ).toEqual([
      {
        kind: 'dueSoon',
        clockId: 'ten-days',
        at: '2026-11-11T23:59:59.999Z',
        dueAt: before.dueAt,
        checkpointId: 'reminder',
      },
    ]);
  });

  it('a reminder with no timer instant known is dated by the change', () => {
    const before = started();
    const after = reachCheckpoint(definition, before, 'reminder', new Date('2026-11-11T23:59:59.999Z')).clock;
    expect(clockTransitions(before, after, options('2026-11-12T08:00:00.000Z'))[0]?.at).toBe(
      '2026-11-12T08:00:00.000Z',
    );
  });

  it('the due checkpoint reached is the breach (once, from the history), and the escalation is escalated', () => {
    const before = started();
    const breached = reachCheckpoint(definition, before, 'due', new Date(before.dueAt)).clock;
    expect(kinds(before, breached)).toEqual(['breached']);
    const escalated = reachCheckpoint(definition, breached, 'escalate', new Date('2026-11-17T23:59:59.999Z')).clock;
    expect(kinds(breached, escalated)).toEqual(['escalated']);
  });

  it('a recurring checkpoint firing is no transition of the clock', () => {
    const before = started();
    const after = reachCheckpoint(definition, before, 'weekly', new Date('2026-11-09T23:59:59.999Z')).clock;
    expect(after).not.toEqual(before);
    expect(kinds(before, after)).toEqual([]);
  });

  it('a reminder and the breach fired by one wake-up come in the order they fell due', () => {
    const before = started();
    const reminded = reachCheckpoint(definition, before, 'reminder', new Date('2026-11-11T23:59:59.999Z')).clock;
    const after = reachCheckpoint(definition, reminded, 'due', new Date(before.dueAt)).clock;
    const found = clockTransitions(
      before,
      after,
      options('2026-11-18T09:00:00.000Z', { reminder: '2026-11-11T23:59:59.999Z' }),
    );
    expect(found.map((t) => [t.kind, t.at])).toEqual([
      ['dueSoon', '2026-11-11T23:59:59.999Z'],
      ['breached', before.dueAt],
    ]);
  });

  it('met in time, and met late', () => {
    const before = started();
    expect(kinds(before, stopClock(before, new Date('2026-11-10T12:00:00.000Z')))).toEqual(['met']);
    const breached = reachCheckpoint(definition, before, 'due', new Date(before.dueAt)).clock;
    const late = stopClock(breached, new Date('2026-11-18T12:00:00.000Z'));
    expect(clockTransitions(breached, late, options())).toEqual([
      { kind: 'metLate', clockId: 'ten-days', at: '2026-11-18T12:00:00.000Z', dueAt: before.dueAt },
    ]);
  });

  it('withdrawn when no longer needed, running or already breached', () => {
    const before = started();
    expect(kinds(before, markNotApplicable(before, new Date('2026-11-05T12:00:00.000Z'), 'leftCare'))).toEqual([
      'withdrawn',
    ]);
    const breached = reachCheckpoint(definition, before, 'due', new Date(before.dueAt)).clock;
    expect(kinds(breached, markNotApplicable(breached, new Date('2026-11-20T12:00:00.000Z'), 'leftCare'))).toEqual([
      'withdrawn',
    ]);
  });

  it('paused, then resumed with the due instant moved on (the resumed entry carries the new due instant)', () => {
    const before = started();
    const paused = pauseClock(definition, before, new Date('2026-11-04T12:00:00.000Z'), 'familyUnavailable');
    expect(kinds(before, paused)).toEqual(['paused']);
    const resumed = resumeClock(definition, paused, new Date('2026-11-09T12:00:00.000Z'), 'familyAvailable', calendars);
    const found = clockTransitions(paused, resumed, options());
    expect(found).toEqual([
      { kind: 'resumed', clockId: 'ten-days', at: '2026-11-09T12:00:00.000Z', dueAt: resumed.dueAt },
    ]);
    expect(resumed.dueAt > before.dueAt).toBe(true);
  });

  it('a pause and a resume in one change are both there, in order', () => {
    const before = started();
    const paused = pauseClock(definition, before, new Date('2026-11-04T12:00:00.000Z'), 'familyUnavailable');
    const resumed = resumeClock(definition, paused, new Date('2026-11-05T12:00:00.000Z'), 'back', calendars);
    expect(kinds(before, resumed)).toEqual(['paused', 'resumed']);
  });

  it('breached, paused and resumed: resumed only, still breached (no second breach, no restart)', () => {
    const before = started();
    const breached = reachCheckpoint(definition, before, 'due', new Date(before.dueAt)).clock;
    const paused = pauseClock(definition, breached, new Date('2026-11-17T09:00:00.000Z'), 'familyUnavailable');
    const resumed = resumeClock(definition, paused, new Date('2026-11-20T10:00:00.000Z'), 'back', calendars);
    expect(resumed.status).toBe('breached');
    expect(kinds(paused, resumed)).toEqual(['resumed']);
  });

  it('started afresh (a later strategy discussion) is restarted, with the new due instant', () => {
    const before = reachCheckpoint(definition, started(), 'reminder', new Date('2026-11-11T23:59:59.999Z')).clock;
    const again = startClock(definition, { startedAt: new Date('2026-11-12T10:00:00.000Z') }, calendars);
    expect(clockTransitions(before, again, options())).toEqual([
      { kind: 'restarted', clockId: 'ten-days', at: '2026-11-12T10:00:00.000Z', dueAt: again.dueAt },
    ]);
  });

  it('started afresh at the very same instant is still a restart (what it had reached is forgotten)', () => {
    const before = reachCheckpoint(definition, started(), 'reminder', new Date('2026-11-11T23:59:59.999Z')).clock;
    expect(kinds(before, started())).toEqual(['restarted']);
  });

  it('a due instant moved with nothing in the history is dueChanged, at the change', () => {
    const before = started();
    const moved = { ...before, dueAt: '2026-11-20T23:59:59.999Z' };
    expect(clockTransitions(before, moved, options('2026-11-06T09:00:00.000Z'))).toEqual([
      { kind: 'dueChanged', clockId: 'ten-days', at: '2026-11-06T09:00:00.000Z', dueAt: moved.dueAt },
    ]);
  });

  it('a clock started and stopped in one change has both', () => {
    const clock = stopClock(started(), new Date('2026-11-02T11:00:00.000Z'));
    expect(kinds(undefined, clock)).toEqual(['started', 'met']);
  });

  it('without the definition, checkpoints say nothing but the history still does', () => {
    const before = started();
    const after = reachCheckpoint(definition, before, 'due', new Date(before.dueAt)).clock;
    expect(clockTransitions(before, after, { at: '2026-11-17T00:00:00.000Z' }).map((t) => t.kind)).toEqual([
      'breached',
    ]);
  });
});
