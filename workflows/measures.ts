/**
 * The measures catalogue: every board measure of every process, each defined once (name, definition,
 * numerator, denominator, source and citation, statutory or local) with the code that counts it from the
 * stored cases. The board (GET /board/{year}, /app/board/{year}, its CSV and PDF) counts through these; the
 * dashboards' clock figures count through the same definition of a clock's outcome
 * (core/measures/clock-outcomes.ts). No process's rules are reached from here.
 */
import type { ProcessMeasures } from '#core/measures/measure';
import { crisisEscalationMeasures } from './crisis-escalation/measures';
import { initialHealthAssessmentMeasures } from './initial-health-assessment/measures';
import { operationEncompassMeasures } from './operation-encompass/measures';
import { supportingFamiliesMeasures } from './supporting-families/measures';

/** In the order the board shows them. */
export const measuresCatalogue: readonly ProcessMeasures[] = [
  supportingFamiliesMeasures,
  initialHealthAssessmentMeasures,
  operationEncompassMeasures,
  crisisEscalationMeasures,
] as readonly ProcessMeasures[];

/** A process's measures, or undefined for a process the board does not report. */
export const measuresOf = (process: string): ProcessMeasures | undefined =>
  measuresCatalogue.find((m) => m.process === process);
