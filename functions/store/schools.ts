/**
 * The school directory in the single table. A school is one item (PK SCHOOL#<urn>, SK SCHOOL) whose body
 * is the School; GSI2 lists a local authority's schools by URN. Every write carries its audit item.
 */
import type { BatchGetItemCommandOutput, BatchWriteItemCommandOutput, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { dynamodb } from '../aws-sdk';
import type { AuditEntry } from '#core/process/model';
import type { School } from '#core/schools/model';
import { bodyOf, item, type Item } from './table';
import { auditItem } from './transaction';

const { BatchGetItemCommand, BatchWriteItemCommand, GetItemCommand, paginateQuery, TransactWriteItemsCommand } = dynamodb;

export const schoolKey = (urn: string) => ({ PK: `SCHOOL#${urn}`, SK: 'SCHOOL' });
export const schoolsOfLocalAuthority = (localAuthorityCode: string) => `SCHOOLS#${localAuthorityCode}`;

export function schoolItem(school: School): Item {
  return item({ ...schoolKey(school.urn), entityType: 'School', GSI2PK: schoolsOfLocalAuthority(school.localAuthorityCode), GSI2SK: school.urn }, school);
}

/** DynamoDB takes at most 25 writes in one BatchWriteItem and 100 keys in one BatchGetItem. */
const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;
const MAX_ATTEMPTS = 8;

export interface SchoolStoreOptions {
  /** Wait before retrying unprocessed items (attempt 1, 2, …); tests pass a no-op. */
  backoff?: (attempt: number) => Promise<void>;
}

const defaultBackoff = (attempt: number) => new Promise<void>((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000) * (0.5 + Math.random() / 2)));

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
    const out = await this.db.send(new GetItemCommand({ TableName: this.tableName, Key: { PK: { S: k.PK }, SK: { S: k.SK } }, ConsistentRead: true }));
    return bodyOf<School>(out.Item);
  }

  /** The stored schools among `urns` (those not stored are simply absent), by URN. */
  async getMany(urns: readonly string[]): Promise<Map<string, School>> {
    const found = new Map<string, School>();
    const unique = [...new Set(urns)];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let keys: Record<string, any>[] | undefined = unique.slice(i, i + BATCH_GET_LIMIT).map((urn) => {
        const k = schoolKey(urn);
        return { PK: { S: k.PK }, SK: { S: k.SK } };
      });
      for (let attempt = 1; keys?.length; attempt++) {
        if (attempt > MAX_ATTEMPTS) throw new Error(`Reading schools: DynamoDB left ${keys.length} keys unprocessed after ${MAX_ATTEMPTS} attempts`);
        if (attempt > 1) await this.backoff(attempt - 1);
        const out: BatchGetItemCommandOutput = await this.db.send(new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
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
    const schools: School[] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'GSI2PK' },
        ExpressionAttributeValues: { ':pk': { S: schoolsOfLocalAuthority(localAuthorityCode) } },
      },
    );
    for await (const page of pages) for (const stored of page.Items ?? []) schools.push(bodyOf<School>(stored)!);
    return schools;
  }

  /** One school and its audit entry, in one transaction: both or neither. */
  async save(school: School, audit: AuditEntry): Promise<void> {
    await this.db.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: this.tableName, Item: schoolItem(school) } }, { Put: { TableName: this.tableName, Item: auditItem(audit) } }],
      }),
    );
  }

  /**
   * Many schools (an import), in BatchWriteItem requests of up to 25, retrying what DynamoDB leaves
   * unprocessed. The one audit entry (which names how many schools were loaded) goes in the first
   * request, so no school is written without it. Not atomic: a failure part-way throws, and sending the
   * same import again is safe (each write puts the whole school).
   */
  async saveMany(schools: readonly School[], audit: AuditEntry): Promise<void> {
    const seen = new Set<string>();
    for (const school of schools) {
      if (seen.has(school.urn)) throw new Error(`School ${school.urn} is listed twice in one load`);
      seen.add(school.urn);
    }
    const requests: WriteRequest[] = [{ PutRequest: { Item: auditItem(audit) } }, ...schools.map((school) => ({ PutRequest: { Item: schoolItem(school) } }))];
    for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
      let pending: WriteRequest[] | undefined = requests.slice(i, i + BATCH_WRITE_LIMIT);
      for (let attempt = 1; pending?.length; attempt++) {
        if (attempt > MAX_ATTEMPTS) throw new Error(`Loading schools: DynamoDB left ${pending.length} writes unprocessed after ${MAX_ATTEMPTS} attempts`);
        if (attempt > 1) await this.backoff(attempt - 1);
        const out: BatchWriteItemCommandOutput = await this.db.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = out.UnprocessedItems?.[this.tableName];
      }
    }
  }
}
