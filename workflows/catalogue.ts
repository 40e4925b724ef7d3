/**
 * Every process RightTime runs, in full: each version's contract and its rules. The rules step, the
 * notifier, infra and the local runtime read this list; the API and the pages read the contracts alone
 * (workflows/contracts.ts: the same processes and versions, in the same order), so no rule is in the
 * API's bundle.
 */
import { eventsWithoutHandlers, type ProcessDefinition } from '#core/process/definition';
import { catalogueOf as catalogueOfContracts, type Catalogue as CatalogueOf } from './contracts';
import { initialHealthAssessment } from './initial-health-assessment/definition';
import { operationEncompass } from './operation-encompass/definition';
import { crisisEscalation } from './crisis-escalation/definition';
import { familyHelp, supportingFamilies } from './supporting-families/definition';

export { checkPartnership, versionOf } from './contracts';

/** Every version of every process in full (see workflows/contracts.ts for what each part answers). */
export type Catalogue = CatalogueOf<ProcessDefinition>;

/** A catalogue of full definitions: each must have a rule for every one of its events. */
export function catalogueOf(definitions: readonly ProcessDefinition[]): Catalogue {
  for (const d of definitions) {
    const missing = eventsWithoutHandlers(d);
    if (missing.length) throw new Error(`${d.id} version ${d.version ?? 1}: no rule for ${missing.join(', ')}`);
  }
  return catalogueOfContracts(definitions);
}

export const processCatalogue: Catalogue = catalogueOf([initialHealthAssessment, operationEncompass, crisisEscalation, supportingFamilies, familyHelp]);

/** The newest version of each process. */
export const catalogue: readonly ProcessDefinition[] = processCatalogue.processes;

export function processById(id: string, version?: number): ProcessDefinition | undefined {
  return processCatalogue.byId(id, version);
}

/** The process a case belongs to, from its id (case ids start with the process's case prefix). */
export function processOfCase(caseId: string): ProcessDefinition | undefined {
  return processCatalogue.ofCaseId(caseId);
}
