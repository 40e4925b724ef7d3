/** The commissioners' dashboard view: the API's figures arranged for the page, nothing computed anew. */
import { describe, expect, it } from 'vitest';
import type { TimelinessFigures } from '#core/figures/timeliness';
import { dashboardView, type OpenClock } from '../../web/dashboard/view';

const figures: TimelinessFigures = {
  asOf: '2027-03-10T12:00:00.000Z',
  dueSoonDays: 7,
  breaches: { statutory: 9, localTarget: 2 },
  breachesByOwner: { council: 2, healthProvider: 9 },
  clocks: [
    { clockId: 'request', title: 'Request to health', source: 'localTarget', citation: '', owner: 'council', open: 3, dueSoon: 1, breached: 2, breachedOpen: 0, met: 10, metLate: 2, byMonth: [{ month: '2027-02', due: 12, withinTimescale: 10, share: 'withheld' }], breachReasons: [{ reason: 'Waiting for consent', count: 'fewer than 5' }] },
    {
      clockId: 'assessment',
      title: 'Initial health assessment',
      source: 'statutory',
      citation: '',
      owner: 'healthProvider',
      open: 5,
      dueSoon: 2,
      breached: 9,
      breachedOpen: 1,
      met: 6,
      metLate: 8,
      byMonth: [
        { month: '2027-01', due: 7, withinTimescale: 'fewer than 5', share: 'withheld' },
        { month: '2027-02', due: 7, withinTimescale: 'withheld', share: 'withheld' },
      ],
      breachReasons: [
        { reason: 'Health capacity', count: 8 },
        { reason: 'No reason recorded yet', count: 'fewer than 5' },
      ],
    },
  ],
};

const open = (caseCode: string, dueAt: string, overdue = false): OpenClock => ({ caseCode, title: 'Initial health assessment', source: 'statutory', status: overdue ? 'breached' : 'running', dueAt, overdue });

describe('the dashboard view', () => {
  it('totals open and due-soon clocks, and breaches of statutory clocks apart from local targets', () => {
    const view = dashboardView('iha', 'IHA', figures, []);
    expect(view.totals).toEqual({ open: 8, dueSoon: 3, statutoryBreaches: 9, localBreaches: 2 });
    expect(view.clocks.map((c) => [c.title, c.rule, c.heldBy, c.statutory])).toEqual([
      ['Request to health', 'Local target', 'Council', false],
      ['Initial health assessment', 'Statutory', 'Health provider', true],
    ]);
  });

  it('has the chart and the same figures in a table, month by month, suppression kept', () => {
    const view = dashboardView('iha', 'IHA', figures, []);
    expect(view.chart!.months).toEqual(['2027-01', '2027-02']);
    expect(view.chart!.svg).toContain('role="img"');
    expect(view.chart!.head).toEqual(['Month', 'Request to health: due', 'Request to health: within timescale', 'Request to health: share', 'Initial health assessment: due', 'Initial health assessment: within timescale', 'Initial health assessment: share']);
    expect(view.chart!.rows).toEqual([
      ['Jan 2027', '0', '0', 'none due', '7', 'fewer than 5', 'withheld'],
      ['Feb 2027', '12', '10', 'withheld', '7', 'withheld', 'withheld'],
    ]);
    // The chart's description says the same in words.
    expect(view.chart!.svg).toContain('Request to health (local target): Jan 2027 none due, Feb 2027 withheld.');
  });

  it('lists breach reasons and where the delay sits, most first', () => {
    const view = dashboardView('iha', 'IHA', figures, []);
    expect(view.reasons.map((r) => [r.clock, r.reason, r.count])).toEqual([
      ['Request to health', 'Waiting for consent', 'fewer than 5'],
      ['Initial health assessment', 'Health capacity', '8'],
      ['Initial health assessment', 'No reason recorded yet', 'fewer than 5'],
    ]);
    expect(view.delay).toEqual([
      { heldBy: 'Health provider', breaches: 9 },
      { heldBy: 'Council', breaches: 2 },
    ]);
  });

  it('clocks due in the next 7 days and past due, by case code, soonest first', () => {
    const clocks = [open('IHA-B', '2027-03-12T23:59:59Z'), open('IHA-A', '2027-03-11T23:59:59Z'), open('IHA-LATER', '2027-03-30T23:59:59Z'), open('IHA-LATE', '2027-03-01T23:59:59Z', true)];
    const view = dashboardView('iha', 'IHA', figures, clocks);
    expect(view.dueSoon.map((c) => c.caseCode)).toEqual(['IHA-A', 'IHA-B']);
    expect(view.overdue.map((c) => c.caseCode)).toEqual(['IHA-LATE']);
  });

  it('no chart before any clock has an outcome', () => {
    const view = dashboardView('iha', 'IHA', { ...figures, clocks: figures.clocks.map((c) => ({ ...c, byMonth: [] })) }, []);
    expect(view.chart).toBeUndefined();
  });
});
