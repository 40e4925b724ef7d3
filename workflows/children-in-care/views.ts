/**
 * Children in care, reviews and visits: the figures the board reads (per month and per council, small
 * numbers suppressed), beside the timeliness of its clocks; no per-case row goes to figure readers.
 *
 * - First reviews held, and within 20 working days of the child becoming looked after.
 * - Later reviews held, and on time (the second within 3 months of the first, later ones within 6 months).
 * - Visits made that were due, and on time (within a week of a placement's start, then 6 weeks, or 3
 *   months after the first year of a placement meant to last until 18).
 * - Children who became looked after, and placement moves.
 * Each in the month it happened, London time.
 */
import { londonDateOf } from '#core/calendar/index';
import { type CountSheet, table } from '#core/figures/suppression';
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { CicDetails } from './details';
import { expectedSteps } from './steps';

type Record_ = CaseRecord<CicDetails>;

export const views: ProcessViews<CicDetails> = {
  /** What is expected next on a case, as the rules would accept it (steps.ts). */
  expectedSteps,
  figures(records: Record_[], sheet: CountSheet) {
    return childrenInCareFigures(records, sheet);
  },
};

export interface Row {
  month: string;
  council: string;
  becameLookedAfter: number;
  placementMoves: number;
  firstReviews: number;
  firstReviewsWithinTwentyWorkingDays: number;
  laterReviews: number;
  laterReviewsOnTime: number;
  visits: number;
  visitsOnTime: number;
}

/** The counts before suppression, one row per (month, council) in order. */
export function figureCounts(records: Record_[]): Row[] {
  const rows = new Map<string, Row>();
  const rowOf = (day: string, council: string) => {
    const month = day.slice(0, 7);
    const key = `${month}|${council}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        month,
        council,
        becameLookedAfter: 0,
        placementMoves: 0,
        firstReviews: 0,
        firstReviewsWithinTwentyWorkingDays: 0,
        laterReviews: 0,
        laterReviewsOnTime: 0,
        visits: 0,
        visitsOnTime: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const record of records) {
    const d = record.details;
    if (!d?.enteredCareAt) continue;
    const council = record.organisation;
    rowOf(londonDateOf(new Date(d.enteredCareAt)), council).becameLookedAfter++;
    for (const placement of d.placements.slice(1)) rowOf(placement.startedOn, council).placementMoves++;
    d.reviews.forEach((review, i) => {
      if (!review.heldOn) return;
      const r = rowOf(review.heldOn, council);
      if (i === 0) {
        r.firstReviews++;
        if (review.onTime) r.firstReviewsWithinTwentyWorkingDays++;
      } else {
        r.laterReviews++;
        if (review.onTime) r.laterReviewsOnTime++;
      }
    });
    for (const visit of d.visits) {
      if (!visit.visitedOn) continue;
      const r = rowOf(visit.visitedOn, council);
      r.visits++;
      if (visit.onTime) r.visitsOnTime++;
    }
  }
  return [...rows.values()].sort((a, b) => `${a.month}|${a.council}`.localeCompare(`${b.month}|${b.council}`));
}

/**
 * The board's figures per month and council: every count a cell of the answer's sheet, each share's
 * numerator within its denominator.
 */
export function childrenInCareFigures(records: Record_[], sheet: CountSheet) {
  return {
    byMonthAndCouncil: table(
      figureCounts(records).map((r) => {
        const c = (n: number) => sheet.count(n);
        const firstReviews = c(r.firstReviews);
        const firstWithin = c(r.firstReviewsWithinTwentyWorkingDays);
        const laterReviews = c(r.laterReviews);
        const laterOnTime = c(r.laterReviewsOnTime);
        const visits = c(r.visits);
        const visitsOnTime = c(r.visitsOnTime);
        return {
          month: r.month,
          council: r.council,
          becameLookedAfter: c(r.becameLookedAfter),
          placementMoves: c(r.placementMoves),
          firstReviews,
          firstReviewsWithinTwentyWorkingDays: firstWithin,
          shareFirstReviewsWithinTwentyWorkingDays: sheet.share(firstWithin, firstReviews),
          laterReviews,
          laterReviewsOnTime: laterOnTime,
          shareLaterReviewsOnTime: sheet.share(laterOnTime, laterReviews),
          visits,
          visitsOnTime,
          shareVisitsOnTime: sheet.share(visitsOnTime, visits),
        };
      }),
    ),
  };
}
