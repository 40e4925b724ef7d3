/**
 * A clock's outcome as every figure counts it: known once the clock was met, met late or breached (still
 * open or not); in the London month it fell due; within timescale when met by its due instant. The
 * dashboards' timeliness by month (../figures/timeliness.ts) and the board's clock measures (IHA requests
 * within 5 working days, assessments within 20, review assessments on time) count through this one
 * definition, so the same clock gives the same figure wherever it is read.
 *
 * Pure: clock states in, outcomes out.
 */
import type { ClockState } from '../clocks/model';
import { type CountMeasure, londonMonthOf, type MeasureSource, type Occurrence, type ShareMeasure } from './measure';

/** Missed: breached (still open or stopped while breached) or met after its due instant. */
export const isMissed = (clock: Pick<ClockState, 'status'>): boolean =>
  clock.status === 'breached' || clock.status === 'metLate';

/** The clock's outcome, once known: the London month it fell due and whether it was met within timescale. */
export function clockOutcome(clock: ClockState): { month: string; withinTimescale: boolean } | undefined {
  if (clock.status !== 'met' && !isMissed(clock)) return undefined;
  return { month: londonMonthOf(clock.dueAt), withinTimescale: clock.status === 'met' };
}

interface Clocked {
  clocks: Record<string, ClockState>;
}

/**
 * Two measures of the clocks of one definition (every case's clocks of it, a review's too): the clocks
 * whose outcome is known by the month they fell due (a count), and the share met within timescale.
 */
export function clockMeasures<R extends Clocked>(spec: {
  /** Ids of the two measures. */
  dueId: string;
  withinId: string;
  clockDefinitionId: string;
  dueTitle: string;
  withinTitle: string;
  /** What one clock is, in words ('requests to health that fell due'). */
  counts: string;
  /** What within timescale means for it, in words. */
  within: string;
  definition: string;
  source: MeasureSource;
  boardPack?: string;
  /** Only the clocks this admits (e.g. a review due before the child's fifth birthday). */
  admits?(record: R, clock: ClockState): boolean;
  /** Breakdowns of the clocks counted, with each clock's groups. */
  breakdowns?: CountMeasure['breakdowns'];
  groupsOf?(record: R, clock: ClockState): Record<string, string>;
}): [CountMeasure<R>, ShareMeasure<R>] {
  const outcomes = (record: R) =>
    Object.values(record.clocks ?? {})
      .filter((c) => c.definitionId === spec.clockDefinitionId && (spec.admits?.(record, c) ?? true))
      .flatMap((clock) => {
        const o = clockOutcome(clock);
        return o ? [{ clock, ...o }] : [];
      });
  const occurrence = (record: R, clock: ClockState, month: string): Occurrence => ({
    month,
    ...(spec.groupsOf ? { groups: spec.groupsOf(record, clock) } : {}),
  });
  return [
    {
      kind: 'count',
      id: spec.dueId,
      title: spec.dueTitle,
      counts: spec.counts,
      definition: `${spec.counts}, whose outcome is known (met, met late or missed), in the London month each fell due`,
      source: spec.source,
      ...(spec.breakdowns ? { breakdowns: spec.breakdowns } : {}),
      count: (record) => outcomes(record).map(({ clock, month }) => occurrence(record, clock, month)),
    },
    {
      kind: 'share',
      id: spec.withinId,
      title: spec.withinTitle,
      of: spec.dueId,
      numerator: spec.within,
      definition: spec.definition,
      source: spec.source,
      ...(spec.boardPack ? { boardPack: spec.boardPack } : {}),
      ...(spec.breakdowns ? { breakdowns: spec.breakdowns } : {}),
      count: (record) =>
        outcomes(record)
          .filter((o) => o.withinTimescale)
          .map(({ clock, month }) => occurrence(record, clock, month)),
    },
  ];
}
