/**
 * A catalogue of processes by id and version, how a process folder's parts make its versions, and the
 * check of a partnership's configuration against a catalogue: the same for the API's catalogue
 * (contracts and views: workflows/contracts.ts), the rules step's (contracts and rules:
 * workflows/runnable.ts) and the full one (workflows/catalogue.ts), all made from the one list of
 * processes (workflows/processes.ts).
 */

import { londonDateOf } from '../calendar';
import {
  effectiveClocks,
  type PartnershipConfig,
  PartnershipConfigError,
  parsePartnership,
  processSettings,
} from '../partnership/config';
import * as z from '../schema/zod';
import {
  eventsWithoutHandlers,
  type ProcessContract,
  type ProcessDefinition,
  type ProcessParts,
  type ProcessRules,
  type ReadableProcess,
  type RunnableProcess,
} from './definition';

/** Each version of a process as the API and the pages read it: its contract and its views. */
export function readableVersions<D>(parts: Pick<ProcessParts<D>, 'contracts' | 'views'>): ReadableProcess<D>[] {
  return parts.contracts.map((contract) => ({ ...contract, ...parts.views }));
}

/** The rules of one version of a process; a version without rules is a mistake in its folder. */
function rulesOf<D>(parts: Pick<ProcessParts<D>, 'rules'>, contract: ProcessContract<D>): ProcessRules<D> {
  const rules = parts.rules[versionOf(contract)];
  if (!rules) throw new Error(`${contract.id} version ${versionOf(contract)}: its folder exports no rules for it`);
  return rules;
}

/** Each version of a process as the rules step runs it: its contract and its rules. */
export function runnableVersions<D>(parts: Pick<ProcessParts<D>, 'contracts' | 'rules'>): RunnableProcess<D>[] {
  return parts.contracts.map((contract) => ({ ...contract, ...rulesOf(parts, contract) }));
}

/** The versions made in full from each folder's parts, so the same parts give the same definitions (by identity). */
const definitionsMade = new WeakMap<ProcessParts, readonly ProcessDefinition[]>();

/** Each version of a process in full: its contract, its views and its rules (infra, the local runtime, tests). */
export function definitionsOf<D>(parts: ProcessParts<D>): readonly ProcessDefinition<D>[] {
  const made =
    definitionsMade.get(parts) ??
    parts.contracts.map((contract) => ({ ...contract, ...parts.views, ...rulesOf(parts, contract) }));
  definitionsMade.set(parts, made);
  return made;
}

/** One version of a process in full: the version given, or the newest. */
export function definitionOf<D>(parts: ProcessParts<D>, version?: number): ProcessDefinition<D> {
  const all = definitionsOf(parts);
  const found = version === undefined ? all.at(-1) : all.find((d) => versionOf(d) === version);
  if (!found) throw new Error(`No version ${version ?? ''} among ${all.map((d) => `${d.id}@${versionOf(d)}`)}`);
  return found;
}

/**
 * Every version of every process. A case records the version it opened under (definitionVersion) and
 * keeps its rules; the newest version of a process opens new cases. Two versions of one process live
 * side by side here (same id, same case prefix: they run on the process's one state machine).
 */
export interface Catalogue<P extends ProcessContract = ProcessContract> {
  /** The newest version of each process, in catalogue order: what opens cases and what infra builds. */
  readonly processes: readonly P[];
  /** A process by id: the given version (undefined when there is no such version), or the newest. */
  byId(id: string, version?: number): P | undefined;
  /** The rules a case lives by: its process at the version it opened under (a case without one is version 1). */
  forCase(record: { process: string; definitionVersion?: number }): P | undefined;
  /**
   * The newest version of the process a case belongs to, from its id (case
   * ids start with the process's case prefix).
   */
  ofCaseId(caseId: string): P | undefined;
  /**
   * The version that opens a new case: the newest version in force in this partnership (inForceFrom) on
   * the day the opening is about (the newest version's openingDay of the payload, else the day of `now`).
   * A day before every version's start opens under the oldest.
   */
  forOpening(id: string, payload: unknown, partnership: PartnershipConfig, now: Date): P | undefined;
}

/** A definition's version (absent: 1). */
export const versionOf = (definition: Pick<ProcessContract, 'version'>): number => definition.version ?? 1;

/**
 * A catalogue of these processes (every version of each). A version with rules (the rules step's, or in
 * full) must have a rule for every one of its events.
 */
export function catalogueOf<P extends ProcessContract>(definitions: readonly P[]): Catalogue<P> {
  const versions = new Map<string, P[]>();
  for (const d of definitions) {
    if ('handlers' in d) {
      const missing = eventsWithoutHandlers(d as ProcessContract as RunnableProcess);
      if (missing.length) throw new Error(`${d.id} version ${d.version ?? 1}: no rule for ${missing.join(', ')}`);
    }
    const version = versionOf(d);
    if (!Number.isInteger(version) || version < 1)
      throw new Error(`${d.id}: version must be a whole number from 1 (got ${version})`);
    const list = versions.get(d.id) ?? [];
    if (list.some((v) => versionOf(v) === version))
      throw new Error(`${d.id}: version ${version} is in the catalogue twice`);
    if (list.some((v) => v.casePrefix !== d.casePrefix))
      throw new Error(`${d.id}: every version must keep the case prefix ${list[0]!.casePrefix}`);
    versions.set(
      d.id,
      [...list, d].sort((a, b) => versionOf(a) - versionOf(b)),
    );
  }
  const processes = [...versions.values()].map((list) => list.at(-1)!);
  const byId = (id: string, version?: number) => {
    const list = versions.get(id);
    return version === undefined ? list?.at(-1) : list?.find((d) => versionOf(d) === version);
  };
  return {
    processes,
    byId,
    forCase: (record) => byId(record.process, record.definitionVersion ?? 1),
    ofCaseId: (caseId) => processes.find((p) => caseId.startsWith(`${p.casePrefix.toLowerCase()}-`)),
    forOpening(id, payload, partnership, now) {
      const list = versions.get(id);
      if (!list) return undefined;
      const day = list.at(-1)!.openingDay?.(payload) ?? londonDateOf(now);
      const inForce = (d: P) => {
        const from = d.inForceFrom?.(partnership);
        return from === undefined || from <= day; // YYYY-MM-DD strings compare as dates
      };
      return [...list].reverse().find(inForce) ?? list[0];
    },
  };
}

/** A process that declares no settings schema takes none. */
const noSettings = z.strictObject({});

/**
 * checkPartnership for a function that runs some of the processes only (each process's rules step, the
 * file imports': infra/handler-function.ts): the overrides of the processes it runs, checked as
 * checkPartnership checks them; those of the others are left to the functions that run them (the API's
 * checks every process's, a misspelt id included).
 */
export function checkPartnershipOf(processes: Catalogue, partnership: PartnershipConfig): PartnershipConfig {
  const own = Object.entries(partnership.processes ?? {}).filter(([id]) => processes.byId(id));
  checkPartnership(processes, { ...partnership, processes: Object.fromEntries(own) });
  return partnership;
}

/**
 * Check a partnership's configuration against the processes that exist: an override for a process
 * that is not in the catalogue (a misspelt id) is an error, not silently ignored; and every process's
 * overrides must be valid. The configuration is checked afresh against its schema too (it may have
 * been changed since it was loaded), so no setting lengthens a statutory clock by any route: a longer
 * length, another kind or unit, its due checkpoint moved, closure days without an owner, its source,
 * owner or pausing changed. Each process's settings are parsed by its settings schema (a string
 * 'true' for a boolean, an unknown key, a time that is not HH:MM are refused). Every problem is
 * reported at once, each naming its key.
 */
export function checkPartnership(processes: Catalogue, partnership: PartnershipConfig): PartnershipConfig {
  const catalogue = processes.processes;
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
    if (!processes.byId(id))
      problems.push(`processes.${id}: there is no process '${id}' (known: ${catalogue.map((p) => p.id).join(', ')})`);
  }
  for (const p of catalogue)
    collect(() => effectiveClocks(p.id, p.clocks, { ...partnership, processes: partnership.processes ?? {} }));
  // Each process's settings by its own schema: a bad one is refused here, naming its key, not read as a default.
  for (const p of catalogue) collect(() => processSettings(p.id, p.settings ?? noSettings, partnership));
  // Then what a process checks against the rest of the configuration (its settings parse by now, or were named above).
  for (const p of catalogue) {
    if (!p.checkConfiguration) continue;
    collect(() => {
      const found = p.checkConfiguration!(partnership);
      if (found.length) throw new PartnershipConfigError(found);
    });
  }
  if (problems.length) throw new PartnershipConfigError([...new Set(problems)]);
  return partnership;
}
