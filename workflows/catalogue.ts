/**
 * The processes in full: each version's contract, views and rules, for infra (a state machine each), the
 * local runtime and the tests (workflows/processes.ts lists them). The Lambdas read narrower catalogues of
 * the same list: workflows/contracts.ts (the API, the pages) and workflows/runnable.ts (the rules step).
 */
import { type Catalogue, catalogueOf, definitionsOf } from '#core/process/catalogue';
import type { ProcessDefinition } from '#core/process/definition';
import { processes } from '#workflows/processes';

export const processCatalogue: Catalogue<ProcessDefinition> = catalogueOf(processes.flatMap(definitionsOf));

/** The newest version of each process. */
export const catalogue: readonly ProcessDefinition[] = processCatalogue.processes;
