/**
 * Handing events to a process's state machine: validate (./submission/validating.ts), give the event its
 * identity (./submission/identity.ts: its case, episode, id and Idempotency-Key), look up the facts its
 * rules need, then stage it and start its short execution (./submission/starting.ts) and answer with its
 * outcome, or 202 while it runs. A refusal at any step is thrown as a Problem and answered by the API's
 * error middleware.
 */
import type { Actor } from '#core/identity/actor';
import { childKeyOf } from '#core/identity/child-key';
import type { ProcessContract } from '#core/process/definition';
import type { AboutChild, ChildOnCase } from '#core/schema/about-child';
import { mapLimit } from '../concurrency';
import type { ApiContext } from './context';
import type { ApiEvent } from './http';
import { invalid, Problem } from './problem';
import type { Result } from './responses';
import { identify } from './submission/identity';
import {
  answerFor,
  batchAnswer,
  batchResultOf,
  type Prepared,
  preparedEvent,
  stageAll,
  start,
} from './submission/starting';
import { validateAboutChild, validateBatch, validateEvent } from './submission/validating';

export { eventIdFor, fingerprintOf, notApplied } from './submission/identity';
export type { Prepared } from './submission/starting';

/**
 * How many of a batch's children are prepared (each opening reads its child's cases) and started at once:
 * enough to answer a batch of 1,000 within API Gateway's 30 s, few enough not to crowd the table.
 */
const BATCH_CONCURRENCY = 16;

export function createSubmitter(ctx: ApiContext) {
  /**
   * What a case keeps of an opening's "about the child": the child key made of the council's person id
   * (the person id itself goes no further than this function) and the equality monitoring fields.
   */
  async function childOnCase(actor: Actor, about: AboutChild | undefined): Promise<ChildOnCase | undefined> {
    if (!about) return undefined;
    const { personId, ...equality } = about;
    let key: string | undefined;
    if (personId !== undefined) {
      const secret = ctx.runtime.childKeySecret;
      if (!secret) throw new Error('No child key secret is configured (CHILD_KEY_SECRET_ARN)');
      key = childKeyOf(await secret(), actor.organisation, personId);
    }
    return { ...(key ? { key } : {}), ...(Object.keys(equality).length ? { equality } : {}) };
  }

  /**
   * Validate one event, give it its identity and look up its facts: ready to stage and start. An opening
   * may carry `aboutChild` (the body's block beside the process's payload, core/schema/about-child.ts),
   * validated here and part of the request's fingerprint.
   */
  async function prepare(
    actor: Actor,
    definition: ProcessContract,
    caseId: string,
    type: string,
    payload: unknown,
    key: string | undefined,
    opening: boolean,
    aboutChild?: unknown,
  ): Promise<Prepared> {
    const valid = validateEvent(ctx, actor, { definition, caseId, type, payload, key }, opening);
    const about = opening ? validateAboutChild(ctx, actor, aboutChild) : undefined;
    const sent = about ? { ...(payload as object), aboutChild } : payload;
    const identity = await identify(
      ctx,
      actor,
      { definition: valid.definition, caseId, type, payload: sent, parsed: valid.payload, key },
      opening,
    );
    const context = valid.spec.contextFor ? await valid.spec.contextFor(valid.payload, ctx.lookups) : undefined;
    const child = await childOnCase(actor, about);
    return preparedEvent(
      actor,
      valid.definition,
      { type, payload: valid.payload, key, context, ...(child ? { child } : {}) },
      identity,
    );
  }

  /** One event: validated, applied by its execution, answered with its outcome. */
  async function submit(
    actor: Actor,
    definition: ProcessContract,
    caseId: string,
    type: string,
    payload: unknown,
    headers: ApiEvent['headers'],
    opening: boolean,
    aboutChild?: unknown,
  ): Promise<Result> {
    const key = headers['idempotency-key'];
    const prepared = await prepare(actor, definition, caseId, type, payload, key, opening, aboutChild);
    await stageAll(ctx, [prepared]);
    return answerFor(await start(ctx, definition, prepared, ctx.waitMs), prepared, opening);
  }

  /**
   * A batch (e.g. police notifying about several children): validated whole, each child's opening prepared
   * (a child that is not valid, or names an organisation the sender may not open cases for, refuses the
   * whole batch, naming the item), then one execution per child, not waited for: a batch of 1,000 must be
   * answered within API Gateway's 30 s, so a child's outcome not yet known is 'processing'.
   */
  async function submitBatch(
    actor: Actor,
    definition: ProcessContract,
    body: Record<string, unknown>,
  ): Promise<Result> {
    const submission = definition.submission!;
    const parts = validateBatch(ctx, actor, definition, body);
    const opening = definition.events.find((e) => e.opensCase)!;
    const outcomes = await mapLimit(parts, BATCH_CONCURRENCY, async (part) => {
      try {
        return await prepare(actor, definition, '', opening.type, part, undefined, true);
      } catch (error) {
        // A refusal of the item is reported with the others; a failure (503) fails the whole batch.
        if (error instanceof Problem && error.status < 500) return error;
        throw error;
      }
    });
    const refusals = outcomes.filter((o): o is Problem => o instanceof Problem);
    if (refusals.length) {
      const issues = outcomes.flatMap((one, i) =>
        one instanceof Problem
          ? (one.issues.length ? one.issues : [{ path: '', message: one.detail }]).map((issue) => ({
              path: `item ${i}${issue.path ? `: ${issue.path}` : ''}`,
              message: issue.message,
            }))
          : [],
      );
      const audits = refusals.flatMap((p) => p.audits);
      // A child the sender may not open a case for (a field naming another organisation) refuses the
      // whole batch, as one that is not valid does; each child's refusal is audited.
      if (refusals.some((p) => p.status === 403))
        throw new Problem(
          403,
          'notPermitted',
          `'${submission.title}' names an organisation you may not open cases for; nothing was recorded`,
          { issues },
        ).withAudits(audits);
      throw invalid('invalidSubmission', `'${submission.title}' is not valid; nothing was recorded`, issues).withAudits(
        audits,
      );
    }
    const prepared = outcomes as Prepared[];
    await stageAll(ctx, prepared);
    const results = await mapLimit(prepared, BATCH_CONCURRENCY, async (p) =>
      batchResultOf(await start(ctx, definition, p, 0), p),
    );
    return batchAnswer(submission.title, results);
  }

  return { prepare, stageAll: (prepared: Prepared[]) => stageAll(ctx, prepared), start: startOne, submit, submitBatch };

  function startOne(definition: ProcessContract, prepared: Prepared, waitMs: number) {
    return start(ctx, definition, prepared, waitMs);
  }
}

export type Submitter = ReturnType<typeof createSubmitter>;
