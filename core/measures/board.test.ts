/**
 * The board's figures as a reader receives them: through the one suppression step (counts of 1 to 4
 * 'fewer than 5', a total or group that would give one back withheld, a share only where both its counts
 * are shown), this year beside last year, and the change worked out from what is shown only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEWER_THAN_5, isSuppressed, WITHHELD } from '../figures/suppression';
import type { AccessFacts } from '../process/access';
import { boardAnswer, changeOf } from './board';
import { checkMeasures, londonMonthOf, type ProcessMeasures } from './measure';

interface Closure {
  at: string;
  met: boolean;
  team: string;
}

const closures: ProcessMeasures<Closure> = checkMeasures<Closure>({
  process: 'closures',
  title: 'Closures',
  measures: [
    {
      kind: 'count',
      id: 'closed',
      title: 'Closed',
      counts: 'episodes closed',
      definition: 'Episodes closed in the month',
      source: { basis: 'boardPack', citation: 'test' },
      breakdowns: [{ id: 'team', title: 'By team' }],
      count: (c) => [{ month: londonMonthOf(c.at), groups: { team: c.team } }],
    },
    {
      kind: 'share',
      id: 'met',
      title: 'Outcomes met',
      of: 'closed',
      numerator: 'closed with outcomes met',
      definition: 'Of the closures, those with outcomes met',
      source: { basis: 'boardPack', citation: 'test' },
      count: (c) => (c.met ? [{ month: londonMonthOf(c.at) }] : []),
    },
  ],
});

/** n closures on the 10th of a month, the first `met` of them with outcomes met. */
const many = (month: string, n: number, met: number, team = 'north'): Closure[] =>
  Array.from({ length: n }, (_v, i) => ({ at: `${month}-10T12:00:00Z`, met: i < met, team }));

describe('the board', () => {
  it('shows each month, the year and last year through the one suppression step', () => {
    // Prepare: 2026: 20 in January (12 met), 3 in February (all met); 2025: 10 in March (5 met).
    const records = [...many('2026-01', 20, 12), ...many('2026-02', 3, 3, 'south'), ...many('2025-03', 10, 5)];
    // Act
    const answer = boardAnswer([{ measures: closures, records }], 2026, new Date('2026-12-31T12:00:00Z'));
    // Assess
    expect(isSuppressed(answer)).toBe(true);
    expect(answer).toMatchObject({ year: '2026', previousYear: '2025', asOf: '2026-12-31' });
    const [closed, met] = answer.processes[0]!.measures;
    const thisYear = closed!.years![0]!.months;
    // 3 is small; the year's 23 would give it back beside January's 20 and the other months' 0s: one of
    // January and the year is withheld as well (January, the smaller).
    expect(thisYear.rows[1]).toMatchObject({ month: '2026-02', count: FEWER_THAN_5 });
    expect(thisYear.rows[0]).toMatchObject({ month: '2026-01', count: WITHHELD });
    expect(thisYear.total).toMatchObject({ month: 'year', count: 23 });
    expect(closed!.years![1]!.months.total).toMatchObject({ month: 'year', count: 10 });
    // The breakdown by team: south's 3 is small; north's 20 and the year's total cannot both be shown.
    const teams = closed!.breakdowns![0]!.groups.rows;
    expect(teams.find((t) => t.group === 'south')!['2026']).toBe(FEWER_THAN_5);
    // A share's numerator within its denominator: February's 3 of 3 is not shown as 100%.
    const metYear = met!.years![0]!.months;
    expect(metYear.rows[1]).toMatchObject({ numerator: FEWER_THAN_5, denominator: FEWER_THAN_5, share: WITHHELD });
    expect(met!.years![1]!.months.total).toMatchObject({ numerator: 5, denominator: 10, share: 0.5 });
    expect(thisYear.measures).toEqual({ count: 'count' });
    expect(metYear.measures).toEqual({ numerator: 'count', denominator: 'count', share: 'share' });
  });

  it('works the change out from the figures shown, and says nothing where one is not shown', () => {
    // Prepare: 30 closures (15 met) in 2026, 20 (8 met) in 2025, none small.
    const records = [...many('2026-05', 30, 15), ...many('2025-05', 20, 8)];
    // Act
    const answer = boardAnswer([{ measures: closures, records }], 2026, new Date('2026-12-31T12:00:00Z'));
    // Assess
    const [closed, met] = answer.processes[0]!.measures;
    expect(closed!.change).toEqual({ unit: 'count', difference: 10, percent: 50 });
    expect(met!.change).toEqual({ unit: 'share', points: 10 });
    expect(changeOf('count', { month: 'year', count: FEWER_THAN_5 }, { month: 'year', count: 8 })).toBeNull();
    expect(changeOf('count', { month: 'year', count: 8 }, { month: 'year', count: 0 })).toEqual({
      unit: 'count',
      difference: 8,
      percent: null,
    });
  });

  it('marks this year’s months still to come', () => {
    const answer = boardAnswer([{ measures: closures, records: many('2026-01', 6, 6) }], 2026, new Date('2026-03-05'));
    const rows = answer.processes[0]!.measures[0]!.years![0]!.months.rows;
    expect(rows.filter((r) => r.toCome).map((r) => r.month)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(answer.processes[0]!.measures[0]!.years![1]!.months.rows.some((r) => r.toCome)).toBe(false);
  });

  it('never fails to protect small numbers, and shows every count it shows as counted (any closures)', () => {
    const closure = fc.record({
      month: fc.constantFrom('2025-01', '2025-06', '2025-12', '2026-01', '2026-02', '2026-07', '2026-12'),
      met: fc.boolean(),
      team: fc.constantFrom('north', 'south', 'east'),
    });
    fc.assert(
      fc.property(fc.array(closure, { maxLength: 40 }), (list) => {
        const records = list.map((c) => ({ at: `${c.month}-15T12:00:00Z`, met: c.met, team: c.team }));
        const answer = boardAnswer([{ measures: closures, records }], 2026, new Date('2026-12-31T12:00:00Z'));
        const [closed] = answer.processes[0]!.measures;
        const total = records.filter((r) => r.at.startsWith('2026')).length;
        const shown = closed!.years![0]!.months.total!.count;
        if (typeof shown === 'number') expect(shown).toBe(total);
        else expect(total === 0 || ['fewer than 5', 'withheld'].includes(shown as string)).toBe(true);
      }),
      { numRuns: 200, seed: 17 },
    );
  });
});

describe('the board by council', () => {
  interface CouncilClosure extends Closure {
    organisation: string;
    organisations: string[];
  }
  const byCouncil: ProcessMeasures<CouncilClosure> = checkMeasures<CouncilClosure>({
    ...closures,
    measures: closures.measures.map((m) =>
      m.id === 'closed'
        ? {
            ...m,
            breakdowns: [{ id: 'council', title: 'By council' }],
            count: (c: CouncilClosure) => [{ month: londonMonthOf(c.at), groups: { council: c.organisation } }],
          }
        : m,
    ),
  } as ProcessMeasures<CouncilClosure>);
  const facts = {
    partnership: {
      processes: {},
      organisations: ['riverside-council', 'eastbrook-council'].map((id) => ({
        id,
        kind: 'council',
        name: id,
        mailboxes: {},
      })),
    },
  } as unknown as AccessFacts;
  const councils = facts.partnership.organisations.map((o) => ({ id: o.id, name: o.name }));
  const at = (organisation: string, list: Closure[]): CouncilClosure[] =>
    list.map((c) => ({ ...c, organisation, organisations: [organisation] }));
  const now = new Date('2026-12-31T12:00:00Z');

  it("one council's 1 to 4 withholds the other's; the partnership's shown; a breakdown by council shows only the councils the reader may read", () => {
    const records = [
      ...at('riverside-council', many('2026-01', 3, 3)),
      ...at('eastbrook-council', many('2026-01', 20, 9)),
    ];
    const sources = [{ measures: byCouncil as ProcessMeasures, records }];
    const january = (answer: ReturnType<typeof boardAnswer>) =>
      answer.processes[0]!.measures[0]!.years![0]!.months.rows[0]!.count;
    const riversideReader = { facts, readable: councils.slice(0, 1) };
    const whole = boardAnswer(sources, 2026, now, riversideReader);
    expect(whole.council).toBeNull();
    expect(january(whole)).toBe(23);
    const groups = whole.processes[0]!.measures[0]!.breakdowns![0]!.groups.rows;
    expect(groups.map((g) => [g.group, g['2026']])).toEqual([['riverside-council', FEWER_THAN_5]]);
    expect(january(boardAnswer(sources, 2026, now, { ...riversideReader, council: 'riverside-council' }))).toBe(
      FEWER_THAN_5,
    );
    const icb = { facts, readable: councils };
    expect(january(boardAnswer(sources, 2026, now, { ...icb, council: 'eastbrook-council' }))).toBe(WITHHELD);
    const all = boardAnswer(sources, 2026, now, icb).processes[0]!.measures[0]!.breakdowns![0]!.groups.rows;
    expect(all.map((g) => [g.group, g['2026']])).toEqual([
      ['eastbrook-council', WITHHELD],
      ['riverside-council', FEWER_THAN_5],
    ]);
  });

  it('no month or year of a council can be worked out as the partnership’s minus the other council’s (any closures)', () => {
    const closure = fc.record({
      month: fc.constantFrom('2025-06', '2026-01', '2026-02', '2026-07'),
      met: fc.boolean(),
      organisation: fc.constantFrom('riverside-council', 'eastbrook-council'),
    });
    fc.assert(
      fc.property(fc.array(closure, { maxLength: 40 }), (list) => {
        const records = list.map((c) => ({
          at: `${c.month}-15T12:00:00Z`,
          met: c.met,
          team: 'north',
          organisation: c.organisation,
          organisations: [c.organisation],
        }));
        const sources = [{ measures: byCouncil as ProcessMeasures, records }];
        const level = (council?: string) =>
          boardAnswer(sources, 2026, now, { facts, readable: councils, ...(council ? { council } : {}) }).processes[0]!
            .measures;
        const [whole, r, e] = [level(), level('riverside-council'), level('eastbrook-council')];
        const rows = (ms: typeof whole, measure: number) => [
          ...ms[measure]!.years![0]!.months.rows,
          ms[measure]!.years![0]!.months.total!,
        ];
        for (const [measure, figure] of [
          [0, 'count'],
          [1, 'numerator'],
          [1, 'denominator'],
        ] as const) {
          const [w, a, b] = [rows(whole, measure), rows(r, measure), rows(e, measure)];
          w.forEach((row, i) => {
            const [p, x, y] = [row[figure], a[i]![figure], b[i]![figure]];
            // The partnership's and one council's shown: the other council's, so worked out, is not 1 to 4.
            if (typeof p === 'number' && typeof x === 'number') expect(p - x === 0 || p - x >= 5).toBe(true);
            if (typeof p === 'number' && typeof y === 'number') expect(p - y === 0 || p - y >= 5).toBe(true);
          });
        }
      }),
      { numRuns: 100, seed: 18 },
    );
  });
});
