/**
 * Every process RightTime runs, in full: each version's definition (contract, views and rules). Infra,
 * the local runtime and the tests read this list. The Lambdas read narrower ones, so each bundle holds
 * what it uses: the API and the pages workflows/contracts.ts (contracts and views, no rule), the rules
 * step workflows/runnable.ts (contracts and rules, no view). The three list the same processes and
 * versions in the same order (workflows/catalogue.test.ts).
 */

import type { PartnershipConfig } from '#core/partnership/config';
import { type Catalogue as CatalogueOf, checkPartnershipAgainst, runnableCatalogueOf } from '#core/process/catalogue';
import type { ProcessDefinition, RunnableProcess } from '#core/process/definition';
import { childProtection } from './child-protection/definition';
import { childrenInCare } from './children-in-care/definition';
import { crisisEscalation } from './crisis-escalation/definition';
import { initialHealthAssessment } from './initial-health-assessment/definition';
import { operationEncompass } from './operation-encompass/definition';
import { familyHelp, supportingFamilies } from './supporting-families/definition';

export { versionOf } from '#core/process/catalogue';

/** A catalogue of definitions (every version of each process). */
export type Catalogue<P extends RunnableProcess = ProcessDefinition> = CatalogueOf<P>;

/**
 * A catalogue of full definitions (a test's, given to the runtime: the API reads their views, the rules step
 * their rules); each must have a rule for every one of its events.
 */
export function catalogueOf(definitions: readonly ProcessDefinition[]): Catalogue {
  return runnableCatalogueOf(definitions);
}

export const processCatalogue: Catalogue = catalogueOf([
  initialHealthAssessment,
  operationEncompass,
  crisisEscalation,
  supportingFamilies,
  familyHelp,
  childProtection,
  childrenInCare,
]);

/** The newest version of each process. */
export const catalogue: readonly ProcessDefinition[] = processCatalogue.processes;

export function processById(id: string, version?: number): ProcessDefinition | undefined {
  return processCatalogue.byId(id, version);
}

/** The process a case belongs to, from its id (case ids start with the process's case prefix). */
export function processOfCase(caseId: string): ProcessDefinition | undefined {
  return processCatalogue.ofCaseId(caseId);
}

/** The partnership's configuration checked against these processes (see checkPartnershipAgainst). */
export const checkPartnership = (partnership: PartnershipConfig): PartnershipConfig =>
  checkPartnershipAgainst(processCatalogue, partnership);
