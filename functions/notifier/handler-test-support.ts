/**
 * What the notifier's and the sweeper's handler tests share: the environment their Lambdas read, a Notify
 * key in the (mocked) secret, and the JSON lines the shared logger and metrics write, collected.
 */
import type {
  DynamoDBClient,
  ServiceInputTypes as DynamoDBInput,
  ServiceOutputTypes as DynamoDBOutput,
} from '@aws-sdk/client-dynamodb';
import {
  GetSecretValueCommand,
  type SecretsManagerClient,
  type ServiceInputTypes as SecretsManagerInput,
  type ServiceOutputTypes as SecretsManagerOutput,
} from '@aws-sdk/client-secrets-manager';
import type { AwsStub } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';

export const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:righttime-notify-AbCdEf';
// The shape of a GOV.UK Notify key (name, service id, secret id); not a real one.
export const FAKE_NOTIFY_KEY =
  'righttime_test-11111111-2222-3333-4444-555555555555-66666666-7777-8888-9999-000000000000';

/** Set up each test of a handler file; returns the log lines written during the current test. */
export function useHandlerEnvironment(
  ddb: AwsStub<DynamoDBInput, DynamoDBOutput, DynamoDBClient['config']>,
  secrets: AwsStub<SecretsManagerInput, SecretsManagerOutput, SecretsManagerClient['config']>,
): () => string[] {
  let logged: string[] = [];
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.TABLE_NAME = 'righttime-test';
    process.env.NOTIFY_API_KEY_SECRET_ARN = SECRET_ARN;
    process.env.NOTIFY_TEMPLATE_ID = '00000000-0000-0000-0000-000000000000';
  });
  afterAll(() => {
    process.env = saved;
  });
  beforeEach(() => {
    ddb.reset();
    secrets.reset();
    secrets.on(GetSecretValueCommand).resolves({ SecretString: FAKE_NOTIFY_KEY });
    // The shared logger and metrics (functions/observability.ts) write JSON lines to stdout and stderr.
    logged = [];
    const collect = ((chunk: unknown) => {
      logged.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }) as typeof process.stdout.write;
    vi.spyOn(process.stdout, 'write').mockImplementation(collect);
    vi.spyOn(process.stderr, 'write').mockImplementation(collect);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return () => logged;
}
