/**
 * Every process RightTime runs, as the rules step runs it: each version's contract and its rules, no
 * view, so no view is in the rules step's bundle. The API and the pages read workflows/contracts.ts
 * (contracts and views, no rule); infra, the local runtime and the tests read workflows/catalogue.ts
 * (each process's definition.ts: all three parts). The three list the same processes and versions in
 * the same order (workflows/catalogue.test.ts).
 */

import type { PartnershipConfig } from '#core/partnership/config';
import { type Catalogue, checkPartnershipAgainst, runnableCatalogueOf } from '#core/process/catalogue';
import type { RunnableProcess } from '#core/process/definition';
import { childProtectionContract } from './child-protection/contract';
import { processRules as childProtectionRules } from './child-protection/rules';
import { childrenInCareContract } from './children-in-care/contract';
import { processRules as childrenInCareRules } from './children-in-care/rules';
import { crisisEscalationContract } from './crisis-escalation/contract';
import { processRules as crisisEscalationRules } from './crisis-escalation/rules';
import { initialHealthAssessmentContract } from './initial-health-assessment/contract';
import { processRules as initialHealthAssessmentRules } from './initial-health-assessment/rules';
import { operationEncompassContract } from './operation-encompass/contract';
import { processRules as operationEncompassRules } from './operation-encompass/rules';
import { familyHelpContract, supportingFamiliesContract } from './supporting-families/contract';
import {
  processRulesV2 as familyHelpRules,
  processRulesV1 as supportingFamiliesRules,
} from './supporting-families/rules';

export const runnableCatalogue: Catalogue<RunnableProcess> = runnableCatalogueOf<RunnableProcess>([
  { ...initialHealthAssessmentContract, ...initialHealthAssessmentRules },
  { ...operationEncompassContract, ...operationEncompassRules },
  { ...crisisEscalationContract, ...crisisEscalationRules },
  { ...supportingFamiliesContract, ...supportingFamiliesRules },
  { ...familyHelpContract, ...familyHelpRules },
  { ...childProtectionContract, ...childProtectionRules },
  { ...childrenInCareContract, ...childrenInCareRules },
]);

/** The partnership's configuration checked against these processes (see checkPartnershipAgainst). */
export const checkPartnership = (partnership: PartnershipConfig): PartnershipConfig =>
  checkPartnershipAgainst(runnableCatalogue, partnership);
