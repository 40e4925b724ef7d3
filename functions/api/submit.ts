/**
 * Handing events to a process's state machine: validate, name the event, start its short execution and
 * answer with its outcome (or 202 while it runs).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '#core/identity/actor';
import { mayOpen } from '#core/process/access';
import { caseIdFor, episodeCaseId } from '#core/process/decide';
import type { ReadableProcess } from '#core/process/definition';
import type { EventResponse } from '#core/process/model';
import { contractCatalogue } from '#workflows/contracts';
import type { StagedEvent } from '../store/staging';
import type { ApiContext } from './context';
import type { ApiEvent } from './http';
import { issuesFrom, json, problem, type Result } from './responses';
import type { StartOutcome } from './starter';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What makes two requests the same request: the process, the case, the event type and the body, canonically. */
export function fingerprintOf(process: string, caseId: string, type: string, payload: unknown): string {
  return createHash('sha256')
    .update(`${process}|${caseId}|${type}|${canonical(payload)}`)
    .digest('hex');
}

const hashed = (basis: string) => `evt-${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;

/**
 * The event's id, which the data deduplicates on (an applied event never applies again):
 * - with an Idempotency-Key: the person, the key and the request, so a retry is the same event;
 * - opening a case: the natural key (the case id comes from it) and the request, so the same child sent
 *   twice (a police batch resent) is one case, whoever sends it;
 * - otherwise a new id: without a key, every request is a new event, even with the same body as an
 *   earlier one (a second acknowledgement after a refusal, two reviews on the same date a year apart).
 */
export function eventIdFor(
  actor: Actor,
  fingerprint: string,
  options: { idempotencyKey?: string; opening: boolean },
): string {
  if (options.idempotencyKey !== undefined)
    return hashed(`key|${actor.userId}|${options.idempotencyKey}|${fingerprint}`);
  if (options.opening) return hashed(`open|${fingerprint}`);
  return `evt-${randomUUID().replace(/-/g, '')}`;
}

export interface Prepared {
  eventId: string;
  caseId: string;
  /** The execution's name: the event and this attempt, so a failed attempt never blocks another. */
  executionName: string;
  /** Ids only: the request itself is staged in the table. */
  input: unknown;
  staging: { eventId: string; attempt: string; staged: StagedEvent };
}

/** A request that could not be applied now (e.g. the store is down): nothing recorded, safe to send again. */
export const notApplied = (extra: Record<string, unknown> = {}) =>
  problem(
    503,
    'notApplied',
    'The event could not be applied just now; nothing was recorded, and sending the same request again is safe',
    [],
    extra,
  );

export function createSubmitter(ctx: ApiContext) {
  const { runtime, starter } = ctx;
  const facts = { partnership: runtime.partnership };

  /**
   * Who may open a case of this process (core/process/access.ts, the same declaration the rules step
   * checks again): without a payload by role and kind of organisation, with it also the fields that must
   * name the opener's own organisation. A refusal is a 403 (naming the field at fault), audited; nothing
   * is staged or started, so nobody is told anything.
   */
  async function openingRefused(
    actor: Actor,
    definition: ReadableProcess,
    payload?: unknown,
  ): Promise<Result | undefined> {
    const opening = mayOpen(actor, definition, facts, payload);
    if (opening.permitted) return undefined;
    return ctx.refuse(
      actor,
      `${definition.title} opening: ${opening.reason}`,
      opening.message,
      undefined,
      opening.issue ? [opening.issue] : [],
    );
  }

  /**
   * The child's episode an opening goes to: the first whose case is open or not yet recorded (a child
   * re-entering after their case closed opens the next episode). One read of the first case; one more
   * per closed episode. An open episode gets the opening, which its execution refuses (409) unless it
   * is the event that applied.
   */
  async function episodeToOpen(
    definition: ReadableProcess,
    firstCaseId: string,
    codeKey: { caseCodeKey: string },
  ): Promise<number> {
    for (let episode = 1; ; episode++) {
      const record = await ctx.store.getCase(episodeCaseId(definition, firstCaseId, episode, codeKey).caseId);
      if (!record || record.status === 'open') return episode;
    }
  }

  /** Validate one event and build its execution input, or the response refusing it. */
  async function prepare(
    actor: Actor,
    definition: ReadableProcess,
    caseId: string,
    type: string,
    payload: unknown,
    key: string | undefined,
    opening: boolean,
  ): Promise<Prepared | Result> {
    // A new case opens under the version in force on the day its opening is about (e.g. the request's date).
    if (opening)
      definition =
        (runtime.catalogue ?? contractCatalogue).forOpening(
          definition.id,
          payload,
          runtime.partnership,
          runtime.clock.now(),
        ) ?? definition;
    const spec = definition.events.find((e) => e.type === type);
    if (!spec || (spec.opensCase ?? false) !== opening) {
      const allowed = definition.events.filter((e) => (e.opensCase ?? false) === opening).map((e) => e.type);
      return problem(400, 'invalidEvent', `Unknown event type '${type}'`, [
        { path: 'type', message: `must be one of ${allowed.join(', ')}` },
      ]);
    }
    if (!(spec.allowedRoles as readonly string[]).includes(actor.role)) {
      return ctx.refuse(
        actor,
        `${spec.title}: role not permitted`,
        `The ${actor.role} role cannot record '${spec.title}'`,
        opening ? undefined : caseId,
      );
    }
    if (opening) {
      const refused = await openingRefused(actor, definition);
      if (refused) return refused;
    }
    const parsed = spec.schema.safeParse(payload);
    if (!parsed.success)
      return problem(
        400,
        'invalidEvent',
        `'${spec.title}' is not valid; nothing was recorded`,
        issuesFrom(parsed.error.issues),
      );
    if (opening) {
      const refused = await openingRefused(actor, definition, parsed.data);
      if (refused) return refused;
    }
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      return problem(400, 'invalidHeader', 'The Idempotency-Key header is not valid', [
        { path: 'Idempotency-Key', message: 'must be 1-64 letters, digits or . _ : -' },
      ]);
    }
    let episode = 1;
    if (opening) {
      const codeKey = { caseCodeKey: await runtime.caseCodeKey() };
      caseId = caseIdFor(definition, definition.caseKeyOf(parsed.data, actor.organisation), codeKey).caseId;
      try {
        episode = await episodeToOpen(definition, caseId, codeKey);
      } catch {
        return notApplied();
      }
    }
    // An opening's fingerprint names the child's first case, whichever episode it opens: the same request
    // sent again (a police batch resent) is the event that applied, not a new episode.
    const fingerprint = fingerprintOf(definition.id, caseId, type, payload);
    if (episode > 1)
      caseId = episodeCaseId(definition, caseId, episode, { caseCodeKey: await runtime.caseCodeKey() }).caseId;
    if (key !== undefined) {
      // A key names one request of one person for 24 hours: reused for a different request, it is refused.
      const remembered = await ctx.staging.idempotencyRecord(actor.userId, key, runtime.clock.now());
      if (remembered && remembered.fingerprint !== fingerprint) {
        return problem(
          409,
          'idempotencyKeyReused',
          'This Idempotency-Key was already used for a different request; nothing was recorded',
          [
            {
              path: 'Idempotency-Key',
              message: 'must be new for each different request (keys are remembered for 24 hours)',
            },
          ],
        );
      }
    }
    const eventId = eventIdFor(actor, fingerprint, { ...(key !== undefined ? { idempotencyKey: key } : {}), opening });
    const context = spec.contextFor ? await spec.contextFor(parsed.data, ctx.lookups) : undefined;
    const attempt = randomUUID().replace(/-/g, '').slice(0, 12);
    // The parsed payload is staged (validation happens once); the request as sent makes the fingerprint.
    const staged: StagedEvent = {
      actor,
      payload: parsed.data,
      validatedBy: { version: definition.version ?? 1 },
      ...(context && Object.keys(context).length ? { context } : {}),
      ...(key !== undefined ? { idempotency: { key, fingerprint } } : {}),
    };
    // The input holds ids and no timestamps; the rules step reads the staged request and stamps the time.
    const input = {
      event: { eventId, type, process: definition.id, caseId, ...(episode > 1 ? { episode } : {}), staged: attempt },
      attempt: 0,
    };
    return { eventId, caseId, executionName: `${eventId}-${attempt}`, input, staging: { eventId, attempt, staged } };
  }

  /** Stage the requests, then start each one's execution; a store that is down is a 503 that can be retried. */
  async function stageAll(prepared: Prepared[]): Promise<Result | undefined> {
    try {
      await ctx.staging.stage(
        prepared.map((p) => p.staging),
        runtime.clock.now(),
      );
      return undefined;
    } catch {
      return notApplied();
    }
  }

  function respond(output: EventResponse, opening: boolean, links: Record<string, string>): Result {
    if (output.outcome === 'rejected' && output.rejection) {
      const r = output.rejection;
      return problem(r.status, r.code, r.message, r.issues, { eventId: output.eventId });
    }
    if (output.outcome === 'duplicate') {
      return json(200, {
        ...output,
        outcome: 'duplicate',
        message: 'This event was already received; nothing more was done.',
        links,
      });
    }
    return json(opening ? 201 : 200, { ...output, links }, opening ? { location: links.case! } : {});
  }

  /** One event: validated, applied by its execution, answered with its outcome. */
  async function submit(
    actor: Actor,
    definition: ReadableProcess,
    caseId: string,
    type: string,
    payload: unknown,
    headers: ApiEvent['headers'],
    opening: boolean,
  ): Promise<Result> {
    const prepared = await prepare(actor, definition, caseId, type, payload, headers['idempotency-key'], opening);
    if ('statusCode' in prepared) return prepared;
    const unstaged = await stageAll([prepared]);
    if (unstaged) return unstaged;
    const outcome = await start(definition, prepared, ctx.waitMs);
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
        return notApplied({ eventId: prepared.eventId });
      case 'succeeded':
        return respond(outcome.output, opening, links);
    }
  }

  /** Start a prepared event's execution; a failure to start is an outcome, not an exception. */
  async function start(definition: ReadableProcess, prepared: Prepared, waitMs: number): Promise<StartOutcome> {
    try {
      return await starter.startAndWait(definition.id, prepared.executionName, prepared.input, waitMs);
    } catch (error) {
      return { status: 'failed', error: (error as Error).name };
    }
  }

  /** A batch (e.g. police notifying about several children): validated whole, then one execution per case. */
  async function submitBatch(
    actor: Actor,
    definition: ReadableProcess,
    body: Record<string, unknown>,
  ): Promise<Result> {
    const submission = definition.submission!;
    if (!(submission.allowedRoles as readonly string[]).includes(actor.role)) {
      return ctx.refuse(
        actor,
        `${submission.title}: role not permitted`,
        `The ${actor.role} role cannot send '${submission.title}'`,
      );
    }
    const refused = await openingRefused(actor, definition);
    if (refused) return refused;
    const parsed = submission.schema.safeParse(body);
    if (!parsed.success)
      return problem(
        400,
        'invalidSubmission',
        `'${submission.title}' is not valid; nothing was recorded`,
        issuesFrom(parsed.error.issues),
      );
    const opening = definition.events.find((e) => e.opensCase)!;
    const parts = submission.split(parsed.data);
    const prepared: Prepared[] = [];
    const issues: { path: string; message: string }[] = [];
    // Each opening reads its child's cases (which episode it opens): 16 at a time, reported in the items' order.
    const outcomes: (Prepared | Result)[] = new Array(parts.length);
    let nextPart = 0;
    const preparer = async () => {
      while (nextPart < parts.length) {
        const i = nextPart++;
        outcomes[i] = await prepare(actor, definition, '', opening.type, parts[i], undefined, true);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, parts.length) }, preparer));
    let refusedItems = false;
    for (const [i, one] of outcomes.entries()) {
      if ('statusCode' in one) {
        refusedItems ||= one.statusCode === 403;
        const error = JSON.parse(one.body as string).error as {
          issues: { path: string; message: string }[];
          message: string;
        };
        for (const issue of error.issues.length ? error.issues : [{ path: '', message: error.message }])
          issues.push({ path: `item ${i}${issue.path ? `: ${issue.path}` : ''}`, message: issue.message });
      } else prepared.push(one);
    }
    // A child the sender may not open a case for (a field naming another organisation) refuses the
    // whole batch, as one that is not valid does.
    if (refusedItems)
      return problem(
        403,
        'notPermitted',
        `'${submission.title}' names an organisation you may not open cases for; nothing was recorded`,
        issues,
      );
    if (issues.length)
      return problem(400, 'invalidSubmission', `'${submission.title}' is not valid; nothing was recorded`, issues);
    const unstaged = await stageAll(prepared);
    if (unstaged) return unstaged;
    const results: unknown[] = new Array(prepared.length);
    let next = 0;
    const worker = async () => {
      while (next < prepared.length) {
        const i = next++;
        const p = prepared[i]!;
        // No waiting per child: a batch of 1,000 must be answered within API Gateway's 30 s. Outcomes not
        // yet known are 'processing', with the event link to follow.
        const outcome = await start(definition, p, 0);
        results[i] =
          outcome.status === 'succeeded'
            ? {
                eventId: p.eventId,
                caseId: p.caseId,
                caseCode: outcome.output.caseCode,
                outcome: outcome.output.outcome,
                message: outcome.output.message,
                ...(outcome.output.rejection ? { rejection: outcome.output.rejection } : {}),
              }
            : {
                eventId: p.eventId,
                caseId: p.caseId,
                outcome: outcome.status === 'running' ? 'processing' : outcome.status,
                links: { event: `/events/${p.eventId}` },
              };
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, prepared.length) }, worker));
    // Every child refused by the rules (none recorded): 422, with each child's reason. Partly refused
    // stays 200 with each child's outcome; a child still being applied is not a refusal.
    const rejections = results.map(
      (r) => r as { outcome: string; rejection?: { message: string; issues: { path: string; message: string }[] } },
    );
    if (rejections.length && rejections.every((r) => r.outcome === 'rejected')) {
      const reasons = rejections.flatMap((r, i) => {
        const rejection = r.rejection ?? { message: 'refused', issues: [] };
        return rejection.issues.length
          ? rejection.issues.map((issue) => ({
              path: `item ${i}: ${issue.path}`,
              message: `${issue.message} (${rejection.message})`,
            }))
          : [{ path: `item ${i}`, message: rejection.message }];
      });
      return problem(
        422,
        'nothingRecorded',
        `No child of this '${submission.title}' was recorded: each was refused, for the reasons given`,
        reasons,
        { received: prepared.length, results },
      );
    }
    return json(200, { received: prepared.length, results });
  }

  return { prepare, stageAll, start, submit, submitBatch };
}

export type Submitter = ReturnType<typeof createSubmitter>;
