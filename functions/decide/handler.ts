/**
 * The Task that applies a process's rules inside its state machine, and writes what they decide. Input:
 * the event's ids (the execution input). It reads, in one consistent BatchGetItem, the case, the request
 * the API staged and the event's own record; applies the rules; and commits everything in one
 * TransactWriteItems with a version check. A commit cancelled by a concurrent change is decided again
 * from a fresh read, with full-jitter exponential backoff, until a time budget well inside the Lambda's
 * timeout runs out (then ConcurrentChanges, which the state machine retries). Output to the state
 * machine: the outcome, the case's wake-up (schedule name, at() expression, ids) and the event's
 * response: ids, codes and wording, never a child's details, so no state's input or output in Step
 * Functions history holds personal data.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { BatchGetItemCommandOutput, DynamoDBClient, KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { CHILD_KEY_PATTERN } from '#core/identity/child-key';
import { effectiveClocks } from '#core/partnership/config';
import { checkPartnershipOf } from '#core/process/catalogue';
import { decide, nextWake } from '#core/process/decide';
import type { CaseRecord, Decision, EventResponse, ProcessEvent } from '#core/process/model';
import { aboutChild } from '#core/schema/about-child';
import * as z from '#core/schema/zod';
import { runnableCatalogue } from '#workflows/runnable';
import { dynamodb } from '../aws-sdk';
import { CORRELATION_ID_PATHS, logger, loggerOptions } from '../observability';
import { lazy, type Runtime, runtimeFromEnvironment } from '../runtime';
import { IDEMPOTENCY_KEY_REUSED, type IdempotencyRecord, INLINE, stagingKey } from '../store/staged';
import { bodyOf, key } from '../store/table';
import { type TransactItem, transactItemsFor } from '../store/transaction';
import { scheduleNameOf, wakeEvent } from './wake';

const { BatchGetItemCommand, DynamoDBClient: Client, TransactWriteItemsCommand } = dynamodb;

const actorSchema = z.object({
  kind: z.enum(['person', 'system']),
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  organisation: z.string(),
  schoolUrn: z.optional(z.string()),
});

const eventSchema = z.object({
  eventId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}$/)),
  type: z.string(),
  process: z.string(),
  caseId: z.string(),
  /** An opening: the child's episode it opens (absent: 1), chosen by the API. */
  episode: z.optional(z.number().check(z.int(), z.gte(2))),
  /** The staged request's attempt id (sort key STAGED#<attempt> under the event). */
  staged: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/))),
  /** When it happened; for a person's event, when it is applied (stamped here, so a resend is the same input). */
  occurredAt: z.optional(z.string()),
  recordedAt: z.optional(z.string()),
  actor: z.optional(actorSchema),
  payload: z.optional(z.unknown()),
  context: z.optional(z.record(z.string(), z.unknown())),
});

/**
 * The execution input names the event; a person's request itself (who, what) is staged in the table
 * (functions/store/staging.ts) and read here, so no personal data is in the execution's input or in
 * any state's data. A timer's event carries nothing personal and comes whole.
 */
const inputSchema = z.object({ event: eventSchema, stateMachineArn: z.optional(z.string()) });

/** What the rules see: the event and the items read for it (BatchGetItem's Responses, or one Item). */
const plannedSchema = z.extend(inputSchema, {
  loaded: z.looseObject({
    Responses: z.optional(z.record(z.string(), z.array(z.record(z.string(), z.unknown())))),
    Item: z.optional(z.record(z.string(), z.unknown())),
  }),
});
const stagedSchema = z.object({
  actor: actorSchema,
  payload: z.unknown(),
  context: z.optional(z.record(z.string(), z.unknown())),
  idempotency: z.optional(z.object({ key: z.string(), fingerprint: z.string() })),
  validatedBy: z.optional(z.object({ version: z.number().check(z.int()) })),
  /** An opening's child key and equality monitoring fields, as the API made and checked them (kept on the case). */
  child: z.optional(
    z.strictObject({
      key: z.optional(z.string().check(z.regex(CHILD_KEY_PATTERN))),
      equality: z.optional(z.omit(aboutChild, { personId: true })),
    }),
  ),
});

/** The case, the staged request, the event's own record and (after a conflict) the Idempotency-Key's record. */
function loadedItems(loaded: z.infer<typeof plannedSchema>['loaded']) {
  const items = Object.values(loaded.Responses ?? {}).flat();
  if (loaded.Item) items.push(loaded.Item);
  const sk = (i: Record<string, unknown>) => (i.SK as { S?: string } | undefined)?.S;
  return {
    caseItem: items.find((i) => sk(i) === 'CASE'),
    stagedItem: items.find((i) => sk(i)?.startsWith('STAGED#')),
    eventItem: items.find((i) => sk(i) === 'EVENT'),
    keyItem: items.find((i) => sk(i) === 'KEY'),
  };
}
export type DecideInput = z.input<typeof inputSchema>;
export type PlanInput = z.input<typeof plannedSchema>;

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

/** One attempt's plan: the transaction to commit, the wake-up to set after it, and the response. */
export interface DecideOutput {
  write: boolean;
  outcome: string;
  transactItems: TransactItem[];
  wake: WakeRequest;
  response: unknown;
  /** The staged request's Idempotency-Key, if any (read again after a conflict: held by another request?). */
  idempotency?: { userId: string; key: string };
}

/** What the rules step hands back to the state machine: no transaction, no case, nothing personal. */
export interface RulesStepOutput {
  outcome: string;
  wake: WakeRequest;
  response: unknown;
}

export { scheduleNameOf, wakeEvent } from './wake';

/** `at(...)` takes whole seconds: round up so a timer never fires before its instant. */
export function atExpression(dueAt: string): string {
  const ms = Math.ceil(new Date(dueAt).getTime() / 1000) * 1000;
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}

/**
 * One attempt, pure apart from the clock: the rules applied to what was read, as the transaction to
 * commit. The rules step (createDecide) reads, calls this and commits; tests call it with what a read
 * would have returned.
 */
export function planDecision(runtime: Runtime) {
  return async (raw: unknown): Promise<DecideOutput> => {
    const input = plannedSchema.parse(raw);
    const processes = runtime.catalogue ?? runnableCatalogue;
    if (!processes.byId(input.event.process)) throw new Error(`Unknown process ${input.event.process}`);
    const now = runtime.clock.now();
    const { caseItem, stagedItem, eventItem, keyItem } = loadedItems(input.loaded);
    const current = bodyOf<CaseRecord>(caseItem);
    // A person's request was staged by the API; a wake-up carries everything itself (INLINE).
    const attempt = input.event.staged !== INLINE ? input.event.staged : undefined;
    const stagedRef = attempt ? { eventId: input.event.eventId, attempt } : undefined;
    const stagedBody = attempt ? bodyOf(stagedItem) : undefined;
    if (attempt && stagedBody === undefined)
      throw new Error(`The staged request of event ${input.event.eventId} is missing; the request can be sent again`);
    const staged = stagedBody === undefined ? undefined : stagedSchema.parse(stagedBody);
    // An event whose own record says it applied is never applied again, however long ago it was.
    const recorded = bodyOf<EventResponse>(eventItem);
    if (recorded && recorded.outcome !== 'rejected') {
      const transactItems = stagedRef
        ? transactItemsFor(
            runtime.tableName,
            { eventId: input.event.eventId } as ProcessEvent,
            { outcome: 'duplicate', response: recorded },
            undefined,
            undefined,
            { staged: stagedRef },
          )
        : [];
      return {
        write: transactItems.length > 0,
        outcome: 'duplicate',
        transactItems,
        wake: { action: 'keep' },
        response: {
          ...recorded,
          outcome: 'duplicate',
          message: 'This event was already applied; nothing more was done.',
        },
      };
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
      ...(staged?.child ? { child: staged.child } : {}),
      occurredAt: input.event.occurredAt ?? now.toISOString(),
      recordedAt: input.event.recordedAt ?? now.toISOString(),
    } as ProcessEvent;
    const idempotency = staged?.idempotency ? { userId: actor.userId, ...staged.idempotency } : undefined;
    const keyRef = idempotency ? { userId: idempotency.userId, key: idempotency.key } : undefined;
    // The Idempotency-Key is held by a different request that applied meanwhile (read after a conflict):
    // refused as the API refuses it, nothing applied; the refusal is recorded, the staged request deleted.
    // Live exactly when the commit's condition would refuse it (expiresAt not before this second).
    const holder = bodyOf<IdempotencyRecord>(keyItem);
    if (
      idempotency &&
      holder &&
      holder.fingerprint !== idempotency.fingerprint &&
      holder.expiresAt >= Math.floor(new Date(event.recordedAt).getTime() / 1000)
    ) {
      const rejection = IDEMPOTENCY_KEY_REUSED;
      const refused: Decision = {
        outcome: 'rejected',
        audit: [],
        response: {
          eventId: event.eventId,
          caseId: event.caseId,
          outcome: 'rejected',
          message: rejection.message,
          rejection,
        },
      };
      const transactItems = transactItemsFor(
        runtime.tableName,
        event,
        refused,
        current,
        undefined,
        stagedRef ? { staged: stagedRef } : {},
      );
      return { write: true, outcome: 'rejected', transactItems, wake: { action: 'keep' }, response: refused.response };
    }
    // A case keeps the rules it opened under. A new case opens under the version the API validated it by
    // (the one in force on the day its opening is about), else the one in force by the same rule here.
    const definition = current
      ? processes.forCase(current)
      : (staged?.validatedBy && processes.byId(input.event.process, staged.validatedBy.version)) ||
        processes.forOpening(input.event.process, event.payload, runtime.partnership, new Date(event.occurredAt));
    if (!definition)
      throw new Error(
        `Case ${input.event.caseId} opened under version ${current?.definitionVersion} of ` +
          `${input.event.process}, which is not in the catalogue`,
      );
    const context = {
      partnership: runtime.partnership,
      clocks: effectiveClocks(definition.id, definition.clocks, runtime.partnership),
      calendars: { workingDays: runtime.workingDays },
      now,
      caseCodeKey: await runtime.caseCodeKey(),
    };
    const decision = decide(definition, context, current, event);
    const transactItems = transactItemsFor(
      runtime.tableName,
      event,
      decision,
      current,
      definition.peopleIndexKey?.bind(definition) as ((r: CaseRecord) => string | undefined) | undefined,
      {
        ...(stagedRef ? { staged: stagedRef } : {}),
        ...(idempotency ? { idempotency } : {}),
      },
      // The commit's instant, taken now, just before it commits: the councils' feed orders by it
      // (functions/store/feed.ts FEED_SETTLE_MS).
      {
        committedAt: runtime.clock.now().toISOString(),
        partnership: runtime.partnership,
        clocks: context.clocks,
        access: definition,
      },
    );
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
          targetInput: JSON.stringify({
            StateMachineArn: input.stateMachineArn ?? '',
            Name: event.eventId,
            Input: executionInput,
          }),
          executionName: event.eventId,
          executionInput,
        };
      } else if (!after && before) wake = { action: 'delete', name: scheduleNameOf(record.caseId) };
    }
    return {
      write: transactItems.length > 0,
      outcome: decision.outcome,
      transactItems,
      wake,
      response: decision.response,
      ...(keyRef ? { idempotency: keyRef } : {}),
    };
  };
}

/** The rules step gave up on a case that kept changing: the state machine retries it (infra/state-machine.ts). */
export class ConcurrentChanges extends Error {
  constructor(eventId: string, attempts: number) {
    super(`Case changed underneath event ${eventId} on each of ${attempts} attempts; the state machine tries again`);
    this.name = CONCURRENT_CHANGES;
  }
}
export const CONCURRENT_CHANGES = 'ConcurrentChanges';

/** How hard the rules step tries before handing a conflict back to the state machine. */
export interface ConflictRetry {
  /** Attempts (read, decide, commit) per invocation. */
  attempts: number;
  /** No new attempt starts after this long (ms): well inside the function's 30 s timeout. */
  budgetMs: number;
  /** Full-jitter exponential backoff: a wait drawn from [0, min(capMs, baseMs × 2^n)). */
  baseMs: number;
  capMs: number;
}
export const CONFLICT_RETRY: ConflictRetry = { attempts: 12, budgetMs: 10_000, baseMs: 20, capMs: 1000 };

export interface DecideDependencies {
  /** One client per module in AWS; locally the platform's, whose commits answer after DynamoDB Local's own. */
  db: DynamoDBClient;
  retry?: Partial<ConflictRetry>;
  /** Counts DynamoDB round trips (the benchmark). */
  onRoundTrip?: (kind: 'read' | 'transactWrite') => void;
  /** Tests: runs after each attempt's read and plan, before its commit (to force a concurrent change). */
  beforeCommit?: (event: { eventId: string; type: string; caseId: string }, attempt: number) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

type Reason = { Code?: string };

/** The rules step: read, decide, commit; a conflict is decided again from a fresh read. */
export function createDecide(runtime: Runtime, dependencies: DecideDependencies) {
  const plan = planDecision(runtime);
  const { db } = dependencies;
  const retry = { ...CONFLICT_RETRY, ...dependencies.retry };
  const sleep = dependencies.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = dependencies.random ?? Math.random;

  /** One consistent read of what the rules need; the Idempotency-Key's record only after a conflict. */
  async function read(event: z.infer<typeof eventSchema>, idempotency: { userId: string; key: string } | undefined) {
    const keys = [key.case(event.caseId), key.event(event.eventId)];
    if (event.staged && event.staged !== INLINE) keys.push(stagingKey.staged(event.eventId, event.staged));
    if (idempotency) keys.push(stagingKey.idempotency(idempotency.userId, idempotency.key));
    let request: KeysAndAttributes | undefined = {
      ConsistentRead: true,
      Keys: keys.map((k) => ({ PK: { S: k.PK }, SK: { S: k.SK } })),
    };
    const items: Record<string, unknown>[] = [];
    for (let round = 0; request?.Keys?.length; round++) {
      if (round > 0) await sleep(random() * Math.min(retry.capMs, retry.baseMs * 2 ** round));
      dependencies.onRoundTrip?.('read');
      const out: BatchGetItemCommandOutput = await db.send(
        new BatchGetItemCommand({ RequestItems: { [runtime.tableName]: request } }),
      );
      items.push(...(out.Responses?.[runtime.tableName] ?? []));
      request = out.UnprocessedKeys?.[runtime.tableName];
    }
    return { Responses: { [runtime.tableName]: items } };
  }

  return async (raw: unknown): Promise<RulesStepOutput> => {
    const input = inputSchema.parse(raw);
    const started = Date.now();
    let idempotency: { userId: string; key: string } | undefined;
    for (let attempt = 0; ; attempt++) {
      const loaded = await read(input.event, idempotency);
      const planned = await plan({ ...input, loaded });
      if (planned.transactItems.length > 0) {
        await dependencies.beforeCommit?.(input.event, attempt);
        try {
          dependencies.onRoundTrip?.('transactWrite');
          await db.send(new TransactWriteItemsCommand({ TransactItems: planned.transactItems }));
        } catch (error) {
          if ((error as Error).name !== 'TransactionCanceledException') throw error;
          // Which condition failed decides how to go on; every case starts again from a fresh read.
          const reasons = ((error as { CancellationReasons?: Reason[] }).CancellationReasons ?? []).map(
            (r) => r?.Code ?? 'None',
          );
          const failed = (sk: string) =>
            planned.transactItems.some(
              (item, i) =>
                reasons[i] === 'ConditionalCheckFailed' &&
                'Put' in item &&
                (item.Put.Item.SK as { S?: string } | undefined)?.S === sk,
            );
          // The key held by another request, or this event applied by another attempt: the next read
          // says which (409 or duplicate), at once. The case changed or another transaction was on it:
          // decided again after a full-jitter wait, within the budget.
          const settled = failed('KEY') || failed('EVENT');
          idempotency = planned.idempotency;
          const wait = settled ? 0 : random() * Math.min(retry.capMs, retry.baseMs * 2 ** attempt);
          if (attempt + 1 >= retry.attempts || Date.now() - started + wait > retry.budgetMs) {
            // DynamoDB cancels a transaction it throttles with ThrottlingError reasons: said as such, so a
            // busy table is not read in the logs as a case that kept changing.
            const throttled = reasons.some((r) => r === 'ThrottlingError' || r === 'ProvisionedThroughputExceeded');
            logger.warn(
              throttled
                ? 'DynamoDB throttled the commit; handing back to the state machine'
                : 'The case kept changing; handing back to the state machine',
              { attempts: attempt + 1, reasons },
            );
            throw new ConcurrentChanges(input.event.eventId, attempt + 1);
          }
          if (wait > 0) await sleep(wait);
          continue;
        }
      }
      if (attempt > 0)
        logger.info('Decided after concurrent changes', { attempts: attempt + 1, outcome: planned.outcome });
      return { outcome: planned.outcome, wake: planned.wake, response: planned.response };
    }
  };
}

const decideFromEnvironment = lazy(() => {
  const runtime = runtimeFromEnvironment();
  // Each process's state machine has a rules step of its own, whose catalogue is that process alone
  // (workflows/runnable.ts): it checks that process's configuration; the API's checks every process's.
  checkPartnershipOf(runnableCatalogue, runtime.partnership);
  return createDecide(runtime, { db: new Client({}) });
});

export const handler = middy()
  .use(injectLambdaContext(logger, loggerOptions(CORRELATION_ID_PATHS.decide)))
  .handler(async (event: unknown) => decideFromEnvironment()(event));
