/** What the route modules share: the runtime, the stores, the starter, lookups for the rules, and the audit. */
import { randomUUID } from 'node:crypto';
import { type Actor, auditIdentity } from '#core/identity/actor';
import { type ContextLookups, declaredLookups, type Lookup } from '#core/process/definition';
import type { AuditEntry } from '#core/process/model';
import { snapshotOf } from '#core/schools/model';
import { contractCatalogue } from '#workflows/contracts';
import type { Runtime } from '../runtime';
import type { CaseStore } from '../store/reads';
import type { SchoolStore } from '../store/schools';
import type { StagingStore } from '../store/staging';
import { problem, type Result } from './responses';
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
  const missing = (deps.runtime.catalogue ?? contractCatalogue).processes.flatMap((p) =>
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

export interface ApiContext extends ApiDependencies {
  waitMs: number;
  audit: AuditWriter;
  lookups: ContextLookups;
  /**
   * Refuse with 403 and audit the attempt: only where the answer reveals nothing about any record (a
   * role that may never use a route, whatever it names, e.g. figures or opening a case; an opening that
   * names another organisation where it must name the opener's own, with that field in `issues`).
   */
  refuse(
    actor: Actor,
    what: string,
    message: string,
    caseId?: string,
    issues?: { path: string; message: string }[],
  ): Promise<Result>;
  /**
   * Refuse something a person may not see (a case, an event, a school's record or notifications): audit
   * the attempt with its reason, and answer exactly as if it did not exist (`notFound` is that answer),
   * so a refusal never tells anyone the record is there.
   */
  refuseAsNotFound(actor: Actor, what: string, notFound: Result, caseId?: string): Promise<Result>;
}

export function apiContext(deps: ApiDependencies): ApiContext {
  const audit = auditWriter(deps.store, deps.runtime.clock);
  return {
    ...deps,
    waitMs: deps.waitMs ?? 4000,
    audit,
    lookups: lookupsFor(deps),
    async refuse(actor, what, message, caseId, issues = []) {
      await audit(actor, 'refused', what, caseId);
      return problem(403, 'notPermitted', message, issues);
    },
    async refuseAsNotFound(actor, what, notFound, caseId) {
      await audit(actor, 'refused', what, caseId);
      return notFound;
    },
  };
}
