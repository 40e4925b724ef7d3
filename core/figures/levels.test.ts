import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessFacts } from '../process/access';
import {
  councilForFigures,
  councilsReadableBy,
  linkLevels,
  NO_COUNCIL,
  NO_COUNCIL_WORDS,
  recordsByCouncil,
} from './levels';
import { type Cell, CountSheet, FEWER_THAN_5, type Shown, table, WITHHELD } from './suppression';

const F = FEWER_THAN_5;
const W = WITHHELD;

/** A partnership of two or three councils, an ICB serving some of them, a health provider, a police force. */
function partnership(councils: readonly string[], icbServes?: readonly string[]): AccessFacts {
  return {
    partnership: {
      processes: {},
      organisations: [
        ...councils.map((id) => ({ id, kind: 'council' as const, name: `${id} council`, mailboxes: {} })),
        {
          id: 'icb',
          kind: 'icb' as const,
          name: 'The ICB',
          mailboxes: {},
          ...(icbServes ? { councils: [...icbServes] } : {}),
        },
        { id: 'provider', kind: 'healthProvider' as const, name: 'The provider', mailboxes: {} },
        { id: 'police', kind: 'police' as const, name: 'The police', mailboxes: {} },
      ],
    } as unknown as AccessFacts['partnership'],
  };
}

/** A case as figures need it: who opened it, who is on it, and (for these tests) the month it counts in. */
interface TestCase {
  organisation: string;
  organisations: string[];
  month: number;
  met: boolean;
}

/** A small figures table for a level's cases: each month's due and met (a share), and the total row. */
function draftOf(sheet: CountSheet, cases: readonly TestCase[], months: number) {
  const due: Cell[] = [];
  const met: Cell[] = [];
  for (let m = 0; m < months; m++) {
    due.push(sheet.count(cases.filter((c) => c.month === m).length));
    met.push(sheet.count(cases.filter((c) => c.month === m && c.met).length));
  }
  const dueTotal = sheet.totalOf(due);
  const metTotal = sheet.totalOf(met);
  return {
    t: table(
      due.map((d, m) => ({ month: String(m), due: d, met: met[m]!, share: sheet.share(met[m]!, d) })),
      { month: 'all', due: dueTotal, met: metTotal, share: sheet.share(metTotal, dueTotal) },
    ),
  };
}

/** Every level's figures (the partnership and each council), linked on one sheet and suppressed once. */
function byLevel(facts: AccessFacts, cases: readonly TestCase[], months: number) {
  const sheet = new CountSheet();
  const whole = draftOf(sheet, cases, months);
  const groups = [...recordsByCouncil(cases, facts)];
  const parts = groups.map(([, of]) => draftOf(sheet, of, months));
  linkLevels(sheet, whole, parts);
  const s = sheet.suppress();
  return { partnership: s.resolve(whole), councils: new Map(groups.map(([id], i) => [id, s.resolve(parts[i]!)])) };
}

const casesOf = (counts: Record<string, number>, month = 0): TestCase[] =>
  Object.entries(counts).flatMap(([council, n]) =>
    Array.from({ length: n }, () => ({ organisation: council, organisations: [council], month, met: true })),
  );

describe("a case's council for figures", () => {
  const facts = partnership(['riverside-council', 'eastbrook-council']);

  it('is the council that opened it, else the first council on it, else none', () => {
    expect(councilForFigures({ organisation: 'eastbrook-council', organisations: ['riverside-council'] }, facts)).toBe(
      'eastbrook-council',
    );
    expect(
      councilForFigures(
        { organisation: 'provider', organisations: ['provider', 'riverside-council', 'eastbrook-council'] },
        facts,
      ),
    ).toBe('riverside-council');
    expect(councilForFigures({ organisation: 'police', organisations: ['police', 'provider'] }, facts)).toBe(
      NO_COUNCIL,
    );
  });

  it('puts every case in exactly one level, every council listed even with no case', () => {
    const cases = [
      { organisation: 'riverside-council', organisations: ['riverside-council'] },
      { organisation: 'provider', organisations: ['provider'] },
    ];
    const levels = recordsByCouncil(cases, facts);
    expect([...levels.keys()]).toEqual(['riverside-council', 'eastbrook-council', NO_COUNCIL]);
    expect(levels.get('eastbrook-council')).toEqual([]);
    expect([...levels.values()].flat()).toHaveLength(2);
  });
});

describe('who reads which council’s figures', () => {
  const councils = ['riverside-council', 'eastbrook-council', 'westmoor-council'];
  const ids = (levels: { id: string }[]) => levels.map((l) => l.id);

  it("a council's staff read their own council only (and the partnership's, which everyone reading figures reads)", () => {
    const facts = partnership(councils);
    expect(ids(councilsReadableBy({ role: 'commissioner', organisation: 'eastbrook-council' }, facts))).toEqual([
      'eastbrook-council',
    ]);
    expect(ids(councilsReadableBy({ role: 'service-manager', organisation: 'riverside-council' }, facts))).toEqual([
      'riverside-council',
    ]);
  });

  it('an ICB or health provider reads every council and the cases with no council, or the councils it serves where the directory names them', () => {
    expect(ids(councilsReadableBy({ role: 'commissioner', organisation: 'icb' }, partnership(councils)))).toEqual([
      ...councils,
      NO_COUNCIL,
    ]);
    expect(ids(councilsReadableBy({ role: 'crisis-chair', organisation: 'provider' }, partnership(councils)))).toEqual([
      ...councils,
      NO_COUNCIL,
    ]);
    const serving = partnership(councils, ['westmoor-council', 'riverside-council']);
    expect(ids(councilsReadableBy({ role: 'commissioner', organisation: 'icb' }, serving))).toEqual([
      'riverside-council',
      'westmoor-council',
    ]);
  });

  it('the partnership administrator reads every level; a police force or an organisation not in the directory none', () => {
    const facts = partnership(councils);
    const admin = councilsReadableBy({ role: 'partnership-administrator', organisation: 'riverside-council' }, facts);
    expect(admin).toContainEqual({ id: NO_COUNCIL, name: NO_COUNCIL_WORDS });
    expect(ids(admin)).toEqual([...councils, NO_COUNCIL]);
    expect(councilsReadableBy({ role: 'commissioner', organisation: 'police' }, facts)).toEqual([]);
    expect(councilsReadableBy({ role: 'commissioner', organisation: 'elsewhere' }, facts)).toEqual([]);
  });
});

describe('secondary suppression across councils (the partnership minus the other councils)', () => {
  const dueOf = (answer: { t: { rows: { due?: unknown }[] } }) => answer.t.rows[0]!.due;

  it('two councils: one council’s 1 to 4 makes the other council’s count withheld, the partnership’s shown', () => {
    const facts = partnership(['a', 'b']);
    const { partnership: p, councils } = byLevel(facts, casesOf({ a: 3, b: 20 }), 1);
    expect(dueOf(councils.get('a')!)).toBe(F);
    expect(dueOf(councils.get('b')!)).toBe(W);
    expect(dueOf(p)).toBe(23);
  });

  it('three councils: the next smallest council’s count is withheld, the largest and the partnership shown', () => {
    const facts = partnership(['a', 'b', 'c']);
    const { partnership: p, councils } = byLevel(facts, casesOf({ a: 2, b: 10, c: 30 }), 1);
    expect([...councils.entries()].map(([id, answer]) => [id, dueOf(answer)])).toEqual([
      ['a', F],
      ['b', W],
      ['c', 30],
      [NO_COUNCIL, 0],
    ]);
    expect(dueOf(p)).toBe(42);
  });

  it('two councils each 1 to 4: neither can be worked out, so nothing more is withheld', () => {
    const facts = partnership(['a', 'b', 'c']);
    const { partnership: p, councils } = byLevel(facts, casesOf({ a: 2, b: 3, c: 30 }), 1);
    expect([dueOf(councils.get('a')!), dueOf(councils.get('b')!), dueOf(councils.get('c')!), dueOf(p)]).toEqual([
      F,
      F,
      30,
      35,
    ]);
  });

  it('a share’s numerator like any count: a council’s small numerator withholds another council’s, and its share', () => {
    const facts = partnership(['a', 'b']);
    const cases = casesOf({ a: 20, b: 20 });
    // 3 of a's 20 met, 15 of b's.
    cases.forEach((c, i) => {
      c.met = c.organisation === 'a' ? i < 3 : i < 35;
    });
    const { partnership: p, councils } = byLevel(facts, cases, 1);
    expect(councils.get('a')!.t.rows[0]).toMatchObject({ due: 20, met: F, share: W });
    expect(councils.get('b')!.t.rows[0]).toMatchObject({ due: 20, met: W, share: W });
    expect(p.t.rows[0]).toMatchObject({ due: 40, met: 18, share: 0.45 });
  });

  it('a denominator like any count: a council’s small denominator withholds another council’s, and both shares', () => {
    const facts = partnership(['a', 'b']);
    const cases = casesOf({ a: 2, b: 30 });
    const { partnership: p, councils } = byLevel(facts, cases, 1);
    expect(councils.get('a')!.t.rows[0]).toMatchObject({ due: F, met: F, share: W });
    expect(councils.get('b')!.t.rows[0]).toMatchObject({ due: W, met: W, share: W });
    expect(p.t.rows[0]).toMatchObject({ due: 32, met: 32, share: 1 });
  });

  it('the cases with no council are a level of their own, protected as a council’s', () => {
    const facts = partnership(['a', 'b']);
    const cases = [
      ...casesOf({ a: 12, b: 15 }),
      ...Array.from({ length: 2 }, () => ({
        organisation: 'provider',
        organisations: ['provider'],
        month: 0,
        met: true,
      })),
    ];
    const { partnership: p, councils } = byLevel(facts, cases, 1);
    expect(dueOf(councils.get(NO_COUNCIL)!)).toBe(F);
    expect(dueOf(councils.get('a')!)).toBe(W);
    expect(dueOf(councils.get('b')!)).toBe(15);
    expect(dueOf(p)).toBe(29);
  });

  it('totals of values (hours) too: one council’s hours drawn from 1 to 4 young people withhold another’s', () => {
    const sheet = new CountSheet();
    const whole = { t: table([{ hours: sheet.sum([1, 2, 3, 4, 5, 6, 7, 8]) }]) };
    const a = { t: table([{ hours: sheet.sum([1, 2]) }]) };
    const b = { t: table([{ hours: sheet.sum([3, 4, 5, 6, 7, 8]) }]) };
    linkLevels(sheet, whole, [a, b]);
    const s = sheet.suppress();
    expect([s.resolve(a).t.rows[0]!.hours, s.resolve(b).t.rows[0]!.hours, s.resolve(whole).t.rows[0]!.hours]).toEqual([
      W,
      W,
      36,
    ]);
  });

  it('refuses drafts whose places do not match (a council figure with no partnership figure beside it)', () => {
    const sheet = new CountSheet();
    const whole = { t: table([{ month: '1', n: sheet.count(5) }]) };
    const a = { t: table([{ month: '2', n: sheet.count(5) }]) };
    expect(() => linkLevels(sheet, whole, [a])).toThrow('has no partnership figure beside it');
  });
});

describe('no 1 to 4 can be worked out by one subtraction, across councils or across months (property)', () => {
  /** The figures a reader of every level sees: value shown, or undefined where not a number. */
  const numberOrUndefined = (v: Shown | unknown) => (typeof v === 'number' ? v : undefined);

  it('holds for partnerships of two or three councils, cases spread over three months', () => {
    const councilIds = ['a', 'b', 'c'];
    const arbitraryCase = fc.record({
      council: fc.constantFrom('a', 'b', 'c', 'provider'),
      month: fc.integer({ min: 0, max: 2 }),
      met: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.array(arbitraryCase, { maxLength: 60 }), (n, drawn) => {
        const ids = councilIds.slice(0, n);
        const facts = partnership(ids);
        const cases = drawn.map((c) => {
          const organisation = c.council === 'provider' || ids.includes(c.council) ? c.council : 'provider';
          return { organisation, organisations: [organisation], month: c.month, met: c.met };
        });
        const { partnership: p, councils } = byLevel(facts, cases, 3);
        const levels = [...councils.values()];
        const truth = (level: string | undefined, row: number | 'all', col: 'due' | 'met') => {
          const of = cases.filter(
            (c) => (level === undefined || councilForFigures(c, facts) === level) && (row === 'all' || c.month === row),
          );
          return col === 'due' ? of.length : of.filter((c) => c.met).length;
        };
        const shownAt = (answer: typeof p, row: number | 'all', col: 'due' | 'met') =>
          numberOrUndefined(row === 'all' ? answer.t.total![col] : answer.t.rows[row]![col]);
        for (const row of [0, 1, 2, 'all'] as const)
          for (const col of ['due', 'met'] as const) {
            // Across councils: the partnership shown and every council but one shown gives that one back.
            const whole = shownAt(p, row, col);
            const hiddenLevels = [...councils.keys()].filter(
              (id) => shownAt(councils.get(id)!, row, col) === undefined,
            );
            if (whole !== undefined && hiddenLevels.length === 1)
              expect(truth(hiddenLevels[0], row, col)).not.toSatisfy((v: number) => v >= 1 && v <= 4);
            // A shown count is its true count, and never 1 to 4.
            for (const [id, answer] of councils) {
              const shown = shownAt(answer, row, col);
              if (shown !== undefined) expect(shown).toBe(truth(id, row, col));
              if (shown !== undefined) expect(shown === 0 || shown >= 5).toBe(true);
            }
          }
        // Across months, within each level: the year shown and every month but one shown gives that one back.
        for (const answer of [p, ...levels])
          for (const col of ['due', 'met'] as const) {
            const hiddenMonths = [0, 1, 2].filter((m) => shownAt(answer, m, col) === undefined);
            if (shownAt(answer, 'all', col) === undefined || hiddenMonths.length !== 1) continue;
            const level = answer === p ? undefined : [...councils.entries()].find(([, a]) => a === answer)![0];
            expect(truth(level, hiddenMonths[0]!, col)).not.toSatisfy((v: number) => v >= 1 && v <= 4);
          }
        // Within a month: due and met both shown never give a small 'not met' (shown numbers are true counts).
        for (const answer of [p, ...levels])
          for (const row of [0, 1, 2, 'all'] as const) {
            const [due, met] = [shownAt(answer, row, 'due'), shownAt(answer, row, 'met')];
            if (due !== undefined && met !== undefined) expect(due - met === 0 || due - met >= 5).toBe(true);
          }
      }),
      { numRuns: 200 },
    );
  });
});
