/**
 * Handing events to a process's state machine: validate, name the event, start its short execution and
 * answer with its outcome (or 202 while it runs).
 */
import { createHash } from 'node:crypto';
import type { Actor } from '#core/identity/actor';
import type { ProcessDefinition } from '#core/process/definition';
import { caseIdFor } from '#core/process/decide';
import type { EventResponse } from '#core/process/model';
import type { ApiContext } from './context';
import type { ApiEvent } from './http';
import { issuesFrom, json, problem, type Result } from './responses';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The event id: from the client's Idempotency-Key if given, otherwise from the request itself, so a resend is recognised. */
export function eventIdFor(actor: Actor, process: string, caseId: string, type: string, payload: unknown, idempotencyKey?: string): string {
  const basis = idempotencyKey ? `key|${actor.organisation}|${process}|${caseId}|${idempotencyKey}` : `body|${actor.organisation}|${process}|${caseId}|${type}|${canonical(payload)}`;
  return `evt-${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

export interface Prepared {
  eventId: string;
  caseId: string;
  input: unknown;
}

export function createSubmitter(ctx: ApiContext) {
  const { runtime, starter } = ctx;

  /** Validate one event and build its execution input, or the response refusing it. */
  async function prepare(actor: Actor, definition: ProcessDefinition, caseId: string, type: string, payload: unknown, key: string | undefined, opening: boolean): Promise<Prepared | Result> {
    const spec = definition.events.find((e) => e.type === type);
    if (!spec || (spec.opensCase ?? false) !== opening) {
      const allowed = definition.events.filter((e) => (e.opensCase ?? false) === opening).map((e) => e.type);
      return problem(400, 'invalidEvent', `Unknown event type '${type}'`, [{ path: 'type', message: `must be one of ${allowed.join(', ')}` }]);
    }
    if (!(spec.allowedRoles as readonly string[]).includes(actor.role)) {
      return ctx.refuse(actor, `${spec.title}: role not permitted`, `The ${actor.role} role cannot record '${spec.title}'`, opening ? undefined : caseId);
    }
    const parsed = spec.schema.safeParse(payload);
    if (!parsed.success) return problem(400, 'invalidEvent', `'${spec.title}' is not valid; nothing was recorded`, issuesFrom(parsed.error.issues));
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      return problem(400, 'invalidHeader', 'The Idempotency-Key header is not valid', [{ path: 'Idempotency-Key', message: 'must be 1-64 letters, digits or . _ : -' }]);
    }
    if (opening) caseId = caseIdFor(definition, definition.caseKeyOf(parsed.data, actor.organisation), { caseCodeKey: await runtime.caseCodeKey() }).caseId;
    const eventId = eventIdFor(actor, definition.id, caseId, type, payload, key);
    const context = spec.contextFor ? await spec.contextFor(parsed.data, ctx.lookups) : undefined;
    // The input holds no timestamps: a resend of the same request is then the same input, which Step
    // Functions (and the local runner) recognise as a repeat. The rules step stamps the time it applies it.
    const input = {
      event: { eventId, type, process: definition.id, caseId, actor, payload, ...(context && Object.keys(context).length ? { context } : {}) },
      attempt: 0,
    };
    return { eventId, caseId, input };
  }

  function respond(output: EventResponse, repeated: boolean, opening: boolean, links: Record<string, string>): Result {
    if (output.outcome === 'rejected' && output.rejection) {
      const r = output.rejection;
      return problem(r.status, r.code, r.message, r.issues, { eventId: output.eventId });
    }
    if (repeated || output.outcome === 'duplicate') {
      return json(200, { ...output, outcome: 'duplicate', message: 'This event was already received; nothing more was done.', links });
    }
    return json(opening ? 201 : 200, { ...output, links }, opening ? { location: links.case! } : {});
  }

  /** One event: validated, applied by its execution, answered with its outcome. */
  async function submit(actor: Actor, definition: ProcessDefinition, caseId: string, type: string, payload: unknown, headers: ApiEvent['headers'], opening: boolean): Promise<Result> {
    const prepared = await prepare(actor, definition, caseId, type, payload, headers['idempotency-key'], opening);
    if ('statusCode' in prepared) return prepared;
    const outcome = await starter.startAndWait(definition.id, prepared.eventId, prepared.input, ctx.waitMs);
    const links = { event: `/events/${prepared.eventId}`, case: `/cases/${prepared.caseId}` };
    switch (outcome.status) {
      case 'conflict':
        return problem(409, 'idempotencyKeyReused', 'This Idempotency-Key was already used for a different request; nothing was recorded');
      case 'running':
        return json(202, { eventId: prepared.eventId, caseId: prepared.caseId, status: 'processing', message: 'Received; it is being applied. Follow the event link for the outcome.', links }, { location: links.event });
      case 'failed':
        return problem(503, 'notApplied', 'The event could not be applied just now; sending the same request again is safe', [], { eventId: prepared.eventId });
      case 'succeeded':
        return respond(outcome.output, outcome.repeated, opening, links);
    }
  }

  /** A batch (e.g. police notifying about several children): validated whole, then one execution per case. */
  async function submitBatch(actor: Actor, definition: ProcessDefinition, body: Record<string, unknown>): Promise<Result> {
    const submission = definition.submission!;
    if (!(submission.allowedRoles as readonly string[]).includes(actor.role)) {
      return ctx.refuse(actor, `${submission.title}: role not permitted`, `The ${actor.role} role cannot send '${submission.title}'`);
    }
    const parsed = submission.schema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalidSubmission', `'${submission.title}' is not valid; nothing was recorded`, issuesFrom(parsed.error.issues));
    const opening = definition.events.find((e) => e.opensCase)!;
    const parts = submission.split(parsed.data);
    const prepared: Prepared[] = [];
    const issues: { path: string; message: string }[] = [];
    for (const [i, payload] of parts.entries()) {
      const one = await prepare(actor, definition, '', opening.type, payload, undefined, true);
      if ('statusCode' in one) {
        const error = JSON.parse(one.body as string).error as { issues: { path: string; message: string }[]; message: string };
        for (const issue of error.issues.length ? error.issues : [{ path: '', message: error.message }]) issues.push({ path: `item ${i}${issue.path ? `: ${issue.path}` : ''}`, message: issue.message });
      } else prepared.push(one);
    }
    if (issues.length) return problem(400, 'invalidSubmission', `'${submission.title}' is not valid; nothing was recorded`, issues);
    const results: unknown[] = new Array(prepared.length);
    let next = 0;
    const worker = async () => {
      while (next < prepared.length) {
        const i = next++;
        const p = prepared[i]!;
        // No waiting per child: a batch of 1,000 must be answered within API Gateway's 30 s. Outcomes not
        // yet known are 'processing', with the event link to follow.
        const outcome = await starter.startAndWait(definition.id, p.eventId, p.input, 0);
        results[i] =
          outcome.status === 'succeeded'
            ? { eventId: p.eventId, caseId: p.caseId, caseCode: outcome.output.caseCode, outcome: outcome.repeated ? 'duplicate' : outcome.output.outcome, message: outcome.output.message, ...(outcome.output.rejection ? { rejection: outcome.output.rejection } : {}) }
            : { eventId: p.eventId, caseId: p.caseId, outcome: outcome.status === 'running' ? 'processing' : outcome.status, links: { event: `/events/${p.eventId}` } };
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, prepared.length) }, worker));
    return json(200, { received: prepared.length, results });
  }

  return { prepare, submit, submitBatch };
}

export type Submitter = ReturnType<typeof createSubmitter>;
