/**
 * A process's figures answer (GET /processes/{process}/figures): the timeliness of its clocks and the
 * process's own figures, built on one sheet and suppressed once, so no count hidden in one table is
 * shown in another. The figures route returns only what comes out of here (a Suppressed answer).
 *
 * Pure: cases in, what a figure reader may see out.
 */

import type { ClockCalendars } from '../clocks/engine';
import type { ClockDefinition } from '../clocks/model';
import type { AccessFacts } from '../process/access';
import type { CaseRecord } from '../process/model';
import { type CouncilLevel, linkLevels, recordsByCouncil } from './levels';
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
  /** The council whose figures these are; null: the partnership's (every council's cases). */
  council?: CouncilLevel | null;
  /** The councils the reader may choose beside the partnership. */
  councils?: CouncilLevel[];
} & { [figures: string]: unknown };

/** Figures by council: the partnership's directory, the level asked for, the levels the reader may choose. */
export interface CouncilChoice {
  facts: AccessFacts;
  /** The council (or NO_COUNCIL) whose figures are given; undefined: the partnership's. */
  council?: string;
  /** The councils the reader may choose, said in the answer (checked by the caller). */
  readable: readonly CouncilLevel[];
}

export function figuresAnswer(
  process: FiguresSource,
  records: CaseRecord[],
  clocks: readonly Pick<ClockDefinition, 'id' | 'title' | 'source' | 'owner' | 'kind' | 'length'>[],
  now: Date,
  calendars: ClockCalendars,
  choice?: CouncilChoice,
): Suppressed<FiguresAnswer> {
  const resolution = process.datesShown ?? 'day';
  const sheet = new CountSheet();
  const draftOf = (of: CaseRecord[]) => {
    const timeliness = timelinessDraft(sheet, of, clocks, now, calendars);
    const own = process.figures?.(of, sheet, now) ?? {};
    // The process's figures first: the answer's own fields cannot be replaced by them.
    return { ...own, process: process.id, asOf: periodOf(now, resolution), dates: resolution, timeliness };
  };
  const partnership = draftOf(records);
  if (!choice) return sheet.suppress().resolve(partnership) as Suppressed<Resolved<typeof partnership> & FiguresAnswer>;
  // Every council's figures on the same sheet, added up to the partnership's and suppressed with them.
  const byCouncil = new Map([...recordsByCouncil(records, choice.facts)].map(([id, of]) => [id, draftOf(of)]));
  linkLevels(sheet, partnership, [...byCouncil.values()]);
  const suppression = sheet.suppress();
  const chosen = choice.council === undefined ? partnership : byCouncil.get(choice.council);
  if (!chosen) throw new Error(`No figures for the council ${choice.council}`);
  const council = choice.council === undefined ? null : choice.readable.find((c) => c.id === choice.council);
  if (council === undefined) throw new Error(`The council ${choice.council} is not one the reader may read`);
  const draft = { ...chosen, council, councils: [...choice.readable] };
  return suppression.resolve(draft) as Suppressed<Resolved<typeof draft> & FiguresAnswer>;
}
