/** Crisis escalation in full: its contract (contract.ts), views (views.ts) and rules (rules.ts). */
import type { ProcessDefinition } from '#core/process/definition';
import { crisisEscalationContract } from './contract';
import type { CrisisDetails } from './details';
import { processRules } from './rules';
import { views } from './views';

export * from './contract';
export { ADULT_SERVICES_FROM_AGE, PRESENTATION_DAYS_BACK } from './rules';

export const crisisEscalation: ProcessDefinition<CrisisDetails> = {
  ...crisisEscalationContract,
  ...views,
  ...processRules,
};
