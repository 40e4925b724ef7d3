/**
 * Small-number suppression: the one step every count a figure reader sees passes through, in any
 * answer, page or file. A figures answer is built on one CountSheet: each count is a cell, and what the
 * reader could add or subtract is declared beside it as a relation (a total and the parts it adds up
 * to: the months of a clock, the rows of a table and its total row, a share's numerator within its
 * denominator). `suppress()` then decides, once for the whole answer, what may be shown:
 *
 * 1. Primary: a count from 1 to 4 is shown as 'fewer than 5'. 0 is shown: it is about no child.
 * 2. Secondary, so no hidden count can be worked out from what is shown:
 *    a. exactly, by adding and subtracting: the hidden cells (suppressed, or never published, like the
 *       clocks of a month not met in time when only the month's due and met are shown) are the unknowns
 *       of the relations' equations; a small count (1 to 4) is exposed when it is the same in every
 *       solution, that is when its unit vector lies in the row space of the equations' coefficients
 *       over the hidden cells (Gaussian elimination). That covers one hidden cell beside a shown total,
 *       a cell recoverable only through a column total, and chains across several tables;
 *    b. by bounds: a reader knows 'fewer than 5' is 1 to 4 and a hidden count is at least 0, so four
 *       'fewer than 5' adding up to a 'fewer than 5' total are each 1. Bounds are narrowed relation by
 *       relation until nothing changes (interval propagation, in whole numbers); a small count whose
 *       bounds meet is exposed.
 *    Each exposed count is protected by withholding one more cell ('withheld'): the smallest shown
 *    count that is not 0 among the relations it is in (a part before a total), else the nearest such
 *    cell through the relations of hidden cells beside it, else a 0; where nothing is left to
 *    withhold, a 'fewer than 5' in the same relations is shown as 'withheld' instead, which widens
 *    what a reader may take it to be. Then everything is checked again, until nothing is exposed.
 * 3. A share is shown only where its numerator and denominator are both shown (so it says nothing the
 *    counts do not), and the numerator within the denominator is a relation like any other; a median
 *    or a total of values about children (hours delayed) is withheld where drawn from 1 to 4 of them.
 *    Totals of values that add up (the months' hours to the year's, `sumOf`; the councils' to the
 *    partnership's, `addsValues`) are protected by the same steps as the counts of children they are drawn
 *    from: what leaves those counts unknown leaves the hours unknown too.
 * Cells no relation links are decided apart (each linked part of the sheet on its own), which changes
 * nothing decided and keeps a sheet of many small parts (figures by council) quick.
 *
 * Written by hand: no maintained JavaScript library does statistical disclosure control (the standard
 * tools, tau-Argus and sdcTable, are Java and R, and solve it by linear programming). Limits, beyond
 * what is said above: only the relations declared are protected (a figure that depends on another in
 * a way not declared is not seen as linked); bounds are narrowed relation by relation, so a count
 * pinned only by combining bounds from several relations at once is not caught (tau-Argus's
 * protection intervals would be); the elimination is in floating point, exact for these tables of 0
 * and ±1 coefficients up to far larger sizes than any answer; and nothing here protects against
 * comparing answers over time (today's figures beside yesterday's).
 *
 * Pure: numbers in, what may be shown out.
 */

export const FEWER_THAN_5 = 'fewer than 5';
/** A count withheld so that a total does not reveal a small number (it may hold any count, 0 included). */
export const WITHHELD = 'withheld';

export type SuppressedCount = typeof FEWER_THAN_5 | typeof WITHHELD;
/** A count as a figure reader sees it: 0, 5 or more, 'fewer than 5' or 'withheld'. */
export type Shown = number | SuppressedCount;
/** A share (0 to 1), null with nothing to share, or withheld. */
export type ShareShown = number | null | typeof WITHHELD;
/** A median or total of values about children (hours, minutes, days), null with none, or withheld. */
export type ValueShown = number | null | typeof WITHHELD;

/** 1 to 4: a count small enough to point to a child. */
export const isSmall = (count: number): boolean => count >= 1 && count <= 4;

/** What each figure column of a table holds, so a reader (and a test) knows which numbers are counts. */
export type MeasureKind = 'count' | 'share' | 'median' | 'total';

/** A count on a sheet. Only a sheet makes one; only the sheet's suppression turns it into a number. */
export class Cell {
  /** @internal */
  constructor(
    readonly sheet: CountSheet,
    readonly index: number,
  ) {}
}

/** A share of two counts on a sheet: shown only where both are shown. */
export class ShareFigure {
  /** @internal */
  constructor(
    readonly numerator: Cell,
    readonly denominator: Cell,
  ) {}
}

/** A median or a total of values about children: withheld where drawn from 1 to 4 of them. */
export class ValueFigure {
  /** @internal */
  constructor(
    readonly kind: 'median' | 'total',
    readonly value: number | null,
    readonly drawnFrom: number,
    private readonly revealsWithheld = false,
  ) {}

  /** Whether a reader sees it withheld. */
  get withheld(): boolean {
    return isSmall(this.drawnFrom) || this.revealsWithheld;
  }
}

/** A number about no child (a setting, e.g. how many days "due soon" looks ahead): shown as it is. */
export class Constant {
  /** @internal */
  constructor(readonly value: number) {}
}

/** A figure table: rows of labels and figures, and the total row where one is shown. */
export class TableDraft<Row extends RowDraft = RowDraft, Total extends RowDraft = Row> {
  /** @internal */
  constructor(
    readonly rows: readonly Row[],
    readonly total?: Total,
  ) {}
}

export type Label = string | boolean | null | undefined;
export type Figure = Cell | ShareFigure | ValueFigure;
/** A table row: labels (strings, never numbers) and figures, possibly in named groups (requests by channel). */
export interface RowDraft {
  [key: string]: Label | Figure | RowDraft;
}
/**
 * What a figures function returns: labels, tables, constants and groups of them;
 * no bare number (a count must be a Cell).
 */
export type Draft = Label | Constant | TableDraft<RowDraft, RowDraft> | Draft[] | { [key: string]: Draft };

/**
 * A table as a figure reader receives it: which columns are figures of which kind
 * (dotted paths for groups), the rows, the total.
 */
export interface FigureTable<Row = Record<string, unknown>, Total = Row> {
  measures: Record<string, MeasureKind>;
  rows: Row[];
  total?: Total;
}

/** What a draft becomes once suppressed. */
export type Resolved<D> = D extends Cell
  ? Shown
  : D extends ShareFigure
    ? ShareShown
    : D extends ValueFigure
      ? ValueShown
      : D extends Constant
        ? number
        : D extends TableDraft<infer R, infer T>
          ? FigureTable<Resolved<R>, Resolved<T>>
          : D extends readonly (infer E)[]
            ? Resolved<E>[]
            : D extends object
              ? { [K in keyof D]: Resolved<D[K]> }
              : D;

const SUPPRESSED: unique symbol = Symbol('suppressed');
/** An answer that has been through the suppression step (the only way to make one is Suppression.resolve). */
export type Suppressed<T> = T & { readonly [SUPPRESSED]: true };

/** True for what came out of Suppression.resolve (the mark is not enumerable and never serialised). */
export function isSuppressed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [SUPPRESSED]?: boolean })[SUPPRESSED] === true;
}

/**
 * The value of a suppressed answer, checked at run time too: an answer that did not
 * come out of the suppression step is refused.
 */
export function requireSuppressed<T>(answer: Suppressed<T>): T {
  if (!isSuppressed(answer)) throw new Error('A figures answer must come out of the suppression step');
  return answer;
}

/** A total and the parts it adds up to, by cell index. */
export interface Relation {
  total: number;
  parts: number[];
}

export class CountSheet {
  private readonly values: number[] = [];
  private readonly published: boolean[] = [];
  private readonly relations: Relation[] = [];
  private readonly withinPairs = new Set<string>();
  /** The totals of values (hours) on the sheet, and what adds up to what among them. */
  private readonly valueFigures: ValueFigure[] = [];
  private readonly valueIndex = new Map<ValueFigure, number>();
  private readonly valueRelations: Relation[] = [];
  private suppressed = false;

  private add(value: number, published: boolean): Cell {
    if (this.suppressed) throw new Error('The sheet has been suppressed: no count can be added after');
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`A count must be a whole number of 0 or more: ${value}`);
    this.values.push(value);
    this.published.push(published);
    return new Cell(this, this.values.length - 1);
  }

  private own(cell: Cell): number {
    if (cell.sheet !== this) throw new Error('A cell of another sheet');
    return cell.index;
  }

  /** A count the reader will see (after suppression). */
  count(value: number): Cell {
    return this.add(value, true);
  }

  /**
   * A count the reader does not see but that follows from others (what is left of
   * a total): it takes part in the relations.
   */
  unshown(value: number): Cell {
    return this.add(value, false);
  }

  /**
   * Declares that `total` is the sum of `parts` (checked: a relation that
   * does not hold is a mistake in the figures).
   */
  adds(total: Cell, parts: readonly Cell[]): void {
    const t = this.own(total);
    const p = parts.map((c) => this.own(c));
    const sum = p.reduce((n, i) => n + this.values[i]!, 0);
    if (sum !== this.values[t])
      throw new Error(`A total of ${this.values[t]} declared as the sum of parts adding up to ${sum}`);
    if (p.length) this.relations.push({ total: t, parts: p });
  }

  /** A shown total of the parts (the relation declared). */
  totalOf(parts: readonly Cell[]): Cell {
    const total = this.count(parts.reduce((n, c) => n + this.values[this.own(c)]!, 0));
    this.adds(total, parts);
    return total;
  }

  /**
   * Declares `part` as counted within `whole` (escalated within
   * presentations): what is left is a count too, unshown.
   */
  within(whole: Cell, part: Cell): void {
    const w = this.own(whole);
    const p = this.own(part);
    const key = `${w}|${p}`;
    if (this.withinPairs.has(key)) return;
    this.withinPairs.add(key);
    const rest = this.values[w]! - this.values[p]!;
    if (rest < 0) throw new Error(`A part of ${this.values[p]} within a whole of ${this.values[w]}`);
    this.adds(whole, [part, this.unshown(rest)]);
  }

  /** The share of `denominator` that `numerator` is (the numerator declared within it). */
  share(numerator: Cell, denominator: Cell): ShareFigure {
    this.within(denominator, numerator);
    return new ShareFigure(numerator, denominator);
  }

  /** The median of values about children (withheld where drawn from 1 to 4). */
  median(values: readonly number[]): ValueFigure {
    if (!values.length) return new ValueFigure('median', null, 0);
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return new ValueFigure('median', s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, s.length);
  }

  /** The total of values about children, to one decimal place (withheld where drawn from 1 to 4). */
  sum(values: readonly number[]): ValueFigure {
    return this.registered(
      new ValueFigure(
        'total',
        values.length ? Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10 : null,
        values.length,
      ),
    );
  }

  private registered(figure: ValueFigure): ValueFigure {
    if (this.suppressed) throw new Error('The sheet has been suppressed: no figure can be added after');
    this.valueIndex.set(figure, this.valueFigures.length);
    this.valueFigures.push(figure);
    return figure;
  }

  private ownValue(figure: ValueFigure): number {
    const i = this.valueIndex.get(figure);
    if (i === undefined) throw new Error('A total of values of another sheet (or a median, which adds up to nothing)');
    return i;
  }

  /**
   * Declares that a total of values (hours) is the sum of others (the partnership's hours and each
   * council's): the suppression step then withholds what subtraction would give back.
   */
  addsValues(total: ValueFigure, parts: readonly ValueFigure[]): void {
    const t = this.ownValue(total);
    const p = parts.map((f) => this.ownValue(f));
    if (p.length) this.valueRelations.push({ total: t, parts: p });
  }

  /**
   * The total of totals of values (the hours of every month): it would give back the withheld ones by
   * subtraction, so it is withheld too where those withheld are drawn from 1 to 4 children together.
   */
  sumOf(parts: readonly ValueFigure[]): ValueFigure {
    const values = parts.flatMap((p) => (p.value === null ? [] : [p.value]));
    const total = values.length ? Math.round(values.reduce((a, v) => a + v, 0) * 10) / 10 : null;
    const drawnFrom = parts.reduce((n, p) => n + p.drawnFrom, 0);
    const hiddenFrom = parts.filter((p) => p.withheld).reduce((n, p) => n + p.drawnFrom, 0);
    const figure = this.registered(new ValueFigure('total', total, drawnFrom, isSmall(hiddenFrom)));
    this.addsValues(figure, parts);
    return figure;
  }

  /** A number about no child, shown as it is. */
  constant(value: number): Constant {
    return new Constant(value);
  }

  /** The one suppression step: what each cell shows. A sheet is suppressed once; nothing is added after. */
  suppress(): Suppression {
    this.suppressed = true;
    // Totals of values are protected as the counts of children they are drawn from: what adds up for the
    // hours adds up for those counts, so what the counts' protection leaves unknown the hours' leaves too.
    const drawnFrom = this.valueFigures.map((f) => f.drawnFrom);
    const valueLabels = protect(
      drawnFrom,
      drawnFrom.map(() => true),
      this.valueRelations,
      this.valueFigures.map((f) => f.withheld),
    );
    return new Suppression(
      this,
      [...this.values],
      [...this.published],
      protect(this.values, this.published, this.relations),
      new Set(this.valueFigures.filter((_f, i) => valueLabels[i] !== undefined)),
    );
  }
}

/** A table of rows (and the total row, where shown): its figure columns are found from its cells. */
export function table<Row extends RowDraft, Total extends RowDraft = Row>(
  rows: readonly Row[],
  total?: Total,
): TableDraft<Row, Total> {
  return new TableDraft(rows, total);
}

export class Suppression {
  /** @internal */
  constructor(
    private readonly sheet: CountSheet,
    private readonly values: readonly number[],
    private readonly published: readonly boolean[],
    private readonly labels: readonly (SuppressedCount | undefined)[],
    /** The totals of values withheld (a median, which adds up to nothing, is withheld by its own rule). */
    private readonly withheldValues: ReadonlySet<ValueFigure> = new Set(),
  ) {}

  /** What a count shows. A count declared unshown is never shown, not even as a word. */
  shown(cell: Cell): Shown {
    if (cell.sheet !== this.sheet) throw new Error('A cell of another sheet');
    if (!this.published[cell.index]) throw new Error('A count declared unshown was put in a figures answer');
    return this.labels[cell.index] ?? this.values[cell.index]!;
  }

  private shareOf(share: ShareFigure): ShareShown {
    const denominator = this.values[share.denominator.index]!;
    if (!denominator) return null;
    const n = this.shown(share.numerator);
    const d = this.shown(share.denominator);
    if (typeof n !== 'number' || typeof d !== 'number') return WITHHELD;
    return +(n / d).toFixed(3);
  }

  /** The draft with every figure replaced by what may be shown, marked as suppressed. */
  resolve<D extends Draft>(draft: D): Suppressed<Resolved<D>> {
    const out = this.resolveValue(draft) as Resolved<D>;
    if (typeof out !== 'object' || out === null) throw new Error('A figures answer is an object');
    Object.defineProperty(out, SUPPRESSED, { value: true, enumerable: false });
    return out as Suppressed<Resolved<D>>;
  }

  private resolveValue(value: unknown): unknown {
    if (value instanceof Cell) return this.shown(value);
    if (value instanceof ShareFigure) return this.shareOf(value);
    if (value instanceof ValueFigure) return value.withheld || this.withheldValues.has(value) ? WITHHELD : value.value;
    if (value instanceof Constant) return value.value;
    if (value instanceof TableDraft) return this.resolveTable(value);
    if (typeof value === 'number')
      throw new Error('A bare number in a figures answer: a count must be a cell of the sheet');
    if (Array.isArray(value)) return value.map((v) => this.resolveValue(v));
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, this.resolveValue(v)]),
      );
    return value;
  }

  private resolveTable(draft: TableDraft): FigureTable {
    const measures: Record<string, MeasureKind> = {};
    const collect = (row: RowDraft, prefix: string) => {
      for (const [key, value] of Object.entries(row)) {
        const path = prefix ? `${prefix}.${key}` : key;
        const kind: MeasureKind | undefined =
          value instanceof Cell
            ? 'count'
            : value instanceof ShareFigure
              ? 'share'
              : value instanceof ValueFigure
                ? value.kind
                : undefined;
        if (kind) {
          if (measures[path] && measures[path] !== kind)
            throw new Error(`The column ${path} holds both ${measures[path]} and ${kind}`);
          measures[path] = kind;
        } else if (value && typeof value === 'object' && !(value instanceof Constant) && !(value instanceof TableDraft))
          collect(value as RowDraft, path);
      }
    };
    for (const row of draft.rows) collect(row, '');
    if (draft.total) collect(draft.total, '');
    return {
      measures,
      rows: draft.rows.map((r) => this.resolveValue(r) as Record<string, unknown>),
      ...(draft.total ? { total: this.resolveValue(draft.total) as Record<string, unknown> } : {}),
    };
  }
}

/**
 * A grid of counts with the totals shown beside it (each row's total, each column's, and the grand
 * total where both are shown), suppressed as one table.
 */
export function suppressGrid(
  cells: readonly (readonly number[])[],
  shownTotals: { rows?: boolean; columns?: boolean } = {},
): { cells: Shown[][]; rowTotals?: Shown[]; columnTotals?: Shown[]; grandTotal?: Shown } {
  const sheet = new CountSheet();
  const grid = cells.map((row) => row.map((v) => sheet.count(v)));
  const width = Math.max(0, ...cells.map((r) => r.length));
  const rowTotals = shownTotals.rows ? grid.map((row) => sheet.totalOf(row)) : undefined;
  const columnTotals = shownTotals.columns
    ? Array.from({ length: width }, (_v, j) => sheet.totalOf(grid.map((row) => row[j]!).filter(Boolean)))
    : undefined;
  const grandTotal = rowTotals && columnTotals ? sheet.totalOf(rowTotals) : undefined;
  if (grandTotal && columnTotals) sheet.adds(grandTotal, columnTotals);
  const s = sheet.suppress();
  return {
    cells: grid.map((row) => row.map((c) => s.shown(c))),
    ...(rowTotals ? { rowTotals: rowTotals.map((c) => s.shown(c)) } : {}),
    ...(columnTotals ? { columnTotals: columnTotals.map((c) => s.shown(c)) } : {}),
    ...(grandTotal ? { grandTotal: s.shown(grandTotal) } : {}),
  };
}

// ---------------------------------------------------------------------------
// The algorithm, on plain numbers (exported for its tests).

const EPSILON = 1e-9;

/**
 * Decides what each cell shows: undefined (its value), 'fewer than 5' or 'withheld'.
 * @param values every cell's count
 * @param published whether the reader is meant to see the cell at all (unpublished cells are always hidden)
 * @param relations each total and the parts it adds up to, by cell index
 * @param withheldFirst cells withheld before anything is decided (a total of values withheld by its own rule)
 */
export function protect(
  values: readonly number[],
  published: readonly boolean[],
  relations: readonly Relation[],
  withheldFirst: readonly boolean[] = [],
): (SuppressedCount | undefined)[] {
  // Cells no relation links are decided apart: each part of the sheet is protected on its own, so the rounds
  // below repeat over one part's cells only (a board by council holds hundreds of small parts).
  const parent = values.map((_v, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const r of relations) for (const p of r.parts) parent[find(p)] = find(r.total);
  const parts = new Map<number, number[]>();
  values.forEach((_v, i) => {
    const root = find(i);
    const list = parts.get(root);
    if (list) list.push(i);
    else parts.set(root, [i]);
  });
  const relationsOf = new Map<number, Relation[]>();
  for (const r of relations) {
    const list = relationsOf.get(find(r.total));
    if (list) list.push(r);
    else relationsOf.set(find(r.total), [r]);
  }
  const labels: (SuppressedCount | undefined)[] = values.map(() => undefined);
  for (const [root, cells] of parts) {
    const local = new Map(cells.map((cell, j) => [cell, j]));
    const decided = protectConnected(
      cells.map((i) => values[i]!),
      cells.map((i) => published[i]!),
      (relationsOf.get(root) ?? []).map((r) => ({
        total: local.get(r.total)!,
        parts: r.parts.map((q) => local.get(q)!),
      })),
      cells.map((i) => !!withheldFirst[i]),
    );
    cells.forEach((i, j) => {
      labels[i] = decided[j];
    });
  }
  return labels;
}

/** protect() for cells the relations link together. */
function protectConnected(
  values: readonly number[],
  published: readonly boolean[],
  relations: readonly Relation[],
  withheldFirst: readonly boolean[],
): (SuppressedCount | undefined)[] {
  const n = values.length;
  const sensitive = values.map(isSmall);
  const hidden = values.map((_v, i) => !published[i] || sensitive[i]! || !!withheldFirst[i]);
  const labels: (SuppressedCount | undefined)[] = values.map((_v, i) =>
    !published[i] ? undefined : sensitive[i] ? FEWER_THAN_5 : withheldFirst[i] ? WITHHELD : undefined,
  );
  const relationsOf: number[][] = Array.from({ length: n }, () => []);
  relations.forEach((r, k) => {
    for (const i of [r.total, ...r.parts]) if (!relationsOf[i]!.includes(k)) relationsOf[i]!.push(k);
  });
  const membersOf = (k: number) => [relations[k]!.total, ...relations[k]!.parts];

  const withhold = (i: number) => {
    hidden[i] = true;
    labels[i] = WITHHELD;
  };

  /**
   * The shown cell to withhold first among these relations' members: the smallest
   * part that is not 0, then a total, then a 0.
   */
  function best(candidates: readonly number[], among: readonly number[]): number | undefined {
    const isPart = (i: number) => among.some((k) => relations[k]!.parts.includes(i));
    const rank = (i: number) => [values[i] === 0 ? 2 : isPart(i) ? 0 : 1, values[i]!, i] as const;
    return [...candidates].sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
    })[0];
  }

  /** The cell to withhold to protect cell x: the nearest shown cell through the relations. */
  function complementFor(x: number): number | undefined {
    const seenRelations: number[] = [];
    const seenCells = new Set<number>([x]);
    let frontier = [x];
    while (frontier.length) {
      const candidates: number[] = [];
      const next: number[] = [];
      for (const cell of frontier) {
        for (const k of relationsOf[cell]!) {
          if (seenRelations.includes(k)) continue;
          seenRelations.push(k);
          for (const m of membersOf(k)) {
            if (seenCells.has(m)) continue;
            seenCells.add(m);
            (hidden[m] ? next : candidates).push(m);
          }
        }
      }
      if (candidates.length) return best(candidates, seenRelations);
      frontier = next;
    }
    return undefined;
  }

  /**
   * The quick rule first: no relation may have exactly one hidden cell that
   * is small or withheld beside shown cells.
   */
  function loneHiddenCells(): boolean {
    let any = false;
    for (let changed = true; changed; ) {
      changed = false;
      relations.forEach((_r, k) => {
        const members = membersOf(k);
        const hiddenMembers = members.filter((i) => hidden[i]);
        if (hiddenMembers.length !== 1) return;
        const h = hiddenMembers[0]!;
        if (!sensitive[h] && labels[h] !== WITHHELD) return;
        const c = best(
          members.filter((i) => !hidden[i]),
          [k],
        );
        if (c === undefined) return;
        withhold(c);
        changed = any = true;
      });
    }
    return any;
  }

  for (let round = 0; round <= 2 * n + 1; round++) {
    loneHiddenCells();
    const exposed = [
      ...new Set([
        ...determinedCells(values, hidden, sensitive, relations),
        ...pinnedCells(values, hidden, sensitive, labels, relations),
      ]),
    ].sort((a, b) => a - b);
    if (!exposed.length) return labels;
    const touched = new Set<number>();
    let progress = false;
    for (const x of exposed) {
      // One more withheld cell can protect several exposed cells of the same relations: check again first.
      if (relationsOf[x]!.some((k) => touched.has(k))) continue;
      const c = complementFor(x);
      if (c !== undefined) {
        withhold(c);
        for (const k of [...relationsOf[x]!, ...relationsOf[c]!]) touched.add(k);
        progress = true;
        continue;
      }
      // Nothing shown is left to withhold: widen a 'fewer than 5' beside it (or itself) to 'withheld'.
      const beside = [x, ...relationsOf[x]!.flatMap(membersOf)].find((i) => labels[i] === FEWER_THAN_5);
      if (beside !== undefined) {
        labels[beside] = WITHHELD;
        for (const k of relationsOf[x]!) touched.add(k);
        progress = true;
      }
    }
    if (!progress)
      throw new Error('Small numbers could not be protected: a relation of the figures leaves nothing to withhold');
  }
  throw new Error('Small-number suppression did not settle');
}

/**
 * Sensitive hidden cells that the shown cells determine exactly through the
 * relations (linear algebra over the hidden cells).
 */
function determinedCells(
  values: readonly number[],
  hidden: readonly boolean[],
  sensitive: readonly boolean[],
  relations: readonly Relation[],
): number[] {
  // Hidden cells linked by relations form components; each is solved apart.
  const parent = values.map((_v, i) => i);
  const find = (i: number): number => {
    if (parent[i] !== i) parent[i] = find(parent[i]!);
    return parent[i]!;
  };
  const equations: { k: number; members: number[] }[] = [];
  relations.forEach((r, k) => {
    const members = [r.total, ...r.parts].filter((i) => hidden[i]);
    if (!members.length) return;
    equations.push({ k, members });
    for (const m of members.slice(1)) parent[find(m)] = find(members[0]!);
  });
  const byComponent = new Map<number, number[]>();
  for (const { k, members } of equations) {
    const root = find(members[0]!);
    byComponent.set(root, [...(byComponent.get(root) ?? []), k]);
  }
  const determined: number[] = [];
  for (const ks of byComponent.values()) {
    const variables = [
      ...new Set(ks.flatMap((k) => [relations[k]!.total, ...relations[k]!.parts]).filter((i) => hidden[i])),
    ];
    if (!variables.some((v) => sensitive[v])) continue;
    const column = new Map(variables.map((v, j) => [v, j]));
    // total − Σ parts = 0, the shown cells moved to the other side: only the hidden cells' coefficients matter.
    const matrix = ks.map((k) => {
      const row = new Array<number>(variables.length).fill(0);
      const { total, parts } = relations[k]!;
      if (hidden[total]) row[column.get(total)!]! += 1;
      for (const p of parts) if (hidden[p]) row[column.get(p)!]! -= 1;
      return row;
    });
    for (const [j, pivotRow] of reducedRowEchelon(matrix)) {
      const v = variables[j]!;
      if (sensitive[v] && pivotRow.every((x, c) => c === j || Math.abs(x) < EPSILON)) determined.push(v);
    }
  }
  return determined;
}

/** Reduced row echelon form with partial pivoting: for each pivot column, its row (pivot 1). */
function reducedRowEchelon(matrix: number[][]): Map<number, number[]> {
  const rows = matrix.map((r) => [...r]);
  const width = rows[0]?.length ?? 0;
  const pivots = new Map<number, number[]>();
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < EPSILON) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const scale = pivot[c]!;
    for (let j = 0; j < width; j++) pivot[j]! /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) < EPSILON) continue;
      const row = rows[i]!;
      for (let j = 0; j < width; j++) row[j]! -= f * pivot[j]!;
    }
    pivots.set(c, pivot);
    r++;
  }
  return pivots;
}

/** Sensitive hidden cells whose bounds, as a reader can narrow them relation by relation, leave one value. */
function pinnedCells(
  values: readonly number[],
  hidden: readonly boolean[],
  sensitive: readonly boolean[],
  labels: readonly (SuppressedCount | undefined)[],
  relations: readonly Relation[],
): number[] {
  const lo = values.map((v, i) => (!hidden[i] ? v : labels[i] === FEWER_THAN_5 ? 1 : 0));
  const hi = values.map((v, i) => (!hidden[i] ? v : labels[i] === FEWER_THAN_5 ? 4 : Infinity));
  // The sum of the other parts' upper bounds, where some may be unbounded.
  const upperWithout = (parts: readonly number[], p: number) => {
    let sum = 0;
    for (const q of parts) if (q !== p) sum += hi[q]!;
    return sum;
  };
  for (let pass = 0, changed = true; changed && pass < 100; pass++) {
    changed = false;
    const narrow = (i: number, low: number, high: number) => {
      const l = Math.max(lo[i]!, Math.ceil(low - EPSILON));
      const h = Math.min(hi[i]!, Math.floor(high + EPSILON));
      if (l > lo[i]! || h < hi[i]!) {
        lo[i] = l;
        hi[i] = h;
        changed = true;
      }
    };
    for (const { total, parts } of relations) {
      narrow(
        total,
        parts.reduce((s, p) => s + lo[p]!, 0),
        parts.reduce((s, p) => s + hi[p]!, 0),
      );
      const sumLo = parts.reduce((s, p) => s + lo[p]!, 0);
      for (const p of parts) narrow(p, lo[total]! - upperWithout(parts, p), hi[total]! - (sumLo - lo[p]!));
    }
  }
  return values.map((_v, i) => i).filter((i) => hidden[i] && sensitive[i] && lo[i] === hi[i]);
}
