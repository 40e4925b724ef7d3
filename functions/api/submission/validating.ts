/**
 * Validating what someone sends before anything is staged: the event type and who may record it, who may
 * open a case of the process, the payload by its schema, the Idempotency-Key header, a batch as a whole.
 * Each refusal is thrown as a Problem (../problem.ts); a refusal of who may do what is audited.
 */
import type { Actor } from '#core/identity/actor';
import { mayOpen, organisationKindOf } from '#core/process/access';
import type { EventSpec, ProcessContract } from '#core/process/definition';
import { type AboutChild, aboutChild } from '#core/schema/about-child';
import type { ApiContext } from '../context';
import { invalid, notPermitted } from '../problem';
import { issuesFrom } from '../responses';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

/** An event that passed validation: the version of its process it is validated by, its spec and its parsed payload. */
export interface ValidEvent {
  definition: ProcessContract;
  spec: EventSpec;
  /** The payload as its schema parsed it (what is staged; the request as sent makes the fingerprint). */
  payload: unknown;
}

/**
 * Who may open a case of this process (core/process/access.ts, the same declaration the rules step checks
 * again): without a payload by role and kind of organisation, with it also the fields that must name the
 * opener's own organisation. A refusal is a 403 (naming the field at fault), audited; nothing is staged or
 * started, so nobody is told anything.
 */
export function requireMayOpen(ctx: ApiContext, actor: Actor, definition: ProcessContract, payload?: unknown): void {
  const opening = mayOpen(actor, definition, { partnership: ctx.runtime.partnership }, payload);
  if (!opening.permitted)
    throw notPermitted(`${definition.title} opening: ${opening.reason}`, opening.message, {
      issues: opening.issue ? [opening.issue] : [],
    });
}

/** The Idempotency-Key header, when sent: 1 to 64 letters, digits or `. _ : -`. */
export function requireIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
    throw invalid('invalidHeader', 'The Idempotency-Key header is not valid', [
      { path: 'Idempotency-Key', message: 'must be 1-64 letters, digits or . _ : -' },
    ]);
}

/**
 * One event, checked in the order that reveals least: its type (400), whether the sender's role may record
 * it (403, audited), for an opening whether they may open this process at all (403, audited), its payload
 * (400 naming each field), then the organisations an opening names (403, audited, naming the field), and
 * the Idempotency-Key. A new case is validated by the version in force on the day its opening is about.
 */
export function validateEvent(
  ctx: ApiContext,
  actor: Actor,
  request: { definition: ProcessContract; caseId: string; type: string; payload: unknown; key: string | undefined },
  opening: boolean,
): ValidEvent {
  const { runtime } = ctx;
  const definition = opening
    ? (ctx.processes.forOpening(request.definition.id, request.payload, runtime.partnership, runtime.clock.now()) ??
      request.definition)
    : request.definition;
  const spec = definition.events.find((e) => e.type === request.type);
  if (!spec || (spec.opensCase ?? false) !== opening) {
    const allowed = definition.events.filter((e) => (e.opensCase ?? false) === opening).map((e) => e.type);
    throw invalid('invalidEvent', `Unknown event type '${request.type}'`, [
      { path: 'type', message: `must be one of ${allowed.join(', ')}` },
    ]);
  }
  if (!(spec.allowedRoles as readonly string[]).includes(actor.role))
    throw notPermitted(`${spec.title}: role not permitted`, `The ${actor.role} role cannot record '${spec.title}'`, {
      ...(opening ? {} : { caseId: request.caseId }),
    });
  if (opening) requireMayOpen(ctx, actor, definition);
  const parsed = spec.schema.safeParse(request.payload);
  if (!parsed.success)
    throw invalid(
      'invalidEvent',
      `'${spec.title}' is not valid; nothing was recorded`,
      issuesFrom(parsed.error.issues),
    );
  if (opening) requireMayOpen(ctx, actor, definition, parsed.data);
  requireIdempotencyKey(request.key);
  return { definition, spec, payload: parsed.data };
}

/**
 * A batch (e.g. police notifying about several children), validated whole: the sender's role (403, audited),
 * whether they may open the process's cases (403, audited), the body by the submission's schema (400 naming
 * each field). Its parts are the opening payloads, one per case, each validated as an event after.
 */
export function validateBatch(
  ctx: ApiContext,
  actor: Actor,
  definition: ProcessContract,
  body: Record<string, unknown>,
): unknown[] {
  const submission = definition.submission!;
  if (!(submission.allowedRoles as readonly string[]).includes(actor.role))
    throw notPermitted(
      `${submission.title}: role not permitted`,
      `The ${actor.role} role cannot send '${submission.title}'`,
    );
  requireMayOpen(ctx, actor, definition);
  const parsed = submission.schema.safeParse(body);
  if (!parsed.success)
    throw invalid(
      'invalidSubmission',
      `'${submission.title}' is not valid; nothing was recorded`,
      issuesFrom(parsed.error.issues),
    );
  return submission.split(parsed.data);
}

/**
 * An opening's "about the child" block (core/schema/about-child.ts), when sent: an object whose every field
 * is valid (400 naming `aboutChild.<field>`), sent by a council's staff only (the person id is the
 * council's own, and equality monitoring is the council's to record): from anyone else a 400 saying so,
 * before anything is staged. An empty block is as none.
 */
export function validateAboutChild(ctx: ApiContext, actor: Actor, raw: unknown): AboutChild | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = aboutChild.safeParse(raw);
  if (!parsed.success)
    throw invalid(
      'invalidEvent',
      'What you said about the child is not valid; nothing was recorded',
      issuesFrom(parsed.error.issues, ['aboutChild']),
    );
  if (!Object.keys(parsed.data).length) return undefined;
  if (organisationKindOf(actor, { partnership: ctx.runtime.partnership }) !== 'council')
    throw invalid('invalidEvent', 'Only a council gives the person id and equality monitoring; nothing was recorded', [
      {
        path: 'aboutChild',
        message: 'is given by the child’s council only (its own person id and equality monitoring): leave it out',
      },
    ]);
  return parsed.data;
}
