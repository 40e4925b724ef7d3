/**
 * Operation Encompass: the rules, one handler per event type (each given its payload as its schema
 * parsed it), and what the process does when its timers fall due.
 */
import {
  addCalendarDays,
  CalendarCoverageError,
  compareLocalDates,
  formatLondon,
  govukDateTime,
  isInSchoolHoliday,
  londonDateOf,
  londonDateTime,
} from '#core/calendar/index';
import { startClock as startClockState } from '#core/clocks/engine';
import { isOpen } from '#core/clocks/model';
import { auditIdentity } from '#core/identity/actor';
import { councilsServedBy } from '#core/partnership/config';
import { handlersFor, type ProcessRules, RuleViolation } from '#core/process/definition';
import { dayInWords } from '#core/schema/index';
import type { SchoolSnapshot } from '#core/schools/model';
import { schoolCalendarFor } from '#core/schools/term-calendars';
import { FIND_SCHOOL_CLOCK, KEY_ADULT_CLOCK, NOTIFICATION_RETENTION } from './clocks';
import { type Change, councilsFor, type EncompassDetails } from './details';
import {
  type Acknowledged,
  type Amended,
  type ClosedByAdministrator,
  events,
  type PoliceNotification,
  type Redirected,
  type SchoolDetailsChanged,
  type SchoolIdentified,
} from './events';
import { administratorClosureWords, findTheSchool, keyAdultTold, messageVars, recipients } from './messages';
import { settingsFor } from './settings';

/** The duty covers children from reception (the school year they turn 5) to 17. */
export function ageProblem(dateOfBirth: string, attendedDay: string, earlyYears: boolean): string | undefined {
  if (compareLocalDates(dateOfBirth, attendedDay) > 0) return 'is after police attended';
  const [y, m] = attendedDay.split('-').map(Number) as [number, number];
  const eighteenth = `${Number(dateOfBirth.slice(0, 4)) + 18}${dateOfBirth.slice(4)}`;
  if (compareLocalDates(eighteenth, attendedDay) <= 0)
    return 'the child is 18 or over: Operation Encompass covers children up to 17';
  if (earlyYears) return undefined;
  const schoolYearStart = m >= 9 ? y : y - 1;
  const latestReceptionBirthday = `${schoolYearStart - 4}-08-31`;
  if (compareLocalDates(dateOfBirth, latestReceptionBirthday) > 0) {
    return 'the child is below reception age; early years settings are not enabled for this partnership';
  }
  return undefined;
}

/**
 * How long after police attended a notification may still be sent. Notifications are meant for the next
 * school day, and the rules already treat a late one deliberately (the deadline has passed, so the Key
 * Adult is told and reminders and the escalation follow at once); a month covers a force's backlog over
 * a holiday, while a date years back (2019) is refused as a mistake.
 */
export const ATTENDANCE_DAYS_BACK = 28;

/** Why police attendance at `attended` cannot be taken on `now`, or undefined. */
export function attendanceProblem(attended: Date, now: Date): string | undefined {
  if (attended.getTime() > now.getTime()) return 'cannot be in the future';
  const earliest = addCalendarDays(londonDateOf(now), -ATTENDANCE_DAYS_BACK);
  if (compareLocalDates(londonDateOf(attended), earliest) < 0) {
    return (
      `must be from ${dayInWords(earliest)} (${ATTENDANCE_DAYS_BACK} days ago) to now: ` +
      'Operation Encompass notifications are sent soon after police attend'
    );
  }
  return undefined;
}

function schoolOf(change: Change): SchoolSnapshot | undefined {
  return change.event.context?.school as SchoolSnapshot | undefined;
}

/** Will the notification sit unread over a holiday? The school's next school day comes after a break. */
function heldOverHoliday(change: Change, school: SchoolSnapshot, from: Date, due: Date): boolean {
  if (school.holidayCover) return false;
  const calendar = schoolCalendarFor(school);
  const wd = change.context.calendars.workingDays;
  for (let day = londonDateOf(from); compareLocalDates(day, londonDateOf(due)) < 0; day = addCalendarDays(day, 1)) {
    if (isInSchoolHoliday(calendar, londonDateTime(day, '12:00'), wd)) return true;
  }
  return false;
}

function deadlineText(change: Change, format: (instant: Date) => string = formatLondon): string {
  const clock = change.clock(KEY_ADULT_CLOCK);
  return clock ? format(new Date(clock.dueAt)) : '';
}

/**
 * Tell the school (tellSchool), naming the request's field in any calendar gap: a school year with no
 * term dates is about `fields.date`, a term calendar that is not loaded about `fields.school`. The
 * engine refuses the event with a 400 naming the field and what the calendar knows.
 */
function tellSchoolNaming(change: Change, from: Date, fields: { date: string; school: string }) {
  try {
    tellSchool(change, from);
  } catch (error) {
    if (error instanceof CalendarCoverageError)
      throw error.about(error.gap === 'termCalendar' ? fields.school : fields.date);
    throw error;
  }
}

/** Start the Key Adult clock for the case's school and tell the Key Adult now, or hold it over the holiday. */
function tellSchool(change: Change, from: Date) {
  const d = change.details;
  const school = d.school!;
  const clock = change.startClock(KEY_ADULT_CLOCK, { startedAt: new Date(d.attendedAt) });
  const due = new Date(clock.dueAt);
  if (heldOverHoliday(change, school, from, due)) {
    const release = londonDateTime(londonDateOf(due), settingsFor(change.context.partnership).holdReleaseTime);
    d.heldUntil = release.toISOString();
    d.heldOverHoliday = true;
    change.scheduleCaseTimer(`release-${school.urn}`, release < due ? release : due);
    change.record.stage = 'heldOverHoliday';
    change.addTimeline(
      'held',
      `Held over the school holiday: ${school.name} has no holiday cover; released ${formatLondon(release)}`,
    );
    return;
  }
  notifyKeyAdult(change);
}

/** Whether two entries keep the same school days (what a deadline is counted by). */
function sameSchoolDays(a: SchoolSnapshot, b: SchoolSnapshot): boolean {
  const days = (s: SchoolSnapshot) =>
    JSON.stringify([
      s.termCalendarId,
      s.termCalendar?.schoolYears ?? null,
      [...(s.extraInsetDays ?? [])].sort(),
      s.startOfDay,
      s.holidayCover,
    ]);
  return days(a) === days(b);
}

/**
 * The school's days changed: count the deadline again from when police attended, by the school's new
 * calendar, and hold or release the notification by it. A deadline already passed stays as it was
 * (what happened by then is not rewritten).
 */
function moveDeadline(change: Change, now: Date) {
  const d = change.details;
  const clock = change.clock(KEY_ADULT_CLOCK);
  if (!clock || !isOpen(clock) || new Date(clock.dueAt).getTime() <= now.getTime()) return;
  const fresh = startClockState(
    change.clockDefinition(KEY_ADULT_CLOCK),
    { startedAt: new Date(d.attendedAt) },
    change.calendars,
  );
  // A new generation, so the timers of the old deadline are told apart from the new ones.
  change.replanClock({ ...fresh, generation: clock.generation + 1, history: clock.history });
  const due = new Date(fresh.dueAt);
  if (fresh.dueAt !== clock.dueAt) {
    change.addTimeline(
      'deadlineMoved',
      `The school's days changed in the directory: to be acknowledged before ${formatLondon(due)} (was ` +
        `${formatLondon(new Date(clock.dueAt))})`,
    );
  }
  if (!d.heldUntil) return;
  const school = d.school!;
  change.cancelTimers((t) => t.checkpointId.startsWith('release-'));
  if (heldOverHoliday(change, school, now, due)) {
    const release = londonDateTime(londonDateOf(due), settingsFor(change.context.partnership).holdReleaseTime);
    d.heldUntil = release.toISOString();
    change.scheduleCaseTimer(`release-${school.urn}-${fresh.dueAt}`, release < due ? release : due);
    change.addTimeline('held', `Still held over the school holiday; released ${formatLondon(release)}`);
  } else {
    notifyKeyAdult(change);
  }
  change.message = d.heldUntil
    ? `Held for ${school.name} until ${formatLondon(new Date(d.heldUntil))}`
    : `${school.name} told; to be acknowledged before ${deadlineText(change)}`;
}

function notifyKeyAdult(change: Change) {
  const d = change.details;
  d.notifiedAt = change.event.occurredAt;
  delete d.heldUntil;
  change.record.stage = 'notified';
  change.notify(['keyAdult'], keyAdultTold, {
    school: d.school!.name,
    // The message in GOV.UK style; the timeline keeps the rules' words (the pages show those GOV.UK style).
    deadline: deadlineText(change, govukDateTime),
  });
  change.addTimeline('notified', `${d.school!.name} told (Key Adult)`);
}

/**
 * The local authority of the child's home, for a child whose school is not known: the council police
 * name as `child.homeCouncil` (refused, naming the field, unless it is a council of the partnership with a
 * local authority code); without it, the one council the sending force covers; else the partnership's
 * default local authority (settings.defaultLocalAuthorityCode).
 */
function homeLocalAuthority(change: Change, p: PoliceNotification): string {
  const { partnership } = change.context;
  const councils = partnership.organisations.filter((o) => o.kind === 'council' && o.localAuthorityCode);
  const named = p.child.homeCouncil;
  if (named !== undefined) {
    const council = councils.find((o) => o.id === named);
    if (!council)
      throw new RuleViolation("The child's home council is not a council of the partnership", [
        {
          path: 'child.homeCouncil',
          message: `no council ${named} in the partnership (its councils: ${councils.map((c) => c.id).join(', ')})`,
        },
      ]);
    return council.localAuthorityCode!;
  }
  const covered = councilsServedBy(partnership, change.record.organisation);
  const forceCouncil = covered.length === 1 ? councils.find((o) => o.id === covered[0]) : undefined;
  return forceCouncil?.localAuthorityCode ?? settingsFor(partnership).defaultLocalAuthorityCode;
}

/** Police notify about one child: the case opens, and the school is told (or the local authority asked to find it). */
export function policeNotified(change: Change, p: PoliceNotification) {
  const settings = settingsFor(change.context.partnership);
  const attended = new Date(p.attendedAt);
  const attendance = attendanceProblem(attended, change.context.now);
  if (attendance)
    throw new RuleViolation('The time police attended is outside the range a notification accepts', [
      { path: 'attendedAt', message: attendance },
    ]);
  const problem = ageProblem(p.child.dateOfBirth, londonDateOf(attended), settings.earlyYears);
  if (problem)
    throw new RuleViolation('This child is outside the ages Operation Encompass covers', [
      { path: 'child.dateOfBirth', message: problem },
    ]);

  const school = schoolOf(change);
  const homeAuthority = homeLocalAuthority(change, p);
  const record = change.record;
  record.details = {
    forceIncidentReference: p.forceIncidentReference,
    attendedAt: attended.toISOString(),
    child: {
      name: p.child.name,
      dateOfBirth: p.child.dateOfBirth,
      present: p.child.present,
      welfareCheck: p.child.welfareCheck,
    },
    policeContact: p.child.policeContact,
    schoolUrnGiven: p.child.schoolUrn,
    localAuthorityCode: school?.localAuthorityCode ?? homeAuthority,
    redirects: [],
    amendments: [],
    escalated: false,
    heldOverHoliday: false,
    ...(school ? { school } : {}),
  };
  record.openedAt = change.event.occurredAt;
  // Retention runs from the notification too, so details of one never acknowledged are not kept for ever.
  change.scheduleCaseTimer(
    NOTIFICATION_RETENTION,
    new Date(attended.getTime() + settings.notificationRetentionDays * 86_400_000),
  );
  record.organisations = [
    ...new Set([record.organisation, ...councilsFor(change.context.partnership, record.details.localAuthorityCode)]),
  ];
  change.addTimeline('received', `Police notification received (attended ${formatLondon(attended)})`);

  if (school) {
    tellSchoolNaming(change, new Date(change.event.occurredAt), { date: 'attendedAt', school: 'child.schoolUrn' });
    change.message = record.details.heldUntil
      ? `Held for ${school.name} until ${formatLondon(new Date(record.details.heldUntil))}`
      : `${school.name} told; to be acknowledged before ${deadlineText(change)}`;
  } else {
    record.stage = 'findingSchool';
    change.startClock(FIND_SCHOOL_CLOCK, {
      startedAt: new Date(change.event.occurredAt),
      ownerOrganisation: councilsFor(change.context.partnership, record.details.localAuthorityCode)[0],
    });
    change.notify(['laSafeguardingLead'], findTheSchool(p.child.schoolUrn));
    change.message = 'School not known: sent to the local authority to find the school';
  }
}

// ---------------------------------------------------------------------------------------------
// One handler per event
// ---------------------------------------------------------------------------------------------

/** A rule for an event on an open case: none may change a notification whose details are removed. */
function onCase<P>(rule: (change: Change, payload: P, now: Date) => void) {
  return (change: Change, payload: P) => {
    if (change.details.detailsRemovedAt)
      throw new RuleViolation("This notification's details have been removed", [], 409);
    rule(change, payload, new Date(change.event.occurredAt));
  };
}

export const acknowledge = onCase((change, p: Acknowledged, now) => {
  const d = change.details;
  if (d.acknowledgement)
    throw new RuleViolation(`Already acknowledged on ${formatLondon(new Date(d.acknowledgement.at))}`, [], 409);
  if (!d.school || (!d.heldUntil && !d.notifiedAt))
    throw new RuleViolation('This notification has not been sent to a school yet', [], 409);
  // A Key Adult who can read a notification held over the holiday can acknowledge it: the release
  // (and the reminders after it) are then not needed.
  const wasHeld = !!d.heldUntil;
  if (wasHeld) {
    change.cancelTimers((t) => t.checkpointId.startsWith('release-'));
    delete d.heldUntil;
  }
  const clock = change.stopClock(KEY_ADULT_CLOCK, now);
  d.acknowledgement = {
    at: now.toISOString(),
    byUserId: change.event.actor.userId,
    ...(p.supportOffered !== undefined ? { supportOffered: p.supportOffered } : {}),
    beforeSchoolStart: clock.status === 'met',
  };
  change.record.stage = 'acknowledged';
  change.addTimeline(
    'acknowledged',
    `Acknowledged by the ` +
      `school${wasHeld ? ' while held over the holiday' : ''}${p.supportOffered ? '; support offered' : ''}`,
  );
  change.cancelTimers((t) => t.checkpointId === NOTIFICATION_RETENTION);
  const days = settingsFor(change.context.partnership).retentionDays;
  change.scheduleCaseTimer('retention', new Date(now.getTime() + days * 86_400_000));
  change.message = clock.status === 'met' ? 'Acknowledged before the school day started' : 'Acknowledged';
});

/** The school the API looked up for the event's URN (see contextFor), refused when it is not in the directory. */
function schoolNamed(change: Change, urn: string): SchoolSnapshot {
  const school = schoolOf(change);
  if (!school)
    throw new RuleViolation(
      'That school is not in the directory',
      [{ path: 'schoolUrn', message: `no school ${urn} in the directory` }],
      400,
    );
  return school;
}

/**
 * The case's school is now `school`: its council is the case's council, and the school is told. A school
 * in another council's area takes the case there: the council it leaves is no longer on it (a school
 * whose local authority is no council of the partnership leaves the councils as they were, so someone
 * still administers the case).
 */
function sendToSchool(change: Change, school: SchoolSnapshot, now: Date) {
  const d = change.details;
  const { partnership } = change.context;
  d.school = school;
  d.localAuthorityCode = school.localAuthorityCode;
  const councils = councilsFor(partnership, school.localAuthorityCode);
  const isCouncil = (id: string) => partnership.organisations.some((o) => o.id === id && o.kind === 'council');
  const others = councils.length
    ? change.record.organisations.filter((o) => !isCouncil(o))
    : change.record.organisations;
  change.record.organisations = [...new Set([...others, ...councils])];
  tellSchoolNaming(change, now, { date: 'schoolUrn', school: 'schoolUrn' });
  change.message = d.heldUntil
    ? `Held for ${school.name} until ${formatLondon(new Date(d.heldUntil))}`
    : `${school.name} told; to be acknowledged before ${deadlineText(change)}`;
}

export const schoolFound = onCase((change, p: SchoolIdentified, now) => {
  const d = change.details;
  const school = schoolNamed(change, p.schoolUrn);
  if (d.school)
    throw new RuleViolation('The school is already known; to change it, redirect the notification', [], 409);
  const found = change.clock(FIND_SCHOOL_CLOCK);
  if (found && isOpen(found)) change.stopClock(FIND_SCHOOL_CLOCK, now);
  d.schoolFoundAfterWorkingDays = change.context.calendars.workingDays.workingDaysBetween(
    londonDateOf(new Date(change.record.openedAt)),
    londonDateOf(now),
  );
  change.addTimeline('schoolFound', `School found: ${school.name}`);
  sendToSchool(change, school, now);
});

export const redirect = onCase((change, p: Redirected, now) => {
  const d = change.details;
  const school = schoolNamed(change, p.schoolUrn);
  if (!d.school) throw new RuleViolation('The school is not known yet; record it as found instead', [], 409);
  if (d.school.urn === school.urn)
    throw new RuleViolation(
      'The notification is already with that school',
      [{ path: 'schoolUrn', message: 'is the current school' }],
      409,
    );
  if (d.acknowledgement) throw new RuleViolation('Already acknowledged by the school', [], 409);
  d.redirects.push({ at: now.toISOString(), fromUrn: d.school.urn, toUrn: school.urn, reason: p.reason });
  const old = change.clock(KEY_ADULT_CLOCK);
  if (old && isOpen(old)) change.notApplicable(KEY_ADULT_CLOCK, now, 'redirected to another school');
  delete change.record.clocks[KEY_ADULT_CLOCK];
  change.cancelTimers((t) => t.checkpointId.startsWith('release-'));
  change.addTimeline(
    'redirected',
    `Redirected to ${school.name} ` +
      (p.reason === 'wrongSchool' ? '(the school given was not the right one)' : '(the child has changed school)') +
      '; the previous school no longer has access',
  );
  sendToSchool(change, school, now);
});

export const schoolDetailsChanged = onCase((change, _p: SchoolDetailsChanged, now) => {
  const d = change.details;
  const school = schoolOf(change);
  if (!school || !d.school || school.urn !== d.school.urn)
    throw new RuleViolation('This notification is not with that school', [], 409);
  if (d.acknowledgement) throw new RuleViolation('Already acknowledged by the school', [], 409);
  // Who is told, and the name used, follow the directory; so do the school's days (term calendar,
  // INSET days, start of day, holiday cover), which move a deadline still to come.
  const before = d.school;
  d.school = {
    ...d.school,
    name: school.name,
    ...(school.keyAdult ? { keyAdult: school.keyAdult } : { keyAdult: undefined }),
    ...(school.deputy ? { deputy: school.deputy } : { deputy: undefined }),
    termCalendarId: school.termCalendarId,
    // An imported calendar's dates travel with the school (and go when it follows a shipped one again).
    termCalendar: school.termCalendar,
    extraInsetDays: [...school.extraInsetDays],
    startOfDay: school.startOfDay,
    holidayCover: school.holidayCover,
  } as SchoolSnapshot;
  change.addTimeline(
    'schoolDetailsChanged',
    'The school directory changed: reminders now go to the Key Adult and deputy it names',
  );
  change.message = 'School contacts refreshed';
  if (!sameSchoolDays(before, school)) {
    try {
      moveDeadline(change, now);
    } catch (error) {
      if (error instanceof CalendarCoverageError) throw error.about('schoolUrn');
      throw error;
    }
  }
});

export const amend = onCase((change, p: Amended, now) => {
  const d = change.details;
  if (p.child?.dateOfBirth) {
    const problem = ageProblem(
      p.child.dateOfBirth,
      londonDateOf(new Date(d.attendedAt)),
      settingsFor(change.context.partnership).earlyYears,
    );
    if (problem)
      throw new RuleViolation('This child is outside the ages Operation Encompass covers', [
        { path: 'child.dateOfBirth', message: problem },
      ]);
  }
  const fields = [
    ...Object.keys(p.child ?? {}).map((k) => `child.${k}`),
    ...(p.policeContact ? ['policeContact'] : []),
  ];
  if (p.child && 'name' in d.child) d.child = { ...d.child, ...p.child };
  if (p.policeContact) d.policeContact = p.policeContact;
  d.amendments.push({ at: now.toISOString(), fields });
  change.addTimeline('amended', `Police corrected ${fields.join(', ')}`);
  change.message = `Corrected: ${fields.join(', ')}`;
});

export const closeByAdministrator = onCase((change, p: ClosedByAdministrator, now) => {
  const d = change.details;
  if (d.acknowledgement)
    throw new RuleViolation(
      "Already acknowledged by the school; the child's details are removed after the retention period",
      [],
      409,
    );
  const actor = change.event.actor;
  d.administratorClosure = {
    at: now.toISOString(),
    byUserId: actor.userId,
    byRole: actor.role,
    reason: p.reason,
    ...(p.reasonText ? { reasonText: p.reasonText } : {}),
  };
  clearDetails(change);
  change.closeCase(
    `closed by an administrator (${administratorClosureWords[p.reason]}); the child's details were removed`,
    now,
  );
  change.message = "Notification closed; the child's details were removed";
});

// ---------------------------------------------------------------------------------------------
// Timers
// ---------------------------------------------------------------------------------------------

/** Remove the child's details when a retention period ends, with an audit entry (no person acted: the timer did). */
function removeDetailsAtRetention(change: Change, reason: string) {
  clearDetails(change);
  change.audit.push({
    auditId: `${change.event.eventId}-a0`,
    at: change.event.recordedAt,
    actor: auditIdentity(change.event.actor),
    action: 'change',
    caseId: change.record.caseId,
    what: "Operation Encompass retention: the child's details removed",
    eventId: change.event.eventId,
  });
  change.closeCase(reason, change.occurredAt);
}

function clearDetails(change: Change) {
  const d = change.details;
  d.child = { removed: true };
  d.policeContact = { removed: true };
  if (d.school) d.school = { ...d.school, keyAdult: undefined, deputy: undefined } as SchoolSnapshot;
  d.detailsRemovedAt = change.event.occurredAt;
}

function removeDetails(change: Change) {
  removeDetailsAtRetention(change, "acknowledged; the child's details were removed after the retention period");
}

/** A case timer fell due: a release after a holiday, or the end of a retention period. */
export function onCaseTimer(change: Change, checkpointId: string) {
  if (checkpointId.startsWith('release-')) {
    if (change.details.school && change.details.heldUntil) notifyKeyAdult(change);
    return;
  }
  if (checkpointId === 'retention') removeDetails(change);
  if (checkpointId === NOTIFICATION_RETENTION && !change.details.acknowledgement && !change.details.detailsRemovedAt) {
    const days = Math.round((change.occurredAt.getTime() - new Date(change.details.attendedAt).getTime()) / 86_400_000);
    removeDetailsAtRetention(
      change,
      `the retention period of ${days} days from police attendance ended before the notification was ` +
        `acknowledged; the child's details were removed`,
    );
  }
}

export function onCheckpoint(change: Change, clockId: string, checkpointId: string) {
  if (clockId === KEY_ADULT_CLOCK && checkpointId === 'escalate') change.details.escalated = true;
}

/** The rules of the process: each event's handler by its type, the case timer, the checkpoints and who is told. */
export const processRules: ProcessRules<EncompassDetails> = {
  handlers: handlersFor<EncompassDetails>()(events)({
    policeNotification: policeNotified,
    acknowledged: acknowledge,
    schoolIdentified: schoolFound,
    redirected: redirect,
    amended: amend,
    closedByAdministrator: closeByAdministrator,
    schoolDetailsChanged,
  }),
  onCaseTimer,
  onCheckpoint,
  conditions: {},
  recipients,
  messageVars,
};

/** The rules of each version, by its number (the process has one). */
export const rules: Readonly<Record<number, ProcessRules<EncompassDetails>>> = { 1: processRules };
