/**
 * Apply one event to one case: the pure heart of every execution. Given the case as loaded (or none),
 * the event and the context, it returns what must be written, or why nothing is.
 */

import { CalendarCoverageError } from '../calendar/errors';
import { isOpen } from '../clocks/model';
import { auditIdentity } from '../identity/actor';
import * as z from '../schema/zod';
import { mayOpen, mayReadCase, mayRecord } from './access';
import { CaseChange } from './change';
import type { DecideContext, ProcessContract, RunnableProcess } from './definition';
import { caseCodeFor } from './ids';
import type {
  AuditEntry,
  CaseRecord,
  Decision,
  EventResponse,
  OutboxMessage,
  ProcessEvent,
  Rejection,
  TimelineEntry,
} from './model';
import { RECENT_EVENTS_KEPT, TIMERS_DUE } from './model';
import { RuleViolation } from './rule-violation';

export const TIMER_FIRED = 'timerFired';

export const timerFiredSchema = z.strictObject({ timerId: z.string().check(z.minLength(1)) });

/**
 * A case's wake-up: every timer of the case due by then fires, in due order. In AWS each case has one
 * EventBridge schedule, for its soonest timer (see nextWake), rather than one per checkpoint.
 */
export { TIMERS_DUE };
export const timersDueSchema = z.strictObject({ dueAt: z.iso.datetime() });

/** When the case next needs waking: its soonest timer's instant, or undefined when it has none. */
export function nextWake(record: Pick<CaseRecord, 'timers'> | undefined): string | undefined {
  let soonest: string | undefined;
  for (const timer of Object.values(record?.timers ?? {}))
    if (soonest === undefined || timer.dueAt < soonest) soonest = timer.dueAt;
  return soonest;
}

/**
 * A case's id and code, from its process and natural key (e.g. the child): the child's first episode.
 * A later episode (the child re-entering) has the id episodeCaseId derives from this one.
 */
export function caseIdFor(
  definition: Pick<ProcessContract, 'id' | 'casePrefix'>,
  key: string,
  context: Pick<DecideContext, 'caseCodeKey'>,
  episode = 1,
) {
  const caseCode = caseCodeFor(definition.casePrefix, context.caseCodeKey, `${definition.id}|${key}`);
  const first = { caseCode, caseId: caseCode.toLowerCase() };
  return episode === 1 ? first : episodeCaseId(definition, first.caseId, episode, context);
}

/**
 * Episode n of a child, from the child's first case id: every episode is found from any other without an
 * index or the child's details (a case records its episode and its first case's id), so the link to the
 * next episode need not be written on the earlier case.
 */
export function episodeCaseId(
  definition: Pick<ProcessContract, 'id' | 'casePrefix'>,
  firstCaseId: string,
  episode: number,
  context: Pick<DecideContext, 'caseCodeKey'>,
) {
  if (episode === 1) return { caseCode: firstCaseId.toUpperCase(), caseId: firstCaseId };
  const caseCode = caseCodeFor(
    definition.casePrefix,
    context.caseCodeKey,
    `${definition.id}|${firstCaseId}|episode ${episode}`,
  );
  return { caseCode, caseId: caseCode.toLowerCase() };
}

function reject<D>(event: ProcessEvent, rejection: Rejection, audit: AuditEntry[] = []): Decision<D> {
  return {
    outcome: 'rejected',
    audit,
    response: {
      eventId: event.eventId,
      caseId: event.caseId,
      outcome: 'rejected',
      message: rejection.message,
      rejection,
    },
  };
}

function notFound<D>(definition: RunnableProcess<D>, event: ProcessEvent): Rejection {
  return {
    status: 404,
    code: 'caseNotFound',
    message: `There is no ${definition.title} case ${event.caseId}`,
    issues: [],
  };
}

function refusedAudit(event: ProcessEvent, what: string): AuditEntry {
  return {
    auditId: `${event.eventId}-refused`,
    at: event.recordedAt,
    actor: auditIdentity(event.actor),
    action: 'refused',
    caseId: event.caseId,
    what,
    eventId: event.eventId,
  };
}

function summary(record: CaseRecord): Pick<EventResponse, 'stage' | 'clocks' | 'caseCode'> {
  return {
    caseCode: record.caseCode,
    stage: record.stage,
    clocks: Object.values(record.clocks).map((c) => ({ id: c.id, title: c.title, status: c.status, dueAt: c.dueAt })),
  };
}

export function decide<D>(
  definition: RunnableProcess<D>,
  context: DecideContext,
  current: CaseRecord<D> | undefined,
  event: ProcessEvent,
): Decision<D> {
  if (current?.recentEventIds.includes(event.eventId)) {
    return {
      outcome: 'duplicate',
      response: {
        eventId: event.eventId,
        caseId: current.caseId,
        outcome: 'duplicate',
        message: 'This event was already applied; nothing more was done.',
        ...summary(current),
      },
    };
  }

  if (event.type === TIMER_FIRED) return timerFired(definition, context, current, event);
  if (event.type === TIMERS_DUE) return timersDue(definition, context, current, event);

  const spec = definition.events.find((e) => e.type === event.type);
  if (!spec) {
    return reject(event, {
      status: 400,
      code: 'unknownEvent',
      message: `${definition.title} has no event '${event.type}'`,
      issues: [{ path: 'type', message: `must be one of ${definition.events.map((e) => e.type).join(', ')}` }],
    });
  }
  if (!(spec.allowedRoles as readonly string[]).includes(event.actor.role)) {
    return reject(
      event,
      {
        status: 403,
        code: 'notPermitted',
        message: `The ${event.actor.role} role cannot record '${spec.title}'`,
        issues: [],
      },
      [refusedAudit(event, `${spec.title}: role not permitted`)],
    );
  }
  // Parsed once: by the API when it validated with these very rules, else here (a timer, another version).
  const alreadyParsed = event.validatedBy?.version === (definition.version ?? 1);
  const parsed = alreadyParsed ? { success: true as const, data: event.payload } : spec.schema.safeParse(event.payload);
  if (!parsed.success) {
    return reject(event, {
      status: 400,
      code: 'invalidEvent',
      message: `'${spec.title}' is not valid`,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  event = { ...event, payload: parsed.data };
  const facts = { partnership: context.partnership };

  let record: CaseRecord<D>;
  if (spec.opensCase) {
    // Who may open (role, kind of organisation, fields that must name their own organisation): the
    // API checked the same declaration before staging; checked again here, before anything is known of
    // a case, so a refusal tells nothing and writes nothing but its audit.
    const opening = mayOpen(event.actor, definition, facts, event.payload);
    if (!opening.permitted) {
      return reject(
        event,
        { status: 403, code: 'notPermitted', message: opening.message, issues: opening.issue ? [opening.issue] : [] },
        [refusedAudit(event, `${spec.title}: ${opening.reason}`)],
      );
    }
    if (current) {
      // The API sends an opening to the child's open episode, or to a new one when the last is closed.
      // The case is named only to someone who may read it: anyone else learns no more than that it exists.
      const named = mayReadCase(event.actor, definition, current, facts) ? ` (${current.caseCode})` : '';
      return current.status === 'open'
        ? reject(event, {
            status: 409,
            code: 'caseExists',
            message:
              `A ${definition.title} case for this child is already open${named}; ` +
              `a new episode can be opened once it is closed`,
            issues: [],
          })
        : reject(event, {
            status: 409,
            code: 'caseExists',
            message:
              `The ${definition.title} case${named} for this child was closed meanwhile; ` +
              `send the request again to open a new episode`,
            issues: [],
          });
    }
    const episode = event.episode ?? 1;
    const first = caseIdFor(definition, definition.caseKeyOf(event.payload, event.actor.organisation), context);
    const derived = episodeCaseId(definition, first.caseId, episode, context);
    if (derived.caseId !== event.caseId) {
      return reject(event, {
        status: 400,
        code: 'caseIdMismatch',
        message: 'The case id does not belong to this record',
        issues: [{ path: 'caseId', message: `must be ${derived.caseId} for this record` }],
      });
    }
    record = {
      caseId: event.caseId,
      caseCode: derived.caseCode,
      process: definition.id,
      version: 0,
      definitionVersion: definition.version ?? 1,
      ...(episode > 1
        ? {
            episode,
            firstEpisode: first.caseId,
            previousEpisode: episodeCaseId(definition, first.caseId, episode - 1, context).caseId,
          }
        : {}),
      status: 'open',
      stage: 'opened',
      openedAt: event.occurredAt,
      organisation: event.actor.organisation,
      organisations: [event.actor.organisation],
      ...(event.child ? { child: event.child } : {}),
      details: {} as D,
      clocks: {},
      timers: {},
      recentEventIds: [],
    };
  } else {
    if (!current) return reject(event, notFound(definition, event));
    if (!mayRecord(event.actor, definition, current, event.type, facts)) {
      // Exactly as a case that does not exist: a person outside the case learns nothing of it, not even
      // that it is closed (audited).
      return reject(event, notFound(definition, event), [
        refusedAudit(event, `${spec.title}: not permitted on this case`),
      ]);
    }
    if (current.status === 'closed' && !spec.onClosedCase) {
      return reject(event, {
        status: 409,
        code: 'caseClosed',
        message:
          `Case ${current.caseCode} is closed (${current.closureReason ?? 'closed'}); ` +
          `nothing more can be recorded`,
        issues: [],
      });
    }
    record = structuredClone(current);
  }

  const change = new CaseChange(definition, context, event, record);
  try {
    const handle = definition.handlers[spec.type];
    if (!handle) throw new Error(`${definition.id} has no rule for '${spec.type}'`);
    handle(change, event.payload, event);
  } catch (error) {
    if (error instanceof RuleViolation) {
      return reject(event, { status: error.status, code: 'ruleNotMet', message: error.message, issues: error.issues });
    }
    if (error instanceof CalendarCoverageError) return outsideCalendar(event, spec.title, error);
    throw error;
  }
  change.audit.push({
    auditId: `${event.eventId}-a0`,
    at: event.recordedAt,
    actor: auditIdentity(event.actor),
    action: spec.opensCase ? 'create' : 'change',
    caseId: record.caseId,
    what: spec.title,
    eventId: event.eventId,
  });
  return finish(change, current, change.message || `${spec.title}: recorded`);
}

/**
 * A rule asked a calendar about a date it does not reach (a year past the working-day calendar, a
 * school year with no term dates...). That is the request's date, not a fault that a retry would mend:
 * a 400 naming the field (when the rule named it) and what the calendar knows, never an exception that
 * fails the execution for ever. A school year with no term dates is also recorded for the
 * administrator: the refusal's audit entry says what to load (a rejected decision carries no messages).
 */
function outsideCalendar<D>(event: ProcessEvent, title: string, error: CalendarCoverageError): Decision<D> {
  const reason = error.reason;
  const message =
    error.gap === 'schoolYear'
      ? `'${title}' cannot be recorded: no term dates loaded for this school year (${error.schoolYear}). ` +
        `The administrator has been alerted to load them`
      : `'${title}' cannot be recorded: the date is outside what the calendar knows (${error.known ?? error.missing})`;
  const audit: AuditEntry[] = [refusedAudit(event, `${title}: ${error.field ? `${error.field} ` : ''}${reason}`)];
  if (error.gap === 'schoolYear') {
    audit.push({
      ...refusedAudit(
        event,
        `Alert for the administrator: load the term dates for school year ${error.schoolYear} ` +
          `(${error.missing}); '${title}' was refused until they are loaded`,
      ),
      auditId: `${event.eventId}-alert`,
    });
  }
  return reject(
    event,
    {
      status: 400,
      code: 'dateOutsideCalendar',
      message,
      issues: error.field ? [{ path: error.field, message: reason }] : [],
    },
    audit,
  );
}

function finish<D>(
  change: CaseChange<D>,
  current: CaseRecord<D> | undefined,
  message: string,
  outcome: 'applied' | 'noop' = 'applied',
): Decision<D> {
  const record = change.record;
  record.version = (current?.version ?? 0) + 1;
  record.recentEventIds = [...record.recentEventIds, change.event.eventId].slice(-RECENT_EVENTS_KEPT);
  return {
    outcome,
    previousVersion: current?.version,
    case: record,
    timeline: change.timeline,
    schedule: change.schedule,
    cancel: change.cancel,
    notifications: change.notifications,
    audit: change.audit,
    response: { eventId: change.event.eventId, caseId: record.caseId, outcome, message, ...summary(record) },
  };
}

/**
 * Fire every timer due by the wake-up (or by now, if later), soonest first, each as its own timerFired
 * (so each alert carries its own instant and lateness), and commit them as one change of the case.
 */
function timersDue<D>(
  definition: RunnableProcess<D>,
  context: DecideContext,
  current: CaseRecord<D> | undefined,
  event: ProcessEvent,
): Decision<D> {
  const { dueAt } = timersDueSchema.parse(event.payload);
  if (!current)
    return reject(event, {
      status: 404,
      code: 'caseNotFound',
      message: `A wake-up fell due for a case that does not exist`,
      issues: [],
    });
  const until = [new Date(dueAt).toISOString(), new Date(event.recordedAt).toISOString()].sort().at(-1)!;
  const due = Object.values(current.timers)
    .filter((t) => t.dueAt <= until)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.timerId.localeCompare(b.timerId));
  let record = current;
  const timeline: TimelineEntry[] = [];
  const notifications: OutboxMessage[] = [];
  const audit: AuditEntry[] = [];
  let fired = 0;
  for (const timer of due) {
    if (!record.timers[timer.timerId]) continue; // an earlier one stopped its clock
    const one = timerFired(definition, context, record, {
      ...event,
      eventId: `fire-${timer.timerId}`,
      type: TIMER_FIRED,
      occurredAt: timer.dueAt,
      payload: { timerId: timer.timerId },
    });
    if (one.outcome !== 'applied' && one.outcome !== 'noop') continue;
    timeline.push(...one.timeline);
    notifications.push(...one.notifications);
    audit.push(...one.audit);
    record = one.case;
    fired++;
  }
  if (fired === 0) {
    const change = new CaseChange(definition, context, event, structuredClone(current));
    return finish(change, current, 'Nothing was due: the wake-up found no timer to fire', 'noop');
  }
  record.version = current.version + 1;
  record.recentEventIds = [...record.recentEventIds, event.eventId].slice(-RECENT_EVENTS_KEPT);
  const schedule = Object.values(record.timers).filter((t) => current.timers[t.timerId]?.dueAt !== t.dueAt);
  const cancel = Object.values(current.timers).filter(
    (t) => !record.timers[t.timerId] && !due.some((d) => d.timerId === t.timerId),
  );
  return {
    outcome: 'applied',
    previousVersion: current.version,
    case: record,
    timeline,
    schedule,
    cancel,
    notifications,
    audit,
    response: {
      eventId: event.eventId,
      caseId: record.caseId,
      outcome: 'applied',
      message: `${fired} ${fired === 1 ? 'timer' : 'timers'} fired`,
      ...summary(record),
    },
  };
}

function timerFired<D>(
  definition: RunnableProcess<D>,
  context: DecideContext,
  current: CaseRecord<D> | undefined,
  event: ProcessEvent,
): Decision<D> {
  const { timerId } = timerFiredSchema.parse(event.payload);
  if (!current)
    return reject(event, {
      status: 404,
      code: 'caseNotFound',
      message: `Timer ${timerId} fired for a case that does not exist`,
      issues: [],
    });
  const record = structuredClone(current);
  const change = new CaseChange(definition, context, event, record);
  const timer = record.timers[timerId];
  if (!timer) {
    change.addTimeline('timerNotNeeded', 'A reminder fell due after its clock had stopped or moved; nothing was sent');
    return finish(change, current, 'Timer no longer needed: nothing to do', 'noop');
  }
  delete record.timers[timerId];
  if (!timer.clockId) {
    definition.onCaseTimer?.(change, timer.checkpointId);
    return finish(change, current, `Case timer ${timer.checkpointId} applied`);
  }
  const clock = record.clocks[timer.clockId];
  const checkpoint =
    clock &&
    context.clocks.find((c) => c.id === clock.definitionId)?.checkpoints.find((c) => c.id === timer.checkpointId);
  if (!clock || !checkpoint || !isOpen(clock) || clock.status === 'paused' || clock.generation !== timer.generation) {
    change.addTimeline('timerNotNeeded', 'A reminder fell due after its clock had stopped or moved; nothing was sent');
    return finish(change, current, 'Timer no longer needed: nothing to do', 'noop');
  }
  const condition = checkpoint.unlessCase ? definition.conditions[checkpoint.unlessCase] : undefined;
  if (condition?.(record)) {
    change.addTimeline('checkpointNotNeeded', `${clock.title}: ${checkpoint.id} not needed (${checkpoint.unlessCase})`);
    return finish(change, current, 'Checkpoint not needed', 'noop');
  }
  if (!change.reachCheckpoint(timer)) {
    // A recurring checkpoint whose condition lapsed: recorded as not needed, never reported as reached.
    return finish(change, current, `${clock.title}: ${checkpoint.id} not needed`, 'noop');
  }
  definition.onCheckpoint?.(change, clock.id, checkpoint.id);
  return finish(change, current, `${clock.title}: ${checkpoint.kind} reached`);
}
