/**
 * Crisis escalation: its clocks. Every one is a local target (the partnership may change it); the
 * crisis assessment times are the NHS England standards consulted on in 2021, which are not in force.
 * Elapsed-hour clocks count real hours, day and night, weekends and bank holidays alike: across the
 * clock change 24 elapsed hours are 24 real hours (the London wall-clock time moves by an hour).
 */
import type { ClockDefinition } from '#core/clocks/model';
import { checkpointMessages, meetingMessages } from '#process-messages/crisis-escalation';

/** The case's crisis assessment clock; its definition depends on the urgency. */
export const CRISIS_ASSESSMENT = 'crisis-assessment';
export const ASSESSMENT_VERY_URGENT = 'crisis-assessment-very-urgent';
export const ASSESSMENT_URGENT = 'crisis-assessment-urgent';
export const FIRST_BRONZE_MEETING = 'bronze-first-meeting';
/** The Bronze MDT's cadence: daily while rated Red, weekly while Amber (recurring checkpoints). */
export const BRONZE_CADENCE = 'bronze-mdt';
export const DELAYED_DISCHARGE = 'delayed-discharge';
export const SILVER_MEETING = 'silver-meeting';
export const GOLD_MEETING = 'gold-meeting';
export const POST_ADMISSION_REVIEW = 'post-admission-care-review';
export const HOME_TREATMENT = 'intensive-home-treatment';

const crisisStandard =
  "NHS England, Children and young people's mental health crisis: " +
  'proposed access standards (consultation, 2021); a local target here';

export const clocks: ClockDefinition[] = [
  {
    id: ASSESSMENT_VERY_URGENT,
    title: 'Face-to-face crisis assessment (very urgent)',
    kind: 'elapsedHours',
    length: 4,
    source: { kind: 'localTarget', citation: `${crisisStandard}: face to face within 4 hours when very urgent` },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'assessment-reminder',
        kind: 'warning',
        at: { shareOfLength: 0.75 },
        recipients: ['crisisTeam'],
        message: checkpointMessages.assessmentReminder,
      },
      {
        id: 'assessment-due',
        kind: 'due',
        at: { due: true },
        recipients: ['crisisTeam', 'bronzeChair'],
        message: checkpointMessages.assessmentDue,
      },
    ],
  },
  {
    id: ASSESSMENT_URGENT,
    title: 'Face-to-face crisis assessment (urgent)',
    kind: 'elapsedHours',
    length: 24,
    source: { kind: 'localTarget', citation: `${crisisStandard}: face to face within 24 hours when urgent` },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'assessment-reminder',
        kind: 'warning',
        at: { shareOfLength: 0.75 },
        recipients: ['crisisTeam'],
        message: checkpointMessages.assessmentReminder,
      },
      {
        id: 'assessment-due',
        kind: 'due',
        at: { due: true },
        recipients: ['crisisTeam', 'bronzeChair'],
        message: checkpointMessages.assessmentDue,
      },
    ],
  },
  {
    id: FIRST_BRONZE_MEETING,
    title: 'First Bronze MDT meeting',
    kind: 'workingDays',
    length: 1,
    source: {
      kind: 'localTarget',
      citation:
        'Partnership escalation protocol: the Bronze multi-agency meeting first meets ' +
        'within 1 working day of the presentation',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'first-meeting-due',
        kind: 'due',
        at: { due: true },
        recipients: ['bronzeChair'],
        message: checkpointMessages.firstBronzeMeetingDue,
      },
    ],
  },
  {
    // Started at the first Bronze meeting; occurrences fall at the end of each London day (Red) or
    // week (Amber) counted from that meeting's day. Its due instant is the next meeting the cadence
    // asks for (the rules keep it so); rated Green, it pauses: no regular meetings.
    id: BRONZE_CADENCE,
    title: 'Bronze MDT meetings (daily while Red, weekly while Amber)',
    kind: 'calendarDays',
    length: 1,
    source: {
      kind: 'localTarget',
      citation:
        'Partnership escalation protocol: the MDT meets daily while a young person is rated Red and weekly while Amber',
    },
    owner: 'healthProvider',
    pausable: true,
    pauseReasons: { ratedGreen: 'Rated Green: no regular Bronze meetings needed' },
    checkpoints: [
      // Alerts are decided by the rules when an occurrence falls: only when no meeting was recorded for it.
      {
        id: 'daily-meeting',
        kind: 'warning',
        at: { every: 1, unit: 'days', whileCase: 'ratedRed' },
        recipients: [],
        message: checkpointMessages.bronzeMeetingDue,
      },
      {
        id: 'weekly-meeting',
        kind: 'warning',
        at: { every: 1, unit: 'weeks', whileCase: 'ratedAmber' },
        recipients: [],
        message: checkpointMessages.bronzeMeetingDue,
      },
    ],
  },
  {
    // Medically fit for discharge starts it. 24 hours later, still in an acute bed: Silver (the due
    // checkpoint); 72 hours: Gold. The levels' members are told by the rules, with the meeting due.
    id: DELAYED_DISCHARGE,
    title: 'Leaving the acute bed within 24 hours of being medically fit',
    kind: 'elapsedHours',
    length: 24,
    source: {
      kind: 'localTarget',
      citation:
        'Partnership escalation protocol: still in an acute bed 24 hours after being medically fit for ' +
        'discharge, escalate to Silver; 72 hours, to Gold',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'silver-escalation',
        kind: 'due',
        at: { due: true },
        recipients: [],
        message: checkpointMessages.silverThreshold,
      },
      {
        id: 'gold-escalation',
        kind: 'escalation',
        at: { after: 72 },
        unlessCase: 'goldReached',
        recipients: [],
        message: checkpointMessages.goldThreshold,
      },
    ],
  },
  {
    id: SILVER_MEETING,
    title: 'Silver meeting',
    kind: 'workingDays',
    length: 1,
    source: {
      kind: 'localTarget',
      citation: 'Partnership escalation protocol: Silver meets within 1 working day of the escalation',
    },
    owner: 'icb',
    pausable: false,
    checkpoints: [
      {
        id: 'silver-meeting-due',
        kind: 'due',
        at: { due: true },
        recipients: ['silverMembers', 'bronzeChair'],
        message: meetingMessages.silverMeetingDue,
      },
    ],
  },
  {
    id: GOLD_MEETING,
    title: 'Gold meeting',
    kind: 'elapsedHours',
    length: 24,
    source: {
      kind: 'localTarget',
      citation: 'Partnership escalation protocol: Gold meets within 24 hours of the escalation',
    },
    owner: 'icb',
    pausable: false,
    checkpoints: [
      {
        id: 'gold-meeting-due',
        kind: 'due',
        at: { due: true },
        recipients: ['goldMembers', 'bronzeChair'],
        message: meetingMessages.goldMeetingDue,
      },
    ],
  },
  {
    id: POST_ADMISSION_REVIEW,
    title: 'Care, Education and Treatment Review after admission',
    kind: 'workingDays',
    length: 5,
    source: {
      kind: 'localTarget',
      citation:
        'NHS England, Care, Education and Treatment Reviews: code and toolkit (2017); ' +
        'the partnership reviews within 5 working days of an admission',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'care-review-reminder',
        kind: 'warning',
        at: { after: 3 },
        recipients: ['crisisTeam', 'bronzeChair'],
        message: meetingMessages.careReviewReminder,
      },
      {
        id: 'care-review-due',
        kind: 'due',
        at: { due: true },
        recipients: ['crisisTeam', 'bronzeChair'],
        message: meetingMessages.careReviewDue,
      },
    ],
  },
  {
    // Its due instant is the team's opening time on the package's last day (set by the rules).
    id: HOME_TREATMENT,
    title: 'Intensive home treatment package',
    kind: 'calendarDate',
    length: 0,
    source: {
      kind: 'localTarget',
      citation: 'Partnership intensive home treatment service: a package, typically 6 weeks',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'package-ending',
        kind: 'warning',
        at: { beforeDueDays: 7 },
        recipients: ['homeTreatmentTeam'],
        message: meetingMessages.homeTreatmentEnding,
      },
      {
        id: 'package-end',
        kind: 'warning',
        at: { due: true },
        recipients: ['homeTreatmentTeam', 'bronzeChair'],
        message: meetingMessages.homeTreatmentEnd,
      },
    ],
  },
];
