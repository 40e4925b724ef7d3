/**
 * The operations meter: counts, per process, the AWS operations the local platform's work would make
 * in AWS (issue 17's cost per case-year; priced by local/simulation/cost.ts). Local only: the platform
 * adds it when asked (startPlatform({ meter: true })); no production code path knows of it.
 *
 * What is counted, and how:
 * - HTTP API requests: each call of the API's functions (the API, imports, figures), 512 KB steps.
 * - Express executions: each execution started; started inside an API request it is synchronous
 *   (StartSyncExecution), else asynchronous (the scheduler's wake-ups). Billed duration: the execution's
 *   measured wall time here, rounded up to 100 ms; memory: the definition and the input, in 64 MB steps.
 * - Lambda: each handler call in-process (Decide per execution, the API's functions per request, the
 *   notifier per message), its measured wall time × the function's configured memory from the synthesized
 *   template. An approximation: the local machine is not a Lambda of that size, DynamoDB Local answers
 *   slower than DynamoDB, and cold starts are not counted; the notifier is counted once per message
 *   (its stream batches of 10 would make fewer).
 * - DynamoDB: every call's ConsumedCapacity, asked for with ReturnConsumedCapacity: 'INDEXES' by a
 *   middleware on the platform's client (DynamoDB Local returns it, with each index's share). A read that
 *   found nothing is billed at least its least unit (DynamoDB Local reports 0); a write refused by its
 *   condition, 1 WRU an item (2 in a transaction). Only calls made inside metered work count: the local
 *   scheduler's and notifier's own polling of the indexes, which AWS does not need (EventBridge Scheduler
 *   and the table's stream do it), and the simulator's own reads are counted apart, unpriced.
 * - EventBridge Scheduler: the CreateSchedule, UpdateSchedule and DeleteSchedule states run, and each
 *   wake-up the scheduler fires (an invocation). A create that AWS answers ConflictException (the case
 *   already has a schedule) and then updates is counted as one create here.
 * - Messages: each message sent (GOV.UK Notify email: free; counted).
 *
 * Attribution: an execution's work belongs to its process; an API request's to the process of the
 * execution it started, else of the case its answer names, else it is shared (figures, the board,
 * lists); a message's to its case's process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { addUsage, emptyUsage, expressBilling, httpApiUnits, lambdaBilling, type Usage } from './simulation/cost';

interface Scope {
  usage: Usage;
  /** In an API request: the process of the first execution it started. */
  process?: string;
  api: boolean;
}

type Capacity = {
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
};

const READS = new Set([
  'GetItemCommand',
  'BatchGetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'TransactGetItemsCommand',
]);
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);
const MIDDLEWARE = 'righttime-operations-meter';

export class OperationsMeter {
  private readonly scope = new AsyncLocalStorage<Scope>();
  readonly byProcess: Record<string, Usage> = {};
  readonly shared = emptyUsage();
  /** DynamoDB calls made outside any metered work (local polling, the simulator's reads): not priced. */
  readonly unmetered = { calls: 0, readUnits: 0, writeUnits: 0 };
  private readonly processOfCase = new Map<string, string>();

  constructor(
    /** Configured memory (MB) of each function, by name (Decide, Api, Imports, Figures, Notifier, Sweeper). */
    readonly memoryMb: Record<string, number>,
    /** Each process's definition size (bytes), for the Express memory steps. */
    private readonly definitionBytes: Record<string, number> = {},
  ) {}

  usageOf(process: string): Usage {
    const usage = this.byProcess[process] ?? emptyUsage();
    this.byProcess[process] = usage;
    return usage;
  }

  /** Runs local-only work (polling what AWS would push) outside any metered scope: its calls go unpriced. */
  outside<T>(run: () => T): T {
    return this.scope.exit(run);
  }

  /** Adds the ReturnConsumedCapacity middleware to a client; returns its removal. */
  attach(db: DynamoDBClient): () => void {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const command = (context as { commandName?: string }).commandName ?? '';
        const read = READS.has(command);
        if (!read && !WRITES.has(command)) return next(args);
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity ??= 'INDEXES';
        try {
          const result = await next(args);
          const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
          this.dynamo(read, input, [consumed ?? []].flat());
          return result;
        } catch (error) {
          // A refused write (its condition, a cancelled transaction) is still billed.
          if (!read) {
            const items = Array.isArray(input.TransactItems) ? input.TransactItems.length : 1;
            this.dynamo(false, input, [], items * (command === 'TransactWriteItemsCommand' ? 2 : 1));
          }
          throw error;
        }
      },
      { step: 'initialize', name: MIDDLEWARE },
    );
    return () => db.middlewareStack.remove(MIDDLEWARE);
  }

  private dynamo(read: boolean, input: Record<string, unknown>, consumed: Capacity[], refusedUnits = 0) {
    let total = consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0) + refusedUnits;
    const indexes = consumed.reduce(
      (n, c) => n + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((m, i) => m + (i.CapacityUnits ?? 0), 0),
      0,
    );
    // A read of nothing is billed its least unit (DynamoDB Local reports 0): half a unit eventually consistent.
    if (read && total === 0) total = input.ConsistentRead ? 1 : 0.5;
    const s = this.scope.getStore();
    if (!s) {
      this.unmetered.calls++;
      if (read) this.unmetered.readUnits += total;
      else this.unmetered.writeUnits += total;
      return;
    }
    const d = s.usage.dynamo;
    d.calls++;
    if (read) {
      d.readUnits += total;
      d.indexReadUnits += indexes;
    } else {
      d.writeUnits += total;
      d.indexWriteUnits += indexes;
    }
  }

  private lambdaInto(usage: Usage, fn: string, ms: number) {
    const memory = this.memoryMb[fn];
    if (memory === undefined) throw new Error(`No configured memory for the function ${fn}`);
    const l = usage.lambda[fn] ?? { invocations: 0, ms: 0, gbSeconds: 0 };
    usage.lambda[fn] = l;
    l.invocations++;
    l.ms += ms;
    l.gbSeconds += lambdaBilling(ms, memory).gbSeconds;
  }

  /** An HTTP API request handled by one of the API's functions. */
  async apiRequest<T extends { body?: unknown }>(fn: string, bytesIn: number, handle: () => Promise<T>): Promise<T> {
    const scope: Scope = { usage: emptyUsage(), api: true };
    const began = performance.now();
    let result: T | undefined;
    try {
      result = await this.scope.run(scope, handle);
      return result;
    } finally {
      this.lambdaInto(scope.usage, fn, performance.now() - began);
      const body = typeof result?.body === 'string' ? result.body : '';
      scope.usage.apiRequests++;
      scope.usage.apiRequestUnits += httpApiUnits(bytesIn + body.length);
      // A case's read names its case; the figures and the board name every process, and are shared.
      const process = scope.process ?? (fn === 'Api' ? this.processNamedBy(body) : undefined);
      addUsage(process ? this.usageOf(process) : this.shared, scope.usage);
    }
  }

  private processNamedBy(body: string): string | undefined {
    const m = /"process"\s*:\s*"([^"]+)"/.exec(body.slice(0, 2000));
    if (m?.[1] && m[1] in this.byProcess) return m[1];
    const c = /"caseId"\s*:\s*"([^"]+)"/.exec(body.slice(0, 2000));
    return c?.[1] ? this.processOfCase.get(c[1]) : undefined;
  }

  /** An Express execution of a process's state machine, with its rules step inside. */
  async execution<T>(process: string, input: unknown, run: () => Promise<T>): Promise<T> {
    const parent = this.scope.getStore();
    if (parent?.api) parent.process ??= process;
    const caseId = (input as { event?: { caseId?: unknown } })?.event?.caseId;
    if (typeof caseId === 'string') this.processOfCase.set(caseId, process);
    const usage = this.usageOf(process);
    if (parent?.api) usage.express.sync++;
    else usage.express.async++;
    const began = performance.now();
    try {
      return await this.scope.run({ usage, api: false }, run);
    } finally {
      const bytes = (this.definitionBytes[process] ?? 0) + JSON.stringify(input ?? null).length;
      const bill = expressBilling(performance.now() - began, bytes);
      usage.express.billedMs += bill.billedMs;
      usage.express.gbSeconds += bill.gbSeconds;
    }
  }

  /** The rules step's Lambda (Decide), called by a running execution. */
  async lambda<T>(fn: string, run: () => Promise<T>): Promise<T> {
    const began = performance.now();
    try {
      return await run();
    } finally {
      const s = this.scope.getStore();
      this.lambdaInto(s?.usage ?? this.shared, fn, performance.now() - began);
    }
  }

  /** A Task state of an execution that calls EventBridge Scheduler or starts an execution. */
  task(state: 'create' | 'update' | 'delete' | 'startNow') {
    const u = this.scope.getStore()?.usage ?? this.shared;
    if (state === 'startNow') u.startNow++;
    else if (state === 'create') u.schedules.created++;
    else if (state === 'update') u.schedules.updated++;
    else u.schedules.deleted++;
  }

  /** A wake-up fired by the scheduler (an EventBridge Scheduler invocation in AWS). */
  scheduleFired(process: string) {
    this.usageOf(process).schedules.invocations++;
  }

  /** The notifier sending one message (one invocation here; stream batches of 10 in AWS make fewer). */
  async delivery<T>(caseId: string, run: () => Promise<T>, sent: (result: T) => boolean): Promise<T> {
    const process = this.processOfCase.get(caseId);
    const usage = process ? this.usageOf(process) : this.shared;
    const began = performance.now();
    const result = await this.scope.run({ usage, api: false }, run);
    this.lambdaInto(usage, 'Notifier', performance.now() - began);
    if (sent(result)) usage.messages++;
    return result;
  }
}

/** The configured memory of each function in the synthesized template, by its construct's name. */
export function functionMemory(template: {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const name = ['Decide', 'Api', 'Imports', 'Figures', 'Notifier', 'Sweeper', 'Pages'].find((n) => id.startsWith(n));
    // Lambda's default is 128 MB when a function sets none.
    if (name) out[name] = Number(r.Properties.MemorySize ?? 128);
  }
  return out;
}
