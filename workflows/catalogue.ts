/** Every process RightTime runs. Infra, the local runtime, the API and the pages read this list. */
import type { ProcessDefinition } from '../functions/core/process/definition';
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
