/**
 * The board pack as CSV: one row per figure (a long table a spreadsheet's pivot table reads as it is): the
 * process, whose figures they are (a council's name, or the partnership's), the measure (its id and title,
 * statutory or local), the figure (count, counted, of, share, median, total, change), the year, the month
 * (empty for the year), the group of a breakdown, the value and, in its own column, why a value is not
 * given ('fewer than 5', 'withheld', 'to come'). The Value column holds numbers only (a share from 0 to 1,
 * a change in points or percent as its Figure says), never words. Written with csv-stringify; text a
 * spreadsheet would run as a formula is made plain first.
 */
import { stringify } from 'csv-stringify/sync';
import type { BoardAnswer, BoardMonth } from '#core/measures/board';
import { plainCell } from '../dashboard/csv';
import { BASIS_WORDS } from './view';

export const BOARD_CSV_COLUMNS = [
  'Process',
  'Council',
  'Measure ID',
  'Measure',
  'Basis',
  'Figure',
  'Year',
  'Month',
  'Group',
  'Value',
  'Not given because',
] as const;

/** @param council whose figures these are, in words: a council's name, or the partnership's */
export function boardCsv(board: BoardAnswer, council: string): string {
  const rows: (string | number)[][] = [];
  for (const p of board.processes) {
    for (const m of p.measures) {
      const basis = BASIS_WORDS[m.basis] ?? m.basis;
      const add = (figure: string, year: string, month: string, group: string, shown: unknown) => {
        const value = typeof shown === 'number' ? shown : null;
        const why = typeof shown === 'string' ? shown : shown === null || shown === undefined ? 'none' : '';
        rows.push(
          [p.title, council, m.id, m.title, basis, figure, year, month, group, value, value === null ? why : ''].map(
            plainCell,
          ),
        );
      };
      if (!m.years) {
        add('count', board.year, '', '', 'not yet recorded');
        continue;
      }
      const figures: [string, (r: BoardMonth) => unknown][] =
        m.kind === 'share'
          ? [
              ['counted', (r) => r.numerator],
              ['of', (r) => r.denominator],
              ['share', (r) => r.share],
            ]
          : m.kind === 'values'
            ? [
                ['how many', (r) => r.count],
                [`median ${m.unit}`, (r) => r.median],
                [`total ${m.unit}`, (r) => r.total],
              ]
            : [['count', (r) => r.count]];
      for (const y of m.years) {
        for (const r of [...y.months.rows, ...(y.months.total ? [y.months.total] : [])])
          for (const [figure, of] of figures)
            add(figure, y.year, r.month === 'year' ? '' : r.month, '', r.toCome ? 'to come' : of(r));
      }
      for (const b of m.breakdowns ?? [])
        for (const g of b.groups.rows)
          for (const y of m.years)
            add(m.kind === 'share' ? 'counted' : 'count', y.year, '', `${b.title}: ${g.words}`, g[y.year]);
      const change = m.change;
      const years = `${board.previousYear} to ${board.year}`;
      if (!change) add('change', years, '', '', 'not shown');
      else if (change.unit === 'share') add('change (percentage points)', years, '', '', change.points);
      else if (change.unit === 'values') add(`change of the median (${m.unit})`, years, '', '', change.difference);
      else {
        add('change', years, '', '', change.difference);
        add('change (percent)', years, '', '', change.percent);
      }
    }
  }
  return stringify([[...BOARD_CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
