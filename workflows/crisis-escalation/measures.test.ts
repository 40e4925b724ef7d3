/**
 * The crisis measures on young people written out by hand: each counted in the London month they
 * presented, assessed within 4 or 24 hours, escalated to Silver and Gold, hours at each level over stays
 * that ended, and hours of delayed discharge.
 */
import { describe, expect, it } from 'vitest';
import { countMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import type { CrisisDetails } from './details';
import { hoursAtLevel, crisisEscalationMeasures as measures } from './measures';

function youngPerson(presentedAt: string, d: Partial<CrisisDetails>) {
  return {
    caseId: presentedAt,
    clocks: {},
    details: {
      presentedAt,
      setting: 'paediatricWard',
      routeIn: 'crisisLine',
      urgency: 'veryUrgent',
      levelChanges: [],
      cadence: [],
      careReviews: {},
      ...d,
    },
  } as unknown as CaseRecord<CrisisDetails>;
}

describe('crisis measures', () => {
  // Prepare: A escalated to Silver at 18:00 on 2 Mar, to Gold 48 hours later, stepped down to Bronze
  // 12.5 hours after that, delayed 84.5 hours in all; B urgent, assessed late, still at Silver.
  const a = youngPerson('2026-03-01T14:00:00Z', {
    assessment: { at: '2026-03-01T16:00:00Z', hoursAfterPresentation: 2, withinTarget: true },
    levelChanges: [
      { at: '2026-03-02T18:00:00Z', from: 'bronze', to: 'silver', reason: 'r' },
      { at: '2026-03-04T18:00:00Z', from: 'silver', to: 'gold', reason: 'r' },
      { at: '2026-03-05T06:30:00Z', from: 'gold', to: 'bronze', reason: 'r' },
    ],
    hoursDelayed: 84.5,
  });
  const b = youngPerson('2026-03-31T23:30:00Z', {
    urgency: 'urgent',
    assessment: { at: '2026-04-02T09:00:00Z', hoursAfterPresentation: 33.5, withinTarget: false },
    levelChanges: [{ at: '2026-04-03T10:00:00Z', from: 'bronze', to: 'silver', reason: 'r' }],
  });
  const counts = countMeasures(measures, [a, b], [2026], { now: new Date('2026-06-01T12:00:00Z') });
  const yearOf = (id: string) => counts.find((c) => c.id === id)!.years![0]!;

  it('counts hours at a level over the stays that ended', () => {
    expect(hoursAtLevel(a.details, 'silver')).toBe(48);
    expect(hoursAtLevel(a.details, 'gold')).toBe(12.5);
    expect(hoursAtLevel(b.details, 'silver')).toBeUndefined();
  });

  it('counts each young person in the month they presented (00:30 BST on 1 April is April’s)', () => {
    expect(yearOf('presentations').months.slice(2, 4)).toEqual([{ count: 1 }, { count: 1 }]);
    expect(yearOf('assessed-within-4-hours').total).toEqual({ count: 1, within: 1 });
    expect(yearOf('assessed-within-24-hours').months[3]).toEqual({ count: 1, within: 0 });
    expect(yearOf('escalated-to-silver').total).toEqual({ count: 2, within: 2 });
    expect(yearOf('escalated-to-gold').total).toEqual({ count: 2, within: 1 });
    expect(yearOf('hours-at-silver').total).toEqual({ count: 1, values: [48] });
    expect(yearOf('delayed-discharge-hours').months[2]).toEqual({ count: 1, values: [84.5] });
  });
});
