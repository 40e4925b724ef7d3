/** Initial health assessment in full: its contract (contract.ts), views (views.ts) and rules (rules.ts). */
import type { ProcessDefinition } from '#core/process/definition';
import { initialHealthAssessmentContract } from './contract';
import type { IhaDetails } from './details';
import { processRules } from './rules';
import { views } from './views';

export * from './contract';
export { APPOINTMENT_MONTHS_AHEAD, ENTRY_MONTHS_BACK, nextReviewDue } from './rules';

export const initialHealthAssessment: ProcessDefinition<IhaDetails> = {
  ...initialHealthAssessmentContract,
  ...views,
  ...processRules,
};
