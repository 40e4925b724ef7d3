import { describe, expect, it } from 'vitest';
import { FEWER_THAN_5, suppressColumns, suppressCount, suppressGroup, suppressMedian, suppressShare, WITHHELD } from './suppression';

const F = FEWER_THAN_5;
const W = WITHHELD;

describe('primary suppression: a count on its own', () => {
  it.each([
    [0, 0],
    [1, F],
    [2, F],
    [3, F],
    [4, F],
    [5, 5],
    [120, 120],
  ] as const)('%d is shown as %s', (count, shown) => {
    // Act / Assess
    expect(suppressCount(count)).toBe(shown);
  });
});

describe('secondary suppression: cells that add up to a total shown elsewhere', () => {
  it.each([
    ['nothing small: all shown', [12, 7, 30], [12, 7, 30]],
    ['one small cell: the next smallest is withheld too, so the total does not reveal it', [12, 3, 7, 30], [12, F, W, 30]],
    ['one small cell beside zeros: the next smallest that is not 0 is withheld', [0, 2, 9, 6], [0, F, 9, W]],
    ['one small cell and only zeros beside it: a zero is withheld', [0, 4], [W, F]],
    ['two small cells: neither can be worked out from the total, nothing more is withheld', [2, 3, 40], [F, F, 40]],
    ['ties for the next smallest: the first is withheld', [1, 8, 8], [F, W, 8]],
    ['a single cell is the total itself: primary suppression only', [3], [F]],
    ['no cells', [], []],
  ] as const)('%s', (_case, counts, shown) => {
    // Act
    const result = suppressGroup(counts);
    // Assess
    expect(result).toEqual(shown);
    // In a group of several cells, never exactly one hidden: the total could reveal it by subtraction.
    if (counts.length > 1) expect(result.filter((s) => typeof s !== 'number').length).not.toBe(1);
  });
});

describe('a table suppressed group by group', () => {
  it('suppresses each count column within its group, and leaves other columns as they are', () => {
    // Prepare: two schools of authority 330 and one of 331 in the same month.
    const rows = [
      { month: '2027-02', la: '330', schoolUrn: '100001', notifications: 14, escalations: 2 },
      { month: '2027-02', la: '330', schoolUrn: '100002', notifications: 9, escalations: 6 },
      { month: '2027-02', la: '331', schoolUrn: '200001', notifications: 3, escalations: 0 },
    ];
    // Act
    const shown = suppressColumns(rows, ['notifications', 'escalations'], (r) => `${r.month}|${r.la}`);
    // Assess
    expect(shown).toEqual([
      { month: '2027-02', la: '330', schoolUrn: '100001', notifications: 14, escalations: F },
      { month: '2027-02', la: '330', schoolUrn: '100002', notifications: 9, escalations: W },
      { month: '2027-02', la: '331', schoolUrn: '200001', notifications: F, escalations: 0 },
    ]);
  });
});

describe('shares and medians drawn from few children', () => {
  it.each([
    ['a share of a count shown', 12, 20, 0.6],
    ['no notifications: no share', 0, 0, null],
    ['the denominator is small', 2, 3, W],
    ['the numerator is small', 3, 20, W],
    ['what it leaves out is small', 18, 20, W],
    ['all of them', 20, 20, 1],
    ['none of them', 0, 20, 0],
  ] as const)('%s', (_case, numerator, denominator, shown) => {
    // Act / Assess
    expect(suppressShare(numerator, denominator)).toBe(shown);
  });

  it('withholds a share whose denominator was withheld to protect another cell', () => {
    expect(suppressShare(10, 20, W)).toBe(W);
  });

  const median = (values: readonly number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : null);
  it.each([
    ['no values', [], null],
    ['one child', [42], W],
    ['four children', [1, 2, 3, 4], W],
    ['five children', [5, 1, 4, 2, 3], 3],
  ] as const)('a median of %s', (_case, values, shown) => {
    expect(suppressMedian(values, median)).toBe(shown);
  });
});
