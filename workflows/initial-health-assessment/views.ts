/**
 * Initial health assessment: what its figure readers see is the timeliness of its clocks, which every
 * process has (core/figures/timeliness.ts); no per-case row goes to them, and readers of a case see
 * every detail of it.
 */
import type { ProcessViews } from '#core/process/definition';
import type { IhaDetails } from './details';
import { expectedSteps } from './steps';

export const views: ProcessViews<IhaDetails> = {
  /** What is expected next on a case, as the rules would accept it (steps.ts). */
  expectedSteps,
};
