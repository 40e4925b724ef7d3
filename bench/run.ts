/**
 * `npm run bench`: measures the local runtime end to end (HTTP → API → synthesized state machine →
 * DynamoDB Local → inbox). Figures go to stdout and bench/results.json; the README records them.
 * `npm run bench -- --only bundles` measures the bundles alone (`--help` for the options).
 *
 *   bundles         each Lambda bundle's size, what it holds, and its cold module load (bench/bundles.ts)
 *   events/s        children entering care submitted over HTTP by concurrent clients, each beside its
 *                   floor: DynamoDB Local's own rate for the same TransactWriteItems (captured by SDK
 *                   middleware) replayed raw at the same concurrency into a fresh table made the same way
 *   items           items per transaction (mean, max), for opening an IHA case and for other events
 *   transitions     Step Functions states entered per execution (each a state transition in AWS),
 *                   counted from the runner's event log while the synthesized ASL runs locally
 *   round trips     DynamoDB calls per event on the hot path, counted by SDK middleware on every call
 *   timers          time to fire 10,000 due timers after one clock jump
 *   encompass       a police batch of 1,000 children: accepted per second, and submission to notification
 *                   queued (p50, p99), timed when each case's transaction with its outbox item commits
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import {
  DeleteTableCommand,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { StateMachine } from 'aws-local-stepfunctions';
import { demoUsers, LocalSignIn } from '#local/auth';
import { loadDemoSchools } from '#local/demo';
import { ensureTable } from '#local/dynamodb-local';
import { startPlatform } from '#local/platform';
import { createLocalServer } from '#local/server';
import { synthesizedDefinitions } from '#local/synth';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { BUNDLE_LIMIT_KIB, LOAD_LIMIT_MS, measureBundles } from './bundles';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const TIMERS = Number(process.env.BENCH_TIMERS ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const START = new Date('2027-03-01T09:00:00Z');

const entry = (ref: string, at: string) =>
  exampleEntryIntoCare({
    caseReference: ref,
    child: { name: 'Bench Child', dateOfBirth: '2015-01-01' },
    enteredCareAt: at,
  });

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const USAGE = `npm run bench [-- --only bundles]
  (no option)      every measure (listed at the head of bench/run.ts); writes bench/results.json
  --only bundles   only the Lambda bundles (size, contents, cold module load); replaces the bundles
                   section of bench/results.json, dated, and keeps the other figures as they were
Environment: BENCH_EVENTS, BENCH_CLIENTS, BENCH_TIMERS, BENCH_BATCH, BENCH_IMPORT_RUNS (cold loads per bundle, default 5).`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (args.length && only !== 'bundles') {
  console.error(`Unknown options: ${args.join(' ')}\n\n${USAGE}`);
  process.exit(2);
}

/** The bundles section of results.json. */
function bundlesSection(measured: Awaited<ReturnType<typeof measureBundles>>) {
  return {
    note: `each handler bundled as infra/handler-function.ts bundles it (esbuild, ESM, node22, minified, @aws-sdk/* external, source map without the sources' text); limits ${Object.entries(
      BUNDLE_LIMIT_KIB,
    )
      .map(([name, kib]) => `${name} ${kib} KiB`)
      .join(
        ', ',
      )} and ${LOAD_LIMIT_MS} ms each; load = cold import() in a fresh Node process with NODE_OPTIONS=--enable-source-maps as the functions run, median`,
    ...Object.fromEntries(
      Object.entries(measured.bundles).map(([name, b]) => [
        name,
        { ...b, holds: Object.fromEntries(Object.entries(b.holds).slice(0, 12)) },
      ]),
    ),
    greatBritainHolidays: measured.greatBritainHolidays,
    /** The machine's 1-minute load average before and after (loads vary with it: this machine is shared). */
    loadAverage: measured.loadAverage,
  };
}

// 0. The Lambda bundles, before anything else runs on the machine.
const bundles = await measureBundles();
if (only === 'bundles') {
  const resultsFile = new URL('./results.json', import.meta.url);
  const previous = existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
    : {};
  const section = {
    measuredOn: {
      date: new Date().toISOString().slice(0, 10),
      cpus: cpus().length,
      node: process.version,
      alone: true,
    },
    ...bundlesSection(bundles),
  };
  console.log(JSON.stringify(section, null, 2));
  writeFileSync(resultsFile, `${JSON.stringify({ ...previous, bundles: section }, null, 2)}\n`);
  process.exit(0);
}

/** What the bench is doing now: every transaction and execution is counted under it. */
type Phase = 'open' | 'record' | 'setup' | 'timers' | 'encompass' | 'floor';
let phase: Phase = 'open';

// Step Functions state transitions: every state the local runner enters, from its event log, by phase.
const transitions: Partial<
  Record<Phase, { executions: number; states: number; most: number; fewest: number; byState: Record<string, number> }>
> = {};
const run0 = StateMachine.prototype.run;
StateMachine.prototype.run = function (this: StateMachine, ...args: Parameters<StateMachine['run']>) {
  const execution = run0.apply(this, args);
  const t = transitions[phase] ?? { executions: 0, states: 0, most: 0, fewest: Infinity, byState: {} };
  transitions[phase] = t;
  void (async () => {
    let entered = 0;
    for await (const event of execution.eventLogs) {
      if (event.type !== 'StateEntered') continue;
      entered++;
      t.byState[event.state.name] = (t.byState[event.state.name] ?? 0) + 1;
    }
    t.executions++;
    t.states += entered;
    t.most = Math.max(t.most, entered);
    t.fewest = Math.min(t.fewest, entered);
  })();
  return execution;
};

const platform = await startPlatform({ startAt: START, frozen: true });
const calls: Record<string, number> = {};
/** Every TransactWriteItems the platform sent, by phase, as sent (replayed raw for the floor). */
const transactions: Partial<Record<Phase, TransactWriteItemsCommandInput[]>> = {};
const transactionSizes: Partial<Record<Phase, number[]>> = {};
/**
 * Every DynamoDB call the platform made while opening and while recording (reads, staging, transactions,
 * the commit barrier, deliveries running alongside), as sent, in the order sent: the honest floor replays
 * all of them raw.
 */
const everyCall: Partial<Record<Phase, { command: string; input: Record<string, unknown> }[]>> = {};
/** Instants (performance.now) at which a transaction carrying an outbox item committed. */
const queuedAt: number[] = [];
platform.db.middlewareStack.add(
  (next, context) => async (args) => {
    calls[context.commandName!] = (calls[context.commandName!] ?? 0) + 1;
    if (phase === 'open' || phase === 'record') {
      const inPhase = everyCall[phase] ?? [];
      everyCall[phase] = inPhase;
      inPhase.push({ command: context.commandName!, input: structuredClone(args.input as Record<string, unknown>) });
    }
    const out = await next(args);
    if (context.commandName === 'TransactWriteItemsCommand' && phase !== 'floor') {
      const input = args.input as TransactWriteItemsCommandInput;
      const sizes = transactionSizes[phase] ?? [];
      transactionSizes[phase] = sizes;
      sizes.push(input.TransactItems?.length ?? 0);
      if (phase === 'open' || phase === 'record') {
        const inPhase = transactions[phase] ?? [];
        transactions[phase] = inPhase;
        inPhase.push(structuredClone(input));
      }
    }
    if (context.commandName === 'TransactWriteItemsCommand') {
      const items =
        (args.input as { TransactItems?: { Put?: { Item?: { entityType?: { S?: string } } } }[] }).TransactItems ?? [];
      if (items.some((i) => i.Put?.Item?.entityType?.S === 'Outbox')) queuedAt.push(performance.now());
    }
    return out;
  },
  { step: 'initialize', name: 'countRoundTrips' },
);
const signIn = new LocalSignIn();
const server = createLocalServer(platform, signIn);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const alex = await signIn.token(demoUsers.find((u) => u.username === 'alex')!);
const sam = await signIn.token(demoUsers.find((u) => u.username === 'sam')!);

async function post(path: string, token: string, body: unknown) {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { caseId?: string };
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(json)}`);
  return { ms: performance.now() - t0, json };
}

async function run<T>(count: number, clients: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

// 1. Events per second, end to end over HTTP: open EVENTS cases, then record a request on each.
const snapshot = () => ({ ...calls });
const diff = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(
    Object.keys(b)
      .map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)])
      .filter(([, v]) => (v as number) > 0),
  );
const at = START.toISOString();
const t0 = performance.now();
const opened = await run(EVENTS, CLIENTS, (i) =>
  post('/processes/initial-health-assessment/cases', alex, entry(`BENCH-${i}`, at)),
);
const openSeconds = (performance.now() - t0) / 1000;
const afterOpen = snapshot();
phase = 'record';
const t1 = performance.now();
const recorded = await run(EVENTS, CLIENTS, (i) =>
  post(`/cases/${opened[i]!.json.caseId}/events`, sam, {
    type: 'requestSentToHealth',
    sentAt: at,
    consentIncluded: true,
  }),
);
const recordSeconds = (performance.now() - t1) / 1000;
const afterRecord = snapshot();
await platform.settle();

// 1b. The floor: the same transactions replayed raw against DynamoDB Local, at the same concurrency, into
// a fresh table made from the same template (so every condition passes as it did: openings first).
phase = 'floor';
const floorTable = `floor-${Date.now()}`;
await ensureTable(platform.db, floorTable, synthesizedDefinitions().tableProperties);
async function replay(inputs: TransactWriteItemsCommandInput[]) {
  let failed = 0;
  const t = performance.now();
  await run(inputs.length, CLIENTS, async (i) => {
    const TransactItems = inputs[i]!.TransactItems!.map((item) =>
      Object.fromEntries(Object.entries(item).map(([kind, body]) => [kind, { ...body, TableName: floorTable }])),
    );
    await platform.db.send(new TransactWriteItemsCommand({ TransactItems })).catch(() => failed++);
  });
  return { perSecond: inputs.length / ((performance.now() - t) / 1000), failed };
}
const floorOpen = await replay(transactions.open ?? []);
const floorRecord = await replay(transactions.record ?? []);
await platform.db.send(new DeleteTableCommand({ TableName: floorTable }));

// 1c. The honest floor: every DynamoDB call of each phase (not only its transactions) replayed raw, in the
// order the platform sent them, by the same number of concurrent workers, into another fresh table. Each
// worker takes the next call, so as many calls are in flight as the platform's clients had requests in
// flight (each request's own calls go one after another). The rate is the phase's requests per second of
// replay.
const honestTable = `floor-all-${Date.now()}`;
await ensureTable(platform.db, honestTable, synthesizedDefinitions().tableProperties);
/** The call's input aimed at the floor's table (a table name wherever a call carries one). */
function retarget(command: string, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if ('TableName' in out) out.TableName = honestTable;
  if (command === 'TransactWriteItemsCommand') {
    out.TransactItems = (input.TransactItems as Record<string, object>[]).map((item) =>
      Object.fromEntries(Object.entries(item).map(([kind, body]) => [kind, { ...body, TableName: honestTable }])),
    );
  }
  // A batch names its one table as the key of its requests (the platform's batches each use one table).
  if (command === 'BatchWriteItemCommand' || command === 'BatchGetItemCommand') {
    out.RequestItems = { [honestTable]: Object.values(input.RequestItems as Record<string, unknown>)[0] };
  }
  return out;
}
type AnyCommand = new (input: Record<string, unknown>) => Parameters<typeof platform.db.send>[0];
async function replayEveryCall(recorded: { command: string; input: Record<string, unknown> }[], requests: number) {
  let failed = 0;
  const t = performance.now();
  await run(recorded.length, CLIENTS, async (i) => {
    const { command, input } = recorded[i]!;
    const Command = (dynamodb as unknown as Record<string, AnyCommand>)[command];
    if (!Command) throw new Error(`The floor cannot replay ${command}`);
    await platform.db.send(new Command(retarget(command, input))).catch(() => failed++);
  });
  return { perSecond: requests / ((performance.now() - t) / 1000), failed, calls: recorded.length };
}
const honestOpen = await replayEveryCall(everyCall.open ?? [], EVENTS);
const honestRecord = await replayEveryCall(everyCall.record ?? [], EVENTS);
await platform.db.send(new DeleteTableCommand({ TableName: honestTable }));
phase = 'setup';
const latencies = [...opened, ...recorded].map((r) => r.ms).sort((a, b) => a - b);
const hotPath = diff(afterOpen, afterRecord);

// 2. Timers: enough more cases for TIMERS due timers (each open case has 4 assessment-clock checkpoints
// left once the request is recorded; the cases above add theirs too), then one clock jump.
const perCase = 4;
const extraCases = Math.max(0, Math.ceil(TIMERS / perCase) - EVENTS);
await run(extraCases, CLIENTS, async (i) => {
  const { json } = await post('/processes/initial-health-assessment/cases', alex, entry(`BENCH-T-${i}`, at));
  await post(`/cases/${json.caseId}/events`, sam, { type: 'requestSentToHealth', sentAt: at, consentIncluded: true });
});
await platform.settle();
const pending = (await platform.scheduler.pending(new Date('2027-06-01T00:00:00Z'), 1_000_000)).length;
const inboxBefore = platform.inbox.messages.length;
phase = 'timers';
const t2 = performance.now();
const fired = await platform.scheduler.advanceTo(new Date('2027-05-01T09:00:00Z'));
const fireSeconds = (performance.now() - t2) / 1000;
await platform.settle();
const deliverSeconds = (performance.now() - t2) / 1000;

// 4. Operation Encompass: one police batch of BATCH children at the demo schools, on a school evening.
await loadDemoSchools(platform);
await platform.advanceTo(new Date('2027-05-12T18:00:00Z'));
const pc = await signIn.token(demoUsers.find((u) => u.username === 'pc')!);
const urns = ['100001', '100002', '100003', '100004', '100006', '100007', '100008'];
const children = Array.from({ length: BATCH }, (_, i) => ({
  name: `Bench Pupil ${i}`,
  dateOfBirth: `201${i % 8}-0${1 + (i % 9)}-1${i % 9}`,
  schoolUrn: urns[i % urns.length],
  present: i % 2 === 0,
  welfareCheck: true,
  policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
}));
queuedAt.length = 0;
phase = 'encompass';
const t3 = performance.now();
const batchResponse = await post('/processes/operation-encompass/submissions', pc, {
  forceIncidentReference: 'BENCH-1',
  attendedAt: '2027-05-12T17:30:00Z',
  children,
});
const batchSeconds = (performance.now() - t3) / 1000;
const batchResults = (batchResponse.json as unknown as { results: { outcome: string }[] }).results;
const toQueued = queuedAt.map((t) => t - t3).sort((a, b) => a - b);

await platform.settle();
const itemsPerTransaction = (of: Phase) => {
  const sizes = transactionSizes[of] ?? [];
  return {
    transactions: sizes.length,
    mean: sizes.length ? +(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1) : 0,
    max: Math.max(0, ...sizes),
  };
};
const statesPerExecution = (of: Phase) => {
  const t = transitions[of];
  if (!t?.executions) return { executions: 0 };
  return {
    executions: t.executions,
    mean: +(t.states / t.executions).toFixed(2),
    fewest: t.fewest,
    most: t.most,
    byState: t.byState,
  };
};
const beside = (platformRate: number, floor: { perSecond: number; failed: number }) => ({
  platform: +platformRate.toFixed(1),
  floor: +floor.perSecond.toFixed(1),
  ratio: +(platformRate / floor.perSecond).toFixed(2),
  floorFailed: floor.failed,
});

const results = {
  measuredOn: {
    date: new Date().toISOString().slice(0, 10),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  events: {
    count: EVENTS * 2,
    clients: CLIENTS,
    openCasePerSecond: +(EVENTS / openSeconds).toFixed(1),
    recordEventPerSecond: +(EVENTS / recordSeconds).toFixed(1),
    latencyMs: { p50: +percentile(latencies, 50).toFixed(1), p99: +percentile(latencies, 99).toFixed(1) },
  },
  floor: {
    note: "the platform's rate beside DynamoDB Local's own for the same TransactWriteItems replayed raw (same order, same concurrency, fresh table from the same template), in this run; ratio = platform / floor",
    openCasePerSecond: beside(EVENTS / openSeconds, floorOpen),
    recordEventPerSecond: beside(EVENTS / recordSeconds, floorRecord),
  },
  floorEveryCall: {
    note: "the platform's rate beside DynamoDB Local's own for every DynamoDB call the platform made in the phase (reads, staging, transactions, the commit barrier, deliveries alongside) replayed raw in the order sent by as many workers as clients, into a fresh table, in this run; requests per second of replay; ratio = platform / floor (target 0.8)",
    openCasePerSecond: { ...beside(EVENTS / openSeconds, honestOpen), callsReplayed: honestOpen.calls },
    recordEventPerSecond: { ...beside(EVENTS / recordSeconds, honestRecord), callsReplayed: honestRecord.calls },
  },
  itemsPerTransaction: {
    openIhaCase: itemsPerTransaction('open'),
    recordEvent: itemsPerTransaction('record'),
    timerFired: itemsPerTransaction('timers'),
    encompassChild: itemsPerTransaction('encompass'),
  },
  stateTransitionsPerExecution: {
    note: 'states entered per execution of the synthesized ASL as run locally (aws-local-stepfunctions event log); each is one Standard state transition in AWS',
    openIhaCase: statesPerExecution('open'),
    recordEvent: statesPerExecution('record'),
    timerFired: statesPerExecution('timers'),
    encompassChild: statesPerExecution('encompass'),
  },
  bundles: bundlesSection(bundles),
  dynamoRoundTripsPerEvent: {
    note: 'every DynamoDB call while recording EVENTS events on open cases, divided by EVENTS (outbox delivery, which runs after the event, listed separately)',
    hotPath: {
      reads: +(((hotPath.GetItemCommand ?? 0) + (hotPath.BatchGetItemCommand ?? 0)) / EVENTS).toFixed(2),
      TransactWriteItems: +((hotPath.TransactWriteItemsCommand ?? 0) / EVENTS).toFixed(2),
    },
    all: Object.fromEntries(Object.entries(hotPath).map(([k, v]) => [k, +((v as number) / EVENTS).toFixed(2)])),
  },
  timers: {
    pendingBeforeJump: pending,
    fired,
    secondsToFire: +fireSeconds.toFixed(1),
    firedPerSecond: +(fired / fireSeconds).toFixed(1),
    secondsUntilAllDelivered: +deliverSeconds.toFixed(1),
    messagesDelivered: platform.inbox.messages.length - inboxBefore,
  },
  encompass: {
    children: BATCH,
    applied: batchResults.filter((r) => r.outcome === 'applied').length,
    acceptedPerSecond: +(BATCH / batchSeconds).toFixed(1),
    secondsForBatch: +batchSeconds.toFixed(1),
    submissionToNotificationQueuedMs: {
      p50: +percentile(toQueued, 50).toFixed(0),
      p99: +percentile(toQueued, 99).toFixed(0),
    },
  },
  memory: { rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) },
};
console.log(JSON.stringify(results, null, 2));
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
await new Promise((r) => server.close(r));
await platform.stop();
