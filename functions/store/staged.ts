/**
 * The staged request and Idempotency-Key records as items: pure, with no AWS SDK import, so the rules
 * step and the commit's transaction items use them without loading the DynamoDB client (about half of
 * a bundle's cold load). The store that reads and writes them is ./staging.ts.
 */
import type { Actor } from '#core/identity/actor';
import type { Rejection } from '#core/process/model';
import type { ChildOnCase } from '#core/schema/about-child';
import { type Item, item } from './table';

/** The `staged` value of an event that carries everything itself (a timer firing: nothing personal). */
export const INLINE = 'inline';

/** How long a staged request is kept if its execution never commits (TTL), in seconds. */
export const STAGED_TTL_SECONDS = 24 * 60 * 60;
/** How long an Idempotency-Key is remembered after its request applied, in seconds. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

/** What the execution needs besides ids: who sent it, what they sent, and the facts looked up for it. */
export interface StagedEvent {
  actor: Actor;
  payload: unknown;
  context?: Record<string, unknown>;
  /** The client's Idempotency-Key and the request's fingerprint, recorded with the event if it applies. */
  idempotency?: { key: string; fingerprint: string };
  /** The payload is the event schema's output in this version of the rules (the API parsed it). */
  validatedBy?: { version: number };
  /** An opening's child key (never the person id) and equality monitoring fields: kept on the case it opens. */
  child?: ChildOnCase;
}

/**
 * A key held by a different request: the API's refusal (functions/api/submit.ts), word for word, given
 * also by the rules step when two requests with one key and different bodies ran at the same time.
 */
export const IDEMPOTENCY_KEY_REUSED: Rejection = {
  status: 409,
  code: 'idempotencyKeyReused',
  message: 'This Idempotency-Key was already used for a different request; nothing was recorded',
  issues: [
    { path: 'Idempotency-Key', message: 'must be new for each different request (keys are remembered for 24 hours)' },
  ],
};

export interface IdempotencyRecord {
  fingerprint: string;
  eventId: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export const stagingKey = {
  staged: (eventId: string, attempt: string) => ({ PK: `EVENT#${eventId}`, SK: `STAGED#${attempt}` }),
  idempotency: (userId: string, idempotencyKey: string) => ({
    PK: `IDEMPOTENCY#${userId}#${idempotencyKey}`,
    SK: 'KEY',
  }),
};

export function stagedItem(eventId: string, attempt: string, staged: StagedEvent, now: Date): Item {
  return item(
    {
      ...stagingKey.staged(eventId, attempt),
      entityType: 'StagedEvent',
      expiresAt: Math.floor(now.getTime() / 1000) + STAGED_TTL_SECONDS,
    },
    staged,
  );
}

export function idempotencyItem(userId: string, idempotencyKey: string, record: IdempotencyRecord): Item {
  return item(
    { ...stagingKey.idempotency(userId, idempotencyKey), entityType: 'IdempotencyKey', expiresAt: record.expiresAt },
    record,
  );
}
