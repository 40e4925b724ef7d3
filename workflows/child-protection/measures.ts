/**
 * Child protection: the board's measures, each defined once and counted from the stored cases
 * (core/measures/measure.ts), by council: initial conferences within 15 working days of the last
 * strategy discussion, first core groups within 10 working days of the initial conference, review
 * conferences on time (the three clocks, through the one definition of a clock's outcome the dashboards
 * use: core/measures/clock-outcomes.ts), plans started and how many are repeat plans, plans ended and how
 * many lasted 2 years or more, and open plans that have lasted 2 years or more at each month's end. The
 * figures of GET /processes/child-protection/figures count through the same predicates (views.ts). No rule
 * is imported: the API and the pages read these.
 */
import { addCalendarDays, addCalendarMonths, compareLocalDates, londonDateOf } from '#core/calendar/index';
import { clockMeasures } from '#core/measures/clock-outcomes';
import { checkMeasures, londonMonthOf, type Occurrence, type ProcessMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { CORE_GROUP_CLOCK, INITIAL_CONFERENCE_CLOCK, REVIEW_CLOCK } from './clocks';
import { type CpDetails, endings, endingWords, PROCESS_ID, TURNED_18, turnedEighteenWords } from './details';
import { isRepeatPlan, LONG_PLAN_MONTHS, lastedTwoYears, planEndingOf } from './plans';

type Case = CaseRecord<CpDetails>;

const WORKING_TOGETHER = 'Working Together to Safeguard Children 2023, chapter 4';
const CENSUS = 'DfE children in need census: child protection plans';
const statutory = (citation: string) => ({ basis: 'statutory' as const, citation });

const byCouncil = { id: 'council', title: 'By council' };
const councilOf = (r: Case) => ({ council: r.organisation });
const one = (r: Case, day: string): Occurrence[] => [{ month: day.slice(0, 7), groups: councilOf(r) }];

/**
 * Open plans that had lasted 2 years or more at the end of each London month (today, in the month under
 * way): a plan that ended on a day is not open at the end of it.
 */
function longPlansAtMonthEnds(r: Case, now: Date): Occurrence[] {
  const plan = r.details?.plan;
  if (!plan) return [];
  const twoYears = addCalendarMonths(plan.startedOn, LONG_PLAN_MONTHS);
  const today = londonDateOf(now);
  const out: Occurrence[] = [];
  for (let first = `${twoYears.slice(0, 7)}-01`; first <= today; first = addCalendarMonths(first, 1)) {
    const lastDay = addCalendarDays(addCalendarMonths(first, 1), -1);
    const at = compareLocalDates(lastDay, today) > 0 ? today : lastDay;
    if (plan.endedOn && compareLocalDates(plan.endedOn, at) <= 0) break;
    if (lastedTwoYears(plan.startedOn, at)) out.push({ month: first.slice(0, 7), groups: councilOf(r) });
  }
  return out;
}

export const childProtectionMeasures: ProcessMeasures<Case> = checkMeasures<Case>({
  process: PROCESS_ID,
  title: 'Child protection',
  measures: [
    {
      kind: 'count',
      id: 'referrals',
      title: 'Referrals to children’s social care',
      counts: 'referrals received',
      definition: 'Referrals to children’s social care recorded, in the London month each was received, by council',
      source: statutory(WORKING_TOGETHER),
      breakdowns: [byCouncil],
      count: (r) =>
        r.details?.referral ? [{ month: londonMonthOf(r.details.referral.receivedAt), groups: councilOf(r) }] : [],
    },
    {
      kind: 'count',
      id: 'enquiries',
      title: 'Section 47 enquiries started',
      counts: 'section 47 enquiries started at a strategy discussion',
      definition: 'Section 47 enquiries, in the London month the strategy discussion that started each was held',
      source: statutory(`${WORKING_TOGETHER}; Children Act 1989 s47`),
      breakdowns: [byCouncil],
      count: (r) =>
        r.details?.enquiry ? [{ month: londonMonthOf(r.details.enquiry.startedAt), groups: councilOf(r) }] : [],
    },
    ...clockMeasures<Case>({
      dueId: 'initial-conferences-due',
      withinId: 'initial-conferences-within-15-working-days',
      clockDefinitionId: INITIAL_CONFERENCE_CLOCK,
      dueTitle: 'Initial child protection conferences due',
      withinTitle: 'Initial child protection conferences within 15 working days',
      counts: 'initial child protection conferences that fell due',
      within: 'conferences held within 15 working days of the last strategy discussion',
      definition:
        'Of the initial conferences that fell due in the month, those held within 15 working days of the last ' +
        'strategy discussion (working days in England), as the children in need census measures them. An enquiry ' +
        'that concluded no conference was needed is not counted',
      source: statutory(`${WORKING_TOGETHER}; DfE children in need census`),
      breakdowns: [byCouncil],
      groupsOf: (r) => councilOf(r),
    }),
    ...clockMeasures<Case>({
      dueId: 'first-core-groups-due',
      withinId: 'first-core-groups-within-10-working-days',
      clockDefinitionId: CORE_GROUP_CLOCK,
      dueTitle: 'First core groups due',
      withinTitle: 'First core groups within 10 working days',
      counts: 'first core group meetings that fell due',
      within: 'first core groups held within 10 working days of the initial conference',
      definition:
        'Of the first core group meetings that fell due in the month, those held within 10 working days of ' +
        'the initial child protection conference',
      source: statutory(WORKING_TOGETHER),
      breakdowns: [byCouncil],
      groupsOf: (r) => councilOf(r),
    }),
    ...clockMeasures<Case>({
      dueId: 'review-conferences-due',
      withinId: 'review-conferences-on-time',
      clockDefinitionId: REVIEW_CLOCK,
      dueTitle: 'Child protection review conferences due',
      withinTitle: 'Child protection review conferences on time',
      counts: 'review conferences that fell due',
      within: 'review conferences held by their due date',
      definition:
        'Of the review conferences that fell due in the month, those held by their due date: the first within ' +
        '3 months of the initial conference, later ones within 6 months of the previous',
      source: statutory(WORKING_TOGETHER),
      breakdowns: [byCouncil],
      groupsOf: (r) => councilOf(r),
    }),
    {
      kind: 'count',
      id: 'plans-started',
      title: 'Child protection plans started',
      counts: 'child protection plans started at an initial conference',
      definition: 'Child protection plans, in the London month of the initial conference that agreed each',
      source: statutory(CENSUS),
      breakdowns: [byCouncil],
      count: (r) => (r.details?.plan ? one(r, r.details.plan.startedOn) : []),
    },
    {
      kind: 'share',
      id: 'repeat-plans',
      title: 'Repeat child protection plans',
      of: 'plans-started',
      numerator: 'plans that are the child’s second or later, with any council',
      definition:
        'Of the plans started in the month, those the child had had a plan before (the number of earlier plans ' +
        'the conference recorded, with any council, as the children in need census records it)',
      source: statutory(CENSUS),
      breakdowns: [byCouncil],
      count: (r) => (r.details?.plan && isRepeatPlan(r.details.plan) ? one(r, r.details.plan.startedOn) : []),
    },
    {
      kind: 'count',
      id: 'plans-ended',
      title: 'Child protection plans ended',
      counts: 'child protection plans that ended',
      definition: 'Child protection plans, in the London month each ended, by how it ended',
      source: statutory(CENSUS),
      breakdowns: [
        byCouncil,
        {
          id: 'ending',
          title: 'By how the plan ended',
          groups: [
            ...endings.map((id) => ({ id, words: endingWords[id] })),
            { id: TURNED_18, words: turnedEighteenWords },
          ],
        },
      ],
      count: (r) => {
        const plan = r.details?.plan;
        if (!plan?.endedOn) return [];
        return [{ month: plan.endedOn.slice(0, 7), groups: { ...councilOf(r), ending: planEndingOf(r.details) } }];
      },
    },
    {
      kind: 'share',
      id: 'plans-ended-after-2-years',
      title: 'Plans that ended after 2 years or more',
      of: 'plans-ended',
      numerator: 'plans that had lasted 2 years or more when they ended',
      definition:
        'Of the plans that ended in the month, those that had lasted 2 years or more (24 calendar months in ' +
        'London from the initial conference)',
      source: statutory(CENSUS),
      breakdowns: [byCouncil],
      count: (r) => {
        const plan = r.details?.plan;
        if (!plan?.endedOn || !lastedTwoYears(plan.startedOn, plan.endedOn)) return [];
        return [{ month: plan.endedOn.slice(0, 7), groups: councilOf(r) }];
      },
    },
    {
      kind: 'snapshot',
      id: 'open-plans-2-years-or-more',
      title: 'Open plans that have lasted 2 years or more',
      counts: 'open child protection plans that had lasted 2 years or more at the end of the month',
      definition:
        'Child protection plans still in place at the end of each month (to today in the month under way) that ' +
        'had by then lasted 2 years or more',
      source: statutory(CENSUS),
      breakdowns: [byCouncil],
      count: (r, { now }) => longPlansAtMonthEnds(r, now),
    },
  ],
});

export { childProtectionMeasures as measures };
