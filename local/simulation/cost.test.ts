import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addUsage,
  caseYears,
  costOf,
  costReport,
  emptyUsage,
  expressBilling,
  formatCostReport,
  httpApiUnits,
  lambdaBilling,
  type PriceFile,
  readPrices,
  readRequestUnits,
  sweeperUsage,
  writeRequestUnits,
} from './cost';

const priceFile = fileURLToPath(new URL('../../config/prices/eu-west-2.json', import.meta.url));

/** Round prices, so each expected figure below is worked by hand. */
function roundPrices(): PriceFile {
  const prices = readPrices(priceFile);
  const set = (usd: Record<keyof PriceFile['prices'], number>) => {
    for (const [k, v] of Object.entries(usd)) prices.prices[k as keyof PriceFile['prices']].usd = v;
  };
  set({
    expressRequest: 1,
    expressGbSecond: 10,
    lambdaRequest: 2,
    lambdaArmGbSecond: 20,
    dynamoWriteRequestUnit: 3,
    dynamoReadRequestUnit: 5,
    schedulerInvocation: 7,
    scheduleChange: 0,
    scheduledRuleEvent: 0,
    httpApiRequest: 11,
    notifyEmail: 0,
  });
  return prices;
}

describe('billing steps', () => {
  it('rounds an Express execution up to 100 ms and its memory up to 64 MB', () => {
    // 230 ms → 300 ms; a 20 KB definition and input → 64 MB: 0.3 s × 1/16 GB = 0.01875 GB-s.
    expect(expressBilling(230, 20_000)).toEqual({ billedMs: 300, billedMb: 64, gbSeconds: 0.01875 });
    expect(expressBilling(300, 1).billedMs).toBe(300);
    expect(expressBilling(0.2, 1).billedMs).toBe(100);
    // 65 MB of state → 128 MB; 100 ms × 1/8 GB.
    expect(expressBilling(100, 65 * 1024 * 1024)).toEqual({ billedMs: 100, billedMb: 128, gbSeconds: 0.0125 });
  });

  it("bills a Lambda call by the millisecond at the function's memory", () => {
    // 12.3 ms → 13 ms at 512 MB: 0.013 × 0.5 = 0.0065 GB-s.
    expect(lambdaBilling(12.3, 512)).toEqual({ billedMs: 13, gbSeconds: 0.0065 });
    expect(lambdaBilling(1000, 1024).gbSeconds).toBe(1);
  });

  it('meters HTTP API requests in 512 KB steps', () => {
    expect(httpApiUnits(10)).toBe(1);
    expect(httpApiUnits(512 * 1024)).toBe(1);
    expect(httpApiUnits(512 * 1024 + 1)).toBe(2);
  });

  it("counts DynamoDB's request units by item size, transactions and indexes", () => {
    expect(readRequestUnits(100, 'eventual')).toBe(0.5);
    expect(readRequestUnits(4096, 'strong')).toBe(1);
    expect(readRequestUnits(4097, 'strong')).toBe(2);
    expect(readRequestUnits(9000, 'transactional')).toBe(6);
    expect(writeRequestUnits(500)).toBe(1);
    expect(writeRequestUnits(1500)).toBe(2);
    // A 1.5 KB item in a transaction, written to the table and two indexes: 2 × 2 × 3.
    expect(writeRequestUnits(1500, { transactional: true, indexes: 2 })).toBe(12);
    expect(writeRequestUnits(100, { indexes: 1 })).toBe(2);
  });
});

describe('prices × counts', () => {
  it('prices each kind of operation', () => {
    const u = emptyUsage();
    u.apiRequests = 3;
    u.apiRequestUnits = 4;
    u.express = { sync: 2, async: 1, billedMs: 600, gbSeconds: 0.5 };
    u.lambda = { Decide: { invocations: 3, ms: 90, gbSeconds: 0.25 }, Api: { invocations: 2, ms: 50, gbSeconds: 0.5 } };
    u.dynamo = { calls: 9, readUnits: 1.5, writeUnits: 10, indexReadUnits: 0.5, indexWriteUnits: 4 };
    u.schedules = { created: 5, updated: 1, deleted: 1, invocations: 2 };
    u.messages = 6;
    const cost = costOf(u, roundPrices());
    expect(cost.byKind).toEqual({
      apiGateway: 44, // 4 units × 11
      expressRequests: 3, // 3 × 1
      expressDuration: 5, // 0.5 × 10
      lambdaRequests: 10, // 5 × 2
      lambdaDuration: 15, // 0.75 × 20
      dynamoWrites: 30, // 10 × 3 (the index units are already among them)
      dynamoReads: 7.5, // 1.5 × 5
      scheduler: 14, // 2 × 7; the calls are free
      messages: 0, // email through GOV.UK Notify: free
    });
    expect(cost.total).toBe(128.5);
  });

  it('adds usage up', () => {
    const a = emptyUsage();
    a.lambda.Decide = { invocations: 1, ms: 10, gbSeconds: 0.1 };
    a.dynamo.writeUnits = 2;
    const b = emptyUsage();
    b.lambda.Decide = { invocations: 2, ms: 5, gbSeconds: 0.2 };
    b.lambda.Api = { invocations: 1, ms: 1, gbSeconds: 0.01 };
    b.dynamo.writeUnits = 3;
    b.schedules.invocations = 4;
    addUsage(a, b);
    expect(a.lambda.Decide).toEqual({ invocations: 3, ms: 15, gbSeconds: expect.closeTo(0.3, 10) });
    expect(a.lambda.Api!.invocations).toBe(1);
    expect(a.dynamo.writeUnits).toBe(5);
    expect(a.schedules.invocations).toBe(4);
  });
});

describe('case-years', () => {
  const start = new Date('2026-01-01T00:00:00Z');
  const end = new Date('2027-01-01T06:00:00Z'); // 365.25 days: one year exactly
  it('sums the time each case was open within the period', () => {
    expect(caseYears([{ openedAt: start.toISOString() }], start, end)).toBe(1);
    expect(
      caseYears(
        [
          { openedAt: '2025-06-01T00:00:00Z', closedAt: '2025-12-01T00:00:00Z' }, // before: nothing
          { openedAt: '2025-06-01T00:00:00Z' }, // open throughout: one year
          { openedAt: start.toISOString(), closedAt: new Date(start.getTime() + (365.25 * 864e5) / 4).toISOString() },
        ],
        start,
        end,
      ),
    ).toBeCloseTo(1.25, 10);
  });

  it('prices a process per case-year, against the $0.01 floor, with the shared and fixed costs apart', () => {
    const prices = roundPrices();
    const usage = emptyUsage();
    usage.express.sync = 1; // $1
    const shared = emptyUsage();
    shared.apiRequestUnits = 1; // $11
    const report = costReport({
      usage: { a: usage },
      shared,
      fixed: emptyUsage(),
      cases: { a: [{ openedAt: start.toISOString() }, { openedAt: start.toISOString() }], b: [] },
      start,
      end,
      scale: 0.5,
      prices,
    });
    const [a, b] = report.processes;
    expect(a).toMatchObject({ process: 'a', cases: 2, caseYears: 2, perCaseYear: 0.5, withinFloor: false });
    expect(a!.perCaseYearWithShared).toBe(0.5 + 11 / 2);
    expect(b).toMatchObject({ process: 'b', cases: 0, caseYears: 0, perCaseYear: undefined, withinFloor: false });
    expect(report.total).toBe(12);
    expect(report.perPartnershipYear).toBe(12);
    expect(report.perPartnershipYearAtScale1).toBe(24);
    expect(formatCostReport(report)).toContain('a: 2 cases, 2.00 case-years, $1.00; per case-year $0.500 (NOT within');
  });
});

describe('the sweeper', () => {
  it('runs every 5 minutes whatever the volume', () => {
    const day = 24 * 3600 * 1000;
    const u = sweeperUsage(day, { memoryMb: 512, wakeShards: 16, sweepMs: 200 });
    expect(u.lambda.Sweeper).toEqual({ invocations: 288, ms: 57_600, gbSeconds: 288 * 0.1 });
    expect(u.dynamo.calls).toBe(288 * 17);
    expect(u.dynamo.readUnits).toBe(288 * 17 * 0.5);
    expect(u.ruleEvents).toBe(288);
  });
});

describe('the price file', () => {
  it('is dated, in USD, with a source for every price', () => {
    const prices = readPrices(priceFile);
    expect(prices.region).toBe('eu-west-2');
    expect(prices.currency).toBe('USD');
    for (const p of Object.values(prices.prices)) expect(p.source).toMatch(/^https:\/\//);
  });

  it('refuses a file missing a price or with a negative one, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    const good = readPrices(priceFile);
    const file = join(dir, 'p.json');
    const { expressRequest: _gone, ...rest } = good.prices;
    writeFileSync(file, JSON.stringify({ ...good, prices: rest }));
    expect(() => readPrices(file)).toThrow(/prices\.expressRequest/);
    writeFileSync(
      file,
      JSON.stringify({ ...good, prices: { ...good.prices, lambdaRequest: { ...good.prices.lambdaRequest, usd: -1 } } }),
    );
    expect(() => readPrices(file)).toThrow(/prices\.lambdaRequest\.usd/);
    writeFileSync(file, JSON.stringify({ ...good, asOf: 'December' }));
    expect(() => readPrices(file)).toThrow(/asOf/);
  });
});
