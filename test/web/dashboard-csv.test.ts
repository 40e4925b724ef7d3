/** The dashboard's CSV download: one figure a row, suppression kept, no formulas. */
import { describe, expect, it } from 'vitest';
import type { TimelinessFigures } from '#core/figures/timeliness';
import { CSV_COLUMNS, dashboardCsv, plainCell } from '../../web/dashboard/csv';

/** RFC 4180 read back (csv-parse is not a dependency): quoted fields, doubled quotes, CRLF rows. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const figures: TimelinessFigures = {
  asOf: '2027-03-10T12:00:00.000Z',
  dueSoonDays: 7,
  breaches: { statutory: 14, localTarget: 0 },
  breachesByOwner: { healthProvider: 14 },
  clocks: [
    {
      clockId: 'initial-health-assessment',
      title: 'Initial health assessment',
      source: 'statutory',
      citation: 'statute',
      owner: 'healthProvider',
      open: 12,
      dueSoon: 3,
      breached: 14,
      breachedOpen: 1,
      met: 20,
      metLate: 13,
      byMonth: [
        { month: '2027-01', due: 10, withinTimescale: 10, share: 1 },
        { month: '2027-02', due: 'fewer than 5', withinTimescale: 'withheld', share: 'withheld' },
      ],
      breachReasons: [
        { reason: 'Health capacity', count: 7 },
        { reason: '=HYPERLINK("http://example.invalid")', count: 'fewer than 5' },
      ],
    },
  ],
};

describe('the dashboard CSV', () => {
  it('has a header and one row per figure, with the clock, its rule and who holds it', () => {
    // Act
    const rows: string[][] = parse(dashboardCsv('Initial health assessment', figures));
    // Assess
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(body.every((r) => r[0] === 'Initial health assessment' && r[1] === 'Initial health assessment' && r[2] === 'Statutory' && r[3] === 'Health provider')).toBe(true);
    const figure = (month: string, measure: string) => body.find((r) => r[4] === month && r[5] === measure)?.[6];
    expect(figure('', 'Open clocks')).toBe('12');
    expect(figure('', 'Due in the next 7 days')).toBe('3');
    expect(figure('', 'Missed (breached or met late)')).toBe('14');
    expect(figure('2027-01', 'Share within timescale')).toBe('1');
    expect(figure('', 'Missed because: Health capacity')).toBe('7');
    expect(body).toHaveLength(6 + 2 * 3 + 2);
  });

  it('keeps suppressed figures suppressed', () => {
    // Act
    const rows: string[][] = parse(dashboardCsv('IHA', figures));
    // Assess
    const february = rows.filter((r) => r[4] === '2027-02').map((r) => [r[5], r[6]]);
    expect(february).toEqual([
      ['Clocks due (outcome known)', 'fewer than 5'],
      ['Met within timescale', 'withheld'],
      ['Share within timescale', 'withheld'],
    ]);
  });

  it('a cell a spreadsheet would run as a formula is plain text', () => {
    // Act
    const csv = dashboardCsv('IHA', figures);
    const rows: string[][] = parse(csv);
    // Assess
    expect(rows.find((r) => r[5]!.includes('HYPERLINK'))![5]).toBe(`Missed because: =HYPERLINK("http://example.invalid")`);
    expect(plainCell('=1+1')).toBe("'=1+1");
    expect(plainCell('-2')).toBe("'-2");
    expect(plainCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(plainCell(-2)).toBe(-2);
    expect(plainCell('Health capacity')).toBe('Health capacity');
  });

  it('uses CRLF line endings, as RFC 4180 and spreadsheets expect', () => {
    expect(dashboardCsv('IHA', figures).split('\r\n').length).toBeGreaterThan(10);
  });
});
