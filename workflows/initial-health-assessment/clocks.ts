/** Initial health assessment: its clocks (the request to health, the assessment, the reviews after it). */
import type { ClockDefinition } from '#core/clocks/model';
import { checkpointMessages } from '#process-messages/initial-health-assessment';

export const REQUEST_CLOCK = 'request-to-health';
export const ASSESSMENT_CLOCK = 'initial-health-assessment';
export const REVIEW_CLOCK = 'review-health-assessment';

export const clocks: ClockDefinition[] = [
  {
    id: REQUEST_CLOCK,
    title: 'Request for the initial health assessment',
    kind: 'workingDays',
    length: 5,
    source: {
      kind: 'localTarget',
      citation: 'Partnership local target: the council asks health within 5 working days of the child entering care',
    },
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'request-reminder',
        kind: 'warning',
        at: { after: 3 },
        recipients: ['socialWorker', 'socialWorkManager'],
        message: checkpointMessages.requestReminder,
      },
      {
        id: 'request-due',
        kind: 'due',
        at: { due: true },
        recipients: ['socialWorker', 'socialWorkManager'],
        message: checkpointMessages.requestDue,
      },
    ],
  },
  {
    id: ASSESSMENT_CLOCK,
    title: 'Initial health assessment',
    kind: 'workingDays',
    length: 20,
    source: {
      kind: 'statutory',
      citation:
        'Promoting the health and well-being of looked-after children, statutory guidance (2015); ' +
        'Care Planning, Placement and Case Review (England) Regulations 2010: ' +
        'within 20 working days of entering care',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'appointment-check',
        kind: 'warning',
        at: { after: 10 },
        unlessCase: 'appointmentBooked',
        recipients: ['assessmentTeam'],
        message: checkpointMessages.appointmentCheck,
      },
      {
        id: 'completion-reminder',
        kind: 'warning',
        at: { after: 15 },
        recipients: ['assessmentTeam', 'designatedNurse'],
        message: checkpointMessages.completionReminder,
      },
      {
        id: 'assessment-due',
        kind: 'due',
        at: { due: true },
        recipients: ['designatedNurse', 'assessmentTeamManager', 'childrenInCareManager'],
        message: checkpointMessages.assessmentDue,
      },
      {
        id: 'escalation',
        kind: 'escalation',
        at: { after: 25 },
        recipients: ['icbCommissioner', 'headOfService'],
        message: checkpointMessages.escalation,
      },
    ],
  },
  {
    id: REVIEW_CLOCK,
    title: 'Review health assessment',
    kind: 'calendarDate',
    length: 0,
    source: {
      kind: 'statutory',
      citation:
        'Promoting the health and well-being of looked-after children (2015): ' +
        'every 6 months before the child is 5, every 12 months from 5',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'review-reminder',
        kind: 'warning',
        at: { beforeDueDays: 28 },
        recipients: ['assessmentTeam', 'socialWorker'],
        message: checkpointMessages.reviewReminder,
      },
      {
        id: 'review-due',
        kind: 'due',
        at: { due: true },
        recipients: ['assessmentTeam', 'designatedNurse', 'socialWorker'],
        message: checkpointMessages.reviewDue,
      },
    ],
  },
];
