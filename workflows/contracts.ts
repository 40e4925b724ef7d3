/**
 * Every process RightTime runs, as the API and the pages read it: each version's contract (its events,
 * schemas, roles, clocks, settings) and its views (what readers see, the figures), no rule. The API's
 * bundle reads this, so no process's rules are in it. The rules step reads workflows/runnable.ts
 * (contracts and rules), infra, the local runtime and the tests workflows/catalogue.ts (definitions in
 * full): the same processes and versions, in the same order (workflows/catalogue.test.ts).
 */

import type { PartnershipConfig } from '#core/partnership/config';
import { type Catalogue, catalogueOf, checkPartnershipAgainst } from '#core/process/catalogue';
import type { ReadableProcess } from '#core/process/definition';
import { childProtectionContract } from './child-protection/contract';
import { views as childProtectionViews } from './child-protection/views';
import { childrenInCareContract } from './children-in-care/contract';
import { views as childrenInCareViews } from './children-in-care/views';
import { crisisEscalationContract } from './crisis-escalation/contract';
import { views as crisisEscalationViews } from './crisis-escalation/views';
import { initialHealthAssessmentContract } from './initial-health-assessment/contract';
import { views as initialHealthAssessmentViews } from './initial-health-assessment/views';
import { operationEncompassContract } from './operation-encompass/contract';
import { views as operationEncompassViews } from './operation-encompass/views';
import { familyHelpContract, supportingFamiliesContract } from './supporting-families/contract';
import { views as supportingFamiliesViews } from './supporting-families/views';

export { type Catalogue, catalogueOf, versionOf } from '#core/process/catalogue';

export const contractCatalogue: Catalogue<ReadableProcess> = catalogueOf<ReadableProcess>([
  { ...initialHealthAssessmentContract, ...initialHealthAssessmentViews },
  { ...operationEncompassContract, ...operationEncompassViews },
  { ...crisisEscalationContract, ...crisisEscalationViews },
  { ...supportingFamiliesContract, ...supportingFamiliesViews },
  { ...familyHelpContract, ...supportingFamiliesViews },
  { ...childProtectionContract, ...childProtectionViews },
  { ...childrenInCareContract, ...childrenInCareViews },
]);

/** The newest version of each process. */
export const contracts: readonly ReadableProcess[] = contractCatalogue.processes;

/** The partnership's configuration checked against these processes (see checkPartnershipAgainst). */
export const checkPartnership = (partnership: PartnershipConfig): PartnershipConfig =>
  checkPartnershipAgainst(contractCatalogue, partnership);
