/**
 * Before admission: its clocks.
 *
 * - The community Care (Education) and Treatment Review (C(E)TR). NHS England's Dynamic support register
 *   and Care (Education) and Treatment Review policy and guide (January 2023) and its code of practice
 *   (PRN00117) say a child or young person at risk of admission to a mental health hospital is offered a
 *   community C(E)TR before admission; NHS England's instructions to commissioners for children and
 *   young people say admission without one should be exceptional (a 90% standard), and cut the
 *   post-admission C(E)TR, for the exceptions, to 5 working days (from 10). The number of days the 2023
 *   policy gives from a Red rating to the community review could NOT be confirmed from the sources
 *   available when this was written (the policy's text was not retrievable; secondary summaries of its
 *   October 2021 update say "before admission, or if not possible within a week"). So the clock takes the
 *   shortest C(E)TR timescale NHS England states for children, 5 working days, counted from the rating:
 *   never later than the review an admission would bring, and a partnership may shorten it (a national
 *   standard: `processes.before-admission.clocks.community-care-review.length`), never lengthen it.
 * - The first all-agency meeting to prevent admission (the CAMHS plan's weekly all-agency meeting to
 *   prevent admissions, multi-agency, non-identifiable in the working group's view): within 7 days of the
 *   rating, the next weekly meeting; then, from that meeting, a recurring weekly checkpoint while the
 *   young person stays at risk. The plan sets no timescale: a local target.
 * - A key worker named: the NHS Long Term Plan (2019) commits that children and young people with a
 *   learning disability and/or who are autistic with the most complex needs have a designated key worker,
 *   first those in or at risk of admission to a mental health hospital; it sets no timescale, so 5
 *   working days is a local target.
 *
 * How they are counted: working days in England (weekends and bank holidays off; a national standard skips
 * no one's closure days, a local target its owner's); a working-day clock is due at the end (23:59:59.999
 * London) of its last day; 7 calendar days end at the end of the same weekday a week on, London time,
 * whatever the clock change.
 */
import type { ClockDefinition } from '#core/clocks/model';
import { checkpointMessages as m } from '#process-messages/before-admission';

export const COMMUNITY_REVIEW = 'community-care-review';
export const FIRST_MEETING = 'first-all-agency-meeting';
/** The weekly all-agency meeting to prevent admissions (recurring checkpoints, from the first meeting). */
export const WEEKLY_MEETING = 'all-agency-meetings';
export const KEY_WORKER = 'key-worker-named';

/** Working days to the community review when the partnership sets none shorter. */
export const COMMUNITY_REVIEW_WORKING_DAYS = 5;

export const POLICY =
  'NHS England, Dynamic support register and Care (Education) and Treatment Review policy and guide ' +
  '(January 2023) and code of practice (PRN00117)';
const PLAN = "Partnership's CAMHS plan";
const TOLD = ['keyWorker', 'registerLead'];

export const clocks: ClockDefinition[] = [
  {
    id: COMMUNITY_REVIEW,
    title: 'Community Care (Education) and Treatment Review before admission',
    kind: 'workingDays',
    length: COMMUNITY_REVIEW_WORKING_DAYS,
    source: {
      kind: 'nationalStandard',
      citation:
        `${POLICY}: a child or young person at risk of admission is offered a community C(E)TR before ` +
        'admission. No number of days from the rating was confirmed from the policy: 5 working days, the ' +
        "shortest C(E)TR timescale NHS England sets for children (post-admission, interim), a partnership's " +
        'to shorten, never lengthen',
    },
    owner: 'icb',
    pausable: false,
    checkpoints: [
      {
        id: 'review-reminder',
        kind: 'warning',
        at: { after: 3 },
        recipients: TOLD,
        message: m.communityReview.reminder,
      },
      {
        id: 'review-due-today',
        kind: 'warning',
        at: { beforeDueDays: 0 },
        recipients: TOLD,
        message: m.communityReview.dueToday,
      },
      {
        id: 'review-due',
        kind: 'due',
        at: { due: true },
        recipients: [...TOLD, 'silverMembers'],
        message: m.communityReview.due,
      },
    ],
  },
  {
    id: FIRST_MEETING,
    title: 'All-agency meeting to prevent admission',
    kind: 'calendarDays',
    length: 7,
    source: {
      kind: 'localTarget',
      citation:
        `${PLAN}: a weekly all-agency meeting to prevent admissions; a young person at risk of admission ` +
        'is discussed at the next one, within 7 days',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      { id: 'meeting-reminder', kind: 'warning', at: { after: 5 }, recipients: TOLD, message: m.firstMeeting.reminder },
      { id: 'meeting-due', kind: 'due', at: { due: true }, recipients: TOLD, message: m.firstMeeting.due },
    ],
  },
  {
    // Started at the first meeting; an occurrence falls at the end of the London day each week on. The
    // rules look for a discussion in the 7 days ending that day and tell the register lead and the key
    // worker when none was recorded; its due instant is the next occurrence (the rules keep it so).
    id: WEEKLY_MEETING,
    title: 'Weekly all-agency meeting to prevent admissions',
    kind: 'calendarDays',
    length: 7,
    source: {
      kind: 'localTarget',
      citation: `${PLAN}: the all-agency meeting to prevent admissions meets weekly`,
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'weekly-meeting',
        kind: 'warning',
        at: { every: 1, unit: 'weeks', whileCase: 'atRisk' },
        recipients: [],
        message: m.weeklyMeeting,
      },
    ],
  },
  {
    id: KEY_WORKER,
    title: 'Key worker named',
    kind: 'workingDays',
    length: 5,
    source: {
      kind: 'localTarget',
      citation:
        'NHS Long Term Plan (2019): a designated key worker for children and young people with a learning ' +
        'disability and/or who are autistic, first those at risk of admission; 5 working days is a local target',
    },
    owner: 'icb',
    pausable: false,
    checkpoints: [
      { id: 'key-worker-due', kind: 'due', at: { due: true }, recipients: ['registerLead'], message: m.keyWorker.due },
    ],
  },
];
