/**
 * The Task that applies a process's rules inside its state machine. Input: the event and the case as
 * Step Functions loaded it. Output: the transaction to commit, the timers to schedule or cancel, and
 * the response. Pure apart from reading the clock; all writes are done by the state machine.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { effectiveClocks } from '#core/partnership/config';
import { decide, nextWake } from '#core/process/decide';
import type { CaseRecord, EventResponse, ProcessEvent, TimerRef } from '#core/process/model';
import { checkPartnership, runnableCatalogue } from '#workflows/runnable';
import { CORRELATION_ID_PATHS, logger, loggerOptions } from '../observability';
import { lazy, runtimeFromEnvironment, type Runtime } from '../runtime';
import { INLINE } from '../store/staged';
import { scheduleNameOf, wakeEvent } from './wake';
import { bodyOf } from '../store/table';
import { transactItemsFor, type TransactItem } from '../store/transaction';

const actorSchema = z.object({ kind: z.enum(['person', 'system']), userId: z.string(), name: z.string(), role: z.string(), organisation: z.string(), schoolUrn: z.string().optional() });

/**
 * The execution input names the event; a person's request itself (who, what) is staged in the table
 * (functions/store/staging.ts) and arrives here through the load step, so no personal data is in the
 * execution's input or history. A timer's event carries nothing personal and comes whole.
 */
const inputSchema = z.object({
  event: z.object({
    eventId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
    type: z.string(),
    process: z.string(),
    caseId: z.string(),
    /** An opening: the child's episode it opens (absent: 1), chosen by the API. */
    episode: z.number().int().min(2).optional(),
    /** The staged request's attempt id (sort key STAGED#<attempt> under the event). */
    staged: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
    /** When it happened; for a person's event, when it is applied (stamped here, so a resend is the same input). */
    occurredAt: z.string().optional(),
    recordedAt: z.string().optional(),
    actor: actorSchema.optional(),
    payload: z.unknown().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  }),
  /** What the load step read: BatchGetItem's Responses (the case, the staged request, the event's record). */
  loaded: z.object({ Responses: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(), Item: z.record(z.string(), z.unknown()).optional() }).passthrough(),
  stateMachineArn: z.string().optional(),
});
const stagedSchema = z.object({
  actor: actorSchema,
  payload: z.unknown(),
  context: z.record(z.string(), z.unknown()).optional(),
  idempotency: z.object({ key: z.string(), fingerprint: z.string() }).optional(),
  validatedBy: z.object({ version: z.number().int() }).optional(),
});

/** The case, the staged request and the event's own record, from what the load step read. */
function loadedItems(loaded: z.infer<typeof inputSchema>['loaded']) {
  const items = Object.values(loaded.Responses ?? {}).flat();
  if (loaded.Item) items.push(loaded.Item);
  const sk = (i: Record<string, unknown>) => (i.SK as { S?: string } | undefined)?.S;
  return {
    caseItem: items.find((i) => sk(i) === 'CASE'),
    stagedItem: items.find((i) => sk(i)?.startsWith('STAGED#')),
    eventItem: items.find((i) => sk(i) === 'EVENT'),
  };
}
export type DecideInput = z.input<typeof inputSchema>;

/**
 * What to do with the case's one EventBridge schedule after the commit: set it to the case's soonest
 * timer (creating or updating it), start the wake-up at once when that is already due, delete it when
 * the case has no timers left, or leave it as it is.
 */
export type WakeRequest =
  | {
      action: 'set';
      /** The schedule's name: one per case. */
      name: string;
      /** EventBridge Scheduler one-time expression, in UTC. */
      expression: string;
      dueAt: string;
      /** Already due: the state machine starts the wake-up's execution at once instead. */
      dueNow: boolean;
      /** Input of the universal sfn:startExecution target (a JSON string). */
      targetInput: string;
      /** Name and input of the wake-up's execution (named after its event id). */
      executionName: string;
      executionInput: string;
    }
  | { action: 'delete'; name: string }
  | { action: 'keep' };

export interface DecideOutput {
  write: boolean;
  outcome: string;
  transactItems: TransactItem[];
  wake: WakeRequest;
  response: unknown;
}

export { scheduleNameOf, wakeEvent } from './wake';


/** `at(...)` takes whole seconds: round up so a timer never fires before its instant. */
export function atExpression(dueAt: string): string {
  const ms = Math.ceil(new Date(dueAt).getTime() / 1000) * 1000;
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}

export function createDecide(runtime: Runtime) {
  return async (raw: unknown): Promise<DecideOutput> => {
    const input = inputSchema.parse(raw);
    const processes = runtime.catalogue ?? runnableCatalogue;
    if (!processes.byId(input.event.process)) throw new Error(`Unknown process ${input.event.process}`);
    const now = runtime.clock.now();
    const { caseItem, stagedItem, eventItem } = loadedItems(input.loaded);
    const current = bodyOf<CaseRecord>(caseItem);
    // A person's request was staged by the API; a wake-up carries everything itself (INLINE).
    const attempt = input.event.staged !== INLINE ? input.event.staged : undefined;
    const stagedRef = attempt ? { eventId: input.event.eventId, attempt } : undefined;
    const stagedBody = attempt ? bodyOf(stagedItem) : undefined;
    if (attempt && stagedBody === undefined) throw new Error(`The staged request of event ${input.event.eventId} is missing; the request can be sent again`);
    const staged = stagedBody === undefined ? undefined : stagedSchema.parse(stagedBody);
    // An event whose own record says it applied is never applied again, however long ago it was.
    const recorded = bodyOf<EventResponse>(eventItem);
    if (recorded && recorded.outcome !== 'rejected') {
      const transactItems = stagedRef ? transactItemsFor(runtime.tableName, { eventId: input.event.eventId } as ProcessEvent, { outcome: 'duplicate', response: recorded }, undefined, undefined, { staged: stagedRef }) : [];
      return { write: transactItems.length > 0, outcome: 'duplicate', transactItems, wake: { action: 'keep' }, response: { ...recorded, outcome: 'duplicate', message: 'This event was already applied; nothing more was done.' } };
    }
    const { staged: _ref, ...named } = input.event;
    const actor = staged?.actor ?? named.actor;
    if (!actor) throw new Error(`Event ${input.event.eventId} has no actor`);
    const event: ProcessEvent = {
      ...named,
      actor,
      payload: staged ? staged.payload : named.payload,
      ...(staged?.context ? { context: staged.context } : {}),
      ...(staged?.validatedBy ? { validatedBy: staged.validatedBy } : {}),
      occurredAt: input.event.occurredAt ?? now.toISOString(),
      recordedAt: input.event.recordedAt ?? now.toISOString(),
    } as ProcessEvent;
    // A case keeps the rules it opened under. A new case opens under the version the API validated it by
    // (the one in force on the day its opening is about), else the one in force by the same rule here.
    const definition = current
      ? processes.forCase(current)
      : (staged?.validatedBy && processes.byId(input.event.process, staged.validatedBy.version)) || processes.forOpening(input.event.process, event.payload, runtime.partnership, new Date(event.occurredAt));
    if (!definition) throw new Error(`Case ${input.event.caseId} opened under version ${current?.definitionVersion} of ${input.event.process}, which is not in the catalogue`);
    const context = {
      partnership: runtime.partnership,
      clocks: effectiveClocks(definition.id, definition.clocks, runtime.partnership),
      calendars: { workingDays: runtime.workingDays },
      now,
      caseCodeKey: await runtime.caseCodeKey(),
    };
    const decision = decide(definition, context, current, event);
    const idempotency = staged?.idempotency ? { userId: actor.userId, ...staged.idempotency } : undefined;
    const transactItems = transactItemsFor(runtime.tableName, event, decision, current, definition.peopleIndexKey?.bind(definition) as ((r: CaseRecord) => string | undefined) | undefined, {
      ...(stagedRef ? { staged: stagedRef } : {}),
      ...(idempotency ? { idempotency } : {}),
    });
    const record = decision.outcome === 'applied' || decision.outcome === 'noop' ? decision.case : undefined;
    let wake: WakeRequest = { action: 'keep' };
    if (record) {
      const before = nextWake(current);
      const after = nextWake(record);
      if (after && after !== before) {
        const event = wakeEvent(record, after);
        const executionInput = JSON.stringify({ event, attempt: 0 });
        wake = {
          action: 'set',
          name: scheduleNameOf(record.caseId),
          expression: atExpression(after),
          dueAt: after,
          // Only what is already due starts at once; the wake-up fires every timer due by its instant.
          dueNow: new Date(after).getTime() <= now.getTime(),
          targetInput: JSON.stringify({ StateMachineArn: input.stateMachineArn ?? '', Name: event.eventId, Input: executionInput }),
          executionName: event.eventId,
          executionInput,
        };
      } else if (!after && before) wake = { action: 'delete', name: scheduleNameOf(record.caseId) };
    }
    return { write: transactItems.length > 0, outcome: decision.outcome, transactItems, wake, response: decision.response };
  };
}

const decideFromEnvironment = lazy(() => {
  const runtime = runtimeFromEnvironment();
  checkPartnership(runtime.partnership);
  return createDecide(runtime);
});

export const handler = middy()
  .use(injectLambdaContext(logger, loggerOptions(CORRELATION_ID_PATHS.decide)))
  .handler(async (event: unknown) => decideFromEnvironment()(event));
