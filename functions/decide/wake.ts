/**
 * A case's wake-up event and schedule name: small on purpose, so the sweeper that restarts overdue
 * wake-ups does not bundle the rules.
 */
import { TIMERS_DUE } from '#core/process/model';
import { INLINE } from '../store/staged';

/** The schedule of a case: one per case, whatever its number of checkpoints. */
export const scheduleNameOf = (caseId: string) => `case-${caseId}`;

/** The event a case's wake-up starts: fire every timer due by `dueAt`. Nothing personal in it. */
export function wakeEvent(record: { process: string; caseId: string }, dueAt: string) {
  return {
    eventId: `wake-${record.caseId}-${Math.floor(new Date(dueAt).getTime() / 1000)}`,
    type: TIMERS_DUE,
    staged: INLINE,
    process: record.process,
    caseId: record.caseId,
    occurredAt: dueAt,
    actor: {
      kind: 'system',
      userId: 'righttime-scheduler',
      name: 'RightTime scheduler',
      role: 'system',
      organisation: 'righttime',
    },
    payload: { dueAt },
  };
}
