/** A platform for one test file: its own table in the shared DynamoDB Local, its own clock. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { localClient } from '#local/dynamodb-local';
import { type Platform, type PlatformOptions, startPlatform } from '#local/platform';

export async function testPlatform(options: Omit<PlatformOptions, 'dynamo'> = {}): Promise<Platform> {
  const endpoint = inject('dynamoEndpoint');
  return startPlatform({
    tableName: `t-${randomUUID()}`,
    ...options,
    dynamo: { endpoint, client: localClient(endpoint) },
  });
}
