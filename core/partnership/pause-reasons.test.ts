/** A partnership's pause reasons replace a process's own for its pausable local targets, never for a statutory clock. */
import { describe, expect, it } from 'vitest';
import type { ClockDefinition } from '../clocks/model';
import { effectiveClocks, type PartnershipConfig, PartnershipConfigError, partnershipSchema } from './config';

const clock = (id: string, kind: 'statutory' | 'localTarget', pausable: boolean): ClockDefinition => ({
  id,
  title: id,
  kind: 'calendarDays',
  length: 28,
  source: { kind, citation: 'test' },
  owner: 'council',
  pausable,
  pauseReasons: { familyAway: 'The family is away' },
  checkpoints: [],
});
const partnership = (pauseReasons: Record<string, string>): PartnershipConfig =>
  partnershipSchema.parse({
    id: 'p',
    name: 'P',
    signInUrl: 'http://localhost',
    organisations: [{ id: 'c', kind: 'council', name: 'C', mailboxes: {} }],
    processes: { sf: { pauseReasons } },
  });

describe('pause reasons from the partnership', () => {
  it('replace the reasons of pausable local targets only', () => {
    // Prepare
    const reasons = { parentInHospital: 'A parent or carer is in hospital' };
    // Act
    const clocks = effectiveClocks(
      'sf',
      [
        clock('local', 'localTarget', true),
        clock('statutory', 'statutory', true),
        clock('fixed', 'localTarget', false),
      ],
      partnership(reasons),
    );
    // Assess
    expect(clocks.map((c) => [c.id, Object.keys(c.pauseReasons ?? {})])).toEqual([
      ['local', ['parentInHospital']],
      ['statutory', ['familyAway']],
      ['fixed', ['familyAway']],
    ]);
  });

  it('are refused, naming the key, for a process with no pausable local target', () => {
    expect(() => effectiveClocks('sf', [clock('statutory', 'statutory', true)], partnership({ away: 'Away' }))).toThrow(
      PartnershipConfigError,
    );
    try {
      effectiveClocks('sf', [clock('statutory', 'statutory', true)], partnership({ away: 'Away' }));
    } catch (e) {
      expect((e as PartnershipConfigError).problems).toEqual([
        'processes.sf.pauseReasons: sf has no local target that can be paused',
      ]);
    }
  });
});
