/**
 * Figures by council and for the partnership: the same figures drafted for each council's cases and for
 * all of them, on one count sheet, with every partnership count declared as the sum of the councils'
 * counts at the same place. The one suppression step (./suppression.ts) then protects the partnership's
 * figure minus the other councils' exactly as it protects a total minus its other parts: a council's 1 to 4
 * is never given back by subtraction, so when exactly one council's count is 'fewer than 5' another
 * council's count (the next smallest) is 'withheld' beside it (complementary suppression), numerators and
 * denominators of shares alike. Every level is suppressed together, whichever level a reader is given, so
 * the figures one reader sees and another reader sees are the same figures.
 *
 * A case counts for one council (so the councils add up to the partnership): the council that opened it,
 * else the first council on it. Cases with no council on them (a crisis presentation opened by a health
 * provider with no council named yet) are a level of their own, `NO_COUNCIL`, suppressed as if a reader
 * saw it too (it is shown only to those who see every council).
 *
 * Written by hand: pairing the cells of drafts of the same shape is particular to these drafts.
 *
 * Pure: records and drafts in; relations on the sheet out.
 */
import { type AccessFacts, councilsOf, organisationKindOf } from '../process/access';
import type { CaseRecord } from '../process/model';
import { Cell, type CountSheet, type Draft, ShareFigure, TableDraft, ValueFigure } from './suppression';

/** The level of cases no council is on. */
export const NO_COUNCIL = 'no-council';
export const NO_COUNCIL_WORDS = 'Cases with no council on them';

/** A level a figure reader may choose: a council, or the cases with no council on them. */
export type CouncilLevel = {
  id: string;
  name: string;
};

/** The council a case's figures count for (one, so that the councils add up to the partnership). */
export function councilForFigures(
  record: Pick<CaseRecord, 'organisation' | 'organisations'>,
  facts: AccessFacts,
): string {
  return councilsOf(record, facts)[0] ?? NO_COUNCIL;
}

/** The partnership's councils, in the directory's order. */
export function councilsOfPartnership(facts: AccessFacts): CouncilLevel[] {
  return facts.partnership.organisations.filter((o) => o.kind === 'council').map((o) => ({ id: o.id, name: o.name }));
}

/**
 * The councils whose figures a person may read beside the partnership's (which everyone who reads figures
 * reads: it is suppressed as every council's is). A council's staff: their own council. An ICB's or a
 * health provider's: the councils it serves where the directory names them (`councils`), else every
 * council of the partnership, and the cases with no council on them. The partnership administrator: every
 * council and those cases. Anyone else (a police force, a school): none.
 */
export function councilsReadableBy(
  actor: { role: string; organisation: string; schoolUrn?: string },
  facts: AccessFacts,
): CouncilLevel[] {
  const all = councilsOfPartnership(facts);
  const everything = [...all, { id: NO_COUNCIL, name: NO_COUNCIL_WORDS }];
  if (actor.role === 'partnership-administrator') return everything;
  switch (organisationKindOf(actor, facts)) {
    case 'council':
      return all.filter((c) => c.id === actor.organisation);
    case 'icb':
    case 'healthProvider': {
      // Read defensively: the directory may name the councils an ICB or provider serves (`councils`).
      const organisation = facts.partnership.organisations.find((o) => o.id === actor.organisation) as
        | { councils?: unknown }
        | undefined;
      const served = organisation?.councils;
      if (Array.isArray(served)) return all.filter((c) => served.includes(c.id));
      return everything;
    }
    default:
      return [];
  }
}

/** Each level's records: every council and the cases with no council (each empty where it has none). */
export function recordsByCouncil<R extends Pick<CaseRecord, 'organisation' | 'organisations'>>(
  records: readonly R[],
  facts: AccessFacts,
): Map<string, R[]> {
  const levels = new Map<string, R[]>(
    [...councilsOfPartnership(facts).map((c) => c.id), NO_COUNCIL].map((id) => [id, []]),
  );
  for (const record of records) {
    const level = councilForFigures(record, facts);
    const list = levels.get(level) ?? [];
    list.push(record);
    levels.set(level, list);
  }
  return levels;
}

type Linked = { cells: Map<string, Cell>; values: Map<string, ValueFigure> };

/** The labels of a row or an element (its strings, booleans and nulls): what names it across drafts. */
function labelKey(value: object): string {
  const labels = Object.entries(value)
    .filter(([, v]) => v === null || typeof v === 'string' || typeof v === 'boolean')
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(labels);
}

/** Every count and total of values in a draft, by where it stands (labels name rows, not their order). */
function placesOf(draft: Draft): Linked {
  const out: Linked = { cells: new Map(), values: new Map() };
  const visit = (value: unknown, path: string) => {
    if (value instanceof Cell) out.cells.set(path, value);
    else if (value instanceof ShareFigure) {
      visit(value.numerator, `${path}/numerator`);
      visit(value.denominator, `${path}/denominator`);
    } else if (value instanceof ValueFigure) {
      if (value.kind === 'total') out.values.set(path, value);
    } else if (value instanceof TableDraft) {
      elements(value.rows, `${path}/rows`);
      if (value.total) visit(value.total, `${path}/total`);
    } else if (Array.isArray(value)) elements(value, path);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
  };
  const elements = (list: readonly unknown[], path: string) => {
    const seen = new Map<string, number>();
    for (const [i, e] of list.entries()) {
      const key = e && typeof e === 'object' && !(e instanceof Cell) ? labelKey(e) : String(i);
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      visit(e, `${path}[${key}#${n}]`);
    }
  };
  visit(draft, '');
  return out;
}

/**
 * Declares every count of the partnership's draft the sum of the same place's counts in the councils'
 * drafts (a place a council's draft does not have is a 0 the reader can see: no row), and every total of
 * values (hours) likewise. The drafts must be of the same figures on the same sheet.
 */
export function linkLevels(sheet: CountSheet, partnership: Draft, councils: readonly Draft[]): void {
  const whole = placesOf(partnership);
  const parts = councils.map(placesOf);
  for (const part of parts)
    for (const path of [...part.cells.keys(), ...part.values.keys()])
      if (!whole.cells.has(path) && !whole.values.has(path))
        throw new Error(`A council's figure at ${path} has no partnership figure beside it`);
  const declared = new Set<string>();
  for (const [path, total] of whole.cells) {
    const partCells = parts.flatMap((p) => (p.cells.has(path) ? [p.cells.get(path)!] : []));
    const key = [total.index, ...partCells.map((c) => c.index)].join(',');
    if (declared.has(key)) continue;
    declared.add(key);
    sheet.adds(total, partCells);
  }
  for (const [path, total] of whole.values) {
    sheet.addsValues(
      total,
      parts.flatMap((p) => (p.values.has(path) ? [p.values.get(path)!] : [])),
    );
  }
}
