/**
 * Initial health assessment: the rules, one handler per event type (each given its payload as its
 * schema parsed it), and what the process does when its timers fall due.
 */
import {
  about,
  addCalendarMonths,
  ageOn,
  compareLocalDates,
  endOfLondonDay,
  formatLondon,
  formatLondonDate,
  govukDate,
  govukDateTime,
  londonDateOf,
  startOfLondonDay,
} from '#core/calendar/index';
import { workingDaysOf } from '#core/clocks/engine';
import { isOpen } from '#core/clocks/model';
import { organisation, type PartnershipConfig } from '#core/partnership/config';
import { handlersFor, type ProcessRules, RuleViolation } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { type DateLimit, dateOutside, instantOutside } from '#core/schema/index';
import { ASSESSMENT_CLOCK, REQUEST_CLOCK, REVIEW_CLOCK } from './clocks';
import type { Change, IhaDetails } from './details';
import {
  type AppointmentBooked,
  type AssessmentCompleted,
  type ChildEnteredCare,
  type ChildLeftCare,
  events,
  legalBasisWords,
  type PlacementMoved,
  type RequestSentToHealth,
  type ReviewAssessmentCompleted,
} from './events';
import { appointmentAfterDue, childEnteredCareMessage, leavingCareWords, movedIntoArea, recipients } from './messages';
import { delayReasonsFor } from './settings';

/** The review cycle: every 6 months before the fifth birthday, every 12 months from it. */
export function nextReviewDue(dateOfBirth: string, lastAssessmentOn: string): string {
  return addCalendarMonths(lastAssessmentOn, ageOn(dateOfBirth, lastAssessmentOn) < 5 ? 6 : 12);
}

function eighteenthBirthday(dateOfBirth: string): string {
  return addCalendarMonths(dateOfBirth, 18 * 12);
}

function requireDirectoryOrg(partnership: PartnershipConfig, id: string, path: string, kind: string) {
  const org = organisation(partnership, id);
  if (!org || org.kind !== kind)
    throw new RuleViolation('Unknown organisation', [
      { path, message: `no ${kind} '${id}' in the partnership directory` },
    ]);
  return org;
}

/** How far back a new record may say the child entered care, and how far ahead an appointment may be. */
export const ENTRY_MONTHS_BACK = 12;
export const APPOINTMENT_MONTHS_AHEAD = 12;

const todayLimit = (change: Change): DateLimit => ({ day: londonDateOf(change.context.now), as: 'today' });
const entryLimit = (change: Change): DateLimit => ({
  day: londonDateOf(new Date(change.details.enteredCareAt)),
  as: 'the day the child entered care',
});

/** Refuse a date outside [from, to], naming the field and the range accepted. */
function requireDateWithin(path: string, day: string, limits: { from?: DateLimit; to?: DateLimit }) {
  const problem = dateOutside(day, limits);
  if (problem) throw new RuleViolation('A date is outside the range this record accepts', [{ path, message: problem }]);
}

/** The last health assessment done (the initial one or a review): a review is not recorded before it. */
function lastAssessmentLimit(change: Change): DateLimit {
  const d = change.details;
  const done = [d.assessment?.completedOn, ...d.reviews.map((r) => r.completedOn)]
    .filter((x): x is string => !!x)
    .sort();
  return done.length ? { day: done.at(-1)!, as: 'the last health assessment' } : entryLimit(change);
}

/**
 * The date field a calendar gap in each event is about: when a calendar does not reach it, the refusal
 * (400, dateOutsideCalendar) names that field. Opening a case counts from when the child entered care.

/** The organisation on this case that owns a clock: the council that opened it, or its health provider or ICB. */
function ownerOrganisation(change: Change, definitionId: string): string | undefined {
  const d = change.details;
  switch (change.clockDefinition(definitionId).owner) {
    case 'council':
      return change.record.organisation;
    case 'healthProvider':
      return d.healthProvider;
    case 'icb':
      return d.icb;
    default:
      return undefined;
  }
}

function scheduleReview(change: Change, lastAssessmentOn: string) {
  const d = change.details;
  const dueOn = nextReviewDue(d.child.dateOfBirth, lastAssessmentOn);
  if (compareLocalDates(dueOn, eighteenthBirthday(d.child.dateOfBirth)) >= 0) return;
  const clockId = `${REVIEW_CLOCK}-${d.reviews.length + 1}`;
  change.startClock(REVIEW_CLOCK, {
    id: clockId,
    startedAt: endOfLondonDay(lastAssessmentOn),
    dueAt: endOfLondonDay(dueOn),
    ownerOrganisation: ownerOrganisation(change, REVIEW_CLOCK),
  });
  d.reviews.push({ clockId, dueOn });
  change.record.stage = 'reviews';
}

/** A child entered care: the case opens with the request and assessment clocks, and health is told. */
export const enterCare = about('enteredCareAt', (change: Change, p: ChildEnteredCare) => {
  const { partnership, now } = change.context;
  const enteredCareAt = new Date(p.enteredCareAt);
  const issues: { path: string; message: string }[] = [];
  const entryDay = londonDateOf(enteredCareAt);
  if (enteredCareAt.getTime() > now.getTime())
    issues.push({ path: 'enteredCareAt', message: 'cannot be in the future' });
  else {
    const earliest = addCalendarMonths(londonDateOf(now), -ENTRY_MONTHS_BACK);
    const tooLongAgo = dateOutside(entryDay, { from: { day: earliest, as: 'a year ago' } });
    if (tooLongAgo)
      issues.push({
        path: 'enteredCareAt',
        message: `${tooLongAgo}: a new record is for a child who entered care in the last year`,
      });
  }
  // The date of birth is judged against the day the child entered care, once that day is accepted.
  if (issues.length) throw new RuleViolation('The record of the child entering care is not valid', issues);
  if (compareLocalDates(p.child.dateOfBirth, entryDay) > 0)
    issues.push({ path: 'child.dateOfBirth', message: 'must be on or before the day the child entered care' });
  else if (ageOn(p.child.dateOfBirth, entryDay) >= 18)
    issues.push({ path: 'child.dateOfBirth', message: 'the child must be under 18 on entering care' });
  if (issues.length) throw new RuleViolation('The record of the child entering care is not valid', issues);
  requireDirectoryOrg(partnership, p.healthProvider, 'healthProvider', 'healthProvider');
  requireDirectoryOrg(partnership, p.icb, 'icb', 'icb');
  requireDirectoryOrg(partnership, p.placement.icb, 'placement.icb', 'icb');

  const record = change.record;
  record.details = { ...p, reviews: [], placementMoves: [] };
  record.organisations = [...new Set([record.organisation, p.healthProvider, p.icb, p.placement.icb])];
  record.leadPractitionerEmail = p.socialWorker.email;
  record.openedAt = enteredCareAt.toISOString();
  record.stage = 'awaitingRequest';
  change.addTimeline(
    'enteredCare',
    `Child entered care: ${legalBasisWords[p.legalBasis]}; ` +
      `placement ${p.placement.area === 'inArea' ? 'in area' : 'out of area'}`,
  );
  const assessment = change.startClock(ASSESSMENT_CLOCK, {
    startedAt: enteredCareAt,
    ownerOrganisation: ownerOrganisation(change, ASSESSMENT_CLOCK),
  });
  change.startClock(REQUEST_CLOCK, {
    startedAt: enteredCareAt,
    ownerOrganisation: ownerOrganisation(change, REQUEST_CLOCK),
  });
  change.scheduleCaseTimer('adulthood', startOfLondonDay(eighteenthBirthday(p.child.dateOfBirth)));
  change.notify(['assessmentTeam', 'designatedNurse'], childEnteredCareMessage, {
    due: govukDateTime(new Date(assessment.dueAt)),
  });
  change.message =
    `Child entered care: case ${record.caseCode} opened; initial health assessment due by ` +
    `${formatLondon(new Date(assessment.dueAt))}`;
});

export const requestSent = about('sentAt', (change: Change, p: RequestSentToHealth) => {
  const d = change.details;
  const sentAt = new Date(p.sentAt);
  const outside = instantOutside(sentAt, {
    from: { at: new Date(d.enteredCareAt), as: 'when the child entered care' },
    to: { at: change.context.now, as: 'now' },
  });
  if (outside)
    throw new RuleViolation('The request is dated outside the range this record accepts', [
      { path: 'sentAt', message: outside },
    ]);
  if (d.request)
    throw new RuleViolation(
      `The request to health was already recorded as sent on ${formatLondon(new Date(d.request.sentAt))}`,
      [],
      409,
    );
  const clock = change.stopClock(REQUEST_CLOCK, sentAt);
  d.request = {
    sentAt: sentAt.toISOString(),
    consentIncluded: p.consentIncluded,
    // counted as the council's local target counts: its own closure days are not working days
    workingDaysAfterEntry: workingDaysOf(clock, change.calendars).workingDaysBetween(
      londonDateOf(new Date(d.enteredCareAt)),
      londonDateOf(sentAt),
    ),
  };
  if (change.record.stage === 'awaitingRequest') change.record.stage = 'awaitingAppointment';
  change.addTimeline(
    'requestSent',
    `Request sent to health${p.consentIncluded ? ' with signed consent' : '; consent to follow'}`,
  );
  change.message = `Request to health recorded (${clock.status === 'met' ? 'on time' : 'after the local target'})`;
});

export function bookAppointment(change: Change, p: AppointmentBooked) {
  const d = change.details;
  requireDateWithin('appointmentOn', p.appointmentOn, {
    from: entryLimit(change),
    to: { day: addCalendarMonths(londonDateOf(change.context.now), APPOINTMENT_MONTHS_AHEAD), as: 'a year from today' },
  });
  const clock = change.requireOpenClock(ASSESSMENT_CLOCK, 'Book appointment');
  const afterDueDate = endOfLondonDay(p.appointmentOn).getTime() > new Date(clock.dueAt).getTime();
  d.appointment = { on: p.appointmentOn, recordedAt: change.event.recordedAt, afterDueDate };
  change.cancelCheckpoint(ASSESSMENT_CLOCK, 'appointment-check');
  change.record.stage = 'appointmentBooked';
  change.addTimeline('appointmentBooked', `Appointment booked for ${formatLondonDate(p.appointmentOn)}`);
  if (afterDueDate) {
    change.notify(['assessmentTeam', 'designatedNurse', 'socialWorker'], appointmentAfterDue, {
      appointment: govukDate(p.appointmentOn),
      due: govukDateTime(new Date(clock.dueAt)),
    });
    change.addTimeline(
      'appointmentAfterDue',
      'The appointment is after the due date; the team, the designated nurse and the social worker were told',
    );
  }
  change.message = afterDueDate
    ? 'Appointment recorded; it is after the due date, so the team has been told'
    : 'Appointment recorded';
}

export const completeAssessment = about('completedOn', (change: Change, p: AssessmentCompleted) => {
  const d = change.details;
  const { partnership } = change.context;
  requireDateWithin('completedOn', p.completedOn, { from: entryLimit(change), to: todayLimit(change) });
  const clock = change.requireOpenClock(ASSESSMENT_CLOCK, 'Complete assessment');
  const reasons = delayReasonsFor(partnership);
  const onTime = endOfLondonDay(p.completedOn).getTime() <= new Date(clock.dueAt).getTime();
  if (!onTime && !p.delayReason) {
    throw new RuleViolation(
      `The assessment was completed after it was due (${formatLondon(new Date(clock.dueAt))}), ` +
        `so a reason for the delay is needed`,
      [
        {
          path: 'delayReason',
          message:
            `is required when the assessment is completed after it was due; ` +
            `code is one of ${Object.keys(reasons).join(', ')}`,
        },
      ],
    );
  }
  if (p.delayReason) {
    if (!(p.delayReason.code in reasons))
      throw new RuleViolation('Unknown delay reason', [
        { path: 'delayReason.code', message: `must be one of ${Object.keys(reasons).join(', ')}` },
      ]);
    if (p.delayReason.code === 'other' && !p.delayReason.text)
      throw new RuleViolation('Delay reason needs a few words', [
        { path: 'delayReason.text', message: "is required when the code is 'other'" },
      ]);
  }
  // Counted as the statutory clock counts (working days in England), so the parts add up to its total.
  const wd = workingDaysOf(clock, change.calendars);
  const entryDay = londonDateOf(new Date(d.enteredCareAt));
  const requestDay = d.request ? londonDateOf(new Date(d.request.sentAt)) : undefined;
  const stopAt = new Date(
    Math.min(endOfLondonDay(p.completedOn).getTime(), new Date(change.event.recordedAt).getTime()),
  );
  change.stopClock(ASSESSMENT_CLOCK, stopAt, p.delayReason ? reasons[p.delayReason.code] : undefined);
  if (change.clock(REQUEST_CLOCK) && isOpen(change.clock(REQUEST_CLOCK)!)) {
    change.notApplicable(REQUEST_CLOCK, stopAt, 'the assessment was completed before a request was recorded');
  }
  d.assessment = {
    completedOn: p.completedOn,
    practitioner: p.practitioner,
    healthPlanShared: true,
    onTime,
    ...(p.delayReason
      ? {
          delayReason: {
            code: p.delayReason.code,
            label: reasons[p.delayReason.code]!,
            ...(p.delayReason.text ? { text: p.delayReason.text } : {}),
          },
        }
      : {}),
    segments: {
      councilRequest: requestDay ? wd.workingDaysBetween(entryDay, requestDay) : null,
      health: requestDay ? wd.workingDaysBetween(requestDay, p.completedOn) : null,
      total: wd.workingDaysBetween(entryDay, p.completedOn),
    },
  };
  change.record.stage = 'assessed';
  change.addTimeline(
    'assessmentCompleted',
    `Initial health assessment completed on ${formatLondonDate(p.completedOn)}; ` +
      `health plan shared${onTime ? '' : ` (after the due date: ${reasons[p.delayReason!.code]})`}`,
  );
  scheduleReview(change, p.completedOn);
  change.message = onTime
    ? 'Initial health assessment recorded as completed on time'
    : 'Initial health assessment recorded as completed after the due date, with the reason';
});

export const completeReview = about('completedOn', (change: Change, p: ReviewAssessmentCompleted) => {
  const d = change.details;
  requireDateWithin('completedOn', p.completedOn, { from: lastAssessmentLimit(change), to: todayLimit(change) });
  const review = d.reviews.find((r) => !r.completedOn);
  if (!review) throw new RuleViolation('No review health assessment is due for this case yet', [], 409);
  const stopAt = new Date(
    Math.min(endOfLondonDay(p.completedOn).getTime(), new Date(change.event.recordedAt).getTime()),
  );
  change.stopClock(review.clockId, stopAt);
  review.completedOn = p.completedOn;
  change.addTimeline('reviewCompleted', `Review health assessment completed on ${formatLondonDate(p.completedOn)}`);
  scheduleReview(change, p.completedOn);
  change.message = 'Review health assessment recorded';
});

export const movePlacement = about('movedOn', (change: Change, p: PlacementMoved) => {
  const d = change.details;
  const { partnership } = change.context;
  requireDateWithin('movedOn', p.movedOn, { from: entryLimit(change), to: todayLimit(change) });
  const newIcb = requireDirectoryOrg(partnership, p.icb, 'icb', 'icb');
  const fromIcb = d.placement.icb;
  d.placement = { area: p.area, icb: p.icb };
  change.addTimeline('placementMoved', `Placement moved (${p.area === 'inArea' ? 'in area' : 'out of area'})`);
  if (fromIcb !== p.icb) {
    d.placementMoves.push({ movedOn: p.movedOn, fromIcb, toIcb: p.icb });
    change.record.organisations = [...new Set([...change.record.organisations, p.icb])];
    const open = Object.values(change.record.clocks).find((c) => isOpen(c) && c.definitionId !== REQUEST_CLOCK);
    change.notify(['newPlacementIcb'], movedIntoArea, {
      what: open
        ? `Their ${open.title.toLowerCase()} is due by ${govukDateTime(new Date(open.dueAt))}; the clock continues.`
        : 'Their health assessments are up to date.',
    });
    change.addTimeline('icbTold', `${newIcb.name} told of the move`);
  }
  change.message = 'Placement move recorded; the clocks continue';
});

export const leaveCare = about('leftOn', (change: Change, p: ChildLeftCare) => {
  const d = change.details;
  requireDateWithin('leftOn', p.leftOn, { from: entryLimit(change), to: todayLimit(change) });
  d.leftCare = { on: p.leftOn, reason: p.reason, ...(p.reasonText ? { reasonText: p.reasonText } : {}) };
  change.closeCase(
    `left care (${leavingCareWords[p.reason]})`,
    endOfLondonDay(p.leftOn) < new Date(change.event.recordedAt)
      ? endOfLondonDay(p.leftOn)
      : new Date(change.event.recordedAt),
  );
  change.message = 'Leaving care recorded; the clocks have stopped as no longer applicable';
});

/** The young person's 18th birthday closes the case. */
export function onCaseTimer(change: Change, checkpointId: string) {
  if (checkpointId === 'adulthood') {
    change.closeCase('the young person turned 18; support continues through leaving care services', change.occurredAt);
  }
}

/** Named conditions a checkpoint may be skipped on. */
export const conditions = {
  appointmentBooked: (record: CaseRecord<IhaDetails>) => Boolean(record.details.appointment),
};

/** The rules of the process: each event's handler by its type, the case timer, the conditions and who is told. */
export const processRules: ProcessRules<IhaDetails> = {
  handlers: handlersFor<IhaDetails>()(events)({
    childEnteredCare: enterCare,
    requestSentToHealth: requestSent,
    appointmentBooked: bookAppointment,
    assessmentCompleted: completeAssessment,
    reviewAssessmentCompleted: completeReview,
    placementMoved: movePlacement,
    childLeftCare: leaveCare,
  }),
  onCaseTimer,
  conditions,
  recipients,
};

/** The rules of each version, by its number (the process has one). */
export const rules: Readonly<Record<number, ProcessRules<IhaDetails>>> = { 1: processRules };
