/**
 * Child protection: its clocks, each statutory (Working Together to Safeguard Children 2023, chapter 4),
 * each counted as the law counts: working days in England (weekends and bank holidays off; no closure
 * day of the council ever lengthens them), and calendar months for the review conferences.
 *
 * - The initial child protection conference within 15 working days of the last strategy discussion (a
 *   later strategy discussion restarts the count). The DfE children in need census measures initial
 *   conferences the same way (within 15 working days of the strategy discussion); the case also keeps the
 *   working days from the one that started the enquiry.
 * - The first core group within 10 working days of the initial conference.
 * - The first review conference within 3 months of the initial conference, and later ones within 6 months
 *   of the previous: due at the end of the London day N calendar months on, the same day of the month or,
 *   where that month has no such day, its last day (ICPC on 30 November 2028: first review by the end of
 *   28 February 2029), as the review health assessments count months.
 *
 * Day 1 of a working-day clock is the first working day after the day it starts; it falls due at the end
 * (23:59:59.999 London) of day N. A partnership may shorten the working-day clocks (a shorter `length`),
 * never lengthen them; the months of the reviews are the process's, not configurable.
 */
import type { ClockDefinition } from '#core/clocks/model';
import { checkpointMessages as m } from '#process-messages/child-protection';

export const INITIAL_CONFERENCE_CLOCK = 'initial-conference';
export const CORE_GROUP_CLOCK = 'first-core-group';
export const REVIEW_CLOCK = 'review-conference';

/** Months to the first review conference (from the initial conference) and to each later one. */
export const FIRST_REVIEW_MONTHS = 3;
export const LATER_REVIEW_MONTHS = 6;

const CITATION = 'Working Together to Safeguard Children 2023, chapter 4';
const TOLD = ['leadPractitioner', 'manager', 'conferenceChair'];
/** A missed timescale also reaches the council's head of service. */
const TOLD_OF_BREACH = [...TOLD, 'headOfService'];

export const clocks: ClockDefinition[] = [
  {
    id: INITIAL_CONFERENCE_CLOCK,
    title: 'Initial child protection conference',
    kind: 'workingDays',
    length: 15,
    source: {
      kind: 'statutory',
      citation:
        `${CITATION}: the initial child protection conference within 15 working days of the strategy ` +
        'discussion, or the last strategy discussion if more than one is held; the DfE children in need ' +
        'census measures initial conferences within 15 working days',
    },
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'initial-conference-reminder',
        kind: 'warning',
        at: { after: 10 },
        recipients: TOLD,
        message: m.initialConferenceReminder,
      },
      {
        id: 'initial-conference-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: TOLD,
        message: m.initialConferenceDueToday,
      },
      {
        id: 'initial-conference-due',
        kind: 'due',
        at: { due: true },
        recipients: TOLD_OF_BREACH,
        message: m.initialConferenceDue,
      },
    ],
  },
  {
    id: CORE_GROUP_CLOCK,
    title: 'First core group meeting',
    kind: 'workingDays',
    length: 10,
    source: {
      kind: 'statutory',
      citation: `${CITATION}: the core group meets within 10 working days of the initial child protection conference`,
    },
    owner: 'council',
    pausable: false,
    checkpoints: [
      { id: 'core-group-reminder', kind: 'warning', at: { after: 5 }, recipients: TOLD, message: m.coreGroupReminder },
      {
        id: 'core-group-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: TOLD,
        message: m.coreGroupDueToday,
      },
      { id: 'core-group-due', kind: 'due', at: { due: true }, recipients: TOLD_OF_BREACH, message: m.coreGroupDue },
    ],
  },
  {
    id: REVIEW_CLOCK,
    title: 'Child protection review conference',
    kind: 'calendarDate',
    length: 0,
    source: {
      kind: 'statutory',
      citation:
        `${CITATION}: the first review conference within 3 months of the initial conference, ` +
        'later ones at intervals of not more than 6 months while the plan lasts',
    },
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'review-reminder',
        kind: 'warning',
        at: { beforeDueDays: 28 },
        recipients: TOLD,
        message: m.reviewReminder,
      },
      {
        id: 'review-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: TOLD,
        message: m.reviewDueToday,
      },
      { id: 'review-due', kind: 'due', at: { due: true }, recipients: TOLD_OF_BREACH, message: m.reviewDue },
    ],
  },
];
