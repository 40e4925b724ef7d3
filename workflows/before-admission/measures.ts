/**
 * Before admission: the board's measures, each defined once and counted from the stored cases
 * (core/measures/measure.ts): young people rated at risk of admission, community Care (Education) and
 * Treatment Reviews held within timescale (through the one definition of a clock's outcome the dashboards
 * use, core/measures/clock-outcomes.ts), admissions before a community review, the weekly all-agency
 * meetings due and those that discussed the young person, key workers named within the local target. No
 * rule is imported: the API and the pages read these.
 */
import { clockMeasures } from '#core/measures/clock-outcomes';
import { checkMeasures, londonMonthOf, type ProcessMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { COMMUNITY_REVIEW, KEY_WORKER, POLICY } from './clocks';
import { type BeforeAdmissionDetails, PROCESS_ID } from './details';

type AtRisk = CaseRecord<BeforeAdmissionDetails>;

const policy = { basis: 'nationalStandard' as const, citation: POLICY };
const plan = {
  basis: 'localTarget' as const,
  citation: "Partnership's CAMHS plan: a weekly all-agency meeting to prevent admissions",
};

export const beforeAdmissionMeasures: ProcessMeasures<AtRisk> = checkMeasures<AtRisk>({
  process: PROCESS_ID,
  title: 'Before admission (Dynamic Support Register)',
  measures: [
    {
      kind: 'count',
      id: 'rated-at-risk',
      title: 'Young people rated at risk of admission',
      counts: 'young people rated at risk of admission on the Dynamic Support Register',
      definition:
        'Young people recorded as rated Red or Amber (at risk of admission), in the London month of the rating',
      source: policy,
      count: (r) => (r.details?.ratedAt ? [{ month: londonMonthOf(r.details.ratedAt) }] : []),
    },
    ...clockMeasures<AtRisk>({
      dueId: 'community-reviews-due',
      withinId: 'community-reviews-within-timescale',
      clockDefinitionId: COMMUNITY_REVIEW,
      dueTitle: 'Community C(E)TRs due',
      withinTitle: 'Community C(E)TRs within timescale',
      counts: 'community Care (Education) and Treatment Reviews that fell due',
      within: 'reviews held by their due date',
      definition:
        'Of the community Care (Education) and Treatment Reviews that fell due in the month, those held by ' +
        'their due date (5 working days from the rating, or fewer where the partnership sets it)',
      source: policy,
    }),
    {
      kind: 'count',
      id: 'admitted-without-community-review',
      title: 'Admissions before a community C(E)TR',
      counts: 'admissions before a community Care (Education) and Treatment Review was held',
      definition:
        'Young people admitted to hospital before a community Care (Education) and Treatment Review was held, ' +
        'in the London month of the admission',
      source: policy,
      count: (r) => (r.details?.ended?.withoutCommunityReview ? [{ month: londonMonthOf(r.details.ended.at) }] : []),
    },
    {
      kind: 'count',
      id: 'weekly-meetings-due',
      title: 'Weekly all-agency meetings due',
      counts: 'weeks in which the all-agency meeting to prevent admissions was due to discuss a young person',
      definition:
        'Each week after the first all-agency meeting while a young person stays at risk of admission, in the ' +
        'London month the week ended',
      source: plan,
      count: (r) => (r.details?.weeks ?? []).map((w) => ({ month: londonMonthOf(w.dueAt) })),
    },
    {
      kind: 'share',
      id: 'weekly-meetings-held',
      title: 'Weekly all-agency meetings held',
      of: 'weekly-meetings-due',
      numerator: 'weeks in which the young person was discussed',
      definition: 'Of the weeks due in the month, those in which a discussion of the young person was recorded',
      source: plan,
      count: (r) => (r.details?.weeks ?? []).filter((w) => w.discussed).map((w) => ({ month: londonMonthOf(w.dueAt) })),
    },
    ...clockMeasures<AtRisk>({
      dueId: 'key-workers-due',
      withinId: 'key-workers-named-within-target',
      clockDefinitionId: KEY_WORKER,
      dueTitle: 'Key workers to be named',
      withinTitle: 'Key workers named within 5 working days',
      counts: 'key workers to be named for young people rated at risk without one',
      within: 'key workers named by the local target',
      definition:
        'Of the young people rated at risk of admission without a key worker, whose key worker fell due in the ' +
        'month, those whose key worker was named within 5 working days (a local target)',
      source: {
        basis: 'localTarget',
        citation: 'NHS Long Term Plan (2019): a designated key worker; 5 working days is a local target',
      },
    }),
  ],
});

export { beforeAdmissionMeasures as measures };
