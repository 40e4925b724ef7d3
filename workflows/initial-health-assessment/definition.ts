/**
 * Initial health assessment (IHA) for a child entering care, and the review health assessments after it.
 *
 * Sources:
 * - Promoting the health and well-being of looked-after children, statutory guidance (DfE/DHSC, 2015):
 *   the IHA should happen, and the health plan be ready, in time for the child's first review, i.e.
 *   within 20 working days of entering care; reviews every 6 months under age 5, every 12 months from 5.
 * - The Care Planning, Placement and Case Review (England) Regulations 2010 (regulation 7).
 * - The 5-working-day request from council to health is a local target (configurable), owned by the
 *   council: it skips the council's closure days. The statutory clocks count working days in England
 *   only (weekends and bank holidays), whatever any organisation's closure days.
 */
import * as z from 'zod';
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
import { workingDaysOf } from '#core/clocks/engine';
import type { ClockDefinition } from '#core/clocks/model';
import { isOpen } from '#core/clocks/model';
import type { CaseChange } from '#core/process/change';
import { RuleViolation, type ProcessDefinition, type Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { mailboxRecipient, organisation, type PartnershipConfig } from '#core/partnership/config';
import { dateOfBirth, dateOutside, instantOutside, person, personName, recordDate, recordInstant, reference, text, type DateLimit } from '#core/schema/index';

export const PROCESS_ID = 'initial-health-assessment';

// ---------------------------------------------------------------------------------------------
// Clocks
// ---------------------------------------------------------------------------------------------

export const REQUEST_CLOCK = 'request-to-health';
export const ASSESSMENT_CLOCK = 'initial-health-assessment';
export const REVIEW_CLOCK = 'review-health-assessment';

const signIn = 'Sign in to RightTime to see the case and record what has happened: {link}';

export const clocks: ClockDefinition[] = [
  {
    id: REQUEST_CLOCK,
    title: 'Request for the initial health assessment',
    kind: 'workingDays',
    length: 5,
    source: { kind: 'localTarget', citation: 'Partnership local target: the council asks health within 5 working days of the child entering care' },
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'request-reminder',
        kind: 'warning',
        at: { after: 3 },
        recipients: ['socialWorker', 'socialWorkManager'],
        message: {
          subject: 'Health assessment request due by {due} for case {caseCode}',
          body: 'The request to health for the initial health assessment of case {caseCode} has not been recorded yet. It is due by {due}. Please send the request, with signed consent if you have it, and record it. ' + signIn,
        },
      },
      {
        id: 'request-due',
        kind: 'due',
        at: { due: true },
        recipients: ['socialWorker', 'socialWorkManager'],
        message: {
          subject: 'Health assessment request for case {caseCode} is now overdue',
          body: 'The request to health for case {caseCode} was due by {due} and has not been recorded. Sending it today gives health the most time to see the child before the statutory deadline. ' + signIn,
        },
      },
    ],
  },
  {
    id: ASSESSMENT_CLOCK,
    title: 'Initial health assessment',
    kind: 'workingDays',
    length: 20,
    source: {
      kind: 'statutory',
      citation:
        'Promoting the health and well-being of looked-after children, statutory guidance (2015); Care Planning, Placement and Case Review (England) Regulations 2010: within 20 working days of entering care',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'appointment-check',
        kind: 'warning',
        at: { after: 10 },
        unlessCase: 'appointmentBooked',
        recipients: ['assessmentTeam'],
        message: {
          subject: 'No appointment yet for initial health assessment {caseCode}',
          body: 'No appointment has been recorded for the initial health assessment of case {caseCode}, which is due by {due}. Please book one and record it. ' + signIn,
        },
      },
      {
        id: 'completion-reminder',
        kind: 'warning',
        at: { after: 15 },
        recipients: ['assessmentTeam', 'designatedNurse'],
        message: {
          subject: 'Initial health assessment {caseCode} due by {due}',
          body: 'The initial health assessment for case {caseCode} is due by {due} and has not been recorded as completed. ' + signIn,
        },
      },
      {
        id: 'assessment-due',
        kind: 'due',
        at: { due: true },
        recipients: ['designatedNurse', 'assessmentTeamManager', 'childrenInCareManager'],
        message: {
          subject: 'Initial health assessment {caseCode} was due by {due}',
          body: 'The initial health assessment for case {caseCode} was due by {due} and has not been recorded as completed. Please agree together what will help the child be seen soon, and record the reason for the delay when the assessment is done. ' + signIn,
        },
      },
      {
        id: 'escalation',
        kind: 'escalation',
        at: { after: 25 },
        recipients: ['icbCommissioner', 'headOfService'],
        message: {
          subject: 'Escalation: initial health assessment {caseCode} still to be completed',
          body: 'The initial health assessment for case {caseCode} was due by {due} and is still to be completed five working days later. The designated nurse and the children in care manager have been told. ' + signIn,
        },
      },
    ],
  },
  {
    id: REVIEW_CLOCK,
    title: 'Review health assessment',
    kind: 'calendarDate',
    length: 0,
    source: {
      kind: 'statutory',
      citation: 'Promoting the health and well-being of looked-after children (2015): every 6 months before the child is 5, every 12 months from 5',
    },
    owner: 'healthProvider',
    pausable: false,
    checkpoints: [
      {
        id: 'review-reminder',
        kind: 'warning',
        at: { beforeDueDays: 28 },
        recipients: ['assessmentTeam', 'socialWorker'],
        message: {
          subject: 'Review health assessment {caseCode} due by {due}',
          body: 'The review health assessment for case {caseCode} is due by {due}, in four weeks. Please book it. ' + signIn,
        },
      },
      {
        id: 'review-due',
        kind: 'due',
        at: { due: true },
        recipients: ['assessmentTeam', 'designatedNurse', 'socialWorker'],
        message: {
          subject: 'Review health assessment {caseCode} was due by {due}',
          body: 'The review health assessment for case {caseCode} was due by {due} and has not been recorded as completed. ' + signIn,
        },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Events (payload schemas are strict: an unknown field is refused, never stored)
// ---------------------------------------------------------------------------------------------

// Dates, instants, names, people and references come from core/schema: a date is a real date inside a
// broad window (a date of birth from 1990, anything else from 2000, nothing after 2099); the rules below
// narrow each one to the range that makes sense for the case, naming it.
const orgId = z.string().regex(/^[a-z0-9-]+$/, 'must be an organisation id from the partnership directory');
const practitioner = z.strictObject({ name: personName, role: text({ max: 80 }).optional() });

/** NHS numbers are 10 digits with a modulus 11 check digit. */
export function isNhsNumber(value: string): boolean {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

export const legalBases = ['section20', 'interimCareOrder', 'emergencyProtectionOrder', 'policeProtection', 'remand', 'other'] as const;
export const leavingCareReasons = ['returnedToFamily', 'specialGuardianship', 'childArrangementsOrder', 'adoption', 'careTransferredToAnotherAuthority', 'other'] as const;

export const childEnteredCare = z
  .strictObject({
    caseReference: reference,
    child: z.strictObject({
      name: personName,
      dateOfBirth,
      nhsNumber: z.string().refine(isNhsNumber, 'must be a valid 10-digit NHS number').optional(),
    }),
    enteredCareAt: recordInstant,
    legalBasis: z.enum(legalBases),
    legalBasisOther: text({ max: 200 }).optional(),
    placement: z.strictObject({ area: z.enum(['inArea', 'outOfArea']), icb: orgId }),
    healthProvider: orgId,
    icb: orgId,
    socialWorker: person,
    socialWorkManager: person,
  })
  .superRefine((v, ctx) => {
    if (v.legalBasis === 'other' && !v.legalBasisOther) ctx.addIssue({ code: 'custom', path: ['legalBasisOther'], message: "is required when legalBasis is 'other'" });
    if (v.legalBasis !== 'other' && v.legalBasisOther) ctx.addIssue({ code: 'custom', path: ['legalBasisOther'], message: "is only for legalBasis 'other'" });
  });

export const requestSentToHealth = z.strictObject({ sentAt: recordInstant, consentIncluded: z.boolean() });
export const appointmentBooked = z.strictObject({ appointmentOn: recordDate });
export const delayReason = z.strictObject({ code: z.string().min(1), text: text({ max: 500, multiline: true }).optional() });
export const assessmentCompleted = z.strictObject({
  completedOn: recordDate,
  practitioner,
  healthPlanShared: z.literal(true, { message: 'the health plan must be shared to complete the assessment' }),
  delayReason: delayReason.optional(),
});
export const reviewAssessmentCompleted = z.strictObject({
  completedOn: recordDate,
  practitioner,
});
export const placementMoved = z.strictObject({
  movedOn: recordDate,
  area: z.enum(['inArea', 'outOfArea']),
  icb: orgId,
});
export const childLeftCare = z
  .strictObject({ leftOn: recordDate, reason: z.enum(leavingCareReasons), reasonText: text({ max: 300, multiline: true }).optional() })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.reasonText) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: "is required when reason is 'other'" });
  });

export type ChildEnteredCare = z.infer<typeof childEnteredCare>;

// ---------------------------------------------------------------------------------------------
// Case details
// ---------------------------------------------------------------------------------------------

export interface IhaDetails {
  caseReference: string;
  child: { name: string; dateOfBirth: string; nhsNumber?: string };
  enteredCareAt: string;
  legalBasis: (typeof legalBases)[number];
  legalBasisOther?: string;
  placement: { area: 'inArea' | 'outOfArea'; icb: string };
  healthProvider: string;
  icb: string;
  socialWorker: { name: string; email: string };
  socialWorkManager: { name: string; email: string };
  request?: { sentAt: string; consentIncluded: boolean; workingDaysAfterEntry: number };
  appointment?: { on: string; recordedAt: string; afterDueDate: boolean };
  assessment?: {
    completedOn: string;
    practitioner: { name: string; role?: string };
    healthPlanShared: true;
    onTime: boolean;
    delayReason?: { code: string; label: string; text?: string };
    /** Working days spent in each part of the journey, so commissioners see where delay sits. */
    segments: { councilRequest: number | null; health: number | null; total: number };
  };
  reviews: { clockId: string; dueOn: string; completedOn?: string }[];
  placementMoves: { movedOn: string; fromIcb: string; toIcb: string }[];
  leftCare?: { on: string; reason: string; reasonText?: string };
}

export const defaultDelayReasons: Record<string, string> = {
  requestLate: 'Request to health sent late',
  consentNotReceived: 'Consent not received',
  notBroughtToAppointment: 'Child not brought to the appointment',
  placementMoved: 'Placement moved',
  healthCapacity: 'Health capacity',
  other: 'Other',
};

export function delayReasonsFor(partnership: PartnershipConfig): Record<string, string> {
  return partnership.processes[PROCESS_ID]?.delayReasons ?? defaultDelayReasons;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

type Change = CaseChange<IhaDetails>;

function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The review cycle: every 6 months before the fifth birthday, every 12 months from it. */
export function nextReviewDue(dateOfBirth: string, lastAssessmentOn: string): string {
  return addCalendarMonths(lastAssessmentOn, ageOn(dateOfBirth, lastAssessmentOn) < 5 ? 6 : 12);
}

function eighteenthBirthday(dateOfBirth: string): string {
  return addCalendarMonths(dateOfBirth, 18 * 12);
}

function requireDirectoryOrg(partnership: PartnershipConfig, id: string, path: string, kind: string) {
  const org = organisation(partnership, id);
  if (!org || org.kind !== kind) throw new RuleViolation('Unknown organisation', [{ path, message: `no ${kind} '${id}' in the partnership directory` }]);
  return org;
}

/** How far back a new record may say the child entered care, and how far ahead an appointment may be. */
export const ENTRY_MONTHS_BACK = 12;
export const APPOINTMENT_MONTHS_AHEAD = 12;

const todayLimit = (change: Change): DateLimit => ({ day: londonDateOf(change.context.now), as: 'today' });
const entryLimit = (change: Change): DateLimit => ({ day: londonDateOf(new Date(change.details.enteredCareAt)), as: 'the day the child entered care' });

/** Refuse a date outside [from, to], naming the field and the range accepted. */
function requireDateWithin(path: string, day: string, limits: { from?: DateLimit; to?: DateLimit }) {
  const problem = dateOutside(day, limits);
  if (problem) throw new RuleViolation('A date is outside the range this record accepts', [{ path, message: problem }]);
}

/** The last health assessment done (the initial one or a review): a review is not recorded before it. */
function lastAssessmentLimit(change: Change): DateLimit {
  const d = change.details;
  const done = [d.assessment?.completedOn, ...d.reviews.map((r) => r.completedOn)].filter((x): x is string => !!x).sort();
  return done.length ? { day: done.at(-1)!, as: 'the last health assessment' } : entryLimit(change);
}

/**
 * The date field a calendar gap in each event is about: when a calendar does not reach it, the refusal
 * (400, dateOutsideCalendar) names that field. Opening a case counts from when the child entered care.
 */
const calendarFieldOf: Record<string, string> = {
  childEnteredCare: 'enteredCareAt',
  requestSentToHealth: 'sentAt',
  assessmentCompleted: 'completedOn',
  reviewAssessmentCompleted: 'completedOn',
  placementMoved: 'movedOn',
  childLeftCare: 'leftOn',
};

function withCalendarField(change: Change, act: () => void) {
  const field = calendarFieldOf[change.event.type];
  if (field) aboutField(field, act);
  else act();
}

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
  change.startClock(REVIEW_CLOCK, { id: clockId, startedAt: endOfLondonDay(lastAssessmentOn), dueAt: endOfLondonDay(dueOn), ownerOrganisation: ownerOrganisation(change, REVIEW_CLOCK) });
  d.reviews.push({ clockId, dueOn });
  change.record.stage = 'reviews';
}

function open(change: Change) {
  const p = change.event.payload as ChildEnteredCare;
  const { partnership, now } = change.context;
  const enteredCareAt = new Date(p.enteredCareAt);
  const issues: { path: string; message: string }[] = [];
  const entryDay = londonDateOf(enteredCareAt);
  if (enteredCareAt.getTime() > now.getTime()) issues.push({ path: 'enteredCareAt', message: 'cannot be in the future' });
  else {
    const earliest = addCalendarMonths(londonDateOf(now), -ENTRY_MONTHS_BACK);
    const tooLongAgo = dateOutside(entryDay, { from: { day: earliest, as: 'a year ago' } });
    if (tooLongAgo) issues.push({ path: 'enteredCareAt', message: `${tooLongAgo}: a new record is for a child who entered care in the last year` });
  }
  // The date of birth is judged against the day the child entered care, once that day is accepted.
  if (issues.length) throw new RuleViolation('The record of the child entering care is not valid', issues);
  if (compareLocalDates(p.child.dateOfBirth, entryDay) > 0) issues.push({ path: 'child.dateOfBirth', message: 'must be on or before the day the child entered care' });
  else if (ageOn(p.child.dateOfBirth, entryDay) >= 18) issues.push({ path: 'child.dateOfBirth', message: 'the child must be under 18 on entering care' });
  if (issues.length) throw new RuleViolation('The record of the child entering care is not valid', issues);
  requireDirectoryOrg(partnership, p.healthProvider, 'healthProvider', 'healthProvider');
  requireDirectoryOrg(partnership, p.icb, 'icb', 'icb');
  requireDirectoryOrg(partnership, p.placement.icb, 'placement.icb', 'icb');

  const record = change.record;
  record.details = { ...p, reviews: [], placementMoves: [] } as IhaDetails;
  record.organisations = [...new Set([record.organisation, p.healthProvider, p.icb, p.placement.icb])];
  record.leadPractitionerEmail = p.socialWorker.email;
  record.openedAt = enteredCareAt.toISOString();
  record.stage = 'awaitingRequest';
  change.addTimeline('enteredCare', `Child entered care (${p.legalBasis}); placement ${p.placement.area === 'inArea' ? 'in area' : 'out of area'}`);
  const assessment = change.startClock(ASSESSMENT_CLOCK, { startedAt: enteredCareAt, ownerOrganisation: ownerOrganisation(change, ASSESSMENT_CLOCK) });
  change.startClock(REQUEST_CLOCK, { startedAt: enteredCareAt, ownerOrganisation: ownerOrganisation(change, REQUEST_CLOCK) });
  change.scheduleCaseTimer('adulthood', startOfLondonDay(eighteenthBirthday(p.child.dateOfBirth)));
  change.notify(['assessmentTeam', 'designatedNurse'], {
    subject: 'A child has entered care: initial health assessment {caseCode} due by {due}',
    body: 'A child has entered care and will need an initial health assessment (case {caseCode}), due by {due}. The council will send the request and consent. ' + signIn,
  }, { due: formatLondon(new Date(assessment.dueAt)) });
  change.message = `Child entered care: case ${record.caseCode} opened; initial health assessment due by ${formatLondon(new Date(assessment.dueAt))}`;
}

function apply(change: Change) {
  const { type, payload } = change.event;
  const d = change.details;
  const { partnership } = change.context;
  switch (type) {
    case 'requestSentToHealth': {
      const p = payload as z.infer<typeof requestSentToHealth>;
      const sentAt = new Date(p.sentAt);
      const outside = instantOutside(sentAt, { from: { at: new Date(d.enteredCareAt), as: 'when the child entered care' }, to: { at: change.context.now, as: 'now' } });
      if (outside) throw new RuleViolation('The request is dated outside the range this record accepts', [{ path: 'sentAt', message: outside }]);
      if (d.request) throw new RuleViolation(`The request to health was already recorded as sent on ${formatLondon(new Date(d.request.sentAt))}`, [], 409);
      const clock = change.stopClock(REQUEST_CLOCK, sentAt);
      d.request = {
        sentAt: sentAt.toISOString(),
        consentIncluded: p.consentIncluded,
        // counted as the council's local target counts: its own closure days are not working days
        workingDaysAfterEntry: workingDaysOf(clock, change.calendars).workingDaysBetween(londonDateOf(new Date(d.enteredCareAt)), londonDateOf(sentAt)),
      };
      if (change.record.stage === 'awaitingRequest') change.record.stage = 'awaitingAppointment';
      change.addTimeline('requestSent', `Request sent to health${p.consentIncluded ? ' with signed consent' : '; consent to follow'}`);
      change.message = `Request to health recorded (${clock.status === 'met' ? 'on time' : 'after the local target'})`;
      return;
    }
    case 'appointmentBooked': {
      const p = payload as z.infer<typeof appointmentBooked>;
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
        change.notify(['assessmentTeam', 'designatedNurse', 'socialWorker'], {
          subject: 'Appointment for {caseCode} is after the assessment is due',
          body: 'The appointment booked for case {caseCode} on {appointment} is after the initial health assessment is due ({due}). Please see whether an earlier appointment can be found. ' + signIn,
        }, { appointment: formatLondonDate(p.appointmentOn), due: formatLondon(new Date(clock.dueAt)) });
        change.addTimeline('appointmentAfterDue', 'The appointment is after the due date; the team, the designated nurse and the social worker were told');
      }
      change.message = afterDueDate ? 'Appointment recorded; it is after the due date, so the team has been told' : 'Appointment recorded';
      return;
    }
    case 'assessmentCompleted': {
      const p = payload as z.infer<typeof assessmentCompleted>;
      requireDateWithin('completedOn', p.completedOn, { from: entryLimit(change), to: todayLimit(change) });
      const clock = change.requireOpenClock(ASSESSMENT_CLOCK, 'Complete assessment');
      const reasons = delayReasonsFor(partnership);
      const onTime = endOfLondonDay(p.completedOn).getTime() <= new Date(clock.dueAt).getTime();
      if (!onTime && !p.delayReason) {
        throw new RuleViolation(`The assessment was completed after it was due (${formatLondon(new Date(clock.dueAt))}), so a reason for the delay is needed`, [
          { path: 'delayReason', message: `is required when the assessment is completed after it was due; code is one of ${Object.keys(reasons).join(', ')}` },
        ]);
      }
      if (p.delayReason) {
        if (!(p.delayReason.code in reasons)) throw new RuleViolation('Unknown delay reason', [{ path: 'delayReason.code', message: `must be one of ${Object.keys(reasons).join(', ')}` }]);
        if (p.delayReason.code === 'other' && !p.delayReason.text) throw new RuleViolation('Delay reason needs a few words', [{ path: 'delayReason.text', message: "is required when the code is 'other'" }]);
      }
      // Counted as the statutory clock counts (working days in England), so the parts add up to its total.
      const wd = workingDaysOf(clock, change.calendars);
      const entryDay = londonDateOf(new Date(d.enteredCareAt));
      const requestDay = d.request ? londonDateOf(new Date(d.request.sentAt)) : undefined;
      const stopAt = new Date(Math.min(endOfLondonDay(p.completedOn).getTime(), new Date(change.event.recordedAt).getTime()));
      change.stopClock(ASSESSMENT_CLOCK, stopAt, p.delayReason ? reasons[p.delayReason.code] : undefined);
      if (change.clock(REQUEST_CLOCK) && isOpen(change.clock(REQUEST_CLOCK)!)) {
        change.notApplicable(REQUEST_CLOCK, stopAt, 'the assessment was completed before a request was recorded');
      }
      d.assessment = {
        completedOn: p.completedOn,
        practitioner: p.practitioner,
        healthPlanShared: true,
        onTime,
        ...(p.delayReason ? { delayReason: { code: p.delayReason.code, label: reasons[p.delayReason.code]!, ...(p.delayReason.text ? { text: p.delayReason.text } : {}) } } : {}),
        segments: {
          councilRequest: requestDay ? wd.workingDaysBetween(entryDay, requestDay) : null,
          health: requestDay ? wd.workingDaysBetween(requestDay, p.completedOn) : null,
          total: wd.workingDaysBetween(entryDay, p.completedOn),
        },
      };
      change.record.stage = 'assessed';
      change.addTimeline('assessmentCompleted', `Initial health assessment completed on ${formatLondonDate(p.completedOn)}; health plan shared${onTime ? '' : ` (after the due date: ${reasons[p.delayReason!.code]})`}`);
      scheduleReview(change, p.completedOn);
      change.message = onTime ? 'Initial health assessment recorded as completed on time' : 'Initial health assessment recorded as completed after the due date, with the reason';
      return;
    }
    case 'reviewAssessmentCompleted': {
      const p = payload as z.infer<typeof reviewAssessmentCompleted>;
      requireDateWithin('completedOn', p.completedOn, { from: lastAssessmentLimit(change), to: todayLimit(change) });
      const review = d.reviews.find((r) => !r.completedOn);
      if (!review) throw new RuleViolation('No review health assessment is due for this case yet', [], 409);
      const stopAt = new Date(Math.min(endOfLondonDay(p.completedOn).getTime(), new Date(change.event.recordedAt).getTime()));
      change.stopClock(review.clockId, stopAt);
      review.completedOn = p.completedOn;
      change.addTimeline('reviewCompleted', `Review health assessment completed on ${formatLondonDate(p.completedOn)}`);
      scheduleReview(change, p.completedOn);
      change.message = 'Review health assessment recorded';
      return;
    }
    case 'placementMoved': {
      const p = payload as z.infer<typeof placementMoved>;
      requireDateWithin('movedOn', p.movedOn, { from: entryLimit(change), to: todayLimit(change) });
      const newIcb = requireDirectoryOrg(partnership, p.icb, 'icb', 'icb');
      const fromIcb = d.placement.icb;
      d.placement = { area: p.area, icb: p.icb };
      change.addTimeline('placementMoved', `Placement moved (${p.area === 'inArea' ? 'in area' : 'out of area'})`);
      if (fromIcb !== p.icb) {
        d.placementMoves.push({ movedOn: p.movedOn, fromIcb, toIcb: p.icb });
        change.record.organisations = [...new Set([...change.record.organisations, p.icb])];
        const open = Object.values(change.record.clocks).find((c) => isOpen(c) && c.definitionId !== REQUEST_CLOCK);
        change.notify(['newPlacementIcb'], {
          subject: 'A child in care has moved into your area: case {caseCode}',
          body: 'A child in care (case {caseCode}) has moved to a placement in your area. {what} ' + signIn,
        }, { what: open ? `Their ${open.title.toLowerCase()} is due by ${formatLondon(new Date(open.dueAt))}; the clock continues.` : 'Their health assessments are up to date.' });
        change.addTimeline('icbTold', `${newIcb.name} told of the move`);
      }
      change.message = 'Placement move recorded; the clocks continue';
      return;
    }
    case 'childLeftCare': {
      const p = payload as z.infer<typeof childLeftCare>;
      requireDateWithin('leftOn', p.leftOn, { from: entryLimit(change), to: todayLimit(change) });
      d.leftCare = { on: p.leftOn, reason: p.reason, ...(p.reasonText ? { reasonText: p.reasonText } : {}) };
      change.closeCase(`left care (${leavingCareWords[p.reason]})`, endOfLondonDay(p.leftOn) < new Date(change.event.recordedAt) ? endOfLondonDay(p.leftOn) : new Date(change.event.recordedAt));
      change.message = 'Leaving care recorded; the clocks have stopped as no longer applicable';
      return;
    }
    default:
      throw new RuleViolation(`Unknown event ${type}`);
  }
}

const leavingCareWords: Record<(typeof leavingCareReasons)[number], string> = {
  returnedToFamily: 'returned to family',
  specialGuardianship: 'special guardianship',
  childArrangementsOrder: 'child arrangements order',
  adoption: 'adoption',
  careTransferredToAnotherAuthority: 'care transferred to another local authority',
  other: 'other',
};

const mailbox = mailboxRecipient;

function recipients(role: string, record: CaseRecord<IhaDetails>, partnership: PartnershipConfig): Recipient[] {
  const d = record.details;
  switch (role) {
    case 'socialWorker':
      return [{ role, address: d.socialWorker.email }];
    case 'socialWorkManager':
      return [{ role, address: d.socialWorkManager.email }];
    case 'assessmentTeam':
    case 'assessmentTeamManager':
      return mailbox(partnership, d.healthProvider, role);
    case 'designatedNurse':
      return [...new Set([d.icb, d.placement.icb])].flatMap((icb) => mailbox(partnership, icb, 'designatedNurse'));
    case 'newPlacementIcb':
      return mailbox(partnership, d.placement.icb, 'designatedNurse', role);
    case 'icbCommissioner':
      return mailbox(partnership, d.icb, 'commissioner', role);
    case 'childrenInCareManager':
    case 'headOfService':
      return mailbox(partnership, record.organisation, role);
    default:
      return [];
  }
}

export const initialHealthAssessment: ProcessDefinition<IhaDetails> = {
  id: PROCESS_ID,
  title: 'Initial health assessment',
  casePrefix: 'IHA',
  clocks,
  events: [
    { type: 'childEnteredCare', title: 'Child entered care', schema: childEnteredCare, allowedRoles: ['front-door', 'lead-practitioner'], opensCase: true },
    { type: 'requestSentToHealth', title: 'Request sent to health', schema: requestSentToHealth, allowedRoles: ['front-door', 'lead-practitioner'] },
    { type: 'appointmentBooked', title: 'Appointment booked', schema: appointmentBooked, allowedRoles: ['health'] },
    { type: 'assessmentCompleted', title: 'Assessment completed', schema: assessmentCompleted, allowedRoles: ['health'] },
    { type: 'reviewAssessmentCompleted', title: 'Review health assessment completed', schema: reviewAssessmentCompleted, allowedRoles: ['health'] },
    { type: 'placementMoved', title: 'Placement moved', schema: placementMoved, allowedRoles: ['front-door', 'lead-practitioner'] },
    { type: 'childLeftCare', title: 'Child left care', schema: childLeftCare, allowedRoles: ['front-door', 'lead-practitioner'] },
  ],
  readerRoles: ['front-door', 'lead-practitioner', 'health', 'designated-nurse', 'administrator'],
  figureReaders: ['commissioner', 'partnership-administrator', 'designated-nurse'],
  clockReaders: ['commissioner', 'partnership-administrator', 'administrator', 'designated-nurse', 'health', 'lead-practitioner', 'front-door'],
  caseKeyOf: (payload: ChildEnteredCare, actorOrganisation) => `${actorOrganisation}|${String(payload?.caseReference ?? '').trim().toUpperCase()}`,
  open: (change) => withCalendarField(change, () => open(change)),
  apply: (change) => withCalendarField(change, () => apply(change)),
  onCaseTimer(change, checkpointId) {
    if (checkpointId === 'adulthood') {
      change.closeCase('the young person turned 18; support continues through leaving care services', change.occurredAt);
    }
  },
  conditions: {
    appointmentBooked: (record) => Boolean(record.details.appointment),
  },
  recipients,
  commissionerView(record) {
    const d = record.details;
    return {
      caseCode: record.caseCode,
      stage: record.stage,
      status: record.status,
      enteredCareMonth: d.enteredCareAt?.slice(0, 7),
      placementArea: d.placement?.area,
      requestWorkingDays: d.request?.workingDaysAfterEntry ?? null,
      assessment: d.assessment
        ? { onTime: d.assessment.onTime, delayReason: d.assessment.delayReason?.label ?? null, segments: d.assessment.segments }
        : null,
      clocks: Object.values(record.clocks).map((c) => ({ title: c.title, status: c.status, dueAt: c.dueAt, stoppedAt: c.stoppedAt ?? null })),
    };
  },
};
