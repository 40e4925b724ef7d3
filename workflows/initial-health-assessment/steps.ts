/**
 * Initial health assessment: what is expected next on a case, as its rules would accept it. The request
 * to health is recorded once; an appointment may be booked (or booked again) while the assessment is
 * not done; the assessment is recorded once; then a review is due on its cycle until the child is 18.
 * A placement move and leaving care may be recorded while the case is open.
 */
import { isOpen } from '#core/clocks/model';
import type { CaseRecord } from '#core/process/model';
import { type ExpectedStep, type ExpectedSteps, type StepReading, stepOfClock } from '#core/process/steps';
import { ASSESSMENT_CLOCK, REQUEST_CLOCK } from './clocks';
import type { IhaDetails } from './details';

export function expectedSteps(record: CaseRecord<IhaDetails>, reading: StepReading): ExpectedSteps {
  const d = record.details;
  const clocks = record.clocks;
  const assessment = clocks[ASSESSMENT_CLOCK];
  const assessmentOpen = !!assessment && isOpen(assessment);
  const appointment: ExpectedStep = d.appointment
    ? {
        event: 'appointmentBooked',
        title: 'Book the appointment',
        state: 'done',
        doneAt: d.appointment.recordedAt,
        // Booked again (moved) while the assessment is still to do.
        recordable: assessmentOpen,
      }
    : assessmentOpen
      ? stepOfClock(assessment, reading, {
          event: 'appointmentBooked',
          title: 'Book the appointment',
          recordable: true,
        })
      : { event: 'appointmentBooked', title: 'Book the appointment', state: 'notNeeded', recordable: false };
  // Before the initial assessment is done no review is due yet; after it, the review next due (none after 18).
  const review = d.reviews.find((r) => !r.completedOn);
  const reviewStep: ExpectedStep[] = review
    ? [
        stepOfClock(clocks[review.clockId], reading, {
          event: 'reviewAssessmentCompleted',
          title: 'Review health assessment',
          recordable: true,
        }),
      ]
    : d.assessment
      ? []
      : [{ event: 'reviewAssessmentCompleted', title: 'Review health assessment', state: 'notYet', recordable: false }];
  return {
    steps: [
      stepOfClock(clocks[REQUEST_CLOCK], reading, {
        event: 'requestSentToHealth',
        title: 'Send the request to health',
        // Once, while its clock is open (an assessment done first makes it no longer needed).
        recordable: !d.request && !!clocks[REQUEST_CLOCK] && isOpen(clocks[REQUEST_CLOCK]),
        ...(d.request ? { doneAt: d.request.sentAt } : {}),
      }),
      appointment,
      stepOfClock(assessment, reading, {
        event: 'assessmentCompleted',
        title: 'Initial health assessment',
        recordable: assessmentOpen,
      }),
      ...reviewStep,
    ],
    otherEvents: ['placementMoved', 'childLeftCare'],
  };
}
