/** What the route modules share: the runtime, the stores, the starter, lookups for the rules, and the audit. */
import { randomUUID } from 'node:crypto';
import { type Actor, auditIdentity } from '#core/identity/actor';
import type { Catalogue } from '#core/process/catalogue';
import { type ContextLookups, declaredLookups, type Lookup, type ReadableProcess } from '#core/process/definition';
import type { AuditEntry } from '#core/process/model';
import { snapshotOf } from '#core/schools/model';
import { contractCatalogue } from '#workflows/contracts';
import type { Runtime } from '../runtime';
import type { CaseStore } from '../store/reads';
import type { SchoolStore } from '../store/schools';
import type { StagingStore } from '../store/staging';
import type { ApiRequest } from './http';
import type { Result } from './responses';
import type { SchoolDirectory, SchoolImports } from './routes/schools';
import type { EventStarter } from './starter';

export interface ApiDependencies {
  runtime: Runtime;
  store: CaseStore;
  starter: EventStarter;
  /** Where requests are staged for their executions, and Idempotency-Keys remembered. */
  staging: StagingStore;
  /** How long to wait for an execution's outcome before answering 202. */
  waitMs?: number;
  /** The school directory: served at /schools, and looked up for the rules (a school's snapshot). */
  schools?: SchoolStore;
  /**
   * The school directory's file imports (./school-imports.ts), given only where they are served (the
   * imports' function, the pages, the local runtime), which hold the files' readers: without them an
   * import is not this function's.
   */
  schoolImports?: (directory: SchoolDirectory) => SchoolImports;
  /**
   * The figures' work (./figures.ts: the process's figures, the board's measures, the suppression step),
   * given only where the figures are served (their own function, the pages, the local runtime).
   */
  figures?: (ctx: ApiContext) => FigureReports;
  /**
   * Partner case systems (OAuth2 client credentials): app client id to the
   * organisation it acts for. None when absent.
   */
  machineClients?: Record<string, string>;
  /** Lookup adapters besides (or instead of) the built-in ones, by name (lookupAdapters). */
  lookupAdapters?: Record<string, LookupAdapter>;
}

/**
 * Builds one lookup for the rules from the API's stores; undefined when its store is absent (then the
 * lookup finds nothing). One per name: every process's events use the same adapter.
 */
export type LookupAdapter = (deps: ApiDependencies) => Lookup | undefined;

/**
 * The lookups the API offers the rules, by name. A new one is an adapter
 * here (or in ApiDependencies.lookupAdapters).
 */
export const lookupAdapters: Record<string, LookupAdapter> = {
  /**
   * A school's snapshot from the directory, by URN, with the dates of the term
   * calendar it follows when that was imported.
   */
  school: ({ schools }) =>
    schools &&
    (async (urn) => {
      const s = await schools.get(urn);
      return s ? { ...snapshotOf(s, await schools.getTermCalendar(s.termCalendarId)) } : undefined;
    }),
  /**
   * A case by its case code, as little as a link between two processes needs: its code, process, council
   * and whether it is open (child protection checks that a step-up names a Family Help episode of the same
   * council). Nothing about the child or family; the rules decide what the link may name.
   */
  caseByCode: ({ store }) =>
    store &&
    (async (code) => {
      const found = await store.getCase(code.trim().toLowerCase());
      return found
        ? { caseCode: found.caseCode, process: found.process, organisation: found.organisation, status: found.status }
        : undefined;
    }),
};

const findsNothing: Lookup = async () => undefined;

/**
 * The lookups registry: each adapter built once. Every lookup an event of the catalogue declares must
 * have an adapter, checked here so a missing one fails at start, not on someone's request.
 */
export function lookupsFor(
  deps: ApiDependencies,
  adapters: Record<string, LookupAdapter> = { ...lookupAdapters, ...deps.lookupAdapters },
): ContextLookups {
  const lookups: Record<string, Lookup> = {};
  for (const [name, adapter] of Object.entries(adapters)) lookups[name] = adapter(deps) ?? findsNothing;
  const missing = processesOf(deps).processes.flatMap((p) =>
    p.events.flatMap((e) =>
      declaredLookups(e.contextFor)
        .filter((n) => !lookups[n])
        .map((n) => `${p.id} ${e.type}: lookup '${n}'`),
    ),
  );
  if (missing.length) throw new Error(`Lookups with no adapter (add one to lookupAdapters): ${missing.join('; ')}`);
  return { school: findsNothing, ...lookups };
}

export type AuditWriter = (actor: Actor, action: AuditEntry['action'], what: string, caseId?: string) => Promise<void>;

/** Writes one audit entry: who, what, when, and the case if there is one. */
export function auditWriter(store: Pick<CaseStore, 'audit'>, clock: { now(): Date }): AuditWriter {
  return (actor, action, what, caseId) => {
    const at = clock.now().toISOString();
    return store.audit({
      auditId: randomUUID().replace(/-/g, '').slice(0, 16),
      at,
      actor: auditIdentity(actor),
      action,
      ...(caseId ? { caseId } : {}),
      what,
    });
  };
}

/** The figures' three answers (./figures.ts), behind the routes ./routes/figures.ts describes. */
export interface FigureReports {
  processFigures(request: ApiRequest): Promise<Result>;
  measures(request: ApiRequest): Promise<Result>;
  board(request: ApiRequest): Promise<Result>;
}

export interface ApiContext extends ApiDependencies {
  /** The processes the API reads (the runtime's catalogue, if it has one: a test's). */
  processes: Catalogue<ReadableProcess>;
  waitMs: number;
  audit: AuditWriter;
  lookups: ContextLookups;
}

/** The processes the API reads: the runtime's catalogue, if it has one (a test's), else the shipped contracts. */
function processesOf(deps: ApiDependencies): Catalogue<ReadableProcess> {
  return deps.runtime.catalogue ?? contractCatalogue;
}

export function apiContext(deps: ApiDependencies): ApiContext {
  return {
    ...deps,
    processes: processesOf(deps),
    waitMs: deps.waitMs ?? 4000,
    audit: auditWriter(deps.store, deps.runtime.clock),
    lookups: lookupsFor(deps),
  };
}
