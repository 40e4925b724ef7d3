/**
 * The school directory in the single table. A school is one item (PK SCHOOL#<urn>, SK SCHOOL) whose body
 * is the School; GSI2 lists a local authority's schools by URN, GSI1 the schools following a term
 * calendar. A term calendar imported from a council's published dates is one item (PK TERMCAL#<id>,
 * SK TERMCAL), listed together on GSI2. Every write carries its audit item.
 */
import type {
  BatchGetItemCommandOutput,
  BatchWriteItemCommandOutput,
  DynamoDBClient,
  KeysAndAttributes,
  WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { TermCalendar } from '#core/calendar/index';
import type { AuditEntry } from '#core/process/model';
import type { School } from '#core/schools/model';
import { dynamodb } from '../aws-sdk';
import { bodyOf, type Item, item } from './table';
import { auditItem } from './transaction';

const { BatchGetItemCommand, BatchWriteItemCommand, GetItemCommand, paginateQuery, TransactWriteItemsCommand } =
  dynamodb;

export const schoolKey = (urn: string) => ({ PK: `SCHOOL#${urn}`, SK: 'SCHOOL' });
export const schoolsOfLocalAuthority = (localAuthorityCode: string) => `SCHOOLS#${localAuthorityCode}`;
export const schoolsFollowingCalendar = (termCalendarId: string) => `SCHOOLS-OF-CALENDAR#${termCalendarId}`;
export const termCalendarKey = (id: string) => ({ PK: `TERMCAL#${id}`, SK: 'TERMCAL' });
export const TERM_CALENDARS = 'TERMCALS';

export function schoolItem(school: School): Item {
  return item(
    {
      ...schoolKey(school.urn),
      entityType: 'School',
      GSI2PK: schoolsOfLocalAuthority(school.localAuthorityCode),
      GSI2SK: school.urn,
      GSI1PK: schoolsFollowingCalendar(school.termCalendarId),
      GSI1SK: school.urn,
    },
    school,
  );
}

/**
 * A term calendar imported from a council's published dates (the whole calendar: the
 * years kept from before and those imported).
 */
export interface StoredTermCalendar extends TermCalendar {
  updatedAt: string;
}

export function termCalendarItem(calendar: StoredTermCalendar): Item {
  return item(
    { ...termCalendarKey(calendar.id), entityType: 'TermCalendar', GSI2PK: TERM_CALENDARS, GSI2SK: calendar.id },
    calendar,
  );
}

/** DynamoDB takes at most 25 writes in one BatchWriteItem and 100 keys in one BatchGetItem. */
const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;
const MAX_ATTEMPTS = 8;

export interface SchoolStoreOptions {
  /** Wait before retrying unprocessed items (attempt 1, 2, …); tests pass a no-op. */
  backoff?: (attempt: number) => Promise<void>;
}

const defaultBackoff = (attempt: number) =>
  new Promise<void>((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000) * (0.5 + Math.random() / 2)));

export class SchoolStore {
  private readonly backoff: (attempt: number) => Promise<void>;

  constructor(
    private readonly db: DynamoDBClient,
    private readonly tableName: string,
    options: SchoolStoreOptions = {},
  ) {
    this.backoff = options.backoff ?? defaultBackoff;
  }

  async get(urn: string): Promise<School | undefined> {
    const k = schoolKey(urn);
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        ConsistentRead: true,
      }),
    );
    return bodyOf<School>(out.Item);
  }

  /** The stored schools among `urns` (those not stored are simply absent), by URN. */
  async getMany(urns: readonly string[]): Promise<Map<string, School>> {
    const found = new Map<string, School>();
    const unique = [...new Set(urns)];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let keys: KeysAndAttributes['Keys'] = unique.slice(i, i + BATCH_GET_LIMIT).map((urn) => {
        const k = schoolKey(urn);
        return { PK: { S: k.PK }, SK: { S: k.SK } };
      });
      for (let attempt = 1; keys?.length; attempt++) {
        if (attempt > MAX_ATTEMPTS)
          throw new Error(
            `Reading schools: DynamoDB left ${keys.length} keys unprocessed after ${MAX_ATTEMPTS} attempts`,
          );
        if (attempt > 1) await this.backoff(attempt - 1);
        const out: BatchGetItemCommandOutput = await this.db.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const stored of out.Responses?.[this.tableName] ?? []) {
          const school = bodyOf<School>(stored);
          if (school) found.set(school.urn, school);
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /** A local authority's schools, by URN: one query on GSI2 (paged), never a Scan. */
  async listByLocalAuthority(localAuthorityCode: string): Promise<School[]> {
    return this.query<School>('GSI2', schoolsOfLocalAuthority(localAuthorityCode));
  }

  /** The schools following a term calendar, by URN: one query on GSI1 (paged). */
  async listFollowing(termCalendarId: string): Promise<School[]> {
    return this.query<School>('GSI1', schoolsFollowingCalendar(termCalendarId));
  }

  private async query<T>(indexName: 'GSI1' | 'GSI2', partition: string): Promise<T[]> {
    const found: T[] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${indexName}PK` },
        ExpressionAttributeValues: { ':pk': { S: partition } },
      },
    );
    for await (const page of pages) for (const stored of page.Items ?? []) found.push(bodyOf<T>(stored)!);
    return found;
  }

  /** An imported term calendar, or undefined (then the school follows a shipped one, config/term-calendars.json). */
  async getTermCalendar(id: string): Promise<StoredTermCalendar | undefined> {
    const k = termCalendarKey(id);
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        ConsistentRead: true,
      }),
    );
    return bodyOf<StoredTermCalendar>(out.Item);
  }

  /** Every imported term calendar, by id: one query on GSI2. */
  async listTermCalendars(): Promise<StoredTermCalendar[]> {
    return this.query<StoredTermCalendar>('GSI2', TERM_CALENDARS);
  }

  /** A term calendar and its audit entry, in one transaction: both or neither. */
  async saveTermCalendar(calendar: StoredTermCalendar, audit: AuditEntry): Promise<void> {
    await this.db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: termCalendarItem(calendar) } },
          { Put: { TableName: this.tableName, Item: auditItem(audit) } },
        ],
      }),
    );
  }

  /** One school and its audit entry, in one transaction: both or neither. */
  async save(school: School, audit: AuditEntry): Promise<void> {
    await this.db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: schoolItem(school) } },
          { Put: { TableName: this.tableName, Item: auditItem(audit) } },
        ],
      }),
    );
  }

  /**
   * Many schools (an import), in BatchWriteItem requests of up to 25, retrying what DynamoDB leaves
   * unprocessed; and the schools it removes, deleted. The one audit entry (which names how many schools
   * were loaded and removed) goes in the first request, so no school is written or removed without it.
   * Not atomic: a failure part-way throws, and sending the same import again is safe (each write puts
   * the whole school; a school already removed is removed again, which changes nothing).
   */
  async saveMany(schools: readonly School[], audit: AuditEntry, remove: readonly School[] = []): Promise<void> {
    const seen = new Set<string>();
    for (const school of [...schools, ...remove]) {
      if (seen.has(school.urn)) throw new Error(`School ${school.urn} is listed twice in one load`);
      seen.add(school.urn);
    }
    const requests: WriteRequest[] = [
      { PutRequest: { Item: auditItem(audit) } },
      ...schools.map((school) => ({ PutRequest: { Item: schoolItem(school) } })),
      // Schools the import removes (closed, or no longer in their authority's register): deleted in the
      // same batches (BatchWriteItem deletes too), after the audit entry that names them.
      ...remove.map((school) => {
        const k = schoolKey(school.urn);
        return { DeleteRequest: { Key: { PK: { S: k.PK }, SK: { S: k.SK } } } };
      }),
    ];
    for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
      let pending: WriteRequest[] | undefined = requests.slice(i, i + BATCH_WRITE_LIMIT);
      for (let attempt = 1; pending?.length; attempt++) {
        if (attempt > MAX_ATTEMPTS)
          throw new Error(
            `Loading schools: DynamoDB left ${pending.length} writes unprocessed after ${MAX_ATTEMPTS} attempts`,
          );
        if (attempt > 1) await this.backoff(attempt - 1);
        const out: BatchWriteItemCommandOutput = await this.db.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = out.UnprocessedItems?.[this.tableName];
      }
    }
  }
}
