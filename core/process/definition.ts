/**
 * What a process definition provides. A new process is one folder in workflows/ (its clocks, its events
 * each with its typed rule, its views, its settings schema, its messages; definition.ts assembles them)
 * plus its tests; the engine, API, runtime and infrastructure read it from the catalogue.
 */
import type { z } from 'zod';
import type { LocalDate } from '../calendar';
import type { ClockCalendars } from '../clocks/engine';
import type { ClockDefinition } from '../clocks/model';
import type { Actor, Role } from '../identity/actor';
import type { PartnershipConfig } from '../partnership/config';
import type { CaseChange } from './change';
import type { CaseRecord, ProcessEvent } from './model';

export interface EventSpec<P = any, Details = any> {
  type: string;
  title: string;
  /** zod schema of the payload; strict, so unknown fields are refused rather than stored. */
  schema: z.ZodType<P>;
  allowedRoles: readonly Role[];
  opensCase?: boolean;
  /**
   * May be recorded on a closed case (e.g. whether the outcomes lasted, six months after a closure);
   * any other event on a closed case is refused (409). The case stays closed.
   */
  onClosedCase?: boolean;
  /** Facts the API looks up and attaches to the event (e.g. the school named in it). */
  contextFor?(payload: P, lookups: ContextLookups): Promise<Record<string, unknown>>;
  /**
   * The event's rule: given its payload as the schema parsed it, change the case (an opening event
   * builds it). Throw RuleViolation to refuse the event. The engine dispatches to it by the event type.
   */
  handle(change: CaseChange<Details>, payload: P, event: ProcessEvent<P>): void;
}

/**
 * One event of a process with its own typed rule: the payload's type is the schema's output, so a
 * rule needs no cast. `defineEvent<Details>()({ type, schema, handle(change, payload) { ... } })`.
 */
export function defineEvent<Details>() {
  return <S extends z.ZodType>(
    spec: Omit<EventSpec<z.output<S>, Details>, 'schema'> & { schema: S },
  ): EventSpec<z.output<S>, Details> => spec as EventSpec<z.output<S>, Details>;
}

export interface Recipient {
  role: string;
  address: string;
}

export interface DecideContext {
  partnership: PartnershipConfig;
  /** The process's clocks with the partnership's overrides applied. */
  clocks: ClockDefinition[];
  calendars: ClockCalendars;
  /** The injected clock's reading when the event is applied. */
  now: Date;
  /** Secret used to derive pseudonymous case codes. */
  caseCodeKey: string;
}

export interface ProcessDefinition<Details = any> {
  id: string;
  /**
   * The version of the rules (from 1). A case keeps the version it opened under; a new version, beside
   * the old ones in the catalogue, applies to new cases only. Absent: 1.
   */
  version?: number;
  /**
   * The London day from which this version opens new cases in a partnership (e.g. read from its
   * settings: each partnership sets when Family Help replaces Supporting Families). Absent: from the
   * start. A new case gets the newest version in force on the day its opening is about (openingDay),
   * not simply the newest version; a case keeps its version for good.
   */
  inForceFrom?(partnership: PartnershipConfig): LocalDate | undefined;
  /**
   * The London day an opening event is about (e.g. the request's date), read from the payload as sent
   * (it may be anything: answer undefined for what is not a date). Default: the day it is received.
   */
  openingDay?(payload: unknown): LocalDate | undefined;
  title: string;
  /** Short prefix of case codes, e.g. 'IHA'. */
  casePrefix: string;
  clocks: ClockDefinition[];
  events: EventSpec<any, Details>[];
  /**
   * The zod schema of what a partnership may set for this process (`processes.<id>.settings`), parsed
   * when the runtime starts so a bad setting is refused naming its key. Default: no settings.
   */
  settings?: z.ZodType<Record<string, unknown>>;
  /**
   * Checks of the partnership's configuration for this process that need more than its settings schema
   * (e.g. that a member's organisation is in the directory), run at start after the settings parsed:
   * the problems found, each naming its key. Default: none.
   */
  checkConfiguration?(partnership: PartnershipConfig): string[];
  /** Roles that may read a case of this process (and only for organisations named on the case). */
  readerRoles: readonly Role[];
  /** The case id for an opening event, derived from the payload so the same child is not opened twice. */
  caseKeyOf(payload: any, actorOrganisation: string): string;
  /** A checkpoint was reached (after the engine moved the clock and alerted its recipients). */
  onCheckpoint?(change: CaseChange<Details>, clockId: string, checkpointId: string): void;
  /** A case-level timer (not a clock checkpoint) fell due. */
  onCaseTimer?(change: CaseChange<Details>, checkpointId: string): void;
  /** Named conditions a checkpoint may be skipped on (`unlessCase`). */
  conditions: Record<string, (record: CaseRecord<Details>) => boolean>;
  /** Resolve a recipient role to addresses from the case and the partnership directory. */
  recipients(role: string, record: CaseRecord<Details>, partnership: PartnershipConfig): Recipient[];
  /** The pseudonymous figures a commissioner may see for one case. */
  commissionerView(record: CaseRecord<Details>): Record<string, unknown>;
  /** Figures across cases (default: counts of clock states and each case's commissioner view). */
  figures?(records: CaseRecord<Details>[], now: Date): Record<string, unknown>;
  /** Words messages of this process may use, e.g. {school} (never personal data about the child). */
  messageVars?(record: CaseRecord<Details>): Record<string, string>;
  /** Calendars for this case's clocks (e.g. its school's term dates); default the partnership's. */
  calendarsFor?(record: CaseRecord<Details>, base: ClockCalendars): ClockCalendars;
  /** The case's key on the people index (GSI3), e.g. its school; default its lead practitioner. */
  peopleIndexKey?(record: CaseRecord<Details>): string | undefined;
  /**
   * Roles that may read this process's figures (pseudonymous, small numbers suppressed below the
   * partnership). Default: commissioners and the partnership administrator.
   */
  figureReaders?: readonly Role[];
  /**
   * Roles that may list open clocks by case code. Commissioners and the partnership administrator see
   * every clock; any other role only clocks of cases its organisation is on. Default: commissioners and
   * the partnership administrator.
   */
  clockReaders?: readonly Role[];
  /** Who may read a case (default: readerRoles from organisations on the case; administrators only of organisations on it). */
  canRead?(actor: Actor, record: CaseRecord<Details>): boolean;
  /** What a reader sees of the case's details (default: all of them). */
  viewFor?(actor: Actor, record: CaseRecord<Details>): unknown;
  /** Organisation check for recording events (default: the actor's organisation is on the case). */
  canRecord?(actor: Actor, record: CaseRecord<Details>, eventType: string): boolean;
  /** A batch route (e.g. police submitting an incident with several children): one opening event per case. */
  submission?: Submission;
}

export interface Submission {
  title: string;
  schema: z.ZodType<any>;
  allowedRoles: readonly Role[];
  /** Split a valid submission into the opening payloads of its cases. */
  split(submission: any): unknown[];
}

/** One lookup for the rules: a key named in the event (a school's URN, a team's id...) to the facts about it, or undefined. */
export type Lookup = (key: string) => Promise<Record<string, unknown> | undefined>;

/**
 * Lookups the API makes for the rules before starting an execution, by name: a registry. `school` is
 * always there; any other (e.g. `rota`, `meetingMembers`) is one adapter registered in
 * functions/api/context.ts (lookupAdapters), built once from the stores. A new lookup is a definition
 * that names it (needsLookups) and its adapter: no route code.
 */
export interface ContextLookups {
  school: Lookup;
  [name: string]: Lookup;
}

export interface EventContextSpec {
  /** Facts to attach to the event, looked up by the API; a rejection refuses the request before anything starts. */
  contextFor(payload: any, lookups: ContextLookups): Promise<Record<string, unknown>>;
}

/** A contextFor that declares the lookups it uses: the API checks at start that each has an adapter, and hands it only those. */
export type DeclaredContextFor = EventContextSpec['contextFor'] & { readonly lookups: readonly string[] };

/**
 * Declare an event's lookups: `contextFor: needsLookups(['rota'], async (p, { rota }) => ({ rota: await rota(p.teamId) }))`.
 * A contextFor without a declaration is handed every registered lookup (as before).
 */
export function needsLookups<N extends string, P = any>(
  names: readonly N[],
  contextFor: (payload: P, lookups: Record<N, Lookup>) => Promise<Record<string, unknown>>,
): DeclaredContextFor {
  const declared = async (payload: any, lookups: ContextLookups) => contextFor(payload, Object.fromEntries(names.map((n) => [n, lookups[n]])) as Record<N, Lookup>);
  return Object.assign(declared, { lookups: [...names] as readonly string[] });
}

/** The lookups an event's contextFor declared, if it did. */
export function declaredLookups(contextFor: EventContextSpec['contextFor'] | undefined): readonly string[] {
  return (contextFor as Partial<DeclaredContextFor> | undefined)?.lookups ?? [];
}

export { RuleViolation } from './rule-violation';
