/**
 * The process harness: drives a process's pure rules in memory (apply events, fire timers as the state
 * machine would), with the partnership and the people rule tests share. The initial health assessment's
 * own harness is in test/support/initial-health-assessment.ts, Supporting Families' in
 * test/support/supporting-families.ts.
 */
import { createWorkingDayCalendar } from '#core/calendar/index';
import type { Actor } from '#core/identity/actor';
import { effectiveClocks, type PartnershipConfig } from '#core/partnership/config';
import { caseIdFor, decide } from '#core/process/decide';
import type { ProcessDefinition } from '#core/process/definition';
import type { CaseRecord, Decision, OutboxMessage, ProcessEvent, TimerRef } from '#core/process/model';
import { partnership as configured } from '#functions/runtime';

/** The partnership used by rule tests: the configured directory, with closure days stated here. */
export const testPartnership: PartnershipConfig = {
  ...configured,
  closureDays: [
    { organisation: 'riverside-council', date: '2026-12-29', reason: 'Council closure day' },
    { organisation: 'riverside-council', date: '2026-12-30', reason: 'Council closure day' },
    { organisation: 'riverside-council', date: '2026-12-31', reason: 'Council closure day' },
  ],
};

export const people = {
  frontDoor: {
    kind: 'person',
    userId: 'u-fd',
    name: 'Alex Morgan',
    role: 'front-door',
    organisation: 'riverside-council',
  },
  socialWorker: {
    kind: 'person',
    userId: 'u-sw',
    name: 'Sam Okafor',
    role: 'lead-practitioner',
    organisation: 'riverside-council',
  },
  health: { kind: 'person', userId: 'u-h', name: 'Priya Shah', role: 'health', organisation: 'riverside-health' },
  school: {
    kind: 'person',
    userId: 'u-s',
    name: 'Kim Walsh',
    role: 'school-key-adult',
    organisation: 'riverside-primary',
  },
  otherCouncil: {
    kind: 'person',
    userId: 'u-oc',
    name: 'Lee Hart',
    role: 'lead-practitioner',
    organisation: 'northvale-council',
  },
} satisfies Record<string, Actor>;

/** Drives a process's pure rules in memory: apply events and fire timers as the state machine would. */
export class ProcessHarness<D> {
  record: CaseRecord<D> | undefined;
  outbox: OutboxMessage[] = [];
  decisions: Decision<D>[] = [];
  private n = 0;
  constructor(
    readonly definition: ProcessDefinition<D>,
    readonly partnership: PartnershipConfig = testPartnership,
  ) {}

  private context(now: Date) {
    return {
      partnership: this.partnership,
      clocks: effectiveClocks(this.definition.id, this.definition.clocks, this.partnership),
      calendars: { workingDays: createWorkingDayCalendar({ closureDays: this.partnership.closureDays }) },
      now,
      caseCodeKey: 'test-key',
    };
  }

  caseIdFor(payload: unknown, organisation = 'riverside-council') {
    return caseIdFor(this.definition, this.definition.caseKeyOf(payload, organisation), { caseCodeKey: 'test-key' })
      .caseId;
  }

  apply(
    type: string,
    payload: unknown,
    actor: Actor,
    at: string,
    eventId = `evt-${++this.n}`,
    context?: Record<string, unknown>,
  ): Decision<D> {
    const caseId = this.record?.caseId ?? this.caseIdFor(payload, actor.organisation);
    const event: ProcessEvent = {
      eventId,
      type,
      process: this.definition.id,
      caseId,
      occurredAt: at,
      recordedAt: at,
      actor,
      payload,
      ...(context ? { context } : {}),
    };
    return this.commit(decide(this.definition, this.context(new Date(at)), this.record, event));
  }

  private commit(decision: Decision<D>) {
    this.decisions.push(decision);
    if (decision.outcome === 'applied' || decision.outcome === 'noop') {
      this.record = decision.case;
      this.outbox.push(...decision.notifications);
    }
    return decision;
  }

  /** Pending timers, soonest first. */
  get timers(): TimerRef[] {
    return Object.values(this.record?.timers ?? {}).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  fire(timer: TimerRef, at = timer.dueAt): Decision<D> {
    const event: ProcessEvent = {
      eventId: `fire-${timer.timerId}`,
      type: 'timerFired',
      process: this.definition.id,
      caseId: this.record!.caseId,
      occurredAt: timer.dueAt,
      recordedAt: at,
      actor: {
        kind: 'system',
        userId: 'righttime-scheduler',
        name: 'RightTime scheduler',
        role: 'system',
        organisation: 'righttime',
      },
      payload: { timerId: timer.timerId },
    };
    return this.commit(decide(this.definition, this.context(new Date(at)), this.record, event));
  }

  /** Fire every timer due up to `until`, in order, as the scheduler would. */
  runUntil(until: string) {
    for (;;) {
      const next = this.timers[0];
      if (!next || next.dueAt > until) return;
      this.fire(next);
    }
  }
}
