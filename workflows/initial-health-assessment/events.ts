/**
 * Initial health assessment: its events, each a strict payload schema (an unknown field is refused,
 * never stored) and who may record it; each one's rule is in rules.ts.
 */
import * as z from 'zod';
import { defineEvent } from '#core/process/definition';
import {
  dateOfBirth,
  otherNeedsItsText,
  person,
  personName,
  recordDate,
  recordInstant,
  reference,
  text,
} from '#core/schema/index';
import { leavingCareReasons, legalBases } from './details';

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

export const childEnteredCare = z
  .strictObject({
    caseReference: reference.meta({ title: "The council's case reference" }),
    child: z
      .strictObject({
        name: personName.meta({ title: 'Full name' }),
        dateOfBirth,
        nhsNumber: z
          .string()
          .refine(isNhsNumber, 'must be a valid 10-digit NHS number')
          .meta({ title: 'NHS number' })
          .optional(),
      })
      .meta({ title: 'Child' }),
    enteredCareAt: recordInstant.meta({ title: 'When the child entered care' }),
    legalBasis: z.enum(legalBases).meta({ title: 'Legal basis' }),
    legalBasisOther: text({ max: 200 })
      .meta({ title: 'Legal basis, if other', description: "Only when the legal basis is 'Other'" })
      .optional(),
    placement: z
      .strictObject({
        area: z.enum(['inArea', 'outOfArea']).meta({ title: 'Where the child is placed' }),
        icb: orgId.meta({ title: 'Integrated care board where the child is placed' }),
      })
      .meta({ title: 'Placement' }),
    healthProvider: orgId.meta({ title: 'Health provider who will do the assessment' }),
    icb: orgId.meta({ title: 'Responsible integrated care board' }),
    socialWorker: person.meta({ title: 'Social worker' }),
    socialWorkManager: person.meta({ title: 'Social work manager' }),
  })
  .superRefine(otherNeedsItsText('legalBasis', 'legalBasisOther', { onlyWithOther: true }));

// Titles and descriptions (`.meta`) are the words the pages' forms use for each field.
export const requestSentToHealth = z.strictObject({
  sentAt: recordInstant.meta({ title: 'When the request was sent' }),
  consentIncluded: z.boolean().meta({ title: 'Signed consent was included' }),
});
export const appointmentBooked = z.strictObject({
  appointmentOn: recordDate.meta({ title: 'Date of the appointment' }),
});
export const delayReason = z.strictObject({
  code: z.string().min(1).meta({ title: 'Reason' }),
  text: text({ max: 500, multiline: true }).meta({ title: 'More detail' }).optional(),
});
export const assessmentCompleted = z.strictObject({
  completedOn: recordDate.meta({ title: 'Date the assessment was completed' }),
  practitioner: practitioner.meta({ title: 'Who carried out the assessment' }),
  healthPlanShared: z
    .literal(true, { message: 'the health plan must be shared to complete the assessment' })
    .meta({ title: 'The health plan has been shared' }),
  delayReason: delayReason
    .meta({
      title: 'Reason for the delay',
      description: 'Needed only when the assessment was completed after its due date',
    })
    .optional(),
});
export const reviewAssessmentCompleted = z.strictObject({
  completedOn: recordDate.meta({ title: 'Date the review was completed' }),
  practitioner: practitioner.meta({ title: 'Who carried out the review' }),
});
export const placementMoved = z.strictObject({
  movedOn: recordDate.meta({ title: 'Date of the move' }),
  area: z.enum(['inArea', 'outOfArea']).meta({ title: 'Where the child is placed now' }),
  icb: orgId.meta({ title: 'Integrated care board where the child is placed now' }),
});
export const childLeftCare = z
  .strictObject({
    leftOn: recordDate.meta({ title: 'Date the child left care' }),
    reason: z.enum(leavingCareReasons).meta({ title: 'Why the child left care' }),
    reasonText: text({ max: 300, multiline: true }).meta({ title: 'More detail' }).optional(),
  })
  .superRefine(otherNeedsItsText('reason', 'reasonText'));

export type ChildEnteredCare = z.infer<typeof childEnteredCare>;
export type RequestSentToHealth = z.output<typeof requestSentToHealth>;
export type AppointmentBooked = z.output<typeof appointmentBooked>;
export type AssessmentCompleted = z.output<typeof assessmentCompleted>;
export type ReviewAssessmentCompleted = z.output<typeof reviewAssessmentCompleted>;
export type PlacementMoved = z.output<typeof placementMoved>;
export type ChildLeftCare = z.output<typeof childLeftCare>;

const event = defineEvent;

export const events = [
  event({
    type: 'childEnteredCare',
    title: 'Child entered care',
    schema: childEnteredCare,
    allowedRoles: ['front-door', 'lead-practitioner'],
    opensCase: true,
  }),
  event({
    type: 'requestSentToHealth',
    title: 'Request sent to health',
    schema: requestSentToHealth,
    allowedRoles: ['front-door', 'lead-practitioner'],
  }),
  event({
    type: 'appointmentBooked',
    title: 'Appointment booked',
    schema: appointmentBooked,
    allowedRoles: ['health'],
  }),
  event({
    type: 'assessmentCompleted',
    title: 'Assessment completed',
    schema: assessmentCompleted,
    allowedRoles: ['health'],
  }),
  event({
    type: 'reviewAssessmentCompleted',
    title: 'Review health assessment completed',
    schema: reviewAssessmentCompleted,
    allowedRoles: ['health'],
  }),
  event({
    type: 'placementMoved',
    title: 'Placement moved',
    schema: placementMoved,
    allowedRoles: ['front-door', 'lead-practitioner'],
  }),
  event({
    type: 'childLeftCare',
    title: 'Child left care',
    schema: childLeftCare,
    allowedRoles: ['front-door', 'lead-practitioner'],
  }),
];

/** One case per child per council, by the council's own case reference. */
export const caseKeyOf = (payload: ChildEnteredCare, actorOrganisation: string) =>
  `${actorOrganisation}|${String(payload?.caseReference ?? '')
    .trim()
    .toUpperCase()}`;
