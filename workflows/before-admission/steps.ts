/**
 * Before admission: what is expected next while a young person is at risk of admission, as its rules would
 * accept it. The community Care (Education) and Treatment Review is held once; a key worker is named (and
 * may be changed after); the all-agency meeting discusses the young person first within its target, then
 * every week (the step is the one next due). The time at risk may end whenever the support is in place.
 */
import { isOpen } from '#core/clocks/model';
import type { CaseRecord } from '#core/process/model';
import { type ExpectedStep, type ExpectedSteps, type StepReading, stepOfClock } from '#core/process/steps';
import { COMMUNITY_REVIEW, FIRST_MEETING, KEY_WORKER, WEEKLY_MEETING } from './clocks';
import type { BeforeAdmissionDetails } from './details';

export function expectedSteps(record: CaseRecord<BeforeAdmissionDetails>, reading: StepReading): ExpectedSteps {
  const d = record.details;
  const open = record.status === 'open';
  const naming = {
    event: 'keyWorkerNamed',
    title: 'Name a key worker',
    recordable: open && !d.keyWorker,
    ...(d.keyWorker ? { doneAt: d.keyWorker.namedAt } : {}),
  };
  // A key worker named when the case opened had no clock to run.
  const keyWorker: ExpectedStep = record.clocks[KEY_WORKER]
    ? stepOfClock(record.clocks[KEY_WORKER], reading, naming)
    : { ...naming, state: d.keyWorker ? 'done' : 'notYet' };
  const first = record.clocks[FIRST_MEETING];
  const weekly = record.clocks[WEEKLY_MEETING];
  const meeting =
    first && !isOpen(first) && weekly && isOpen(weekly)
      ? stepOfClock(weekly, reading, {
          event: 'meetingHeld',
          title: 'Next all-agency meeting discussion',
          recordable: open,
        })
      : stepOfClock(first, reading, { event: 'meetingHeld', title: 'First all-agency meeting', recordable: open });
  return {
    steps: [
      stepOfClock(record.clocks[COMMUNITY_REVIEW], reading, {
        event: 'communityReviewHeld',
        title: 'Community Care (Education) and Treatment Review',
        recordable: open && !d.communityReview,
      }),
      keyWorker,
      meeting,
    ],
    otherEvents: [...(d.keyWorker && open ? ['keyWorkerNamed'] : []), ...(open ? ['riskOfAdmissionEnded'] : [])],
  };
}
