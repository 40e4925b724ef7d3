/**
 * A small simulated year through the real local platform (four months at 0.04 of the volume): every board
 * measure counted from the stored cases equals what the simulator's own ledger says it did, exactly; the
 * board the API answers a commissioner shows those counts through the suppression step. Then the same year
 * with faults (`--faults`): the platform as a process of its own, killed with SIGKILL twice and its DynamoDB
 * Local twice, each started again on the same data folder; the same board, byte for byte, and the same
 * messages delivered, each once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfLondonDay, startOfLondonDay } from '#core/calendar/index';
import type { Platform } from '#local/platform';
import { defaultConfig, withScenario } from '#local/simulation/config';
import { CASE_YEAR_FLOOR_USD, formatCostReport } from '#local/simulation/cost';
import { repeated } from '#local/simulation/deliveries';
import { PlatformProcess } from '#local/simulation/faults';
import { type SimulationOptions, type SimulationResult, simulate, simulationStart } from '#local/simulation/run';
import { testPlatform } from '../support/platform';

let platform: Platform;
let result: SimulationResult;
const options: SimulationOptions = {
  year: 2026,
  years: 1,
  until: endOfLondonDay('2026-04-30'),
  seed: 7,
  scale: 0.04,
  // The rarer processes ten times as often, so a few months at 0.04 of the volume still have cases to check.
  config: withScenario({ beforeAdmission: { ratingsPerYear: 10 * defaultConfig.beforeAdmission.ratingsPerYear } }),
};

beforeAll(async () => {
  platform = await testPlatform({ startAt: startOfLondonDay('2026-01-01'), frozen: true, meter: true });
  result = await simulate(platform, options);
}, 600_000);
afterAll(async () => platform?.stop());

describe('a small simulated year', () => {
  it('acted as people would, with nothing refused and no story failing', () => {
    console.log(
      `The small year: ${result.stats.requests} requests, ${result.stats.timersFired} timers fired, ` +
        `${result.stats.messages} messages, ${result.stats.cases} cases in ${result.stats.seconds.toFixed(1)} s`,
    );
    expect(result.stats.failures).toEqual([]);
    expect(result.stats.refusals).toEqual([]);
    expect(result.stats.requests).toBeGreaterThan(100);
  });

  it('counts every board measure from the stored cases exactly as the ledger says', () => {
    for (const { process, ledger, stored } of result.counts) {
      for (const m of stored) expect({ process, ...m }).toEqual({ process, ...ledger.find((l) => l.id === m.id) });
    }
  });

  it('answers a commissioner the same counts through the suppression step, year by year', () => {
    let shown = 0;
    for (const { process, stored } of result.counts) {
      const board = result.board.processes.find((p) => p.process === process)!;
      for (const m of stored) {
        const measure = board.measures.find((b) => b.id === m.id)!;
        if (!m.years) {
          expect(measure.years).toBeUndefined();
          continue;
        }
        m.years.forEach((y, i) => {
          const total = measure.years![i]!.months.total!;
          const pairs: [unknown, number | undefined][] = [
            [m.kind === 'share' ? total.numerator : total.count, m.kind === 'share' ? y.total.within : y.total.count],
            ...(m.kind === 'share' ? [[total.denominator, y.total.count] as [unknown, number]] : []),
          ];
          for (const [figure, count] of pairs) {
            if (typeof figure === 'number') {
              expect(figure, `${process}/${m.id} ${y.year}`).toBe(count);
              shown++;
            } else if (figure === 'fewer than 5') expect(count).toBeGreaterThanOrEqual(1);
            else expect(figure, `${process}/${m.id} ${y.year}`).toBe('withheld');
            if (figure === 'fewer than 5') expect(count).toBeLessThanOrEqual(4);
          }
        });
      }
    }
    expect(shown).toBeGreaterThan(20);
  });

  it('counts the AWS operations each process made and prices them per case-year within the floor', () => {
    const cost = result.cost!;
    console.log(formatCostReport(cost));
    expect(cost.processes.map((p) => p.process).sort()).toEqual(result.counts.map((c) => c.process).sort());
    // GB-seconds at each function's configured memory, read from the synthesized template (infra/).
    expect(platform.meter!.memoryMb).toMatchObject({ Decide: 512, Api: 512, Imports: 1024, Figures: 512 });
    // The processes the simulator drives: every one.
    const simulated = [
      'supporting-families',
      'initial-health-assessment',
      'children-in-care',
      'before-admission',
      'child-protection',
      'operation-encompass',
      'crisis-escalation',
    ];
    for (const p of cost.processes.filter((x) => !simulated.includes(x.process))) {
      expect(p.cases, p.process).toBe(0);
      expect(p.cost.total, p.process).toBe(0);
    }
    for (const p of cost.processes.filter((x) => simulated.includes(x.process))) {
      const u = p.usage;
      expect(p.cases, p.process).toBeGreaterThan(0);
      expect(p.caseYears, p.process).toBeGreaterThan(0);
      // Every event is an Express execution started synchronously by the API, applied by the rules Lambda,
      // which reads and commits: read and write units, the indexes' share among them.
      expect(u.express.sync, p.process).toBeGreaterThan(0);
      expect(u.express.gbSeconds, p.process).toBeGreaterThan(0);
      expect(u.lambda.Decide?.invocations, p.process).toBeGreaterThanOrEqual(u.express.sync + u.express.async);
      expect(u.lambda.Api?.invocations, p.process).toBeGreaterThan(0);
      expect(u.dynamo.writeUnits, p.process).toBeGreaterThan(0);
      expect(u.dynamo.indexWriteUnits, p.process).toBeGreaterThan(0);
      expect(u.dynamo.readUnits, p.process).toBeGreaterThan(0);
      expect(u.apiRequests, p.process).toBeGreaterThan(0);
      // Every case has a clock: its one schedule is created.
      expect(u.schedules.created, p.process).toBeGreaterThan(0);
      expect(p.cost.total, p.process).toBeGreaterThan(0);
      expect(p.perCaseYear, p.process).toBeLessThanOrEqual(CASE_YEAR_FLOOR_USD);
      expect(p.withinFloor, p.process).toBe(true);
    }
    // Wake-ups fired by the scheduler are EventBridge Scheduler invocations, started asynchronously.
    const fired = cost.processes.reduce((n, p) => n + p.usage.schedules.invocations, 0);
    expect(fired).toBe(result.stats.timersFired);
    expect(cost.processes.reduce((n, p) => n + p.usage.express.async, 0)).toBeGreaterThanOrEqual(fired);
    // Every message delivered is counted against a process (its case's).
    expect(cost.processes.reduce((n, p) => n + p.usage.messages, 0) + cost.shared.usage.messages).toBe(
      result.stats.messages,
    );
    expect(cost.shared.usage.lambda.Figures?.invocations).toBeGreaterThan(0);
    expect(cost.total).toBeGreaterThan(0);
  });
});

describe('the same small year with faults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'righttime-faults-'));
  let target: PlatformProcess;
  let faulty: SimulationResult;
  const log: string[] = [];

  beforeAll(async () => {
    // Prepare: the platform as a process of its own, on its own data folder, its clock at the year's start.
    target = await PlatformProcess.start({
      dataDir,
      seed: options.seed,
      start: simulationStart(options),
      end: options.until!,
      kills: 2,
      log: (line) => log.push(line),
    });
    // Act: the same year, killed four times on the way.
    faulty = await simulate(target, options);
  }, 900_000);
  afterAll(async () => {
    await target?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('killed the platform process twice and its DynamoDB Local twice, and every story carried on', () => {
    console.log(
      `The small year with faults: ${faulty.stats.seconds.toFixed(1)} s (without: ${result.stats.seconds.toFixed(1)} s)` +
        `; ${faulty.faults!.retries} calls sent again\n${log.join('\n')}`,
    );
    expect(faulty.faults).toMatchObject({ platformKills: 2, storeKills: 2 });
    expect(log.filter((l) => l.includes('started again'))).toHaveLength(4);
    expect(faulty.stats.failures).toEqual([]);
    expect(faulty.stats.refusals).toEqual([]);
  });

  it('answers the board byte for byte as the run without faults, every measure equal to the ledger', () => {
    expect(JSON.stringify(faulty.board, null, 2)).toBe(JSON.stringify(result.board, null, 2));
    for (const { process, ledger, stored } of faulty.counts)
      for (const m of stored) expect({ process, ...m }).toEqual({ process, ...ledger.find((l) => l.id === m.id) });
  });

  it('delivered exactly the messages the run without faults delivered, each once', () => {
    expect(faulty.deliveries.length).toBeGreaterThan(20);
    expect(repeated(faulty.deliveries)).toEqual([]);
    expect(faulty.deliveries).toEqual(result.deliveries);
  });
});
