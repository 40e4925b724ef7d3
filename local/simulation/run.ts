/**
 * One simulated partnership: the year (or years) driven through the real local platform, then read back
 * as the board reads it. Returns the board the API answers a commissioner, the simulator's ledger of what
 * it did, the same measures counted from the stored cases (before suppression) and the run's numbers.
 */

import { fileURLToPath } from 'node:url';
import { endOfLondonDay, startOfLondonDay } from '#core/calendar/index';
import type { BoardAnswer } from '#core/measures/board';
import { countMeasures, type MeasureCount } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { WAKE_SHARDS } from '#functions/store/table';
import { measuresCatalogue } from '#workflows/measures';
import type { Platform } from '../platform';
import { startRatings } from './before-admission';
import { startReferrals } from './child-protection';
import type { SimulationConfig } from './config';
import type { SimulationContext } from './context';
import { type CostReport, costReport, readPrices, sweeperUsage } from './cost';
import { startPresentations } from './crisis';
import { deliveryLines } from './deliveries';
import { startIncidents } from './encompass';
import { startFamilies } from './family-support';
import { startChildrenInCare } from './health-assessments';
import { Ledger } from './ledger';
import { loadSchools, simulatedSchools } from './partnership';
import { inProcess, type SimulationTarget } from './target';
import { type Person, World, type WorldStats } from './world';

export interface SimulationOptions {
  /** The board's year; the simulation runs `years` calendar years ending with it. */
  year: number;
  years?: number;
  /** Run only to this instant (a short test run: a month); default the end of `year`. */
  until?: Date;
  seed: number;
  scale: number;
  config: SimulationConfig;
  slotMinutes?: number;
  /** Told of each simulated day as it starts. */
  progress?: (day: string, stats: WorldStats) => void;
}

export interface SimulationResult {
  board: BoardAnswer;
  ledger: Ledger;
  /** Per process: the ledger's counts and the stored cases' counts, before suppression, for the board's years. */
  counts: { process: string; ledger: MeasureCount[]; stored: MeasureCount[] }[];
  stats: WorldStats & { cases: number; messages: number; seconds: number };
  /**
   * Every message delivered, one line each, named so the same year run again (with faults or without) names
   * it the same: the case by what it holds, not its id (./deliveries.ts). Sorted.
   */
  deliveries: string[];
  /** The faults injected (a run with `--faults`). */
  faults?: SimulationTarget['faults'];
  /** What the run's AWS operations cost, per process and per case-year (a platform started with `meter`). */
  cost?: CostReport;
  start: Date;
  end: Date;
}

/**
 * An assumption: how long one sweep runs (two index queries' worth, nothing to send) for the fixed cost;
 * the local platform runs no sweeper to measure.
 */
const SWEEP_MS_ASSUMED = 200;

/** A commissioner who reads the board. */
export const commissioner: Person = {
  sub: 'sim-commissioner',
  name: 'Chris Bell',
  email: 'chris.bell@riverside-icb.example.nhs.uk',
  role: 'commissioner',
  organisation: 'riverside-icb',
};

/** The instant a simulation of these options starts, for the platform's clock. */
export const simulationStart = (o: Pick<SimulationOptions, 'year' | 'years'>) =>
  startOfLondonDay(`${o.year - (o.years ?? 2) + 1}-01-01`);

/** Simulate on a platform in this process, or on a target of ./target.ts (the faults' platform process). */
export async function simulate(on: Platform | SimulationTarget, options: SimulationOptions): Promise<SimulationResult> {
  const target = 'moveTo' in on ? on : inProcess(on);
  const began = Date.now();
  const start = simulationStart(options);
  const end = options.until ?? endOfLondonDay(`${options.year}-12-31`);
  if (target.now().getTime() > start.getTime())
    throw new Error(`The platform's clock (${target.now().toISOString()}) is past the simulation's start`);
  const world = new World(target, options.seed, options.slotMinutes ?? 30);
  const ledger = new Ledger();
  await target.moveTo(start);
  const rng = world.random('schools');
  const schools = simulatedSchools(options.config.encompass.schools, rng);
  const cover = new Set(schools.filter(() => rng.chance(options.config.encompass.holidayCoverShare)).map((s) => s.urn));
  await loadSchools(world, schools, (s) => cover.has(s.urn));
  const ctx: SimulationContext = {
    world,
    ledger,
    config: options.config,
    scale: options.scale,
    workingDays: target.workingDays,
    schools,
    start,
    end,
    atEnd: [],
  };
  startFamilies(ctx);
  startChildrenInCare(ctx);
  startIncidents(ctx);
  startPresentations(ctx);
  startRatings(ctx);
  startReferrals(ctx);
  let day = '';
  await world.run(end, (at) => {
    const d = at.toISOString().slice(0, 10);
    if (d !== day) {
      day = d;
      options.progress?.(d, world.stats);
    }
  });
  await target.settle();
  for (const settle of ctx.atEnd) settle(end);

  const answer = await world.api(commissioner, 'GET', `/board/${options.year}`);
  if (answer.status !== 200)
    throw new Error(`The board could not be read: ${answer.status} ${JSON.stringify(answer.body)}`);
  // The rest is read from the store by a platform in this process (the faults' platform process is stopped).
  const platform = await target.finish();
  const years = [options.year, options.year - 1];
  const now = platform.clock.now();
  const counts = [];
  let cases = 0;
  const casesByProcess: Record<string, CaseRecord[]> = {};
  for (const set of measuresCatalogue) {
    const records = await platform.store.casesOfProcessOpenedBy(set.process, end.toISOString());
    cases += records.length;
    casesByProcess[set.process] = records;
    counts.push({
      process: set.process,
      ledger: ledger.counts(set.process, years, now),
      stored: countMeasures(set, records as never[], years, { now }),
    });
  }
  const meter = platform.meter;
  const cost = meter
    ? costReport({
        usage: meter.byProcess,
        shared: meter.shared,
        fixed: sweeperUsage(end.getTime() - start.getTime(), {
          memoryMb: meter.memoryMb.Sweeper ?? 512,
          wakeShards: WAKE_SHARDS,
          sweepMs: SWEEP_MS_ASSUMED,
        }),
        cases: casesByProcess,
        start,
        end,
        scale: options.scale,
        prices: readPrices(fileURLToPath(new URL('../../config/prices/eu-west-2.json', import.meta.url))),
      })
    : undefined;
  return {
    board: answer.body as unknown as BoardAnswer,
    ledger,
    counts,
    ...(cost ? { cost } : {}),
    stats: { ...world.stats, cases, messages: platform.inbox.messages.length, seconds: (Date.now() - began) / 1000 },
    deliveries: deliveryLines(platform.inbox.messages, Object.values(casesByProcess).flat()),
    ...(target.faults ? { faults: { ...target.faults } } : {}),
    start,
    end,
  };
}
