/**
 * What a process definition provides. A new process is one folder in workflows/: its contract (its
 * clocks, its events each with a strict payload schema, who may read and record, its settings schema:
 * contract.ts assembles them), its views (what readers see and the figures: views.ts) and its rules
 * (each event's typed handler, checkpoints, case timers, conditions, recipients: rules.ts), and the
 * board's measures (measures.ts); its index.ts exports each part on its own (ProcessParts) and
 * workflows/processes.ts lists the folders. The API and the pages read contracts and views
 * (workflows/contracts.ts), so no rule is in their bundle; the rules step reads contracts and rules
 * (workflows/runnable.ts), so no view is in its bundle (workflows/left-out.ts says how).
 */

import type { LocalDate } from '../calendar';
import type { ClockCalendars } from '../clocks/engine';
import type { ClockDefinition } from '../clocks/model';
import type { ProcessFiguresDraft } from '../figures/answer';
import type { DateResolution } from '../figures/pseudonymous';
import type { CountSheet } from '../figures/suppression';
import type { Actor, Role } from '../identity/actor';
import type { ProcessMeasures } from '../measures/measure';
import type { PartnershipConfig } from '../partnership/config';
import type * as z from '../schema/zod';
import type { ProcessAccess } from './access';
import type { CaseChange, Recipient } from './change';
import type { CaseRecord, ProcessEvent } from './model';
import type { ExpectedSteps, StepReading } from './steps';

/**
 * One event of a process as the API knows it: its payload schema, who may record it and what it opens. Its
 * rule is in the process's rules (handlers).
 */
export interface EventSpec<P = any> {
  type: string;
  title: string;
  /** zod schema of the payload; strict, so unknown fields are refused rather than stored. */
  schema: z.ZodMiniType<P>;
  allowedRoles: readonly Role[];
  opensCase?: boolean;
  /**
   * May be recorded on a closed case (e.g. whether the outcomes lasted, six months after a closure);
   * any other event on a closed case is refused (409). The case stays closed.
   */
  onClosedCase?: boolean;
  /** Facts the API looks up and attaches to the event (e.g. the school named in it). */
  contextFor?(payload: P, lookups: ContextLookups): Promise<Record<string, unknown>>;
}

/**
 * One event of a process, its type kept as a literal so the rules can key its handler by it:
 * `defineEvent({ type, title, schema, allowedRoles })`.
 */
export function defineEvent<const T extends string, S extends z.ZodMiniType>(
  spec: Omit<EventSpec<z.output<S>>, 'schema' | 'type'> & { type: T; schema: S },
): EventSpec<z.output<S>> & { type: T } {
  return spec as EventSpec<z.output<S>> & { type: T };
}

/**
 * An event's rule: given its payload as the schema parsed it, change the case (an opening event builds
 * it). Throw RuleViolation to refuse the event.
 */
export type EventHandler<P = any, Details = any> = (
  change: CaseChange<Details>,
  payload: P,
  event: ProcessEvent<P>,
) => void;

/** Each event's rule, by event type. The engine dispatches to it by the event's type. */
export type EventHandlers<Details = any> = Readonly<Record<string, EventHandler<any, Details>>>;

type PayloadOf<E> = E extends EventSpec<infer P> ? P : never;

/**
 * The rules of a list of events, one handler for each event type, each typed by its event's schema, so
 * a rule needs no cast and none is missing:
 * `handlersFor<Details>()(events)({ childEnteredCare: (change, payload) => { ... }, ... })`.
 */
export function handlersFor<Details>() {
  return <const E extends readonly (EventSpec & { type: string })[]>(events: E) =>
    (handlers: { [S in E[number] as S['type']]: EventHandler<PayloadOf<S>, Details> }): EventHandlers<Details> => {
      const types = new Set(events.map((e) => e.type));
      const extra = Object.keys(handlers).filter((t) => !types.has(t));
      if (extra.length) throw new Error(`handlers for events the process does not have: ${extra.join(', ')}`);
      return handlers as EventHandlers<Details>;
    };
}

/** The event types of a definition that have no handler (a definition must have none). */
export function eventsWithoutHandlers(definition: Pick<RunnableProcess, 'events' | 'handlers'>): string[] {
  return definition.events.filter((e) => typeof definition.handlers[e.type] !== 'function').map((e) => e.type);
}

/** Who is told, and what the rules see of the world while an event applies: core/process/change.ts. */
export type { DecideContext, Recipient } from './change';

/**
 * A process as every part knows it (workflows/<process>/contract.ts): what it is called, its clocks,
 * its events (their schemas, roles and lookups), who may open, read and record what (access), its settings. Neither
 * its views (ProcessViews: the API's) nor its rules (ProcessRules: the rules step's).
 */
export interface ProcessContract<Details = any> {
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
  events: readonly EventSpec[];
  /**
   * The zod schema of what a partnership may set for this process (`processes.<id>.settings`), parsed
   * when the runtime starts so a bad setting is refused naming its key. Default: no settings.
   */
  settings?: z.ZodMiniType<Record<string, unknown>>;
  /**
   * Checks of the partnership's configuration for this process that need more than its settings schema
   * (e.g. that a member's organisation is in the directory), run at start after the settings parsed:
   * the problems found, each naming its key. Default: none.
   */
  checkConfiguration?(partnership: PartnershipConfig): string[];
  /**
   * Need-to-know (core/process/access.ts): who may open a case (role, kind of organisation, and the
   * fields that must name the opener's own organisation), read it, read its audit trail and record on
   * it (role and the organisation's relation to the case). Decided by mayOpen, mayReadCase,
   * mayReadCaseAudit and mayRecord, in the API, the pages and the rules step alike.
   */
  access: ProcessAccess<Details>;
  /** The case id for an opening event, derived from the payload so the same child is not opened twice. */
  caseKeyOf(payload: any, actorOrganisation: string): string;
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
  /** A batch route (e.g. police submitting an incident with several children): one opening event per case. */
  submission?: Submission;
}

/**
 * What readers see of a process's cases (workflows/<process>/views.ts): the
 * API's and the pages', never the rules step's.
 */
export interface ProcessViews<Details = any> {
  /**
   * No longer read: figure readers get no per-case rows (their per-case view is the open clocks by case
   * code and the clocks' states). Optional until the definitions written before are all rid of it.
   * @deprecated
   */
  commissionerView?(record: CaseRecord<Details>): Record<string, unknown>;
  /**
   * The process's own figures across cases, beside the timeliness every process has: tables whose
   * counts are cells of the answer's sheet (core/figures/suppression.ts), suppressed with the rest of
   * the answer in one step. Default: none.
   */
  figures?(records: CaseRecord<Details>[], sheet: CountSheet, now: Date): ProcessFiguresDraft;
  /**
   * How finely pseudonymous views (the open clocks by case code, the figures' as-of) give dates: the
   * London day (default) or, where a date would single a young person out, the ISO week.
   */
  datesShown?: DateResolution;
  /** What a reader sees of the case's details (default: all of them). */
  viewFor?(actor: Actor, record: CaseRecord<Details>): unknown;
  /**
   * What a case answer says beside the case's details and clocks, worked out when it is read, for those
   * who may read the case (e.g. crisis escalation's next meeting at the case's level with its state, an
   * Operation Encompass notification's escalations and who was told). Default: nothing.
   */
  caseSummary?(record: CaseRecord<Details>, reading: CaseReading): Record<string, unknown>;
  /**
   * What is expected next on an open case (core/process/steps.ts): the process's expected steps in
   * order, each with its state (done, due, overdue, not yet, not needed), its due date where it has one
   * and whether the rules would accept it now; and the other events that still apply (none the rules
   * would refuse: a one-off step already recorded, an event of a stage the case has passed). A
   * recurring step (a meeting, a visit, a review) is its next occurrence. Default: no steps.
   */
  expectedSteps?(record: CaseRecord<Details>, reading: StepReading): ExpectedSteps;
}

/**
 * What a case summary is worked out with: the instant, the case's calendars and its clocks as the
 * partnership runs them.
 */
export interface CaseReading {
  now: Date;
  calendars: ClockCalendars;
  clocks: readonly ClockDefinition[];
}

/** A process as the API and the pages read it: its contract and its views (workflows/contracts.ts). */
export interface ReadableProcess<Details = any> extends ProcessContract<Details>, ProcessViews<Details> {}

/**
 * A process's rules, which only the rules step (and the notifier, infra, the local runtime) loads: each
 * event's handler, what happens at checkpoints and case timers, the conditions checkpoints may be
 * skipped on, and who is told.
 */
export interface ProcessRules<Details = any> {
  /** Each event's rule, by its type (handlersFor): one for every event of the contract. */
  handlers: EventHandlers<Details>;
  /** A checkpoint was reached (after the engine moved the clock and alerted its recipients). */
  onCheckpoint?(change: CaseChange<Details>, clockId: string, checkpointId: string): void;
  /** A case-level timer (not a clock checkpoint) fell due. */
  onCaseTimer?(change: CaseChange<Details>, checkpointId: string): void;
  /** Named conditions a checkpoint may be skipped on (`unlessCase`). */
  conditions: Record<string, (record: CaseRecord<Details>) => boolean>;
  /** Resolve a recipient role to addresses from the case and the partnership directory. */
  recipients(role: string, record: CaseRecord<Details>, partnership: PartnershipConfig): Recipient[];
  /** Words messages of this process may use, e.g. {school} (never personal data about the child). */
  messageVars?(record: CaseRecord<Details>): Record<string, string>;
}

/** A process as the rules step runs it: its contract and its rules (workflows/runnable.ts). */
export interface RunnableProcess<Details = any> extends ProcessContract<Details>, ProcessRules<Details> {}

/** A process in full: its contract, views and rules (core/process/catalogue.ts definitionsOf). */
export interface ProcessDefinition<Details = any>
  extends ProcessContract<Details>,
    ProcessViews<Details>,
    ProcessRules<Details> {}

/**
 * A process's folder as workflows/processes.ts lists it (its index.ts): every version's contract, its
 * views, every version's rules and the board's measures, each a separate export, so a Lambda's build can
 * leave out a part it does not run (workflows/left-out.ts). core/process/catalogue.ts makes its versions
 * from them.
 */
export interface ProcessParts<Details = any> {
  /** Every version's contract (a process with one version has one). */
  readonly contracts: readonly ProcessContract<Details>[];
  /** What readers see of its cases and its figures: the same for every version. */
  readonly views: ProcessViews<Details>;
  /** Each version's rules, by its version number. */
  readonly rules: Readonly<Record<number, ProcessRules<Details>>>;
  /** The board's measures of the process (workflows/measures.ts), when the board reports it. */
  readonly measures?: ProcessMeasures;
}

export interface Submission {
  title: string;
  schema: z.ZodMiniType<any>;
  allowedRoles: readonly Role[];
  /** Split a valid submission into the opening payloads of its cases. */
  split(submission: any): unknown[];
}

/**
 * One lookup for the rules: a key named in the event (a school's URN, a team's
 * id...) to the facts about it, or undefined.
 */
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

/**
 * A contextFor that declares the lookups it uses: the API checks at start that each
 * has an adapter, and hands it only those.
 */
export type DeclaredContextFor = EventContextSpec['contextFor'] & { readonly lookups: readonly string[] };

/**
 * Declare an event's lookups:
 * `contextFor: needsLookups(['rota'], async (p, { rota }) => ({ rota: await rota(p.teamId) }))`.
 * A contextFor without a declaration is handed every registered lookup (as before).
 */
export function needsLookups<N extends string, P = any>(
  names: readonly N[],
  contextFor: (payload: P, lookups: Record<N, Lookup>) => Promise<Record<string, unknown>>,
): DeclaredContextFor {
  const declared = async (payload: any, lookups: ContextLookups) =>
    contextFor(payload, Object.fromEntries(names.map((n) => [n, lookups[n]])) as Record<N, Lookup>);
  return Object.assign(declared, { lookups: [...names] as readonly string[] });
}

/** The lookups an event's contextFor declared, if it did. */
export function declaredLookups(contextFor: EventContextSpec['contextFor'] | undefined): readonly string[] {
  return (contextFor as Partial<DeclaredContextFor> | undefined)?.lookups ?? [];
}

export { RuleViolation } from './rule-violation';
