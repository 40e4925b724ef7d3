/**
 * Supporting Families / Family Help: the rules, one handler per event type (each given its payload as
 * its schema parsed it), and what the process does when its timers fall due.
 */
import {
  about,
  addCalendarMonths,
  endOfLondonDay,
  formatLondon,
  formatLondonDate,
  govukDate,
  govukDateTime,
  londonDateOf,
  londonDateTime,
} from '#core/calendar/index';
import { pausedFor, unitsUsed } from '#core/clocks/engine';
import { isOpen } from '#core/clocks/model';
import { organisation } from '#core/partnership/config';
import { organisationKindOf } from '#core/process/access';
import { handlersFor, type ProcessRules, RuleViolation } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { type DateLimit, dateOutside, instantOutside } from '#core/schema/index';
import {
  ALLOCATION_CLOCK,
  ASSESSMENT_CLOCK,
  DECISION_CLOCK,
  EPISODE_CLOCK,
  EPISODE_CLOCKS,
  EPISODE_WEEKS,
  PAUSE_DECISION_CLOCK,
  PLAN_CLOCK,
  pendingPauseRequest,
  STATUTORY_ASSESSMENT_CLOCK,
  WEEK,
} from './clocks';
import {
  type Change,
  councilOf,
  INTENSIVE_NEEDS,
  type LeadPractitioner,
  needWords,
  outcomeWords,
  partnerKindWords,
  requestCameWords,
  routeWords,
  type SfDetails,
} from './details';
import {
  type AssessmentCompleted,
  type ChildProtectionPlanEnded,
  type ChildProtectionPlanStarted,
  type EpisodeClosed,
  type EpisodePaused,
  type EpisodeResumed,
  eventsV1,
  eventsV2,
  type FrontDoorDecision,
  LEAD_SCHOOL,
  type LeadPractitionerAllocated,
  type PauseNotAgreed,
  type PauseRequested,
  type PlanAgreed,
  type RequestForSupport,
  type SteppedUpToSocialCare,
  type SustainCheckRecorded,
  type TeamAroundFamilyReviewHeld,
} from './events';
import {
  allocatedMessage,
  childProtectionPlanMessage,
  pauseRequestedMessage,
  recipients,
  stepUpMessage,
  sustainCheckMessage,
} from './messages';

/** How far back a request may be dated, and the months after Outcomes Met when the partnership checks they lasted. */
export const REQUEST_MONTHS_BACK = 12;
export const SUSTAIN_CHECK_MONTHS = 6;
/** The sustain check's alert, London time on the day six months after closure. */
export const SUSTAIN_CHECK_TIME = '09:00';

const today = (change: Change): DateLimit => ({ day: londonDateOf(change.context.now), as: 'today' });

function requireDateWithin(path: string, day: string, limits: { from?: DateLimit; to?: DateLimit }) {
  const problem = dateOutside(day, limits);
  if (problem) throw new RuleViolation('A date is outside the range this record accepts', [{ path, message: problem }]);
}

function requireStage(change: Change, stages: readonly string[], action: string) {
  if (!stages.includes(change.record.stage)) {
    throw new RuleViolation(
      `${action} cannot be recorded now: the request is at the stage '${change.record.stage}'`,
      [],
      409,
    );
  }
}

/**
 * A dated record that stops a clock which has been paused is dated on or after the day of its last pause or
 * resume: stopping it earlier would undo a pause already recorded (negative paused days).
 */
function requireAfterLastPause(change: Change, clockId: string, path: string, day: string) {
  const clock = change.clock(clockId);
  const last = clock?.history.filter((h) => h.change === 'paused' || h.change === 'resumed').at(-1);
  if (!last) return;
  const problem = dateOutside(day, {
    from: {
      day: londonDateOf(new Date(last.at)),
      as: last.change === 'paused' ? 'the episode was paused' : 'the episode resumed',
    },
  });
  if (problem)
    throw new RuleViolation('A date is before the episode’s last pause or resume', [{ path, message: problem }]);
}

/** When a dated record counts: the end of its London day, or when it was recorded if that is sooner (today). */
const stopInstant = (change: Change, day: string) =>
  new Date(Math.min(endOfLondonDay(day).getTime(), new Date(change.event.recordedAt).getTime()));

const isFamilyHelp = (change: Change) => (change.record.definitionVersion ?? 1) >= 2;

/** Days of the episode counted and paused so far (or at its stop). */
export function episodeDays(record: CaseRecord<SfDetails>, at: Date, calendars: Parameters<typeof unitsUsed>[2]) {
  const clock = record.clocks[EPISODE_CLOCK];
  if (!clock) return undefined;
  return { counted: unitsUsed(clock, at, calendars), paused: pausedFor(clock, at, calendars) };
}

// ---------------------------------------------------------------------------------------------
// Request and front door
// ---------------------------------------------------------------------------------------------

/**
 * A request for support: with consent its family, needs and locality; without,
 * its channel and date only (and it closes).
 */
export const requestSupport = about('requestedAt', (change: Change, p: RequestForSupport) => {
  const requestedAt = new Date(p.requestedAt);
  const { now } = change.context;
  const back = addCalendarMonths(londonDateOf(now), -REQUEST_MONTHS_BACK);
  const problem = instantOutside(requestedAt, {
    from: { at: londonDateTime(back, '00:00'), as: `${REQUEST_MONTHS_BACK} months ago` },
    to: { at: now, as: 'now' },
  });
  if (problem)
    throw new RuleViolation('The request’s date is outside the range accepted', [
      { path: 'requestedAt', message: problem },
    ]);
  const requestDay = londonDateOf(requestedAt);
  // A child is born by the day of the request (a date of birth after it is a mistake, refused by name).
  const unborn = (p.family?.children ?? []).flatMap((child, i) => {
    const outside = dateOutside(child.dateOfBirth, { to: { day: requestDay, as: 'the day of the request' } });
    return outside ? [{ path: `family.children.${i}.dateOfBirth`, message: outside }] : [];
  });
  if (unborn.length) throw new RuleViolation('A child’s date of birth is after the day of the request', unborn);
  const record = change.record;
  const council = receivingCouncil(change, p);
  record.organisations = [...new Set([...record.organisations, council])];
  record.openedAt = requestedAt.toISOString();
  const channel = { channel: p.channel, ...(p.partnerKind ? { partnerKind: p.partnerKind } : {}) };
  if (!p.consent) {
    // Nothing but the request's channel and date is kept: the schema refused anything more.
    record.details = {
      request: { ...channel, requestedAt: requestedAt.toISOString(), consent: false },
      needs: [],
      reviews: [],
      closure: { at: requestedAt.toISOString(), outcome: 'noConsent' },
    };
    change.addTimeline(
      'requestReceived',
      `Request for support received ${requestCameWords(p.channel, p.partnerKind)}; without the family’s consent ` +
        'only how and when it came are kept',
    );
    change.closeCase(outcomeWords.noConsent, change.occurredAt);
    change.message = 'Request recorded without consent: only its channel and date are kept';
    return;
  }
  record.details = {
    request: {
      ...channel,
      requestedAt: requestedAt.toISOString(),
      consent: true,
      requestReference: p.requestReference,
      familyReference: p.familyReference!,
      locality: p.locality!,
      ...(p.homelessnessDuty ? { homelessnessDuty: p.homelessnessDuty } : {}),
      ...(p.socialCareReference ? { socialCareReference: p.socialCareReference } : {}),
    },
    family: { children: p.family!.children, adults: p.family!.adults },
    needs: p.needs!,
    reviews: [],
  };
  record.stage = 'awaitingDecision';
  const linked = record.previousEpisode
    ? ` (linked to the family’s earlier episode ${record.previousEpisode.toUpperCase()})`
    : '';
  change.addTimeline(
    'requestReceived',
    `Request for support received ${requestCameWords(p.channel, p.partnerKind)} with ` +
      `${p.needs!.length} needs${linked}`,
  );
  change.startClock(DECISION_CLOCK, { startedAt: requestedAt, ownerOrganisation: council });
  change.message =
    `Request for support recorded${linked}; the front door decision is due by ` +
    `${formatLondon(new Date(change.clock(DECISION_CLOCK)!.dueAt))}`;
});

/**
 * The council whose front door receives the request: the opener's own council, or the council a partner
 * (a school) names. A school's request comes through the partner channel as a school's; a council names
 * no other council.
 */
function receivingCouncil(change: Change, p: RequestForSupport): string {
  const { partnership } = change.context;
  const opener = change.event.actor;
  const kind = organisationKindOf(opener, { partnership });
  if (kind === 'council') {
    if (p.council && p.council !== opener.organisation)
      throw new RuleViolation('A council’s front door takes its own requests', [
        { path: 'council', message: 'must be your own council, or left out' },
      ]);
    return opener.organisation;
  }
  if (kind === 'school' && (p.channel !== 'partner' || p.partnerKind !== 'school'))
    throw new RuleViolation('A school’s request comes from a school', [
      { path: 'channel', message: 'must be a partner (a school) for a request a school sends' },
    ]);
  if (!p.council)
    throw new RuleViolation('The request names no council', [
      { path: 'council', message: 'is required: the council whose front door receives the request' },
    ]);
  if (organisation(partnership, p.council)?.kind !== 'council')
    throw new RuleViolation('The request names no council of the partnership', [
      { path: 'council', message: 'must be a council of the partnership' },
    ]);
  return p.council;
}

/** The front door decides the route and its reason. A step-up to the MASH goes at once, whatever the decision clock. */
export function decide(change: Change, p: FrontDoorDecision) {
  requireStage(change, ['awaitingDecision'], 'A front door decision');
  const d = change.details;
  if (p.route === 'intensiveEpisode' && d.needs.length < INTENSIVE_NEEDS) {
    throw new RuleViolation('An intensive episode is for a family with three or more needs', [
      {
        path: 'route',
        message:
          `the family has ${d.needs.length} ${d.needs.length === 1 ? 'need' : 'needs'}; ` +
          `choose partnerLed or familyHubOffer, or record more needs in a new request`,
      },
    ]);
  }
  const at = change.occurredAt;
  const clock = change.stopClock(DECISION_CLOCK, at);
  d.decision = {
    route: p.route,
    reason: p.reason,
    decidedAt: at.toISOString(),
    withinTarget: clock.status === 'met',
    ...(p.partnerKind ? { partnerKind: p.partnerKind } : {}),
    ...(p.childInNeed !== undefined ? { childInNeed: p.childInNeed } : {}),
  };
  change.addTimeline(
    'frontDoorDecision',
    `Front door decision: ${routeWords[p.route]}${p.partnerKind ? `, led by ${partnerKindWords[p.partnerKind]}` : ''}`,
  );
  switch (p.route) {
    case 'stepUpToMash':
      stepUpNow(change, 'steppedUpToMash', at);
      change.message = 'Stepped up to the MASH: the MASH has been told';
      return;
    case 'familyHubOffer':
      d.closure = { at: at.toISOString(), outcome: 'familyHubOffer' };
      change.closeCase(outcomeWords.familyHubOffer, at);
      change.message = 'Family Hub universal offer recorded';
      return;
    default:
      change.record.stage = 'awaitingAllocation';
      change.startClock(ALLOCATION_CLOCK, {
        startedAt: at,
        ownerOrganisation: councilOf(change.record, change.context.partnership),
      });
      if (p.childInNeed) {
        // Statutory: counted from the request, in working days in England; no setting lengthens it.
        change.startClock(STATUTORY_ASSESSMENT_CLOCK, {
          startedAt: new Date(d.request.requestedAt),
          ownerOrganisation: councilOf(change.record, change.context.partnership),
        });
      }
      change.message =
        `Decision recorded; a lead practitioner is due by ` +
        `${formatLondon(new Date(change.clock(ALLOCATION_CLOCK)!.dueAt))}`;
  }
}

/** Tell the MASH at once and close with the step-up as the outcome: every clock stops with it. */
function stepUpNow(change: Change, outcome: 'steppedUpToMash' | 'steppedUpToSocialCare', at: Date, reason?: string) {
  const d = change.details;
  const days = episodeDays(change.record, at, change.calendars);
  change.notify(['mash'], stepUpMessage, { when: govukDateTime(at) });
  d.closure = {
    at: at.toISOString(),
    outcome,
    ...(reason ? { reason } : {}),
    ...(days
      ? { daysCounted: days.counted, daysPaused: days.paused, withinSixteenWeeks: days.counted <= EPISODE_WEEKS * WEEK }
      : {}),
  };
  change.closeCase(outcomeWords[outcome], at);
}

// ---------------------------------------------------------------------------------------------
// Allocation and the episode
// ---------------------------------------------------------------------------------------------

function requireSocialWorkerWhilePlan(change: Change, lead: LeadPractitioner, path: string) {
  const plan = change.details.childProtectionPlan;
  if (isFamilyHelp(change) && plan && !plan.endedOn && !lead.socialWorker) {
    throw new RuleViolation(
      'While a child protection plan is in place, the Family Help Lead Practitioner must be a social worker',
      [{ path, message: 'must be true while a child protection plan is in place' }],
    );
  }
}

/**
 * A lead practitioner works for an organisation the partnership knows: one in its directory, or a school
 * in the school directory (named by its URN, looked up by the API: LEAD_SCHOOL). Anything else is refused
 * naming the field, so an episode is never held by an organisation nobody can check.
 */
function requireKnownLead(change: Change, lead: LeadPractitioner, path: string) {
  const inDirectory = organisation(change.context.partnership, lead.organisation);
  if (inDirectory) {
    if (lead.schoolUrn)
      throw new RuleViolation('The lead practitioner’s organisation is not a school', [
        {
          path: `${path}.schoolUrn`,
          message:
            `is only for a school’s staff: '${lead.organisation}' is a ` +
            `${inDirectory.kind} in the partnership directory`,
        },
      ]);
    return;
  }
  if (!lead.schoolUrn) {
    throw new RuleViolation('The lead practitioner’s organisation is not known', [
      {
        path: `${path}.organisation`,
        message:
          `no organisation '${lead.organisation}' in the partnership directory; ` +
          `for a school’s staff, give the school’s URN (schoolUrn)`,
      },
    ]);
  }
  const school = change.event.context?.[LEAD_SCHOOL] as { urn?: string } | undefined;
  if (school?.urn !== lead.schoolUrn) {
    throw new RuleViolation('The lead practitioner’s school is not known', [
      { path: `${path}.schoolUrn`, message: `no school with URN ${lead.schoolUrn} in the school directory` },
    ]);
  }
}

function setLead(change: Change, lead: LeadPractitioner) {
  const record = change.record;
  record.leadPractitionerEmail = lead.email;
  record.organisations = [...new Set([...record.organisations, lead.organisation])];
}

/** A lead practitioner is allocated: the episode starts (or, later, is handed over with its clocks as they are). */
export const allocate = about('allocatedAt', (change: Change, p: LeadPractitionerAllocated) => {
  requireStage(change, ['awaitingAllocation', 'episode'], 'An allocation');
  const d = change.details;
  const lead: LeadPractitioner = { ...p.leadPractitioner };
  requireKnownLead(change, lead, 'leadPractitioner');
  requireSocialWorkerWhilePlan(change, lead, 'leadPractitioner.socialWorker');
  const allocatedAt = new Date(p.allocatedAt);
  // From the minute of the decision: an allocation written to the minute is not refused for the seconds.
  const decidedAt = new Date(Math.floor(Date.parse(d.decision!.decidedAt) / 60_000) * 60_000);
  const problem = instantOutside(allocatedAt, {
    from: { at: decidedAt, as: 'the front door decision' },
    to: { at: change.context.now, as: 'now' },
  });
  if (problem)
    throw new RuleViolation('The allocation’s time is outside the range accepted', [
      { path: 'allocatedAt', message: problem },
    ]);
  const partnerLed = d.decision!.route === 'partnerLed';
  if (change.record.stage === 'episode') {
    d.allocation = {
      ...d.allocation!,
      leadPractitioner: lead,
      manager: p.manager,
      handovers: d.allocation!.handovers + 1,
    };
    setLead(change, lead);
    change.addTimeline(
      'leadPractitionerChanged',
      `Episode handed over to a new lead practitioner, ${lead.name}; the clocks continue`,
    );
    change.notify(['leadPractitioner'], allocatedMessage, {
      when: govukDateTime(new Date(change.clock(EPISODE_CLOCK)!.startedAt)),
      due: govukDateTime(new Date(change.clock(EPISODE_CLOCK)!.dueAt)),
    });
    change.message = 'Lead practitioner changed; the clocks continue';
    return;
  }
  change.stopClock(ALLOCATION_CLOCK, allocatedAt);
  d.allocation = {
    allocatedAt: allocatedAt.toISOString(),
    leadPractitioner: lead,
    manager: p.manager,
    partnerLed,
    ...(d.decision!.partnerKind ? { partnerKind: d.decision!.partnerKind } : {}),
    handovers: 0,
  };
  setLead(change, lead);
  change.record.stage = 'episode'; // before the clocks start: the reviews recur while the episode is open
  const owner = { ownerOrganisation: councilOf(change.record, change.context.partnership) };
  const episode = change.startClock(EPISODE_CLOCK, { startedAt: allocatedAt, ...owner });
  change.startClock(ASSESSMENT_CLOCK, { startedAt: allocatedAt, ...owner });
  change.startClock(PLAN_CLOCK, { startedAt: allocatedAt, ...owner });
  change.addTimeline(
    'leadPractitionerAllocated',
    `Lead practitioner allocated${partnerLed ? `, led by ${partnerKindWords[d.decision!.partnerKind!]}` : ''}; ` +
      `the 16-week episode runs to ${formatLondon(new Date(episode.dueAt))}`,
  );
  change.notify(['leadPractitioner'], allocatedMessage, {
    when: govukDateTime(allocatedAt),
    due: govukDateTime(new Date(episode.dueAt)),
  });
  change.message = `Lead practitioner allocated; week 16 ends ${formatLondon(new Date(episode.dueAt))}`;
});

const sinceAllocation = (change: Change): DateLimit => ({
  day: londonDateOf(new Date(change.details.allocation!.allocatedAt)),
  as: 'the allocation',
});

export const completeAssessment = about('completedOn', (change: Change, p: AssessmentCompleted) => {
  requireStage(change, ['episode'], 'An assessment');
  const d = change.details;
  if (d.assessment) throw new RuleViolation('The assessment is already recorded for this episode', [], 409);
  requireDateWithin('completedOn', p.completedOn, { from: sinceAllocation(change), to: today(change) });
  const clock = change.clock(ASSESSMENT_CLOCK)!;
  if (isOpen(clock)) requireAfterLastPause(change, ASSESSMENT_CLOCK, 'completedOn', p.completedOn);
  const at = stopInstant(change, p.completedOn);
  const local = isOpen(clock) ? change.stopClock(ASSESSMENT_CLOCK, at) : clock;
  const statutory = change.clock(STATUTORY_ASSESSMENT_CLOCK);
  const stoppedStatutory =
    statutory && isOpen(statutory) ? change.stopClock(STATUTORY_ASSESSMENT_CLOCK, at) : undefined;
  d.assessment = {
    completedOn: p.completedOn,
    withinTarget: local.status === 'met',
    ...(stoppedStatutory ? { statutoryWithinTarget: stoppedStatutory.status === 'met' } : {}),
  };
  change.addTimeline(
    'assessmentCompleted',
    `${clock.title} completed on ` +
      `${formatLondonDate(p.completedOn)}${d.assessment.withinTarget ? ' (within 4 weeks)' : ''}`,
  );
  change.message = 'Assessment recorded';
});

export const agreePlan = about('agreedOn', (change: Change, p: PlanAgreed) => {
  requireStage(change, ['episode'], 'A family plan');
  const d = change.details;
  if (d.plan) throw new RuleViolation('The family plan is already recorded for this episode', [], 409);
  requireDateWithin('agreedOn', p.agreedOn, { from: sinceAllocation(change), to: today(change) });
  const clock = change.clock(PLAN_CLOCK)!;
  if (isOpen(clock)) requireAfterLastPause(change, PLAN_CLOCK, 'agreedOn', p.agreedOn);
  const stopped = isOpen(clock) ? change.stopClock(PLAN_CLOCK, stopInstant(change, p.agreedOn)) : clock;
  d.plan = {
    agreedOn: p.agreedOn,
    withinTarget: stopped.status === 'met',
    ...(p.familyNetworkMeetingOffered !== undefined
      ? { familyNetworkMeetingOffered: p.familyNetworkMeetingOffered }
      : {}),
  };
  const network =
    p.familyNetworkMeetingOffered === undefined
      ? ''
      : p.familyNetworkMeetingOffered
        ? '; a family network meeting offered'
        : '; no family network meeting offered yet';
  change.addTimeline('planAgreed', `Family plan agreed on ${formatLondonDate(p.agreedOn)}${network}`);
  change.message = 'Family plan recorded';
});

export const holdReview = about('heldOn', (change: Change, p: TeamAroundFamilyReviewHeld) => {
  requireStage(change, ['episode'], 'A Team Around the Family review');
  requireDateWithin('heldOn', p.heldOn, { from: sinceAllocation(change), to: today(change) });
  change.details.reviews.push({ heldOn: p.heldOn });
  change.addTimeline('teamAroundFamilyReview', `Team Around the Family review held on ${formatLondonDate(p.heldOn)}`);
  change.message = 'Team Around the Family review recorded';
});

/** The episode's clocks still running, and whether they are paused. */
function episodeClocks(change: Change) {
  const open = EPISODE_CLOCKS.map((id) => change.clock(id)).filter((c) => c && isOpen(c));
  return { open, paused: open.some((c) => c!.status === 'paused') };
}

/**
 * A lead practitioner asks their team leader to pause the episode, for one of the listed reasons. Nothing
 * pauses yet: the team leader is told, and answers within the pause-decision clock by pausing the episode
 * (their approval) or saying why it carries on.
 */
export function requestPause(change: Change, p: PauseRequested) {
  requireStage(change, ['episode'], 'A request to pause');
  if (episodeClocks(change).paused) throw new RuleViolation('The episode is already paused', [], 409);
  if (pendingPauseRequest(change.record))
    throw new RuleViolation('A request to pause is already waiting for the team leader’s answer', [], 409);
  const reasons = change.clockDefinition(EPISODE_CLOCK).pauseReasons ?? {};
  if (!Object.hasOwn(reasons, p.reason))
    throw new RuleViolation('An episode can be paused for one of its listed reasons', [
      { path: 'reason', message: `choose one of: ${Object.keys(reasons).join(', ')}` },
    ]);
  const asked = Object.values(change.record.clocks).filter((c) => c.definitionId === PAUSE_DECISION_CLOCK).length;
  const owner = change.clock(EPISODE_CLOCK)?.ownerOrganisation;
  const clock = change.startClock(PAUSE_DECISION_CLOCK, {
    id: `${PAUSE_DECISION_CLOCK}-${asked + 1}`,
    startedAt: change.occurredAt,
    ...(owner ? { ownerOrganisation: owner } : {}),
  });
  change.notify(['teamLeader'], pauseRequestedMessage, {
    reason: reasons[p.reason]!,
    due: govukDateTime(new Date(clock.dueAt)),
  });
  change.details.pauseRequest = { askedAt: change.occurredAt.toISOString(), reason: reasons[p.reason]! };
  change.addTimeline('pauseRequested', `A pause asked for: ${reasons[p.reason]}`);
  change.message = `Pause asked for; the team leader is asked to answer by ${formatLondon(new Date(clock.dueAt))}`;
}

/** The team leader's answer to a request to pause, if one is waiting: its clock stops, met or late. */
function answerPauseRequest(change: Change, agreed: boolean, whyItCarriesOn?: string) {
  const waiting = pendingPauseRequest(change.record);
  const asked = change.details.pauseRequest;
  if (!waiting || !asked) return undefined;
  change.stopClock(waiting.id, change.occurredAt);
  change.details.pauseRequest = {
    ...asked,
    answeredAt: change.occurredAt.toISOString(),
    agreed,
    ...(whyItCarriesOn ? { whyItCarriesOn } : {}),
  };
  return waiting;
}

/**
 * A team leader pauses the episode for a listed reason: every episode clock still running pauses with it.
 * A request to pause waiting for an answer is answered by it (the team leader's pause is the approval).
 */
export function pause(change: Change, p: EpisodePaused) {
  requireStage(change, ['episode'], 'A pause');
  const { open, paused } = episodeClocks(change);
  if (paused) throw new RuleViolation('The episode is already paused', [], 409);
  const actor = change.event.actor;
  for (const clock of open) change.pauseClock(clock!.id, { reason: p.reason, approvedBy: actor, field: 'reason' });
  const answered = answerPauseRequest(change, true);
  change.message = answered
    ? 'Pause agreed: the episode is paused and its checkpoints wait until it resumes'
    : 'Episode paused; its checkpoints wait until it resumes';
}

/** The team leader answers a request to pause: the episode carries on, with their words why (on the case only). */
export function declinePause(change: Change, p: PauseNotAgreed) {
  requireStage(change, ['episode'], 'An answer to a request to pause');
  if (!answerPauseRequest(change, false, p.note))
    throw new RuleViolation('No request to pause is waiting for an answer', [], 409);
  change.addTimeline('pauseNotAgreed', 'Pause not agreed: the episode carries on');
  change.message = 'Pause not agreed: the episode carries on, and the lead practitioner can see why on the case';
}

export function resume(change: Change, p: EpisodeResumed) {
  requireStage(change, ['episode'], 'A resume');
  const paused = EPISODE_CLOCKS.map((id) => change.clock(id)).filter((c) => c && c.status === 'paused');
  if (!paused.length) throw new RuleViolation('The episode is not paused', [], 409);
  for (const clock of paused)
    change.resumeClock(clock!.id, { approvedBy: change.event.actor, ...(p.note ? { note: p.note } : {}) });
  const episode = change.clock(EPISODE_CLOCK)!;
  change.message = `Episode resumed; week 16 now ends ${formatLondon(new Date(episode.dueAt))}`;
}

export function stepUp(change: Change, p: SteppedUpToSocialCare) {
  stepUpNow(change, 'steppedUpToSocialCare', change.occurredAt, p.reason);
  change.message = 'Stepped up to social care: the MASH has been told and the clocks have stopped';
}

/** Closure with the outcome and each need's result. Outcomes Met (every need improved) starts the six-month check. */
export const close = about('closedOn', (change: Change, p: EpisodeClosed) => {
  requireStage(change, ['episode'], 'A closure');
  const d = change.details;
  requireDateWithin('closedOn', p.closedOn, { from: sinceAllocation(change), to: today(change) });
  const issues: { path: string; message: string }[] = [];
  const given = p.needResults.map((r) => r.need);
  for (const need of d.needs)
    if (!given.includes(need))
      issues.push({ path: 'needResults', message: `must give a result for ${need} (${needWords[need]})` });
  p.needResults.forEach((r, i) => {
    if (!d.needs.includes(r.need))
      issues.push({
        path: `needResults.${i}.need`,
        message: `${r.need} is not one of the family’s needs (${d.needs.join(', ')})`,
      });
    if (given.indexOf(r.need) !== i)
      issues.push({ path: `needResults.${i}.need`, message: `${r.need} is given twice` });
  });
  if (issues.length) throw new RuleViolation('Each of the family’s needs needs one result', issues);
  requireAfterLastPause(change, EPISODE_CLOCK, 'closedOn', p.closedOn);
  const notImproved = p.needResults.filter((r) => r.result !== 'improved');
  if (p.outcome === 'outcomesMet' && notImproved.length) {
    throw new RuleViolation('Outcomes Met means every identified need improved (Supporting Families criteria)', [
      {
        path: 'outcome',
        message:
          `${notImproved.map((r) => r.need).join(', ')} ${notImproved.length === 1 ? 'is' : 'are'} not ` +
          `recorded as improved; needsPartlyMet may fit`,
      },
    ]);
  }
  const at = stopInstant(change, p.closedOn);
  const stopped = change.stopClock(EPISODE_CLOCK, at);
  const days = episodeDays(change.record, at, change.calendars)!;
  // The board pack's measure is 16 weeks whatever local target the partnership sets for closure (as at a step-up).
  d.closure = {
    at: at.toISOString(),
    outcome: p.outcome,
    needResults: p.needResults,
    daysCounted: days.counted,
    daysPaused: days.paused,
    withinSixteenWeeks: days.counted <= EPISODE_WEEKS * WEEK,
    withinTarget: stopped.status === 'met',
  };
  change.closeCase(outcomeWords[p.outcome], at);
  const paused = days.paused ? `; ${days.paused} days paused, not counted` : '';
  change.addTimeline(
    'episodeClosed',
    `Episode closed after ${days.counted} days of support (${(days.counted / WEEK).toFixed(1)} ` +
      `weeks${paused}): ${outcomeWords[p.outcome]}`,
  );
  if (p.outcome === 'outcomesMet') {
    const dueOn = addCalendarMonths(p.closedOn, SUSTAIN_CHECK_MONTHS);
    d.sustainCheck = { dueOn };
    change.scheduleCaseTimer('sustain-check', londonDateTime(dueOn, SUSTAIN_CHECK_TIME));
  }
  change.message = `Episode closed: ${outcomeWords[p.outcome]}`;
});

/** Six months after Outcomes Met: the lead practitioner and their manager are asked whether the outcomes lasted. */
export function onCaseTimer(change: Change, checkpointId: string) {
  if (checkpointId !== 'sustain-check' || !change.details.sustainCheck) return;
  change.details.sustainCheck.alertedAt = change.occurredAt.toISOString();
  change.notify(['leadPractitioner', 'teamLeader'], sustainCheckMessage, {
    when: govukDate(londonDateOf(new Date(change.record.closedAt!))),
  });
  change.addTimeline(
    'sustainCheckDue',
    'Six months since Outcomes Met: lead practitioner and team leader asked whether the outcomes lasted',
  );
}

export const recordSustainCheck = about('checkedOn', (change: Change, p: SustainCheckRecorded) => {
  const check = change.details.sustainCheck;
  if (!check) throw new RuleViolation('A six-month check follows only an episode closed with Outcomes Met', [], 409);
  if (check.recordedOn) throw new RuleViolation('The six-month check is already recorded', [], 409);
  requireDateWithin('checkedOn', p.checkedOn, {
    from: { day: addCalendarMonths(check.dueOn, -1), as: 'a month before the check is due' },
    to: today(change),
  });
  check.recordedOn = p.checkedOn;
  check.outcomesLasted = p.outcomesLasted;
  change.cancelTimers((t) => t.checkpointId === 'sustain-check');
  change.addTimeline(
    'sustainCheckRecorded',
    p.outcomesLasted ? 'Six-month check: the outcomes lasted' : 'Six-month check: the family may need support again',
  );
  change.message = 'Six-month check recorded';
});

// ---------------------------------------------------------------------------------------------
// Family Help (version 2): child protection plans
// ---------------------------------------------------------------------------------------------

export const startChildProtectionPlan = about('startedOn', (change: Change, p: ChildProtectionPlanStarted) => {
  requireStage(change, ['episode'], 'A child protection plan');
  const d = change.details;
  if (d.childProtectionPlan && !d.childProtectionPlan.endedOn)
    throw new RuleViolation('A child protection plan is already in place', [], 409);
  requireDateWithin('startedOn', p.startedOn, { from: sinceAllocation(change), to: today(change) });
  const lead = p.leadPractitioner ?? d.allocation!.leadPractitioner;
  if (p.leadPractitioner) requireKnownLead(change, lead, 'leadPractitioner');
  if (!lead.socialWorker) {
    throw new RuleViolation(
      'While a child protection plan is in place, the Family Help Lead Practitioner must be a social worker',
      [
        p.leadPractitioner
          ? { path: 'leadPractitioner.socialWorker', message: 'must be true while a child protection plan is in place' }
          : {
              path: 'leadPractitioner',
              message:
                'is required: the current lead practitioner is not a social worker, ' +
                'so name the social worker who will lead',
            },
      ],
    );
  }
  d.childProtectionPlan = { startedOn: p.startedOn };
  if (p.leadPractitioner) {
    d.allocation = { ...d.allocation!, leadPractitioner: lead, handovers: d.allocation!.handovers + 1 };
    setLead(change, lead);
  }
  change.notify(['teamLeader'], childProtectionPlanMessage, { when: govukDate(p.startedOn), lead: lead.name });
  change.addTimeline(
    'childProtectionPlanStarted',
    `Child protection plan started on ${formatLondonDate(p.startedOn)}; ` +
      `the lead practitioner is a social worker; team leader told`,
  );
  change.message = 'Child protection plan recorded; the team leader has been told';
});

export const endChildProtectionPlan = about('endedOn', (change: Change, p: ChildProtectionPlanEnded) => {
  requireStage(change, ['episode'], 'The end of a child protection plan');
  const plan = change.details.childProtectionPlan;
  if (!plan || plan.endedOn) throw new RuleViolation('No child protection plan is in place', [], 409);
  requireDateWithin('endedOn', p.endedOn, { from: { day: plan.startedOn, as: 'the plan started' }, to: today(change) });
  plan.endedOn = p.endedOn;
  change.addTimeline('childProtectionPlanEnded', `Child protection plan ended on ${formatLondonDate(p.endedOn)}`);
  change.message = 'End of the child protection plan recorded';
});

export const conditions = {
  episodeOpen: (record: CaseRecord<SfDetails>) => record.status === 'open' && record.stage === 'episode',
};

const event = handlersFor<SfDetails>();
/** The handlers of the events both versions have. */
const shared = {
  requestForSupport: requestSupport,
  frontDoorDecision: decide,
  leadPractitionerAllocated: allocate,
  assessmentCompleted: completeAssessment,
  planAgreed: agreePlan,
  teamAroundFamilyReviewHeld: holdReview,
  pauseRequested: requestPause,
  episodePaused: pause,
  pauseNotAgreed: declinePause,
  episodeResumed: resume,
  steppedUpToSocialCare: stepUp,
  episodeClosed: close,
  sustainCheckRecorded: recordSustainCheck,
};

/**
 * The rules of version 1 (Supporting Families): each event's handler by its type, the
 * case timer, the conditions and who is told.
 */
export const processRulesV1: ProcessRules<SfDetails> = {
  handlers: event(eventsV1)(shared),
  onCaseTimer,
  conditions,
  recipients,
};

/** The rules of version 2 (Family Help): version 1's, with child protection plans. */
export const processRulesV2: ProcessRules<SfDetails> = {
  ...processRulesV1,
  handlers: event(eventsV2)({
    ...shared,
    childProtectionPlanStarted: startChildProtectionPlan,
    childProtectionPlanEnded: endChildProtectionPlan,
  }),
};

/** The rules of each version, by its number: Supporting Families (1) and Family Help (2). */
export const rules: Readonly<Record<number, ProcessRules<SfDetails>>> = { 1: processRulesV1, 2: processRulesV2 };
