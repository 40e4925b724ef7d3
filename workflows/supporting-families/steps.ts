/**
 * Supporting Families and Family Help: what is expected next on a request, as the rules would accept
 * it. The front door decides once (while the request awaits its decision); a lead practitioner is
 * allocated (and may be handed over during the episode); the assessment and the family plan are each
 * recorded once in the episode; Team Around the Family reviews recur while it is open (the step is the
 * next one due); the episode closes within its 16 weeks; six months after Outcomes Met, the check of
 * whether they lasted (on the closed case). While a lead practitioner's request to pause waits, the team
 * leader's answer is a step (pause the episode, or say why it carries on). A pause, a request to pause, a
 * resume, a step up and (Family Help) a child protection plan apply only where the rules take them.
 */
import { endOfLondonDay } from '#core/calendar/index';
import { isOpen } from '#core/clocks/model';
import type { CaseRecord } from '#core/process/model';
import { type ExpectedStep, type ExpectedSteps, nextTimerOf, type StepReading, stepOfClock } from '#core/process/steps';
import {
  ALLOCATION_CLOCK,
  ASSESSMENT_CLOCK,
  DECISION_CLOCK,
  EPISODE_CLOCK,
  EPISODE_CLOCKS,
  PLAN_CLOCK,
  pendingPauseRequest,
} from './clocks';
import type { SfDetails } from './details';

/** The checkpoint of the episode clock at which a Team Around the Family review falls due (clocks.ts). */
const REVIEW_CHECKPOINT = 'team-around-the-family-review';

export function expectedSteps(record: CaseRecord<SfDetails>, reading: StepReading): ExpectedSteps {
  const d = record.details;
  const clocks = record.clocks;
  const stage = record.stage;
  const episode = record.status === 'open' && stage === 'episode';
  const review = (): ExpectedStep => {
    const base = {
      event: 'teamAroundFamilyReviewHeld',
      title: 'Next Team Around the Family review',
      recordable: episode,
    };
    if (!episode) return { ...base, state: clocks[EPISODE_CLOCK] ? 'notNeeded' : 'notYet' };
    const next = nextTimerOf(record, REVIEW_CHECKPOINT);
    return { ...base, state: 'due', ...(next ? { dueAt: next } : {}) };
  };
  // The request to pause waiting for the team leader's answer (its clock is open), if there is one.
  const waiting = pendingPauseRequest(record);
  const steps: ExpectedStep[] = [
    stepOfClock(clocks[DECISION_CLOCK], reading, {
      event: 'frontDoorDecision',
      title: 'Front door decision',
      recordable: stage === 'awaitingDecision',
      ...(d.decision ? { doneAt: d.decision.decidedAt } : {}),
    }),
    stepOfClock(clocks[ALLOCATION_CLOCK], reading, {
      event: 'leadPractitionerAllocated',
      title: 'Allocate a lead practitioner',
      // During the episode, a handover to a new lead practitioner.
      recordable: stage === 'awaitingAllocation' || episode,
      ...(d.allocation ? { doneAt: d.allocation.allocatedAt } : {}),
    }),
    stepOfClock(clocks[ASSESSMENT_CLOCK], reading, {
      event: 'assessmentCompleted',
      title: 'Assessment with the family',
      recordable: episode && !d.assessment,
    }),
    stepOfClock(clocks[PLAN_CLOCK], reading, {
      event: 'planAgreed',
      title: 'Family plan agreed',
      recordable: episode && !d.plan,
    }),
    ...(waiting
      ? [
          stepOfClock(waiting, reading, {
            event: 'episodePaused',
            title: 'Answer the request to pause: pause the episode, or say why it carries on',
            recordable: episode,
          }),
        ]
      : []),
    review(),
    stepOfClock(clocks[EPISODE_CLOCK], reading, {
      event: 'episodeClosed',
      title: 'Close the episode with the family',
      recordable: episode,
    }),
  ];
  const check = d.sustainCheck;
  if (check)
    steps.push({
      event: 'sustainCheckRecorded',
      title: 'Six-month check: have the outcomes lasted?',
      state: check.recordedOn ? 'done' : 'due',
      dueAt: endOfLondonDay(check.dueOn).toISOString(),
      ...(check.recordedOn ? { doneAt: endOfLondonDay(check.recordedOn).toISOString() } : {}),
      recordable: !check.recordedOn,
    });

  const episodeClocks = EPISODE_CLOCKS.map((id) => clocks[id]).filter((c) => c && isOpen(c));
  const paused = episodeClocks.some((c) => c!.status === 'paused');
  const plan = d.childProtectionPlan;
  const other: [string, boolean][] = [
    ['pauseRequested', episode && !paused && !waiting],
    ['episodePaused', episode && !paused && !waiting],
    ['pauseNotAgreed', episode && !!waiting],
    ['episodeResumed', episode && paused],
    ['steppedUpToSocialCare', record.status === 'open'],
    ['childProtectionPlanStarted', episode && !(plan && !plan.endedOn)],
    ['childProtectionPlanEnded', episode && !!plan && !plan.endedOn],
  ];
  return { steps, otherEvents: other.filter(([, ok]) => ok).map(([e]) => e) };
}
