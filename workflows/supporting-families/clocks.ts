/**
 * Supporting Families / Family Help: its clocks.
 *
 * The episode counts calendar weeks from allocation: week N ends at the end (23:59:59.999 London) of
 * the same weekday N weeks after the start day, i.e. a calendarDays clock of 7 × N days (allocated on
 * Monday 5 January 2026, week 16 ends at the end of Monday 27 April 2026). Lengths and `after` are in
 * days (16 weeks = 112). Every episode clock pauses together; paused days move every checkpoint on,
 * the Team Around the Family reviews too (followsPauses), and are reported apart.
 */
import { type ClockDefinition, type ClockState, isOpen } from '#core/clocks/model';
import type { CaseRecord } from '#core/process/model';
import { checkpointMessages as m } from '#process-messages/supporting-families';
import { defaultPauseReasons } from './settings';

export const DECISION_CLOCK = 'front-door-decision';
export const ALLOCATION_CLOCK = 'allocation';
export const EPISODE_CLOCK = 'episode';
export const ASSESSMENT_CLOCK = 'assessment';
export const PLAN_CLOCK = 'family-plan';
export const STATUTORY_ASSESSMENT_CLOCK = 'family-help-assessment';
/** A lead practitioner's request to pause, until the team leader answers it (one clock a request: `-1`, `-2`…). */
export const PAUSE_DECISION_CLOCK = 'pause-decision';

export const WEEK = 7;
export const EPISODE_WEEKS = 16;

const local = (citation: string) => ({
  kind: 'localTarget' as const,
  citation: `Partnership local target: ${citation}`,
});

const decision: ClockDefinition = {
  id: DECISION_CLOCK,
  title: 'Front door decision',
  kind: 'workingDays',
  length: 1,
  source: local(
    'the front door decides the route within 1 working day of the request (a step-up to the MASH never waits for it)',
  ),
  owner: 'council',
  pausable: false,
  checkpoints: [
    { id: 'decision-due', kind: 'due', at: { due: true }, recipients: ['frontDoor'], message: m.decisionDue },
  ],
};

const allocation: ClockDefinition = {
  id: ALLOCATION_CLOCK,
  title: 'Allocation of a lead practitioner',
  kind: 'workingDays',
  length: 5,
  source: local('a lead practitioner is allocated within 5 working days of the front door decision'),
  owner: 'council',
  pausable: false,
  checkpoints: [
    { id: 'allocation-due', kind: 'due', at: { due: true }, recipients: ['teamLeader'], message: m.allocationDue },
  ],
};

const episode: ClockDefinition = {
  id: EPISODE_CLOCK,
  title: 'Supporting Families episode (16 weeks)',
  kind: 'calendarDays',
  length: EPISODE_WEEKS * WEEK,
  source: local('an intensive episode closes by week 16 of support (paused weeks not counted)'),
  owner: 'council',
  pausable: true,
  pauseReasons: defaultPauseReasons,
  checkpoints: [
    {
      id: 'week-14',
      kind: 'warning',
      at: { after: 14 * WEEK },
      recipients: ['leadPractitioner', 'teamLeader'],
      message: m.weekFourteen,
    },
    { id: 'week-16', kind: 'due', at: { due: true }, recipients: ['teamLeader'], message: m.weekSixteen },
    {
      id: 'week-20',
      kind: 'escalation',
      at: { after: 20 * WEEK },
      recipients: ['serviceManager'],
      message: m.weekTwenty,
    },
    {
      id: 'team-around-the-family-review',
      kind: 'warning',
      at: { every: 6, unit: 'weeks', whileCase: 'episodeOpen', atTime: '09:00', followsPauses: true },
      recipients: ['leadPractitioner'],
      message: m.teamAroundFamilyReview,
    },
  ],
};

const assessment: ClockDefinition = {
  id: ASSESSMENT_CLOCK,
  title: 'Early Help Assessment',
  kind: 'calendarDays',
  length: 4 * WEEK,
  source: local('the whole-family assessment within 4 weeks of allocation'),
  owner: 'council',
  pausable: true,
  pauseReasons: defaultPauseReasons,
  checkpoints: [
    {
      id: 'assessment-due',
      kind: 'due',
      at: { due: true },
      recipients: ['leadPractitioner', 'teamLeader'],
      message: m.assessmentDue,
    },
  ],
};

const plan: ClockDefinition = {
  id: PLAN_CLOCK,
  title: 'Family plan agreed',
  kind: 'calendarDays',
  length: 6 * WEEK,
  source: local('the family plan agreed within 6 weeks of allocation'),
  owner: 'council',
  pausable: true,
  pauseReasons: defaultPauseReasons,
  checkpoints: [
    {
      id: 'plan-due',
      kind: 'due',
      at: { due: true },
      recipients: ['leadPractitioner', 'teamLeader'],
      message: m.planDue,
    },
  ],
};

/**
 * A request to pause answered: the team leader pauses the episode (their approval) or says why it carries
 * on. Until then the episode's clocks run, so an unanswered request is never a silent pause.
 */
const pauseDecision: ClockDefinition = {
  id: PAUSE_DECISION_CLOCK,
  title: 'Answer to a request to pause',
  kind: 'workingDays',
  length: 2,
  source: local('a team leader answers a lead practitioner’s request to pause within 2 working days'),
  owner: 'council',
  pausable: false,
  checkpoints: [
    {
      id: 'pause-decision-due',
      kind: 'due',
      at: { due: true },
      recipients: ['teamLeader'],
      message: m.pauseDecisionDue,
    },
  ],
};

/** The open clock of a request to pause waiting for the team leader's answer, if there is one. */
export function pendingPauseRequest(record: Pick<CaseRecord, 'clocks'>): ClockState | undefined {
  return Object.values(record.clocks).find((c) => c.definitionId === PAUSE_DECISION_CLOCK && isOpen(c));
}

/** Supporting Families (version 1). */
export const clocksV1: ClockDefinition[] = [decision, allocation, episode, assessment, plan, pauseDecision];

/**
 * Family Help (version 2): the same local targets, named for Family Help, and for a child in need the
 * statutory Family Help assessment within 45 working days of the request (working days in England, as
 * the IHA's statutory clock counts them; never paused, never lengthened by configuration).
 */
export const clocksV2: ClockDefinition[] = [
  decision,
  allocation,
  { ...episode, title: 'Family Help episode (16 weeks)' },
  { ...assessment, title: 'Family Help assessment (local target)' },
  plan,
  pauseDecision,
  {
    id: STATUTORY_ASSESSMENT_CLOCK,
    title: 'Family Help assessment for a child in need',
    kind: 'workingDays',
    length: 45,
    source: {
      kind: 'statutory',
      citation:
        'Working Together to Safeguard Children 2023 (Children Act 1989 s17): ' +
        'the assessment of a child in need within 45 working days of the request',
    },
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'statutory-assessment-warning',
        kind: 'warning',
        at: { after: 35 },
        recipients: ['leadPractitioner', 'teamLeader'],
        message: m.statutoryAssessmentWarning,
      },
      {
        id: 'statutory-assessment-due',
        kind: 'due',
        at: { due: true },
        recipients: ['teamLeader', 'serviceManager'],
        message: m.statutoryAssessmentDue,
      },
    ],
  },
];

/** Clocks of the episode that pause together (the pausable local targets). */
export const EPISODE_CLOCKS = [EPISODE_CLOCK, ASSESSMENT_CLOCK, PLAN_CLOCK];
