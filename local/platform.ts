/**
 * The whole platform on one machine: synthesize the CDK app, start DynamoDB Local with the table from
 * the template, run the synthesized state machines with in-process handlers, the local scheduler and
 * notifier, and the API behind local sign-in. Used by `npm start`, the workflow tests and the benchmark.
 */

import { mkdirSync } from 'node:fs';
import { type DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { PartnershipConfig } from '#core/partnership/config';
import { type Catalogue, checkPartnership } from '#core/process/catalogue';
import type { ProcessDefinition } from '#core/process/definition';
import { type ApiEvent, createApi } from '#functions/api/app';
import { createFiguresApi } from '#functions/api/figures';
import { servedElsewhere } from '#functions/api/http';
import { createImportsApi } from '#functions/api/imports';
import { schoolImports } from '#functions/api/school-imports';
import { createDecide, type DecideDependencies } from '#functions/decide/handler';
import { deliver } from '#functions/notifier/deliver';
import { pendingOutboxItems } from '#functions/notifier/sweep';
import { errorKind } from '#functions/observability';
import { partnership as defaultPartnership, type Runtime, workingDaysFor } from '#functions/runtime';
import { dueAtOf, type QueuedMessage } from '#functions/store/outbox';
import { CaseStore } from '#functions/store/reads';
import { SchoolStore } from '#functions/store/schools';
import { StagingStore } from '#functions/store/staging';
import { bodyOf } from '#functions/store/table';
import { processCatalogue } from '#workflows/catalogue';
import { childKeySecretFor } from './child-key-secret';
import { ControllableClock } from './clock';
import { type DataLock, lockDataFolder } from './data-lock';
import { type DynamoDbLocal, ensureTable, localClient, startDynamoDbLocal } from './dynamodb-local';
import { LocalInbox } from './inbox';
import { functionMemory, OperationsMeter } from './meter';
import { LocalScheduler } from './scheduler';
import { LocalStepFunctions, type LocalStepFunctionsOptions } from './step-functions';
import { synthesizedDefinitions } from './synth';

export interface PlatformOptions {
  /** Folder for DynamoDB data, the clock, the inbox and the signing key; omit for everything in memory. */
  dataDir?: string;
  dynamoPort?: number;
  /** Reuse a running DynamoDB Local (tests share one per run) instead of starting one. */
  dynamo?: { endpoint: string; client: DynamoDBClient };
  tableName?: string;
  partnership?: PartnershipConfig;
  /**
   * Where the platform answers (e.g. http://127.0.0.1:8081): links in messages point
   * here, not at the configured sign-in URL.
   */
  publicUrl?: string;
  caseCodeKey?: string;
  /** The child keys' secret (default: made once in the data folder, local/child-key-secret.ts). */
  childKeySecret?: string;
  /** Start the clock at this instant (it then runs in real time and can be moved forward). */
  startAt?: Date;
  /** Tests: time stands still except when moved forward, so every instant is exact. */
  frozen?: boolean;
  /**
   * The clock to run on, instead of one made from `frozen`, `startAt` and the data folder (the simulator's
   * platform process: a frozen clock kept in the folder, so a restart after kill -9 resumes at its instant).
   */
  clock?: ControllableClock;
  /**
   * Tests: the processes and their versions (e.g. a test-only version beside the real one; it runs on its
   * process's state machine). A test-only process gets its own synthesized state machine.
   */
  catalogue?: Catalogue<ProcessDefinition>;
  /** Tests: wrap the rules step (e.g. to make it fail as when the store is unavailable). */
  wrapDecide?: (decide: (input: unknown) => Promise<unknown>) => (input: unknown) => Promise<unknown>;
  /**
   * Tests: run inside the rules step between its read and its commit (e.g. to hold
   * one back and force a concurrent change).
   */
  beforeCommit?: DecideDependencies['beforeCommit'];
  /**
   * Tests: every entry of every execution's event log: each state's input and
   * output, as Step Functions history keeps them.
   */
  onExecutionEvent?: LocalStepFunctionsOptions['onExecutionEvent'];
  logInbox?: boolean;
  /** Count the AWS operations the platform's work would make (local/meter.ts), for the cost per case-year. */
  meter?: boolean;
  /** Poll for due timers every N ms of real time (0: only when asked). */
  schedulerEveryMs?: number;
  /** How long (real time) a timer whose execution failed waits before it is fired again (default 5 s). */
  timerRetryDelayMs?: number;
}

export interface Platform {
  clock: ControllableClock;
  runtime: Runtime;
  db: DynamoDBClient;
  store: CaseStore;
  schools: SchoolStore;
  stepFunctions: LocalStepFunctions;
  scheduler: LocalScheduler;
  inbox: LocalInbox;
  api: ReturnType<typeof createApi>;
  roundTrips: { read: number; transactWrite: number };
  /** The operations counted, when started with `meter: true`. */
  meter?: OperationsMeter;
  /** Deliver every pending outbox message now. */
  deliverOutbox(): Promise<number>;
  /** Move the clock forward, firing timers at their instants and delivering what they queue. */
  advanceTo(target: Date): Promise<{ fired: number; delivered: number }>;
  /** Wait until executions and deliveries have settled. */
  settle(): Promise<void>;
  /** The store as the platform sees it: 'restarting' while its own DynamoDB Local is down and being started again. */
  health(): PlatformHealth;
  /** Ask the store now (one request, 2 s at most): does it answer? */
  storeAnswers(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface PlatformHealth {
  store: 'up' | 'restarting' | 'stopped' | 'external';
  /** How many times the platform's DynamoDB Local exited and was started again. */
  storeRestarts: number;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // One platform per data folder: a second start refuses (DataFolderInUse) before touching anything.
  const lock: DataLock | undefined = options.dataDir ? await lockDataFolder(options.dataDir) : undefined;
  try {
    return await startPlatformHoldingLock(options, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function startPlatformHoldingLock(options: PlatformOptions, lock: DataLock | undefined): Promise<Platform> {
  const frozenAt = (options.startAt ?? new Date()).getTime();
  const clock =
    options.clock ??
    (options.frozen ? new ControllableClock(undefined, () => frozenAt) : ControllableClock.inFolder(options.dataDir));
  if (
    options.startAt &&
    !options.frozen &&
    !options.clock &&
    Math.abs(clock.now().getTime() - options.startAt.getTime()) > 1000
  )
    clock.rewindForSeeding(options.startAt);

  const { tableProperties, definitions, template } = synthesizedDefinitions(options.catalogue?.processes);
  // Started here only when the caller brought none; then stopped here too.
  const dynamo: DynamoDbLocal | undefined = options.dynamo
    ? undefined
    : await startDynamoDbLocal({
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        ...(options.dynamoPort ? { port: options.dynamoPort } : {}),
      });
  const endpointClient = options.dynamo ?? dynamo!;
  const db = endpointClient.client;
  const probe = localClient(endpointClient.endpoint, { maxAttempts: 1, requestTimeoutMs: 2000 });
  const tableName = options.tableName ?? 'righttime';
  await ensureTable(db, tableName, tableProperties);

  const configured = options.partnership ?? defaultPartnership;
  // The shipped processes' configuration, whichever catalogue runs (a test's may be given).
  const partnership = checkPartnership(
    processCatalogue,
    options.publicUrl ? { ...configured, signInUrl: options.publicUrl } : configured,
  );
  const caseCodeKey = options.caseCodeKey ?? 'local-demo-key-not-secret';
  const childKeySecret = options.childKeySecret ?? childKeySecretFor(options.dataDir);
  const runtime: Runtime = {
    tableName,
    partnership,
    workingDays: workingDaysFor(partnership),
    clock,
    caseCodeKey: async () => caseCodeKey,
    childKeySecret: async () => childKeySecret,
    ...(options.catalogue ? { catalogue: options.catalogue } : {}),
  };
  const meter = options.meter
    ? new OperationsMeter(
        functionMemory(template),
        Object.fromEntries(Object.entries(definitions).map(([p, d]) => [p, JSON.stringify(d).length])),
      )
    : undefined;
  const detachMeter = meter?.attach(db);
  const store = new CaseStore(db, tableName);
  const inbox = new LocalInbox(options.dataDir, () => clock.now(), options.logInbox ?? false);
  const roundTrips = { read: 0, transactWrite: 0 };

  let delivering: Promise<number> | undefined;
  let deliverAgain = false;
  /**
   * Every pending message, in due order (a late reminder before its breach, one case's before another's
   * due later), each after those it follows (functions/notifier/deliver.ts). Read whole, then sent: the
   * pending index is ordered by creation, and messages queued together may be due at different instants.
   */
  const deliverOutbox = async (): Promise<number> => {
    if (delivering) {
      deliverAgain = true;
      return delivering;
    }
    const sendAll = async () => {
      let count = 0;
      do {
        deliverAgain = false;
        const waiting: QueuedMessage[] = [];
        for await (const item of pendingOutboxItems(db, tableName)) waiting.push(bodyOf<QueuedMessage>(item)!);
        waiting.sort(
          (a, b) =>
            dueAtOf(a).localeCompare(dueAtOf(b)) ||
            a.createdAt.localeCompare(b.createdAt) ||
            a.messageId.localeCompare(b.messageId),
        );
        const sent = new Set<string>();
        for (const message of waiting) {
          const send = () => deliver(db, tableName, inbox, message, clock.now(), { sent });
          const outcome = meter ? await meter.delivery(message.caseId, send, (o) => o === 'sent') : await send();
          if (outcome === 'sent') count++;
        }
      } while (deliverAgain);
      return count;
    };
    // The outbox is read here as the table's stream would push it in AWS: that read is local-only.
    delivering = (meter ? meter.outside(sendAll) : sendAll()).finally(() => (delivering = undefined));
    return delivering;
  };

  const decide = (options.wrapDecide ?? ((d) => d))(
    createDecide(runtime, {
      db,
      onRoundTrip: (kind) => roundTrips[kind]++,
      ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
    }),
  );
  const stepFunctions = new LocalStepFunctions({
    definitions,
    decide: meter ? (input) => meter.lambda('Decide', () => decide(input)) : decide,
    ...(meter ? { meter } : {}),
    // While the scheduler fires a batch of wake-ups (after downtime: every one overdue), their messages
    // wait for the end of the batch and then go in due order across cases (scheduler.afterFire).
    afterExecution: () => {
      if (!scheduler.firing)
        void deliverOutbox().catch((e) =>
          console.error(JSON.stringify({ level: 'error', where: 'local-notifier', ...errorKind(e) })),
        );
    },
    ...(options.onExecutionEvent ? { onExecutionEvent: options.onExecutionEvent } : {}),
  });
  const scheduler = new LocalScheduler(
    db,
    tableName,
    clock,
    stepFunctions,
    16,
    options.timerRetryDelayMs !== undefined ? { retryDelayMs: options.timerRetryDelayMs } : {},
  );
  scheduler.afterFire = deliverOutbox;
  if (meter) scheduler.onFire = (process) => meter.scheduleFired(process);
  const schools = new SchoolStore(db, tableName);
  const apiDependencies = { runtime, store, staging: new StagingStore(db, tableName), starter: stepFunctions, schools };
  // Routed as API Gateway routes them (infra/http-api.ts): the file imports and the figures to their own
  // functions, the rest to the API's, which does not serve them.
  const functions = {
    api: createApi(apiDependencies),
    imports: createImportsApi({ ...apiDependencies, schoolImports }),
    figures: createFiguresApi(apiDependencies),
  };
  const api = (event: ApiEvent) => {
    const fn =
      servedElsewhere({ method: event.requestContext.http.method.toUpperCase(), path: event.rawPath }) ?? 'api';
    if (!meter) return functions[fn](event);
    const name = ({ api: 'Api', imports: 'Imports', figures: 'Figures' } as const)[fn];
    const bytesIn = event.rawPath.length + (typeof event.body === 'string' ? event.body.length : 0);
    return meter.apiRequest(name, bytesIn, () => functions[fn](event));
  };

  const settle = async () => {
    await stepFunctions.idle();
    await deliverOutbox();
  };

  if (options.schedulerEveryMs) {
    scheduler.start(options.schedulerEveryMs);
    const outboxTimer = setInterval(
      () => void (scheduler.firing ? undefined : deliverOutbox().catch(() => undefined)),
      options.schedulerEveryMs,
    );
    outboxTimer.unref();
  }

  return {
    clock,
    runtime,
    db,
    store,
    schools,
    stepFunctions,
    scheduler,
    inbox,
    api,
    roundTrips,
    ...(meter ? { meter } : {}),
    deliverOutbox,
    async advanceTo(target: Date) {
      const before = inbox.messages.length;
      const fired = await scheduler.advanceTo(target);
      await settle();
      return { fired, delivered: inbox.messages.length - before };
    },
    settle,
    health: () => ({ store: dynamo ? dynamo.state : 'external', storeRestarts: dynamo?.restarts ?? 0 }),
    storeAnswers: () =>
      probe.send(new ListTablesCommand({ Limit: 1 })).then(
        () => true,
        () => false,
      ),
    async stop() {
      await scheduler.stop();
      await stepFunctions.idle();
      // Deliveries started after the last executions finish before the database goes away.
      await delivering?.catch(() => undefined);
      probe.destroy();
      detachMeter?.();
      await dynamo?.stop();
      lock?.release();
    },
  };
}
