/**
 * Crisis escalation: the rules. Pure: every instant comes from the event or the injected clock.
 *
 * Escalation: medically fit for discharge starts the delayed-discharge clock (elapsed hours). Still in
 * an acute bed 24 hours later: Silver (meeting due within 1 working day); 72 hours after medically fit,
 * or Silver recording the matter unresolved: Gold (meeting due within 24 hours). Every move between
 * levels is kept with its reason and is on the timeline; each level's members are told.
 *
 * Bronze MDT: the first meeting within 1 working day of the presentation; from it, the cadence clock's
 * recurring checkpoints fall daily while rated Red and weekly while Amber. When one falls, the rules
 * look for a meeting in its period (that London day; the 7 days ending that day) and tell the Bronze
 * chair when none was recorded. A rating change re-plans the next meeting; Green pauses the cadence.
 */
import {
  about,
  addCalendarDays,
  ageOn,
  compareLocalDates,
  endOfLondonDay,
  formatLondon,
  formatLondonDate,
  govukDate,
  govukDateTime,
  hoursBetween,
  londonDateOf,
  londonDateTime,
} from '#core/calendar/index';
import { recurringInstant } from '#core/clocks/engine';
import { isOpen, isRecurring } from '#core/clocks/model';
import { organisation } from '#core/partnership/config';
import { handlersFor, type ProcessRules, RuleViolation } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { dateOutside, instantOutside } from '#core/schema/index';
import {
  ASSESSMENT_URGENT,
  ASSESSMENT_VERY_URGENT,
  BRONZE_CADENCE,
  CRISIS_ASSESSMENT,
  DELAYED_DISCHARGE,
  FIRST_BRONZE_MEETING,
  GOLD_MEETING,
  HOME_TREATMENT,
  POST_ADMISSION_REVIEW,
  SILVER_MEETING,
} from './clocks';
import {
  ACUTE_SETTINGS,
  ADULT_SERVICES_FROM_AGE,
  type Change,
  type CrisisDetails,
  deescalationWords,
  type Level,
  levelWords,
  type Meeting,
  outcomeWords,
  type Rating,
  ratingWords,
  routeWords,
  settingWords,
} from './details';
import {
  type AdultServicesReferred,
  type BronzeMeetingHeld,
  type CareReviewHeld,
  type CrisisAssessed,
  type Discharged,
  events,
  type HomeTreatmentEnded,
  type LevelMeetingHeld,
  type MedicallyFit,
  type Presented,
  type RatingChanged,
  type SteppedDown,
  type Tier4BedOffered,
  type Tier4Referred,
} from './events';
import {
  bronzeMeetingMissed,
  communityReviewNeeded,
  deescalatedMessage,
  escalationMessages,
  homeTreatmentMessage,
  levelRole,
  presentationMessage,
  recipients,
} from './messages';
import { settingsFor, TYPICAL_HOME_TREATMENT_WEEKS } from './settings';

/** How far back a new presentation may be recorded (a crisis now, not a history). */
export const PRESENTATION_DAYS_BACK = 7;
/** Adult crisis services take referrals from this age (in details.ts, which the views share). */
export { ADULT_SERVICES_FROM_AGE };

const rank: Record<Level, number> = { bronze: 0, silver: 1, gold: 2 };
const round2 = (n: number) => Math.round(n * 100) / 100;

/** An instant from the presentation up to now, or a 400 naming the field and the range. */
function requireSincePresentation(change: Change, path: string, value: string): Date {
  const at = new Date(value);
  const outside = instantOutside(at, {
    from: { at: new Date(change.details.presentedAt), as: 'when the young person presented' },
    to: { at: change.context.now, as: 'now' },
  });
  if (outside) throw new RuleViolation('A time is outside the range this record accepts', [{ path, message: outside }]);
  return at;
}

/**
 * An instant on or after an earlier one of the case (e.g. the escalation a
 * meeting answers), or a 400 naming the field.
 */
function requireNotBefore(path: string, at: Date, earliest: string | undefined, as: string) {
  if (!earliest) return;
  const outside = instantOutside(at, { from: { at: new Date(earliest), as } });
  if (outside) throw new RuleViolation('A time is before what it follows on this case', [{ path, message: outside }]);
}

function requireOrganisation(change: Change, path: string, id: string, kind?: string) {
  const org = organisation(change.context.partnership, id);
  if (!org || (kind && org.kind !== kind))
    throw new RuleViolation('Unknown organisation', [
      { path, message: `no ${kind ?? 'organisation'} '${id}' in the partnership directory` },
    ]);
  return org;
}

/** Events about the crisis stay (its assessment, meetings, levels, medically fit) end with discharge. */
function requireNotDischarged(change: Change, action: string) {
  const discharged = change.details.discharge;
  if (discharged)
    throw new RuleViolation(
      `${action}: the young person was discharged at ${formatLondon(new Date(discharged.at))}; ` +
        `the crisis stay is closed`,
      [],
      409,
    );
}

const openClock = (change: Change, id: string) => {
  const c = change.clock(id);
  return c && isOpen(c) ? c : undefined;
};

// ---------------------------------------------------------------------------------------------
// The Bronze cadence
// ---------------------------------------------------------------------------------------------

/**
 * The London days an occurrence of the cadence falling at `due` asks for a meeting in: that day (daily,
 * while Red), or the 7 days ending that day (weekly, while Amber).
 */
function periodOf(checkpointId: string, due: Date): { firstDay: string; lastDay: string } {
  const lastDay = londonDateOf(due);
  return { firstDay: addCalendarDays(lastDay, checkpointId === 'daily-meeting' ? 0 : -6), lastDay };
}

/** Whether a Bronze meeting was recorded in a period (and, when `by` is given, held by then). */
function heldIn(d: CrisisDetails, period: { firstDay: string; lastDay: string }, by?: Date): boolean {
  return d.bronzeMeetings.some((m) => {
    const day = londonDateOf(new Date(m.heldAt));
    return (
      compareLocalDates(day, period.firstDay) >= 0 &&
      compareLocalDates(day, period.lastDay) <= 0 &&
      (!by || new Date(m.heldAt) <= by)
    );
  });
}

/**
 * The cadence clock's due instant is the next meeting it asks for: the soonest planned occurrence whose
 * period has no meeting recorded yet. A meeting held today while Red already meets today's occurrence,
 * so the next is due by the end of tomorrow, not today; while Amber, one held this week meets the week's.
 * (Its recurring checkpoints need no due instant of their own; the board and open-clock lists show this.)
 */
function showNextMeeting(change: Change) {
  const clock = openClock(change, BRONZE_CADENCE);
  if (!clock || clock.status === 'paused') return;
  const timer = Object.values(change.record.timers)
    .filter((t) => t.clockId === BRONZE_CADENCE)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (!timer) return;
  const timing = change.clockDefinition(clock.definitionId).checkpoints.find((c) => c.id === timer.checkpointId)?.at;
  let due = new Date(timer.dueAt);
  let occurrence = timer.occurrence;
  // Ends: the meetings recorded are held by now, and each step moves the period a day or a week on.
  while (
    timing &&
    isRecurring(timing) &&
    occurrence !== undefined &&
    heldIn(change.details, periodOf(timer.checkpointId, due))
  )
    due = recurringInstant(clock, timing, ++occurrence, change.calendars);
  change.record.clocks[BRONZE_CADENCE] = { ...clock, dueAt: due.toISOString() };
}

/** The cadence words for a rating: what the Bronze MDT does while it holds. */
const cadenceWords = (rating: Rating) =>
  rating === 'red' ? 'daily' : rating === 'amber' ? 'weekly' : 'no regular meetings';

/** Re-plan the cadence after the rating changed: Green pauses it, Red or Amber runs it from the next meeting due. */
function replanCadence(change: Change) {
  const clock = openClock(change, BRONZE_CADENCE);
  if (!clock) return;
  const approvedBy = change.event.actor;
  if (change.details.rating === 'green') {
    if (clock.status !== 'paused') change.pauseClock(BRONZE_CADENCE, { reason: 'ratedGreen', approvedBy });
    return;
  }
  if (clock.status === 'paused')
    change.resumeClock(BRONZE_CADENCE, { approvedBy, note: `rated ${ratingWords[change.details.rating]}` });
  else change.replanRecurring(BRONZE_CADENCE);
  showNextMeeting(change);
}

function nextMeetingWords(change: Change): string {
  const clock = openClock(change, BRONZE_CADENCE);
  if (!clock || clock.status === 'paused' || change.details.rating === 'green') return '';
  return `; next Bronze meeting due by ${formatLondon(new Date(clock.dueAt))}`;
}

function applyRating(change: Change, rating: Rating, at: Date, reason?: string) {
  const d = change.details;
  const was = d.rating;
  d.rating = rating;
  d.ratingHistory.push({ at: at.toISOString(), rating, ...(reason ? { reason } : {}) });
  replanCadence(change);
  change.addTimeline(
    'ratingChanged',
    `Rated ${ratingWords[rating]} on the Dynamic Support Register (was ${ratingWords[was]}): ` +
      `Bronze meets ${cadenceWords(rating)}${nextMeetingWords(change)}`,
  );
}

/** A recurring Bronze occurrence fell due: was a meeting recorded in its period? If not, the Bronze chair is told. */
function checkCadence(change: Change, checkpointId: string) {
  const d = change.details;
  const daily = checkpointId === 'daily-meeting';
  // Not planned for this rating (the engine said so on the timeline).
  if (daily ? d.rating !== 'red' : d.rating !== 'amber') return;
  const due = change.occurredAt;
  const held = heldIn(d, periodOf(checkpointId, due), due);
  d.cadence.push({ dueAt: due.toISOString(), rating: d.rating, held });
  if (held)
    change.addTimeline(
      'bronzeMeetingOnCadence',
      `Bronze MDT met on cadence (${cadenceWords(d.rating)} while rated ${ratingWords[d.rating]})`,
    );
  else {
    change.notify(['bronzeChair'], bronzeMeetingMissed, {
      due: govukDateTime(due),
      cadence: cadenceWords(d.rating),
      rating: ratingWords[d.rating],
    });
    change.addTimeline(
      'bronzeMeetingNotRecorded',
      `No Bronze MDT meeting recorded by ${formatLondon(due)} (${cadenceWords(d.rating)} while rated ` +
        `${ratingWords[d.rating]}); the Bronze chair was told`,
    );
  }
  showNextMeeting(change);
}

// ---------------------------------------------------------------------------------------------
// Levels
// ---------------------------------------------------------------------------------------------

function escalate(change: Change, to: Level, reason: string, at: Date) {
  const d = change.details;
  const from = d.level;
  if (rank[to] <= rank[from]) return;
  d.level = to;
  if (rank[to] > rank[d.highestLevel]) d.highestLevel = to;
  d.levelChanges.push({ at: at.toISOString(), from, to, reason });
  const icb = d.icb;
  const meeting =
    to === 'silver'
      ? change.startClock(SILVER_MEETING, { startedAt: at, ownerOrganisation: icb })
      : change.startClock(GOLD_MEETING, { startedAt: at, ownerOrganisation: icb });
  if (to === 'gold') {
    change.cancelCheckpoint(DELAYED_DISCHARGE, 'gold-escalation');
    if (openClock(change, SILVER_MEETING))
      change.notApplicable(SILVER_MEETING, at, 'escalated to Gold before a Silver meeting was recorded');
  }
  const vars = {
    fit: d.medicallyFitAt ? govukDateTime(new Date(d.medicallyFitAt)) : 'not recorded',
    meetingDue: govukDateTime(new Date(meeting.dueAt)),
    reason,
  };
  const before = change.notifications.length;
  change.notify([levelRole[to], 'bronzeChair'], escalationMessages[to === 'silver' ? 'silver' : 'gold'], vars);
  // Said as it is: a partnership that has not set up the level's members is not told it was done.
  const told =
    change.notifications.length > before
      ? `${levelWords[to]} members and the Bronze chair told`
      : `no ${levelWords[to]} members are set up to be told`;
  change.record.stage = to;
  change.addTimeline(
    'escalated',
    `Escalated from ${levelWords[from]} to ${levelWords[to]}: ${reason}. ` +
      `${told}; ${levelWords[to]} meeting due by ${vars.meetingDue}`,
  );
}

function stepDownTo(change: Change, to: Level, reason: string, at: Date) {
  const d = change.details;
  const from = d.level;
  d.level = to;
  d.levelChanges.push({ at: at.toISOString(), from, to, reason });
  if (rank[to] < rank.gold && openClock(change, GOLD_MEETING))
    change.notApplicable(GOLD_MEETING, at, `stepped down to ${levelWords[to]}`);
  if (rank[to] < rank.silver && openClock(change, SILVER_MEETING))
    change.notApplicable(SILVER_MEETING, at, `stepped down to ${levelWords[to]}`);
  change.notify([levelRole[from], 'bronzeChair'], deescalatedMessage, {
    from: levelWords[from],
    to: levelWords[to],
    reason,
  });
  if (change.record.status === 'open' && !d.discharge) change.record.stage = to;
  change.addTimeline(
    'deescalated',
    `Stepped down from ${levelWords[from]} to ${levelWords[to]}: ${reason}. ` +
      `${levelWords[from]} members and the Bronze chair told`,
  );
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/**
 * A young person presents in crisis: the crisis assessment and first Bronze
 * meeting clocks start; the crisis team is told.
 */
export const present = about('presentedAt', (change: Change, p: Presented) => {
  const { now } = change.context;
  const presentedAt = new Date(p.presentedAt);
  const outside = instantOutside(presentedAt, {
    from: {
      at: new Date(now.getTime() - PRESENTATION_DAYS_BACK * 86_400_000),
      as: `${PRESENTATION_DAYS_BACK} days ago`,
    },
    to: { at: now, as: 'now' },
  });
  if (outside)
    throw new RuleViolation('The presentation is dated outside the range a new record accepts', [
      { path: 'presentedAt', message: outside },
    ]);
  const day = londonDateOf(presentedAt);
  if (dateOutside(p.youngPerson.dateOfBirth, { to: { day, as: 'the day of the presentation' } })) {
    throw new RuleViolation("The young person's date of birth is not valid", [
      { path: 'youngPerson.dateOfBirth', message: 'must be on or before the day of the presentation' },
    ]);
  }
  const age = ageOn(p.youngPerson.dateOfBirth, day);
  if (age >= 18)
    throw new RuleViolation('This process is for children and young people under 18', [
      { path: 'youngPerson.dateOfBirth', message: 'the young person must be under 18 on the day of the presentation' },
    ]);
  const provider = requireOrganisation(change, 'healthProvider', p.healthProvider, 'healthProvider');
  requireOrganisation(change, 'localAuthority', p.localAuthority, 'council');
  const icb = provider.icb ?? p.healthProvider;

  const record = change.record;
  record.details = {
    ...p,
    icb,
    ageAtPresentation: age,
    ratingHistory: [{ at: presentedAt.toISOString(), rating: p.rating }],
    level: 'bronze',
    highestLevel: 'bronze',
    levelChanges: [],
    bronzeMeetings: [],
    silverMeetings: [],
    goldMeetings: [],
    cadence: [],
    careReviews: {},
  };
  record.organisations = [...new Set([record.organisation, p.healthProvider, icb, p.localAuthority])];
  record.openedAt = presentedAt.toISOString();
  record.stage = 'bronze';
  change.addTimeline(
    'presented',
    `Presented in crisis in ${settingWords[p.setting]}, ${routeWords[p.routeIn]}; ` +
      `${p.urgency === 'veryUrgent' ? 'very urgent' : 'urgent'}; rated ${ratingWords[p.rating]} on the ` +
      `Dynamic Support ` +
      `Register${p.autisticOrLearningDisability ? '; Care, Education and Treatment Reviews apply' : ''}`,
  );
  const assessment = change.startClock(p.urgency === 'veryUrgent' ? ASSESSMENT_VERY_URGENT : ASSESSMENT_URGENT, {
    id: CRISIS_ASSESSMENT,
    startedAt: presentedAt,
    ownerOrganisation: p.healthProvider,
  });
  change.startClock(FIRST_BRONZE_MEETING, { startedAt: presentedAt, ownerOrganisation: p.healthProvider });
  change.notify(['crisisTeam'], presentationMessage, { due: govukDateTime(new Date(assessment.dueAt)) });
  change.message =
    `Presentation recorded: case ${record.caseCode}; face-to-face crisis assessment due by ` +
    `${formatLondon(new Date(assessment.dueAt))}`;
});

export function assess(change: Change, p: CrisisAssessed) {
  requireNotDischarged(change, 'Crisis assessment');
  const d = change.details;
  const at = requireSincePresentation(change, 'assessedAt', p.assessedAt);
  if (d.assessment)
    throw new RuleViolation(
      `The crisis assessment was already recorded at ${formatLondon(new Date(d.assessment.at))}`,
      [],
      409,
    );
  const clock = change.stopClock(CRISIS_ASSESSMENT, at);
  d.assessment = {
    at: at.toISOString(),
    hoursAfterPresentation: round2(hoursBetween(new Date(d.presentedAt), at)),
    withinTarget: clock.status === 'met',
  };
  change.addTimeline(
    'crisisAssessed',
    `Seen face to face for a crisis assessment, ${d.assessment.hoursAfterPresentation} hours after presenting`,
  );
  const inTime = clock.status === 'met' ? 'within the target' : 'after the target time';
  change.message = `Crisis assessment recorded (${inTime})`;
}

export function changeRating(change: Change, p: RatingChanged) {
  requireNotDischarged(change, 'Rating');
  const at = requireSincePresentation(change, 'changedAt', p.changedAt);
  requireNotBefore('changedAt', at, change.details.ratingHistory.at(-1)?.at, 'the last rating');
  if (p.rating === change.details.rating)
    throw new RuleViolation(
      `The young person is already rated ${ratingWords[p.rating]}`,
      [{ path: 'rating', message: `is already ${p.rating}` }],
      409,
    );
  applyRating(change, p.rating, at, p.reason);
  change.message = `Rating recorded: Bronze meets ${cadenceWords(p.rating)}${nextMeetingWords(change)}`;
}

function meetingOf(
  change: Change,
  p: { heldAt: string; organisationsPresent: string[]; decisions: string; plan: string },
  at: Date,
): Meeting {
  for (const [i, id] of p.organisationsPresent.entries()) requireOrganisation(change, `organisationsPresent.${i}`, id);
  return {
    heldAt: at.toISOString(),
    organisationsPresent: [...new Set(p.organisationsPresent)],
    decisions: p.decisions,
    plan: p.plan,
  };
}

export function holdBronzeMeeting(change: Change, p: BronzeMeetingHeld) {
  requireNotDischarged(change, 'Bronze meeting');
  const d = change.details;
  const at = requireSincePresentation(change, 'heldAt', p.heldAt);
  const meeting = meetingOf(change, p, at);
  d.bronzeMeetings.push(meeting);
  change.addTimeline(
    'bronzeMeeting',
    `Bronze MDT met (${meeting.organisationsPresent.length} organisations present); decisions and plan recorded`,
  );
  if (openClock(change, FIRST_BRONZE_MEETING)) change.stopClock(FIRST_BRONZE_MEETING, at);
  if (!change.clock(BRONZE_CADENCE)) {
    change.startClock(BRONZE_CADENCE, { startedAt: at, ownerOrganisation: d.healthProvider });
    if (d.rating === 'green')
      change.pauseClock(BRONZE_CADENCE, { reason: 'ratedGreen', approvedBy: change.event.actor });
  }
  if (p.rating && p.rating !== d.rating) applyRating(change, p.rating, at, 'agreed at the Bronze MDT');
  // This meeting may meet the occurrence due next: the next meeting due moves on.
  showNextMeeting(change);
  change.message = `Bronze meeting recorded${nextMeetingWords(change)}`;
}

export function medicallyFitForDischarge(change: Change, p: MedicallyFit) {
  requireNotDischarged(change, 'Medically fit');
  const d = change.details;
  const at = requireSincePresentation(change, 'fitAt', p.fitAt);
  if (!ACUTE_SETTINGS.includes(d.setting))
    throw new RuleViolation(
      `Medically fit for discharge is for a young person in an acute hospital bed; ` +
        `this presentation was in ${settingWords[d.setting]}`,
      [],
      409,
    );
  if (d.medicallyFitAt)
    throw new RuleViolation(
      `Already recorded as medically fit for discharge at ${formatLondon(new Date(d.medicallyFitAt))}`,
      [],
      409,
    );
  d.medicallyFitAt = at.toISOString();
  const clock = change.startClock(DELAYED_DISCHARGE, { startedAt: at, ownerOrganisation: d.healthProvider });
  change.message =
    `Medically fit for discharge recorded; still in an acute bed at ` +
    `${formatLondon(new Date(clock.dueAt))}, the case goes to Silver`;
}

function holdLevelMeeting(change: Change, level: 'silver' | 'gold', p: LevelMeetingHeld) {
  requireNotDischarged(change, `${levelWords[level]} meeting`);
  const d = change.details;
  const at = requireSincePresentation(change, 'heldAt', p.heldAt);
  if (rank[d.highestLevel] < rank[level])
    throw new RuleViolation(`This case has not been escalated to ${levelWords[level]}`, [], 409);
  requireNotBefore(
    'heldAt',
    at,
    d.levelChanges.find((c) => rank[c.to] >= rank[level])?.at,
    `the escalation to ${levelWords[level]}`,
  );
  const meeting = { ...meetingOf(change, p, at), outcome: p.outcome };
  (level === 'silver' ? d.silverMeetings : d.goldMeetings).push(meeting);
  const clockId = level === 'silver' ? SILVER_MEETING : GOLD_MEETING;
  if (openClock(change, clockId)) change.stopClock(clockId, at);
  change.addTimeline(
    `${level}Meeting`,
    `${levelWords[level]} met (${meeting.organisationsPresent.length} organisations present); ` +
      `${p.outcome === 'resolved' ? 'the matter is resolved' : 'the matter is not yet resolved'}`,
  );
  if (level === 'silver' && p.outcome === 'unresolved' && d.level === 'silver')
    escalate(change, 'gold', 'Silver recorded the matter unresolved', change.occurredAt);
  change.message =
    `${levelWords[level]} meeting ` +
    `recorded${d.level === 'gold' && level === 'silver' && p.outcome === 'unresolved' ? '; escalated to Gold' : ''}`;
}

export const holdSilverMeeting = (change: Change, p: LevelMeetingHeld) => holdLevelMeeting(change, 'silver', p);
export const holdGoldMeeting = (change: Change, p: LevelMeetingHeld) => holdLevelMeeting(change, 'gold', p);

export function stepDown(change: Change, p: SteppedDown) {
  requireNotDischarged(change, 'Step down');
  const d = change.details;
  const at = requireSincePresentation(change, 'at', p.at);
  if (rank[p.to] >= rank[d.level])
    throw new RuleViolation(`The case is at ${levelWords[d.level]}; it can only step down to a lower level`, [
      { path: 'to', message: `must be below ${d.level}` },
    ]);
  requireNotBefore('at', at, d.levelChanges.at(-1)?.at, `the move to ${levelWords[d.level]}`);
  const reason = p.reason === 'other' ? p.reasonText! : deescalationWords[p.reason];
  stepDownTo(change, p.to, reason, at);
  change.message = `Stepped down to ${levelWords[p.to]}`;
}

export function referToTier4(change: Change, p: Tier4Referred) {
  requireNotDischarged(change, 'Tier 4 referral');
  const d = change.details;
  const at = requireSincePresentation(change, 'referredAt', p.referredAt);
  if (d.tier4)
    throw new RuleViolation(
      `A Tier 4 referral was already recorded at ${formatLondon(new Date(d.tier4.referredAt))}`,
      [],
      409,
    );
  d.tier4 = { referredAt: at.toISOString() };
  change.addTimeline('tier4Referred', 'Referred to the regional Tier 4 coordination hub');
  if (d.autisticOrLearningDisability && !d.careReviews.community) {
    d.careReviews.community = { neededSince: at.toISOString() };
    change.notify(['crisisTeam', 'bronzeChair'], communityReviewNeeded);
    change.addTimeline(
      'communityReviewNeeded',
      'Admission is being considered: a community Care, Education and Treatment Review is needed; ' +
        'the crisis team and the Bronze chair were told',
    );
  }
  change.message = 'Tier 4 referral recorded';
}

export function tier4BedOffer(change: Change, p: Tier4BedOffered) {
  const d = change.details;
  if (!d.tier4) throw new RuleViolation('No Tier 4 referral is recorded for this case', [], 409);
  if (d.tier4.bedOfferedAt)
    throw new RuleViolation(
      `A bed offer was already recorded at ${formatLondon(new Date(d.tier4.bedOfferedAt))}`,
      [],
      409,
    );
  const at = new Date(p.offeredAt);
  const outside = instantOutside(at, {
    from: { at: new Date(d.tier4.referredAt), as: 'the Tier 4 referral' },
    to: { at: change.context.now, as: 'now' },
  });
  if (outside)
    throw new RuleViolation('The bed offer is dated outside the range this record accepts', [
      { path: 'offeredAt', message: outside },
    ]);
  d.tier4 = {
    ...d.tier4,
    bedOfferedAt: at.toISOString(),
    hoursToBedOffer: round2(hoursBetween(new Date(d.tier4.referredAt), at)),
  };
  change.addTimeline('tier4BedOffered', `Tier 4 bed offered, ${d.tier4.hoursToBedOffer} hours after the referral`);
  change.message = 'Bed offer recorded';
}

export const holdCareReview = about('heldOn', (change: Change, p: CareReviewHeld) => {
  const d = change.details;
  if (!d.autisticOrLearningDisability)
    throw new RuleViolation(
      'Care, Education and Treatment Reviews are for autistic young people and young people with a learning disability',
      [],
      409,
    );
  const problem = dateOutside(p.heldOn, {
    from: { day: londonDateOf(new Date(d.presentedAt)), as: 'the day of the presentation' },
    to: { day: londonDateOf(change.context.now), as: 'today' },
  });
  if (problem)
    throw new RuleViolation('The review is dated outside the range this record accepts', [
      { path: 'heldOn', message: problem },
    ]);
  if (p.kind === 'community') {
    if (d.careReviews.community?.heldOn) throw new RuleViolation('The community review was already recorded', [], 409);
    d.careReviews.community = { neededSince: d.careReviews.community?.neededSince ?? d.presentedAt, heldOn: p.heldOn };
    change.addTimeline(
      'careReviewHeld',
      `Community Care, Education and Treatment Review held on ${formatLondonDate(p.heldOn)}`,
    );
    change.message = 'Community review recorded';
    return;
  }
  const review = d.careReviews.postAdmission;
  if (!review || review.heldOn) throw new RuleViolation('No review after admission is due for this case', [], 409);
  const beforeAdmission = dateOutside(p.heldOn, {
    from: { day: londonDateOf(new Date(review.admittedAt)), as: 'the day of the admission' },
  });
  if (beforeAdmission)
    throw new RuleViolation('The review after admission is dated before the admission', [
      { path: 'heldOn', message: beforeAdmission },
    ]);
  const stopAt = new Date(Math.min(endOfLondonDay(p.heldOn).getTime(), new Date(change.event.recordedAt).getTime()));
  const clock = change.stopClock(review.clockId, stopAt);
  d.careReviews.postAdmission = { ...review, heldOn: p.heldOn, onTime: clock.status === 'met' };
  change.addTimeline(
    'careReviewHeld',
    `Care, Education and Treatment Review after admission held on ${formatLondonDate(p.heldOn)}`,
  );
  if (change.record.stage === 'awaitingCareReview')
    change.closeCase('the review after admission was held; support continues with the Tier 4 service', stopAt);
  change.message = 'Review after admission recorded';
});

export function referToAdultServices(change: Change, p: AdultServicesReferred) {
  const d = change.details;
  const at = requireSincePresentation(change, 'referredAt', p.referredAt);
  if (d.adultServicesReferral)
    throw new RuleViolation('A referral to adult crisis services was already recorded', [], 409);
  const age = ageOn(d.youngPerson.dateOfBirth, londonDateOf(at));
  if (age < ADULT_SERVICES_FROM_AGE) {
    throw new RuleViolation('Adult crisis services take referrals of young people aged 16 and over', [
      {
        path: 'referredAt',
        message:
          `the young person is ${age} on this date; a referral to adult crisis services is from ` +
          `${ADULT_SERVICES_FROM_AGE}`,
      },
    ]);
  }
  d.adultServicesReferral = { referredAt: at.toISOString() };
  change.addTimeline('adultServicesReferred', 'Referred on to adult crisis services');
  change.message = 'Referral to adult crisis services recorded';
}

/** Discharge stops the crisis clocks with its outcome; home treatment or a review after admission may follow. */
export const discharge = about('dischargedAt', (change: Change, p: Discharged) => {
  const d = change.details;
  const at = requireSincePresentation(change, 'dischargedAt', p.dischargedAt);
  if (d.discharge)
    throw new RuleViolation(`Discharge was already recorded at ${formatLondon(new Date(d.discharge.at))}`, [], 409);
  requireNotBefore('dischargedAt', at, d.medicallyFitAt, 'medically fit for discharge');
  const ihtSettings = settingsFor(change.context.partnership).intensiveHomeTreatment;
  if (p.outcome === 'homeWithHomeTreatment' && !ihtSettings)
    throw new RuleViolation(
      'No intensive home treatment team is set up for this partnership',
      [
        {
          path: 'outcome',
          message: 'homeWithHomeTreatment needs an intensive home treatment team in the configuration',
        },
      ],
      409,
    );
  // The practitioner's own words for "another route" stay in the case's details, for its readers: never in
  // the answer (an execution's output), a message or the closure reason.
  const words = outcomeWords[p.outcome];
  d.discharge = { at: at.toISOString(), outcome: p.outcome, ...(p.outcomeText ? { outcomeText: p.outcomeText } : {}) };

  if (openClock(change, CRISIS_ASSESSMENT))
    change.notApplicable(CRISIS_ASSESSMENT, at, 'discharged before a face-to-face assessment was recorded');
  if (openClock(change, FIRST_BRONZE_MEETING))
    change.notApplicable(FIRST_BRONZE_MEETING, at, 'discharged before the first Bronze meeting');
  if (openClock(change, BRONZE_CADENCE)) change.notApplicable(BRONZE_CADENCE, at, `discharged: ${words}`);
  if (ACUTE_SETTINGS.includes(d.setting)) d.leftAcuteBedAt = at.toISOString();
  if (openClock(change, DELAYED_DISCHARGE)) {
    change.stopClock(DELAYED_DISCHARGE, at, `discharged: ${words}`);
    d.hoursDelayed = round2(hoursBetween(new Date(d.medicallyFitAt!), at));
  }
  if (d.level !== 'bronze') stepDownTo(change, 'bronze', `left hospital: ${words}`, at);
  for (const id of [SILVER_MEETING, GOLD_MEETING])
    if (openClock(change, id)) change.notApplicable(id, at, `discharged: ${words}`);
  change.addTimeline(
    'discharged',
    `Discharged: ${words}${d.hoursDelayed !== undefined ? ` (${d.hoursDelayed} hours after being medically fit)` : ''}`,
  );

  if (p.outcome === 'homeWithHomeTreatment' && ihtSettings) {
    const startsOn = p.homeTreatment?.startsOn ?? londonDateOf(at);
    const problem = dateOutside(startsOn, {
      from: { day: londonDateOf(at), as: 'the day of discharge' },
      to: { day: addCalendarDays(londonDateOf(at), 14), as: 'two weeks after discharge' },
    });
    if (problem)
      throw new RuleViolation('The home treatment start date is outside the range this record accepts', [
        { path: 'homeTreatment.startsOn', message: problem },
      ]);
    const weeks = p.homeTreatment?.weeks ?? ihtSettings.typicalWeeks ?? TYPICAL_HOME_TREATMENT_WEEKS;
    const endsOn = addCalendarDays(startsOn, weeks * 7);
    const clock = change.startClock(HOME_TREATMENT, {
      startedAt: at,
      dueAt: londonDateTime(endsOn, ihtSettings.opensAt),
      ownerOrganisation: d.healthProvider,
    });
    d.homeTreatment = { startsOn, weeks, endsAt: clock.dueAt };
    const hours =
      `${ihtSettings.opensAt} to ${ihtSettings.closesAt}, ` +
      `${ihtSettings.daysPerWeek === 7 ? '7 days a week' : `${ihtSettings.daysPerWeek} days a week`}`;
    change.notify(['homeTreatmentTeam'], homeTreatmentMessage, {
      starts: govukDate(startsOn),
      due: govukDate(endsOn),
      hours,
    });
    change.record.stage = 'intensiveHomeTreatment';
    change.message =
      `Discharge recorded: intensive home treatment for ${weeks} weeks, ` +
      `planned to end on ${formatLondonDate(endsOn)}`;
    return;
  }
  if (p.outcome === 'tier4Admission' && d.autisticOrLearningDisability) {
    const clock = change.startClock(POST_ADMISSION_REVIEW, { startedAt: at, ownerOrganisation: d.healthProvider });
    d.careReviews.postAdmission = { clockId: POST_ADMISSION_REVIEW, admittedAt: at.toISOString() };
    change.record.stage = 'awaitingCareReview';
    change.message =
      `Discharge recorded: Tier 4 admission; a Care, Education and Treatment Review is due by ` +
      `${formatLondon(new Date(clock.dueAt))}`;
    return;
  }
  change.closeCase(`discharged: ${words}`, at);
  change.message = `Discharge recorded: ${words}; the clocks have stopped`;
});

export function endHomeTreatment(change: Change, p: HomeTreatmentEnded) {
  const d = change.details;
  if (!d.homeTreatment || !openClock(change, HOME_TREATMENT))
    throw new RuleViolation('No intensive home treatment package is open for this case', [], 409);
  const problem = dateOutside(p.endedOn, {
    from: { day: d.homeTreatment.startsOn, as: 'the start of the package' },
    to: { day: londonDateOf(change.context.now), as: 'today' },
  });
  if (problem)
    throw new RuleViolation('The end date is outside the range this record accepts', [
      { path: 'endedOn', message: problem },
    ]);
  // A package's day starts when the team opens: one ending on its planned last day ended on time.
  const opensAt = settingsFor(change.context.partnership).intensiveHomeTreatment?.opensAt ?? '08:00';
  const at = new Date(
    Math.min(londonDateTime(p.endedOn, opensAt).getTime(), new Date(change.event.recordedAt).getTime()),
  );
  d.homeTreatment = { ...d.homeTreatment, endedOn: p.endedOn };
  change.stopClock(HOME_TREATMENT, at, 'package ended');
  change.closeCase(`intensive home treatment ended${p.nextSupport ? `; next: ${p.nextSupport}` : ''}`, at);
  change.message = 'Intensive home treatment recorded as ended; the case is closed';
}

/** A checkpoint was reached: a Bronze occurrence is checked; a delayed discharge escalates. */
export function onCheckpoint(change: Change, clockId: string, checkpointId: string) {
  if (clockId === BRONZE_CADENCE) return checkCadence(change, checkpointId);
  if (clockId !== DELAYED_DISCHARGE) return;
  // The thresholds in words as this partnership sets them (a local target may be changed).
  const def = change.clockDefinition(DELAYED_DISCHARGE);
  const gold = def.checkpoints.find((c) => c.id === 'gold-escalation')?.at;
  const hours = checkpointId === 'silver-escalation' ? def.length : gold && 'after' in gold ? gold.after : undefined;
  const reason = `still in an acute bed ${hours ?? 'some'} hours after being medically fit for discharge`;
  if (checkpointId === 'silver-escalation') escalate(change, 'silver', reason, change.occurredAt);
  if (checkpointId === 'gold-escalation') escalate(change, 'gold', reason, change.occurredAt);
}

/**
 * Named conditions: the cadence recurs while rated Red (daily) or Amber (weekly); Gold
 * once reached is not reached again by time.
 */
export const conditions = {
  ratedRed: (record: CaseRecord<CrisisDetails>) => record.status === 'open' && record.details.rating === 'red',
  ratedAmber: (record: CaseRecord<CrisisDetails>) => record.status === 'open' && record.details.rating === 'amber',
  goldReached: (record: CaseRecord<CrisisDetails>) => record.details.highestLevel === 'gold',
};

/** The rules of the process: each event's handler by its type, the checkpoints, the conditions and who is told. */
export const processRules: ProcessRules<CrisisDetails> = {
  handlers: handlersFor<CrisisDetails>()(events)({
    presented: present,
    crisisAssessed: assess,
    ratingChanged: changeRating,
    bronzeMeetingHeld: holdBronzeMeeting,
    medicallyFit: medicallyFitForDischarge,
    silverMeetingHeld: holdSilverMeeting,
    goldMeetingHeld: holdGoldMeeting,
    steppedDown: stepDown,
    tier4Referred: referToTier4,
    tier4BedOffered: tier4BedOffer,
    careReviewHeld: holdCareReview,
    adultServicesReferred: referToAdultServices,
    discharged: discharge,
    homeTreatmentEnded: endHomeTreatment,
  }),
  onCheckpoint,
  conditions,
  recipients,
};

/** The rules of each version, by its number (the process has one). */
export const rules: Readonly<Record<number, ProcessRules<CrisisDetails>>> = { 1: processRules };
