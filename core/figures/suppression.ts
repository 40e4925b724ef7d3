/**
 * Small-number suppression for figures broken down below the partnership (by school, by local
 * authority, by month), as official statistics do it, so a count cannot point to a child:
 *
 * - primary: a count from 1 to 4 is shown as 'fewer than 5' (0 is shown: it is about no child);
 * - secondary: where cells add up to a total that is shown, a single suppressed cell could be worked
 *   out by subtraction, so the next smallest cell of that group is withheld too ('withheld');
 * - a share or a median drawn from fewer than 5 children (or leaving out fewer than 5) is withheld.
 *
 * Pure: numbers in, what may be shown out.
 */

export const FEWER_THAN_5 = 'fewer than 5';
/** A cell withheld so that a total does not reveal a small number (it may hold any count). */
export const WITHHELD = 'withheld';

export type Shown = number | typeof FEWER_THAN_5 | typeof WITHHELD;

/** 1 to 4: a count small enough to point to a child. */
export const isSmall = (count: number): boolean => count >= 1 && count <= 4;

/** One count on its own: 1 to 4 become 'fewer than 5'. */
export function suppressCount(count: number): Shown {
  return isSmall(count) ? FEWER_THAN_5 : count;
}

/**
 * A group of counts that add up to a total shown elsewhere (the schools of one authority in one month):
 * primary suppression, then, if exactly one cell is suppressed, the next smallest cell is withheld too,
 * preferring one that is not 0 (withholding a 0 beside a small number protects little). With two or
 * more suppressed cells, none can be worked out from the total alone.
 */
export function suppressGroup(counts: readonly number[]): Shown[] {
  const shown: Shown[] = counts.map(suppressCount);
  const suppressed = shown.filter((s) => typeof s !== 'number').length;
  if (suppressed !== 1 || counts.length < 2) return shown;
  const candidates = counts.map((count, i) => ({ count, i })).filter(({ i }) => typeof shown[i] === 'number');
  const nonZero = candidates.filter(({ count }) => count > 0);
  const pool = nonZero.length ? nonZero : candidates;
  const next = pool.reduce((a, b) => (b.count < a.count ? b : a));
  shown[next.i] = WITHHELD;
  return shown;
}

/**
 * A table's count columns, suppressed group by group: rows in the same group (by `groupOf`) add up to a
 * total shown elsewhere, so each column is a group of cells for `suppressGroup`.
 */
export function suppressColumns<Row extends Record<string, unknown>, Column extends keyof Row & string>(
  rows: readonly Row[],
  columns: readonly Column[],
  groupOf: (row: Row) => string,
): (Omit<Row, Column> & Record<Column, Shown>)[] {
  const out = rows.map((row) => ({ ...row })) as (Omit<Row, Column> & Record<Column, Shown>)[];
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = groupOf(row);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const members of groups.values()) {
    for (const column of columns) {
      const shown = suppressGroup(members.map((i) => rows[i]![column] as number));
      members.forEach((rowIndex, k) => {
        (out[rowIndex] as Record<string, Shown>)[column] = shown[k]!;
      });
    }
  }
  return out;
}

/**
 * A share (numerator of denominator, to 3 decimal places), withheld when the denominator is suppressed
 * or when the numerator, or what it leaves out, is 1 to 4: either would let the share reveal a small count.
 */
export function suppressShare(numerator: number, denominator: number, denominatorShown: Shown = suppressCount(denominator)): number | null | typeof WITHHELD {
  if (!denominator) return null;
  if (typeof denominatorShown !== 'number' || isSmall(numerator) || isSmall(denominator - numerator)) return WITHHELD;
  return +(numerator / denominator).toFixed(3);
}

/** A median of values about children, withheld when it is drawn from 1 to 4 of them. */
export function suppressMedian(values: readonly number[], median: (values: readonly number[]) => number | null): number | null | typeof WITHHELD {
  return isSmall(values.length) ? WITHHELD : median(values);
}
