/**
 * The simulator's own ledger: what it did, written as it acts, from its own instants and what the platform
 * told the person acting (a deadline shown on the case), never from the stored cases or the measures'
 * code. Each line says what one case counts for on the board ("closed within 16 weeks", "assessment late:
 * request to health sent late"), so the board's figures, counted from the stored cases, can be checked
 * against it exactly (test/simulation/). A journal in words says the same for a person to read.
 */
import { aggregate, type MeasureCount, type Occurrence } from '#core/measures/measure';
import { measuresOf } from '#workflows/measures';

export interface JournalLine {
  at: string;
  process: string;
  case: string;
  what: string;
}

export class Ledger {
  private readonly occurrences = new Map<string, Map<string, Occurrence[]>>();
  readonly journal: JournalLine[] = [];

  /** One thing a case counts for: a measure's occurrence in a London month. */
  count(process: string, measure: string, occurrence: Occurrence) {
    let byMeasure = this.occurrences.get(process);
    if (!byMeasure) {
      byMeasure = new Map();
      this.occurrences.set(process, byMeasure);
    }
    const list = byMeasure.get(measure) ?? [];
    list.push(occurrence);
    byMeasure.set(measure, list);
  }

  note(at: Date, process: string, caseKey: string, what: string) {
    this.journal.push({ at: at.toISOString(), process, case: caseKey, what });
  }

  /**
   * What the board should show for a process, before suppression, added up from the ledger's lines by the
   * board's own month-by-month arithmetic (core/measures/measure.ts aggregate). A measure the catalogue
   * counts but the ledger never saw counts 0; one the catalogue does not yet record stays so.
   */
  counts(process: string, years: readonly number[], now: Date): MeasureCount[] {
    const set = measuresOf(process);
    if (!set) throw new Error(`No measures for ${process}`);
    const mine = this.occurrences.get(process) ?? new Map<string, Occurrence[]>();
    const occurrences = new Map<string, Occurrence[]>();
    for (const m of set.measures) if (!m.notYetRecorded) occurrences.set(m.id, mine.get(m.id) ?? []);
    const unknown = [...mine.keys()].filter((id) => !set.measures.some((m) => m.id === id));
    if (unknown.length) throw new Error(`The ledger counts measures ${process} does not have: ${unknown.join(', ')}`);
    return aggregate(set, occurrences, years, now);
  }
}
