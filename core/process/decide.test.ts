import { describe, expect, it, vi } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { type EngineTestDetails, engineTestProcess } from '#test/support/engine-process';
import { people, testPartnership } from '#test/support/process-harness';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import { createWorkingDayCalendar } from '../calendar';
import { SYSTEM_TIMER } from '../identity/actor';
import { effectiveClocks } from '../partnership/config';
import { caseIdFor, decide } from './decide';
import type { Decision } from './model';

const iha = definitionOf(ihaParts);

const context = {
  partnership: testPartnership,
  clocks: effectiveClocks(iha.id, iha.clocks, testPartnership),
  calendars: { workingDays: createWorkingDayCalendar({ closureDays: testPartnership.closureDays }) },
  now: new Date('2026-12-14T10:00:00Z'),
  caseCodeKey: 'test-key',
};
const event = (caseId: string) => ({
  eventId: 'evt-1',
  type: 'childEnteredCare',
  process: iha.id,
  caseId,
  occurredAt: '2026-12-14T10:00:00Z',
  recordedAt: '2026-12-14T10:00:00Z',
  actor: people.frontDoor,
  payload: exampleEntryIntoCare(),
});

describe('decide: opening a case', () => {
  it('opens the case under the id derived from the record (council and case reference)', () => {
    const { caseId } = caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare(), 'riverside-council'), context);
    const decision = decide(iha, context, undefined, event(caseId));
    expect(decision.outcome).toBe('applied');
    expect(decision.response.caseId).toBe(caseId);
  });

  it('refuses an opening event whose case id does not belong to its record, writing no case', () => {
    const decision = decide(iha, context, undefined, event('iha-aaaa-bbbb'));
    expect(decision.outcome).toBe('rejected');
    expect(decision.response.rejection).toMatchObject({
      status: 400,
      code: 'caseIdMismatch',
      issues: [{ path: 'caseId' }],
    });
  });

  it('the same record under another organisation is another case: codes are keyed by who opened it', () => {
    const a = caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare(), 'riverside-council'), context).caseId;
    const b = caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare(), 'northvale-council'), context).caseId;
    const c = caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare(), 'riverside-council'), {
      caseCodeKey: 'another-key',
    }).caseId;
    expect(new Set([a, b, c]).size).toBe(3);
  });
});

describe('decide: a date beyond what a calendar knows is refused, never an exception', () => {
  it('a working-day calendar that ends before the clock does: 400 dateOutsideCalendar naming the field and the range known', () => {
    // Prepare: a calendar covering 2020-2026 only, and a child entering care on 14 December 2026
    // (the 20 working days run into 2027)
    const short = {
      ...context,
      calendars: {
        workingDays: createWorkingDayCalendar({ closureDays: testPartnership.closureDays, lastYear: 2026 }),
      },
    };
    const { caseId } = caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare(), 'riverside-council'), context);
    // Act
    const decision = decide(iha, short, undefined, event(caseId));
    // Assess
    expect(decision.outcome).toBe('rejected');
    expect(decision.response.rejection).toMatchObject({
      status: 400,
      code: 'dateOutsideCalendar',
      issues: [{ path: 'enteredCareAt' }],
    });
    expect(decision.response.rejection!.message).toBe(
      "'Child entered care' cannot be recorded: the date is outside what the calendar knows (working days from 1 January 2020 to 31 December 2026)",
    );
    expect(decision.response.rejection!.issues[0]!.message).toContain(
      'it knows working days from 1 January 2020 to 31 December 2026',
    );
    expect(decision.outcome === 'rejected' && decision.audit.map((a) => a.action)).toEqual(['refused']);
  });

  it('any other error in a rule is still an exception (a fault to retry, not a refusal)', () => {
    // Prepare
    const broken = {
      ...iha,
      handlers: {
        ...iha.handlers,
        childEnteredCare: () => {
          throw new Error('a fault');
        },
      },
    };
    const { caseId } = caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare(), 'riverside-council'), context);
    // Act / Assess
    expect(() => decide(broken, context, undefined, event(caseId))).toThrow('a fault');
  });
});

describe('decide: validation happens once', () => {
  const opening = iha.events.find((e) => e.type === 'childEnteredCare')!;

  it.each([
    ['parsed by the API with these rules (version 1): not parsed again', { version: 1 }, 0],
    ['parsed with another version of the rules: parsed again', { version: 2 }, 1],
    ['not parsed before (e.g. sent to the state machine directly): parsed', undefined, 1],
  ] as const)('%s', (_name, validatedBy, parses) => {
    // Prepare
    const spy = vi.spyOn(opening.schema, 'safeParse');
    const { caseId } = caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare(), 'riverside-council'), context);
    // Act
    const decision = decide(iha, context, undefined, { ...event(caseId), ...(validatedBy ? { validatedBy } : {}) });
    // Assess
    expect(decision.outcome).toBe('applied');
    expect(spy).toHaveBeenCalledTimes(parses);
    spy.mockRestore();
  });
});

describe('decide: a recurring checkpoint falls due', () => {
  // The test process's daily check-in recurs while support is intensive and the young person is not in
  // hospital; the hospital stay's rule does not re-plan, so the planned check-in finds out when it falls due.
  const ctx = { ...context, clocks: engineTestProcess.clocks };
  const opening = { reference: 'R-1', startedAt: '2026-12-07T10:00:00Z', clocks: ['support'], level: 'intensive' };
  const { caseId } = caseIdFor(engineTestProcess, engineTestProcess.caseKeyOf(opening, 'riverside-council'), ctx);
  const base = {
    process: engineTestProcess.id,
    caseId,
    occurredAt: '2026-12-07T10:00:00Z',
    recordedAt: '2026-12-07T10:00:00Z',
    actor: people.socialWorker,
  };
  const applied = (decision: Decision<EngineTestDetails>) => {
    if (decision.outcome !== 'applied' && decision.outcome !== 'noop')
      throw new Error(`expected a change, got ${decision.response.message}`);
    return decision;
  };

  it.each([
    [
      'while its condition holds: reached, the alert sent, the next planned',
      false,
      'applied',
      'Episode of support: warning reached',
      1,
      ['2026-12-09T09:00:00.000Z'],
    ],
    [
      'after its condition lapsed: not needed (never reported as reached), nothing sent, nothing more planned',
      true,
      'noop',
      'Episode of support: daily-check-in not needed',
      0,
      [],
    ],
  ] as const)('%s', (_name, inHospital, outcome, message, sent, next) => {
    // Prepare: opened Mon 7 Dec 2026; check-in 1 is Tue 8 Dec 09:00 London
    const onCheckpoint = vi.fn();
    const definition = { ...engineTestProcess, onCheckpoint };
    const opened = applied(
      decide(definition, ctx, undefined, { ...base, eventId: 'e-open', type: 'supportOpened', payload: opening }),
    );
    const stay = applied(
      decide(definition, ctx, opened.case, {
        ...base,
        eventId: 'e-stay',
        type: 'hospitalStay',
        payload: { inHospital },
      }),
    );
    const timer = Object.values(stay.case.timers)[0]!;
    expect(timer.dueAt).toBe('2026-12-08T09:00:00.000Z');
    // Act
    const fired = applied(
      decide(definition, ctx, stay.case, {
        ...base,
        eventId: 'e-fire',
        type: 'timerFired',
        occurredAt: timer.dueAt,
        recordedAt: timer.dueAt,
        actor: SYSTEM_TIMER,
        payload: { timerId: timer.timerId },
      }),
    );
    // Assess
    expect([fired.outcome, fired.response.message]).toEqual([outcome, message]);
    expect(fired.notifications).toHaveLength(sent);
    expect(onCheckpoint).toHaveBeenCalledTimes(sent);
    expect(Object.values(fired.case.timers).map((t) => t.dueAt)).toEqual(next);
    expect(fired.case.clocks.support!.occurrences).toEqual({ 'daily-check-in': 1 });
  });
});
