/**
 * Child protection: the figures the board reads (per month and per council, small numbers suppressed),
 * beside the timeliness of its clocks; no per-case row goes to figure readers (who reads a case is in
 * access.ts).
 *
 * - Initial conferences held within 15 working days of the last strategy discussion (the clock's count,
 *   Working Together 2023; the DfE children in need census's measure).
 * - First core groups within 10 working days of the initial conference.
 * - Review conferences held on time (within 3 months of the initial conference, then 6 of the previous).
 * - Plans that ended having lasted 2 years or more, and open plans that have lasted 2 years or more now.
 * - Repeat plans: plans that are the child's second or later, with any council: the conference records how
 *   many plans the child had before, as the children in need census does ("for a second or subsequent
 *   time").
 *
 * Two years is counted in calendar months in London: a plan started on 14 January 2027 has lasted 2 years
 * on 14 January 2029.
 */
import { londonDateOf } from '#core/calendar/index';
import { type Cell, type CountSheet, table } from '#core/figures/suppression';
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { type CpDetails, endings, TURNED_18 } from './details';
import { isRepeatPlan, lastedTwoYears, planEndingOf } from './plans';
import { expectedSteps } from './steps';

type Record_ = CaseRecord<CpDetails>;

export const views: ProcessViews<CpDetails> = {
  /** What is expected next on a case, as the rules would accept it (steps.ts). */
  expectedSteps,
  figures(records: Record_[], sheet: CountSheet, now: Date) {
    return childProtectionFigures(records, sheet, now);
  },
};

/** The endings of a plan, each a column of the figures. */
const planEndings = [...endings, TURNED_18] as const;

/** One (month, council) row of counts, before suppression. */
export interface Row {
  month: string;
  council: string;
  referrals: number;
  enquiriesStarted: number;
  initialConferences: number;
  initialConferencesWithinFifteenWorkingDays: number;
  plansStarted: number;
  repeatPlans: number;
  firstCoreGroups: number;
  firstCoreGroupsWithinTenWorkingDays: number;
  reviewConferences: number;
  reviewConferencesOnTime: number;
  plansEnded: number;
  plansEndedAfterTwoYearsOrMore: number;
  plansEndedBy: Record<string, number>;
}

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
const month = (day: string) => day.slice(0, 7);
const dayOf = (iso: string) => londonDateOf(new Date(iso));

/**
 * The board's figures, per month and per council: each count in the month its own event happened (a
 * referral in the month it was received, a conference in the month it was held, a plan's end in the month
 * it ended), London time. Every count is a cell of the answer's sheet, with what is within what declared
 * (each share's numerator within its denominator; plans ended by how they ended add up to plans ended), so
 * small numbers are suppressed with the rest of the answer. Open plans lasting 2 years or more are a count
 * as of now, per council.
 */
export function childProtectionFigures(records: Record_[], sheet: CountSheet, now: Date) {
  const { rows, openPlansTwoYearsOrMore } = figureCounts(records, now);
  const byMonthAndCouncil = rows.map((r) => {
    const c = (n: number) => sheet.count(n);
    const initialConferences = c(r.initialConferences);
    const initialWithin = c(r.initialConferencesWithinFifteenWorkingDays);
    const plansStarted = c(r.plansStarted);
    const repeatPlans = c(r.repeatPlans);
    const firstCoreGroups = c(r.firstCoreGroups);
    const coreGroupsWithin = c(r.firstCoreGroupsWithinTenWorkingDays);
    const reviewConferences = c(r.reviewConferences);
    const reviewsOnTime = c(r.reviewConferencesOnTime);
    const plansEnded = c(r.plansEnded);
    const endedLong = c(r.plansEndedAfterTwoYearsOrMore);
    const plansEndedBy = Object.fromEntries(
      Object.entries(r.plansEndedBy).map(([k, v]) => [k, sheet.count(v)]),
    ) as Record<string, Cell>;
    sheet.adds(plansEnded, Object.values(plansEndedBy));
    return {
      month: r.month,
      council: r.council,
      referrals: c(r.referrals),
      enquiriesStarted: c(r.enquiriesStarted),
      initialConferences,
      initialConferencesWithinFifteenWorkingDays: initialWithin,
      shareInitialConferencesWithinFifteenWorkingDays: sheet.share(initialWithin, initialConferences),
      plansStarted,
      repeatPlans,
      shareRepeatPlans: sheet.share(repeatPlans, plansStarted),
      firstCoreGroups,
      firstCoreGroupsWithinTenWorkingDays: coreGroupsWithin,
      shareFirstCoreGroupsWithinTenWorkingDays: sheet.share(coreGroupsWithin, firstCoreGroups),
      reviewConferences,
      reviewConferencesOnTime: reviewsOnTime,
      shareReviewConferencesOnTime: sheet.share(reviewsOnTime, reviewConferences),
      plansEnded,
      plansEndedAfterTwoYearsOrMore: endedLong,
      sharePlansEndedAfterTwoYearsOrMore: sheet.share(endedLong, plansEnded),
      plansEndedBy,
    };
  });
  return {
    byMonthAndCouncil: table(byMonthAndCouncil),
    openPlansTwoYearsOrMore: table(
      Object.entries(openPlansTwoYearsOrMore).map(([council, plans]) => ({ council, plans: sheet.count(plans) })),
    ),
  };
}

/**
 * The counts before suppression, one row per (month, council) in order, and open plans of 2 years or more
 * by council.
 */
export function figureCounts(
  records: Record_[],
  now: Date,
): { rows: Row[]; openPlansTwoYearsOrMore: Record<string, number> } {
  const rows = new Map<string, Row>();
  const rowOf = (m: string, council: string) => {
    const key = `${m}|${council}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        month: m,
        council,
        referrals: 0,
        enquiriesStarted: 0,
        initialConferences: 0,
        initialConferencesWithinFifteenWorkingDays: 0,
        plansStarted: 0,
        repeatPlans: 0,
        firstCoreGroups: 0,
        firstCoreGroupsWithinTenWorkingDays: 0,
        reviewConferences: 0,
        reviewConferencesOnTime: 0,
        plansEnded: 0,
        plansEndedAfterTwoYearsOrMore: 0,
        plansEndedBy: zeros(planEndings),
      };
      rows.set(key, r);
    }
    return r;
  };
  const today = londonDateOf(now);
  const openLong = new Map<string, number>();
  for (const record of records) {
    const d = record.details;
    if (!d?.referral) continue;
    const council = record.organisation;
    rowOf(month(dayOf(d.referral.receivedAt)), council).referrals++;
    if (d.enquiry) rowOf(month(dayOf(d.enquiry.startedAt)), council).enquiriesStarted++;
    if (d.initialConference) {
      const x = rowOf(month(d.initialConference.heldOn), council);
      x.initialConferences++;
      if (d.initialConference.withinFifteenWorkingDays) x.initialConferencesWithinFifteenWorkingDays++;
    }
    if (d.plan) {
      const x = rowOf(month(d.plan.startedOn), council);
      x.plansStarted++;
      if (isRepeatPlan(d.plan)) x.repeatPlans++;
      if (d.plan.endedOn) {
        const y = rowOf(month(d.plan.endedOn), council);
        y.plansEnded++;
        y.plansEndedBy[planEndingOf(d)]!++;
        if (lastedTwoYears(d.plan.startedOn, d.plan.endedOn)) y.plansEndedAfterTwoYearsOrMore++;
      } else if (record.status === 'open' && lastedTwoYears(d.plan.startedOn, today)) {
        openLong.set(council, (openLong.get(council) ?? 0) + 1);
      }
    }
    const first = d.coreGroups.find((g) => g.withinTenWorkingDays !== undefined);
    if (first) {
      const x = rowOf(month(first.heldOn), council);
      x.firstCoreGroups++;
      if (first.withinTenWorkingDays) x.firstCoreGroupsWithinTenWorkingDays++;
    }
    for (const review of d.reviews) {
      if (!review.heldOn) continue;
      const x = rowOf(month(review.heldOn), council);
      x.reviewConferences++;
      if (review.onTime) x.reviewConferencesOnTime++;
    }
  }
  const sorted = [...rows.values()].sort((a, b) => `${a.month}|${a.council}`.localeCompare(`${b.month}|${b.council}`));
  return {
    rows: sorted,
    openPlansTwoYearsOrMore: Object.fromEntries([...openLong.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
}
