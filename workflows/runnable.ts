/**
 * The processes as the rules step runs them: each version's contract and rules, no view (its build leaves
 * the views out: workflows/processes.ts, which lists the processes).
 */
import { type Catalogue, catalogueOf, runnableVersions } from '#core/process/catalogue';
import type { RunnableProcess } from '#core/process/definition';
import { processes } from './processes';

export const runnableCatalogue: Catalogue<RunnableProcess> = catalogueOf(processes.flatMap(runnableVersions));
