import { describe, expect, it } from 'vitest';
import { PartnershipConfigError } from '#core/partnership/config';
import { checkPartnership } from '#core/process/catalogue';
import { partnership } from '#functions/runtime';
import { processCatalogue } from '../catalogue';
import { NOTIFICATION_RETENTION_DAYS, settingsFor } from './settings';

const OE = 'operation-encompass';
const withSettings = (settings: Record<string, unknown>, process = OE) =>
  structuredClone({
    ...partnership,
    processes: { ...partnership.processes, [process]: { ...partnership.processes[process], settings } },
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

describe('Operation Encompass settings: parsed by its schema when the runtime starts', () => {
  it.each([
    [
      'earlyYears as the string "true"',
      { earlyYears: 'true' },
      'processes.operation-encompass.settings.earlyYears: expected boolean',
    ],
    ['earlyYears as 1', { earlyYears: 1 }, 'processes.operation-encompass.settings.earlyYears: expected boolean'],
    [
      'notificationRetentionDays as a string',
      { notificationRetentionDays: '90' },
      'processes.operation-encompass.settings.notificationRetentionDays: expected a number of days',
    ],
    [
      'notificationRetentionDays of 69 (below its range, never raised to it)',
      { notificationRetentionDays: 69 },
      'processes.operation-encompass.settings.notificationRetentionDays: expected a whole number of days from 70 to 180',
    ],
    [
      'notificationRetentionDays of 400 (above its range, never lowered to it)',
      { notificationRetentionDays: 400 },
      'processes.operation-encompass.settings.notificationRetentionDays: expected a whole number of days from 70 to 180',
    ],
    [
      'notificationRetentionDays of 90.5',
      { notificationRetentionDays: 90.5 },
      'processes.operation-encompass.settings.notificationRetentionDays: expected a whole number of days from 70 to 180',
    ],
    [
      'retentionDays of 0',
      { retentionDays: 0 },
      'processes.operation-encompass.settings.retentionDays: expected a whole number of days from 1 to 365',
    ],
    [
      'retentionDays of 2.5',
      { retentionDays: 2.5 },
      'processes.operation-encompass.settings.retentionDays: expected a whole number of days',
    ],
    [
      'holdReleaseTime of 7am',
      { holdReleaseTime: '7am' },
      'processes.operation-encompass.settings.holdReleaseTime: expected a time written HH:MM',
    ],
    [
      'holdReleaseTime of 25:00',
      { holdReleaseTime: '25:00' },
      'processes.operation-encompass.settings.holdReleaseTime: expected a time written HH:MM',
    ],
    [
      'defaultLocalAuthorityCode of 33',
      { defaultLocalAuthorityCode: '33' },
      'processes.operation-encompass.settings.defaultLocalAuthorityCode: expected a three-digit local authority code',
    ],
    [
      'a misspelt key',
      { earlyYear: true },
      "processes.operation-encompass.settings.earlyYear: operation-encompass has no setting 'earlyYear'",
    ],
  ])('refuses %s at start, naming the key', (_name, settings, problem) => {
    // Prepare
    const config = withSettings(settings);
    // Act
    const problems = refusals(() => checkPartnership(processCatalogue, config));
    // Assess
    expect(
      problems.some((p) => p.startsWith(problem)),
      problems.join('\n'),
    ).toBe(true);
    expect(() => settingsFor(config)).toThrow(PartnershipConfigError);
  });

  it('reports every bad setting at once', () => {
    // Act
    const problems = refusals(() =>
      checkPartnership(processCatalogue, withSettings({ earlyYears: 'true', holdReleaseTime: 7 })),
    );
    // Assess
    expect(problems.filter((p) => p.startsWith('processes.operation-encompass.settings.'))).toHaveLength(2);
  });

  it('refuses any setting for the initial health assessment, which has none', () => {
    // Act
    const problems = refusals(() =>
      checkPartnership(processCatalogue, withSettings({ earlyYears: true }, 'initial-health-assessment')),
    );
    // Assess
    expect(problems).toContain(
      "processes.initial-health-assessment.settings.earlyYears: initial-health-assessment has no setting 'earlyYears'",
    );
  });

  it.each([
    [
      'nothing set: the defaults',
      {},
      {
        holdReleaseTime: '07:00',
        retentionDays: 30,
        notificationRetentionDays: NOTIFICATION_RETENTION_DAYS.default,
        earlyYears: false,
        defaultLocalAuthorityCode: '330',
      },
    ],
    ['early years on', { earlyYears: true }, { earlyYears: true }],
    ['a later release time', { holdReleaseTime: '08:15' }, { holdReleaseTime: '08:15' }],
    [
      'retention at its lower bound',
      { notificationRetentionDays: 70 },
      { notificationRetentionDays: NOTIFICATION_RETENTION_DAYS.min },
    ],
    [
      'retention at its upper bound',
      { notificationRetentionDays: 180 },
      { notificationRetentionDays: NOTIFICATION_RETENTION_DAYS.max },
    ],
    ['another local authority', { defaultLocalAuthorityCode: '331' }, { defaultLocalAuthorityCode: '331' }],
  ])('accepts %s', (_name, settings, expected) => {
    // Prepare
    const config = withSettings(settings);
    // Act / Assess
    expect(checkPartnership(processCatalogue, config)).toBe(config);
    expect(settingsFor(config)).toMatchObject(expected);
  });

  it('accepts the shipped settings', () => {
    // Assess
    expect(settingsFor(partnership)).toEqual({
      holdReleaseTime: '07:00',
      retentionDays: 30,
      notificationRetentionDays: 90,
      earlyYears: false,
      defaultLocalAuthorityCode: '330',
    });
  });
});
