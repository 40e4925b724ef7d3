/**
 * What every story shares: the world, the ledger, the configuration, the calendar of working days, the
 * partnership's schools and teams, and what is settled only when the year ends (an episode still open 20
 * weeks on, a clock that ran out with nothing recorded), written to the ledger then.
 */
import {
  addCalendarDays,
  compareLocalDates,
  type LocalDate,
  londonDateOf,
  londonDateTime,
  type WorkingDayCalendar,
} from '#core/calendar/index';
import type { SimulationConfig } from './config';
import type { Ledger } from './ledger';
import type { SimSchool } from './partnership';
import type { Random } from './random';
import type { World } from './world';

export interface SimulationContext {
  world: World;
  ledger: Ledger;
  config: SimulationConfig;
  /** Volumes are multiplied by this. */
  scale: number;
  workingDays: WorkingDayCalendar;
  schools: readonly SimSchool[];
  /** The first instant simulated and the last. */
  start: Date;
  end: Date;
  /** Work to do when the year is over (given the instant it ended). */
  atEnd: ((end: Date) => void)[];
}

export const dayOf = (instant: Date | string): LocalDate => londonDateOf(new Date(instant));
export const monthOf = (instant: Date | string): string => dayOf(instant).slice(0, 7);

/** A London wall-clock time on a day, at a random minute between two times ('09:00', '17:00'). */
export function timeOn(rng: Random, day: LocalDate, from: string, to: string): Date {
  const [fh, fm] = from.split(':').map(Number) as [number, number];
  const [th, tm] = to.split(':').map(Number) as [number, number];
  const minute = rng.int(fh * 60 + fm, th * 60 + tm - 1);
  return londonDateTime(
    day,
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
  );
}

/** The working day on or after a day. */
export function workingDayFrom(wd: WorkingDayCalendar, day: LocalDate): LocalDate {
  let d = day;
  while (!wd.isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

/** Every day from `from` to `to`, both included. */
export function* daysFrom(from: LocalDate, to: LocalDate): Generator<LocalDate> {
  for (let d = from; compareLocalDates(d, to) <= 0; d = addCalendarDays(d, 1)) yield d;
}

/** The later of two instants. */
export const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

/** The clock of an answer's case by id, its due instant (or undefined). */
export function dueOf(answer: { body?: { clocks?: { id: string; dueAt: string }[] } }, clockId: string) {
  return answer.body?.clocks?.find((c) => c.id === clockId)?.dueAt;
}

/** A clock's outcome as the ledger records it: known once stopped, or once its due passed with it open. */
export function clockOutcome(
  due: string,
  stoppedAt: Date | undefined,
  closedAt: Date | undefined,
  end: Date,
): { month: string; within: boolean } | undefined {
  const dueMs = Date.parse(due);
  if (stoppedAt) return { month: monthOf(due), within: stoppedAt.getTime() <= dueMs };
  // Open: missed once its due instant passed before the case closed (closing stops it as not applicable).
  // (A due instant reached as the case closed, or the year ended, fired first: missed.)
  const until = closedAt ?? end;
  return until.getTime() >= dueMs ? { month: monthOf(due), within: false } : undefined;
}
