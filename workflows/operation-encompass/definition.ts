/**
 * Operation Encompass: after police attend a domestic abuse incident where a child is involved, the
 * child's school Key Adult knows before the child walks in the next morning, so that a trusted adult
 * can offer quiet support.
 *
 * Sources:
 * - Domestic Abuse Act 2021 s49A (inserted by the Victims and Prisoners Act 2024 s20; in force
 *   7 November 2025): police notify the school "as soon as is reasonably practicable".
 * - Operation Encompass national practice: before the start of the next school day.
 *
 * One case per child per incident. Schools get the least data that lets them help: the child's name,
 * date of birth, when police attended, whether the child was present, and a police contact; never who
 * did what or where. Fields beyond those are refused by the schema, not stored.
 */
import * as z from 'zod';
import {
  addCalendarDays,
  CalendarCoverageError,
  compareLocalDates,
  endOfLondonDay,
  formatLondon,
  isInSchoolHoliday,
  londonDateOf,
  londonDateTime,
  nextSchoolDayStart,
} from '#core/calendar/index';
import { startClock as startClockState } from '#core/clocks/engine';
import type { ClockDefinition } from '#core/clocks/model';
import { isOpen } from '#core/clocks/model';
import { suppressColumns, suppressMedian, suppressShare } from '#core/figures/suppression';
import { auditIdentity, type Actor } from '#core/identity/actor';
import { mailboxRecipient, type PartnershipConfig } from '#core/partnership/config';
import type { CaseChange } from '#core/process/change';
import { RuleViolation, type ContextLookups, type ProcessDefinition, type Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { dayInWords, dateOfBirth, instant, normaliseText, personName, recordInstant, reference, text, urn, URN_PATTERN } from '#core/schema/index';
import { isUrn, type SchoolSnapshot } from '#core/schools/model';
import { schoolCalendarFor } from '#core/schools/term-calendars';

export const PROCESS_ID = 'operation-encompass';
export const FIND_SCHOOL_CLOCK = 'find-school';
/** Measures acknowledgement by the Key Adult; the id is kept from when it was titled 'Key Adult told', so stored cases and figures still match. */
export const KEY_ADULT_CLOCK = 'key-adult-told';
/** The case timer that removes the child's details of a notification never acknowledged (see settingsFor). */
export const NOTIFICATION_RETENTION = 'notification-retention';
const NOT_KNOWN = 'not known';

const signIn = 'Sign in to RightTime to read it: {link}';

export const clocks: ClockDefinition[] = [
  {
    id: FIND_SCHOOL_CLOCK,
    title: "Finding the child's school",
    kind: 'workingDays',
    length: 1,
    source: { kind: 'localTarget', citation: "Partnership practice: the local authority finds the school of a child police could not name within 1 working day" },
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'find-school-due',
        kind: 'due',
        at: { due: true },
        recipients: ['laSafeguardingLead'],
        message: {
          subject: 'Operation Encompass {caseCode}: the school is still to be found',
          body: "The school of the child in Operation Encompass notification {caseCode} has not yet been found; it was hoped to be by {due}. When it is found, record it so the Key Adult is told. " + signIn,
        },
      },
    ],
  },
  {
    id: KEY_ADULT_CLOCK,
    title: 'Key Adult has acknowledged before the school day starts',
    kind: 'schoolDays',
    length: 1,
    source: {
      kind: 'nationalStandard',
      citation:
        'Operation Encompass: the Key Adult knows before the start of the next school day; Domestic Abuse Act 2021 s49A (Victims and Prisoners Act 2024 s20): as soon as is reasonably practicable',
    },
    owner: 'school',
    pausable: false,
    checkpoints: [
      { id: 'school-start', kind: 'due', at: { due: true }, recipients: [], message: { subject: '', body: '' } },
      {
        id: 'renotify',
        kind: 'warning',
        at: { afterDueHours: 0.5 },
        recipients: ['keyAdult', 'deputy'],
        message: {
          subject: 'Reminder: an Operation Encompass notification for a pupil at {school} is waiting',
          body: 'An Operation Encompass notification for a pupil at {school} is waiting to be read and acknowledged; the school day has started. ' + signIn,
        },
      },
      {
        id: 'escalate',
        kind: 'escalation',
        at: { afterDueHours: 2 },
        recipients: ['laSafeguardingLead', 'policeCoordinator'],
        message: {
          subject: 'Operation Encompass {caseCode}: not yet acknowledged by {school}',
          body: 'The Operation Encompass notification {caseCode} for a pupil at {school} has not been acknowledged two hours after the school day started. Please make contact with the school. ' + signIn,
        },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Police submission: strict, so nothing about who did what, where, or what happened can be stored.
// ---------------------------------------------------------------------------------------------

// Dates, instants, names, references and URNs come from core/schema: a date of birth from 1990, police
// attendance from 2000, nothing after 2099; the rules narrow attendance to the weeks before the
// notification is sent, and the child's age to the years Operation Encompass covers.
const ukPhone = z.string().trim().regex(/^(\+44\s?|0)[\d\s]{9,13}$/, 'must be a UK phone number');
const schoolUrn = z.union([z.string().regex(URN_PATTERN, "must be a 6-digit URN or 'not known'"), z.literal(NOT_KNOWN)]);

export const policeContact = z
  .strictObject({ name: text({ max: 80 }).optional(), desk: text({ max: 80 }).optional(), phone: ukPhone })
  .refine((c) => c.name || c.desk, { message: 'give a name or a desk', path: ['name'] });

export const childNotified = z.strictObject({
  name: personName,
  dateOfBirth,
  schoolUrn,
  present: z.boolean(),
  welfareCheck: z.boolean(),
  policeContact,
});

const incidentReference = reference;
const attendedAt = recordInstant;

export const policeSubmission = z.strictObject({
  forceIncidentReference: incidentReference,
  attendedAt,
  children: z.array(childNotified).min(1).max(1000),
});

/** The opening event of one child's case. */
export const policeNotification = z.strictObject({ forceIncidentReference: incidentReference, attendedAt, child: childNotified });

export const acknowledged = z.strictObject({ supportOffered: z.boolean().optional() });
export const schoolIdentified = z.strictObject({ schoolUrn: urn });
export const redirected = z.strictObject({
  schoolUrn: urn,
  reason: z.enum(['changedSchool', 'wrongSchool']),
});
/** The directory entry of the case's school changed (e.g. a new Key Adult); sent by the API, not typed by people. */
export const schoolDetailsChanged = z.strictObject({ schoolUrn: urn, directoryUpdatedAt: instant });

export const amended = z
  .strictObject({
    child: z.strictObject({ name: personName.optional(), dateOfBirth: dateOfBirth.optional(), present: z.boolean().optional(), welfareCheck: z.boolean().optional() }).optional(),
    policeContact: policeContact.optional(),
  })
  .refine((a) => a.child || a.policeContact, { message: 'say what is corrected' });

// ---------------------------------------------------------------------------------------------
// Case details
// ---------------------------------------------------------------------------------------------

export interface EncompassDetails {
  forceIncidentReference: string;
  attendedAt: string;
  child: { name: string; dateOfBirth: string; present: boolean; welfareCheck: boolean } | { removed: true };
  policeContact: { name?: string; desk?: string; phone: string } | { removed: true };
  schoolUrnGiven: string;
  /** The school told (a snapshot from the directory); absent while it is being found. */
  school?: SchoolSnapshot;
  localAuthorityCode: string;
  /** Held over the school's holidays (no holiday cover) until this instant; cleared on release. */
  heldUntil?: string;
  /** Whether the notification was ever held over a holiday (kept for the figures). */
  heldOverHoliday: boolean;
  notifiedAt?: string;
  acknowledgement?: { at: string; byUserId: string; supportOffered?: boolean; beforeSchoolStart: boolean };
  redirects: { at: string; fromUrn: string; toUrn: string; reason: string }[];
  amendments: { at: string; fields: string[] }[];
  escalated: boolean;
  schoolFoundAfterWorkingDays?: number;
  detailsRemovedAt?: string;
  /** Closed by an administrator because it cannot be acknowledged (e.g. the child has left the school). */
  administratorClosure?: { at: string; byUserId: string; byRole: string; reason: (typeof administratorClosureReasons)[number]; reasonText?: string };
}

type Change = CaseChange<EncompassDetails>;

interface Settings {
  holdReleaseTime: string;
  retentionDays: number;
  notificationRetentionDays: number;
  earlyYears: boolean;
  defaultLocalAuthorityCode: string;
}

/**
 * How long the child's details of a notification that is never acknowledged are kept, in days after
 * police attended. The default, 90 days, is long enough for a notification sent as late as accepted
 * (ATTENDANCE_DAYS_BACK, 28 days) to be held over the summer holiday (up to about 6 weeks) and still
 * reach the school, and for the local authority to find the school and follow up with it; and short
 * enough that details a school never needed are not held for longer than a school term. A partnership
 * may set `notificationRetentionDays` from 70 (28 days plus 6 weeks) to 180; a value outside is held
 * to the nearest bound.
 */
export const NOTIFICATION_RETENTION_DAYS = { default: 90, min: 70, max: 180 } as const;

export function settingsFor(partnership: PartnershipConfig): Settings {
  const s = partnership.processes[PROCESS_ID]?.settings ?? {};
  const council = partnership.organisations.find((o) => o.kind === 'council' && o.localAuthorityCode);
  return {
    holdReleaseTime: typeof s.holdReleaseTime === 'string' ? s.holdReleaseTime : '07:00',
    retentionDays: typeof s.retentionDays === 'number' ? s.retentionDays : 30,
    notificationRetentionDays:
      typeof s.notificationRetentionDays === 'number' && Number.isFinite(s.notificationRetentionDays)
        ? Math.min(NOTIFICATION_RETENTION_DAYS.max, Math.max(NOTIFICATION_RETENTION_DAYS.min, Math.round(s.notificationRetentionDays)))
        : NOTIFICATION_RETENTION_DAYS.default,
    earlyYears: s.earlyYears === true,
    defaultLocalAuthorityCode: typeof s.defaultLocalAuthorityCode === 'string' ? s.defaultLocalAuthorityCode : (council?.localAuthorityCode ?? ''),
  };
}

/** The duty covers children from reception (the school year they turn 5) to 17. */
export function ageProblem(dateOfBirth: string, attendedDay: string, earlyYears: boolean): string | undefined {
  if (compareLocalDates(dateOfBirth, attendedDay) > 0) return 'is after police attended';
  const [y, m] = attendedDay.split('-').map(Number) as [number, number];
  const eighteenth = `${Number(dateOfBirth.slice(0, 4)) + 18}${dateOfBirth.slice(4)}`;
  if (compareLocalDates(eighteenth, attendedDay) <= 0) return 'the child is 18 or over: Operation Encompass covers children up to 17';
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
    return `must be from ${dayInWords(earliest)} (${ATTENDANCE_DAYS_BACK} days ago) to now: Operation Encompass notifications are sent soon after police attend`;
  }
  return undefined;
}

async function schoolContext(urn: string, lookups: ContextLookups) {
  if (!isUrn(urn)) return {};
  const school = await lookups.school(urn);
  return school ? { school } : {};
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

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

function deadlineText(change: Change): string {
  const clock = change.clock(KEY_ADULT_CLOCK);
  return clock ? formatLondon(new Date(clock.dueAt)) : '';
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
    if (error instanceof CalendarCoverageError) throw error.about(error.gap === 'termCalendar' ? fields.school : fields.date);
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
    change.addTimeline('held', `Held over the school holiday: ${school.name} has no holiday cover; released ${formatLondon(release)}`);
    return;
  }
  notifyKeyAdult(change);
}

/** Whether two entries keep the same school days (what a deadline is counted by). */
function sameSchoolDays(a: SchoolSnapshot, b: SchoolSnapshot): boolean {
  const days = (s: SchoolSnapshot) => JSON.stringify([s.termCalendarId, [...(s.extraInsetDays ?? [])].sort(), s.startOfDay, s.holidayCover]);
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
  const fresh = startClockState(change.clockDefinition(KEY_ADULT_CLOCK), { startedAt: new Date(d.attendedAt) }, change.calendars);
  // A new generation, so the timers of the old deadline are told apart from the new ones.
  change.replanClock({ ...fresh, generation: clock.generation + 1, history: clock.history });
  const due = new Date(fresh.dueAt);
  if (fresh.dueAt !== clock.dueAt) {
    change.addTimeline('deadlineMoved', `The school's days changed in the directory: to be acknowledged before ${formatLondon(due)} (was ${formatLondon(new Date(clock.dueAt))})`);
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
  change.message = d.heldUntil ? `Held for ${school.name} until ${formatLondon(new Date(d.heldUntil))}` : `${school.name} told; to be acknowledged before ${deadlineText(change)}`;
}

function notifyKeyAdult(change: Change) {
  const d = change.details;
  d.notifiedAt = change.event.occurredAt;
  delete d.heldUntil;
  change.record.stage = 'notified';
  change.notify(['keyAdult'], {
    subject: 'Operation Encompass notification for a pupil at {school}',
    body: 'A new Operation Encompass notification for a pupil at {school} is waiting. Sign in to read and acknowledge it before {deadline}: {link}',
  }, { school: d.school!.name, deadline: deadlineText(change) });
  change.addTimeline('notified', `${d.school!.name} told (Key Adult)`);
}

function open(change: Change) {
  const p = change.event.payload as z.infer<typeof policeNotification>;
  const settings = settingsFor(change.context.partnership);
  const attended = new Date(p.attendedAt);
  const attendance = attendanceProblem(attended, change.context.now);
  if (attendance) throw new RuleViolation('The time police attended is outside the range a notification accepts', [{ path: 'attendedAt', message: attendance }]);
  const problem = ageProblem(p.child.dateOfBirth, londonDateOf(attended), settings.earlyYears);
  if (problem) throw new RuleViolation('This child is outside the ages Operation Encompass covers', [{ path: 'child.dateOfBirth', message: problem }]);

  const school = schoolOf(change);
  const record = change.record;
  record.details = {
    forceIncidentReference: p.forceIncidentReference,
    attendedAt: attended.toISOString(),
    child: { name: p.child.name, dateOfBirth: p.child.dateOfBirth, present: p.child.present, welfareCheck: p.child.welfareCheck },
    policeContact: p.child.policeContact,
    schoolUrnGiven: p.child.schoolUrn,
    localAuthorityCode: school?.localAuthorityCode ?? settings.defaultLocalAuthorityCode,
    redirects: [],
    amendments: [],
    escalated: false,
    heldOverHoliday: false,
    ...(school ? { school } : {}),
  };
  record.openedAt = change.event.occurredAt;
  // Retention runs from the notification too, so details of one never acknowledged are not kept for ever.
  change.scheduleCaseTimer(NOTIFICATION_RETENTION, new Date(attended.getTime() + settings.notificationRetentionDays * 86_400_000));
  record.organisations = [...new Set([record.organisation, ...councilsFor(change.context.partnership, record.details.localAuthorityCode)])];
  change.addTimeline('received', `Police notification received (attended ${formatLondon(attended)})`);

  if (school) {
    tellSchoolNaming(change, new Date(change.event.occurredAt), { date: 'attendedAt', school: 'child.schoolUrn' });
    change.message = record.details.heldUntil ? `Held for ${school.name} until ${formatLondon(new Date(record.details.heldUntil))}` : `${school.name} told; to be acknowledged before ${deadlineText(change)}`;
  } else {
    record.stage = 'findingSchool';
    change.startClock(FIND_SCHOOL_CLOCK, { startedAt: new Date(change.event.occurredAt), ownerOrganisation: councilsFor(change.context.partnership, record.details.localAuthorityCode)[0] });
    change.notify(['laSafeguardingLead'], {
      subject: "Operation Encompass {caseCode}: please find the child's school",
      body: `Police have sent an Operation Encompass notification (case {caseCode}) for a child whose school ${p.child.schoolUrn === NOT_KNOWN ? 'they could not name' : `(URN ${p.child.schoolUrn}) is not in the directory`}. Please find the school within 1 working day and record it. ` + signIn,
    });
    change.message = 'School not known: sent to the local authority to find the school';
  }
}

function councilsFor(partnership: PartnershipConfig, laCode: string): string[] {
  return partnership.organisations.filter((o) => o.kind === 'council' && o.localAuthorityCode === laCode).map((o) => o.id);
}

function apply(change: Change) {
  const { type, payload } = change.event;
  const d = change.details;
  const now = new Date(change.event.occurredAt);
  if (d.detailsRemovedAt) throw new RuleViolation("This notification's details have been removed", [], 409);
  switch (type) {
    case 'acknowledged': {
      const p = payload as z.infer<typeof acknowledged>;
      if (d.acknowledgement) throw new RuleViolation(`Already acknowledged on ${formatLondon(new Date(d.acknowledgement.at))}`, [], 409);
      if (!d.school || (!d.heldUntil && !d.notifiedAt)) throw new RuleViolation('This notification has not been sent to a school yet', [], 409);
      // A Key Adult who can read a notification held over the holiday can acknowledge it: the release
      // (and the reminders after it) are then not needed.
      const wasHeld = !!d.heldUntil;
      if (wasHeld) {
        change.cancelTimers((t) => t.checkpointId.startsWith('release-'));
        delete d.heldUntil;
      }
      const clock = change.stopClock(KEY_ADULT_CLOCK, now);
      d.acknowledgement = { at: now.toISOString(), byUserId: change.event.actor.userId, ...(p.supportOffered !== undefined ? { supportOffered: p.supportOffered } : {}), beforeSchoolStart: clock.status === 'met' };
      change.record.stage = 'acknowledged';
      change.addTimeline('acknowledged', `Acknowledged by the school${wasHeld ? ' while held over the holiday' : ''}${p.supportOffered ? '; support offered' : ''}`);
      change.cancelTimers((t) => t.checkpointId === NOTIFICATION_RETENTION);
      const days = settingsFor(change.context.partnership).retentionDays;
      change.scheduleCaseTimer('retention', new Date(now.getTime() + days * 86_400_000));
      change.message = clock.status === 'met' ? 'Acknowledged before the school day started' : 'Acknowledged';
      return;
    }
    case 'schoolIdentified':
    case 'redirected': {
      const p = payload as { schoolUrn: string; reason?: string };
      const school = schoolOf(change);
      if (!school) throw new RuleViolation('That school is not in the directory', [{ path: 'schoolUrn', message: `no school ${p.schoolUrn} in the directory` }], 400);
      if (type === 'schoolIdentified') {
        if (d.school) throw new RuleViolation('The school is already known; to change it, redirect the notification', [], 409);
        const found = change.clock(FIND_SCHOOL_CLOCK);
        if (found && isOpen(found)) change.stopClock(FIND_SCHOOL_CLOCK, now);
        d.schoolFoundAfterWorkingDays = change.context.calendars.workingDays.workingDaysBetween(londonDateOf(new Date(change.record.openedAt)), londonDateOf(now));
        change.addTimeline('schoolFound', `School found: ${school.name}`);
      } else {
        if (!d.school) throw new RuleViolation('The school is not known yet; record it as found instead', [], 409);
        if (d.school.urn === school.urn) throw new RuleViolation('The notification is already with that school', [{ path: 'schoolUrn', message: 'is the current school' }], 409);
        if (d.acknowledgement) throw new RuleViolation('Already acknowledged by the school', [], 409);
        d.redirects.push({ at: now.toISOString(), fromUrn: d.school.urn, toUrn: school.urn, reason: p.reason ?? 'changedSchool' });
        const old = change.clock(KEY_ADULT_CLOCK);
        if (old && isOpen(old)) change.notApplicable(KEY_ADULT_CLOCK, now, 'redirected to another school');
        delete change.record.clocks[KEY_ADULT_CLOCK];
        change.cancelTimers((t) => t.checkpointId.startsWith('release-'));
        change.addTimeline('redirected', `Redirected to ${school.name} (${p.reason === 'wrongSchool' ? 'the school given was not the right one' : 'the child has changed school'}); the previous school no longer has access`);
      }
      d.school = school;
      d.localAuthorityCode = school.localAuthorityCode;
      change.record.organisations = [...new Set([...change.record.organisations, ...councilsFor(change.context.partnership, school.localAuthorityCode)])];
      tellSchoolNaming(change, now, { date: 'schoolUrn', school: 'schoolUrn' });
      change.message = d.heldUntil ? `Held for ${school.name} until ${formatLondon(new Date(d.heldUntil))}` : `${school.name} told; to be acknowledged before ${deadlineText(change)}`;
      return;
    }
    case 'schoolDetailsChanged': {
      const school = schoolOf(change);
      if (!school || !d.school || school.urn !== d.school.urn) throw new RuleViolation('This notification is not with that school', [], 409);
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
        extraInsetDays: [...school.extraInsetDays],
        startOfDay: school.startOfDay,
        holidayCover: school.holidayCover,
      } as SchoolSnapshot;
      change.addTimeline('schoolDetailsChanged', 'The school directory changed: reminders now go to the Key Adult and deputy it names');
      change.message = 'School contacts refreshed';
      if (!sameSchoolDays(before, school)) {
        try {
          moveDeadline(change, now);
        } catch (error) {
          if (error instanceof CalendarCoverageError) throw error.about('schoolUrn');
          throw error;
        }
      }
      return;
    }
    case 'amended': {
      const p = payload as z.infer<typeof amended>;
      if (p.child?.dateOfBirth) {
        const problem = ageProblem(p.child.dateOfBirth, londonDateOf(new Date(d.attendedAt)), settingsFor(change.context.partnership).earlyYears);
        if (problem) throw new RuleViolation('This child is outside the ages Operation Encompass covers', [{ path: 'child.dateOfBirth', message: problem }]);
      }
      const fields = [...Object.keys(p.child ?? {}).map((k) => `child.${k}`), ...(p.policeContact ? ['policeContact'] : [])];
      if (p.child && 'name' in d.child) d.child = { ...d.child, ...p.child };
      if (p.policeContact) d.policeContact = p.policeContact;
      d.amendments.push({ at: now.toISOString(), fields });
      change.addTimeline('amended', `Police corrected ${fields.join(', ')}`);
      change.message = `Corrected: ${fields.join(', ')}`;
      return;
    }
    case 'closedByAdministrator': {
      const p = payload as z.infer<typeof closedByAdministrator>;
      if (d.acknowledgement) throw new RuleViolation("Already acknowledged by the school; the child's details are removed after the retention period", [], 409);
      const actor = change.event.actor;
      d.administratorClosure = { at: now.toISOString(), byUserId: actor.userId, byRole: actor.role, reason: p.reason, ...(p.reasonText ? { reasonText: p.reasonText } : {}) };
      clearDetails(change);
      change.closeCase(`closed by an administrator (${administratorClosureWords[p.reason]}); the child's details were removed`, now);
      change.message = "Notification closed; the child's details were removed";
      return;
    }
    default:
      throw new RuleViolation(`Unknown event ${type}`);
  }
}

export const administratorClosureReasons = ['childLeftSchool', 'schoolNotKnown', 'other'] as const;
const administratorClosureWords: Record<(typeof administratorClosureReasons)[number], string> = {
  childLeftSchool: 'the child has left the school',
  schoolNotKnown: "the child's school is not known",
  other: 'other',
};
/**
 * An administrator (the local authority's, or the partnership's) closes a notification that cannot be
 * acknowledged, e.g. the child has left the school: its clock no longer applies, its timers are
 * cancelled and the child's details are removed at once. Audited as every applied event is.
 */
export const closedByAdministrator = z
  .strictObject({ reason: z.enum(administratorClosureReasons), reasonText: text({ max: 300, multiline: true }).optional() })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.reasonText) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: "is required when reason is 'other'" });
  });

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
  removeDetailsAtRetention(change, 'acknowledged; the child\'s details were removed after the retention period');
}

const mailbox = mailboxRecipient;

function recipients(role: string, record: CaseRecord<EncompassDetails>, partnership: PartnershipConfig): Recipient[] {
  const d = record.details;
  switch (role) {
    case 'keyAdult': {
      const contact = d.school?.keyAdult ?? d.school?.deputy;
      return contact ? [{ role, address: contact.email }] : recipients('laSafeguardingLead', record, partnership);
    }
    case 'deputy':
      return d.school?.deputy ? [{ role, address: d.school.deputy.email }] : [];
    case 'laSafeguardingLead':
      return mailbox(partnership, councilsFor(partnership, d.localAuthorityCode)[0], 'educationSafeguardingLead', role);
    case 'policeCoordinator':
      return mailbox(partnership, record.organisation, 'encompassCoordinator', role);
    default:
      return [];
  }
}

/** The child's name as the case key uses it: normalised as the schema does (NFC, trimmed), lower case, whether or not it was parsed yet. */
function keyName(name: string): string {
  const normal = normaliseText(name, { max: Number.MAX_SAFE_INTEGER });
  return (normal.ok ? normal.value : name.trim()).toLowerCase();
}

const isKeyAdultOf = (actor: Actor, record: CaseRecord<EncompassDetails>) =>
  actor.role === 'school-key-adult' && !!actor.schoolUrn && actor.schoolUrn === record.details.school?.urn;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const operationEncompass: ProcessDefinition<EncompassDetails> = {
  id: PROCESS_ID,
  title: 'Operation Encompass',
  casePrefix: 'OE',
  clocks,
  events: [
    { type: 'policeNotification', title: 'Police notification', schema: policeNotification, allowedRoles: ['police'], opensCase: true, contextFor: (p, lookups) => schoolContext(p.child.schoolUrn, lookups) },
    { type: 'acknowledged', title: 'Acknowledged by the school', schema: acknowledged, allowedRoles: ['school-key-adult'] },
    { type: 'schoolIdentified', title: 'School found', schema: schoolIdentified, allowedRoles: ['administrator'], contextFor: (p, lookups) => schoolContext(p.schoolUrn, lookups) },
    { type: 'redirected', title: 'Redirected to another school', schema: redirected, allowedRoles: ['administrator', 'police'], contextFor: (p, lookups) => schoolContext(p.schoolUrn, lookups) },
    { type: 'amended', title: 'Corrected by police', schema: amended, allowedRoles: ['police'] },
    { type: 'closedByAdministrator', title: 'Closed by an administrator', schema: closedByAdministrator, allowedRoles: ['administrator', 'partnership-administrator'] },
    { type: 'schoolDetailsChanged', title: 'School directory changed', schema: schoolDetailsChanged, allowedRoles: ['administrator', 'partnership-administrator'], contextFor: (p, lookups) => schoolContext(p.schoolUrn, lookups) },
  ],
  readerRoles: ['school-key-adult', 'police', 'administrator'],
  figureReaders: ['commissioner', 'partnership-administrator'],
  // The local authority's administrator keeps the queue of children whose school is not yet known.
  clockReaders: ['commissioner', 'partnership-administrator', 'administrator'],
  caseKeyOf: (payload: z.infer<typeof policeNotification>, org) =>
    `${org}|${String(payload?.forceIncidentReference ?? '').trim().toUpperCase()}|${keyName(String(payload?.child?.name ?? ''))}|${payload?.child?.dateOfBirth ?? ''}`,
  open: (change) => open(change),
  apply: (change) => apply(change),
  onCaseTimer(change, checkpointId) {
    if (checkpointId.startsWith('release-')) {
      if (change.details.school && change.details.heldUntil) notifyKeyAdult(change);
      return;
    }
    if (checkpointId === 'retention') removeDetails(change);
    if (checkpointId === NOTIFICATION_RETENTION && !change.details.acknowledgement && !change.details.detailsRemovedAt) {
      const days = Math.round((change.occurredAt.getTime() - new Date(change.details.attendedAt).getTime()) / 86_400_000);
      removeDetailsAtRetention(change, `the retention period of ${days} days from police attendance ended before the notification was acknowledged; the child's details were removed`);
    }
  },
  onCheckpoint(change, clockId, checkpointId) {
    if (clockId === KEY_ADULT_CLOCK && checkpointId === 'escalate') change.details.escalated = true;
  },
  conditions: {},
  recipients,
  messageVars: (record) => ({ school: record.details.school?.name ?? 'the school' }),
  calendarsFor(record, base) {
    return record.details?.school ? { ...base, school: schoolCalendarFor(record.details.school) } : base;
  },
  peopleIndexKey: (record) => (record.details?.school ? `SCHOOL#${record.details.school.urn}` : `LAQUEUE#${record.details?.localAuthorityCode ?? ''}`),
  canRead(actor, record) {
    if (actor.role === 'administrator') return record.organisations.includes(actor.organisation);
    if (actor.role === 'police') return actor.organisation === record.organisation;
    return isKeyAdultOf(actor, record) && !record.details.detailsRemovedAt;
  },
  canRecord(actor, record, type) {
    if (type === 'acknowledged') return isKeyAdultOf(actor, record);
    // The partnership administrator runs the school directory: its changes reach every open notification.
    if (type === 'schoolDetailsChanged' && actor.role === 'partnership-administrator') return true;
    if (type === 'closedByAdministrator') return actor.role === 'partnership-administrator' || (actor.role === 'administrator' && record.organisations.includes(actor.organisation));
    if (actor.role === 'police') return actor.organisation === record.organisation;
    return record.organisations.includes(actor.organisation);
  },
  viewFor(actor, record) {
    const d = record.details;
    const clock = record.clocks[KEY_ADULT_CLOCK];
    const status = d.administratorClosure || (record.status === 'closed' && !d.acknowledgement) ? 'closed' : d.acknowledgement ? 'acknowledged' : d.heldUntil ? 'heldOverHoliday' : d.school ? 'waiting' : 'findingSchool';
    if (actor.role === 'school-key-adult') {
      return { school: d.school?.name, child: d.child, policeAttendedAt: d.attendedAt, policeContact: d.policeContact, deadline: clock?.dueAt ?? null, status, acknowledgement: d.acknowledgement ? { at: d.acknowledgement.at, supportOffered: d.acknowledgement.supportOffered ?? null } : null };
    }
    if (actor.role === 'police') {
      // Police see the status of their notification, never the school's notes.
      return { forceIncidentReference: d.forceIncidentReference, child: d.child, schoolUrn: d.school?.urn ?? null, deadline: clock?.dueAt ?? null, status, acknowledgedAt: d.acknowledgement?.at ?? null };
    }
    return d;
  },
  submission: {
    title: 'Police notification of an incident',
    schema: policeSubmission,
    allowedRoles: ['police'],
    split: (s: z.infer<typeof policeSubmission>) => s.children.map((child) => ({ forceIncidentReference: s.forceIncidentReference, attendedAt: s.attendedAt, child })),
  },
  commissionerView(record) {
    const d = record.details;
    const clock = record.clocks[KEY_ADULT_CLOCK];
    return {
      caseCode: record.caseCode,
      schoolUrn: d.school?.urn ?? null,
      localAuthorityCode: d.localAuthorityCode,
      month: d.attendedAt.slice(0, 7),
      status: record.stage,
      deadline: clock?.dueAt ?? null,
      acknowledgedBeforeSchoolStart: d.acknowledgement?.beforeSchoolStart ?? null,
      minutesToAcknowledge: d.acknowledgement && d.notifiedAt ? Math.round((new Date(d.acknowledgement.at).getTime() - new Date(d.notifiedAt).getTime()) / 60000) : null,
      escalated: d.escalated,
      heldOverHoliday: d.heldOverHoliday,
      workingDaysToFindSchool: d.schoolFoundAfterWorkingDays ?? null,
    };
  },
  figures(records) {
    // Every figure here is broken down below the partnership (by school or local authority, and month),
    // so small numbers are suppressed: 1 to 4 as 'fewer than 5', and a second cell withheld where a total
    // would reveal one. The schools of one authority in one month add up to its row; the authority rows
    // add up to the partnership's count of cases.
    type Row = { month: string; localAuthorityCode: string; id: string; notifications: number; acknowledgedBeforeSchoolStart: number; acknowledged: number; minutes: number[]; escalations: number; heldOverHoliday: number; unknownSchools: number; daysToFind: number[] };
    const groups = { bySchool: new Map<string, Row>(), byLocalAuthority: new Map<string, Row>() };
    const row = (m: Map<string, Row>, month: string, localAuthorityCode: string, id: string) => {
      const k = `${month}|${localAuthorityCode}|${id}`;
      let r = m.get(k);
      if (!r) m.set(k, (r = { month, localAuthorityCode, id, notifications: 0, acknowledgedBeforeSchoolStart: 0, acknowledged: 0, minutes: [], escalations: 0, heldOverHoliday: 0, unknownSchools: 0, daysToFind: [] }));
      return r;
    };
    for (const r of records) {
      const d = r.details;
      const month = d.attendedAt.slice(0, 7);
      for (const target of [row(groups.bySchool, month, d.localAuthorityCode, d.school?.urn ?? 'not yet found'), row(groups.byLocalAuthority, month, d.localAuthorityCode, d.localAuthorityCode)]) {
        target.notifications++;
        if (d.acknowledgement) {
          target.acknowledged++;
          if (d.acknowledgement.beforeSchoolStart) target.acknowledgedBeforeSchoolStart++;
          if (d.notifiedAt) target.minutes.push((new Date(d.acknowledgement.at).getTime() - new Date(d.notifiedAt).getTime()) / 60000);
        }
        if (d.escalated) target.escalations++;
        if (d.heldOverHoliday) target.heldOverHoliday++;
        if (d.schoolUrnGiven === NOT_KNOWN || d.schoolFoundAfterWorkingDays !== undefined) target.unknownSchools++;
        if (d.schoolFoundAfterWorkingDays !== undefined) target.daysToFind.push(d.schoolFoundAfterWorkingDays);
      }
    }
    const table = (m: Map<string, Row>, groupOf: (r: Row) => string, withSchool: boolean) => {
      const rows = [...m.values()].sort((a, b) => `${a.month}|${a.localAuthorityCode}|${a.id}`.localeCompare(`${b.month}|${b.localAuthorityCode}|${b.id}`));
      const shown = suppressColumns(
        rows.map((r) => ({ group: groupOf(r), notifications: r.notifications, escalations: r.escalations, heldOverHolidays: r.heldOverHoliday, unknownSchools: r.unknownSchools })),
        ['notifications', 'escalations', 'heldOverHolidays', 'unknownSchools'],
        (c) => c.group,
      );
      return rows.map((r, i) => ({
        month: r.month,
        ...(withSchool ? { schoolUrn: r.id } : {}),
        localAuthorityCode: r.localAuthorityCode,
        notifications: shown[i]!.notifications,
        shareAcknowledgedBeforeSchoolStart: suppressShare(r.acknowledgedBeforeSchoolStart, r.notifications, shown[i]!.notifications),
        medianMinutesToAcknowledge: suppressMedian(r.minutes, (v) => median([...v])),
        escalations: shown[i]!.escalations,
        heldOverHolidays: shown[i]!.heldOverHolidays,
        unknownSchools: shown[i]!.unknownSchools,
        medianWorkingDaysToFindSchool: suppressMedian(r.daysToFind, (v) => median([...v])),
      }));
    };
    return {
      bySchool: table(groups.bySchool, (r) => `${r.month}|${r.localAuthorityCode}`, true),
      byLocalAuthority: table(groups.byLocalAuthority, () => 'partnership', false),
      // One row per case, without its school: with the school and the month, a row could point to a child.
      caseFigures: records.map((r) => {
        const { schoolUrn: _school, ...view } = operationEncompass.commissionerView(r) as { schoolUrn?: unknown };
        return view;
      }),
    };
  },
};
