/**
 * What happened to a clock in one change of its case, worked out by comparing the clock before and after
 * (never by asking each process's rules): started, restarted, paused, resumed, due soon (its reminder
 * reached), breached, escalated, met, met late, withdrawn (no longer needed) or its due instant moved.
 * The case systems' feed (functions/store/feed.ts) writes one entry for each, in the same commit.
 *
 * Pure: two clock states (and the clock's definition, for its checkpoints' kinds) in; the transitions out,
 * in the order they happened.
 */
import type { CheckpointDefinition, ClockHistoryEntry, ClockState } from './model';

export const clockEventKinds = [
  'started',
  /** Started afresh: the count begins again from a later event (a second strategy discussion). */
  'restarted',
  'paused',
  'resumed',
  /** A reminder checkpoint was reached (the reminder timer fired): the clock is due soon. */
  'dueSoon',
  'breached',
  /** An escalation checkpoint after the due instant was reached. */
  'escalated',
  'met',
  'metLate',
  /** The clock is no longer needed (e.g. the child left care before the assessment). */
  'withdrawn',
  /** The due instant moved without a pause or resume (recalculated). */
  'dueChanged',
] as const;
export type ClockEventKind = (typeof clockEventKinds)[number];

export interface ClockTransition {
  kind: ClockEventKind;
  clockId: string;
  /** When it happened: the history entry's instant, or the reminder's own instant (UTC ISO-8601). */
  at: string;
  /** The clock's due instant after the change. */
  dueAt: string;
  /** For dueSoon and escalated: the checkpoint reached. */
  checkpointId?: string;
}

export interface TransitionOptions {
  /** The clock's checkpoints (its definition's), to tell a reminder from an escalation. */
  checkpoints?: readonly Pick<CheckpointDefinition, 'id' | 'kind' | 'at'>[];
  /** The instant a checkpoint fell due (its timer's), when known. */
  checkpointAt?: (clockId: string, checkpointId: string) => string | undefined;
  /** The instant of the change itself: for a transition with no instant of its own. */
  at: string;
}

const FROM_HISTORY: Record<ClockHistoryEntry['change'], ClockEventKind> = {
  started: 'started',
  paused: 'paused',
  resumed: 'resumed',
  breached: 'breached',
  met: 'met',
  metLate: 'metLate',
  notApplicable: 'withdrawn',
  recalculated: 'dueChanged',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `after` carries on from `before` (the same count, with more history), rather than a fresh start. */
function carriesOn(before: ClockState, after: ClockState): boolean {
  if (before.startedAt !== after.startedAt) return false;
  if (after.history.length < before.history.length) return false;
  if (!before.history.every((entry, i) => same(entry, after.history[i]))) return false;
  // A fresh start at the very same instant: its history is [started] again and what it reached is forgotten,
  // except a resume un-reaching its due checkpoint (recorded in the history as resumed).
  const resumed = after.history.slice(before.history.length).some((h) => h.change === 'resumed');
  return resumed || before.reached.every((id) => after.reached.includes(id));
}

/**
 * The transitions of one clock between two states of its case (`before` undefined: the clock is new),
 * in order of when they happened (a reminder before the breach that followed it).
 */
export function clockTransitions(
  before: ClockState | undefined,
  after: ClockState,
  options: TransitionOptions,
): ClockTransition[] {
  if (before && same(before, after)) return [];
  const fresh = !before || !carriesOn(before, after);
  const out: ClockTransition[] = [];
  const add = (kind: ClockEventKind, at: string, checkpointId?: string) =>
    out.push({ kind, clockId: after.id, at, dueAt: after.dueAt, ...(checkpointId ? { checkpointId } : {}) });

  const newHistory = fresh ? after.history : after.history.slice(before.history.length);
  for (const entry of newHistory) {
    const kind = FROM_HISTORY[entry.change];
    add(kind === 'started' && before ? 'restarted' : kind, entry.at);
  }

  // Checkpoints newly reached: a reminder (warning) says the clock is due soon; an escalation that it is
  // escalated. A due checkpoint is the breach, already in the history. Recurring checkpoints (a review's
  // rhythm) are never "reached" once and for all, and are no change of the clock's own timeliness.
  const reachedBefore = fresh ? [] : before.reached;
  for (const id of after.reached.filter((r) => !reachedBefore.includes(r))) {
    const checkpoint = options.checkpoints?.find((c) => c.id === id);
    if (!checkpoint || 'every' in checkpoint.at || checkpoint.kind === 'due') continue;
    add(
      checkpoint.kind === 'warning' ? 'dueSoon' : 'escalated',
      options.checkpointAt?.(after.id, id) ?? options.at,
      id,
    );
  }

  // A due instant moved with nothing in the history to say so (a process recalculating it).
  if (!fresh && before.dueAt !== after.dueAt && !out.some((t) => t.kind === 'resumed' || t.kind === 'dueChanged'))
    add('dueChanged', options.at);

  // In order of when they happened; at one instant, as listed (the history's order, then checkpoints).
  return out
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.at.localeCompare(b.t.at) || a.i - b.i)
    .map(({ t }) => t);
}
