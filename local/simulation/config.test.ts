/** Scenarios over the defaults, and the seeded randomness every story draws from. */
import { describe, expect, it } from 'vitest';
import { defaultConfig, readScenario, SOURCES, withScenario } from './config';
import { Random } from './random';

describe('the simulation’s configuration', () => {
  it('gives every default its source: the board pack, or an assumption', () => {
    const paths = Object.entries(defaultConfig).flatMap(([area, values]) =>
      Object.keys(values).map((k) => `${area}.${k}`),
    );
    expect(paths.filter((p) => !SOURCES[p])).toEqual([]);
    expect(SOURCES['familySupport.requestsPerYear']).toMatch(/board pack.*3,195/);
  });

  it('changes only what a scenario names, and refuses a scenario that is not valid, naming the field', () => {
    const scenario = readScenario(new URL('./scenarios/requests-up-allocation-slower.json', import.meta.url).pathname);
    expect(scenario.familySupport.requestsPerYear).toBe(3515);
    expect(scenario.familySupport.allocationExtraWorkingDays).toBe(2);
    expect(scenario.familySupport.closedWithinSixteenWeeksShare).toBe(0.87);
    expect(scenario.crisis).toEqual(defaultConfig.crisis);
    expect(() => withScenario({ familySupport: { consentShare: 2 } })).toThrow(/familySupport.consentShare/);
    expect(() => withScenario({ familySupport: { unknownKnob: 1 } })).toThrow(/familySupport/);
  });
});

describe('the seeded randomness', () => {
  it('draws the same numbers for the same seed and name, others for another', () => {
    const draw = (r: Random) => Array.from({ length: 5 }, () => r.next());
    expect(draw(new Random(7, 'family-1'))).toEqual(draw(new Random(7, 'family-1')));
    expect(draw(new Random(7, 'family-1'))).not.toEqual(draw(new Random(7, 'family-2')));
    expect(draw(new Random(7, 'a').fork('b'))).toEqual(draw(new Random(7, 'a/b')));
    const r = new Random(1, 'ranges');
    for (let i = 0; i < 1000; i++) {
      const x = r.int(3, 5);
      expect(x >= 3 && x <= 5 && Number.isInteger(x)).toBe(true);
    }
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++) counts[r.weighted({ a: 3, b: 1 })]++;
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
  });
});
