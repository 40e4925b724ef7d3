/** A recurring checkpoint that follows pauses: paused time moves its rhythm on, in the clock's own units. */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import {
  type ClockCalendars,
  ClockRuleError,
  pauseClock,
  plannedCheckpoints,
  recurringInstant,
  resumeClock,
  startClock,
} from './engine';
import type { ClockDefinition, RecurringTiming } from './model';

const calendars: ClockCalendars = { workingDays: createWorkingDayCalendar() };
const review = (followsPauses: boolean): RecurringTiming => ({
  every: 6,
  unit: 'weeks',
  whileCase: 'open',
  ...(followsPauses ? { followsPauses } : {}),
});
const episode = (followsPauses: boolean): ClockDefinition => ({
  id: 'episode',
  title: 'Episode',
  kind: 'calendarDays',
  length: 112,
  source: { kind: 'localTarget', citation: 'test' },
  owner: 'council',
  pausable: true,
  pauseReasons: { familyAway: 'The family is away' },
  checkpoints: [
    { id: 'review', kind: 'warning', at: review(followsPauses), recipients: [], message: { subject: 's', body: 'b' } },
  ],
});

describe('recurring checkpoints and pauses', () => {
  // Started Mon 5 Jan 2026; paused Mon 2 Feb, resumed Mon 9 Feb: 7 days not counted.
  const run = (followsPauses: boolean) => {
    const def = episode(followsPauses);
    const started = startClock(def, { startedAt: new Date('2026-01-05T10:00:00Z') }, calendars);
    const paused = pauseClock(def, started, new Date('2026-02-02T10:00:00Z'), 'familyAway');
    return { def, resumed: resumeClock(def, paused, new Date('2026-02-09T10:00:00Z'), 'back', calendars) };
  };

  it.each([
    ['follows pauses: week 6 moves a week on, to the end of Mon 23 Feb 2026', true, 1, '2026-02-23T23:59:59.999Z'],
    ['follows pauses: week 12 to the end of Mon 6 Apr 2026 (BST: 22:59:59.999Z)', true, 2, '2026-04-06T22:59:59.999Z'],
    ['keeps the start rhythm: week 6 at the end of Mon 16 Feb 2026', false, 1, '2026-02-16T23:59:59.999Z'],
  ] as const)('%s', (_case, follows, occurrence, at) => {
    // Prepare
    const { resumed } = run(follows);
    // Act / Assess
    expect(recurringInstant(resumed, review(follows), occurrence, calendars).toISOString()).toBe(at);
  });

  it('plans the moved occurrence after the resume', () => {
    const { def, resumed } = run(true);
    expect(
      plannedCheckpoints(def, resumed, calendars, new Date('2026-02-09T10:00:00Z')).map((p) => [
        p.occurrence,
        p.at.toISOString(),
      ]),
    ).toEqual([[1, '2026-02-23T23:59:59.999Z']]);
  });

  it('refuses to follow pauses in units the clock does not count (working days on a calendar-day clock)', () => {
    const { resumed } = run(true);
    expect(() =>
      recurringInstant(
        resumed,
        { every: 5, unit: 'workingDays', whileCase: 'open', followsPauses: true },
        1,
        calendars,
      ),
    ).toThrow(ClockRuleError);
  });
});
