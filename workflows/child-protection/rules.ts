/**
 * Child protection: the rules, one handler per event type (each given its payload as its schema parsed
 * it), and what the process does when its case timer falls due.
 */
import {
  aboutField,
  addCalendarMonths,
  compareLocalDates,
  endOfLondonDay,
  formatLondon,
  formatLondonDate,
  govukDate,
  govukDateTime,
  londonDateOf,
  londonDateTime,
  startOfLondonDay,
} from '#core/calendar/index';
import { workingDaysOf } from '#core/clocks/engine';
import { isOpen } from '#core/clocks/model';
import { handlersFor, type ProcessRules, RuleViolation } from '#core/process/definition';
import { type DateLimit, dateOutside, instantOutside } from '#core/schema/index';
import {
  CORE_GROUP_CLOCK,
  FIRST_REVIEW_MONTHS,
  INITIAL_CONFERENCE_CLOCK,
  LATER_REVIEW_MONTHS,
  REVIEW_CLOCK,
} from './clocks';
import {
  type Agency,
  agencyWords,
  type Change,
  type Conclusion,
  type CpDetails,
  type Ending,
  endingWords,
  enquiryOutcomeWords,
  referralSourceWords,
  TURNED_18,
  turnedEighteenWords,
} from './details';
import {
  type CoreGroupMeetingHeld,
  events,
  FAMILY_HELP_CASE,
  type InitialConferenceHeld,
  type PlanEnded,
  type ReferralConcluded,
  type ReferralReceived,
  type ReviewConferenceHeld,
  type Section47Completed,
  type StrategyDiscussionHeld,
} from './events';
import { initialConferenceBooking, planStartedMessage, recipients, stepDownMessage } from './messages';

/** How far back a new referral may be dated. */
export const REFERRAL_MONTHS_BACK = 12;
/** The process the step-up link names (Supporting Families / Family Help). */
const FAMILY_HELP_PROCESS = 'supporting-families';

function about<P>(field: string, rule: (change: Change, payload: P) => void) {
  return (change: Change, payload: P) => aboutField(field, () => rule(change, payload));
}

const today = (change: Change): DateLimit => ({ day: londonDateOf(change.context.now), as: 'today' });

function requireDateWithin(path: string, day: string, limits: { from?: DateLimit; to?: DateLimit }) {
  const problem = dateOutside(day, limits);
  if (problem) throw new RuleViolation('A date is outside the range this record accepts', [{ path, message: problem }]);
}

const stageWords: Record<string, string> = {
  referral: 'a referral, with no section 47 enquiry under way',
  section47Enquiry: 'a section 47 enquiry under way',
  conferenceToBeHeld: 'an initial child protection conference to be held',
  plan: 'a child protection plan in place',
  closed: 'closed',
};

function requireStage(change: Change, stages: readonly string[], action: string, hint = '') {
  const stage = change.record.stage;
  if (!stages.includes(stage)) {
    throw new RuleViolation(
      `${action} cannot be recorded now: the case has ${stageWords[stage] ?? stage}${hint}`,
      [],
      409,
    );
  }
}

/** When a dated record counts: the end of its London day, or when it was recorded if that is sooner (today). */
const stopInstant = (change: Change, day: string) =>
  new Date(Math.min(endOfLondonDay(day).getTime(), new Date(change.event.recordedAt).getTime()));

const agencyList = (list: readonly Agency[]) => {
  const words = list.map((a) => agencyWords[a]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : words[0]!;
};

function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// The referral
// ---------------------------------------------------------------------------------------------

/** What the API's lookup found of the Family Help episode a step-up names (no detail of the family). */
interface FoundCase {
  caseCode: string;
  process: string;
  organisation: string;
}

/**
 * A referral reaches children's social care: the case opens. A step-up from Family Help names its
 * episode's case code, checked against what the API looked up: an episode of Family Help at the same
 * council, else refused naming the field (the same words whether the code is unknown or another council's).
 */
export const receiveReferral = about('receivedAt', (change: Change, p: ReferralReceived) => {
  const { now } = change.context;
  const receivedAt = new Date(p.receivedAt);
  const back = addCalendarMonths(londonDateOf(now), -REFERRAL_MONTHS_BACK);
  const problem = instantOutside(receivedAt, {
    from: { at: londonDateTime(back, '00:00'), as: `${REFERRAL_MONTHS_BACK} months ago` },
    to: { at: now, as: 'now' },
  });
  if (problem)
    throw new RuleViolation('The referral’s date is outside the range accepted', [
      { path: 'receivedAt', message: problem },
    ]);
  const receivedDay = londonDateOf(receivedAt);
  if (compareLocalDates(p.child.dateOfBirth, receivedDay) > 0)
    throw new RuleViolation('The child’s date of birth is after the referral', [
      { path: 'child.dateOfBirth', message: 'must be on or before the day the referral was received' },
    ]);
  if (ageOn(p.child.dateOfBirth, receivedDay) >= 18)
    throw new RuleViolation('Child protection is for children under 18', [
      { path: 'child.dateOfBirth', message: 'the child must be under 18 when the referral is received' },
    ]);
  const record = change.record;
  if (p.familyHelpCaseCode) {
    const found = change.event.context?.[FAMILY_HELP_CASE] as FoundCase | undefined;
    if (!found || found.process !== FAMILY_HELP_PROCESS || found.organisation !== record.organisation)
      throw new RuleViolation('The Family Help episode named is not known', [
        {
          path: 'familyHelpCaseCode',
          message: `no Family Help episode ${p.familyHelpCaseCode} at your council`,
        },
      ]);
  }
  record.details = {
    caseReference: p.caseReference,
    child: p.child,
    referral: {
      receivedAt: receivedAt.toISOString(),
      source: p.source,
      ...(p.familyHelpCaseCode ? { familyHelpCaseCode: p.familyHelpCaseCode } : {}),
    },
    strategyDiscussions: [],
    coreGroups: [],
    reviews: [],
  };
  record.openedAt = receivedAt.toISOString();
  record.stage = 'referral';
  const linked = [
    p.familyHelpCaseCode ? `stepped up from Family Help episode ${p.familyHelpCaseCode}` : '',
    record.previousEpisode ? `linked to the child’s earlier case ${record.previousEpisode.toUpperCase()}` : '',
  ].filter(Boolean);
  change.addTimeline(
    'referralReceived',
    `Referral received from ${referralSourceWords[p.source]}${linked.length ? `; ${linked.join('; ')}` : ''}`,
  );
  change.scheduleCaseTimer('adulthood', startOfLondonDay(addCalendarMonths(p.child.dateOfBirth, 18 * 12)));
  change.message = `Referral recorded: case ${record.caseCode} opened${linked.length ? ` (${linked.join('; ')})` : ''}`;
});

/** A referral that needs no section 47 enquiry: the case closes with what happens next. */
export const concludeReferral = about('concludedOn', (change: Change, p: ReferralConcluded) => {
  requireStage(change, ['referral'], 'The conclusion of a referral');
  requireDateWithin('concludedOn', p.concludedOn, {
    from: { day: londonDateOf(new Date(change.details.referral.receivedAt)), as: 'the referral' },
    to: today(change),
  });
  conclude(change, 'referral', p.concludedOn, p.outcome);
  change.message = `Referral concluded: ${endingWords[p.outcome]}`;
});

// ---------------------------------------------------------------------------------------------
// Strategy discussions and the section 47 enquiry
// ---------------------------------------------------------------------------------------------

/**
 * A strategy discussion: who took part, and whether a section 47 enquiry starts (or continues). Each one
 * that does starts the count to the initial conference afresh: within 15 working days of the last
 * strategy discussion (Working Together 2023).
 */
export const holdStrategyDiscussion = about('heldAt', (change: Change, p: StrategyDiscussionHeld) => {
  requireStage(
    change,
    ['referral', 'section47Enquiry', 'conferenceToBeHeld'],
    'A strategy discussion',
    '; strategy discussions are recorded before the initial conference',
  );
  const d = change.details;
  const record = change.record;
  const heldAt = new Date(p.heldAt);
  const last = d.strategyDiscussions.at(-1);
  const problem = instantOutside(heldAt, {
    from: last
      ? { at: new Date(last.heldAt), as: 'the last strategy discussion' }
      : { at: new Date(d.referral.receivedAt), as: 'when the referral was received' },
    to: { at: change.context.now, as: 'now' },
  });
  if (problem)
    throw new RuleViolation('The strategy discussion’s time is outside the range accepted', [
      { path: 'heldAt', message: problem },
    ]);
  const issues: { path: string; message: string }[] = [];
  if (!d.socialWorker && !p.socialWorker)
    issues.push({ path: 'socialWorker', message: 'is required at the first strategy discussion' });
  if (!d.manager && !p.manager)
    issues.push({ path: 'manager', message: 'is required at the first strategy discussion' });
  const underWay = record.stage !== 'referral';
  if (underWay && !p.section47Enquiry)
    issues.push({
      path: 'section47Enquiry',
      message:
        'must be true while the section 47 enquiry is under way; ' +
        'to end it, record its outcome (Section 47 enquiry concluded)',
    });
  if (issues.length) throw new RuleViolation('The strategy discussion cannot be recorded as it is', issues);
  if (p.socialWorker) {
    d.socialWorker = p.socialWorker;
    if (!d.plan) record.leadPractitionerEmail = p.socialWorker.email;
  }
  if (p.manager) d.manager = p.manager;
  d.strategyDiscussions.push({
    heldAt: heldAt.toISOString(),
    agencies: p.agencies,
    section47Enquiry: p.section47Enquiry,
  });
  const who = `Strategy discussion held with ${agencyList(p.agencies)}`;
  if (!p.section47Enquiry) {
    change.addTimeline('strategyDiscussion', `${who}; no section 47 enquiry started`);
    change.message = 'Strategy discussion recorded; no section 47 enquiry was started';
    return;
  }
  const previous = change.clock(INITIAL_CONFERENCE_CLOCK);
  if (!d.enquiry) d.enquiry = { startedAt: heldAt.toISOString() };
  if (record.stage === 'referral') record.stage = 'section47Enquiry';
  // Started afresh from this discussion: the count is from the last strategy discussion.
  const clock = change.startClock(INITIAL_CONFERENCE_CLOCK, {
    startedAt: heldAt,
    ownerOrganisation: record.organisation,
  });
  const due = formatLondon(new Date(clock.dueAt));
  change.notify(['leadPractitioner', 'manager', 'conferenceChair'], initialConferenceBooking, {
    due: govukDateTime(new Date(clock.dueAt)),
  });
  const again = previous
    ? `; the count starts again from this discussion (it was due by ${formatLondon(new Date(previous.dueAt))})`
    : '';
  change.addTimeline(
    'strategyDiscussion',
    `${who}; a section 47 enquiry ${previous ? 'continues' : 'started'}: the initial child protection ` +
      `conference is due by ${due}${again}`,
  );
  change.message =
    `Strategy discussion recorded; the initial child protection conference is due by ${due}` +
    (previous ? ' (counted again from this discussion)' : '');
});

/**
 * The section 47 enquiry concludes: a conference is needed, or the child's support goes on another way
 * (the case closes; an initial conference clock past its day no longer applies, as no conference is
 * held: the census counts conferences held).
 */
export const concludeEnquiry = about('completedOn', (change: Change, p: Section47Completed) => {
  requireStage(change, ['section47Enquiry'], 'The outcome of the section 47 enquiry');
  const d = change.details;
  requireDateWithin('completedOn', p.completedOn, {
    from: { day: londonDateOf(new Date(d.enquiry!.startedAt)), as: 'the enquiry started' },
    to: today(change),
  });
  d.enquiry = { ...d.enquiry!, completedOn: p.completedOn, outcome: p.outcome };
  change.addTimeline(
    'section47Completed',
    `Section 47 enquiry concluded on ${formatLondonDate(p.completedOn)}: ${enquiryOutcomeWords[p.outcome]}`,
  );
  if (p.outcome === 'conferenceNeeded') {
    change.record.stage = 'conferenceToBeHeld';
    const due = formatLondon(new Date(change.clock(INITIAL_CONFERENCE_CLOCK)!.dueAt));
    change.message = `Enquiry outcome recorded; the initial conference is due by ${due}`;
    return;
  }
  withdrawInitialConferenceClock(change, stopInstant(change, p.completedOn));
  conclude(change, 'enquiry', p.completedOn, p.outcome);
  change.message = `Enquiry outcome recorded: ${endingWords[p.outcome]}`;
});

/**
 * No conference is to be held: the initial conference clock no longer applies, even past its day (the
 * engine keeps a breached clock counted as missed when it stops; a conference that is not needed was
 * not missed). Its breach stays in the clock's history and on the timeline.
 */
function withdrawInitialConferenceClock(change: Change, at: Date) {
  const clock = change.clock(INITIAL_CONFERENCE_CLOCK);
  if (!clock || !isOpen(clock)) return;
  change.notApplicable(INITIAL_CONFERENCE_CLOCK, at, 'the enquiry concluded that no conference is needed');
  const stopped = change.clock(INITIAL_CONFERENCE_CLOCK)!;
  if (stopped.status === 'breached') change.replanClock({ ...stopped, status: 'notApplicable' });
}

// ---------------------------------------------------------------------------------------------
// Conferences, the plan and its core group
// ---------------------------------------------------------------------------------------------

function scheduleReview(change: Change, fromDay: string, months: number) {
  const d = change.details;
  const dueOn = addCalendarMonths(fromDay, months);
  const clockId = `${REVIEW_CLOCK}-${d.reviews.length + 1}`;
  const clock = change.startClock(REVIEW_CLOCK, {
    id: clockId,
    startedAt: stopInstant(change, fromDay),
    dueAt: endOfLondonDay(dueOn),
    ownerOrganisation: change.record.organisation,
  });
  d.reviews.push({ clockId, dueOn });
  return clock;
}

export const holdInitialConference = about('heldOn', (change: Change, p: InitialConferenceHeld) => {
  requireStage(
    change,
    ['conferenceToBeHeld'],
    'An initial child protection conference',
    change.record.stage === 'section47Enquiry'
      ? '; record the enquiry’s outcome first (Section 47 enquiry concluded: a conference is needed)'
      : '',
  );
  const d = change.details;
  const record = change.record;
  const lastDiscussion = d.strategyDiscussions.at(-1)!;
  requireDateWithin('heldOn', p.heldOn, {
    from: { day: londonDateOf(new Date(lastDiscussion.heldAt)), as: 'the last strategy discussion' },
    to: today(change),
  });
  const at = stopInstant(change, p.heldOn);
  const clock = change.stopClock(INITIAL_CONFERENCE_CLOCK, at);
  // Counted as the statutory clock counts: working days in England, whatever the council's closure days.
  const wd = workingDaysOf(clock, change.calendars);
  d.initialConference = {
    heldOn: p.heldOn,
    plan: p.childProtectionPlan,
    withinFifteenWorkingDays: clock.status === 'met',
    workingDaysFromLastStrategyDiscussion: wd.workingDaysBetween(clock.startDay, p.heldOn),
    workingDaysFromEnquiryStart: wd.workingDaysBetween(londonDateOf(new Date(d.enquiry!.startedAt)), p.heldOn),
  };
  d.chair = p.chair;
  const days = d.initialConference.workingDaysFromLastStrategyDiscussion;
  const counted = `${days} working days after the last strategy discussion`;
  if (!p.childProtectionPlan) {
    change.addTimeline(
      'initialConference',
      `Initial child protection conference held on ${formatLondonDate(p.heldOn)} (${counted}); ` +
        'no child protection plan',
    );
    conclude(change, 'initialConference', p.heldOn, p.outcome!);
    change.message = `Initial conference recorded; no child protection plan: ${endingWords[p.outcome!]}`;
    return;
  }
  const lead = p.leadPractitioner!;
  d.plan = {
    startedOn: p.heldOn,
    previousPlans: p.previousPlans!,
    leadPractitioner: lead,
    manager: p.manager ?? d.manager!,
  };
  record.leadPractitionerEmail = lead.email;
  record.stage = 'plan';
  change.addTimeline(
    'initialConference',
    `Initial child protection conference held on ${formatLondonDate(p.heldOn)} (${counted}); ` +
      'a child protection plan agreed, led by a social worker',
  );
  const coreGroup = change.startClock(CORE_GROUP_CLOCK, { startedAt: at, ownerOrganisation: record.organisation });
  const review = scheduleReview(change, p.heldOn, FIRST_REVIEW_MONTHS);
  const dueCoreGroup = formatLondon(new Date(coreGroup.dueAt));
  const dueReview = formatLondon(new Date(review.dueAt));
  change.notify(['leadPractitioner', 'manager'], planStartedMessage, {
    coreGroup: govukDateTime(new Date(coreGroup.dueAt)),
    review: govukDateTime(new Date(review.dueAt)),
  });
  change.message =
    `Initial conference recorded; a child protection plan started: the first core group is due by ` +
    `${dueCoreGroup} and the first review conference by ${dueReview}`;
});

export const holdCoreGroup = about('heldOn', (change: Change, p: CoreGroupMeetingHeld) => {
  requireStage(change, ['plan'], 'A core group meeting');
  const d = change.details;
  requireDateWithin('heldOn', p.heldOn, {
    from: { day: d.plan!.startedOn, as: 'the initial conference' },
    to: today(change),
  });
  const clock = change.clock(CORE_GROUP_CLOCK);
  if (clock && isOpen(clock)) {
    const stopped = change.stopClock(CORE_GROUP_CLOCK, stopInstant(change, p.heldOn));
    const within = stopped.status === 'met';
    d.coreGroups.push({ heldOn: p.heldOn, withinTenWorkingDays: within });
    change.addTimeline(
      'coreGroup',
      `First core group meeting held on ${formatLondonDate(p.heldOn)}` +
        `${within ? ', within 10 working days of the initial conference' : ''}`,
    );
    change.message = `First core group meeting recorded${within ? ' within 10 working days' : ''}`;
    return;
  }
  d.coreGroups.push({ heldOn: p.heldOn });
  change.addTimeline('coreGroup', `Core group meeting held on ${formatLondonDate(p.heldOn)}`);
  change.message = 'Core group meeting recorded';
});

export const holdReviewConference = about('heldOn', (change: Change, p: ReviewConferenceHeld) => {
  requireStage(change, ['plan'], 'A review conference');
  const d = change.details;
  const lastConference = d.reviews.findLast((r) => r.heldOn)?.heldOn ?? d.plan!.startedOn;
  requireDateWithin('heldOn', p.heldOn, {
    from: { day: lastConference, as: 'the last conference' },
    to: today(change),
  });
  const review = d.reviews.find((r) => !r.heldOn)!;
  const stopped = change.stopClock(review.clockId, stopInstant(change, p.heldOn));
  review.heldOn = p.heldOn;
  review.onTime = stopped.status === 'met';
  if (p.chair) d.chair = p.chair;
  change.addTimeline(
    'reviewConference',
    `Review conference held on ${formatLondonDate(p.heldOn)}${review.onTime ? '' : ' (after its due date)'}; ` +
      (p.planContinues ? 'the plan continues' : `the plan ended: ${endingWords[p.outcome!]}`),
  );
  if (!p.planContinues) {
    endPlan(change, p.heldOn, p.outcome!, p.outcomeText);
    change.message = `Review conference recorded; the plan ended: ${endingWords[p.outcome!]}`;
    return;
  }
  const next = scheduleReview(change, p.heldOn, LATER_REVIEW_MONTHS);
  change.message =
    `Review conference recorded; the plan continues and the next review conference is due by ` +
    formatLondon(new Date(next.dueAt));
});

export const endPlanOutsideReview = about('endedOn', (change: Change, p: PlanEnded) => {
  requireStage(change, ['plan'], 'The end of a plan');
  requireDateWithin('endedOn', p.endedOn, {
    from: { day: change.details.plan!.startedOn, as: 'the plan started' },
    to: today(change),
  });
  endPlan(change, p.endedOn, p.outcome, p.outcomeText);
  change.message = `Child protection plan ended: ${endingWords[p.outcome]}`;
});

function endPlan(change: Change, day: string, outcome: Ending, text?: string) {
  change.details.plan!.endedOn = day;
  conclude(change, 'plan', day, outcome, text);
}

const closingWords: Record<Conclusion['at'], string> = {
  referral: 'Referral concluded',
  enquiry: 'Section 47 enquiry concluded',
  initialConference: 'No child protection plan',
  plan: 'Child protection plan ended',
};

/**
 * The case closes with how it ended (the free text, where given, stays in the details for its readers,
 * not in the closure words). A step-down to Family Help asks the Family Help front door for the linked
 * request.
 */
function conclude(change: Change, at: Conclusion['at'], day: string, outcome: Ending, text?: string) {
  change.details.conclusion = { on: day, at, outcome, ...(text ? { text } : {}) };
  if (outcome === 'steppedDownToFamilyHelp') {
    change.notify(['familyHelpFrontDoor'], stepDownMessage, { when: govukDate(day) });
    change.addTimeline('familyHelpAsked', 'The Family Help front door was asked for the linked request for support');
  }
  change.closeCase(`${closingWords[at]}: ${endingWords[outcome]}`, stopInstant(change, day));
}

/** The young person's 18th birthday ends the case, and the plan with it. */
export function onCaseTimer(change: Change, checkpointId: string) {
  if (checkpointId !== 'adulthood') return;
  const d = change.details;
  const day = londonDateOf(change.occurredAt);
  if (d.plan && !d.plan.endedOn) d.plan.endedOn = day;
  const at = d.plan ? 'plan' : d.enquiry ? 'enquiry' : 'referral';
  d.conclusion = { on: day, at, outcome: TURNED_18 };
  change.closeCase(turnedEighteenWords, change.occurredAt);
}

/** The rules of the process: each event's handler by its type, the case timer and who is told. */
export const processRules: ProcessRules<CpDetails> = {
  handlers: handlersFor<CpDetails>()(events)({
    referralReceived: receiveReferral,
    strategyDiscussionHeld: holdStrategyDiscussion,
    section47Completed: concludeEnquiry,
    initialConferenceHeld: holdInitialConference,
    coreGroupMeetingHeld: holdCoreGroup,
    reviewConferenceHeld: holdReviewConference,
    planEnded: endPlanOutsideReview,
    referralConcluded: concludeReferral,
  }),
  onCaseTimer,
  conditions: {},
  recipients,
};

/** The rules of each version, by its number (the process has one). */
export const rules: Readonly<Record<number, ProcessRules<CpDetails>>> = { 1: processRules };
