/** Supporting Families / Family Help settings: parsed when the runtime starts, a bad one refused naming its key, never moved to a bound. */
import { describe, expect, it } from 'vitest';
import { PartnershipConfigError } from '#core/partnership/config';
import { checkPartnership } from '#core/process/catalogue';
import { partnership } from '#functions/runtime';
import { processCatalogue } from '../catalogue';
import { FAMILY_HELP_FROM, settingsFor } from './settings';

const SF = 'supporting-families';
const withSettings = (settings: Record<string, unknown>) =>
  structuredClone({
    ...partnership,
    processes: {
      ...partnership.processes,
      [SF]: { ...partnership.processes[SF], settings: { ...partnership.processes[SF]!.settings, ...settings } },
    },
  }) as typeof partnership;

function refusals(act: () => unknown): string[] {
  try {
    act();
  } catch (error) {
    if (error instanceof PartnershipConfigError) return error.problems;
    throw error;
  }
  return [];
}

const KEY = 'processes.supporting-families.settings.familyHelpFrom';

describe('familyHelpFrom: the day Family Help starts for new requests', () => {
  it.each([
    ['the day before Working Together 2023 came into force', '2023-12-14', `${KEY}: expected a day from 2023-12-15`],
    [
      'a day far in the future (new requests would never get the statutory 45-working-day assessment)',
      '2040-01-01',
      `${KEY}: expected a day from 2023-12-15 to 2027-03-31`,
    ],
    ['the day after the latest', '2027-04-01', `${KEY}: expected a day from 2023-12-15 to 2027-03-31`],
    ['not a date', '1 April 2025', KEY],
  ])('refuses %s at start, naming the key', (_name, familyHelpFrom, problem) => {
    // Prepare
    const config = withSettings({ familyHelpFrom });
    // Act
    const problems = refusals(() => checkPartnership(processCatalogue, config));
    // Assess: one problem for the key, and the settings are never read with a day moved to a bound
    expect(
      problems.filter((p) => p.startsWith(KEY)),
      problems.join('\n'),
    ).toHaveLength(1);
    expect(
      problems.some((p) => p.startsWith(problem)),
      problems.join('\n'),
    ).toBe(true);
    expect(() => settingsFor(config)).toThrow(PartnershipConfigError);
  });

  it.each([
    ['the earliest day', FAMILY_HELP_FROM.earliest],
    ['the latest day', FAMILY_HELP_FROM.latest],
    ['the shipped day', '2025-04-01'],
  ])('accepts %s', (_name, familyHelpFrom) => {
    // Prepare
    const config = withSettings({ familyHelpFrom });
    // Act / Assess
    expect(checkPartnership(processCatalogue, config)).toBe(config);
    expect(settingsFor(config).familyHelpFrom).toBe(familyHelpFrom);
  });
});
