/**
 * A measure: one figure a partnership board reads ("episodes closed within 16 weeks", "initial health
 * assessments within 20 working days"), defined once, with its numerator, denominator, source and
 * whether it is statutory or a local target, and the code that counts it from the platform's stored case
 * records. The board pack, the dashboards, the CSV and the API count through these definitions, and every
 * figure they show passes the one suppression step (../figures/suppression.ts, through ./board.ts).
 *
 * A measure counts occurrences, each in the London month it falls in: a request in the month it was
 * made, a closure in the month the episode closed. Kinds:
 * - `count`: how many (or, with a weight, how many children the occurrences name);
 * - `share`: the share of another measure's occurrences (its denominator, `of`) that this one counts too
 *   (the numerator); every numerator occurrence is also one of the denominator's, in the same month;
 * - `values`: values of the occurrences (hours, days), shown as how many, their median and their total;
 * - `snapshot`: how many stood so at the end of each month (children in care); the year's figure is the
 *   last month's.
 * A measure the platform cannot count yet (no process records what it needs) says so (`notYetRecorded`)
 * rather than inventing a figure.
 *
 * Pure: case records in, counts out; the instant counted to (`now`) is injected.
 */
import { londonDateOf } from '../calendar';

/** Where a measure comes from: the law, a national standard, the partnership's own target, or the board pack. */
export type MeasureBasis = 'statutory' | 'nationalStandard' | 'localTarget' | 'boardPack';

export interface MeasureSource {
  basis: MeasureBasis;
  /** The statutory guidance, standard, target or report it is taken from. */
  citation: string;
}

/** One thing counted, in the London month it falls in. */
export interface Occurrence {
  /** 'YYYY-MM', London time. */
  month: string;
  /** How many it counts (the children a request names); default 1. */
  weight?: number;
  /** The group it falls in for each of the measure's breakdowns (e.g. { channel: 'telephone' }). */
  groups?: Readonly<Record<string, string>>;
  /** For a `values` measure: the value (hours, days). */
  value?: number;
}

/** A breakdown shown for the year (requests by channel, episodes by locality team, notifications by school). */
export interface Breakdown {
  id: string;
  title: string;
  /** The groups in the order shown (others found in the data follow, sorted); their words where not the id. */
  groups?: readonly { id: string; words?: string }[];
}

export interface CountingContext {
  /** The instant the figures are counted to. */
  now: Date;
}

interface MeasureBase<R> {
  /** Unique within its process (e.g. 'episodes-closed'); the full id is `<process>/<id>`. */
  id: string;
  title: string;
  /** What it is, in plain words: what is counted, in which month, and how the board pack reads it. */
  definition: string;
  source: MeasureSource;
  /** What the board pack says of it, where it gives a figure (e.g. '87% (2024)'). */
  boardPack?: string;
  breakdowns?: readonly Breakdown[];
  /** Why the platform cannot count it yet (no process records what it needs); absent when it can. */
  notYetRecorded?: string;
  /** The occurrences one case record gives (absent when notYetRecorded). */
  count?(record: R, context: CountingContext): Occurrence[];
}

export interface CountMeasure<R = unknown> extends MeasureBase<R> {
  kind: 'count';
  /** What one occurrence is, in words (the numerator of a count). */
  counts: string;
}

export interface ShareMeasure<R = unknown> extends MeasureBase<R> {
  kind: 'share';
  /** The id of the count measure (of the same process) this is a share of: its denominator. */
  of: string;
  /** What the numerator counts, in words. */
  numerator: string;
}

export interface ValuesMeasure<R = unknown> extends MeasureBase<R> {
  kind: 'values';
  /** What each value is, in words. */
  counts: string;
  /** The values' unit. */
  unit: 'hours' | 'days';
}

export interface SnapshotMeasure<R = unknown> extends MeasureBase<R> {
  kind: 'snapshot';
  counts: string;
}

export type Measure<R = unknown> = CountMeasure<R> | ShareMeasure<R> | ValuesMeasure<R> | SnapshotMeasure<R>;
export type MeasureKind = Measure['kind'];

/** A process's measures, in the order the board shows them. */
export interface ProcessMeasures<R = unknown> {
  process: string;
  title: string;
  measures: readonly Measure<R>[];
}

/** The London month ('YYYY-MM') of an instant. */
export const londonMonthOf = (instant: string | Date): string =>
  londonDateOf(typeof instant === 'string' ? new Date(instant) : instant).slice(0, 7);

/** The twelve months of a year, 'YYYY-01' to 'YYYY-12'. */
export const monthsOf = (year: number): string[] =>
  Array.from({ length: 12 }, (_v, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/**
 * Checks a process's measures: ids unique, every share's denominator a count measure of the same process,
 * and each either counted or saying why not. A mistake here is a mistake in the catalogue: thrown.
 */
export function checkMeasures<R>(set: ProcessMeasures<R>): ProcessMeasures<R> {
  const ids = new Set<string>();
  for (const m of set.measures) {
    if (ids.has(m.id)) throw new Error(`${set.process}: the measure ${m.id} is defined twice`);
    ids.add(m.id);
    if (!m.count === !m.notYetRecorded)
      throw new Error(`${set.process}/${m.id}: a measure is counted, or says why it is not yet recorded`);
  }
  for (const m of set.measures) {
    if (m.kind !== 'share') continue;
    const of = set.measures.find((x) => x.id === m.of);
    if (of?.kind !== 'count')
      throw new Error(`${set.process}/${m.id}: its denominator ${m.of} is not a count measure of the process`);
  }
  return set;
}

// ---------------------------------------------------------------------------------------------
// Counting, before suppression
// ---------------------------------------------------------------------------------------------

/** One month's figure before suppression. */
export interface MonthCount {
  /** count: how many; share: the denominator; values: how many values; snapshot: how many at the month's end. */
  count: number;
  /** share: the numerator. */
  within?: number;
  /** values: the values, sorted. */
  values?: number[];
}

/** A measure's figures for one year before suppression. */
export interface YearCount {
  year: number;
  /** January to December. */
  months: MonthCount[];
  /** The year: the months added up (a snapshot: its last month counted to). */
  total: MonthCount;
  /** For each breakdown, each group's count for the year (a share's numerator), groups sorted by id. */
  groups: Record<string, Record<string, number>>;
}

export interface MeasureCount {
  id: string;
  kind: MeasureKind;
  /** Absent for a measure not yet recorded. */
  years?: YearCount[];
}

const emptyMonth = (kind: MeasureKind): MonthCount =>
  kind === 'share' ? { count: 0, within: 0 } : kind === 'values' ? { count: 0, values: [] } : { count: 0 };

/** Every occurrence each counted measure of a process finds in the records, by measure id. */
export function occurrencesOf<R>(
  set: ProcessMeasures<R>,
  records: readonly R[],
  context: CountingContext,
): Map<string, Occurrence[]> {
  const occurrences = new Map<string, Occurrence[]>();
  for (const m of set.measures) {
    if (!m.count) continue;
    const list: Occurrence[] = [];
    for (const record of records) for (const o of m.count(record, context)) list.push(o);
    occurrences.set(m.id, list);
  }
  return occurrences;
}

/**
 * The counts of every measure of a process for the given years, before suppression: each occurrence in
 * its month; a share's denominator is its `of` measure's count, month by month.
 */
export function countMeasures<R>(
  set: ProcessMeasures<R>,
  records: readonly R[],
  years: readonly number[],
  context: CountingContext,
): MeasureCount[] {
  return aggregate(set, occurrencesOf(set, records, context), years, context.now);
}

/**
 * Occurrences (from the records, or from a simulator's own ledger of what it did) added up month by
 * month for the given years, for every measure of the set: a measure with no list is not yet recorded.
 */
export function aggregate(
  set: Pick<ProcessMeasures, 'measures'> | { measures: readonly Measure<never>[] },
  occurrences: ReadonlyMap<string, readonly Occurrence[]>,
  years: readonly number[],
  now: Date,
): MeasureCount[] {
  const lastMonthCounted = londonMonthOf(now);
  return set.measures.map((m): MeasureCount => {
    const list = occurrences.get(m.id);
    if (!list) return { id: m.id, kind: m.kind };
    const denominator = m.kind === 'share' ? (occurrences.get(m.of) ?? []) : undefined;
    return {
      id: m.id,
      kind: m.kind,
      years: years.map((year) => {
        const months = monthsOf(year);
        const figures = months.map((month): MonthCount => {
          const here = list.filter((o) => o.month === month);
          const weight = (xs: readonly Occurrence[]) => xs.reduce((n, o) => n + (o.weight ?? 1), 0);
          switch (m.kind) {
            case 'share':
              return { count: weight(denominator!.filter((o) => o.month === month)), within: weight(here) };
            case 'values':
              return {
                count: here.length,
                values: here.map((o) => o.value ?? 0).sort((a, b) => a - b),
              };
            default:
              return { count: weight(here) };
          }
        });
        // A snapshot's year is its last month counted to (the year's last month once it is over).
        const lastIndex = Math.max(0, months.filter((month) => month <= lastMonthCounted).length - 1);
        const total = emptyMonth(m.kind);
        if (m.kind === 'snapshot') total.count = figures[lastIndex]!.count;
        else
          for (const f of figures) {
            total.count += f.count;
            if (f.within !== undefined) total.within! += f.within;
            if (f.values) total.values!.push(...f.values);
          }
        total.values?.sort((a, b) => a - b);
        const groups: Record<string, Record<string, number>> = {};
        const inYear = list.filter((o) => o.month.startsWith(`${year}-`));
        for (const b of m.breakdowns ?? []) {
          const counts: Record<string, number> = {};
          for (const g of b.groups ?? []) counts[g.id] = 0;
          // A snapshot's groups are those of the month its year's figure is.
          const counted = m.kind === 'snapshot' ? inYear.filter((o) => o.month === months[lastIndex]) : inYear;
          for (const o of counted) {
            const g = o.groups?.[b.id] ?? NOT_RECORDED;
            counts[g] = (counts[g] ?? 0) + (o.weight ?? 1);
          }
          groups[b.id] = Object.fromEntries(Object.entries(counts).sort(([a], [c]) => a.localeCompare(c)));
        }
        return { year, months: figures, total, groups };
      }),
    };
  });
}

/** The group of an occurrence that names none for a breakdown. */
export const NOT_RECORDED = 'not recorded';
