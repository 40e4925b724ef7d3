/** The dashboard's CSV download: one figure a row, numbers in the number column, suppression in its own column, no formulas. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { TimelinessFigures } from '#core/figures/timeliness';
import { CSV_COLUMNS, dashboardCsv, plainCell } from './csv';
import { PARTNERSHIP_WORDS } from './level';

const figures: TimelinessFigures = {
  dueSoonRule: 'due within the next 2 of the days the clock counts',
  clocks: {
    measures: {
      open: 'count',
      dueSoon: 'count',
      breached: 'count',
      breachedOpen: 'count',
      met: 'count',
      metLate: 'count',
    },
    rows: [
      {
        clockId: 'initial-health-assessment',
        title: 'Initial health assessment',
        dueSoonRule: 'due within the next 2 working days',
        source: 'statutory',
        citation: 'statute',
        owner: 'healthProvider',
        open: 12,
        dueSoon: 'fewer than 5',
        breached: 14,
        breachedOpen: 'fewer than 5',
        met: 20,
        metLate: 'withheld',
      },
    ],
    total: {
      open: 12,
      dueSoon: 'fewer than 5',
      breached: 14,
      breachedOpen: 'fewer than 5',
      met: 20,
      metLate: 'withheld',
    },
  },
  byMonth: {
    measures: { due: 'count', withinTimescale: 'count', share: 'share' },
    rows: [
      { clockId: 'initial-health-assessment', month: '2027-01', due: 10, withinTimescale: 10, share: 1 },
      {
        clockId: 'initial-health-assessment',
        month: '2027-02',
        due: 'fewer than 5',
        withinTimescale: 'withheld',
        share: 'withheld',
      },
    ],
  },
  breachReasons: {
    measures: { clocks: 'count' },
    rows: [
      { clockId: 'initial-health-assessment', reason: 'Health capacity', clocks: 7 },
      { clockId: 'initial-health-assessment', reason: '=HYPERLINK("http://example.invalid")', clocks: 'fewer than 5' },
    ],
  },
  breaches: {
    measures: { breaches: 'count' },
    rows: [
      { rule: 'statutory', breaches: 14 },
      { rule: 'localTarget', breaches: 0 },
    ],
  },
  breachesByOwner: { measures: { breaches: 'count' }, rows: [{ owner: 'healthProvider', breaches: 14 }] },
};

/** The rows, every one naming whose figures they are in the Council column (then left out, to read the rest). */
function read(csv: string, council = PARTNERSHIP_WORDS): string[][] {
  const rows: string[][] = parse(csv, { relax_column_count: false });
  expect(rows.map((r) => r[1])).toEqual(['Council', ...rows.slice(1).map(() => council)]);
  return rows.map((r) => [r[0]!, ...r.slice(2)]);
}

describe('the dashboard CSV', () => {
  it('has a header and one row per figure, with the clock, its rule, who holds it, its unit', () => {
    // Act
    const rows = read(dashboardCsv('Initial health assessment', figures, PARTNERSHIP_WORDS));
    // Assess
    expect(rows[0]).toEqual(CSV_COLUMNS.filter((c) => c !== 'Council'));
    const body = rows.slice(1);
    const ofClock = body.filter((r) => r[1] === 'Initial health assessment');
    expect(
      ofClock.every((r) => r[0] === 'Initial health assessment' && r[2] === 'Statutory' && r[3] === 'Health provider'),
    ).toBe(true);
    const figure = (month: string, measure: string) =>
      ofClock.find((r) => r[4] === month && r[5] === measure)?.slice(6);
    expect(figure('', 'Open clocks')).toEqual(['count', '12', '']);
    expect(figure('', 'Due soon (due within the next 2 working days)')).toEqual(['count', '', 'fewer than 5']);
    expect(figure('', 'Missed (breached or met late)')).toEqual(['count', '14', '']);
    expect(figure('2027-01', 'Share within timescale')).toEqual(['share', '1', '']);
    expect(figure('', 'Missed because: Health capacity')).toEqual(['count', '7', '']);
    expect(ofClock).toHaveLength(6 + 2 * 3 + 2);
    // Then every clock together, the breaches by rule and by who holds the clock.
    const all = body.filter((r) => r[1] === 'All clocks').map((r) => [r[2], r[3], r[5], r[7], r[8]]);
    expect(all).toEqual([
      ['', '', 'Open clocks', '12', ''],
      ['', '', 'Due soon (due within the next 2 of the days the clock counts)', '', 'fewer than 5'],
      ['', '', 'Missed (breached or met late)', '14', ''],
      ['', '', 'Missed and still open', '', 'fewer than 5'],
      ['', '', 'Met within timescale', '20', ''],
      ['', '', 'Met late', '', 'withheld'],
      ['Statutory and national standard', '', 'Missed (breached or met late)', '14', ''],
      ['Local target', '', 'Missed (breached or met late)', '0', ''],
      ['', 'Health provider', 'Missed (breached or met late)', '14', ''],
    ]);
  });

  it('a suppressed figure has no value, and says why in its own column: a number column never holds words', () => {
    // Act
    const rows = read(dashboardCsv('IHA', figures, PARTNERSHIP_WORDS));
    // Assess
    const february = rows.filter((r) => r[4] === '2027-02').map((r) => r.slice(5));
    expect(february).toEqual([
      ['Clocks due (outcome known)', 'count', '', 'fewer than 5'],
      ['Met within timescale', 'count', '', 'withheld'],
      ['Share within timescale', 'share', '', 'withheld'],
    ]);
    expect(rows.slice(1).every((r) => r[7] === '' || /^\d+(\.\d+)?$/.test(r[7]!))).toBe(true);
  });

  it('a cell a spreadsheet would run as a formula is plain text', () => {
    // Act
    const rows = read(dashboardCsv('IHA', figures, PARTNERSHIP_WORDS));
    // Assess
    expect(rows.find((r) => r[5]!.includes('HYPERLINK'))![5]).toBe(
      `Missed because: =HYPERLINK("http://example.invalid")`,
    );
    expect(plainCell('=1+1')).toBe("'=1+1");
    expect(plainCell('-2')).toBe("'-2");
    expect(plainCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(plainCell(-2)).toBe(-2);
    expect(plainCell('Health capacity')).toBe('Health capacity');
  });

  it('names the council whose figures they are on every row', () => {
    const rows = read(dashboardCsv('IHA', figures, 'Eastbrook Borough Council'), 'Eastbrook Borough Council');
    expect(rows.length).toBeGreaterThan(10);
  });

  it('uses CRLF line endings, as RFC 4180 and spreadsheets expect', () => {
    expect(dashboardCsv('IHA', figures, PARTNERSHIP_WORDS).split('\r\n').length).toBeGreaterThan(10);
  });
});
