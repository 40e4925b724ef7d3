/**
 * The Task that applies a process's rules inside its state machine. Input: the event and the case as
 * Step Functions loaded it. Output: the transaction to commit, the timers to schedule or cancel, and
 * the response. Pure apart from reading the clock; all writes are done by the state machine.
 */
import middy from '@middy/core';
import { z } from 'zod';
import { effectiveClocks } from '#core/partnership/config';
import { decide } from '#core/process/decide';
import type { CaseRecord, ProcessEvent, TimerRef } from '#core/process/model';
import { checkPartnership, processById } from '#workflows/catalogue';
import { lazy, runtimeFromEnvironment, type Runtime } from '../runtime';
import { bodyOf } from '../store/table';
import { transactItemsFor, type TransactItem } from '../store/transaction';

const inputSchema = z.object({
  event: z.object({
    eventId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
    type: z.string(),
    process: z.string(),
    caseId: z.string(),
    /** When it happened; for a person's event, when it is applied (stamped here, so a resend is the same input). */
    occurredAt: z.string().optional(),
    recordedAt: z.string().optional(),
    actor: z.object({ kind: z.enum(['person', 'system']), userId: z.string(), name: z.string(), role: z.string(), organisation: z.string(), schoolUrn: z.string().optional() }),
    payload: z.unknown(),
    context: z.record(z.string(), z.unknown()).optional(),
  }),
  loaded: z.object({ Item: z.record(z.string(), z.unknown()).optional() }).passthrough(),
  stateMachineArn: z.string().optional(),
});
export type DecideInput = z.input<typeof inputSchema>;

export interface ScheduleRequest {
  name: string;
  /** EventBridge Scheduler one-time expression, in UTC. */
  expression: string;
  dueAt: string;
  /** True when the timer is already due: the state machine starts its execution at once. */
  dueNow: boolean;
  /** Input of the universal sfn:startExecution target (a JSON string). */
  targetInput: string;
  /** Name and input of the execution the timer starts (named after its event id). */
  executionName: string;
  executionInput: string;
}

export interface DecideOutput {
  write: boolean;
  outcome: string;
  transactItems: TransactItem[];
  schedule: ScheduleRequest[];
  cancel: { name: string }[];
  response: unknown;
}

export function timerEvent(record: { process: string; caseId: string }, timer: TimerRef) {
  return {
    eventId: `fire-${timer.timerId}`,
    type: 'timerFired',
    process: record.process,
    caseId: record.caseId,
    occurredAt: timer.dueAt,
    actor: { kind: 'system', userId: 'righttime-scheduler', name: 'RightTime scheduler', role: 'system', organisation: 'righttime' },
    payload: { timerId: timer.timerId },
  };
}

/** `at(...)` takes whole seconds: round up so a timer never fires before its instant. */
export function atExpression(dueAt: string): string {
  const ms = Math.ceil(new Date(dueAt).getTime() / 1000) * 1000;
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}

export function createDecide(runtime: Runtime) {
  return async (raw: unknown): Promise<DecideOutput> => {
    const input = inputSchema.parse(raw);
    const definition = processById(input.event.process);
    if (!definition) throw new Error(`Unknown process ${input.event.process}`);
    const now = runtime.clock.now();
    const event: ProcessEvent = {
      ...input.event,
      occurredAt: input.event.occurredAt ?? now.toISOString(),
      recordedAt: input.event.recordedAt ?? now.toISOString(),
    } as ProcessEvent;
    const current = bodyOf<CaseRecord>(input.loaded.Item);
    const context = {
      partnership: runtime.partnership,
      clocks: effectiveClocks(definition.id, definition.clocks, runtime.partnership),
      calendars: { workingDays: runtime.workingDays },
      now,
      caseCodeKey: await runtime.caseCodeKey(),
    };
    const decision = decide(definition, context, current, event);
    const transactItems = transactItemsFor(runtime.tableName, event, decision, current, definition.peopleIndexKey?.bind(definition) as ((r: CaseRecord) => string | undefined) | undefined);
    const record = decision.outcome === 'applied' || decision.outcome === 'noop' ? decision.case : undefined;
    const schedule = record && decision.outcome !== 'rejected' && 'schedule' in decision
      ? decision.schedule.map((timer) => {
          const executionInput = JSON.stringify({ event: timerEvent(record, timer), attempt: 0 });
          const name = `fire-${timer.timerId}`;
          return {
            name: timer.timerId,
            expression: atExpression(timer.dueAt),
            dueAt: timer.dueAt,
            dueNow: new Date(timer.dueAt).getTime() <= now.getTime() + 60_000,
            targetInput: JSON.stringify({ StateMachineArn: input.stateMachineArn ?? '', Name: name, Input: executionInput }),
            executionName: name,
            executionInput,
          };
        })
      : [];
    const cancel = 'cancel' in decision ? decision.cancel.map((t) => ({ name: t.timerId })) : [];
    return { write: transactItems.length > 0, outcome: decision.outcome, transactItems, schedule, cancel, response: decision.response };
  };
}

const decideFromEnvironment = lazy(() => {
  const runtime = runtimeFromEnvironment();
  checkPartnership(runtime.partnership);
  return createDecide(runtime);
});

export const handler = middy().handler(async (event: unknown) => decideFromEnvironment()(event));
