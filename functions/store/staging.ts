/**
 * An event's request, staged in the table so that the execution input carries ids only (Step Functions
 * keeps execution input and history for up to 90 days; the table is encrypted with the project's key and
 * the staged item is deleted by the commit, or by TTL a day later if the event never applied).
 *
 * And the Idempotency-Key records: a key names one request of one person for 24 hours; it is written in
 * the commit transaction, so only a request that applied leaves one.
 */
import { BatchWriteItemCommand, GetItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { Actor } from '#core/identity/actor';
import { bodyOf, item, type Item } from './table';

/** How long a staged request is kept if its execution never commits (TTL), in seconds. */
/** The `staged` value of an event that carries everything itself (a timer firing: nothing personal). */
export const INLINE = 'inline';

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
}

export interface IdempotencyRecord {
  fingerprint: string;
  eventId: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export const stagingKey = {
  staged: (eventId: string, attempt: string) => ({ PK: `EVENT#${eventId}`, SK: `STAGED#${attempt}` }),
  idempotency: (userId: string, idempotencyKey: string) => ({ PK: `IDEMPOTENCY#${userId}#${idempotencyKey}`, SK: 'KEY' }),
};

export function stagedItem(eventId: string, attempt: string, staged: StagedEvent, now: Date): Item {
  return item({ ...stagingKey.staged(eventId, attempt), entityType: 'StagedEvent', expiresAt: Math.floor(now.getTime() / 1000) + STAGED_TTL_SECONDS }, staged);
}

export function idempotencyItem(userId: string, idempotencyKey: string, record: IdempotencyRecord): Item {
  return item({ ...stagingKey.idempotency(userId, idempotencyKey), entityType: 'IdempotencyKey', expiresAt: record.expiresAt }, record);
}

export class StagingStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: { backoff?: (attempt: number) => Promise<void> } = {},
  ) {}

  /** Stage requests (up to thousands, for a police batch), 25 to a BatchWriteItem, retrying what is left unprocessed. */
  async stage(entries: { eventId: string; attempt: string; staged: StagedEvent }[], now: Date): Promise<void> {
    const requests: WriteRequest[] = entries.map((e) => ({ PutRequest: { Item: stagedItem(e.eventId, e.attempt, e.staged, now) } }));
    for (let i = 0; i < requests.length; i += 25) {
      let batch = requests.slice(i, i + 25);
      for (let attempt = 0; batch.length; attempt++) {
        if (attempt === 8) throw new Error('The store did not accept the staged requests; try again');
        const out = await this.db.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: batch } }));
        batch = out.UnprocessedItems?.[this.tableName] ?? [];
        if (batch.length) await (this.options.backoff ?? ((n) => new Promise((r) => setTimeout(r, 50 * 2 ** n))))(attempt);
      }
    }
  }

  /** The live record of a person's Idempotency-Key, if one is remembered. */
  async idempotencyRecord(userId: string, idempotencyKey: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const k = stagingKey.idempotency(userId, idempotencyKey);
    const out = await this.db.send(new GetItemCommand({ TableName: this.tableName, Key: { PK: { S: k.PK }, SK: { S: k.SK } }, ConsistentRead: true }));
    const record = bodyOf<IdempotencyRecord>(out.Item);
    return record && record.expiresAt > now.getTime() / 1000 ? record : undefined;
  }
}
