/**
 * Initial health assessment: its events, each a strict payload schema (an unknown field is refused,
 * never stored) and who may record it; each one's rule is in rules.ts.
 */

import { defineEvent } from '#core/process/definition';
import {
  dateOfBirth,
  fieldWords,
  organisationId,
  otherNeedsItsText,
  person,
  personName,
  recordDate,
  recordInstant,
  reference,
  text,
} from '#core/schema/index';
import * as z from '#core/schema/zod';
import { leavingCareReasons, legalBases } from './details';

/** Each legal basis in words (the pages' choices and the case page). */
export const legalBasisWords: Record<(typeof legalBases)[number], string> = {
  section20: 'Section 20 (accommodated with agreement)',
  interimCareOrder: 'Interim care order',
  emergencyProtectionOrder: 'Emergency protection order',
  policeProtection: 'Police protection',
  remand: 'Remanded to local authority accommodation',
  other: 'Other',
};
const AREA_WORDS = { inArea: 'In the council’s area', outOfArea: 'Out of the council’s area' };
/** Why a child left care, as a choice. */
export const leavingCareChoices: Record<(typeof leavingCareReasons)[number], string> = {
  returnedToFamily: 'Returned to their family',
  specialGuardianship: 'Special guardianship order',
  childArrangementsOrder: 'Child arrangements order',
  adoption: 'Adopted',
  careTransferredToAnotherAuthority: 'Care moved to another local authority',
  other: 'Other',
};

// ---------------------------------------------------------------------------------------------
// Events (payload schemas are strict: an unknown field is refused, never stored)
// ---------------------------------------------------------------------------------------------

// Dates, instants, names, people and references come from core/schema: a date is a real date inside a
// broad window (a date of birth from 1990, anything else from 2000, nothing after 2099); the rules below
// narrow each one to the range that makes sense for the case, naming it.
const practitioner = z.strictObject({
  name: personName,
  role: z.optional(text({ max: 80 }).check(z.meta(fieldWords({ title: 'Job title' })))),
});

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
    caseReference: reference.check(
      z.meta(
        fieldWords({
          title: "The council's case reference",
          errorName: "the council's case reference",
          section: 'The child',
        }),
      ),
    ),
    child: z
      .strictObject({
        name: personName.check(z.meta(fieldWords({ title: 'Full name', errorName: "the child's full name" }))),
        dateOfBirth: dateOfBirth.check(
          z.meta(fieldWords({ title: 'Date of birth', errorName: "the child's date of birth", dateOfBirth: true })),
        ),
        nhsNumber: z.optional(
          z.string().check(
            z.refine(isNhsNumber, 'must be a valid 10-digit NHS number'),
            z.meta(
              fieldWords({
                title: 'NHS number',
                description: 'For example, 485 777 3456',
                errorName: "the child's NHS number",
              }),
            ),
          ),
        ),
      })
      .check(z.meta(fieldWords({ title: 'Child', errorName: 'the child' }))),
    enteredCareAt: recordInstant.check(
      z.meta(
        fieldWords({
          title: 'When the child entered care',
          errorName: 'the date and time the child entered care',
          section: 'Entering care',
        }),
      ),
    ),
    legalBasis: z
      .enum(legalBases)
      .check(z.meta(fieldWords({ title: 'Legal basis', errorName: 'the legal basis', choices: legalBasisWords }))),
    legalBasisOther: z.optional(
      text({ max: 200 }).check(
        z.meta(
          fieldWords({
            title: 'Legal basis, if other',
            errorName: 'the legal basis',
            when: { legalBasis: 'other' },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    placement: z
      .strictObject({
        area: z.enum(['inArea', 'outOfArea']).check(
          z.meta(
            fieldWords({
              title: 'Where the child is placed',
              errorName: 'where the child is placed',
              choices: AREA_WORDS,
            }),
          ),
        ),
        icb: organisationId.check(
          z.meta(
            fieldWords({
              title: 'Integrated care board where the child is placed',
              errorName: 'the integrated care board where the child is placed',
            }),
          ),
        ),
      })
      .check(z.meta(fieldWords({ title: 'Placement', errorName: 'the placement', section: 'Placement and health' }))),
    healthProvider: organisationId.check(
      z.meta(
        fieldWords({
          title: 'Health provider who will do the assessment',
          errorName: 'the health provider who will do the assessment',
        }),
      ),
    ),
    icb: organisationId.check(
      z.meta(
        fieldWords({ title: 'Responsible integrated care board', errorName: 'the responsible integrated care board' }),
      ),
    ),
    socialWorker: person.check(
      z.meta(fieldWords({ title: 'Social worker', errorName: 'the social worker', section: 'Social work' })),
    ),
    socialWorkManager: person.check(
      z.meta(fieldWords({ title: 'Social work manager', errorName: 'the social work manager' })),
    ),
  })
  .check(z.superRefine(otherNeedsItsText('legalBasis', 'legalBasisOther', { onlyWithOther: true })));

// Titles and descriptions (`.meta`) are the words the pages' forms use for each field.
export const requestSentToHealth = z.strictObject({
  sentAt: recordInstant.check(
    z.meta(fieldWords({ title: 'When the request was sent', errorName: 'the date and time the request was sent' })),
  ),
  consentIncluded: z
    .boolean()
    .check(
      z.meta(fieldWords({ title: 'Was signed consent included?', errorName: 'whether signed consent was included' })),
    ),
});
export const appointmentBooked = z.strictObject({
  appointmentOn: recordDate.check(
    z.meta(fieldWords({ title: 'Date of the appointment', errorName: 'the date of the appointment' })),
  ),
});
export const delayReason = z.strictObject({
  code: z
    .string()
    .check(z.minLength(1), z.meta(fieldWords({ title: 'Reason', errorName: 'the reason for the delay' }))),
  text: z.optional(
    text({ max: 500, multiline: true }).check(
      z.meta(fieldWords({ title: 'More detail', errorName: 'more detail about the delay' })),
    ),
  ),
});
export const assessmentCompleted = z.strictObject({
  completedOn: recordDate.check(
    z.meta(
      fieldWords({ title: 'Date the assessment was completed', errorName: 'the date the assessment was completed' }),
    ),
  ),
  practitioner: practitioner.check(
    z.meta(
      fieldWords({ title: 'Who carried out the assessment', errorName: 'the person who carried out the assessment' }),
    ),
  ),
  healthPlanShared: z.literal(true, { message: 'the health plan must be shared to complete the assessment' }).check(
    z.meta(
      fieldWords({
        title: 'The health plan has been shared',
        errorName: 'that the health plan has been shared',
        description: 'The assessment is complete once the health plan is shared',
      }),
    ),
  ),
  delayReason: z.optional(
    delayReason.check(
      z.meta(
        fieldWords({
          title: 'Reason for the delay',
          errorName: 'the reason for the delay',
          description: 'Needed only when the assessment was completed after its due date',
        }),
      ),
    ),
  ),
});
export const reviewAssessmentCompleted = z.strictObject({
  completedOn: recordDate.check(
    z.meta(fieldWords({ title: 'Date the review was completed', errorName: 'the date the review was completed' })),
  ),
  practitioner: practitioner.check(
    z.meta(fieldWords({ title: 'Who carried out the review', errorName: 'the person who carried out the review' })),
  ),
});
export const placementMoved = z.strictObject({
  movedOn: recordDate.check(z.meta(fieldWords({ title: 'Date of the move', errorName: 'the date of the move' }))),
  area: z.enum(['inArea', 'outOfArea']).check(
    z.meta(
      fieldWords({
        title: 'Where the child is placed now',
        errorName: 'where the child is placed now',
        choices: AREA_WORDS,
      }),
    ),
  ),
  icb: organisationId.check(
    z.meta(
      fieldWords({
        title: 'Integrated care board where the child is placed now',
        errorName: 'the integrated care board where the child is placed now',
      }),
    ),
  ),
});
export const childLeftCare = z
  .strictObject({
    leftOn: recordDate.check(
      z.meta(fieldWords({ title: 'Date the child left care', errorName: 'the date the child left care' })),
    ),
    reason: z.enum(leavingCareReasons).check(
      z.meta(
        fieldWords({
          title: 'Why the child left care',
          errorName: 'why the child left care',
          choices: leavingCareChoices,
        }),
      ),
    ),
    reasonText: z.optional(
      text({ max: 300, multiline: true }).check(
        z.meta(
          fieldWords({
            title: 'More detail',
            errorName: 'more detail about why the child left care',
            when: { reason: 'other' },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
  })
  .check(z.superRefine(otherNeedsItsText('reason', 'reasonText')));

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
