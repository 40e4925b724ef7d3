import { describe, expect, it } from 'vitest';
import {
  CountSheet,
  FEWER_THAN_5,
  isSuppressed,
  protect,
  type Relation,
  requireSuppressed,
  type Shown,
  suppressGrid,
  table,
  WITHHELD,
} from './suppression';

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
    // Prepare
    const sheet = new CountSheet();
    const cell = sheet.count(count);
    // Act / Assess
    expect(sheet.suppress().shown(cell)).toBe(shown);
  });
});

type GridCase = [
  string,
  number[][],
  { rows?: boolean; columns?: boolean },
  { cells: Shown[][]; rowTotals?: Shown[]; columnTotals?: Shown[]; grandTotal?: Shown },
];

describe('secondary suppression across a table: rows, columns and the totals shown', () => {
  it.each<GridCase>([
    [
      'nothing small: everything shown',
      [
        [12, 7],
        [30, 9],
      ],
      { rows: true, columns: true },
      {
        cells: [
          [12, 7],
          [30, 9],
        ],
        rowTotals: [19, 39],
        columnTotals: [42, 16],
        grandTotal: 58,
      },
    ],
    [
      'a row and a column each with one small cell: the rectangle of four is hidden, the totals stay',
      [
        [3, 10],
        [8, 20],
      ],
      { rows: true, columns: true },
      {
        cells: [
          [F, W],
          [W, W],
        ],
        rowTotals: [13, 28],
        columnTotals: [11, 30],
        grandTotal: 41,
      },
    ],
    [
      'column totals only: the small cell is recoverable through its column total, so the other cell of the column is withheld',
      [
        [3, 10],
        [8, 20],
      ],
      { columns: true },
      {
        cells: [
          [F, 10],
          [W, 20],
        ],
        columnTotals: [11, 30],
      },
    ],
    [
      'two small cells in a row protect each other in the row, but each column total would reveal its own: one more cell in each column',
      [
        [2, 3, 20],
        [9, 9, 9],
      ],
      { rows: true, columns: true },
      {
        cells: [
          [F, F, 20],
          [W, W, 9],
        ],
        rowTotals: [25, 27],
        columnTotals: [11, 12, 29],
        grandTotal: 52,
      },
    ],
    [
      'an all-zero row stays shown: 0 is about no child',
      [
        [0, 0, 0],
        [5, 6, 7],
      ],
      { rows: true, columns: true },
      {
        cells: [
          [0, 0, 0],
          [5, 6, 7],
        ],
        rowTotals: [0, 18],
        columnTotals: [5, 6, 7],
        grandTotal: 18,
      },
    ],
    [
      'one small cell beside zeros: the smallest part that is not 0 is withheld',
      [[0, 2, 9, 6]],
      { rows: true },
      { cells: [[0, F, 9, W]], rowTotals: [17] },
    ],
    [
      'a one-row table: the row total would reveal the small cell, so the next smallest cell is withheld',
      [[3, 12, 20]],
      { rows: true },
      { cells: [[F, W, 20]], rowTotals: [35] },
    ],
    [
      'a one-row table with its column totals (each the cell itself): they are suppressed with their cells',
      [[3, 12, 20]],
      { rows: true, columns: true },
      { cells: [[F, W, 20]], rowTotals: [35], columnTotals: [F, W, 20], grandTotal: 35 },
    ],
    [
      'a single small cell and its total: both fewer than 5, nothing to work out',
      [[3]],
      { rows: true },
      { cells: [[F]], rowTotals: [F] },
    ],
    [
      'the small number is the whole total: every cell of it is 0 or fewer than 5',
      [[2, 0, 0]],
      { rows: true },
      { cells: [[F, 0, 0]], rowTotals: [F] },
    ],
    [
      'no totals shown: primary suppression only',
      [
        [3, 12],
        [1, 40],
      ],
      {},
      {
        cells: [
          [F, 12],
          [F, 40],
        ],
      },
    ],
  ])('%s', (_name, cells, totals, expected) => {
    // Act
    const shown = suppressGrid(cells, totals);
    // Assess
    expect(shown).toEqual(expected);
  });

  it('four categories of 1 adding up to a total of fewer than 5 would each be known to be 1: one is shown as withheld instead', () => {
    // Prepare: 'fewer than 5' means 1 to 4, so four of them within a total of at most 4 are each 1.
    // Act
    const shown = suppressGrid([[1, 1, 1, 1]], { rows: true });
    // Assess
    expect(shown).toEqual({ cells: [[W, F, F, F]], rowTotals: [F] });
  });
});

describe('secondary suppression through several relations at once (the whole answer is one sheet)', () => {
  it('a small cell that no single relation reveals but three together do (a + b, b + c, a + c shown): a total is withheld', () => {
    // Prepare: cells a=3, b=6, c=7 and the three sums; a alone is small.
    const values = [3, 6, 7, 9, 13, 10];
    const relations: Relation[] = [
      { total: 3, parts: [0, 1] },
      { total: 4, parts: [1, 2] },
      { total: 5, parts: [0, 2] },
    ];
    // Act
    const labels = protect(
      values,
      values.map(() => true),
      relations,
    );
    // Assess: b and c are withheld beside a; then a = (a+b − (b+c) + (a+c)) / 2 would still be exact, so a sum is withheld too.
    expect(labels).toEqual([F, W, W, W, undefined, undefined]);
  });

  it('a count never shown still counts: a share of met within due reveals the missed, so a small missed is protected', () => {
    // Prepare: 9 due, 7 met within timescale: 2 missed, never shown as such.
    const sheet = new CountSheet();
    const due = sheet.count(9);
    const met = sheet.count(7);
    const share = sheet.share(met, due);
    // Act
    const s = sheet.suppress();
    const answer = s.resolve({ month: table([{ month: '2027-02', due, met, share }]) });
    // Assess
    expect(answer.month.rows).toEqual([{ month: '2027-02', due: 9, met: W, share: W }]);
  });

  it('a share is shown where its counts are', () => {
    const sheet = new CountSheet();
    const due = sheet.count(20);
    const met = sheet.count(15);
    const draft = { t: table([{ due, met, share: sheet.share(met, due) }]) };
    expect(sheet.suppress().resolve(draft).t.rows[0]).toEqual({ due: 20, met: 15, share: 0.75 });
  });

  it('a share with nothing to share is null', () => {
    const sheet = new CountSheet();
    const due = sheet.count(0);
    const met = sheet.count(0);
    const draft = { t: table([{ share: sheet.share(met, due) }]) };
    expect(sheet.suppress().resolve(draft).t.rows[0]).toEqual({ share: null });
  });

  it('a median or a total of values about children is withheld when drawn from 1 to 4 of them', () => {
    const sheet = new CountSheet();
    const draft = {
      t: table([
        { median: sheet.median([3, 5, 40]), total: sheet.sum([3, 5, 40]) },
        { median: sheet.median([3, 5, 40, 2, 10]), total: sheet.sum([3, 5, 40, 2, 10.04]) },
        { median: sheet.median([]), total: sheet.sum([]) },
      ]),
    };
    const resolved = sheet.suppress().resolve(draft);
    expect(resolved.t.rows).toEqual([
      { median: W, total: W },
      { median: 5, total: 60 },
      { median: null, total: null },
    ]);
  });
});

describe('totals of values about children (hours) across rows', () => {
  it.each([
    [
      'none withheld: the total is shown',
      [
        [10, 20, 30, 40, 50],
        [5, 6, 7, 8, 9],
      ],
      185,
    ],
    [
      'one row drawn from 1 to 4 children, withheld: the total would give it back, so it is withheld too',
      [[10, 20, 30, 40, 50], [5]],
      W,
    ],
    [
      'two rows withheld, drawn from 5 children together: the total is shown',
      [
        [10, 20],
        [1, 2, 3],
        [10, 20, 30, 40, 50],
      ],
      186,
    ],
    ['two rows withheld, drawn from 3 children together: withheld', [[10], [1, 2], [10, 20, 30, 40, 50]], W],
  ] as const)('%s', (_name, rows, expected) => {
    const sheet = new CountSheet();
    const parts = rows.map((r) => sheet.sum(r));
    const draft = { t: table([{ total: sheet.sumOf(parts) }]) };
    expect(sheet.suppress().resolve(draft).t.rows[0]!.total).toBe(expected);
  });
});

describe('the answer a figure reader receives', () => {
  it('says which columns are counts and which are shares or medians, rows and total alike, with groups as dotted paths', () => {
    // Prepare
    const sheet = new CountSheet();
    const a = sheet.count(7);
    const b = sheet.count(9);
    const rows = [{ month: '2027-01', requests: a, byChannel: { school: a, police: sheet.count(0) } }];
    const draft = {
      process: 'p',
      requests: table(rows, {
        month: 'all',
        requests: sheet.totalOf([a]),
        byChannel: { school: b, police: sheet.count(0) },
      }),
      days: sheet.constant(7),
    };
    // Act
    const answer = sheet.suppress().resolve(draft);
    // Assess
    expect(answer.requests.measures).toEqual({
      requests: 'count',
      'byChannel.school': 'count',
      'byChannel.police': 'count',
    });
    expect(answer.days).toBe(7);
    expect(JSON.parse(JSON.stringify(answer))).toEqual({
      process: 'p',
      days: 7,
      requests: {
        measures: answer.requests.measures,
        rows: [{ month: '2027-01', requests: 7, byChannel: { school: 7, police: 0 } }],
        total: { month: 'all', requests: 7, byChannel: { school: 9, police: 0 } },
      },
    });
  });

  it('is marked as suppressed (a mark JSON never carries); an object made by hand is refused', () => {
    const sheet = new CountSheet();
    const draft = { t: table([{ n: sheet.count(3) }]) };
    const answer = sheet.suppress().resolve(draft);
    expect(isSuppressed(answer)).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('suppressed');
    expect(requireSuppressed(answer)).toBe(answer);
    const forged = { t: { measures: { n: 'count' }, rows: [{ n: 3 }] } };
    expect(() => requireSuppressed(forged as never)).toThrow('must come out of the suppression step');
  });

  it('refuses a bare number where a count belongs, a relation that does not add up, a count declared unshown in an answer, and a count added after suppression', () => {
    const sheet = new CountSheet();
    const draft = { t: table([{ n: 3 as never }]) };
    expect(() => sheet.suppress().resolve(draft)).toThrow('A bare number in a figures answer');
    const other = new CountSheet();
    expect(() => other.adds(other.count(5), [other.count(2), other.count(2)])).toThrow(
      'A total of 5 declared as the sum of parts adding up to 4',
    );
    const third = new CountSheet();
    const hidden = third.unshown(2);
    const withHidden = { t: table([{ n: hidden }]) };
    expect(() => third.suppress().resolve(withHidden)).toThrow('A count declared unshown was put in a figures answer');
    expect(() => other.count(-1)).toThrow(RangeError);
    other.suppress();
    expect(() => other.count(1)).toThrow('no count can be added after');
  });
});
