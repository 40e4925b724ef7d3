/**
 * Counting measures before suppression, on a small process worked out by hand: the London month of each
 * occurrence (across the clock change and midnight), shares of another measure's months, weights,
 * breakdowns (with 'not recorded'), values, and snapshots whose year is their last month counted to.
 */
import { describe, expect, it } from 'vitest';
import { checkMeasures, countMeasures, londonMonthOf, type ProcessMeasures } from './measure';

interface Visit {
  at: string;
  children: number;
  quick?: boolean;
  team?: string;
  hours?: number;
  openFrom?: string;
  openTo?: string;
}

const visits: ProcessMeasures<Visit> = checkMeasures<Visit>({
  process: 'visits',
  title: 'Visits',
  measures: [
    {
      kind: 'count',
      id: 'visits',
      title: 'Visits',
      counts: 'visits',
      definition: 'Visits, by the London month',
      source: { basis: 'localTarget', citation: 'test' },
      breakdowns: [{ id: 'team', title: 'By team', groups: [{ id: 'north' }, { id: 'south' }] }],
      count: (v) => [{ month: londonMonthOf(v.at), ...(v.team ? { groups: { team: v.team } } : {}) }],
    },
    {
      kind: 'share',
      id: 'quick',
      title: 'Quick visits',
      of: 'visits',
      numerator: 'quick visits',
      definition: 'Of the visits, the quick ones',
      source: { basis: 'localTarget', citation: 'test' },
      count: (v) => (v.quick ? [{ month: londonMonthOf(v.at) }] : []),
    },
    {
      kind: 'count',
      id: 'children',
      title: 'Children',
      counts: 'children seen',
      definition: 'Children each visit saw',
      source: { basis: 'localTarget', citation: 'test' },
      count: (v) => (v.children ? [{ month: londonMonthOf(v.at), weight: v.children }] : []),
    },
    {
      kind: 'values',
      id: 'hours',
      title: 'Hours',
      unit: 'hours',
      counts: 'hours of a visit',
      definition: 'Hours',
      source: { basis: 'localTarget', citation: 'test' },
      count: (v) => (v.hours !== undefined ? [{ month: londonMonthOf(v.at), value: v.hours }] : []),
    },
    {
      kind: 'snapshot',
      id: 'open',
      title: 'Open at the month end',
      counts: 'open',
      definition: 'Open at the end of each month',
      source: { basis: 'localTarget', citation: 'test' },
      count: (v) =>
        v.openFrom
          ? ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']
              .filter((m) => m >= v.openFrom! && (!v.openTo || m < v.openTo))
              .map((month) => ({ month, groups: { team: v.team ?? 'north' } }))
          : [],
      breakdowns: [{ id: 'team', title: 'By team' }],
    },
    {
      kind: 'count',
      id: 'unknown',
      title: 'Not yet recorded',
      counts: 'what no process records',
      definition: 'Something',
      source: { basis: 'statutory', citation: 'test' },
      notYetRecorded: 'no process records it yet',
    },
  ],
});

describe('counting measures', () => {
  // Prepare: 2026 (London on GMT until 29 March 01:00 UTC, BST after).
  const records: Visit[] = [
    // 23:30 UTC on 31 March is 00:30 BST on 1 April: April's.
    { at: '2026-03-31T23:30:00Z', children: 2, quick: true, team: 'north', hours: 3 },
    // 23:30 UTC on 31 January is 23:30 GMT: January's.
    { at: '2026-01-31T23:30:00Z', children: 0, team: 'south', hours: 1 },
    { at: '2026-01-10T09:00:00Z', children: 3, quick: true, hours: 2, openFrom: '2026-01', openTo: '2026-03' },
    { at: '2025-12-31T23:59:59Z', children: 1, quick: true, openFrom: '2026-02', team: 'south' },
  ];
  const now = new Date('2026-04-15T12:00:00Z');
  const counts = countMeasures(visits, records, [2026, 2025], { now });
  const of = (id: string) => counts.find((c) => c.id === id)!;

  it('counts each occurrence in its London month, year by year', () => {
    const y2026 = of('visits').years![0]!;
    expect(y2026.months.map((m) => m.count)).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(y2026.total).toEqual({ count: 3 });
    expect(of('visits').years![1]!.months[11]).toEqual({ count: 1 });
    // Groups for the year, 'not recorded' where a visit names no team; the listed groups shown at 0 too.
    expect(y2026.groups).toEqual({ team: { 'not recorded': 1, north: 1, south: 1 } });
    expect(of('visits').years![1]!.groups).toEqual({ team: { north: 0, south: 1 } });
  });

  it('takes a share’s denominator from its measure, month by month', () => {
    const y = of('quick').years![0]!;
    expect(y.months[0]).toEqual({ count: 2, within: 1 });
    expect(y.months[3]).toEqual({ count: 1, within: 1 });
    expect(y.total).toEqual({ count: 3, within: 2 });
  });

  it('adds weights, keeps values sorted, and counts a snapshot’s year as its last month counted to', () => {
    expect(of('children').years![0]!.total).toEqual({ count: 5 });
    expect(of('hours').years![0]!.months[0]).toEqual({ count: 2, values: [1, 2] });
    expect(of('hours').years![0]!.total).toEqual({ count: 3, values: [1, 2, 3] });
    const open = of('open').years![0]!;
    expect(open.months.slice(0, 5).map((m) => m.count)).toEqual([1, 2, 1, 1, 1]);
    // Counted to 15 April: the year's figure is April's, and its groups are April's.
    expect(open.total).toEqual({ count: 1 });
    expect(open.groups).toEqual({ team: { south: 1 } });
  });

  it('counts nothing for a measure not yet recorded', () => {
    expect(of('unknown')).toEqual({ id: 'unknown', kind: 'count' });
  });

  it('refuses a catalogue mistake: a share of a measure that is not a count, or a measure neither counted nor explained', () => {
    const base = { title: 't', definition: 'd', source: { basis: 'localTarget' as const, citation: 'c' } };
    expect(() =>
      checkMeasures({
        process: 'p',
        title: 'p',
        measures: [{ ...base, kind: 'share', id: 's', of: 'missing', numerator: 'n', count: () => [] }],
      }),
    ).toThrow(/denominator missing/);
    expect(() =>
      checkMeasures({ process: 'p', title: 'p', measures: [{ ...base, kind: 'count', id: 'c', counts: 'c' }] }),
    ).toThrow(/counted, or says why/);
  });
});
