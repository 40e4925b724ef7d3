/**
 * Children in care, reviews and visits: the rules, one handler per event type (each given its payload as
 * its schema parsed it), and what the process does when its case timer falls due.
 */
import {
  aboutField,
  addCalendarMonths,
  compareLocalDates,
  endOfLondonDay,
  formatLondon,
  formatLondonDate,
  londonDateOf,
  startOfLondonDay,
} from '#core/calendar/index';
import { isOpen } from '#core/clocks/model';
import { caseIdFor, episodeCaseId } from '#core/process/decide';
import { handlersFor, type ProcessRules, RuleViolation } from '#core/process/definition';
import { type DateLimit, dateOutside, instantOutside } from '#core/schema/index';
import { initialHealthAssessmentContract } from '../initial-health-assessment/contract';
import {
  FIRST_REVIEW_CLOCK,
  FIRST_VISIT_CLOCK,
  LATER_REVIEW_MONTHS,
  LONG_TERM_VISIT_CLOCK,
  REVIEW_CLOCK,
  SECOND_REVIEW_MONTHS,
  VISIT_CLOCK,
} from './clocks';
import { type Change, type CicDetails, leavingCareWords } from './details';
import {
  type ChildLeftCare,
  type ChildLookedAfter,
  caseKeyOf,
  events,
  type PlacementMoved,
  type ReviewHeld,
  type ReviewingOfficerAppointed,
  type VisitMade,
} from './events';
import { recipients } from './messages';
import { settingsFor } from './settings';

/** How far back a new record may say the child became looked after. */
export const ENTRY_MONTHS_BACK = 12;

function about<P>(field: string, rule: (change: Change, payload: P) => void) {
  return (change: Change, payload: P) => aboutField(field, () => rule(change, payload));
}

const today = (change: Change): DateLimit => ({ day: londonDateOf(change.context.now), as: 'today' });

function requireDateWithin(path: string, day: string, limits: { from?: DateLimit; to?: DateLimit }) {
  const problem = dateOutside(day, limits);
  if (problem) throw new RuleViolation('A date is outside the range this record accepts', [{ path, message: problem }]);
}

/** When a dated record counts: the end of its London day, or when it was recorded if that is sooner (today). */
const stopInstant = (change: Change, day: string) =>
  new Date(Math.min(endOfLondonDay(day).getTime(), new Date(change.event.recordedAt).getTime()));

function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const owner = (change: Change) => ({ ownerOrganisation: change.record.organisation });

// ---------------------------------------------------------------------------------------------
// Visits (regulation 28)
// ---------------------------------------------------------------------------------------------

/** A placement starts: the visit within one week of it (any visit clock of the last placement no longer applies). */
function startPlacement(change: Change, startedOn: string, untilEighteen: boolean, at: Date) {
  const d = change.details;
  const open = d.visits.find((v) => !v.visitedOn && isOpen(change.clock(v.clockId)!));
  if (open) change.notApplicable(open.clockId, at, 'the placement moved: visits start again from the new placement');
  d.placements.push({ startedOn, untilEighteen });
  const clockId = `${FIRST_VISIT_CLOCK}-${d.visits.length + 1}`;
  const clock = change.startClock(FIRST_VISIT_CLOCK, { id: clockId, startedAt: at, ...owner(change) });
  d.visits.push({ clockId, placement: d.placements.length, dueOn: londonDateOf(new Date(clock.dueAt)) });
  return clock;
}

/**
 * The next visit after one on `visitedOn`: within 6 weeks while the placement is in its first year (a
 * visit before its first anniversary), and after that within the partnership's months (3, or fewer) for a
 * placement meant to last until 18, else 6 weeks.
 */
export function nextVisitRule(placement: { startedOn: string; untilEighteen: boolean }, visitedOn: string) {
  const firstYearOver = compareLocalDates(visitedOn, addCalendarMonths(placement.startedOn, 12)) >= 0;
  return firstYearOver && placement.untilEighteen ? LONG_TERM_VISIT_CLOCK : VISIT_CLOCK;
}

function scheduleVisit(change: Change, visitedOn: string) {
  const d = change.details;
  const placement = d.placements.at(-1)!;
  const definition = nextVisitRule(placement, visitedOn);
  const clockId = `${definition}-${d.visits.length + 1}`;
  const startedAt = stopInstant(change, visitedOn);
  const months = settingsFor(change.context.partnership).longTermVisitMonths;
  const clock =
    definition === LONG_TERM_VISIT_CLOCK
      ? change.startClock(definition, {
          id: clockId,
          startedAt,
          dueAt: endOfLondonDay(addCalendarMonths(visitedOn, months)),
          ...owner(change),
        })
      : change.startClock(definition, { id: clockId, startedAt, ...owner(change) });
  d.visits.push({ clockId, placement: d.placements.length, dueOn: londonDateOf(new Date(clock.dueAt)) });
  return clock;
}

// ---------------------------------------------------------------------------------------------
// Reviews (regulation 33)
// ---------------------------------------------------------------------------------------------

function scheduleReview(change: Change, fromDay: string, months: number) {
  const d = change.details;
  const dueOn = addCalendarMonths(fromDay, months);
  const clockId = `${REVIEW_CLOCK}-${d.reviews.length + 1}`;
  const clock = change.startClock(REVIEW_CLOCK, {
    id: clockId,
    startedAt: stopInstant(change, fromDay),
    dueAt: endOfLondonDay(dueOn),
    ...owner(change),
  });
  d.reviews.push({ clockId, dueOn });
  return clock;
}

// ---------------------------------------------------------------------------------------------
// The handlers
// ---------------------------------------------------------------------------------------------

/**
 * A child becomes looked after: the first review is due within 20 working days and the first visit
 * within a week (the first placement starts then). The case records the child's initial health
 * assessment case for the same council reference and entry into care (its case code derives from the
 * same child key: no read, no index).
 */
export const lookAfter = about('enteredCareAt', (change: Change, p: ChildLookedAfter) => {
  const { now } = change.context;
  const enteredCareAt = new Date(p.enteredCareAt);
  const problem = instantOutside(enteredCareAt, {
    from: { at: startOfLondonDay(addCalendarMonths(londonDateOf(now), -ENTRY_MONTHS_BACK)), as: 'a year ago' },
    to: { at: now, as: 'now' },
  });
  if (problem)
    throw new RuleViolation('The record of the child becoming looked after is not valid', [
      { path: 'enteredCareAt', message: problem },
    ]);
  const entryDay = londonDateOf(enteredCareAt);
  if (compareLocalDates(p.child.dateOfBirth, entryDay) > 0 || ageOn(p.child.dateOfBirth, entryDay) >= 18)
    throw new RuleViolation('The record of the child becoming looked after is not valid', [
      { path: 'child.dateOfBirth', message: 'the child must be born, and under 18, on becoming looked after' },
    ]);
  const record = change.record;
  const key = caseKeyOf(p, record.organisation);
  const iha = episodeCaseId(
    initialHealthAssessmentContract,
    caseIdFor(initialHealthAssessmentContract, key, change.context).caseId,
    record.episode ?? 1,
    change.context,
  );
  record.details = {
    caseReference: p.caseReference,
    child: p.child,
    enteredCareAt: enteredCareAt.toISOString(),
    socialWorker: p.socialWorker,
    manager: p.manager,
    ...(p.independentReviewingOfficer ? { independentReviewingOfficer: p.independentReviewingOfficer } : {}),
    initialHealthAssessmentCaseCode: iha.caseCode,
    placements: [],
    reviews: [],
    visits: [],
  };
  record.openedAt = enteredCareAt.toISOString();
  record.leadPractitionerEmail = p.socialWorker.email;
  record.stage = 'inCare';
  change.addTimeline(
    'lookedAfter',
    `Child became looked after; the initial health assessment for the same entry into care is case ${iha.caseCode}`,
  );
  const review = change.startClock(FIRST_REVIEW_CLOCK, { startedAt: enteredCareAt, ...owner(change) });
  const visit = startPlacement(change, entryDay, p.placementUntilEighteen, enteredCareAt);
  change.scheduleCaseTimer('adulthood', startOfLondonDay(addCalendarMonths(p.child.dateOfBirth, 18 * 12)));
  change.message =
    `Child looked after: case ${record.caseCode} opened; the first review is due by ` +
    `${formatLondon(new Date(review.dueAt))} and the first visit by ${formatLondon(new Date(visit.dueAt))}`;
});

const entered = (change: Change): DateLimit => ({
  day: londonDateOf(new Date(change.details.enteredCareAt)),
  as: 'the child became looked after',
});

export const holdReview = about('heldOn', (change: Change, p: ReviewHeld) => {
  const d = change.details;
  const last = d.reviews.findLast((r) => r.heldOn)?.heldOn;
  requireDateWithin('heldOn', p.heldOn, {
    from: last ? { day: last, as: 'the last review' } : entered(change),
    to: today(change),
  });
  d.independentReviewingOfficer = p.independentReviewingOfficer;
  const at = stopInstant(change, p.heldOn);
  const first = d.reviews.length === 0;
  const clockId = first ? FIRST_REVIEW_CLOCK : d.reviews.find((r) => !r.heldOn)!.clockId;
  const stopped = change.stopClock(clockId, at);
  const onTime = stopped.status === 'met';
  if (first) d.reviews.push({ clockId, dueOn: londonDateOf(new Date(stopped.dueAt)), heldOn: p.heldOn, onTime });
  else Object.assign(d.reviews.find((r) => r.clockId === clockId)!, { heldOn: p.heldOn, onTime });
  const next = scheduleReview(change, p.heldOn, first ? SECOND_REVIEW_MONTHS : LATER_REVIEW_MONTHS);
  change.addTimeline(
    'reviewHeld',
    `Review held on ${formatLondonDate(p.heldOn)}, chaired by the independent reviewing officer` +
      `${onTime ? '' : ' (after its due date)'}`,
  );
  change.message = `Review recorded; the next review is due by ${formatLondon(new Date(next.dueAt))}`;
});

export const makeVisit = about('visitedOn', (change: Change, p: VisitMade) => {
  const d = change.details;
  const placement = d.placements.at(-1)!;
  const last = d.visits.findLast((v) => v.visitedOn && v.placement === d.placements.length)?.visitedOn;
  requireDateWithin('visitedOn', p.visitedOn, {
    from: last ? { day: last, as: 'the last visit' } : { day: placement.startedOn, as: 'the placement started' },
    to: today(change),
  });
  const due = d.visits.find((v) => !v.visitedOn && isOpen(change.clock(v.clockId)!));
  if (due) {
    const stopped = change.stopClock(due.clockId, stopInstant(change, p.visitedOn));
    due.visitedOn = p.visitedOn;
    due.onTime = stopped.status === 'met';
  }
  const next = scheduleVisit(change, p.visitedOn);
  change.addTimeline(
    'visitMade',
    `Visit made on ${formatLondonDate(p.visitedOn)}${p.seenAlone ? '; the child was seen alone' : ''}`,
  );
  change.message = `Visit recorded; the next visit is due by ${formatLondon(new Date(next.dueAt))}`;
});

export const movePlacement = about('movedOn', (change: Change, p: PlacementMoved) => {
  const d = change.details;
  requireDateWithin('movedOn', p.movedOn, {
    from: { day: d.placements.at(-1)!.startedOn, as: 'the last placement started' },
    to: today(change),
  });
  const visit = startPlacement(change, p.movedOn, p.untilEighteen, stopInstant(change, p.movedOn));
  change.addTimeline('placementMoved', `Placement moved on ${formatLondonDate(p.movedOn)}; the visits start again`);
  change.message = `Placement move recorded; the first visit is due by ${formatLondon(new Date(visit.dueAt))}`;
});

export function appointReviewingOfficer(change: Change, p: ReviewingOfficerAppointed) {
  change.details.independentReviewingOfficer = p.independentReviewingOfficer;
  change.addTimeline('reviewingOfficerAppointed', 'Independent reviewing officer appointed');
  change.message = 'Independent reviewing officer recorded';
}

export const leaveCare = about('leftOn', (change: Change, p: ChildLeftCare) => {
  requireDateWithin('leftOn', p.leftOn, { from: entered(change), to: today(change) });
  change.details.leftCare = { on: p.leftOn, reason: p.reason, ...(p.reasonText ? { reasonText: p.reasonText } : {}) };
  change.closeCase(`left care (${leavingCareWords[p.reason]})`, stopInstant(change, p.leftOn));
  change.message = 'Leaving care recorded; the review and visit clocks have stopped as no longer applicable';
});

/** The young person's 18th birthday ends the clocks. */
export function onCaseTimer(change: Change, checkpointId: string) {
  if (checkpointId !== 'adulthood') return;
  change.details.leftCare = { on: londonDateOf(change.occurredAt), reason: 'turned18' };
  change.closeCase('the young person turned 18; support continues through leaving care services', change.occurredAt);
}

export const processRules: ProcessRules<CicDetails> = {
  handlers: handlersFor<CicDetails>()(events)({
    childLookedAfter: lookAfter,
    reviewHeld: holdReview,
    visitMade: makeVisit,
    placementMoved: movePlacement,
    reviewingOfficerAppointed: appointReviewingOfficer,
    childLeftCare: leaveCare,
  }),
  onCaseTimer,
  conditions: {},
  recipients,
};

/** The rules of each version, by its number (the process has one). */
export const rules: Readonly<Record<number, ProcessRules<CicDetails>>> = { 1: processRules };
