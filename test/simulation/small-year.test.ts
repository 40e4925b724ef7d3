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
});
