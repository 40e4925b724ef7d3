/**
 * Child protection: what is expected next on a case, as its rules would accept it. A strategy
 * discussion (more may follow until the initial conference); the section 47 enquiry's outcome, once,
 * during the enquiry; the initial conference within 15 working days of the last strategy discussion,
 * once the enquiry says one is needed; with a plan, the first core group within 10 working days and the
 * review conferences (the step is the one next due). A referral is concluded at the referral stage; a
 * plan is ended while there is one.
 */
import { endOfLondonDay } from '#core/calendar/index';
import type { CaseRecord } from '#core/process/model';
import { type ExpectedStep, type ExpectedSteps, type StepReading, stepOfClock } from '#core/process/steps';
import { CORE_GROUP_CLOCK, INITIAL_CONFERENCE_CLOCK } from './clocks';
import type { CpDetails } from './details';

export function expectedSteps(record: CaseRecord<CpDetails>, reading: StepReading): ExpectedSteps {
  const d = record.details;
  const stage = record.stage;
  const beforePlan = ['referral', 'section47Enquiry', 'conferenceToBeHeld'].includes(stage);
  const inPlan = stage === 'plan';
  const lastDiscussion = d.strategyDiscussions.at(-1);
  const steps: ExpectedStep[] = [
    {
      event: 'strategyDiscussionHeld',
      title: 'Strategy discussion',
      state: lastDiscussion ? 'done' : stage === 'referral' ? 'due' : 'notNeeded',
      ...(lastDiscussion ? { doneAt: lastDiscussion.heldAt } : {}),
      // Another may be held (and restarts the count to the initial conference) until the conference.
      recordable: beforePlan,
    },
    {
      event: 'section47Completed',
      title: 'Outcome of the section 47 enquiry',
      state: d.enquiry?.completedOn
        ? 'done'
        : stage === 'section47Enquiry'
          ? 'due'
          : d.enquiry
            ? 'notNeeded'
            : 'notYet',
      ...(d.enquiry?.completedOn ? { doneAt: endOfLondonDay(d.enquiry.completedOn).toISOString() } : {}),
      recordable: stage === 'section47Enquiry',
    },
  ];
  const conference = record.clocks[INITIAL_CONFERENCE_CLOCK];
  const conferenceStep = stepOfClock(conference, reading, {
    event: 'initialConferenceHeld',
    title: 'Initial child protection conference',
    recordable: stage === 'conferenceToBeHeld',
  });
  // Its clock runs from the strategy discussion, but the conference is recorded after the enquiry's outcome.
  steps.push(
    stage === 'section47Enquiry' && conferenceStep.state === 'due'
      ? { ...conferenceStep, state: 'notYet' }
      : conferenceStep,
  );
  if (d.initialConference?.plan || inPlan) {
    const coreGroup = record.clocks[CORE_GROUP_CLOCK];
    steps.push(
      stepOfClock(coreGroup, reading, {
        event: 'coreGroupMeetingHeld',
        title: 'First core group meeting',
        // Later core group meetings are recorded too, while the plan lasts.
        recordable: inPlan,
      }),
    );
    const review = d.reviews.find((r) => !r.heldOn) ?? d.reviews.at(-1);
    steps.push(
      stepOfClock(review ? record.clocks[review.clockId] : undefined, reading, {
        event: 'reviewConferenceHeld',
        title: d.reviews.filter((r) => r.heldOn).length ? 'Next review conference' : 'First review conference',
        recordable: inPlan,
      }),
    );
  }
  const other: [string, boolean][] = [
    ['referralConcluded', stage === 'referral'],
    ['planEnded', inPlan],
  ];
  return { steps, otherEvents: other.filter(([, ok]) => ok).map(([e]) => e) };
}
