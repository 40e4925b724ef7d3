/**
 * An event's identity, which the data deduplicates on (an applied event never applies again): the case it
 * goes to (an opening's case id comes from its natural key, and a child whose case closed opens the next
 * episode), its fingerprint (what makes two requests the same request) and its id (by Idempotency-Key, by
 * natural key, or new), with the check that a key is not reused for a different request.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '#core/identity/actor';
import { caseIdFor, episodeCaseId } from '#core/process/decide';
import type { ProcessContract } from '#core/process/definition';
import type { ApiContext } from '../context';
import { Problem } from '../problem';

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
 * The event's id:
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

/** A request that could not be applied now (e.g. the store is down): nothing recorded, safe to send again. */
export const notApplied = (extra: Record<string, unknown> = {}) =>
  new Problem(
    503,
    'notApplied',
    'The event could not be applied just now; nothing was recorded, and sending the same request again is safe',
    { extra },
  );

/** The event's identity: its case, its id and its fingerprint. */
export interface EventIdentity {
  caseId: string;
  /** The child's episode an opening goes to (1 unless an earlier case of theirs closed). */
  episode: number;
  eventId: string;
  fingerprint: string;
}

/**
 * The child's episode an opening goes to: the first whose case is open or not yet recorded (a child
 * re-entering after their case closed opens the next episode). One read of the first case; one more per
 * closed episode. An open episode gets the opening, which its execution refuses (409) unless it is the
 * event that applied. A store that cannot be read is a 503 that can be retried.
 */
async function episodeToOpen(
  ctx: ApiContext,
  definition: ProcessContract,
  firstCaseId: string,
  codeKey: { caseCodeKey: string },
): Promise<number> {
  try {
    for (let episode = 1; ; episode++) {
      const record = await ctx.store.getCase(episodeCaseId(definition, firstCaseId, episode, codeKey).caseId);
      if (!record || record.status === 'open') return episode;
    }
  } catch {
    throw notApplied();
  }
}

/**
 * The identity of a valid event. `payload` is the request as sent (its fingerprint), `parsed` as its schema
 * parsed it (an opening's natural key). An Idempotency-Key names one request of one person for 24 hours:
 * reused for a different request, it is refused (409).
 */
export async function identify(
  ctx: ApiContext,
  actor: Actor,
  request: {
    definition: ProcessContract;
    caseId: string;
    type: string;
    payload: unknown;
    parsed: unknown;
    key: string | undefined;
  },
  opening: boolean,
): Promise<EventIdentity> {
  const { runtime } = ctx;
  const { definition, type, payload, key } = request;
  let caseId = request.caseId;
  let episode = 1;
  if (opening) {
    const codeKey = { caseCodeKey: await runtime.caseCodeKey() };
    caseId = caseIdFor(definition, definition.caseKeyOf(request.parsed, actor.organisation), codeKey).caseId;
    episode = await episodeToOpen(ctx, definition, caseId, codeKey);
  }
  // An opening's fingerprint names the child's first case, whichever episode it opens: the same request
  // sent again (a police batch resent) is the event that applied, not a new episode.
  const fingerprint = fingerprintOf(definition.id, caseId, type, payload);
  if (episode > 1)
    caseId = episodeCaseId(definition, caseId, episode, { caseCodeKey: await runtime.caseCodeKey() }).caseId;
  if (key !== undefined) {
    const remembered = await ctx.staging.idempotencyRecord(actor.userId, key, runtime.clock.now());
    if (remembered && remembered.fingerprint !== fingerprint)
      throw new Problem(
        409,
        'idempotencyKeyReused',
        'This Idempotency-Key was already used for a different request; nothing was recorded',
        {
          issues: [
            {
              path: 'Idempotency-Key',
              message: 'must be new for each different request (keys are remembered for 24 hours)',
            },
          ],
        },
      );
  }
  const eventId = eventIdFor(actor, fingerprint, { ...(key !== undefined ? { idempotencyKey: key } : {}), opening });
  return { caseId, episode, eventId, fingerprint };
}
