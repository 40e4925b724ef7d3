/**
 * The processes as the rules step runs them: each version's contract and rules, no view (its build leaves
 * the views out: workflows/processes.ts, which lists the processes). Each process's state machine has a
 * rules step of its own, whose build reads `#workflows/processes` as that one process
 * (infra/handler-function.ts processesAlone): so its bundle holds no other process, however many there are.
 */
import { type Catalogue, catalogueOf, runnableVersions } from '#core/process/catalogue';
import type { RunnableProcess } from '#core/process/definition';
import { processes } from '#workflows/processes';

export const runnableCatalogue: Catalogue<RunnableProcess> = catalogueOf(processes.flatMap(runnableVersions));
