/**
 * A process's figures answer (GET /processes/{process}/figures): the timeliness of its clocks and the
 * process's own figures, built on one sheet and suppressed once, so no count hidden in one table is
 * shown in another. The figures route returns only what comes out of here (a Suppressed answer).
 *
 * Pure: cases in, what a figure reader may see out.
 */

import type { ClockCalendars } from '../clocks/engine';
import type { ClockDefinition } from '../clocks/model';
import type { CaseRecord } from '../process/model';
import { type DateResolution, periodOf } from './pseudonymous';
import { CountSheet, type Draft, type Resolved, type Suppressed } from './suppression';
import { type TimelinessFigures, timelinessDraft } from './timeliness';

/** A process's own figures: tables of cells on the answer's sheet, never a bare number. */
export type ProcessFiguresDraft = { [key: string]: Draft };

/** What the answer needs of a process: its id, how finely its pseudonymous views give dates, its own figures. */
export interface FiguresSource {
  id: string;
  datesShown?: DateResolution;
  figures?(records: CaseRecord[], sheet: CountSheet, now: Date): ProcessFiguresDraft;
}

export type FiguresAnswer = {
  process: string;
  /** Today's London day, or this ISO week: no instant finer than the process's dates. */
  asOf: string;
  /** How finely dates are given: 'day' or 'isoWeek'. */
  dates: DateResolution;
  timeliness: TimelinessFigures;
} & { [figures: string]: unknown };

export function figuresAnswer(
  process: FiguresSource,
  records: CaseRecord[],
  clocks: readonly Pick<ClockDefinition, 'id' | 'title' | 'source' | 'owner' | 'kind' | 'length'>[],
  now: Date,
  calendars: ClockCalendars,
): Suppressed<FiguresAnswer> {
  const resolution = process.datesShown ?? 'day';
  const sheet = new CountSheet();
  const timeliness = timelinessDraft(sheet, records, clocks, now, calendars);
  const own = process.figures?.(records, sheet, now) ?? {};
  // The process's figures first: the answer's own fields cannot be replaced by them.
  const draft = { ...own, process: process.id, asOf: periodOf(now, resolution), dates: resolution, timeliness };
  return sheet.suppress().resolve(draft) as Suppressed<Resolved<typeof draft> & FiguresAnswer>;
}
