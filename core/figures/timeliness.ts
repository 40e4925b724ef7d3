/**
 * Timeliness figures for a commissioner's dashboard, per clock of a process: open clocks, those due in
 * the next 7 days, breaches (statutory or national clocks apart from local targets), the share met within
 * timescale by month, why clocks were missed and which kind of organisation held the clock that was
 * missed (council, health provider, school...). Counted from cases' clock states; pseudonymous: no case
 * detail, only counts.
 *
 * Totals for the whole partnership are shown as they are. What breaks them down further (by month, by
 * reason) adds up to a total shown beside it, so it is suppressed as a group: 1 to 4 as 'fewer than 5',
 * and a second cell withheld where the total would reveal one (./suppression.ts). A month's share is
 * withheld when drawn from, or leaving out, 1 to 4 clocks.
 *
 * Pure: case clock states in, figures out.
 */
import { londonDateOf } from '../calendar';
import type { ClockDefinition, ClockOwner, ClockState, RuleSource } from '../clocks/model';
import { suppressGroup, suppressShare, type Shown, WITHHELD } from './suppression';

/** A clock is due soon when it is open and due within this many days from now. */
export const DUE_SOON_DAYS = 7;

/** The reason given for a missed clock, when none has been recorded (yet). */
export const NO_REASON_RECORDED = 'No reason recorded yet';

export interface TimelinessCase {
  caseId: string;
  clocks: Record<string, ClockState>;
}

export interface MonthFigure {
  /** The London month the clocks fell due in, YYYY-MM. */
  month: string;
  /** Clocks due that month whose outcome is known (met, met late or breached). */
  due: Shown;
  /** Of them, met within timescale. */
  withinTimescale: Shown;
  /** withinTimescale / due to 3 decimal places; null with nothing due; 'withheld' where it could reveal a small number. */
  share: number | null | typeof WITHHELD;
}

export interface ClockTimeliness {
  clockId: string;
  title: string;
  source: RuleSource['kind'];
  citation: string;
  /** Which kind of organisation must meet the clock (where a missed clock's delay sits). */
  owner: ClockOwner | 'unknown';
  /** Running, paused, or breached and not yet stopped. */
  open: number;
  /** Open and due from now to DUE_SOON_DAYS days ahead. */
  dueSoon: number;
  /** Missed: still open past its due instant, or met late. */
  breached: number;
  /** Of the breached, still open. */
  breachedOpen: number;
  met: number;
  metLate: number;
  byMonth: MonthFigure[];
  /** Why clocks were missed (the process's reason, or NO_REASON_RECORDED), suppressed as a group (they add up to `breached`). */
  breachReasons: { reason: string; count: Shown }[];
}

export interface TimelinessFigures {
  asOf: string;
  dueSoonDays: number;
  clocks: ClockTimeliness[];
  /** Breaches of statutory and national clocks apart from breaches of local targets. */
  breaches: { statutory: number; localTarget: number };
  /** Breaches by the kind of organisation holding the missed clock, e.g. { council: 3, healthProvider: 7 }. */
  breachesByOwner: Record<string, number>;
}

const MISSED: readonly ClockState['status'][] = ['breached', 'metLate'];

/** The reason recorded when the clock was stopped after its due instant (e.g. the label of a delay reason). */
export const reasonGivenWhenStopped = (clock: ClockState): string | undefined => clock.history.findLast((h) => h.change === 'metLate')?.reason;

const isOpenClock = (c: ClockState) => (c.status === 'running' || c.status === 'paused' || c.status === 'breached') && !c.stoppedAt;

/**
 * @param definitions the process's clocks as the partnership runs them (order and owner come from here;
 *   a clock state whose definition is not listed is still counted, after them)
 * @param reasonOf why a missed clock was missed, in the process's own calm words (undefined: none
 *   recorded); by default the reason the rules gave when they stopped the clock late (its history)
 */
export function timelinessFigures(
  records: readonly TimelinessCase[],
  definitions: readonly Pick<ClockDefinition, 'id' | 'title' | 'source' | 'owner'>[],
  now: Date,
  reasonOf: (record: TimelinessCase, clock: ClockState) => string | undefined = (_record, clock) => reasonGivenWhenStopped(clock),
): TimelinessFigures {
  const soonUntil = now.getTime() + DUE_SOON_DAYS * 86_400_000;
  type Tally = {
    definition: Pick<ClockDefinition, 'id' | 'title' | 'source' | 'owner'> | undefined;
    states: { record: TimelinessCase; clock: ClockState }[];
  };
  const tallies = new Map<string, Tally>(definitions.map((d) => [d.id, { definition: d, states: [] }]));
  for (const record of records) {
    for (const clock of Object.values(record.clocks)) {
      let tally = tallies.get(clock.definitionId);
      if (!tally) tallies.set(clock.definitionId, (tally = { definition: undefined, states: [] }));
      tally.states.push({ record, clock });
    }
  }

  const breaches = { statutory: 0, localTarget: 0 };
  const breachesByOwner: Record<string, number> = {};
  const clocks: ClockTimeliness[] = [];
  for (const [clockId, { definition, states }] of tallies) {
    const first = states[0]?.clock;
    const source = definition?.source ?? first?.source ?? { kind: 'localTarget' as const, citation: '' };
    const owner = definition?.owner ?? 'unknown';
    const open = states.filter(({ clock }) => isOpenClock(clock));
    const missed = states.filter(({ clock }) => MISSED.includes(clock.status));

    const months = new Map<string, { due: number; within: number }>();
    for (const { clock } of states) {
      if (clock.status !== 'met' && !MISSED.includes(clock.status)) continue;
      const month = londonDateOf(new Date(clock.dueAt)).slice(0, 7);
      const m = months.get(month) ?? { due: 0, within: 0 };
      m.due++;
      if (clock.status === 'met') m.within++;
      months.set(month, m);
    }
    const monthRows = [...months.entries()].sort(([a], [b]) => a.localeCompare(b));
    // The months add up to the clock's concluded total: suppressed as one group, each column apart.
    const dueShown = suppressGroup(monthRows.map(([, m]) => m.due));
    const withinShown = suppressGroup(monthRows.map(([, m]) => m.within));
    const byMonth = monthRows.map(([month, m], i) => ({ month, due: dueShown[i]!, withinTimescale: withinShown[i]!, share: suppressShare(m.within, m.due, dueShown[i]!) }));

    const reasons = new Map<string, number>();
    for (const { record, clock } of missed) {
      const reason = reasonOf(record, clock) ?? NO_REASON_RECORDED;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const reasonRows = [...reasons.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    const reasonShown = suppressGroup(reasonRows.map(([, n]) => n));

    if (source.kind === 'localTarget') breaches.localTarget += missed.length;
    else breaches.statutory += missed.length;
    if (missed.length) breachesByOwner[owner] = (breachesByOwner[owner] ?? 0) + missed.length;

    clocks.push({
      clockId,
      title: definition?.title ?? first?.title ?? clockId,
      source: source.kind,
      citation: source.citation,
      owner,
      open: open.length,
      dueSoon: open.filter(({ clock }) => {
        const due = new Date(clock.dueAt).getTime();
        return due >= now.getTime() && due <= soonUntil;
      }).length,
      breached: missed.length,
      breachedOpen: missed.filter(({ clock }) => isOpenClock(clock)).length,
      met: states.filter(({ clock }) => clock.status === 'met').length,
      metLate: states.filter(({ clock }) => clock.status === 'metLate').length,
      byMonth,
      breachReasons: reasonRows.map(([reason], i) => ({ reason, count: reasonShown[i]! })),
    });
  }
  return { asOf: now.toISOString(), dueSoonDays: DUE_SOON_DAYS, clocks, breaches, breachesByOwner };
}
