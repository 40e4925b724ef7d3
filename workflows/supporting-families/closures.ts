/**
 * Supporting Families / Family Help: what the board reads of an episode's length and closure (16 and 20
 * calendar weeks from allocation, and the closures it counts), shared by the board's measures
 * (./measures.ts) and the process's figures (./views.ts), so the figures need not carry the measures.
 */
import { addCalendarDays, compareLocalDates, londonDateOf } from '#core/calendar/index';
import type { CaseRecord } from '#core/process/model';
import { EPISODE_WEEKS, WEEK } from './clocks';
import { closureOutcomes, type SfDetails } from './details';

type Episode = CaseRecord<SfDetails>;

/** Calendar days from allocation to closure the board reads as 16 weeks, and the 20 weeks it watches. */
export const SIXTEEN_WEEKS_DAYS = EPISODE_WEEKS * WEEK;
export const TWENTY_WEEKS_DAYS = 20 * WEEK;

/** A closure the board counts: of an episode that started (a lead practitioner allocated), whatever its outcome. */
export function boardClosure(r: Episode) {
  const d = r.details;
  if (!d?.closure || !d.allocation) return undefined;
  if (!(closureOutcomes as readonly string[]).includes(d.closure.outcome)) return undefined;
  return { ...d.closure, allocatedAt: d.allocation.allocatedAt };
}

/**
 * The board's 16 weeks: closed by the end of the same weekday 16 calendar weeks after the London day the
 * lead practitioner was allocated, paused weeks included (allocated Monday 5 January, closed by Monday 27 April).
 */
export function closedWithinSixteenCalendarWeeks(allocatedAt: string, closedAt: string): boolean {
  const lastDay = addCalendarDays(londonDateOf(new Date(allocatedAt)), SIXTEEN_WEEKS_DAYS);
  return compareLocalDates(londonDateOf(new Date(closedAt)), lastDay) <= 0;
}

/** The second figure: 16 weeks of support counted, paused days left out (the platform's own count at closure). */
export const closedWithinSixteenWeeksCounted = (closure: { daysCounted?: number }): boolean =>
  closure.daysCounted !== undefined && closure.daysCounted <= SIXTEEN_WEEKS_DAYS;

/** The London day an episode reached 20 calendar weeks still open (undefined: it closed first, or not yet). */
export function dayPastTwentyWeeks(r: Episode, now: Date): string | undefined {
  const d = r.details;
  if (!d?.allocation) return undefined;
  const day = addCalendarDays(londonDateOf(new Date(d.allocation.allocatedAt)), TWENTY_WEEKS_DAYS);
  if (compareLocalDates(day, londonDateOf(now)) >= 0) return undefined;
  const closedOn = d.closure ? londonDateOf(new Date(d.closure.at)) : undefined;
  // Still open at the end of the day 20 weeks on: closed that day or before, it did not pass 20 weeks.
  if (closedOn && compareLocalDates(closedOn, day) <= 0) return undefined;
  return day;
}
