/**
 * The process model shared by every workflow: a case, the events that move it, and the decision
 * one event produces. Pure data; no I/O.
 */
import type { ClockState } from '../clocks/model';
import type { Actor } from '../identity/actor';
import type { ChildOnCase } from '../schema/about-child';

export interface ProcessEvent<P = unknown> {
  /** Unique id of the event; its own record in the commit makes it apply exactly once. */
  eventId: string;
  type: string;
  process: string;
  caseId: string;
  /** When it happened in the world (for a timer: its due instant). UTC ISO-8601. */
  occurredAt: string;
  /** When RightTime received it. UTC ISO-8601. */
  recordedAt: string;
  actor: Actor;
  payload: P;
  /** Facts the API looked up for the rules (e.g. the school's directory entry), so they need no read. */
  context?: Record<string, unknown>;
  /** An opening event: the child's episode it opens (absent: 1), chosen by the API from the child's earlier cases. */
  episode?: number;
  /**
   * The payload was already parsed by the event's schema in this version of the process's rules (by the
   * API, which stages the parsed payload): the rules do not parse it again. Validation happens once.
   */
  validatedBy?: { version: number };
  /**
   * An opening: what the council said about the child beside the process's payload (core/schema/about-child.ts):
   * the child key the API made of its person id, and the equality monitoring fields. Kept on the case only.
   */
  child?: ChildOnCase;
}

export interface TimerRef {
  timerId: string;
  /** The clock the timer belongs to; absent for a case rule (e.g. the child's 18th birthday). */
  clockId?: string;
  checkpointId: string;
  generation: number;
  dueAt: string;
  /** A recurring checkpoint's timer: which occurrence it is (1, 2, ...), so each alert is distinct. */
  occurrence?: number;
}

export interface CaseRecord<Details = unknown> {
  caseId: string;
  /** Pseudonymous code shown to commissioners and in emails; reveals nothing about the child. */
  caseCode: string;
  process: string;
  /** The optimistic-concurrency counter: one more with every change written. */
  version: number;
  /** The version of the process's rules the case opened under and keeps (absent on older cases: 1). */
  definitionVersion?: number;
  /** The child's episode under this process (from 1): a child re-entering opens a new episode. Absent: 1. */
  episode?: number;
  /** A later episode: the child's first case (episode n's id derives from it: decide.ts episodeCaseId). */
  firstEpisode?: string;
  /** A later episode: the case of the child's previous episode (the earlier case is not written again). */
  previousEpisode?: string;
  status: 'open' | 'closed';
  stage: string;
  openedAt: string;
  closedAt?: string;
  closureReason?: string;
  /** The organisation that opened the case (for IHA, the council). */
  organisation: string;
  /** Organisations whose staff may read the case. */
  organisations: string[];
  leadPractitionerEmail?: string;
  /** The child key linking this child's cases, and the equality monitoring fields (absent: none given). */
  child?: ChildOnCase;
  details: Details;
  clocks: Record<string, ClockState>;
  timers: Record<string, TimerRef>;
  /** The last events applied, so a redelivered event does nothing twice. */
  recentEventIds: string[];
}

export interface TimelineEntry {
  at: string;
  /** A timer that fired more than LATE_AFTER_MS after it fell due (e.g. the service was down). */
  late?: boolean;
  eventId: string;
  kind: string;
  summary: string;
  by: { userId: string; name: string; role: string; organisation: string };
}

/** A message for a person or mailbox. No personal data about the child: a case code and a link to sign in. */
export interface OutboxMessage {
  messageId: string;
  caseId: string;
  caseCode: string;
  recipientRole: string;
  address: string;
  subject: string;
  body: string;
  createdAt: string;
  /**
   * The instant the message is about: a timer's due instant (a late reminder keeps its own), else the
   * event's. Messages are delivered in this order, so a breach never goes before its own reminder.
   * Absent on messages queued before it was kept: their createdAt.
   */
  dueAt?: string;
}

export interface AuditEntry {
  auditId: string;
  at: string;
  actor: { userId: string; role: string; organisation: string };
  action: 'read' | 'create' | 'change' | 'refused';
  caseId?: string;
  what: string;
  eventId?: string;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export interface Rejection {
  status: 400 | 403 | 404 | 409;
  code: string;
  message: string;
  issues: FieldIssue[];
}

export interface EventResponse {
  eventId: string;
  caseId: string;
  caseCode?: string;
  outcome: 'applied' | 'duplicate' | 'rejected' | 'noop';
  message: string;
  stage?: string;
  clocks?: { id: string; title: string; status: string; dueAt: string }[];
  rejection?: Rejection;
}

export type Decision<Details = unknown> =
  | {
      outcome: 'applied' | 'noop';
      previousVersion: number | undefined;
      case: CaseRecord<Details>;
      timeline: TimelineEntry[];
      schedule: TimerRef[];
      cancel: TimerRef[];
      notifications: OutboxMessage[];
      audit: AuditEntry[];
      response: EventResponse;
    }
  | { outcome: 'duplicate'; response: EventResponse }
  | { outcome: 'rejected'; audit: AuditEntry[]; response: EventResponse };

export const RECENT_EVENTS_KEPT = 100;

/** A timer applied more than this long after its due instant is recorded as late. */
export const LATE_AFTER_MS = 60_000;

export function isLate(event: Pick<ProcessEvent, 'type' | 'occurredAt' | 'recordedAt'>): boolean {
  return (
    event.type === 'timerFired' &&
    new Date(event.recordedAt).getTime() - new Date(event.occurredAt).getTime() > LATE_AFTER_MS
  );
}

/** The event a case's wake-up starts: every timer of the case due by then fires (core/process/decide.ts). */
export const TIMERS_DUE = 'timersDue';
