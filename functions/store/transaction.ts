/**
 * A decision becomes one DynamoDB transaction: the case (with a version check), its timeline, its clocks,
 * its timers, its outbox and its audit, and the event's own record, all or nothing.
 */
import { type ClockState, isOpen } from '#core/clocks/model';
import { nextWake } from '#core/process/decide';
import type { AuditEntry, CaseRecord, Decision, ProcessEvent } from '#core/process/model';
import { type FeedCommit, feedEntriesFor, feedItem } from './feed';
import { inDueOrder, type QueuedMessage } from './outbox';
import { IDEMPOTENCY_KEY_TTL_SECONDS, idempotencyItem, stagingKey } from './staged';

export { dueAtOf, inDueOrder, type QueuedMessage } from './outbox';

import { gsi, type Item, item, key, n, s, wakeShardOf } from './table';

export type TransactItem =
  | { Put: { TableName: string; Item: Item; ConditionExpression?: string; ExpressionAttributeValues?: Item } }
  | {
      Update: {
        TableName: string;
        Key: Item;
        UpdateExpression: string;
        ExpressionAttributeValues?: Item;
        ExpressionAttributeNames?: Record<string, string>;
      };
    }
  | { Delete: { TableName: string; Key: Item } };

const keyItem = (k: { PK: string; SK: string }): Item => ({ PK: s(k.PK), SK: s(k.SK) });

/** The commissioner-safe summary of a clock, stored as its own item for the figures and due-soon lists. */
export function clockSummary(record: CaseRecord, clock: ClockState) {
  return {
    caseId: record.caseId,
    caseCode: record.caseCode,
    process: record.process,
    /** Whose clock list it may appear in (never shown: the open-clocks route scopes by it). */
    organisations: record.organisations,
    clockId: clock.id,
    definitionId: clock.definitionId,
    title: clock.title,
    source: clock.source.kind,
    /** How it counts, its length and owner: what its one state (core/clocks/state.ts) is worked out from. */
    kind: clock.kind,
    length: clock.length,
    ...(clock.ownerOrganisation ? { ownerOrganisation: clock.ownerOrganisation } : {}),
    status: clock.status,
    startedAt: clock.startedAt,
    dueAt: clock.dueAt,
    stoppedAt: clock.stoppedAt ?? null,
    reached: clock.reached,
  };
}

export function clockItem(record: CaseRecord, clock: ClockState): Item {
  return item(
    {
      ...key.clock(record.caseId, clock.id),
      entityType: 'Clock',
      ...(isOpen(clock)
        ? { GSI1PK: gsi.openClocks(record.process), GSI1SK: `${clock.dueAt}#${record.caseId}#${clock.id}` }
        : {}),
      GSI2PK: gsi.clocksOfKind(record.process, clock.definitionId),
      GSI2SK: `${clock.startedAt}#${record.caseId}#${clock.id}`,
      status: clock.status,
    },
    clockSummary(record, clock),
  );
}

/** The case's one wake-up item, on the sharded index by due instant (the local scheduler reads it). */
export function wakeItem(record: CaseRecord, dueAt: string): Item {
  return item(
    {
      ...key.wake(record.caseId),
      entityType: 'Wake',
      GSI1PK: gsi.wake(wakeShardOf(record.caseId)),
      GSI1SK: `${dueAt}#${record.caseId}`,
      caseId: record.caseId,
      process: record.process,
      dueAt,
    },
    { caseId: record.caseId, process: record.process, dueAt },
  );
}

export function outboxItem(message: QueuedMessage): Item {
  return item(
    {
      ...key.outbox(message.messageId),
      entityType: 'Outbox',
      GSI1PK: gsi.pendingOutbox(message.messageId),
      GSI1SK: `${message.createdAt}#${message.messageId}`,
      status: 'pending',
    },
    message,
  );
}

export function auditItem(entry: AuditEntry): Item {
  return item(
    {
      ...key.audit(entry.caseId, entry.at, entry.auditId),
      entityType: 'Audit',
      GSI3PK: gsi.actor(entry.actor.userId),
      GSI3SK: `${entry.at}#${entry.auditId}`,
    },
    entry,
  );
}

export function caseItem(
  record: CaseRecord,
  peopleIndexKey: string | undefined = record.leadPractitionerEmail
    ? gsi.lead(record.leadPractitionerEmail)
    : undefined,
): Item {
  return item(
    {
      ...key.case(record.caseId),
      entityType: 'Case',
      version: record.version,
      process: record.process,
      status: record.status,
      GSI2PK: gsi.casesOfProcess(record.process),
      GSI2SK: `${record.openedAt}#${record.caseId}`,
      ...(peopleIndexKey ? { GSI3PK: peopleIndexKey, GSI3SK: `${record.openedAt}#${record.caseId}` } : {}),
      // The child's other cases are found by the child key (functions/store/table.ts, pattern (2)).
      ...(record.child?.key
        ? { GSI1PK: gsi.child(record.child.key), GSI1SK: `${record.openedAt}#${record.caseId}` }
        : {}),
    },
    record,
  );
}

function clockChanged(before: ClockState | undefined, after: ClockState): boolean {
  return !before || JSON.stringify(before) !== JSON.stringify(after);
}

export function transactItemsFor(
  tableName: string,
  event: ProcessEvent,
  decision: Decision,
  current: CaseRecord | undefined,
  /** The process's key on the people index (e.g. its school); default the lead practitioner. */
  peopleIndexKey?: (record: CaseRecord) => string | undefined,
  /** The staged request to delete, and the Idempotency-Key to remember if the event applies. */
  request: {
    staged?: { eventId: string; attempt: string };
    idempotency?: { userId: string; key: string; fingerprint: string };
  } = {},
  /** The commit's instant and what the councils' feed needs (./feed.ts); absent: no feed entries written. */
  feed?: FeedCommit,
): TransactItem[] {
  const items: TransactItem[] = [];
  const put = (Item: Item, ConditionExpression?: string, ExpressionAttributeValues?: Item) =>
    items.push({
      Put: {
        TableName: tableName,
        Item,
        ...(ConditionExpression ? { ConditionExpression } : {}),
        ...(ExpressionAttributeValues ? { ExpressionAttributeValues } : {}),
      },
    });

  // The staged request has served its purpose whatever the outcome: the child's details leave with it.
  const staged = request.staged;
  const deleteStaged = () =>
    staged &&
    items.push({ Delete: { TableName: tableName, Key: keyItem(stagingKey.staged(staged.eventId, staged.attempt)) } });

  if (decision.outcome === 'duplicate') {
    deleteStaged();
    return items;
  }
  const eventRecord = item(
    {
      ...key.event(event.eventId),
      entityType: 'Event',
      caseId: decision.response.caseId,
      type: event.type,
      outcome: decision.outcome,
      sentByUserId: event.actor.userId,
      sentByOrganisation: event.actor.organisation,
    },
    decision.response,
  );
  if (decision.outcome === 'rejected') {
    // A refusal is recorded (for GET /events/{id}) and audited, but blocks nothing: the same event may
    // apply later, when the reason has gone (the applied record's condition allows for it).
    put(eventRecord, 'attribute_not_exists(PK) OR outcome = :rejected', { ':rejected': s('rejected') });
    for (const entry of decision.audit) put(auditItem(entry));
    deleteStaged();
    return items;
  }

  const record = decision.case;
  const stored = peopleIndexKey ? caseItem(record, peopleIndexKey(record)) : caseItem(record);
  if (decision.previousVersion === undefined) put(stored, 'attribute_not_exists(PK)');
  else put(stored, 'version = :expected', { ':expected': n(decision.previousVersion) });
  // The event's own record is the exactly-once guarantee: an applied event can never apply again.
  put(eventRecord, 'attribute_not_exists(PK) OR outcome = :rejected', { ':rejected': s('rejected') });
  deleteStaged();
  const idempotency = request.idempotency;
  if (idempotency) {
    const nowSeconds = Math.floor(new Date(event.recordedAt).getTime() / 1000);
    put(
      idempotencyItem(idempotency.userId, idempotency.key, {
        fingerprint: idempotency.fingerprint,
        eventId: event.eventId,
        expiresAt: nowSeconds + IDEMPOTENCY_KEY_TTL_SECONDS,
      }),
      'attribute_not_exists(PK) OR expiresAt < :now',
      { ':now': n(nowSeconds) },
    );
  }

  // One timeline item per event, holding its entries (an opening writes several: one item, not one each).
  if (decision.timeline.length)
    put(
      item(
        { ...key.timeline(record.caseId, decision.timeline[0]!.at, event.eventId, 0), entityType: 'Timeline' },
        { entries: decision.timeline },
      ),
    );
  for (const clock of Object.values(record.clocks))
    if (clockChanged(current?.clocks[clock.id], clock)) put(clockItem(record, clock));
  // The councils' feed: one entry per clock event, in the same commit as the change (./feed.ts).
  if (feed) for (const entry of feedEntriesFor(current, record, feed)) put(feedItem(entry), 'attribute_not_exists(PK)');
  for (const message of inDueOrder(decision.notifications)) put(outboxItem(message), 'attribute_not_exists(PK)');
  for (const entry of decision.audit) put(auditItem(entry));
  // The timers themselves live on the case; one wake-up item per case says when it next needs waking.
  const wakeBefore = nextWake(current);
  const wakeAfter = nextWake(record);
  if (wakeAfter !== wakeBefore) {
    if (wakeAfter) put(wakeItem(record, wakeAfter));
    else items.push({ Delete: { TableName: tableName, Key: keyItem(key.wake(record.caseId)) } });
  }
  if (items.length > 100)
    throw new Error(`One event produced ${items.length} writes; a DynamoDB transaction takes at most 100`);
  return items;
}
