/**
 * The board pack's figures: every measure of every process the reader may read, month by month for the
 * year and the year before, with each year's total, its breakdowns and the change, as commissioners read
 * them. Each process's figures are built on one count sheet and pass the one suppression step
 * (../figures/suppression.ts): a month's count, its year's total and its groups are declared to add up,
 * a share's numerator within its denominator (the very cells its denominator measure shows), so no hidden
 * count can be worked out from what is shown. The change from last year is worked out afterwards from the
 * figures shown only, so it says nothing they do not.
 *
 * Pure: case records and the instant counted to in, what a figure reader may see out.
 */
import { londonDateOf } from '../calendar';
import { type CouncilLevel, linkLevels, recordsByCouncil } from '../figures/levels';
import {
  type Cell,
  CountSheet,
  type Draft,
  type Figure,
  type FigureTable,
  type RowDraft,
  type ShareShown,
  type Shown,
  type Suppressed,
  table,
  type ValueFigure,
  type ValueShown,
} from '../figures/suppression';
import type { AccessFacts } from '../process/access';
import type { CaseRecord } from '../process/model';
import {
  countMeasures,
  type Measure,
  type MeasureBasis,
  type MeasureCount,
  type MeasureKind,
  monthsOf,
  type ProcessMeasures,
} from './measure';

/** A month of a measure as a reader receives it. */
export interface BoardMonth {
  /** 'YYYY-MM', or 'year' for the year's row. */
  month: string;
  /** Months after the one counted to (this year's months still to come). */
  toCome?: boolean;
  count?: Shown;
  numerator?: Shown;
  denominator?: Shown;
  share?: ShareShown;
  median?: ValueShown;
  total?: ValueShown;
}

/** The change from last year, worked out from the figures shown (null where either is not shown). */
export type BoardChange =
  | { unit: 'count'; difference: number; percent: number | null }
  | { unit: 'share'; points: number }
  /** A values measure: the change of the median. */
  | { unit: 'values'; difference: number }
  | null;

export interface BoardMeasure {
  id: string;
  title: string;
  kind: MeasureKind;
  /** A values measure's unit (hours, days). */
  unit?: string;
  definition: string;
  /** What is counted (a share's numerator). */
  counts: string;
  /** A share's denominator, in words, and the measure it is. */
  denominator?: string;
  denominatorId?: string;
  basis: MeasureBasis;
  citation: string;
  boardPack?: string;
  notYetRecorded?: string;
  /** This year first, then last year: each a table of its months and the year's row. */
  years?: { year: string; months: FigureTable<BoardMonth> }[];
  breakdowns?: {
    id: string;
    title: string;
    groups: FigureTable<{ group: string; words: string } & Record<string, Shown>>;
  }[];
  change?: BoardChange;
}

export interface BoardProcess {
  process: string;
  title: string;
  measures: BoardMeasure[];
}

export interface BoardAnswer {
  /** The year read, and the year beside it. */
  year: string;
  previousYear: string;
  /** The London day the figures are counted to. */
  asOf: string;
  /** The council whose figures these are; null: the partnership's (absent where no council was asked about). */
  council?: CouncilLevel | null;
  /** The councils the reader may choose beside the partnership. */
  councils?: CouncilLevel[];
  processes: BoardProcess[];
}

const wordsOfCounts = (m: Measure): string => (m.kind === 'share' ? m.numerator : (m as { counts: string }).counts);

/** A measure as its definition is shown (beside each figure, on the definitions page, in GET /measures). */
export type MeasureDescription = Omit<BoardMeasure, 'years' | 'breakdowns' | 'change'> & {
  breakdowns?: { id: string; title: string }[];
};

/** What a measure is, in words: its definition, what it counts, its denominator, its source. */
export function describeMeasure(set: ProcessMeasures, m: Measure) {
  const denominator = m.kind === 'share' ? set.measures.find((x) => x.id === m.of)! : undefined;
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    ...(m.kind === 'values' ? { unit: m.unit } : {}),
    definition: m.definition,
    counts: wordsOfCounts(m),
    ...(denominator ? { denominator: wordsOfCounts(denominator), denominatorId: denominator.id } : {}),
    basis: m.source.basis,
    citation: m.source.citation,
    ...(m.boardPack ? { boardPack: m.boardPack } : {}),
    ...(m.notYetRecorded ? { notYetRecorded: m.notYetRecorded } : {}),
  };
}

/** The catalogue in words: every process's measures as their definitions are shown. */
export function describeCatalogue(sets: readonly ProcessMeasures[]) {
  return sets.map((set) => ({
    process: set.process,
    title: set.title,
    measures: set.measures.map(
      (m): MeasureDescription => ({
        ...describeMeasure(set, m),
        ...(m.breakdowns?.length ? { breakdowns: m.breakdowns.map((b) => ({ id: b.id, title: b.title })) } : {}),
      }),
    ),
  }));
}

/**
 * The draft of one process's board figures on the sheet (not yet suppressed), from its measures' counts.
 * `counts` are countMeasures(set, records, [year, year - 1], ...).
 */
export function boardProcessDraft(
  sheet: CountSheet,
  set: ProcessMeasures,
  counts: readonly MeasureCount[],
  year: number,
  asOf: Date,
) {
  const years = [year, year - 1];
  const lastMonthCounted = londonDateOf(asOf).slice(0, 7);
  const countOf = (id: string) => counts.find((c) => c.id === id)!;
  /** Each count measure's cells, by year: its months and its year's total (a share's denominator uses them). */
  const countCells = new Map<string, { months: Cell[]; total: Cell }[]>();
  for (const m of set.measures) {
    const c = countOf(m.id);
    if (m.kind !== 'count' || !c.years) continue;
    countCells.set(
      m.id,
      c.years.map((y) => {
        const months = y.months.map((f) => sheet.count(f.count));
        return { months, total: sheet.totalOf(months) };
      }),
    );
  }
  const monthRow = (month: string, figures: Record<string, Figure>): RowDraft => ({
    month,
    ...(month > lastMonthCounted ? { toCome: true } : {}),
    ...figures,
  });

  return set.measures.map((m) => {
    const c = countOf(m.id);
    const labels = describeMeasure(set, m);
    if (!c.years) return labels;
    /** The cell of each year's total a breakdown's groups add up to. */
    const groupTotals: Cell[] = [];
    const yearTables = c.years.map((y, yi) => {
      const months = monthsOf(y.year);
      switch (m.kind) {
        case 'count': {
          const cells = countCells.get(m.id)![yi]!;
          groupTotals.push(cells.total);
          return table(
            months.map((month, i) => monthRow(month, { count: cells.months[i]! })),
            { month: 'year', count: cells.total },
          );
        }
        case 'snapshot': {
          const cells = y.months.map((f) => sheet.count(f.count));
          const last = Math.max(0, months.filter((month) => month <= lastMonthCounted).length - 1);
          groupTotals.push(cells[last]!);
          return table(
            months.map((month, i) => monthRow(month, { count: cells[i]! })),
            { month: 'year', count: cells[last]! },
          );
        }
        case 'share': {
          const of = countCells.get(m.of)![yi]!;
          const numerators = y.months.map((f) => sheet.count(f.within!));
          const total = sheet.totalOf(numerators);
          groupTotals.push(total);
          return table(
            months.map((month, i) =>
              monthRow(month, {
                numerator: numerators[i]!,
                denominator: of.months[i]!,
                share: sheet.share(numerators[i]!, of.months[i]!),
              }),
            ),
            { month: 'year', numerator: total, denominator: of.total, share: sheet.share(total, of.total) },
          );
        }
        case 'values': {
          const counted = y.months.map((f) => sheet.count(f.count));
          const total = sheet.totalOf(counted);
          const sums: ValueFigure[] = y.months.map((f) => sheet.sum(f.values!));
          return table(
            months.map((month, i) =>
              monthRow(month, { count: counted[i]!, median: sheet.median(y.months[i]!.values!), total: sums[i]! }),
            ),
            { month: 'year', count: total, median: sheet.median(y.total.values!), total: sheet.sumOf(sums) },
          );
        }
        default:
          throw new Error(`A measure of an unknown kind: ${(m as Measure).kind}`);
      }
    });
    const breakdowns = (m.breakdowns ?? []).map((b) => {
      const ids = [...new Set(c.years!.flatMap((y) => Object.keys(y.groups[b.id] ?? {})))];
      const order = (id: string) => {
        const i = (b.groups ?? []).findIndex((g) => g.id === id);
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
      };
      ids.sort((a, z) => order(a) - order(z) || a.localeCompare(z));
      const cellsByYear = c.years!.map((y) => ids.map((id) => sheet.count(y.groups[b.id]?.[id] ?? 0)));
      cellsByYear.forEach((cells, yi) => {
        sheet.adds(groupTotals[yi]!, cells);
      });
      return {
        id: b.id,
        title: b.title,
        groups: table(
          ids.map((id, gi) => ({
            group: id,
            words: b.groups?.find((g) => g.id === id)?.words ?? id,
            ...Object.fromEntries(years.map((yr, yi) => [String(yr), cellsByYear[yi]![gi]!])),
          })),
        ),
      };
    });
    return {
      ...labels,
      years: c.years.map((y, yi) => ({ year: String(y.year), months: yearTables[yi]! })),
      ...(breakdowns.length ? { breakdowns } : {}),
    };
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The change from last year's total to this year's, from what is shown only. */
export function changeOf(
  kind: MeasureKind,
  thisYear: BoardMonth | undefined,
  lastYear: BoardMonth | undefined,
): BoardChange {
  if (!thisYear || !lastYear) return null;
  switch (kind) {
    case 'share': {
      const [a, b] = [thisYear.share, lastYear.share];
      return typeof a === 'number' && typeof b === 'number' ? { unit: 'share', points: round1((a - b) * 100) } : null;
    }
    case 'values': {
      const [a, b] = [thisYear.median, lastYear.median];
      return typeof a === 'number' && typeof b === 'number' ? { unit: 'values', difference: round1(a - b) } : null;
    }
    default: {
      const [a, b] = [thisYear.count, lastYear.count];
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      return { unit: 'count', difference: a - b, percent: b ? round1(((a - b) / b) * 100) : null };
    }
  }
}

/** Adds each measure's change from last year to a suppressed board (worked out from the shown totals). */
export function withChanges<T extends { processes: BoardProcess[] }>(answer: Suppressed<T>): Suppressed<T> {
  for (const p of answer.processes)
    for (const m of p.measures) {
      if (!m.years) continue;
      m.change = changeOf(m.kind, m.years[0]?.months.total, m.years[1]?.months.total);
    }
  return answer;
}

/** A process's measures and its stored case records (every case that may count in the two years). */
export interface BoardSource {
  measures: ProcessMeasures;
  records: readonly unknown[];
}

/** Every measure's counts for the year and the year before, before suppression (the simulator checks these). */
export function boardCounts(set: ProcessMeasures, records: readonly unknown[], year: number, now: Date) {
  return countMeasures(set, records, [year, year - 1], { now });
}

/** Figures by council: the partnership's directory, the level asked for, the levels the reader may choose. */
export interface BoardCouncilChoice {
  facts: AccessFacts;
  /** The council (or NO_COUNCIL) whose figures are given; undefined: the partnership's. */
  council?: string;
  /** The councils the reader may choose, said in the answer (checked by the caller). */
  readable: readonly CouncilLevel[];
}

/**
 * The board for `year` (beside the year before): every process's measures on one sheet, through the one
 * suppression step, with each measure's change from last year added from what is shown. With a council
 * choice, every council's board is drafted on the same sheet, added up to the partnership's and
 * suppressed with it (../figures/levels.ts), and the level chosen is given.
 */
export function boardAnswer(
  sources: readonly BoardSource[],
  year: number,
  now: Date,
  choice?: BoardCouncilChoice,
): Suppressed<BoardAnswer> {
  const sheet = new CountSheet();
  const processesOf = (recordsOf: (source: BoardSource) => readonly unknown[]) =>
    sources.map((source) => ({
      process: source.measures.process,
      title: source.measures.title,
      measures: boardProcessDraft(
        sheet,
        source.measures,
        boardCounts(source.measures, recordsOf(source), year, now),
        year,
        now,
      ),
    }));
  const head = { year: String(year), previousYear: String(year - 1), asOf: londonDateOf(now) };
  const partnership = { ...head, processes: processesOf((s) => s.records) };
  let draft: object = partnership;
  if (choice) {
    const grouped = sources.map((s) => recordsByCouncil(s.records as readonly CaseRecord[], choice.facts));
    const levels = [...new Set(grouped.flatMap((g) => [...g.keys()]))];
    const byCouncil = new Map(
      levels.map((id) => [id, { ...head, processes: processesOf((s) => grouped[sources.indexOf(s)]!.get(id) ?? []) }]),
    );
    linkLevels(sheet, partnership as unknown as Draft, [...byCouncil.values()] as unknown as Draft[]);
    const chosen = choice.council === undefined ? partnership : byCouncil.get(choice.council);
    const council = choice.council === undefined ? null : choice.readable.find((c) => c.id === choice.council);
    if (!chosen || council === undefined) throw new Error(`No figures the reader may read for ${choice.council}`);
    draft = { ...head, council, councils: [...choice.readable], processes: chosen.processes };
  }
  const resolved = sheet.suppress().resolve(draft as unknown as Draft) as unknown as Suppressed<BoardAnswer>;
  if (choice) onlyCouncilsReadable(resolved, choice.readable);
  return withChanges(resolved);
}

/** The id of a measure's breakdown by council (child protection, children in care): its groups are councils. */
export const COUNCIL_BREAKDOWN = 'council';

/**
 * A breakdown by council shows only the councils the reader may read (a council's staff: their own), so no
 * other council's figure reaches them through the partnership's board. Only rows are left out: every figure
 * shown was suppressed with all of them.
 */
function onlyCouncilsReadable(board: BoardAnswer, readable: readonly CouncilLevel[]): void {
  const ids = new Set(readable.map((c) => c.id));
  for (const p of board.processes)
    for (const m of p.measures)
      for (const b of m.breakdowns ?? [])
        if (b.id === COUNCIL_BREAKDOWN) b.groups.rows = b.groups.rows.filter((r) => ids.has(r.group));
}
