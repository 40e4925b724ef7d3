/**
 * Children in care, reviews and visits: the board's measures, each defined once and counted from the
 * stored cases (core/measures/measure.ts), by council: children who became looked after, first reviews
 * within 20 working days and later reviews on time, visits on time (within a week of each placement,
 * then 6 weeks, or 3 months after the first year of a placement meant to last until 18), placement moves.
 * The clock measures count through the one definition of a clock's outcome the dashboards use
 * (core/measures/clock-outcomes.ts). No rule is imported: the API and the pages read these.
 */
import type { ClockState } from '#core/clocks/model';
import { clockMeasures, clockOutcome } from '#core/measures/clock-outcomes';
import { checkMeasures, londonMonthOf, type ProcessMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { FIRST_REVIEW_CLOCK, FIRST_VISIT_CLOCK, LONG_TERM_VISIT_CLOCK, REVIEW_CLOCK, VISIT_CLOCK } from './clocks';
import { type CicDetails, PROCESS_ID } from './details';

type Child = CaseRecord<CicDetails>;

const REGULATIONS = 'The Care Planning, Placement and Case Review (England) Regulations 2010';
const statutory = (citation: string) => ({ basis: 'statutory' as const, citation: `${REGULATIONS}, ${citation}` });
const byCouncil = { id: 'council', title: 'By council' };
const councilOf = (r: Child) => ({ council: r.organisation });

/** Every visit clock (the first week of a placement, 6 weeks, 3 months): a visit due is a visit due. */
const VISIT_CLOCKS = [FIRST_VISIT_CLOCK, VISIT_CLOCK, LONG_TERM_VISIT_CLOCK];
const visitOutcomes = (r: Child) =>
  Object.values(r.clocks ?? {}).flatMap((clock: ClockState) => {
    if (!VISIT_CLOCKS.includes(clock.definitionId)) return [];
    const outcome = clockOutcome(clock);
    return outcome ? [outcome] : [];
  });

export const childrenInCareMeasures: ProcessMeasures<Child> = checkMeasures<Child>({
  process: PROCESS_ID,
  title: 'Children in care: reviews and visits',
  measures: [
    {
      kind: 'count',
      id: 'became-looked-after',
      title: 'Children who became looked after',
      counts: 'children who became looked after',
      definition: 'Children whose becoming looked after was recorded, in the London month each did, by council',
      source: statutory('regulation 33'),
      breakdowns: [byCouncil],
      count: (r) =>
        r.details?.enteredCareAt ? [{ month: londonMonthOf(r.details.enteredCareAt), groups: councilOf(r) }] : [],
    },
    ...clockMeasures<Child>({
      dueId: 'first-reviews-due',
      withinId: 'first-reviews-within-20-working-days',
      clockDefinitionId: FIRST_REVIEW_CLOCK,
      dueTitle: 'First reviews due',
      withinTitle: 'First reviews within 20 working days',
      counts: 'first reviews of a child in care that fell due',
      within: 'first reviews held within 20 working days of the child becoming looked after',
      definition:
        'Of the first reviews that fell due in the month, those held within 20 working days of the child ' +
        'becoming looked after (working days in England)',
      source: statutory('regulation 33(1)(a)'),
      breakdowns: [byCouncil],
      groupsOf: (r) => councilOf(r),
    }),
    ...clockMeasures<Child>({
      dueId: 'later-reviews-due',
      withinId: 'later-reviews-on-time',
      clockDefinitionId: REVIEW_CLOCK,
      dueTitle: 'Later reviews due',
      withinTitle: 'Later reviews on time',
      counts: 'second and later reviews of a child in care that fell due',
      within: 'reviews held by their due date',
      definition:
        'Of the second and later reviews that fell due in the month, those held by their due date (the second ' +
        'within 3 months of the first, later ones within 6 months of the previous)',
      source: statutory('regulation 33(1)(b) and (c)'),
      breakdowns: [byCouncil],
      groupsOf: (r) => councilOf(r),
    }),
    {
      kind: 'count',
      id: 'visits-due',
      title: 'Visits due',
      counts: 'visits to a child in care that fell due',
      definition:
        'Visits by the child’s social worker that fell due in the month, whose outcome is known (made on time, ' +
        'made late, or missed): within a week of each placement, then 6 weeks, or 3 months after the first year ' +
        'of a placement meant to last until 18',
      source: statutory('regulation 28(2)'),
      breakdowns: [byCouncil],
      count: (r) => visitOutcomes(r).map((o) => ({ month: o.month, groups: councilOf(r) })),
    },
    {
      kind: 'share',
      id: 'visits-on-time',
      title: 'Visits on time',
      of: 'visits-due',
      numerator: 'visits made by their due date',
      definition: 'Of the visits that fell due in the month, those made by their due date',
      source: statutory('regulation 28(2)'),
      breakdowns: [byCouncil],
      count: (r) =>
        visitOutcomes(r)
          .filter((o) => o.withinTimescale)
          .map((o) => ({ month: o.month, groups: councilOf(r) })),
    },
    {
      kind: 'count',
      id: 'placement-moves',
      title: 'Placement moves',
      counts: 'placement moves',
      definition: 'Placements that started after a child’s first, in the London month each started',
      source: statutory('regulation 28(2)(a)'),
      breakdowns: [byCouncil],
      count: (r) =>
        (r.details?.placements ?? []).slice(1).map((p) => ({ month: p.startedOn.slice(0, 7), groups: councilOf(r) })),
    },
  ],
});

export { childrenInCareMeasures as measures };
