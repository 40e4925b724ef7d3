/**
 * A small simulated year through the real local platform (a month at a tenth of the volume): every board
 * measure counted from the stored cases equals what the simulator's own ledger says it did, exactly; the
 * board the API answers a commissioner shows those counts through the suppression step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfLondonDay, startOfLondonDay } from '#core/calendar/index';
import type { Platform } from '#local/platform';
import { defaultConfig } from '#local/simulation/config';
import { type SimulationResult, simulate } from '#local/simulation/run';
import { testPlatform } from '../support/platform';

let platform: Platform;
let result: SimulationResult;

beforeAll(async () => {
  platform = await testPlatform({ startAt: startOfLondonDay('2026-01-01'), frozen: true });
  result = await simulate(platform, {
    year: 2026,
    years: 1,
    until: endOfLondonDay('2026-04-30'),
    seed: 7,
    scale: 0.04,
    config: defaultConfig,
  });
}, 600_000);
afterAll(async () => platform?.stop());

describe('a small simulated year', () => {
  it('acted as people would, with nothing refused and no story failing', () => {
    console.log(JSON.stringify({ ...result.stats, refusals: result.stats.refusals.slice(0, 5), failures: result.stats.failures.slice(0, 3) }, null, 1));
    expect(result.stats.failures).toEqual([]);
    expect(result.stats.refusals).toEqual([]);
    expect(result.stats.requests).toBeGreaterThan(100);
  });

  it('counts every board measure from the stored cases exactly as the ledger says', () => {
    for (const { process, ledger, stored } of result.counts) {
      for (const m of stored) expect({ process, ...m }).toEqual({ process, ...ledger.find((l) => l.id === m.id) });
      console.log(process, stored.filter((m) => m.years?.[0]?.total.count).map((m) => `${m.id}=${m.years![0]!.total.count}/${m.years![0]!.total.within ?? ''}`).join(' '));
    }
  });
});
