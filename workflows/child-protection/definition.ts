/** Child protection in full: its contract (contract.ts), views (views.ts) and rules (rules.ts). */
import type { ProcessDefinition } from '#core/process/definition';
import { childProtectionContract } from './contract';
import type { CpDetails } from './details';
import { processRules } from './rules';
import { views } from './views';

export * from './contract';
export { REFERRAL_MONTHS_BACK } from './rules';
export { childProtectionFigures } from './views';

export const childProtection: ProcessDefinition<CpDetails> = {
  ...childProtectionContract,
  ...views,
  ...processRules,
};
