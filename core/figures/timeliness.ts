/**
 * Timeliness figures for a commissioner's dashboard, per clock of a process: open clocks, those due soon
 * (the one definition, core/clocks/state.ts, said in words on each clock's row), breaches (statutory or
 * national clocks apart from local targets), the share met within timescale by month, why clocks were
 * missed and which kind of organisation held the clock that was missed (council, health provider,
 * school...). Counted from cases' clock states; pseudonymous: no case
 * detail, only counts.
 *
 * Every count is a cell of the answer's sheet (./suppression.ts), with what adds up to what declared
 * beside it: the open clocks and those missed and still open, the months of a clock adding up to its
 * clocks whose outcome is known, the reasons adding up to its missed clocks, the clocks adding up to the
 * total row, the breaches by rule and by who holds the clock. The sheet's one suppression step then
 * decides what may be shown.
 *
 * Pure: case clock states in, a draft of figures out.
 */
import type { ClockCalendars } from '../clocks/engine';
import type { ClockDefinition, ClockState, RuleSource } from '../clocks/model';
import { clockStateOf, DUE_SOON_DEFINITION, dueSoonRuleOf } from '../clocks/state';
import { clockOutcome, isMissed as missed } from '../measures/clock-outcomes';
import { type Cell, type CountSheet, type Resolved, type ShareFigure, table } from './suppression';

/** The reason given for a missed clock, when none has been recorded (yet). */
export const NO_REASON_RECORDED = 'No reason recorded yet';

export interface TimelinessCase {
  caseId: string;
  clocks: Record<string, ClockState>;
}

/** The reason recorded when the clock was stopped after its due instant (e.g. the label of a delay reason). */
export const reasonGivenWhenStopped = (clock: ClockState): string | undefined =>
  clock.history.findLast((h) => h.change === 'metLate')?.reason;

const isOpenClock = (c: ClockState) =>
  (c.status === 'running' || c.status === 'paused' || c.status === 'breached') && !c.stoppedAt;

type Definition = Pick<ClockDefinition, 'id' | 'title' | 'source' | 'owner' | 'kind' | 'length'>;

/**
 * @param definitions the process's clocks as the partnership runs them (order and owner come from here;
 *   a clock state whose definition is not listed is still counted, after them)
 * @param calendars the working days the clocks count, for due soon (core/clocks/state.ts: the same state
 *   every page shows; it needs no finer date than a day to count, and only the count is shown)
 * @param reasonOf why a missed clock was missed, in the process's own calm words (undefined: none
 *   recorded); by default the reason the rules gave when they stopped the clock late (its history)
 */
export function timelinessDraft(
  sheet: CountSheet,
  records: readonly TimelinessCase[],
  definitions: readonly Definition[],
  now: Date,
  calendars: ClockCalendars,
  reasonOf: (record: TimelinessCase, clock: ClockState) => string | undefined = (_record, clock) =>
    reasonGivenWhenStopped(clock),
) {
  type Tally = { definition: Definition | undefined; states: { record: TimelinessCase; clock: ClockState }[] };
  const tallies = new Map<string, Tally>(definitions.map((d) => [d.id, { definition: d, states: [] }]));
  for (const record of records) {
    for (const clock of Object.values(record.clocks)) {
      let tally = tallies.get(clock.definitionId);
      if (!tally) {
        tally = { definition: undefined, states: [] };
        tallies.set(clock.definitionId, tally);
      }
      tally.states.push({ record, clock });
    }
  }

  type Counts = { open: Cell; dueSoon: Cell; breached: Cell; breachedOpen: Cell; met: Cell; metLate: Cell };
  const clockRows: ({
    clockId: string;
    title: string;
    dueSoonRule: string;
    source: RuleSource['kind'];
    citation: string;
    owner: string;
  } & Counts)[] = [];
  const monthRows: { clockId: string; month: string; due: Cell; withinTimescale: Cell; share: ShareFigure }[] = [];
  const reasonRows: { clockId: string; reason: string; clocks: Cell }[] = [];
  const missedBy: { source: RuleSource['kind']; owner: string; missed: Cell }[] = [];
  for (const [clockId, { definition, states }] of tallies) {
    const first = states[0]?.clock;
    const source = definition?.source ?? first?.source ?? { kind: 'localTarget' as const, citation: '' };
    const owner = definition?.owner ?? 'unknown';
    const count = (test: (c: ClockState) => boolean) => states.filter(({ clock }) => test(clock)).length;
    const isMissed = missed;

    const open = sheet.count(count(isOpenClock));
    const dueSoon = sheet.count(count((c) => isOpenClock(c) && clockStateOf(c, now, calendars).state === 'dueSoon'));
    const breached = sheet.count(count(isMissed));
    const breachedOpen = sheet.count(count((c) => isMissed(c) && isOpenClock(c)));
    const met = sheet.count(count((c) => c.status === 'met'));
    const metLate = sheet.count(count((c) => c.status === 'metLate'));
    // What the reader could subtract: open clocks not missed, missed clocks stopped while breached.
    sheet.within(open, dueSoon);
    sheet.adds(open, [breachedOpen, sheet.unshown(count((c) => isOpenClock(c) && !isMissed(c)))]);
    sheet.adds(breached, [
      metLate,
      breachedOpen,
      sheet.unshown(count((c) => c.status === 'breached' && !isOpenClock(c))),
    ]);
    clockRows.push({
      clockId,
      title: definition?.title ?? first?.title ?? clockId,
      dueSoonRule: dueSoonRuleOf(definition ?? first ?? { kind: 'calendarDays', length: 0 }),
      source: source.kind,
      citation: source.citation,
      owner,
      open,
      dueSoon,
      breached,
      breachedOpen,
      met,
      metLate,
    });
    missedBy.push({ source: source.kind, owner, missed: breached });

    // By the London month the clocks fell due, those whose outcome is known: they add up to met and missed.
    // Counted by the one definition of a clock's outcome the board's clock measures use too.
    const months = new Map<string, { due: number; within: number }>();
    for (const { clock } of states) {
      const outcome = clockOutcome(clock);
      if (!outcome) continue;
      const m = months.get(outcome.month) ?? { due: 0, within: 0 };
      m.due++;
      if (outcome.withinTimescale) m.within++;
      months.set(outcome.month, m);
    }
    const concluded = sheet.unshown(count((c) => c.status === 'met' || isMissed(c)));
    sheet.adds(concluded, [met, breached]);
    const dueCells: Cell[] = [];
    const withinCells: Cell[] = [];
    for (const [month, m] of [...months.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const due = sheet.count(m.due);
      const withinTimescale = sheet.count(m.within);
      dueCells.push(due);
      withinCells.push(withinTimescale);
      monthRows.push({ clockId, month, due, withinTimescale, share: sheet.share(withinTimescale, due) });
    }
    sheet.adds(concluded, dueCells);
    sheet.adds(met, withinCells);

    // Why clocks were missed: the reasons add up to the missed clocks.
    const reasons = new Map<string, number>();
    for (const { record, clock } of states.filter(({ clock }) => isMissed(clock))) {
      const reason = reasonOf(record, clock) ?? NO_REASON_RECORDED;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const reasonCells = [...reasons.entries()]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([reason, n]) => {
        const clocks = sheet.count(n);
        reasonRows.push({ clockId, reason, clocks });
        return clocks;
      });
    sheet.adds(breached, reasonCells);
  }

  const column = (key: keyof Counts) => sheet.totalOf(clockRows.map((r) => r[key]));
  const total: Counts = {
    open: column('open'),
    dueSoon: column('dueSoon'),
    breached: column('breached'),
    breachedOpen: column('breachedOpen'),
    met: column('met'),
    metLate: column('metLate'),
  };
  // Breaches of statutory and national clocks apart from local targets; and by who holds the missed clock.
  const statutory = sheet.totalOf(missedBy.filter((m) => m.source !== 'localTarget').map((m) => m.missed));
  const localTarget = sheet.totalOf(missedBy.filter((m) => m.source === 'localTarget').map((m) => m.missed));
  sheet.adds(total.breached, [statutory, localTarget]);
  const owners = [...new Set(missedBy.map((m) => m.owner))];
  const byOwner = owners.map((owner) => ({
    owner,
    breaches: sheet.totalOf(missedBy.filter((m) => m.owner === owner).map((m) => m.missed)),
  }));
  sheet.adds(
    total.breached,
    byOwner.map((o) => o.breaches),
  );

  return {
    /** What due soon means, for every clock (each row says it for its own clock). */
    dueSoonRule: DUE_SOON_DEFINITION,
    /**
     * Each clock: open, due soon (as its row's dueSoonRule says), missed (breached or met late), missed
     * and still open, met in time, met late; the total row across clocks.
     */
    clocks: table(clockRows, total),
    /**
     * Clocks whose outcome is known, by the London month they fell due: how many,
     * how many met within timescale, the share.
     */
    byMonth: table(monthRows),
    /** Why clocks were missed (the process's reason, or NO_REASON_RECORDED). */
    breachReasons: table(reasonRows),
    /** Missed clocks by rule: statutory (and national standards) apart from local targets. */
    breaches: table([
      { rule: 'statutory', breaches: statutory },
      { rule: 'localTarget', breaches: localTarget },
    ]),
    /** Missed clocks by the kind of organisation that holds the clock (where the delay sits). */
    breachesByOwner: table(byOwner),
  };
}

/** The timeliness figures as a figure reader receives them (suppressed). */
export type TimelinessFigures = Resolved<ReturnType<typeof timelinessDraft>>;
