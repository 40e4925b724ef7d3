/**
 * Supporting Families (version 1) and Family Help (version 2) in full: their contracts
 * (contract.ts), views (views.ts) and rules (rules.ts).
 */
import type { ProcessDefinition } from '#core/process/definition';
import { familyHelpContract, supportingFamiliesContract } from './contract';
import type { SfDetails } from './details';
import { processRulesV1, processRulesV2 } from './rules';
import { views } from './views';

export * from './contract';
export { REQUEST_MONTHS_BACK, SUSTAIN_CHECK_MONTHS, SUSTAIN_CHECK_TIME } from './rules';
export { supportingFamiliesFigures } from './views';

export const supportingFamilies: ProcessDefinition<SfDetails> = {
  ...supportingFamiliesContract,
  ...views,
  ...processRulesV1,
};
export const familyHelp: ProcessDefinition<SfDetails> = { ...familyHelpContract, ...views, ...processRulesV2 };
