/**
 * Before admission: the figures per month for the Bronze working group and commissioners. No name, no
 * date of birth, no reference, no case code and no date finer than the month: counts and shares, every
 * count a cell of the answer's sheet so small numbers are suppressed with the rest of the answer
 * (core/figures/suppression.ts). The open clocks by case code give the ISO week they fall due
 * (datesShown), as crisis escalation's: a rating's day beside its clocks could single a young person out.
 */
import { londonDateOf } from '#core/calendar/index';
import { type CountSheet, table } from '#core/figures/suppression';
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { BeforeAdmissionDetails } from './details';
import { expectedSteps } from './steps';

type Record_ = CaseRecord<BeforeAdmissionDetails>;

export interface Row {
  month: string;
  ratedAtRisk: number;
  communityReviews: number;
  communityReviewsOnTime: number;
  admittedWithoutCommunityReview: number;
  weeklyMeetingsDue: number;
  weeklyMeetingsDiscussed: number;
}

const month = (instantOrDay: string) =>
  (instantOrDay.length === 10 ? instantOrDay : londonDateOf(new Date(instantOrDay))).slice(0, 7);

/** The counts before suppression, one row per London month, in order: each in the month it happened. */
export function figureCounts(records: Record_[]): Row[] {
  const rows = new Map<string, Row>();
  const rowOf = (m: string) => {
    let r = rows.get(m);
    if (!r) {
      r = {
        month: m,
        ratedAtRisk: 0,
        communityReviews: 0,
        communityReviewsOnTime: 0,
        admittedWithoutCommunityReview: 0,
        weeklyMeetingsDue: 0,
        weeklyMeetingsDiscussed: 0,
      };
      rows.set(m, r);
    }
    return r;
  };
  for (const record of records) {
    const d = record.details;
    if (!d?.ratedAt) continue;
    rowOf(month(d.ratedAt)).ratedAtRisk++;
    if (d.communityReview) {
      const r = rowOf(month(d.communityReview.heldOn));
      r.communityReviews++;
      if (d.communityReview.onTime) r.communityReviewsOnTime++;
    }
    if (d.ended?.withoutCommunityReview) rowOf(month(d.ended.at)).admittedWithoutCommunityReview++;
    for (const week of d.weeks) {
      const r = rowOf(month(week.dueAt));
      r.weeklyMeetingsDue++;
      if (week.discussed) r.weeklyMeetingsDiscussed++;
    }
  }
  return [...rows.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export const views: ProcessViews<BeforeAdmissionDetails> = {
  expectedSteps,
  datesShown: 'isoWeek',
  figures(records: Record_[], sheet: CountSheet) {
    return {
      byMonth: table(
        figureCounts(records).map((r) => {
          const c = (n: number) => sheet.count(n);
          const reviews = c(r.communityReviews);
          const onTime = c(r.communityReviewsOnTime);
          const weeks = c(r.weeklyMeetingsDue);
          const discussed = c(r.weeklyMeetingsDiscussed);
          return {
            month: r.month,
            ratedAtRisk: c(r.ratedAtRisk),
            communityReviews: reviews,
            communityReviewsOnTime: onTime,
            shareCommunityReviewsOnTime: sheet.share(onTime, reviews),
            admittedWithoutCommunityReview: c(r.admittedWithoutCommunityReview),
            weeklyMeetingsDue: weeks,
            weeklyMeetingsDiscussed: discussed,
            shareWeeklyMeetingsDiscussed: sheet.share(discussed, weeks),
          };
        }),
      ),
    };
  },
};
