/**
 * Which version opens a new case: the newest in force, in this partnership, on the day the opening is
 * about (not simply the newest), so a request dated before a new version's start opens under the old one.
 */
import { describe, expect, it } from 'vitest';
import type { PartnershipConfig } from '#core/partnership/config';
import { onCaseAccess } from '#core/process/access';
import { catalogueOf } from '#core/process/catalogue';
import type { ProcessDefinition } from '#core/process/definition';
import { partnership } from '#functions/runtime';

const base = {
  id: 'example',
  title: 'Example',
  casePrefix: 'EX',
  clocks: [],
  events: [],
  handlers: {},
  access: onCaseAccess([]),
  caseKeyOf: () => 'k',
  conditions: {},
  recipients: () => [],
  commissionerView: () => ({}),
} satisfies ProcessDefinition;

const requestedOn = (payload: unknown) => {
  const at = (payload as { requestedAt?: unknown } | undefined)?.requestedAt;
  return typeof at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : undefined;
};
const fromSetting = (key: string, fallback: string) => (p: PartnershipConfig) =>
  (p.processes.example?.settings?.[key] as string | undefined) ?? fallback;

const v1: ProcessDefinition = { ...base, version: 1, openingDay: requestedOn };
const v2: ProcessDefinition = {
  ...base,
  version: 2,
  openingDay: requestedOn,
  inForceFrom: fromSetting('v2From', '2025-04-01'),
};
const v3: ProcessDefinition = {
  ...base,
  version: 3,
  openingDay: requestedOn,
  inForceFrom: fromSetting('v3From', '2027-01-01'),
};
const withSettings = (settings: Record<string, string>): PartnershipConfig => ({
  ...partnership,
  processes: { ...partnership.processes, example: { settings } },
});
const now = new Date('2026-11-26T12:00:00Z');

describe('the version a new case opens under', () => {
  it.each([
    ['a request before version 2 starts: version 1', { requestedAt: '2025-03-31T23:00:00Z' }, {}, 1],
    ['a request on the day version 2 starts: version 2', { requestedAt: '2025-04-01T08:00:00Z' }, {}, 2],
    [
      'the partnership moved version 2 later: its request of May 2025 stays under version 1',
      { requestedAt: '2025-05-01T10:00:00Z' },
      { v2From: '2025-06-01' },
      1,
    ],
    ['a request after version 3 starts: version 3', { requestedAt: '2027-02-01T10:00:00Z' }, {}, 3],
    ['no request date in the payload: the day it is received (26 Nov 2026), version 2', {}, {}, 2],
    ['not a date at all: the day it is received; the schema refuses it by name later', { requestedAt: 42 }, {}, 2],
    [
      'before every version but the first: version 1',
      { requestedAt: '2001-01-01T00:00:00Z' },
      { v2From: '2024-01-01' },
      1,
    ],
  ] as const)('%s', (_case, payload, settings, version) => {
    // Prepare
    const catalogue = catalogueOf([v1, v2, v3]);
    // Act
    const chosen = catalogue.forOpening('example', payload, withSettings(settings), now);
    // Assess
    expect(chosen?.version).toBe(version);
  });

  it('a catalogue whose versions set no start opens new cases under the newest, as before', () => {
    const catalogue = catalogueOf([
      { ...base, version: 1 },
      { ...base, version: 2 },
    ]);
    expect(catalogue.forOpening('example', { requestedAt: '2001-01-01T00:00:00Z' }, partnership, now)?.version).toBe(2);
    expect(catalogue.forOpening('no-such-process', {}, partnership, now)).toBeUndefined();
  });
});
