/**
 * A working copy of one case while one event is applied: the rules call its methods, and it gathers
 * what must be written in one transaction (case, timeline, timers, outbox, audit).
 */
import { formatLondon, govukDateTime } from '../calendar';
import {
  type ClockCalendars,
  ClockRuleError,
  describeSource,
  markNotApplicable,
  pauseClock,
  plannedCheckpoints,
  reachCheckpoint,
  resumeClock,
  type StartClockOptions,
  startClock,
  stopClock,
} from '../clocks/engine';
import type { ClockActor, ClockDefinition, ClockState } from '../clocks/model';
import { isOpen, isRecurring } from '../clocks/model';
import type { PartnershipConfig } from '../partnership/config';
import { stableId } from './ids';
import {
  type AuditEntry,
  type CaseRecord,
  isLate,
  type OutboxMessage,
  type ProcessEvent,
  type TimelineEntry,
  type TimerRef,
} from './model';
import { RuleViolation } from './rule-violation';

/**
 * Where the pages live under the partnership's address (web/pages/page.ts PREFIX): messages link to a
 * page there, never to the JSON API.
 */
export const PAGES_PATH = '/app';

/** The units a clock counts, for messages. */
const unitWords: Record<ClockState['kind'], string> = {
  workingDays: 'working days',
  calendarDays: 'days',
  elapsedHours: 'hours',
  schoolDays: 'school days',
  calendarDate: 'days',
};

export interface Recipient {
  role: string;
  address: string;
  /**
   * The page a message to this recipient links to, under the pages' prefix (e.g.
   * `/school/notifications/{caseId}` for a school's Key Adult); default the case's page.
   */
  page?: string;
}

/** What the rules see of the world while one event applies. */
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

/**
 * What a change reads of its process (a RunnableProcess, core/process/definition.ts, has all of it): its id,
 * its calendars, the conditions its checkpoints are skipped on, who is told and the words its messages use.
 * Declared here, not imported, so the definition (whose rules take a CaseChange) and the change do not
 * name each other.
 */
export interface ChangeProcess<Details = unknown> {
  id: string;
  calendarsFor?(record: CaseRecord<Details>, base: ClockCalendars): ClockCalendars;
  conditions: Record<string, (record: CaseRecord<Details>) => boolean>;
  recipients(role: string, record: CaseRecord<Details>, partnership: PartnershipConfig): Recipient[];
  messageVars?(record: CaseRecord<Details>): Record<string, string>;
}

export class CaseChange<Details = unknown> {
  readonly timeline: TimelineEntry[] = [];
  readonly schedule: TimerRef[] = [];
  readonly cancel: TimerRef[] = [];
  readonly notifications: OutboxMessage[] = [];
  readonly audit: AuditEntry[] = [];
  message = '';

  constructor(
    readonly definition: ChangeProcess<Details>,
    readonly context: DecideContext,
    readonly event: ProcessEvent,
    public record: CaseRecord<Details>,
  ) {}

  /** The calendars this case's clocks count by (asked afresh: the case's school may change). */
  get calendars(): ClockCalendars {
    return this.definition.calendarsFor?.(this.record, this.context.calendars) ?? this.context.calendars;
  }

  get details(): Details {
    return this.record.details;
  }

  get occurredAt(): Date {
    return new Date(this.event.occurredAt);
  }

  clockDefinition(definitionId: string): ClockDefinition {
    const def = this.context.clocks.find((c) => c.id === definitionId);
    if (!def) throw new Error(`${this.definition.id} has no clock ${definitionId}`);
    return def;
  }

  clock(id: string): ClockState | undefined {
    return this.record.clocks[id];
  }

  requireOpenClock(id: string, action: string): ClockState {
    const clock = this.clock(id);
    if (!clock) throw new RuleViolation(`${action}: this case has no ${id} clock`, [], 409);
    if (!isOpen(clock))
      throw new RuleViolation(`${action}: ${clock.title} has already stopped (${clock.status})`, [], 409);
    return clock;
  }

  startClock(definitionId: string, options: StartClockOptions): ClockState {
    const def = this.clockDefinition(definitionId);
    const clock = startClock(def, options, this.calendars);
    this.record.clocks[clock.id] = clock;
    this.planTimers(def, clock);
    this.addTimeline('clockStarted', `${clock.title} started; due ${formatLondon(new Date(clock.dueAt))}`);
    return clock;
  }

  /**
   * Replace the plan of timers for a clock (after it started, paused or resumed), or with `onlyRecurring`
   * those of its recurring checkpoints. A recurring checkpoint is planned only while its condition on
   * the case holds, and only its next occurrence after now.
   */
  private planTimers(def: ClockDefinition, clock: ClockState, onlyRecurring = false) {
    const recurringIds = def.checkpoints.filter((c) => isRecurring(c.at)).map((c) => c.id);
    const replaced = (checkpointId: string) => !onlyRecurring || recurringIds.includes(checkpointId);
    this.cancelTimers((t) => t.clockId === clock.id && replaced(t.checkpointId));
    for (const planned of plannedCheckpoints(def, clock, this.calendars, this.occurredAt)) {
      if (!replaced(planned.checkpointId)) continue;
      if (planned.whileCase !== undefined && !this.holds(planned.whileCase)) continue;
      const timer: TimerRef = {
        timerId:
          planned.occurrence === undefined
            ? stableId('tmr', this.record.caseId, clock.id, planned.checkpointId, String(planned.generation))
            : stableId(
                'tmr',
                this.record.caseId,
                clock.id,
                planned.checkpointId,
                String(planned.generation),
                `occurrence-${planned.occurrence}`,
              ),
        clockId: clock.id,
        checkpointId: planned.checkpointId,
        generation: planned.generation,
        dueAt: planned.at.toISOString(),
        ...(planned.occurrence === undefined ? {} : { occurrence: planned.occurrence }),
      };
      this.addTimer(timer);
    }
  }

  /** Whether a condition named in the process definition holds for the case now. */
  private holds(condition: string): boolean {
    const test = this.definition.conditions[condition];
    if (!test) throw new Error(`${this.definition.id} has no condition ${condition}`);
    return test(this.record);
  }

  /**
   * Plan a clock's recurring checkpoints afresh, after the condition they recur while may have changed
   * (e.g. the episode closed, or the crisis was stepped down): their timers are cancelled, and while the
   * condition holds the next occurrence after now is planned.
   */
  replanRecurring(clockId: string) {
    const clock = this.clock(clockId);
    if (!clock) throw new RuleViolation(`Plan reviews: this case has no ${clockId} clock`, [], 409);
    this.planTimers(this.clockDefinition(clock.definitionId), clock, true);
  }

  /**
   * Pause a clock for one of the reasons its definition lists (`reason` is the reason's id, given in
   * the event's field `field`), approved by `approvedBy`. Its timers wait until it resumes.
   */
  pauseClock(id: string, options: { reason: string; approvedBy: ClockActor; at?: Date; field?: string }): ClockState {
    const clock = this.requireOpenClock(id, 'Pause clock');
    const def = this.clockDefinition(clock.definitionId);
    const field = options.field ?? 'reason';
    if (!def.pausable)
      throw new RuleViolation(`${def.title} keeps running: as a ${describeSource(def)} it is not paused`, [], 409);
    const reasons = def.pauseReasons ?? {};
    if (!Object.hasOwn(reasons, options.reason)) {
      const listed = Object.keys(reasons);
      throw new RuleViolation(`${def.title} can be paused for one of its listed reasons`, [
        {
          path: field,
          message: listed.length ? `choose one of: ${listed.join(', ')}` : `${def.title} has no pause reasons listed`,
        },
      ]);
    }
    if (clock.status === 'paused') throw new RuleViolation(`Pause clock: ${clock.title} is already paused`, [], 409);
    const paused = this.applyClockRule(() =>
      pauseClock(def, clock, options.at ?? this.occurredAt, options.reason, actorOf(options.approvedBy)),
    );
    this.record.clocks[id] = paused;
    this.planTimers(def, paused);
    this.addTimeline(
      'clockPaused',
      `${clock.title} paused: ${reasons[options.reason]}; agreed by ${options.approvedBy.name}`,
    );
    return paused;
  }

  /**
   * Resume a paused clock: the paused time is not counted, its due instant moves
   * on, and its checkpoints are planned again.
   */
  resumeClock(id: string, options: { approvedBy: ClockActor; at?: Date; note?: string }): ClockState {
    const clock = this.requireOpenClock(id, 'Resume clock');
    const def = this.clockDefinition(clock.definitionId);
    if (clock.status !== 'paused')
      throw new RuleViolation(`Resume clock: ${clock.title} is running, not paused`, [], 409);
    const at = options.at ?? this.occurredAt;
    const resumed = this.applyClockRule(() =>
      resumeClock(def, clock, at, options.note ?? 'resumed', this.calendars, actorOf(options.approvedBy)),
    );
    this.record.clocks[id] = resumed;
    this.planTimers(def, resumed);
    const pause = resumed.pauses?.at(-1);
    const pausedFor =
      pause?.pausedFor !== undefined ? `; ${formatUnits(pause.pausedFor, clock.kind)} paused, not counted` : '';
    this.addTimeline(
      'clockResumed',
      `${clock.title} resumed${pausedFor}; now due ${formatLondon(new Date(resumed.dueAt))}`,
    );
    return resumed;
  }

  private applyClockRule<T>(rule: () => T): T {
    try {
      return rule();
    } catch (e) {
      if (e instanceof ClockRuleError) throw new RuleViolation(e.message, [], 409);
      throw e;
    }
  }

  replanClock(clock: ClockState) {
    this.record.clocks[clock.id] = clock;
    this.planTimers(this.clockDefinition(clock.definitionId), clock);
  }

  addTimer(timer: TimerRef) {
    this.record.timers[timer.timerId] = timer;
    this.schedule.push(timer);
  }

  /** A case-level timer, not tied to a clock (e.g. the child's 18th birthday). */
  scheduleCaseTimer(checkpointId: string, dueAt: Date) {
    this.addTimer({
      timerId: stableId('tmr', this.record.caseId, 'case', checkpointId),
      checkpointId,
      generation: 0,
      dueAt: dueAt.toISOString(),
    });
  }

  cancelTimers(which: (t: TimerRef) => boolean) {
    for (const timer of Object.values(this.record.timers)) {
      if (!which(timer)) continue;
      delete this.record.timers[timer.timerId];
      const justScheduled = this.schedule.findIndex((t) => t.timerId === timer.timerId);
      if (justScheduled >= 0) this.schedule.splice(justScheduled, 1);
      else this.cancel.push(timer);
    }
  }

  cancelCheckpoint(clockId: string, checkpointId: string) {
    this.cancelTimers((t) => t.clockId === clockId && t.checkpointId === checkpointId);
  }

  stopClock(id: string, at: Date, reason?: string): ClockState {
    const clock = this.requireOpenClock(id, 'Stop clock');
    const stopped = stopClock(clock, at, reason, this.calendars);
    this.record.clocks[id] = stopped;
    this.cancelTimers((t) => t.clockId === id);
    this.addTimeline(
      'clockStopped',
      `${stopped.title}: ${stopped.status === 'met' ? 'met on time' : 'met after the due date'}`,
    );
    return stopped;
  }

  notApplicable(id: string, at: Date, reason: string) {
    const clock = this.clock(id);
    if (!clock || !isOpen(clock)) return;
    const closed = markNotApplicable(clock, at, reason, this.calendars);
    this.record.clocks[id] = closed;
    this.cancelTimers((t) => t.clockId === id);
    this.addTimeline(
      'clockNotApplicable',
      closed.status === 'breached'
        ? `${clock.title} closed, still counted as missed: ${reason}`
        : `${clock.title} no longer applies: ${reason}`,
    );
  }

  /**
   * The checkpoint of a fired timer: move the clock and alert the checkpoint's recipients. A recurring
   * checkpoint alerts only while its condition holds, and then plans its next occurrence; when the
   * condition has lapsed, its occurrence is recorded as not needed, nothing is sent, no next occurrence
   * is planned, and this answers false (the checkpoint was not reached).
   */
  reachCheckpoint(timer: TimerRef): boolean {
    const clock = this.record.clocks[timer.clockId!]!;
    const def = this.clockDefinition(clock.definitionId);
    const {
      clock: next,
      checkpoint,
      breached,
    } = reachCheckpoint(def, clock, timer.checkpointId, this.occurredAt, timer.occurrence);
    this.record.clocks[clock.id] = next;
    if (isRecurring(checkpoint.at)) {
      if (!this.holds(checkpoint.at.whileCase)) {
        this.addTimeline(
          'checkpointNotNeeded',
          `${clock.title}: ${checkpoint.id} not needed (${checkpoint.at.whileCase} no longer applies)`,
        );
        return false;
      }
      this.planTimers(def, next, true);
    }
    const vars = {
      clock: clock.title,
      due: govukDateTime(new Date(clock.dueAt)),
      ...(isRecurring(checkpoint.at) ? { occurrence: String(next.occurrences?.[checkpoint.id] ?? '') } : {}),
    };
    this.notify(checkpoint.recipients, checkpoint.message, vars);
    const told = checkpoint.recipients.length ? `; ${describeRecipients(checkpoint.recipients)} told` : '';
    this.addTimeline(
      breached ? 'clockBreached' : checkpoint.kind === 'escalation' ? 'escalated' : 'checkpoint',
      breached
        ? `${clock.title} was not met by ${formatLondon(new Date(clock.dueAt))}${told}`
        : `${checkpoint.message.subject.replace(/\{(\w+)\}/g, (_, k) => this.fill(k, vars))}${told}`,
    );
    return true;
  }

  closeCase(reason: string, at: Date) {
    for (const clock of Object.values(this.record.clocks)) if (isOpen(clock)) this.notApplicable(clock.id, at, reason);
    this.cancelTimers(() => true);
    this.record.status = 'closed';
    this.record.stage = 'closed';
    this.record.closedAt = at.toISOString();
    this.record.closureReason = reason;
    this.addTimeline('caseClosed', `Case closed: ${reason}`);
  }

  private fill(key: string, vars: Record<string, string>): string {
    if (key in vars) return vars[key]!;
    const processVars = this.definition.messageVars?.(this.record);
    if (processVars && key in processVars) return processVars[key]!;
    if (key === 'caseCode') return this.record.caseCode;
    if (key === 'link') return this.linkFor();
    return `{${key}}`;
  }

  /**
   * The address of the page a message is about, for its recipient: the page under the pages' prefix
   * (`/app`) that the process names for the recipient's role (a school's notification page), else the
   * case's page. Ids only: a link never carries personal data. A person not signed in is taken through
   * sign-in and back to it.
   */
  linkFor(recipient?: Recipient): string {
    const base = this.context.partnership.signInUrl.replace(/\/+$/, '');
    const path = recipient?.page ?? `/cases/${encodeURIComponent(this.record.caseId)}`;
    return `${base}${PAGES_PATH}${path}`;
  }

  /** Queue a message to each address the roles resolve to. Text must hold no personal data about the child. */
  notify(roles: readonly string[], message: { subject: string; body: string }, vars: Record<string, string> = {}) {
    const seen = new Set<string>();
    for (const role of roles) {
      for (const r of this.definition.recipients(role, this.record, this.context.partnership)) {
        if (seen.has(r.address)) continue;
        seen.add(r.address);
        const n = this.notifications.length;
        const fill = (k: string) => (k === 'link' ? this.linkFor(r) : this.fill(k, vars));
        this.notifications.push({
          messageId: `${this.event.eventId}-m${n}`,
          caseId: this.record.caseId,
          caseCode: this.record.caseCode,
          recipientRole: r.role,
          address: r.address,
          subject: message.subject.replace(/\{(\w+)\}/g, (_, k) => fill(k)),
          body: message.body.replace(/\{(\w+)\}/g, (_, k) => fill(k)),
          createdAt: this.event.recordedAt,
          dueAt: this.event.occurredAt,
        });
      }
    }
  }

  addTimeline(kind: string, summary: string) {
    const a = this.event.actor;
    this.timeline.push({
      at: this.event.occurredAt,
      ...(isLate(this.event) ? { late: true } : {}),
      eventId: this.event.eventId,
      kind,
      summary,
      by: { userId: a.userId, name: a.name, role: a.role, organisation: a.organisation },
    });
  }
}

/** Only the identity of who approved, whatever else the actor carries. */
function actorOf(a: ClockActor): ClockActor {
  return { userId: a.userId, name: a.name, role: a.role, organisation: a.organisation };
}

function formatUnits(n: number, kind: ClockState['kind']): string {
  const rounded = Math.round(n * 100) / 100;
  const words = unitWords[kind];
  return `${rounded} ${rounded === 1 ? words.replace(/s$/, '') : words}`;
}

function describeRecipients(roles: readonly string[]): string {
  const words = roles.map((r) => r.replace(/([A-Z])/g, ' $1').toLowerCase());
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}
