/** Operation Encompass in full: its contract (contract.ts), views (views.ts) and rules (rules.ts). */
import type { ProcessDefinition } from '#core/process/definition';
import { operationEncompassContract } from './contract';
import type { EncompassDetails } from './details';
import { processRules } from './rules';
import { views } from './views';

export * from './contract';
export { ATTENDANCE_DAYS_BACK, ageProblem, attendanceProblem } from './rules';

export const operationEncompass: ProcessDefinition<EncompassDetails> = {
  ...operationEncompassContract,
  ...views,
  ...processRules,
};
