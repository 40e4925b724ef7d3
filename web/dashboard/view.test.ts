/** The commissioners' dashboard view: the API's figures arranged for the page, nothing computed anew. */
import { describe, expect, it } from 'vitest';
import type { TimelinessFigures } from '#core/figures/timeliness';
import { dashboardView, type OpenClock, overdueText, periodText } from './view';

const counts = {
  open: 'count',
  dueSoon: 'count',
  breached: 'count',
  breachedOpen: 'count',
  met: 'count',
  metLate: 'count',
} as const;

const figures: TimelinessFigures = {
  dueSoonRule: 'due within the next 2 of the days the clock counts',
  clocks: {
    measures: counts,
    rows: [
      {
        clockId: 'request',
        title: 'Request to health',
        dueSoonRule: 'due within the next 2 working days',
        source: 'localTarget',
        citation: '',
        owner: 'council',
        open: 'fewer than 5',
        dueSoon: 'withheld',
        breached: 12,
        breachedOpen: 0,
        met: 10,
        metLate: 12,
      },
      {
        clockId: 'assessment',
        title: 'Initial health assessment',
        dueSoonRule: 'due within the next 2 working days',
        source: 'statutory',
        citation: '',
        owner: 'healthProvider',
        open: 25,
        dueSoon: 6,
        breached: 9,
        breachedOpen: 'fewer than 5',
        met: 6,
        metLate: 'withheld',
      },
    ],
    total: { open: 28, dueSoon: 'withheld', breached: 21, breachedOpen: 'fewer than 5', met: 16, metLate: 'withheld' },
  },
  byMonth: {
    measures: { due: 'count', withinTimescale: 'count', share: 'share' },
    rows: [
      { clockId: 'request', month: '2027-02', due: 22, withinTimescale: 10, share: 0.455 },
      { clockId: 'assessment', month: '2027-01', due: 7, withinTimescale: 'fewer than 5', share: 'withheld' },
      { clockId: 'assessment', month: '2027-02', due: 8, withinTimescale: 'withheld', share: 'withheld' },
    ],
  },
  breachReasons: {
    measures: { clocks: 'count' },
    rows: [
      { clockId: 'request', reason: 'Waiting for consent', clocks: 12 },
      { clockId: 'assessment', reason: 'Health capacity', clocks: 8 },
      { clockId: 'assessment', reason: 'No reason recorded yet', clocks: 'fewer than 5' },
    ],
  },
  breaches: {
    measures: { breaches: 'count' },
    rows: [
      { rule: 'statutory', breaches: 9 },
      { rule: 'localTarget', breaches: 12 },
    ],
  },
  breachesByOwner: {
    measures: { breaches: 'count' },
    rows: [
      { owner: 'council', breaches: 12 },
      { owner: 'healthProvider', breaches: 9 },
      { owner: 'school', breaches: 0 },
      { owner: 'icb', breaches: 'fewer than 5' },
    ],
  },
};

const open = (caseCode: string, due: string, overdue = false, state = overdue ? 'overdue' : 'dueSoon'): OpenClock => ({
  caseCode,
  title: 'Initial health assessment',
  source: 'statutory',
  status: overdue ? 'breached' : 'running',
  due,
  overdue,
  state: state as OpenClock['state'],
});

describe('the dashboard view', () => {
  it("shows the API's totals (never a sum of its own: a total of suppressed figures would undo them), and breaches of statutory clocks apart from local targets", () => {
    const view = dashboardView('iha', 'IHA', figures, '2027-03-10', []);
    expect(view.totals).toEqual({ open: '28', dueSoon: 'withheld', statutoryBreaches: '9', localBreaches: '12' });
    expect(view.asOfText).toBe('10 March 2027');
    expect(view.dueSoonText).toBe('Due soon');
    expect(view.dueSoonRule).toBe('due within the next 2 of the days the clock counts');
    expect(view.clocks.map((c) => [c.title, c.rule, c.heldBy, c.statutory, c.open, c.dueSoon])).toEqual([
      ['Request to health', 'Local target', 'Council', false, 'fewer than 5', 'withheld'],
      ['Initial health assessment', 'Statutory', 'Health provider', true, '25', '6'],
    ]);
  });

  it('has the chart and the same figures in a table, month by month, suppression kept, each column marked count or share', () => {
    const view = dashboardView('iha', 'IHA', figures, '2027-03-10', []);
    expect(view.chart!.months).toEqual(['2027-01', '2027-02']);
    expect(view.chart!.svg).toContain('role="img"');
    expect(view.chart!.head).toEqual([
      'Month',
      'Request to health: due',
      'Request to health: within timescale',
      'Request to health: share',
      'Initial health assessment: due',
      'Initial health assessment: within timescale',
      'Initial health assessment: share',
    ]);
    expect(view.chart!.measures).toEqual(['', 'count', 'count', 'share', 'count', 'count', 'share']);
    expect(view.chart!.rows).toEqual([
      ['Jan 2027', '0', '0', 'none due', '7', 'fewer than 5', 'withheld'],
      ['Feb 2027', '22', '10', '46%', '8', 'withheld', 'withheld'],
    ]);
    // The chart's description says the same in words.
    expect(view.chart!.svg).toContain('Request to health (local target): Jan 2027 none due, Feb 2027 46%.');
  });

  it('lists breach reasons by clock, and where the delay sits: none missed left out, the most first, suppressed ones after', () => {
    const view = dashboardView('iha', 'IHA', figures, '2027-03-10', []);
    expect(view.reasons.map((r) => [r.clock, r.reason, r.count])).toEqual([
      ['Request to health', 'Waiting for consent', '12'],
      ['Initial health assessment', 'Health capacity', '8'],
      ['Initial health assessment', 'No reason recorded yet', 'fewer than 5'],
    ]);
    expect(view.delay).toEqual([
      { heldBy: 'Council', breaches: '12' },
      { heldBy: 'Health provider', breaches: '9' },
      { heldBy: 'Integrated care board', breaches: 'fewer than 5' },
    ]);
  });

  it('clocks due soon and past due (the one state the API gives each), by case code, by their day, with how many days past due', () => {
    const clocks = [
      open('IHA-B', '2027-03-12'),
      open('IHA-LATER', '2027-03-19', false, 'inTime'),
      open('IHA-A', '2027-03-11'),
      open('IHA-LATE', '2027-03-01', true),
      open('IHA-TODAY', '2027-03-10', true),
    ];
    const view = dashboardView('iha', 'IHA', figures, '2027-03-10', clocks);
    expect(view.dueSoon).toEqual([
      { caseCode: 'IHA-A', title: 'Initial health assessment', dueText: '11 March 2027' },
      { caseCode: 'IHA-B', title: 'Initial health assessment', dueText: '12 March 2027' },
    ]);
    expect(view.overdue).toEqual([
      {
        caseCode: 'IHA-LATE',
        title: 'Initial health assessment',
        dueText: '1 March 2027',
        overdueText: '9 days overdue',
      },
      {
        caseCode: 'IHA-TODAY',
        title: 'Initial health assessment',
        dueText: '10 March 2027',
        overdueText: 'past its due time today',
      },
    ]);
  });

  it('where dates are given by the week (crisis escalation), by the week', () => {
    const view = dashboardView('crisis', 'Crisis', figures, '2027-W10', [
      open('CRI-A', '2027-W08', true),
      open('CRI-B', '2027-W11'),
    ]);
    expect(view.asOfText).toBe('the week beginning 8 March 2027');
    expect(view.overdue).toEqual([
      {
        caseCode: 'CRI-A',
        title: 'Initial health assessment',
        dueText: 'the week beginning 22 February 2027',
        overdueText: '2 weeks overdue',
      },
    ]);
    expect(view.dueSoon.map((c) => c.dueText)).toEqual(['the week beginning 15 March 2027']);
  });

  it('no chart before any clock has an outcome', () => {
    const view = dashboardView(
      'iha',
      'IHA',
      { ...figures, byMonth: { ...figures.byMonth, rows: [] } },
      '2027-03-10',
      [],
    );
    expect(view.chart).toBeUndefined();
  });
});

describe('pseudonymous dates in words', () => {
  it.each([
    ['2027-01-14', '14 January 2027'],
    ['2027-W01', 'the week beginning 4 January 2027'],
    ['2026-W53', 'the week beginning 28 December 2026'],
    ['2027-W52', 'the week beginning 27 December 2027'],
  ])('%s is %s', (period, words) => {
    expect(periodText(period)).toBe(words);
  });

  it.each([
    ['2027-03-09', '2027-03-10', '1 day overdue'],
    ['2027-W09', '2027-W10', '1 week overdue'],
    ['2027-W10', '2027-W10', 'past its due time this week'],
  ])('due %s, now %s: %s', (due, asOf, words) => {
    expect(overdueText(due, asOf)).toBe(words);
  });
});
