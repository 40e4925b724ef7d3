/**
 * Child protection: what a plan counts as, for the board's measures (measures.ts) and the figures
 * (views.ts) alike. Its own file so that the views, which the rules step leaves out, and the measures,
 * which the API leaves out, each carry it without carrying the other.
 */
import { addCalendarMonths, compareLocalDates } from '#core/calendar/index';
import type { CpDetails } from './details';

/** Months a plan lasts before it counts as lasting 2 years or more. */
export const LONG_PLAN_MONTHS = 24;

/** Whether a plan from `startedOn` has lasted 2 years or more by `day` (calendar months in London). */
export const lastedTwoYears = (startedOn: string, day: string): boolean =>
  compareLocalDates(day, addCalendarMonths(startedOn, LONG_PLAN_MONTHS)) >= 0;

/** A repeat plan: the child's second or later, with any council (the census's "second or subsequent time"). */
export const isRepeatPlan = (plan: Pick<NonNullable<CpDetails['plan']>, 'previousPlans'>): boolean =>
  plan.previousPlans > 0;

/** How a plan ended, as the figures group it (the 18th birthday apart). */
export const planEndingOf = (d: CpDetails): string => d.conclusion?.outcome ?? 'other';
