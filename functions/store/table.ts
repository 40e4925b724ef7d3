/**
 * The single-table design. Every entity keeps its keys, a few indexed attributes, and its body as one
 * JSON string (`body`), so items are read and written whole.
 *
 * Access patterns (each one index query, never a Scan on a request path):
 * | pattern                                   | where                                                     |
 * |-------------------------------------------|-----------------------------------------------------------|
 * | a case by id                              | PK CASE#<id>, SK CASE                                     |
 * | its timeline                              | PK CASE#<id>, SK begins_with TL#                          |
 * | its clocks                                | PK CASE#<id>, SK begins_with CLOCK#                       |
 * | audit by case                             | PK CASE#<id>, SK begins_with AUDIT#                       |
 * | an event's outcome                        | PK EVENT#<id>, SK EVENT                                   |
 * | open clocks by due time per process       | GSI1 OPENCLOCK#<process>, sorted by due instant           |
 * | cases to wake, by their soonest timer      | GSI1 WAKE#<00-15> (sharded by case), sorted by due instant |
 * | notifications waiting to be sent          | GSI1 OUTBOX#PENDING#<00-15>, sorted by creation (1)       |
 * | all clocks of a kind, for figures         | GSI2 CLOCKS#<process>#<clock>, sorted by start            |
 * | cases of a process                        | GSI2 CASES#<process>, sorted by opening                   |
 * | audit by actor                            | GSI3 ACTOR#<userId>, sorted by time                       |
 * | cases by lead practitioner                | GSI3 LEAD#<email>, sorted by opening                      |
 * | a council's feed of clock events          | PK FEED#<council>, sorted by position (./feed.ts)         |
 * | one child's cases (by their child key)    | GSI1 CHILD#<key>, sorted by opening (2)                   |
 *
 * (1) Unsent messages are spread over OUTBOX_SHARDS index partitions by a hash of the message id, so no
 *     one partition takes every queued message; readers query every shard and merge by creation.
 * (2) The case item itself carries GSI1PK when its council gave the child's person id: the link is written
 *     in the same Put as the case (no separate link item to keep in step), and a case without one is not
 *     on the index. The key is a keyed hash (core/identity/child-key.ts); the person id is never stored.
 */
/** How many partitions the wake-up index is spread over (readers query each). */
export const WAKE_SHARDS = 16;

/** A case's wake-up shard: stable, from its id. */
export function wakeShardOf(caseId: string): number {
  let hash = 0;
  for (const char of caseId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % WAKE_SHARDS;
}

export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;

export const INDEXES = [
  { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
] as const;

export const key = {
  case: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' }),
  timeline: (caseId: string, at: string, eventId: string, n: number) => ({
    PK: `CASE#${caseId}`,
    SK: `TL#${at}#${eventId}#${String(n).padStart(3, '0')}`,
  }),
  clock: (caseId: string, clockId: string) => ({ PK: `CASE#${caseId}`, SK: `CLOCK#${clockId}` }),
  audit: (caseId: string | undefined, at: string, auditId: string) => ({
    PK: caseId ? `CASE#${caseId}` : `AUDIT#${at.slice(0, 10)}`,
    SK: `AUDIT#${at}#${auditId}`,
  }),
  event: (eventId: string) => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
  /** The case's wake-up: when its soonest timer falls due (one item per case with timers). */
  wake: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'WAKE' }),
  outbox: (messageId: string) => ({ PK: `OUTBOX#${messageId}`, SK: 'OUTBOX' }),
};

/** How many index partitions the pending outbox is spread over. */
export const OUTBOX_SHARDS = 16;

/** A message's outbox shard, `00` to `15`: FNV-1a (32-bit) of its id, so the same id always lands in the same shard. */
export function outboxShardOf(messageId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) hash = Math.imul(hash ^ messageId.charCodeAt(i), 0x01000193);
  return String((hash >>> 0) % OUTBOX_SHARDS).padStart(2, '0');
}

export const gsi = {
  openClocks: (process: string) => `OPENCLOCK#${process}`,
  /** Cases to wake, spread over WAKE_SHARDS partitions so no one partition takes every timer's writes. */
  wake: (shard: number) => `WAKE#${String(shard).padStart(2, '0')}`,
  /** The pending-outbox partition of one message: `OUTBOX#PENDING#<shard>`, the shard from its id. */
  pendingOutbox: (messageId: string) => `OUTBOX#PENDING#${outboxShardOf(messageId)}`,
  /** Every pending-outbox partition, for readers (each one queried, merged by creation). */
  pendingOutboxShards: (): string[] =>
    Array.from({ length: OUTBOX_SHARDS }, (_, shard) => `OUTBOX#PENDING#${String(shard).padStart(2, '0')}`),
  clocksOfKind: (process: string, clockDefinitionId: string) => `CLOCKS#${process}#${clockDefinitionId}`,
  casesOfProcess: (process: string) => `CASES#${process}`,
  actor: (userId: string) => `ACTOR#${userId}`,
  lead: (email: string) => `LEAD#${email.toLowerCase()}`,
  /** One child's cases across processes, by the council's pseudonymous child key. */
  child: (childKey: string) => `CHILD#${childKey}`,
};

/** DynamoDB's attribute value, as the low-level API and Step Functions' SDK integration both take it. */
export type AttributeValue = { S: string } | { N: string } | { BOOL: boolean } | { NULL: true };
export type Item = Record<string, AttributeValue>;

export function s(value: string): AttributeValue {
  return { S: value };
}
export function n(value: number): AttributeValue {
  return { N: String(value) };
}

/** Build a stored item: string attributes as S, numbers as N, and `body` as a JSON string. */
export function item(attributes: Record<string, string | number | undefined>, body: unknown): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'number' ? n(v) : s(v);
  }
  out.body = s(JSON.stringify(body));
  return out;
}

export function bodyOf<T>(stored: Record<string, unknown> | undefined): T | undefined {
  const body = stored?.body as { S?: string } | string | undefined;
  if (body === undefined) return undefined;
  return JSON.parse(typeof body === 'string' ? body : (body.S ?? 'null')) as T;
}
