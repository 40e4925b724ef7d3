/**
 * Crisis escalation: what is expected next on a case, as its rules would accept it. The crisis
 * assessment is recorded once; the Bronze MDT meets first within a working day, then on its cadence
 * (daily while Red, weekly while Amber: the step is the next meeting due); a Silver or Gold meeting is
 * expected once the case reaches that level; after discharge, the review after a Tier 4 admission or the
 * end of intensive home treatment. Nothing about the crisis stay (its assessment, meetings, rating,
 * levels, medically fit, a Tier 4 referral) is taken after discharge.
 */
import { ageOn, londonDateOf } from '#core/calendar/index';
import { isOpen } from '#core/clocks/model';
import type { CaseRecord } from '#core/process/model';
import { type ExpectedStep, type ExpectedSteps, type StepReading, stepOfClock } from '#core/process/steps';
import {
  BRONZE_CADENCE,
  CRISIS_ASSESSMENT,
  FIRST_BRONZE_MEETING,
  GOLD_MEETING,
  HOME_TREATMENT,
  SILVER_MEETING,
} from './clocks';
import { ACUTE_SETTINGS, ADULT_SERVICES_FROM_AGE, type CrisisDetails, type Level } from './details';

const rank: Record<Level, number> = { bronze: 0, silver: 1, gold: 2 };

export function expectedSteps(record: CaseRecord<CrisisDetails>, reading: StepReading): ExpectedSteps {
  const d = record.details;
  const clocks = record.clocks;
  const inStay = !d.discharge;
  const steps: ExpectedStep[] = [
    stepOfClock(clocks[CRISIS_ASSESSMENT], reading, {
      event: 'crisisAssessed',
      title: 'Crisis assessment, face to face',
      recordable: inStay && !d.assessment,
      ...(d.assessment ? { doneAt: d.assessment.at } : {}),
    }),
  ];
  // The Bronze MDT: the first meeting, then the next one due on its cadence (none due while rated Green).
  const cadence = clocks[BRONZE_CADENCE];
  const first = clocks[FIRST_BRONZE_MEETING];
  const bronze =
    cadence && isOpen(cadence) && cadence.status !== 'paused' && first && !isOpen(first)
      ? stepOfClock(cadence, reading, {
          event: 'bronzeMeetingHeld',
          title: 'Next Bronze MDT meeting',
          recordable: true,
        })
      : stepOfClock(first, reading, {
          event: 'bronzeMeetingHeld',
          title: 'First Bronze MDT meeting',
          recordable: true,
        });
  steps.push({ ...bronze, recordable: inStay });
  // Silver and Gold: expected once the case reaches the level, offered while it is there (more may be
  // held); a Silver meeting not held before Gold no longer applies, nor a level's meeting after stepping down.
  for (const [level, event, clockId, title] of [
    ['silver', 'silverMeetingHeld', SILVER_MEETING, 'Silver meeting'],
    ['gold', 'goldMeetingHeld', GOLD_MEETING, 'Gold meeting'],
  ] as const) {
    if (rank[d.highestLevel] < rank[level]) continue;
    steps.push(stepOfClock(clocks[clockId], reading, { event, title, recordable: inStay && d.level === level }));
  }
  const postAdmission = d.careReviews.postAdmission;
  if (postAdmission)
    steps.push(
      stepOfClock(clocks[postAdmission.clockId], reading, {
        event: 'careReviewHeld',
        title: 'Care, Education and Treatment Review after admission',
        recordable: !postAdmission.heldOn,
      }),
    );
  const homeTreatment = clocks[HOME_TREATMENT];
  if (d.homeTreatment && homeTreatment)
    steps.push(
      stepOfClock(homeTreatment, reading, {
        event: 'homeTreatmentEnded',
        title: 'End of intensive home treatment',
        recordable: isOpen(homeTreatment),
      }),
    );

  const age = ageOn(d.youngPerson.dateOfBirth, londonDateOf(reading.now));
  const other: [string, boolean][] = [
    ['ratingChanged', inStay],
    ['medicallyFit', inStay && ACUTE_SETTINGS.includes(d.setting) && !d.medicallyFitAt],
    ['steppedDown', inStay && d.level !== 'bronze'],
    ['tier4Referred', inStay && !d.tier4],
    ['tier4BedOffered', !!d.tier4 && !d.tier4.bedOfferedAt],
    // The community review (the review after admission is a step above).
    ['careReviewHeld', d.autisticOrLearningDisability && !d.careReviews.community?.heldOn],
    ['adultServicesReferred', !d.adultServicesReferral && age >= ADULT_SERVICES_FROM_AGE],
    ['discharged', inStay],
  ];
  const asSteps = new Set(steps.filter((s) => s.recordable).map((s) => s.event));
  return { steps, otherEvents: other.filter(([e, ok]) => ok && !asSteps.has(e)).map(([e]) => e) };
}
