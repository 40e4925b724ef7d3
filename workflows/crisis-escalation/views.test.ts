/**
 * Crisis escalation's figures for the working group and commissioners: counts, shares, hours and
 * themes per London month, every count through the answer's one suppression step; nothing that
 * identifies a young person, and no per-case row.
 */
import { describe, expect, it } from 'vitest';
import { figuresAnswer } from '#core/figures/answer';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import type { CaseRecord } from '#core/process/model';
import { ProcessHarness } from '#test/support/process-harness';
import type { CrisisDetails } from './contract';
import { examplePresentation } from './example';
import * as crisisParts from './index';

const crisisEscalation = definitionOf(crisisParts);

const health: Actor = {
  kind: 'person',
  userId: 'u-priya',
  name: 'Priya Shah',
  role: 'health',
  organisation: 'riverside-health',
};
const F = 'fewer than 5';
const W = 'withheld';

const figuresOf = (records: CaseRecord<CrisisDetails>[], now: string) =>
  figuresAnswer(crisisEscalation, records, crisisEscalation.clocks, new Date(now)) as unknown as {
    asOf: string;
    dates: string;
    byMonth: { measures: Record<string, string>; rows: Record<string, unknown>[]; total: Record<string, unknown> };
    themes: Record<string, { rows: { value: string; youngPeople: unknown }[] }>;
  };

/** One young person: presented on a paediatric ward at `at`, seen within 2 hours, medically fit 6 hours in, discharged `hours` later. */
function stay(ref: string, at: string, hours: number) {
  const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
  const t = (plus: number) => new Date(new Date(at).getTime() + plus * 3_600_000).toISOString();
  h.apply('presented', examplePresentation({ caseReference: ref, presentedAt: at }), health, at);
  h.apply('crisisAssessed', { assessedAt: t(2) }, health, t(2));
  h.apply('medicallyFit', { fitAt: t(6) }, health, t(6));
  h.runUntil(t(6 + hours));
  h.apply('discharged', { dischargedAt: t(6 + hours), outcome: 'localityTeam' }, health, t(6 + hours));
  return h.record!;
}

describe('figures per month for the working group and commissioners', () => {
  it('counts, shares, hours delayed (median, total) and themes; 1 to 4 suppressed, and whatever would reveal one withheld', () => {
    // Prepare: six stays in February (delays of 10 to 60 hours: four reach Silver, none Gold), one in March.
    const february = [10, 20, 30, 40, 50, 60].map((hours, i) =>
      stay(`CAMHS-F${i}`, `2027-02-0${i + 1}T09:00:00Z`, hours),
    );
    const march = stay('CAMHS-M1', '2027-03-02T09:00:00Z', 5);
    // Act
    const figures = figuresOf([...february, march], '2027-04-01T00:00:00Z');
    // Assess
    expect(figures.asOf).toBe('2027-W13');
    expect(figures.dates).toBe('isoWeek');
    const pick = (r: Record<string, unknown>) => [
      r.month,
      r.presentations,
      r.veryUrgent,
      r.shareVeryUrgentAssessedWithin4Hours,
      r.escalationsToSilver,
      r.escalationsToGold,
      r.hoursDelayedDischarge,
      r.bronzeMeetingsDue,
      r.shareBronzeMeetingsOnCadence,
    ];
    expect(figures.byMonth.rows.map(pick)).toEqual([
      // February's 6 would give March's 1 back from the total of 7: withheld, and its very urgent with it.
      ['2027-02', W, W, W, F, 0, { median: 35, total: 210, stillInAcuteBed: 0 }, F, W],
      // March: one young person: the median and hours withheld (and the share of the one seen in time).
      ['2027-03', F, F, W, 0, 0, { median: W, total: W, stillInAcuteBed: 0 }, 0, null],
    ]);
    // The total row: 7 young people, all very urgent and seen within 4 hours; the hours of all months would
    // give back March's (215 − 210): withheld.
    expect(pick(figures.byMonth.total)).toEqual([
      'all',
      7,
      7,
      1,
      F,
      0,
      { median: 30, total: W, stillInAcuteBed: 0 },
      F,
      W,
    ]);
    expect(figures.byMonth.measures).toMatchObject({
      presentations: 'count',
      shareVeryUrgentAssessedWithin4Hours: 'share',
      'hoursDelayedDischarge.median': 'median',
      'hoursDelayedDischarge.total': 'total',
      'hoursDelayedDischarge.stillInAcuteBed': 'count',
    });
    const theme = (name: string) => Object.fromEntries(figures.themes[name]!.rows.map((r) => [r.value, r.youngPeople]));
    expect(theme('setting')).toEqual({
      emergencyDepartment: 0,
      paediatricWard: 7,
      community: 0,
      placeOfSafety: 0,
      custody: 0,
    });
    expect(theme('highestLevel')).toEqual({ bronze: F, silver: F, gold: 0 }); // 3 and 4
    // No case code, no name, no reference, no per-case row.
    expect(JSON.stringify(figures)).not.toMatch(/Jordan|2011-03-09|CAMHS-|caseCode|caseFigures|CRI-/);
  });

  it('hours of delayed discharge include young people still in an acute bed, counted up to now', () => {
    // Prepare: medically fit at 10:00 on 1 to 5 February; figures at 10:00 on 8 February: 168, 144, 120, 96, 72 hours.
    const records = [1, 2, 3, 4, 5].map((day) => {
      const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
      const fit = `2027-02-0${day}T10:00:00Z`;
      h.apply(
        'presented',
        examplePresentation({ caseReference: `CAMHS-W${day}`, presentedAt: `2027-02-0${day}T08:00:00Z` }),
        health,
        `2027-02-0${day}T08:00:00Z`,
      );
      h.apply('medicallyFit', { fitAt: fit }, health, fit);
      return h.record!;
    });
    // Act
    const figures = figuresOf(records, '2027-02-08T10:00:00Z');
    // Assess
    expect(figures.byMonth.rows[0]!.hoursDelayedDischarge).toEqual({ median: 120, total: 600, stillInAcuteBed: 5 });
    expect(figures.byMonth.total.hoursDelayedDischarge).toEqual({ median: 120, total: 600, stillInAcuteBed: 5 });
  });

  it('a young person is counted in the London month of the presentation: 00:30 BST on Thu 1 Apr 2027 (23:30 UTC on 31 Mar) is April', () => {
    const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
    h.apply('presented', examplePresentation({ presentedAt: '2027-03-31T23:30:00Z' }), health, '2027-03-31T23:35:00Z');
    const figures = figuresOf([h.record!], '2027-04-01T12:00:00Z');
    expect(figures.byMonth.rows.map((r) => r.month)).toEqual(['2027-04']);
  });

  it('pseudonymous dates are given by the ISO week, and there is no per-case view', () => {
    expect(crisisEscalation.datesShown).toBe('isoWeek');
    expect(crisisEscalation.commissionerView).toBeUndefined();
  });
});
