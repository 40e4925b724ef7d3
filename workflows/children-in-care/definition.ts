/** Children in care, reviews and visits in full: its contract (contract.ts), views (views.ts) and rules (rules.ts). */
import type { ProcessDefinition } from '#core/process/definition';
import { childrenInCareContract } from './contract';
import type { CicDetails } from './details';
import { processRules } from './rules';
import { views } from './views';

export * from './contract';
export { ENTRY_MONTHS_BACK, nextVisitRule } from './rules';
export { childrenInCareFigures } from './views';

export const childrenInCare: ProcessDefinition<CicDetails> = {
  ...childrenInCareContract,
  ...views,
  ...processRules,
};
