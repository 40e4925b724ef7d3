/**
 * The processes as the API and the pages read them: each version's contract and views, no rule (their
 * builds leave the rules out: workflows/processes.ts, which lists the processes).
 */
import { type Catalogue, catalogueOf, readableVersions } from '#core/process/catalogue';
import type { ReadableProcess } from '#core/process/definition';
import { processes } from '#workflows/processes';

export const contractCatalogue: Catalogue<ReadableProcess> = catalogueOf(processes.flatMap(readableVersions));

/** The newest version of each process. */
export const contracts: readonly ReadableProcess[] = contractCatalogue.processes;
