/**
 * Children in care: what is expected next on a case, as its rules would accept it. Reviews recur (the
 * first within 20 working days, the second within 3 months, then every 6 months) and so do visits (from
 * each placement's start): each step is the one next due. A placement move, a reviewing officer and
 * leaving care may be recorded while the case is open.
 */
import { isOpen } from '#core/clocks/model';
import type { CaseRecord } from '#core/process/model';
import { type ExpectedSteps, type StepReading, stepOfClock } from '#core/process/steps';
import { FIRST_REVIEW_CLOCK } from './clocks';
import type { CicDetails } from './details';

export function expectedSteps(record: CaseRecord<CicDetails>, reading: StepReading): ExpectedSteps {
  const d = record.details;
  const reviewClock = d.reviews.length === 0 ? FIRST_REVIEW_CLOCK : d.reviews.find((r) => !r.heldOn)?.clockId;
  const visit = d.visits.find((v) => !v.visitedOn && record.clocks[v.clockId] && isOpen(record.clocks[v.clockId]!));
  return {
    steps: [
      stepOfClock(reviewClock ? record.clocks[reviewClock] : undefined, reading, {
        event: 'reviewHeld',
        title: d.reviews.length === 0 ? 'First review' : 'Next review',
        recordable: true,
      }),
      stepOfClock(visit ? record.clocks[visit.clockId] : undefined, reading, {
        event: 'visitMade',
        title: 'Next visit',
        recordable: true,
      }),
    ],
    otherEvents: ['placementMoved', 'reviewingOfficerAppointed', 'childLeftCare'],
  };
}
