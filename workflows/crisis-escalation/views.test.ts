/**
 * Crisis escalation's figures for the working group and commissioners: counts, shares, hours and
 * themes per London month, every count through the answer's one suppression step; nothing that
 * identifies a young person, and no per-case row.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { clockStateOf } from '#core/clocks/state';
import { figuresAnswer } from '#core/figures/answer';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import type { CaseRecord } from '#core/process/model';
import { ProcessHarness } from '#test/support/process-harness';
import type { CrisisDetails } from './contract';
import { examplePresentation } from './example';
import * as crisisParts from './index';
import { bronzeMeetingsMissedOf, type NextMeeting } from './views';

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
  figuresAnswer(crisisEscalation, records, crisisEscalation.clocks, new Date(now), {
    workingDays: createWorkingDayCalendar(),
  }) as unknown as {
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

describe("the case's summary for the chair's board: the meeting next due at its level, and Bronze meetings missed", () => {
  const chair: Actor = {
    kind: 'person',
    userId: 'u-rhys',
    name: 'Rhys Cole',
    role: 'crisis-chair',
    organisation: 'riverside-health',
  };
  const meeting = (heldAt: string) => ({
    heldAt,
    organisationsPresent: ['riverside-health', 'riverside-council'],
    decisions: 'Agreed who will visit',
    plan: 'Ward and crisis team review each morning',
  });
  const calendars = { workingDays: createWorkingDayCalendar() };
  const summaryAt = (h: ProcessHarness<CrisisDetails>, now: string) => {
    h.runUntil(now);
    return crisisEscalation.caseSummary!(h.record!, {
      now: new Date(now),
      calendars,
      clocks: crisisEscalation.clocks,
    }) as { level: string; nextMeeting: NextMeeting | null; bronzeMeetingsMissed: number };
  };
  const next = (s: { nextMeeting: NextMeeting | null }) =>
    s.nextMeeting && [s.nextMeeting.level, s.nextMeeting.clockId, s.nextMeeting.dueAt, s.nextMeeting.state];

  it('Bronze, then Silver (its meeting, not the Bronze MDT), then Gold (its meeting; the Silver meeting no longer needed)', () => {
    // Prepare: presented Wed 3 Feb 2027 14:00 (GMT) on a paediatric ward, Red; first Bronze meeting due by the end of
    // Thu 4 Feb (1 working day), held Thu 10:00: the daily cadence from Thu, next due by the end of Fri 5 Feb.
    const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
    h.apply('presented', examplePresentation(), health, '2027-02-03T14:00:00Z');
    const s1 = summaryAt(h, '2027-02-03T15:00:00Z');
    expect(next(s1)).toEqual(['bronze', 'bronze-first-meeting', '2027-02-04T23:59:59.999Z', 'inTime']);
    expect(next(summaryAt(h, '2027-02-04T09:00:00Z'))).toEqual([
      'bronze',
      'bronze-first-meeting',
      '2027-02-04T23:59:59.999Z',
      'dueSoon', // a 1-working-day clock is due soon on its due day
    ]);
    h.apply('bronzeMeetingHeld', meeting('2027-02-04T10:00:00Z'), chair, '2027-02-04T10:00:00Z');
    expect(next(summaryAt(h, '2027-02-04T11:00:00Z'))).toEqual([
      'bronze',
      'bronze-mdt',
      '2027-02-05T23:59:59.999Z',
      'inTime',
    ]);
    // Medically fit Fri 5 Feb 18:00; no Bronze meeting after Thursday's.
    h.apply('medicallyFit', { fitAt: '2027-02-05T18:00:00Z' }, health, '2027-02-05T18:00:00Z');
    // Act: Sat 6 Feb 19:00, an hour after Silver (24 hours): the Silver meeting, due by the end of Mon 8 Feb (its
    // 1 working day), though the Bronze MDT is due sooner (end of Sat).
    const silver = summaryAt(h, '2027-02-06T19:00:00Z');
    // Assess
    expect(silver.level).toBe('silver');
    expect(next(silver)).toEqual(['silver', 'silver-meeting', '2027-02-08T23:59:59.999Z', 'inTime']);
    expect(silver.bronzeMeetingsMissed).toBe(1); // Fri 5 Feb's
    // Act: Mon 8 Feb 19:00, an hour after Gold (72 hours), before the Silver meeting fell due.
    const gold = summaryAt(h, '2027-02-08T19:00:00Z');
    // Assess: the Gold meeting (24 elapsed hours: Tue 18:00; due soon in its last 6 hours); Fri, Sat and Sun missed.
    expect(next(gold)).toEqual(['gold', 'gold-meeting', '2027-02-09T18:00:00.000Z', 'inTime']);
    expect(gold.bronzeMeetingsMissed).toBe(3);
    expect(next(summaryAt(h, '2027-02-09T13:00:00Z'))?.[3]).toBe('dueSoon');
    // The Silver meeting is no longer needed (not missed): it was not yet due when Gold was reached.
    expect(clockStateOf(h.record!.clocks['silver-meeting']!, new Date('2027-02-09T13:00:00Z'), calendars).state).toBe(
      'notNeeded',
    );
  });

  it('a first Bronze meeting not held in time counts as missed, as does each occurrence of the cadence not met', () => {
    // Prepare: presented Wed 3 Feb 14:00; no meeting by the end of Thu 4 Feb; held Fri 5 Feb 10:00 (late).
    const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
    h.apply('presented', examplePresentation(), health, '2027-02-03T14:00:00Z');
    h.runUntil('2027-02-05T09:00:00Z');
    expect(bronzeMeetingsMissedOf(h.record!)).toBe(1);
    h.apply('bronzeMeetingHeld', meeting('2027-02-05T10:00:00Z'), chair, '2027-02-05T10:00:00Z');
    // Act: the cadence from Fri 5 Feb; Sat 6 met, Sun 7 not.
    h.apply('bronzeMeetingHeld', meeting('2027-02-06T10:00:00Z'), chair, '2027-02-06T10:00:00Z');
    h.runUntil('2027-02-08T09:00:00Z');
    // Assess
    expect(h.record!.details.cadence.map((c) => [c.dueAt, c.held])).toEqual([
      ['2027-02-06T23:59:59.999Z', true],
      ['2027-02-07T23:59:59.999Z', false],
    ]);
    expect(bronzeMeetingsMissedOf(h.record!)).toBe(2);
    // Closed: no next meeting.
    h.apply(
      'discharged',
      { dischargedAt: '2027-02-08T09:00:00Z', outcome: 'localityTeam' },
      health,
      '2027-02-08T09:00:00Z',
    );
    expect(summaryAt(h, '2027-02-08T10:00:00Z')).toEqual({
      level: 'bronze',
      nextMeeting: null,
      bronzeMeetingsMissed: 2,
    });
  });
});
