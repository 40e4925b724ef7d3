/**
 * Starting what was validated and identified: staging each request in the table (the execution's input
 * holds ids only), starting its short execution, and answering with its outcome, or 202 while it runs.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '#core/identity/actor';
import type { ProcessContract } from '#core/process/definition';
import type { EventResponse, Rejection } from '#core/process/model';
import type { ChildOnCase } from '#core/schema/about-child';
import type { StagedEvent } from '../../store/staging';
import type { ApiContext } from '../context';
import { Problem } from '../problem';
import { json, type Result } from '../responses';
import type { StartOutcome } from '../starter';
import { type EventIdentity, notApplied } from './identity';

export interface Prepared {
  eventId: string;
  caseId: string;
  /** The execution's name: the event and this attempt, so a failed attempt never blocks another. */
  executionName: string;
  /** Ids only: the request itself is staged in the table. */
  input: unknown;
  staging: { eventId: string; attempt: string; staged: StagedEvent };
}

/**
 * An event ready to start: its request staged as parsed (validation happens once), with the facts looked
 * up for the rules and its Idempotency-Key; the execution's input holds ids and no timestamps (the rules
 * step reads the staged request and stamps the time).
 */
export function preparedEvent(
  actor: Actor,
  definition: ProcessContract,
  event: {
    type: string;
    payload: unknown;
    key: string | undefined;
    context: Record<string, unknown> | undefined;
    child?: ChildOnCase;
  },
  identity: EventIdentity,
): Prepared {
  const { eventId, caseId, episode, fingerprint } = identity;
  const { type, key, context } = event;
  const attempt = randomUUID().replace(/-/g, '').slice(0, 12);
  const staged: StagedEvent = {
    actor,
    payload: event.payload,
    validatedBy: { version: definition.version ?? 1 },
    ...(context && Object.keys(context).length ? { context } : {}),
    ...(key !== undefined ? { idempotency: { key, fingerprint } } : {}),
    ...(event.child ? { child: event.child } : {}),
  };
  const input = {
    event: { eventId, type, process: definition.id, caseId, ...(episode > 1 ? { episode } : {}), staged: attempt },
    attempt: 0,
  };
  return { eventId, caseId, executionName: `${eventId}-${attempt}`, input, staging: { eventId, attempt, staged } };
}

/** Stage the requests for their executions; a store that is down is a 503 that can be retried. */
export async function stageAll(ctx: ApiContext, prepared: Prepared[]): Promise<void> {
  try {
    await ctx.staging.stage(
      prepared.map((p) => p.staging),
      ctx.runtime.clock.now(),
    );
  } catch {
    throw notApplied();
  }
}

/** Start a prepared event's execution and wait up to `waitMs`; a failure to start is an outcome, not an exception. */
export async function start(
  ctx: ApiContext,
  definition: ProcessContract,
  prepared: Prepared,
  waitMs: number,
): Promise<StartOutcome> {
  try {
    return await ctx.starter.startAndWait(definition.id, prepared.executionName, prepared.input, waitMs);
  } catch (error) {
    return { status: 'failed', error: (error as Error).name };
  }
}

/**
 * The answer to one event: 201 for a case opened, 200 for an event applied (or a duplicate), 202 while it
 * runs, or the refusal the rules gave (with the event's id), or 503 when it could not be applied.
 */
export function answerFor(outcome: StartOutcome, prepared: Prepared, opening: boolean): Result {
  const links = { event: `/events/${prepared.eventId}`, case: `/cases/${prepared.caseId}` };
  switch (outcome.status) {
    case 'running':
      return json(
        202,
        {
          eventId: prepared.eventId,
          caseId: prepared.caseId,
          status: 'processing',
          message: 'Received; it is being applied. Follow the event link for the outcome.',
          links,
        },
        { location: links.event },
      );
    case 'failed':
      throw notApplied({ eventId: prepared.eventId });
    case 'succeeded':
      return answerForOutput(outcome.output, opening, links);
  }
}

function answerForOutput(output: EventResponse, opening: boolean, links: Record<string, string>): Result {
  if (output.outcome === 'rejected' && output.rejection) {
    const r = output.rejection;
    throw new Problem(r.status, r.code, r.message, { issues: r.issues, extra: { eventId: output.eventId } });
  }
  if (output.outcome === 'duplicate')
    return json(200, {
      ...output,
      outcome: 'duplicate',
      message: 'This event was already received; nothing more was done.',
      links,
    });
  return json(opening ? 201 : 200, { ...output, links }, opening ? { location: links.case! } : {});
}

/** One child's outcome in a batch's answer. */
export type BatchResult =
  | {
      eventId: string;
      caseId: string;
      caseCode?: string;
      outcome: string;
      message: string;
      rejection?: Rejection;
    }
  | { eventId: string; caseId: string; outcome: string; links: { event: string } };

/** One child of a batch as its outcome stands: known, or 'processing' with the event link to follow. */
export function batchResultOf(outcome: StartOutcome, prepared: Prepared): BatchResult {
  const { eventId, caseId } = prepared;
  return outcome.status === 'succeeded'
    ? {
        eventId,
        caseId,
        caseCode: outcome.output.caseCode,
        outcome: outcome.output.outcome,
        message: outcome.output.message,
        ...(outcome.output.rejection ? { rejection: outcome.output.rejection } : {}),
      }
    : {
        eventId,
        caseId,
        outcome: outcome.status === 'running' ? 'processing' : outcome.status,
        links: { event: `/events/${eventId}` },
      };
}

/**
 * A batch's answer: 200 with each child's outcome; or, when the rules refused every child (none recorded),
 * 422 with each child's reason. Partly refused stays 200; a child still being applied is not a refusal.
 */
export function batchAnswer(title: string, results: BatchResult[]): Result {
  const rejected = results.map((r) => ('rejection' in r ? r : undefined));
  if (results.length && results.every((r) => r.outcome === 'rejected')) {
    const reasons = rejected.flatMap((r, i) => {
      const rejection = r?.rejection ?? { message: 'refused', issues: [] };
      return rejection.issues.length
        ? rejection.issues.map((issue) => ({
            path: `item ${i}: ${issue.path}`,
            message: `${issue.message} (${rejection.message})`,
          }))
        : [{ path: `item ${i}`, message: rejection.message }];
    });
    throw new Problem(
      422,
      'nothingRecorded',
      `No child of this '${title}' was recorded: each was refused, for the reasons given`,
      { issues: reasons, extra: { received: results.length, results } },
    );
  }
  return json(200, { received: results.length, results });
}
