/** Every process RightTime runs. Infra, the local runtime, the API and the pages read this list. */
import type { ProcessDefinition } from '#core/process/definition';
import { effectiveClocks, parsePartnership, PartnershipConfigError, type PartnershipConfig } from '#core/partnership/config';
import { initialHealthAssessment } from './initial-health-assessment/definition';
import { operationEncompass } from './operation-encompass/definition';

export const catalogue: readonly ProcessDefinition[] = [initialHealthAssessment, operationEncompass];

export function processById(id: string): ProcessDefinition | undefined {
  return catalogue.find((p) => p.id === id);
}

/** The process a case belongs to, from its id (case ids start with the process's case prefix). */
export function processOfCase(caseId: string): ProcessDefinition | undefined {
  return catalogue.find((p) => caseId.startsWith(`${p.casePrefix.toLowerCase()}-`));
}

/**
 * Check a partnership's configuration against the processes that exist: an override for a process
 * that is not in the catalogue (a misspelt id) is an error, not silently ignored; and every process's
 * overrides must be valid. The configuration is checked afresh against its schema too (it may have
 * been changed since it was loaded), so no setting lengthens a statutory clock by any route: a longer
 * length, another kind or unit, its due checkpoint moved, closure days without an owner, its source,
 * owner or pausing changed. Every problem is reported at once, each naming its key.
 */
export function checkPartnership(partnership: PartnershipConfig): PartnershipConfig {
  const problems: string[] = [];
  const collect = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (error instanceof PartnershipConfigError) problems.push(...error.problems);
      else throw error;
    }
  };
  collect(() => parsePartnership(partnership));
  for (const id of Object.keys(partnership.processes ?? {})) {
    if (!processById(id)) problems.push(`processes.${id}: there is no process '${id}' (known: ${catalogue.map((p) => p.id).join(', ')})`);
  }
  for (const p of catalogue) collect(() => effectiveClocks(p.id, p.clocks, { ...partnership, processes: partnership.processes ?? {} }));
  if (problems.length) throw new PartnershipConfigError([...new Set(problems)]);
  return partnership;
}
