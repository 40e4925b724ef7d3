/**
 * Children in care, reviews and visits: its clocks, each statutory (the Care Planning, Placement and
 * Case Review (England) Regulations 2010), counted as the regulations count and never lengthened by
 * configuration (a partnership may shorten one).
 *
 * - Regulation 33: the first review within 20 working days of the day the child became looked after
 *   (working days in England: weekends and bank holidays off, never the council's closure days); the
 *   second within 3 months of the first; later ones within 6 months of the previous. Each is chaired by
 *   the child's independent reviewing officer (regulation 36; Children Act 1989 s25B).
 * - Regulation 28(2): the child's social worker visits within one week of the start of each placement,
 *   then at intervals of not more than 6 weeks for the first year of the placement, and after that not
 *   more than 3 months where the placement is meant to last until the child is 18 (otherwise 6 weeks).
 *
 * How they are counted: a working-day clock falls due at the end (23:59:59.999 London) of its 20th
 * working day after the day the child became looked after; "one week" and "6 weeks" are 7 and 42
 * calendar days, so the end of the same weekday one or six weeks after the day of the placement or the
 * last visit; "months" are calendar months in London, the same day of the month or the month's last day
 * where it has no such day, at the end of that day. A placement's first year runs to the day before its
 * first anniversary: a visit on or after the anniversary of a placement meant to last until 18 is
 * followed within 3 months, any earlier visit within 6 weeks (never longer than the regulation allows).
 */
import type { ClockDefinition } from '#core/clocks/model';
import { checkpointMessages as m } from '#process-messages/children-in-care';

export const FIRST_REVIEW_CLOCK = 'first-review';
export const REVIEW_CLOCK = 'review';
export const FIRST_VISIT_CLOCK = 'first-visit';
export const VISIT_CLOCK = 'visit';
export const LONG_TERM_VISIT_CLOCK = 'visit-long-term';

/** Months to the second review (from the first) and to each later one (from the previous). */
export const SECOND_REVIEW_MONTHS = 3;
export const LATER_REVIEW_MONTHS = 6;

const REGULATIONS = 'The Care Planning, Placement and Case Review (England) Regulations 2010';
const REVIEW_TOLD = ['socialWorker', 'manager', 'independentReviewingOfficer'];
const VISIT_TOLD = ['socialWorker', 'manager'];
const statutory = (citation: string) => ({ kind: 'statutory' as const, citation: `${REGULATIONS}, ${citation}` });

export const clocks: ClockDefinition[] = [
  {
    id: FIRST_REVIEW_CLOCK,
    title: 'First review of the child in care',
    kind: 'workingDays',
    length: 20,
    source: statutory('regulation 33(1)(a): the first review within 20 working days of becoming looked after'),
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'first-review-reminder',
        kind: 'warning',
        at: { after: 15 },
        recipients: REVIEW_TOLD,
        message: m.firstReview.reminder,
      },
      {
        id: 'first-review-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: REVIEW_TOLD,
        message: m.firstReview.dueToday,
      },
      {
        id: 'first-review-due',
        kind: 'due',
        at: { due: true },
        recipients: [...REVIEW_TOLD, 'headOfService'],
        message: m.firstReview.due,
      },
    ],
  },
  {
    id: REVIEW_CLOCK,
    title: 'Review of the child in care',
    kind: 'calendarDate',
    length: 0,
    source: statutory(
      'regulation 33(1)(b) and (c): the second review within 3 months of the first, ' +
        'later ones within 6 months of the previous',
    ),
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'review-reminder',
        kind: 'warning',
        at: { beforeDueDays: 28 },
        recipients: REVIEW_TOLD,
        message: m.review.reminder,
      },
      {
        id: 'review-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: REVIEW_TOLD,
        message: m.review.dueToday,
      },
      {
        id: 'review-due',
        kind: 'due',
        at: { due: true },
        recipients: [...REVIEW_TOLD, 'headOfService'],
        message: m.review.due,
      },
    ],
  },
  {
    id: FIRST_VISIT_CLOCK,
    title: 'Visit in the first week of a placement',
    kind: 'calendarDays',
    length: 7,
    source: statutory('regulation 28(2)(a): a visit within one week of the start of any placement'),
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'first-visit-reminder',
        kind: 'warning',
        at: { after: 5 },
        recipients: VISIT_TOLD,
        message: m.visit.reminder,
      },
      {
        id: 'first-visit-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: VISIT_TOLD,
        message: m.visit.dueToday,
      },
      {
        id: 'first-visit-due',
        kind: 'due',
        at: { due: true },
        recipients: [...VISIT_TOLD, 'headOfService'],
        message: m.visit.due,
      },
    ],
  },
  {
    id: VISIT_CLOCK,
    title: 'Visit within 6 weeks',
    kind: 'calendarDays',
    length: 42,
    source: statutory(
      'regulation 28(2)(b) and (c)(ii): visits at intervals of not more than 6 weeks ' +
        'in the first year of a placement ' +
        '(and after it, unless the placement is meant to last until the child is 18)',
    ),
    owner: 'council',
    pausable: false,
    checkpoints: [
      { id: 'visit-reminder', kind: 'warning', at: { after: 35 }, recipients: VISIT_TOLD, message: m.visit.reminder },
      {
        id: 'visit-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: VISIT_TOLD,
        message: m.visit.dueToday,
      },
      {
        id: 'visit-due',
        kind: 'due',
        at: { due: true },
        recipients: [...VISIT_TOLD, 'headOfService'],
        message: m.visit.due,
      },
    ],
  },
  {
    id: LONG_TERM_VISIT_CLOCK,
    title: 'Visit within 3 months (a placement meant to last until 18)',
    kind: 'calendarDate',
    length: 0,
    source: statutory(
      'regulation 28(2)(c)(i): after the first year of a placement meant to last until the child is 18, ' +
        'visits at intervals of not more than 3 months',
    ),
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'visit-reminder',
        kind: 'warning',
        at: { beforeDueDays: 14 },
        recipients: VISIT_TOLD,
        message: m.visit.reminder,
      },
      {
        id: 'visit-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: VISIT_TOLD,
        message: m.visit.dueToday,
      },
      {
        id: 'visit-due',
        kind: 'due',
        at: { due: true },
        recipients: [...VISIT_TOLD, 'headOfService'],
        message: m.visit.due,
      },
    ],
  },
];
