/**
 * What a simulated year's AWS operations cost: the usage counted by the local platform's meter
 * (local/meter.ts), priced with the dated list prices of config/prices/eu-west-2.json, per process and per
 * case-year. The arithmetic is here, pure (no clock, no I/O but reading the price file), so it can be
 * checked by hand: billing steps (Express: 100 ms and 64 MB; Lambda: 1 ms × configured memory),
 * DynamoDB's request units by item size, and prices × counts.
 */
import { readFileSync } from 'node:fs';
import * as z from '#core/schema/zod';

/** The operations one process (or the shared reads, or the fixed sweeper) made. */
export interface Usage {
  /** API Gateway HTTP API requests, and the units they are metered in (512 KB steps). */
  apiRequests: number;
  apiRequestUnits: number;
  /** Step Functions Express executions: started synchronously (the API) or asynchronously (the scheduler). */
  express: { sync: number; async: number; billedMs: number; gbSeconds: number };
  /** Lambda invocations per function, their measured time (ms) and billed GB-seconds. */
  lambda: Record<string, { invocations: number; ms: number; gbSeconds: number }>;
  /** DynamoDB calls and request units (on-demand), the indexes' share of them shown apart. */
  dynamo: { calls: number; readUnits: number; writeUnits: number; indexReadUnits: number; indexWriteUnits: number };
  /** EventBridge Scheduler: schedules created, moved, deleted; schedules fired (invocations). */
  schedules: { created: number; updated: number; deleted: number; invocations: number };
  /** Executions a state machine started itself (a wake-up due at once: StartNow). */
  startNow: number;
  /** EventBridge scheduled rule events (the sweeper's every 5 minutes). */
  ruleEvents: number;
  /** Messages sent (GOV.UK Notify email). */
  messages: number;
}

export const emptyUsage = (): Usage => ({
  apiRequests: 0,
  apiRequestUnits: 0,
  express: { sync: 0, async: 0, billedMs: 0, gbSeconds: 0 },
  lambda: {},
  dynamo: { calls: 0, readUnits: 0, writeUnits: 0, indexReadUnits: 0, indexWriteUnits: 0 },
  schedules: { created: 0, updated: 0, deleted: 0, invocations: 0 },
  startNow: 0,
  ruleEvents: 0,
  messages: 0,
});

/** Adds `from` into `into` (every count). */
export function addUsage(into: Usage, from: Usage): Usage {
  into.apiRequests += from.apiRequests;
  into.apiRequestUnits += from.apiRequestUnits;
  for (const k of ['sync', 'async', 'billedMs', 'gbSeconds'] as const) into.express[k] += from.express[k];
  for (const [fn, l] of Object.entries(from.lambda)) {
    const t = into.lambda[fn] ?? { invocations: 0, ms: 0, gbSeconds: 0 };
    into.lambda[fn] = t;
    t.invocations += l.invocations;
    t.ms += l.ms;
    t.gbSeconds += l.gbSeconds;
  }
  for (const k of Object.keys(from.dynamo) as (keyof Usage['dynamo'])[]) into.dynamo[k] += from.dynamo[k];
  for (const k of Object.keys(from.schedules) as (keyof Usage['schedules'])[]) into.schedules[k] += from.schedules[k];
  into.startNow += from.startNow;
  into.ruleEvents += from.ruleEvents;
  into.messages += from.messages;
  return into;
}

const MB = 1024 * 1024;

/**
 * An Express execution's bill: its duration rounded up to the next 100 ms and its memory (the
 * definition and the execution's data) rounded up to the next 64 MB, as GB-seconds.
 */
export function expressBilling(durationMs: number, memoryBytes: number) {
  const billedMs = Math.max(1, Math.ceil(durationMs / 100)) * 100;
  const billedMb = Math.max(1, Math.ceil(memoryBytes / (64 * MB))) * 64;
  return { billedMs, billedMb, gbSeconds: (billedMs / 1000) * (billedMb / 1024) };
}

/** A Lambda invocation's bill: its duration rounded up to the next 1 ms × the function's configured memory. */
export function lambdaBilling(durationMs: number, memoryMb: number) {
  const billedMs = Math.max(1, Math.ceil(durationMs));
  return { billedMs, gbSeconds: (billedMs / 1000) * (memoryMb / 1024) };
}

/** An HTTP API request's metered units: 512 KB steps (a request of 600 KB counts twice). */
export const httpApiUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / (512 * 1024)));

/** Read request units of reading `bytes` (one item, or a query's items together): 4 KB steps. */
export function readRequestUnits(bytes: number, read: 'eventual' | 'strong' | 'transactional'): number {
  const steps = Math.max(1, Math.ceil(bytes / 4096));
  return steps * (read === 'eventual' ? 0.5 : read === 'strong' ? 1 : 2);
}

/**
 * Write request units of writing one item of `bytes`: 1 KB steps, twice in a transaction, and once more
 * for each index the item is written to (its projection's size; here the whole item, projection ALL).
 */
export function writeRequestUnits(bytes: number, o: { transactional?: boolean; indexes?: number } = {}): number {
  const steps = Math.max(1, Math.ceil(bytes / 1024));
  return steps * (o.transactional ? 2 : 1) * (1 + (o.indexes ?? 0));
}

/** Text kept in lines (the repository's lines are at most 120 characters). */
const text = z.union([z.string().check(z.minLength(1)), z.array(z.string()).check(z.minLength(1))]);
const price = z.object({
  usd: z.number().check(z.nonnegative()),
  per: text,
  source: z.url(),
  confirmed: z.boolean(),
  note: z.optional(text),
});
export const priceFileSchema = z.object({
  region: z.string().check(z.minLength(1)),
  asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')),
  currency: z.literal('USD'),
  note: z.optional(text),
  prices: z.object({
    expressRequest: price,
    expressGbSecond: price,
    lambdaRequest: price,
    lambdaArmGbSecond: price,
    dynamoWriteRequestUnit: price,
    dynamoReadRequestUnit: price,
    schedulerInvocation: price,
    scheduleChange: price,
    scheduledRuleEvent: price,
    httpApiRequest: price,
    notifyEmail: price,
  }),
});
export type PriceFile = z.infer<typeof priceFileSchema>;

/** The price file, checked: a missing price, a negative one or an undated file is refused with the field. */
export function readPrices(file = 'config/prices/eu-west-2.json'): PriceFile {
  const parsed = priceFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export interface Cost {
  /** USD by what is paid for. */
  byKind: {
    apiGateway: number;
    expressRequests: number;
    expressDuration: number;
    lambdaRequests: number;
    lambdaDuration: number;
    dynamoWrites: number;
    dynamoReads: number;
    scheduler: number;
    messages: number;
  };
  total: number;
}

/** Prices × counts. */
export function costOf(u: Usage, prices: PriceFile): Cost {
  const p = prices.prices;
  const lambdas = Object.values(u.lambda);
  const byKind = {
    apiGateway: u.apiRequestUnits * p.httpApiRequest.usd,
    expressRequests: (u.express.sync + u.express.async) * p.expressRequest.usd,
    expressDuration: u.express.gbSeconds * p.expressGbSecond.usd,
    lambdaRequests: lambdas.reduce((n, l) => n + l.invocations, 0) * p.lambdaRequest.usd,
    lambdaDuration: lambdas.reduce((n, l) => n + l.gbSeconds, 0) * p.lambdaArmGbSecond.usd,
    dynamoWrites: u.dynamo.writeUnits * p.dynamoWriteRequestUnit.usd,
    dynamoReads: u.dynamo.readUnits * p.dynamoReadRequestUnit.usd,
    scheduler:
      u.schedules.invocations * p.schedulerInvocation.usd +
      (u.schedules.created + u.schedules.updated + u.schedules.deleted) * p.scheduleChange.usd +
      u.ruleEvents * p.scheduledRuleEvent.usd,
    messages: u.messages * p.notifyEmail.usd,
  };
  return { byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0) };
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/**
 * Case-years: the sum over cases of the time each was open within [start, end], in years of 365.25 days
 * (a case opened before the period counts from its start; one still open, to its end).
 */
export function caseYears(cases: readonly { openedAt: string; closedAt?: string }[], start: Date, end: Date): number {
  let ms = 0;
  for (const c of cases) {
    const from = Math.max(new Date(c.openedAt).getTime(), start.getTime());
    const to = Math.min(c.closedAt ? new Date(c.closedAt).getTime() : end.getTime(), end.getTime());
    if (to > from) ms += to - from;
  }
  return ms / YEAR_MS;
}

export const yearsBetween = (start: Date, end: Date) => (end.getTime() - start.getTime()) / YEAR_MS;

/**
 * The sweeper's fixed work, whatever the volume: one invocation every 5 minutes (an EventBridge rule),
 * each one query of the pending outbox index and one of each wake-up shard, most finding nothing (each
 * priced at the least a query is billed, half a read unit), for an assumed `sweepMs` at the function's
 * configured memory. An estimate: the local platform runs no sweeper (it delivers the outbox itself).
 */
export function sweeperUsage(periodMs: number, o: { memoryMb: number; wakeShards: number; sweepMs: number }): Usage {
  const u = emptyUsage();
  const sweeps = Math.floor(periodMs / (5 * 60_000));
  const { gbSeconds } = lambdaBilling(o.sweepMs, o.memoryMb);
  u.lambda.Sweeper = { invocations: sweeps, ms: sweeps * o.sweepMs, gbSeconds: sweeps * gbSeconds };
  u.ruleEvents = sweeps;
  u.dynamo.calls = sweeps * (1 + o.wakeShards);
  u.dynamo.readUnits = sweeps * (1 + o.wakeShards) * 0.5;
  u.dynamo.indexReadUnits = u.dynamo.readUnits;
  return u;
}

export const CASE_YEAR_FLOOR_USD = 0.01;

export interface ProcessCost {
  process: string;
  cases: number;
  caseYears: number;
  usage: Usage;
  cost: Cost;
  /** This process's own operations per case-year (undefined with no case-years). */
  perCaseYear: number | undefined;
  /** With the shared operations (reads for figures, the sweeper) spread over every case-year. */
  perCaseYearWithShared: number | undefined;
  withinFloor: boolean;
}

export interface CostReport {
  prices: { region: string; asOf: string; unconfirmed: string[] };
  start: string;
  end: string;
  years: number;
  scale: number;
  processes: ProcessCost[];
  shared: { usage: Usage; cost: Cost };
  fixed: { usage: Usage; cost: Cost };
  total: number;
  /** The whole run's cost over its period, per year, at this scale. */
  perPartnershipYear: number;
  /** Per year at scale 1: the operations that grow with volume divided by the scale, the fixed sweeper not. */
  perPartnershipYearAtScale1: number;
}

export function costReport(input: {
  usage: Record<string, Usage>;
  shared: Usage;
  fixed: Usage;
  cases: Record<string, { openedAt: string; closedAt?: string }[]>;
  start: Date;
  end: Date;
  scale: number;
  prices: PriceFile;
}): CostReport {
  const { prices, start, end } = input;
  const sharedCost = costOf(input.shared, prices);
  const fixedCost = costOf(input.fixed, prices);
  const years = yearsBetween(start, end);
  const rows = Object.keys(input.cases).map((process) => {
    const usage = input.usage[process] ?? emptyUsage();
    return {
      process,
      cases: input.cases[process]!.length,
      caseYears: caseYears(input.cases[process]!, start, end),
      usage,
      cost: costOf(usage, prices),
    };
  });
  const allCaseYears = rows.reduce((n, r) => n + r.caseYears, 0);
  const sharedPerCaseYear = allCaseYears > 0 ? (sharedCost.total + fixedCost.total) / allCaseYears : 0;
  const processes = rows.map((r) => {
    const perCaseYear = r.caseYears > 0 ? r.cost.total / r.caseYears : undefined;
    return {
      ...r,
      perCaseYear,
      perCaseYearWithShared: perCaseYear === undefined ? undefined : perCaseYear + sharedPerCaseYear,
      withinFloor: perCaseYear !== undefined && perCaseYear <= CASE_YEAR_FLOOR_USD,
    };
  });
  // Usage of a process not in the catalogue's cases (none expected) still counts in the total.
  const orphan = Object.entries(input.usage)
    .filter(([p]) => !(p in input.cases))
    .reduce((n, [, u]) => n + costOf(u, prices).total, 0);
  const variable = processes.reduce((n, p) => n + p.cost.total, 0) + sharedCost.total + orphan;
  const total = variable + fixedCost.total;
  return {
    prices: {
      region: prices.region,
      asOf: prices.asOf,
      unconfirmed: Object.entries(prices.prices)
        .filter(([, p]) => !p.confirmed)
        .map(([k]) => k),
    },
    start: start.toISOString(),
    end: end.toISOString(),
    years,
    scale: input.scale,
    processes,
    shared: { usage: input.shared, cost: sharedCost },
    fixed: { usage: input.fixed, cost: fixedCost },
    total,
    perPartnershipYear: years > 0 ? total / years : 0,
    perPartnershipYearAtScale1: years > 0 ? (variable / input.scale + fixedCost.total) / years : 0,
  };
}

/** Dollars to the cent from $1, else to three significant figures (a case-year's cost is a fraction of a cent). */
const usd = (n: number) => `$${n >= 1 ? n.toFixed(2) : n === 0 ? '0' : n.toPrecision(3)}`;

function usageLine(u: Usage): string {
  const lambdas = Object.entries(u.lambda)
    .map(([fn, l]) => `${fn} ${l.invocations} (${l.gbSeconds.toFixed(1)} GB-s)`)
    .join(', ');
  return [
    `HTTP API ${u.apiRequests}`,
    `Express ${u.express.sync} sync + ${u.express.async} async (${u.express.gbSeconds.toFixed(1)} GB-s billed)`,
    `Lambda ${lambdas || 'none'}`,
    `DynamoDB ${u.dynamo.calls} calls, ${u.dynamo.writeUnits} WRU (indexes ${u.dynamo.indexWriteUnits}), ` +
      `${u.dynamo.readUnits} RRU (indexes ${u.dynamo.indexReadUnits})`,
    `schedules ${u.schedules.created} created, ${u.schedules.updated} moved, ${u.schedules.deleted} deleted, ` +
      `${u.schedules.invocations} fired; ${u.startNow} started at once`,
    `${u.messages} messages`,
    ...(u.ruleEvents ? [`${u.ruleEvents} scheduled rule events`] : []),
  ].join('; ');
}

/** The report as the simulator prints it. */
export function formatCostReport(r: CostReport): string {
  const lines = [
    `Cost of the AWS operations counted (list prices for ${r.prices.region} as of ${r.prices.asOf}, USD, no free ` +
      `tier; ${r.prices.unconfirmed.length} of the prices are US East figures not confirmed for London: ` +
      `config/prices/${r.prices.region}.json). Case-years: the time each case was open within the ` +
      `${r.years.toFixed(3)} simulated years, summed.`,
  ];
  for (const p of r.processes) {
    if (p.cases === 0 && p.cost.total === 0) {
      lines.push(`  ${p.process}: no cases simulated`);
      continue;
    }
    const withShared = p.perCaseYearWithShared === undefined ? 'n/a' : usd(p.perCaseYearWithShared);
    lines.push(
      `  ${p.process}: ${p.cases} cases, ${p.caseYears.toFixed(2)} case-years, ${usd(p.cost.total)}; ` +
        `per case-year ${p.perCaseYear === undefined ? 'n/a' : usd(p.perCaseYear)} ` +
        `(${p.withinFloor ? 'within' : 'NOT within'} the $${CASE_YEAR_FLOOR_USD} floor; with the shared reads ` +
        `and the sweeper spread over every case-year ${withShared})`,
      `    ${usageLine(p.usage)}`,
    );
  }
  lines.push(
    `  shared (figures and board reads, requests no case is known for): ${usd(r.shared.cost.total)}`,
    `    ${usageLine(r.shared.usage)}`,
    `  fixed (the sweeper every 5 minutes, estimated): ${usd(r.fixed.cost.total)}`,
    `    ${usageLine(r.fixed.usage)}`,
    `  total ${usd(r.total)} over the run; per partnership-year ${usd(r.perPartnershipYear)} at scale ${r.scale}, ` +
      `about ${usd(r.perPartnershipYearAtScale1)} at scale 1 (volume-driven operations ÷ scale, the sweeper not).`,
  );
  return lines.join('\n');
}
