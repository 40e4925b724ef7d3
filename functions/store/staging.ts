/**
 * An event's request, staged in the table so that the execution input carries ids only (Step Functions
 * keeps execution input and history for up to 90 days; the table is encrypted with the project's key and
 * the staged item is deleted by the commit, or by TTL a day later if the event never applied).
 *
 * And the Idempotency-Key records: a key names one request of one person for 24 hours; it is written in
 * the commit transaction, so only a request that applied leaves one.
 */
import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { dynamodb } from '../aws-sdk';
import { type IdempotencyRecord, type StagedEvent, stagedItem, stagingKey } from './staged';
import { bodyOf } from './table';

const { BatchWriteItemCommand, GetItemCommand } = dynamodb;

export * from './staged';

export class StagingStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: { backoff?: (attempt: number) => Promise<void> } = {},
  ) {}

  /**
   * Stage requests (up to thousands, for a police batch), 25 to a
   * BatchWriteItem, retrying what is left unprocessed.
   */
  async stage(entries: { eventId: string; attempt: string; staged: StagedEvent }[], now: Date): Promise<void> {
    const requests: WriteRequest[] = entries.map((e) => ({
      PutRequest: { Item: stagedItem(e.eventId, e.attempt, e.staged, now) },
    }));
    for (let i = 0; i < requests.length; i += 25) {
      let batch = requests.slice(i, i + 25);
      for (let attempt = 0; batch.length; attempt++) {
        if (attempt === 8) throw new Error('The store did not accept the staged requests; try again');
        const out = await this.db.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: batch } }));
        batch = out.UnprocessedItems?.[this.tableName] ?? [];
        if (batch.length)
          await (this.options.backoff ?? ((n) => new Promise((r) => setTimeout(r, 50 * 2 ** n))))(attempt);
      }
    }
  }

  /** The live record of a person's Idempotency-Key, if one is remembered. */
  async idempotencyRecord(userId: string, idempotencyKey: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const k = stagingKey.idempotency(userId, idempotencyKey);
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { PK: { S: k.PK }, SK: { S: k.SK } },
        ConsistentRead: true,
      }),
    );
    const record = bodyOf<IdempotencyRecord>(out.Item);
    return record && record.expiresAt > now.getTime() / 1000 ? record : undefined;
  }
}
