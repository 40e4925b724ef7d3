/**
 * The measures catalogue: every board measure of every process, each defined once (name, definition,
 * numerator, denominator, source and citation, statutory or local) with the code that counts it from the
 * stored cases. The board (GET /board/{year}, /app/board/{year}, its CSV and PDF) counts through these; the
 * dashboards' clock figures count through the same definition of a clock's outcome
 * (core/measures/clock-outcomes.ts). No process's rules are reached from here. Each process's measures are
 * its folder's (measures.ts, exported by its index.ts): the list of processes (./processes.ts) names them.
 */
import type { ProcessMeasures } from '#core/measures/measure';
import { processes } from '#workflows/processes';

/**
 * The order the board shows the processes in, as the board pack does: family support first. Presentation
 * only: a process not named here comes after these, in the list's order.
 */
const BOARD_ORDER = ['supporting-families', 'initial-health-assessment', 'operation-encompass', 'crisis-escalation'];

const place = (m: ProcessMeasures) => {
  const at = BOARD_ORDER.indexOf(m.process);
  return at === -1 ? BOARD_ORDER.length : at;
};

/** In the order the board shows them. */
export const measuresCatalogue: readonly ProcessMeasures[] = processes
  .flatMap((p) => (p.measures ? [p.measures] : []))
  .sort((a, b) => place(a) - place(b));

/** A process's measures, or undefined for a process the board does not report. */
export const measuresOf = (process: string): ProcessMeasures | undefined =>
  measuresCatalogue.find((m) => m.process === process);
