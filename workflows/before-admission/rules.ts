/**
 * Before admission: the rules. Pure: every instant comes from the event or the injected clock.
 *
 * A young person on the Dynamic Support Register is rated at risk of admission: the community Care
 * (Education) and Treatment Review's clock starts (clocks.ts: before admission, 5 working days unless the
 * partnership shortens it), with the first all-agency meeting to prevent admission (within 7 days) and,
 * when no key worker is named yet, the key worker's. From the first meeting a recurring weekly checkpoint
 * looks for a discussion of the young person in the 7 days ending that day and tells the register lead and
 * the key worker when none was recorded. The case closes when the young person is no longer at risk of
 * admission or is admitted (an admission before the community review is kept and counted).
 */
import {
  about,
  addCalendarDays,
  ageOn,
  compareLocalDates,
  endOfLondonDay,
  formatLondon,
  formatLondonDate,
  govukDateTime,
  londonDateOf,
} from '#core/calendar/index';
import { isOpen } from '#core/clocks/model';
import { organisation } from '#core/partnership/config';
import { handlersFor, type ProcessRules, RuleViolation } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { dateOutside, instantOutside } from '#core/schema/index';
import { COMMUNITY_REVIEW, FIRST_MEETING, KEY_WORKER, WEEKLY_MEETING } from './clocks';
import { type BeforeAdmissionDetails, type Change, endingWords, ratingWords } from './details';
import {
  type AtRiskOfAdmission,
  type CommunityReviewHeld,
  events,
  type KeyWorkerNamed,
  type MeetingHeld,
  type RiskOfAdmissionEnded,
} from './events';
import {
  admittedWithoutReviewMessage,
  atRiskMessage,
  keyWorkerMessage,
  recipients,
  weeklyMeetingNotRecorded,
} from './messages';

/** How far back a new record may say the young person was rated at risk of admission. */
export const RATED_DAYS_BACK = 28;

const openClock = (change: Change, id: string) => {
  const c = change.clock(id);
  return c && isOpen(c) ? c : undefined;
};

/** An instant from the rating up to now, or a 400 naming the field and the range. */
function requireSinceRated(change: Change, path: string, value: string): Date {
  const at = new Date(value);
  const outside = instantOutside(at, {
    from: { at: new Date(change.details.ratedAt), as: 'when the young person was rated at risk of admission' },
    to: { at: change.context.now, as: 'now' },
  });
  if (outside) throw new RuleViolation('A time is outside the range this record accepts', [{ path, message: outside }]);
  return at;
}

function requireOrganisation(change: Change, path: string, id: string, kind: string) {
  const org = organisation(change.context.partnership, id);
  if (!org || org.kind !== kind)
    throw new RuleViolation('Unknown organisation', [
      { path, message: `no ${kind} '${id}' in the partnership directory` },
    ]);
  return org;
}

/** When a dated record counts: the end of its London day, or when it was recorded if that is sooner. */
const stopInstant = (change: Change, day: string) =>
  new Date(Math.min(endOfLondonDay(day).getTime(), new Date(change.event.recordedAt).getTime()));

/** The week of the weekly meeting whose occurrence falls at `due`: the 7 London days ending that day. */
function discussedInWeekTo(d: BeforeAdmissionDetails, due: Date): boolean {
  const lastDay = londonDateOf(due);
  const firstDay = addCalendarDays(lastDay, -6);
  return d.meetings.some((m) => {
    const day = londonDateOf(new Date(m.heldAt));
    return compareLocalDates(day, firstDay) >= 0 && compareLocalDates(day, lastDay) <= 0 && new Date(m.heldAt) <= due;
  });
}

/** The weekly clock's due instant is its next occurrence (the timer the engine planned). */
function showNextWeek(change: Change) {
  const clock = openClock(change, WEEKLY_MEETING);
  const next = Object.values(change.record.timers)
    .filter((t) => t.clockId === WEEKLY_MEETING)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (clock && next) change.record.clocks[WEEKLY_MEETING] = { ...clock, dueAt: next.dueAt };
}

/**
 * Rated at risk of admission: the community review, the first all-agency meeting and (when no key worker
 * is named yet) the key worker's clocks start; the register lead is told, and the key worker if named.
 */
export const rateAtRisk = about('ratedAt', (change: Change, p: AtRiskOfAdmission) => {
  const { now } = change.context;
  const ratedAt = new Date(p.ratedAt);
  const outside = instantOutside(ratedAt, {
    from: { at: new Date(now.getTime() - RATED_DAYS_BACK * 86_400_000), as: `${RATED_DAYS_BACK} days ago` },
    to: { at: now, as: 'now' },
  });
  if (outside)
    throw new RuleViolation('The rating is dated outside the range a new record accepts', [
      { path: 'ratedAt', message: outside },
    ]);
  const day = londonDateOf(ratedAt);
  if (dateOutside(p.youngPerson.dateOfBirth, { to: { day, as: 'the day of the rating' } }))
    throw new RuleViolation("The young person's date of birth is not valid", [
      { path: 'youngPerson.dateOfBirth', message: 'must be on or before the day of the rating' },
    ]);
  if (ageOn(p.youngPerson.dateOfBirth, day) >= 18)
    throw new RuleViolation('This process is for children and young people under 18', [
      { path: 'youngPerson.dateOfBirth', message: 'the young person must be under 18 on the day of the rating' },
    ]);
  const provider = requireOrganisation(change, 'healthProvider', p.healthProvider, 'healthProvider');
  requireOrganisation(change, 'localAuthority', p.localAuthority, 'council');
  const icb = provider.icb ?? p.healthProvider;

  const record = change.record;
  record.details = {
    caseReference: p.caseReference,
    youngPerson: p.youngPerson,
    ratedAt: ratedAt.toISOString(),
    rating: p.rating,
    healthProvider: p.healthProvider,
    localAuthority: p.localAuthority,
    icb,
    ...(p.keyWorker ? { keyWorker: { ...p.keyWorker, namedAt: ratedAt.toISOString() } } : {}),
    meetings: [],
    weeks: [],
  };
  record.organisations = [...new Set([record.organisation, p.healthProvider, icb, p.localAuthority])];
  record.stage = 'atRiskOfAdmission';
  if (p.keyWorker) record.leadPractitionerEmail = p.keyWorker.email;
  const review = change.startClock(COMMUNITY_REVIEW, { startedAt: ratedAt, ownerOrganisation: icb });
  const meeting = change.startClock(FIRST_MEETING, { startedAt: ratedAt, ownerOrganisation: p.healthProvider });
  const reviewDue = formatLondon(new Date(review.dueAt));
  const meetingDue = formatLondon(new Date(meeting.dueAt));
  if (!p.keyWorker) change.startClock(KEY_WORKER, { startedAt: ratedAt, ownerOrganisation: icb });
  // Messages write dates in GOV.UK style (8:30am on 5 November 2026), as every process's do.
  const inMessage = (instant: string) => govukDateTime(new Date(instant));
  change.notify(['registerLead'], atRiskMessage, {
    meeting: inMessage(meeting.dueAt),
    review: inMessage(review.dueAt),
  });
  if (p.keyWorker) change.notify(['keyWorker'], keyWorkerMessage, { due: inMessage(review.dueAt) });
  change.addTimeline(
    'atRiskOfAdmission',
    `Rated ${ratingWords[p.rating]} on the Dynamic Support Register: at risk of admission. The community Care ` +
      `(Education) and Treatment Review is due by ${reviewDue}; the all-agency meeting by ${meetingDue}` +
      `${p.keyWorker ? '; a key worker is named' : ''}`,
  );
  change.message =
    `At risk of admission recorded: case ${record.caseCode}; community Care (Education) and Treatment Review ` +
    `due by ${reviewDue}; all-agency meeting due by ${meetingDue}`;
});

export function nameKeyWorker(change: Change, p: KeyWorkerNamed) {
  const d = change.details;
  const at = new Date(change.event.recordedAt);
  const changed = d.keyWorker !== undefined;
  d.keyWorker = { ...p.keyWorker, namedAt: at.toISOString() };
  change.record.leadPractitionerEmail = p.keyWorker.email;
  if (openClock(change, KEY_WORKER)) change.stopClock(KEY_WORKER, at);
  const review = openClock(change, COMMUNITY_REVIEW);
  change.notify(['keyWorker'], keyWorkerMessage, {
    due: review ? govukDateTime(new Date(review.dueAt)) : 'already recorded as held',
  });
  change.addTimeline(
    'keyWorkerNamed',
    changed ? 'The key worker changed; the new key worker was told' : 'Key worker named and told',
  );
  change.message = changed ? 'New key worker recorded' : 'Key worker recorded';
}

export function holdMeeting(change: Change, p: MeetingHeld) {
  const d = change.details;
  const at = requireSinceRated(change, 'heldAt', p.heldAt);
  d.meetings.push({
    heldAt: at.toISOString(),
    organisationsPresent: p.organisationsPresent,
    decisions: p.decisions,
    plan: p.plan,
  });
  change.addTimeline(
    'meetingHeld',
    `All-agency meeting to prevent admission discussed the young person (${p.organisationsPresent.length} ` +
      'organisations present)',
  );
  if (openClock(change, FIRST_MEETING)) {
    change.stopClock(FIRST_MEETING, at);
    change.startClock(WEEKLY_MEETING, { startedAt: at, ownerOrganisation: d.healthProvider });
    showNextWeek(change);
    const next = new Date(change.clock(WEEKLY_MEETING)!.dueAt);
    change.message = `Meeting recorded; the young person is next due to be discussed by ${formatLondon(next)}`;
    return;
  }
  change.message = 'Meeting recorded';
}

export const holdCommunityReview = about('heldOn', (change: Change, p: CommunityReviewHeld) => {
  const d = change.details;
  if (d.communityReview)
    throw new RuleViolation(
      `The community review was already recorded as held on ${formatLondonDate(d.communityReview.heldOn)}`,
      [],
      409,
    );
  const problem = dateOutside(p.heldOn, {
    from: { day: londonDateOf(new Date(d.ratedAt)), as: 'the day of the rating' },
    to: { day: londonDateOf(change.context.now), as: 'today' },
  });
  if (problem)
    throw new RuleViolation('The review is dated outside the range this record accepts', [
      { path: 'heldOn', message: problem },
    ]);
  const stopped = change.stopClock(COMMUNITY_REVIEW, stopInstant(change, p.heldOn));
  const onTime = stopped.status === 'met';
  d.communityReview = { heldOn: p.heldOn, onTime };
  change.addTimeline(
    'communityReviewHeld',
    `Community Care (Education) and Treatment Review held on ${formatLondonDate(p.heldOn)}` +
      `${onTime ? '' : ' (after its due date)'}`,
  );
  change.message = 'Community review recorded';
});

/** The time at risk of admission ends: the case closes; an admission before the community review is kept. */
export function endRisk(change: Change, p: RiskOfAdmissionEnded) {
  const d = change.details;
  const at = requireSinceRated(change, 'at', p.at);
  const withoutCommunityReview = p.outcome === 'admitted' && !d.communityReview;
  d.ended = {
    at: at.toISOString(),
    outcome: p.outcome,
    ...(p.outcomeText ? { outcomeText: p.outcomeText } : {}),
    withoutCommunityReview,
  };
  // The few words of 'other' stay in the case's details: free text is never in a message, the closure
  // reason or the answer (which the state machine's history would keep).
  const words = endingWords[p.outcome];
  if (withoutCommunityReview) {
    change.notify(['registerLead'], admittedWithoutReviewMessage);
    change.addTimeline(
      'admittedWithoutCommunityReview',
      'Admitted before a community Care (Education) and Treatment Review was held; the register lead was told. ' +
        "Crisis escalation's review after admission follows the stay",
    );
  }
  change.closeCase(words, at);
  change.message = `Recorded: ${words}; the case is closed`;
}

/** A weekly occurrence fell due: was the young person discussed in the week? If not, say so to those who act. */
export function onCheckpoint(change: Change, clockId: string) {
  if (clockId !== WEEKLY_MEETING) return;
  const d = change.details;
  const due = change.occurredAt;
  const discussed = discussedInWeekTo(d, due);
  d.weeks.push({ dueAt: due.toISOString(), discussed });
  if (discussed) change.addTimeline('weeklyMeetingHeld', 'The weekly all-agency meeting discussed the young person');
  else {
    change.notify(['registerLead', 'keyWorker'], weeklyMeetingNotRecorded, { due: govukDateTime(due) });
    change.addTimeline(
      'weeklyMeetingNotRecorded',
      `No discussion at the all-agency meeting recorded in the week to ${formatLondon(due)}; the register lead ` +
        `${d.keyWorker ? 'and the key worker were' : 'was'} told`,
    );
  }
  showNextWeek(change);
}

/** The weekly meeting recurs while the young person is at risk of admission (the case is open). */
export const conditions = {
  atRisk: (record: CaseRecord<BeforeAdmissionDetails>) => record.status === 'open',
};

export const processRules: ProcessRules<BeforeAdmissionDetails> = {
  handlers: handlersFor<BeforeAdmissionDetails>()(events)({
    atRiskOfAdmission: rateAtRisk,
    keyWorkerNamed: nameKeyWorker,
    meetingHeld: holdMeeting,
    communityReviewHeld: holdCommunityReview,
    riskOfAdmissionEnded: endRisk,
  }),
  onCheckpoint,
  conditions,
  recipients,
};

/** The rules of each version, by its number (the process has one). */
export const rules: Readonly<Record<number, ProcessRules<BeforeAdmissionDetails>>> = { 1: processRules };
