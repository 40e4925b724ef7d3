/**
 * Reads and the few direct writes the API makes (audit of reads and refusals). Every query names an
 * index; none scans.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AuditEntry, CaseRecord, EventResponse, TimelineEntry } from '#core/process/model';
import { dynamodb } from '../aws-sdk';
import { type FeedEntry, feedKey } from './feed';
import { bodyOf, gsi, key } from './table';
import { auditItem, type clockSummary } from './transaction';

const { GetItemCommand, paginateQuery, PutItemCommand, QueryCommand } = dynamodb;

export type ClockSummary = ReturnType<typeof clockSummary>;

/**
 * An event's stored outcome (the API's answer), its case, and who sent it (absent on
 * records written before senders were kept).
 */
export interface StoredEvent {
  response: EventResponse;
  caseId?: string;
  sentBy?: { userId: string; organisation: string };
}

/** Whose audit, between which instants (inclusive, ISO), for a page read newest first. */
export interface AuditSelection {
  of: { actor: string } | { caseId: string };
  /** The first and last instants to include (ISO, UTC); absent: from the first entry, to the last. */
  from?: string;
  to?: string;
}

/**
 * Where a page of the audit starts: the stored keys of the last entry of the page before (DynamoDB's
 * ExclusiveStartKey), kept opaque to callers.
 */
export type AuditPosition = Record<string, string>;

/** One page of the audit, newest first, and where the next starts (none: this is the last). */
export interface AuditPage {
  entries: AuditEntry[];
  next?: AuditPosition;
}

/** The key names a position of each audit query holds, and the partition it must name. */
export function auditQueryOf(selection: AuditSelection) {
  const byActor = 'actor' in selection.of;
  const pk = 'actor' in selection.of ? gsi.actor(selection.of.actor) : key.case(selection.of.caseId).PK;
  const prefix = byActor ? '' : 'AUDIT#';
  return {
    index: byActor ? 'GSI3' : undefined,
    pkName: byActor ? 'GSI3PK' : 'PK',
    skName: byActor ? 'GSI3SK' : 'SK',
    keyNames: byActor ? ['PK', 'SK', 'GSI3PK', 'GSI3SK'] : ['PK', 'SK'],
    pk,
    // Sort keys are `${prefix}${at}#${auditId}`: '~' sorts after every '#…', so `to` keeps its own instant.
    from: `${prefix}${selection.from ?? '0'}`,
    to: `${prefix}${selection.to ?? '9'}~`,
  };
}

export class CaseStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async getCase(caseId: string): Promise<CaseRecord | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { PK: { S: key.case(caseId).PK }, SK: { S: 'CASE' } },
        ConsistentRead: true,
      }),
    );
    return bodyOf<CaseRecord>(out.Item);
  }

  /**
   * The ids of one child's cases, oldest first, by the council's child key (GSI1 CHILD#<key>; at most
   * `limit`). Ids only: whoever reads them reads each case again (consistently) and checks who may see it.
   */
  async caseIdsOfChild(childKey: string, limit = 100): Promise<string[]> {
    const cases = await this.queryBodies<CaseRecord>({ index: 'GSI1', pk: gsi.child(childKey), limit });
    return cases.map((c) => c.caseId);
  }

  /** An event's outcome, with its case and who sent it (kept beside the outcome, not in it). */
  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    const k = key.event(eventId);
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        ConsistentRead: true,
      }),
    );
    const response = bodyOf<EventResponse>(out.Item);
    if (!response) return undefined;
    const text = (name: string) => out.Item?.[name]?.S || undefined;
    const caseId = text('caseId');
    const userId = text('sentByUserId');
    const organisation = text('sentByOrganisation');
    return {
      response,
      ...(caseId ? { caseId } : {}),
      ...(userId && organisation ? { sentBy: { userId, organisation } } : {}),
    };
  }

  private async queryBodies<T>(input: {
    index?: string;
    pk: string;
    skPrefix?: string;
    skBetween?: [string, string];
    limit?: number;
    forward?: boolean;
  }): Promise<T[]> {
    const pkName = input.index ? `${input.index}PK` : 'PK';
    const skName = input.index ? `${input.index}SK` : 'SK';
    const names: Record<string, string> = { '#pk': pkName };
    const values: Record<string, { S: string }> = { ':pk': { S: input.pk } };
    let condition = '#pk = :pk';
    if (input.skPrefix !== undefined) {
      names['#sk'] = skName;
      values[':sk'] = { S: input.skPrefix };
      condition += ' AND begins_with(#sk, :sk)';
    } else if (input.skBetween) {
      names['#sk'] = skName;
      values[':from'] = { S: input.skBetween[0] };
      values[':to'] = { S: input.skBetween[1] };
      condition += ' AND #sk BETWEEN :from AND :to';
    }
    const bodies: T[] = [];
    // Pages of at most `limit` items; stop reading once `limit` bodies are in hand.
    const pages = paginateQuery(
      { client: this.db, ...(input.limit ? { pageSize: input.limit } : {}) },
      {
        TableName: this.tableName,
        ...(input.index ? { IndexName: input.index } : {}),
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: input.forward ?? true,
      },
    );
    for await (const page of pages) {
      for (const i of page.Items ?? []) bodies.push(bodyOf<T>(i)!);
      if (input.limit && bodies.length >= input.limit) return bodies.slice(0, input.limit);
    }
    return bodies;
  }

  /** A case's timeline: each event's item holds its entries (older items hold one entry each). */
  async timeline(caseId: string): Promise<TimelineEntry[]> {
    const items = await this.queryBodies<TimelineEntry | { entries: TimelineEntry[] }>({
      pk: key.case(caseId).PK,
      skPrefix: 'TL#',
    });
    return items.flatMap((i) => ('entries' in i ? i.entries : [i])).sort((a, b) => a.at.localeCompare(b.at));
  }

  auditOfCase(caseId: string): Promise<AuditEntry[]> {
    return this.queryBodies({ pk: key.case(caseId).PK, skPrefix: 'AUDIT#' });
  }

  auditOfActor(userId: string, limit = 500): Promise<AuditEntry[]> {
    return this.queryBodies({ index: 'GSI3', pk: gsi.actor(userId), limit, forward: false });
  }

  /**
   * A page of the audit of a person or a case, newest first, between two instants: one index query from
   * `after` (the position the page before ended at), reading no further than the page needs. `keep` drops
   * entries the reader may not see (an organisation's administrator: their own people's); then the page
   * may hold fewer than `limit`, and at most `examine` entries are read for it, so a reader who may see
   * little never reads a whole partition for one page; `next` says where to go on.
   */
  async auditPage(
    selection: AuditSelection,
    options: { limit: number; after?: AuditPosition; keep?: (entry: AuditEntry) => boolean; examine?: number },
  ): Promise<AuditPage> {
    const q = auditQueryOf(selection);
    const examine = options.examine ?? Math.max(options.limit * 10, 500);
    const entries: AuditEntry[] = [];
    let start = options.after;
    let examined = 0;
    let lastIncluded: AuditPosition | undefined;
    let lastExamined: AuditPosition | undefined;
    while (examined < examine) {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...(q.index ? { IndexName: q.index } : {}),
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': q.pkName, '#sk': q.skName },
          ExpressionAttributeValues: { ':pk': { S: q.pk }, ':from': { S: q.from }, ':to': { S: q.to } },
          ScanIndexForward: false,
          // One more than the page wants, so a full page knows whether another follows.
          Limit: Math.min(options.limit + 1 - entries.length, examine - examined),
          ...(start ? { ExclusiveStartKey: storedKey(start) } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        examined++;
        const position = positionOf(item, q.keyNames);
        lastExamined = position;
        if (options.keep && !options.keep(bodyOf<AuditEntry>(item)!)) continue;
        if (entries.length === options.limit) return { entries, next: lastIncluded! };
        entries.push(bodyOf<AuditEntry>(item)!);
        lastIncluded = position;
      }
      if (!out.LastEvaluatedKey) return { entries };
      start = positionOf(out.LastEvaluatedKey, q.keyNames);
    }
    // As far as one page may read: the next page goes on from the last entry read.
    return { entries, ...(lastExamined ? { next: lastExamined } : {}) };
  }

  /** Open clocks of a process with due instants up to `until` (ISO), soonest first. */
  openClocks(process: string, until?: string, limit = 500): Promise<ClockSummary[]> {
    return this.queryBodies({
      index: 'GSI1',
      pk: gsi.openClocks(process),
      ...(until ? { skBetween: ['0', `${until}~`] as [string, string] } : {}),
      limit,
    });
  }

  /** Open clocks of a process from an index sort key on (`${dueAt}#${caseId}#${clockId}`), soonest first. */
  openClocksFrom(process: string, from: string, limit: number): Promise<ClockSummary[]> {
    return this.queryBodies({
      index: 'GSI1',
      pk: gsi.openClocks(process),
      skBetween: [from || '0', '~'],
      limit,
    });
  }

  clocksOfKind(process: string, clockDefinitionId: string, from = '0', to = '~'): Promise<ClockSummary[]> {
    return this.queryBodies({ index: 'GSI2', pk: gsi.clocksOfKind(process, clockDefinitionId), skBetween: [from, to] });
  }

  casesOfProcess(process: string, limit = 1000): Promise<CaseRecord[]> {
    return this.queryBodies({ index: 'GSI2', pk: gsi.casesOfProcess(process), limit, forward: false });
  }

  /**
   * Every case of a process opened up to `until` (ISO), oldest first: the cases that may count in a year's
   * figures (an episode opened years before may close this year; a child who entered care long ago has
   * reviews due). Read whole, page by page: for the board, not for a request a person waits on often.
   */
  casesOfProcessOpenedBy(process: string, until: string): Promise<CaseRecord[]> {
    return this.queryBodies({ index: 'GSI2', pk: gsi.casesOfProcess(process), skBetween: ['0', `${until}~`] });
  }

  casesOfLead(email: string, limit = 200): Promise<CaseRecord[]> {
    return this.casesOnPeopleIndex(gsi.lead(email), limit);
  }

  /** Cases filed under one key of the people index (a lead practitioner, a school), newest first. */
  casesOnPeopleIndex(indexKey: string, limit = 200): Promise<CaseRecord[]> {
    return this.queryBodies({ index: 'GSI3', pk: indexKey, limit, forward: false });
  }

  /**
   * A page of a council's feed, oldest first: the entries after `since` (an entry's id; an instant alone
   * takes that instant's entries too) and before `until` (an instant: the settled horizon,
   * functions/store/feed.ts), at most `limit` of them. One query of the council's partition.
   */
  async feedPage(council: string, options: { since?: string; until: string; limit: number }): Promise<FeedEntry[]> {
    const since = options.since ?? '0';
    if (since >= options.until) return [];
    const entries = await this.queryBodies<FeedEntry>({
      pk: feedKey.pk(council),
      // BETWEEN is inclusive: `until` is an instant, which sorts before every entry of that instant; one
      // more is read in case the first is the cursor's own entry.
      skBetween: [since, options.until],
      limit: options.limit + 1,
    });
    return entries.filter((e) => e.id !== since).slice(0, options.limit);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db.send(new PutItemCommand({ TableName: this.tableName, Item: auditItem(entry) }));
  }
}

const storedKey = (position: AuditPosition) =>
  Object.fromEntries(Object.entries(position).map(([name, value]) => [name, { S: value }]));

/** The stored keys of an item (its table and index keys), as an audit position. */
function positionOf(item: Record<string, unknown>, names: readonly string[]): AuditPosition {
  return Object.fromEntries(names.map((name) => [name, (item[name] as { S?: string } | undefined)?.S ?? '']));
}
