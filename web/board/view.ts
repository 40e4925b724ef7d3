/**
 * What the board pack page shows, built from the API's board (GET /board/{year}): for each process and each
 * of its measures, the year's figure beside last year's with the change, the chart by month with the same
 * figures in a table, each breakdown, and the measure's definition. Pure: no figure is worked out here
 * that the API does not give (it suppresses small numbers once for the whole board), only written out.
 */

import type { FigureTable } from '#core/figures/suppression';
import type { BoardAnswer, BoardChange, BoardMeasure, BoardMonth } from '#core/measures/board';
import { longDate } from '../render';
import { renderMonthChart } from './chart';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const BASIS_WORDS: Record<string, string> = {
  statutory: 'Statutory',
  nationalStandard: 'National standard',
  localTarget: 'Local target',
  boardPack: 'Board pack measure',
};

/** A cell of a figures table: its words, and what kind of figure it holds (for numeric alignment and tests). */
export interface Cell {
  text: string;
  measure?: 'count' | 'share' | 'median' | 'total';
}

export interface MeasureView {
  id: string;
  /** The id of its definition on the page and on the definitions page. */
  anchor: string;
  title: string;
  kind: string;
  basis: string;
  definition: string;
  counts: string;
  denominator?: string;
  citation: string;
  boardPack?: string;
  notYetRecorded?: string;
  thisYear: string;
  lastYear: string;
  change: string;
  chart?: string;
  table?: { caption: string; head: Cell[]; rows: Cell[][] };
  breakdowns: { title: string; head: Cell[]; rows: Cell[][] }[];
}

export interface BoardView {
  year: string;
  previousYear: string;
  asOfText: string;
  processes: { id: string; title: string; measures: MeasureView[] }[];
}

const number = (n: number) => n.toLocaleString('en-GB');
const percent = (share: number) => `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;

/** A count as written: 3,195, or the word the API gave. */
export function countText(value: unknown): string {
  return typeof value === 'number' ? number(value) : value === null || value === undefined ? 'none' : String(value);
}
export function shareText(value: unknown): string {
  return typeof value === 'number' ? percent(value) : value === null || value === undefined ? 'none' : String(value);
}
const valueText = (unit: string) => (value: unknown) =>
  typeof value === 'number'
    ? `${number(value)} ${unit}`
    : value === null || value === undefined
      ? 'none'
      : String(value);

/** A measure's headline figure for a year (its total row): the count, the share (of how many), the median. */
function headline(m: BoardMeasure, row: BoardMonth | undefined): string {
  if (!row) return 'none';
  switch (m.kind) {
    case 'share':
      return typeof row.share === 'number'
        ? `${percent(row.share)} (${countText(row.numerator)} of ${countText(row.denominator)})`
        : `${shareText(row.share)} (${countText(row.numerator)} of ${countText(row.denominator)})`;
    case 'values':
      return (
        `median ${valueText(m.unit ?? '')(row.median)}, total ${valueText(m.unit ?? '')(row.total)}, ` +
        `from ${countText(row.count)}`
      );
    default:
      return countText(row.count);
  }
}

export function changeText(change: BoardChange | undefined, unit = ''): string {
  if (!change) return 'not shown: a figure is suppressed, or there is none to compare';
  const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${number(Math.abs(n))}`;
  switch (change.unit) {
    case 'share':
      return `${signed(change.points)} percentage points`;
    case 'values':
      return `${signed(change.difference)} ${unit} (median)`;
    default:
      return change.percent === null
        ? `${signed(change.difference)} (none last year)`
        : `${signed(change.difference)} (${signed(change.percent)}%)`;
  }
}

/** The figure a month's bar shows: a number, or why there is none. */
function barOf(m: BoardMeasure, row: BoardMonth | undefined): number | string {
  if (!row) return '';
  if (row.toCome) return 'to come';
  const v = m.kind === 'share' ? row.share : m.kind === 'values' ? row.median : row.count;
  return typeof v === 'number' ? v : v === null || v === undefined ? 'none' : String(v);
}

function monthTable(m: BoardMeasure, years: NonNullable<BoardMeasure['years']>) {
  const [current, previous] = [years[0]!, years[1]];
  const columns: {
    title: string;
    of: (r: BoardMonth) => unknown;
    text: (v: unknown) => string;
    measure: Cell['measure'];
  }[] =
    m.kind === 'share'
      ? [
          { title: 'counted', of: (r) => r.numerator, text: countText, measure: 'count' },
          { title: 'of', of: (r) => r.denominator, text: countText, measure: 'count' },
          { title: 'share', of: (r) => r.share, text: shareText, measure: 'share' },
        ]
      : m.kind === 'values'
        ? [
            { title: 'how many', of: (r) => r.count, text: countText, measure: 'count' },
            { title: `median ${m.unit}`, of: (r) => r.median, text: countText, measure: 'median' },
            { title: `total ${m.unit}`, of: (r) => r.total, text: countText, measure: 'total' },
          ]
        : [
            {
              title: m.kind === 'snapshot' ? 'at the month’s end' : 'count',
              of: (r) => r.count,
              text: countText,
              measure: 'count',
            },
          ];
  const yearsShown = [current, ...(previous ? [previous] : [])];
  const head: Cell[] = [
    { text: 'Month' },
    ...yearsShown.flatMap((y) => columns.map((c) => ({ text: `${y.year}: ${c.title}`, measure: c.measure }))),
  ];
  const cell = (table: FigureTable<BoardMonth>, i: number, c: (typeof columns)[number]): Cell => {
    const row = i < 0 ? table.total : table.rows[i];
    if (row?.toCome) return { text: 'to come', measure: c.measure };
    return { text: row ? c.text(c.of(row)) : 'none', measure: c.measure };
  };
  const rows: Cell[][] = MONTH_NAMES.map((name, i) => [
    { text: name },
    ...yearsShown.flatMap((y) => columns.map((c) => cell(y.months, i, c))),
  ]);
  rows.push([
    { text: m.kind === 'snapshot' ? 'The year (its last month)' : 'The year' },
    ...yearsShown.flatMap((y) => columns.map((c) => cell(y.months, -1, c))),
  ]);
  return { head, rows };
}

export function boardView(board: BoardAnswer): BoardView {
  return {
    year: board.year,
    previousYear: board.previousYear,
    asOfText: longDate(board.asOf),
    processes: board.processes.map((p) => ({
      id: p.process,
      title: p.title,
      measures: p.measures.map((m): MeasureView => {
        const anchor = `${p.process}--${m.id}`;
        const years = m.years;
        const base: MeasureView = {
          id: m.id,
          anchor,
          title: m.title,
          kind: m.kind,
          basis: BASIS_WORDS[m.basis] ?? m.basis,
          definition: m.definition,
          counts: m.counts,
          ...(m.denominator ? { denominator: m.denominator } : {}),
          citation: m.citation,
          ...(m.boardPack ? { boardPack: m.boardPack } : {}),
          ...(m.notYetRecorded ? { notYetRecorded: m.notYetRecorded } : {}),
          thisYear: years ? headline(m, years[0]?.months.total) : 'not yet recorded',
          lastYear: years ? headline(m, years[1]?.months.total) : 'not yet recorded',
          change: years ? changeText(m.change, m.unit) : '',
          breakdowns: [],
        };
        if (!years?.length) return base;
        const format = m.kind === 'share' ? percent : (v: number) => number(Math.round(v * 10) / 10);
        const series = years.map((y) => ({ label: y.year, values: y.months.rows.map((r) => barOf(m, r)) }));
        const { head, rows } = monthTable(m, years);
        return {
          ...base,
          chart: renderMonthChart({
            id: `chart-${anchor}`,
            title: `${p.title}: ${m.title}, by month, ${years.map((y) => y.year).join(' beside ')}`,
            description: series
              .map(
                (s) =>
                  `${s.label}: ${s.values.map((v, i) => `${MONTHS[i]} ${typeof v === 'number' ? format(v) : v}`)}.`,
              )
              .join(' '),
            months: MONTHS,
            series,
            format,
            ...(m.kind === 'share' ? { max: 1 } : {}),
          }),
          table: { caption: `${m.title}: the chart’s figures`, head, rows },
          breakdowns: (m.breakdowns ?? []).map((b) => ({
            title: b.title,
            head: [
              { text: 'Group' },
              ...years.map((y) => ({
                text: `${y.year}${m.kind === 'share' ? ' (counted)' : ''}`,
                measure: 'count' as const,
              })),
            ],
            rows: b.groups.rows.map((g) => [
              { text: g.words },
              ...years.map((y) => ({ text: countText(g[y.year]), measure: 'count' as const })),
            ]),
          })),
        };
      }),
    })),
  };
}
