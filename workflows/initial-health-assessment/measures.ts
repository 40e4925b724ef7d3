/**
 * Initial health assessment: the board's measures, each defined once (core/measures/measure.ts). The
 * clock measures (requests to health within 5 working days, assessments within 20, review assessments on
 * time) count through the one definition of a clock's outcome the dashboards use too
 * (core/measures/clock-outcomes.ts). What the children in care health return (OC2) reports beyond these
 * (dental checks, strengths and difficulties questionnaires, immunisations, care leavers' health
 * summaries) no process records yet, and each says so.
 */
import { addCalendarDays, addCalendarMonths, endOfLondonDay, londonDateOf } from '#core/calendar/index';
import type { ClockState } from '#core/clocks/model';
import { reasonGivenWhenStopped } from '#core/figures/timeliness';
import { clockMeasures, isMissed } from '#core/measures/clock-outcomes';
import { checkMeasures, londonMonthOf, type Occurrence, type ProcessMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { ASSESSMENT_CLOCK, REQUEST_CLOCK, REVIEW_CLOCK } from './clocks';
import { type IhaDetails, PROCESS_ID } from './details';

type Child = CaseRecord<IhaDetails>;

const statutory = (citation: string) => ({ basis: 'statutory' as const, citation });
const HEALTH_GUIDANCE = 'Promoting the health and well-being of looked-after children, statutory guidance (2015)';
const DFE_RETURN = 'Children looked after: the SSDA903 return to the Department for Education (OC2 outcomes)';
const notRecordedYet = (what: string) =>
  `No process records ${what} yet: it is reported to the Department for Education from the council's case system`;

/** Age in whole years on a day. */
function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A review is of an under-5 when the child is under 5 on the day it falls due. */
export const reviewIsUnderFive = (record: Child, clock: ClockState): boolean =>
  ageOn(record.details.child.dateOfBirth, londonDateOf(new Date(clock.dueAt))) < 5;

/**
 * Children in care at the end of each London month from the one they entered care in, while their case
 * is open (closed: left care or turned 18), up to the month counted to (in it: now).
 */
function inCareAtMonthEnds(record: Child, now: Date): Occurrence[] {
  const entered = record.details?.enteredCareAt;
  if (!entered) return [];
  const left = record.closedAt ? Date.parse(record.closedAt) : Number.POSITIVE_INFINITY;
  const nowMonth = londonMonthOf(now);
  const out: Occurrence[] = [];
  for (let first = `${londonMonthOf(entered)}-01`; first.slice(0, 7) <= nowMonth; first = addCalendarMonths(first, 1)) {
    const month = first.slice(0, 7);
    // The month's last instant, or now in the month under way.
    const at =
      month === nowMonth ? now.getTime() : endOfLondonDay(addCalendarDays(addCalendarMonths(first, 1), -1)).getTime();
    if (left <= at) break;
    out.push({ month });
  }
  return out;
}

const NO_REASON = 'No reason recorded yet';

export const initialHealthAssessmentMeasures: ProcessMeasures<Child> = checkMeasures<Child>({
  process: PROCESS_ID,
  title: 'Health of children in care (initial and review health assessments)',
  measures: [
    {
      kind: 'count',
      id: 'children-entering-care',
      title: 'Children entering care',
      counts: 'children who entered care',
      definition: 'Children whose entry into care was recorded, in the London month each entered care',
      source: statutory(HEALTH_GUIDANCE),
      count: (r) => (r.details?.enteredCareAt ? [{ month: londonMonthOf(r.details.enteredCareAt) }] : []),
    },
    {
      kind: 'snapshot',
      id: 'children-in-care',
      title: 'Children in care',
      counts: 'children in care at the end of the month',
      definition:
        'Children in care at the end of each month (to today in the month under way), as RightTime knows ' +
        'them: those whose entry into care it recorded and who have not left care or turned 18',
      source: { basis: 'boardPack', citation: 'Partnership board pack: children in care health' },
      boardPack: '708 in January 2025 (77 unaccompanied asylum-seeking children)',
      count: (r, { now }) => inCareAtMonthEnds(r, now),
    },
    ...clockMeasures<Child>({
      dueId: 'requests-to-health-due',
      withinId: 'requests-within-5-working-days',
      clockDefinitionId: REQUEST_CLOCK,
      dueTitle: 'Requests to health due',
      withinTitle: 'Requests to health within 5 working days',
      counts: 'requests for the initial health assessment (the council’s request to health) that fell due',
      within: 'requests sent to health within 5 working days of the child entering care',
      definition:
        'Of the requests to health that fell due in the month, those the council sent within 5 working days ' +
        'of the child entering care (its own closure days not counted)',
      source: {
        basis: 'localTarget',
        citation: 'Partnership local target: the council asks health within 5 working days of the child entering care',
      },
      boardPack: 'the joint targeted area inspection (March 2024) found the delay sits in the request to health',
    }),
    ...clockMeasures<Child>({
      dueId: 'assessments-due',
      withinId: 'assessments-within-20-working-days',
      clockDefinitionId: ASSESSMENT_CLOCK,
      dueTitle: 'Initial health assessments due',
      withinTitle: 'Initial health assessments within 20 working days',
      counts: 'initial health assessments that fell due',
      within: 'assessments completed within 20 working days of the child entering care',
      definition:
        'Of the initial health assessments that fell due in the month, those completed within 20 working days ' +
        'of the child entering care (working days in England)',
      source: statutory(
        `${HEALTH_GUIDANCE}; Care Planning, Placement and Case Review (England) Regulations 2010: ` +
          'within 20 working days',
      ),
    }),
    {
      kind: 'count',
      id: 'assessments-missed',
      title: 'Initial health assessments not within 20 working days',
      counts: 'initial health assessments completed late or still outstanding after they fell due',
      definition:
        'Initial health assessments that fell due in the month and were missed (completed late or still ' +
        'outstanding), by the reason recorded for the delay',
      source: statutory(HEALTH_GUIDANCE),
      breakdowns: [{ id: 'reason', title: 'By reason for the delay' }],
      count: (r) =>
        Object.values(r.clocks ?? {})
          .filter((c) => c.definitionId === ASSESSMENT_CLOCK && isMissed(c))
          .map((c) => ({
            month: londonMonthOf(c.dueAt),
            groups: { reason: r.details?.assessment?.delayReason?.label ?? reasonGivenWhenStopped(c) ?? NO_REASON },
          })),
    },
    {
      kind: 'share',
      id: 'missed-after-a-late-request',
      title: 'Late assessments whose request to health was late too',
      of: 'assessments-missed',
      numerator: 'missed assessments whose request to health was itself late or never recorded in time',
      definition:
        'Where the delay sits: of the initial health assessments missed in the month, those whose request to ' +
        'health missed its 5 working days (the delay began with the request)',
      source: { basis: 'boardPack', citation: 'Joint targeted area inspection (March 2024), in the board pack' },
      count: (r) => {
        const request = Object.values(r.clocks ?? {}).find((c) => c.definitionId === REQUEST_CLOCK);
        if (!request || !isMissed(request)) return [];
        return Object.values(r.clocks ?? {})
          .filter((c) => c.definitionId === ASSESSMENT_CLOCK && isMissed(c))
          .map((c) => ({ month: londonMonthOf(c.dueAt) }));
      },
    },
    ...clockMeasures<Child>({
      dueId: 'reviews-due-under-5',
      withinId: 'reviews-on-time-under-5',
      clockDefinitionId: REVIEW_CLOCK,
      dueTitle: 'Review health assessments due, under 5',
      withinTitle: 'Review health assessments on time, under 5',
      counts: 'review health assessments of children under 5 that fell due',
      within: 'reviews completed by their due date',
      definition:
        'Of the review health assessments of children under 5 (on the due day) that fell due in the month, ' +
        'those completed by the due date (every 6 months before the fifth birthday). The DfE return counts ' +
        'reviews done in the year; this counts each review against its own due date',
      source: statutory(`${HEALTH_GUIDANCE}: every 6 months before the child is 5`),
      boardPack: '92.3% (December 2024)',
      admits: (r, c) => reviewIsUnderFive(r, c),
    }),
    ...clockMeasures<Child>({
      dueId: 'reviews-due-5-and-over',
      withinId: 'reviews-on-time-5-and-over',
      clockDefinitionId: REVIEW_CLOCK,
      dueTitle: 'Review health assessments due, 5 and over',
      withinTitle: 'Review health assessments on time, 5 and over',
      counts: 'review health assessments of children aged 5 and over that fell due',
      within: 'reviews completed by their due date',
      definition:
        'Of the review health assessments of children aged 5 and over (on the due day) that fell due in the ' +
        'month, those completed by the due date (every 12 months from the fifth birthday)',
      source: statutory(`${HEALTH_GUIDANCE}: every 12 months from 5`),
      boardPack: '96.0% (December 2024); all children in care 95.3%; OC2 93.5% beside 90.1% and England 89.0%',
      admits: (r, c) => !reviewIsUnderFive(r, c),
    }),
    {
      kind: 'count',
      id: 'dental-checks',
      title: 'Dental checks up to date',
      counts: 'children in care for 12 months whose dental check is up to date',
      definition: 'Children in care for at least 12 months at 31 March whose dental check was up to date (OC2)',
      source: statutory(DFE_RETURN),
      boardPack: '86.0% beside 83.8% and England 79.0%',
      notYetRecorded: notRecordedYet('dental checks'),
    },
    {
      kind: 'count',
      id: 'strengths-and-difficulties',
      title: 'Strengths and difficulties questionnaires',
      counts: 'children in care for 12 months with a strengths and difficulties questionnaire',
      definition: 'Children aged 5 to 16 in care for at least 12 months with a questionnaire score (OC2)',
      source: statutory(DFE_RETURN),
      boardPack: '89.3% beside 73.4% and England 77.0%',
      notYetRecorded: notRecordedYet('strengths and difficulties questionnaires'),
    },
    {
      kind: 'count',
      id: 'immunisations',
      title: 'Immunisations up to date',
      counts: 'children in care for 12 months whose immunisations are up to date',
      definition: 'Children in care for at least 12 months at 31 March whose immunisations were up to date (OC2)',
      source: statutory(DFE_RETURN),
      boardPack: '85.3%',
      notYetRecorded: notRecordedYet('immunisations'),
    },
    {
      kind: 'count',
      id: 'care-leaver-health-summaries',
      title: 'Care leavers’ health summaries',
      counts: 'care leavers given a summary of their health history',
      definition: 'Young people leaving care given a summary of their health history',
      source: statutory(HEALTH_GUIDANCE),
      boardPack: '95.1%',
      notYetRecorded: notRecordedYet('care leavers’ health summaries'),
    },
  ],
});

/** The measures as the process's folder exports them (index.ts; workflows/measures.ts lists them for the board). */
export { initialHealthAssessmentMeasures as measures };
