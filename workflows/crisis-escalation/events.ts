/**
 * Crisis escalation: its events, each a strict payload schema (an unknown field is refused, never
 * stored) and who may record it; each one's rule is in rules.ts. Field names
 * describe what happened and the support given.
 *
 * Who records what: a presentation, the crisis assessment, ratings, medically fit, Tier 4 and adult
 * services referrals, reviews and discharge by health staff (the crisis team) or the Bronze chair;
 * meetings of Bronze, Silver and Gold and a step down by the Bronze chair, who chairs Bronze and
 * records for the levels above it.
 */

import { defineEvent } from '#core/process/definition';
import {
  dateOfBirth,
  fieldWords,
  multilineText,
  organisationId,
  otherNeedsItsText,
  personName,
  recordDate,
  recordInstant,
  recordInstantAsked,
  reference,
} from '#core/schema/index';
import * as z from '#core/schema/zod';
import { isNhsNumber } from '#workflows/initial-health-assessment/events';
import { deescalationReasons, dischargeOutcomes, presentationSettings, ratings, routesIn, urgencies } from './details';

// The words the pages' forms and case pages use for each field and value (`.meta`, core/schema FieldWords).
const SETTING_CHOICES: Record<(typeof presentationSettings)[number], string> = {
  emergencyDepartment: 'Emergency department',
  paediatricWard: 'Paediatric ward',
  community: 'In the community',
  placeOfSafety: 'A place of safety',
  custody: 'Custody',
};
const ROUTE_IN_CHOICES: Record<(typeof routesIn)[number], string> = {
  crisisLine: 'The 24/7 crisis line',
  gp: 'Their GP',
  school: 'Their school',
  police: 'The police',
  self: 'They came themselves',
  family: 'Their family',
  other: 'Another route',
};
const URGENCY_CHOICES: Record<(typeof urgencies)[number], string> = {
  veryUrgent: 'Very urgent (seen within 4 hours)',
  urgent: 'Urgent (seen within 24 hours)',
};
/** Ratings on the Dynamic Support Register, as the register names them (shown as red, amber and green tags). */
export const RATING_CHOICES: Record<(typeof ratings)[number], string> = { red: 'Red', amber: 'Amber', green: 'Green' };
const rating = (errorName = 'the rating') =>
  z
    .enum(ratings)
    .check(z.meta(fieldWords({ title: 'Rating on the Dynamic Support Register', errorName, choices: RATING_CHOICES })));
const DISCHARGE_CHOICES: Record<(typeof dischargeOutcomes)[number], string> = {
  homeWithHomeTreatment: 'Home, with intensive home treatment',
  tier4Admission: 'A Tier 4 admission',
  carePlacement: 'A care placement',
  localityTeam: 'Back to the locality team',
  other: 'Other',
};
const DEESCALATION_CHOICES: Record<(typeof deescalationReasons)[number], string> = {
  dischargePlanAgreed: 'A discharge plan is agreed',
  bedOffered: 'A bed has been offered',
  supportInPlace: 'The support needed is in place',
  other: 'Other',
};

export const presented = z.strictObject({
  caseReference: reference.check(
    z.meta(
      fieldWords({
        title: 'Your case reference',
        description: 'For example, CAMHS-27-0042',
        errorName: 'your case reference',
        section: 'The young person',
      }),
    ),
  ),
  youngPerson: z
    .strictObject({
      name: personName.check(z.meta(fieldWords({ title: 'Full name', errorName: "the young person's full name" }))),
      dateOfBirth: dateOfBirth.check(
        z.meta(
          fieldWords({ title: 'Date of birth', errorName: "the young person's date of birth", dateOfBirth: true }),
        ),
      ),
      nhsNumber: z.optional(
        z.string().check(
          z.refine(isNhsNumber, 'must be a valid 10-digit NHS number'),
          z.meta(
            fieldWords({
              title: 'NHS number',
              description: 'For example, 485 777 3456',
              errorName: "the young person's NHS number",
            }),
          ),
        ),
      ),
    })
    .check(z.meta(fieldWords({ title: 'Young person', errorName: 'the young person' }))),
  presentedAt: recordInstant.check(
    z.meta(
      fieldWords({
        title: 'When they presented',
        errorName: 'the date and time they presented',
        section: 'The presentation',
      }),
    ),
  ),
  setting: z
    .enum(presentationSettings)
    .check(
      z.meta(
        fieldWords({ title: 'Where they presented', errorName: 'where they presented', choices: SETTING_CHOICES }),
      ),
    ),
  routeIn: z
    .enum(routesIn)
    .check(z.meta(fieldWords({ title: 'How they came', errorName: 'how they came', choices: ROUTE_IN_CHOICES }))),
  urgency: z
    .enum(urgencies)
    .check(z.meta(fieldWords({ title: 'Urgency', errorName: 'the urgency', choices: URGENCY_CHOICES }))),
  rating: rating(),
  autisticOrLearningDisability: z.boolean().check(
    z.meta(
      fieldWords({
        title: 'Is the young person autistic, or do they have a learning disability?',
        description: 'The Care, Education and Treatment Review rules then apply',
        errorName: 'whether the young person is autistic or has a learning disability',
      }),
    ),
  ),
  /** The health provider whose crisis team responds (an organisation in the directory). */
  healthProvider: organisationId.check(
    z.meta(
      fieldWords({
        title: 'Health provider whose crisis team responds',
        errorName: 'the health provider whose crisis team responds',
        section: 'Who responds',
      }),
    ),
  ),
  /** The young person's local authority (a council in the directory). */
  localAuthority: organisationId.check(
    z.meta(
      fieldWords({ title: "The young person's local authority", errorName: "the young person's local authority" }),
    ),
  ),
});

export const crisisAssessed = z.strictObject({
  assessedAt: recordInstantAsked('When the face-to-face assessment was done', 'the date and time of the assessment'),
});
export const ratingChanged = z.strictObject({
  rating: rating('the new rating'),
  changedAt: recordInstantAsked('When the rating changed', 'the date and time the rating changed'),
  reason: z.optional(
    multilineText(500).check(z.meta(fieldWords({ title: 'Why it changed', errorName: 'why the rating changed' }))),
  ),
});

const meeting = {
  heldAt: recordInstantAsked('When the meeting was held', 'the date and time of the meeting'),
  organisationsPresent: z.array(organisationId).check(
    z.minLength(1, 'must name at least one organisation present'),
    z.maxLength(30),
    z.meta(
      fieldWords({
        title: 'Organisations present',
        description: 'Select all that apply',
        errorName: 'the organisations present',
      }),
    ),
  ),
  decisions: multilineText(2000).check(z.meta(fieldWords({ title: 'Decisions', errorName: 'the decisions' }))),
  plan: multilineText(2000).check(z.meta(fieldWords({ title: 'Plan', errorName: 'the plan' }))),
};
export const bronzeMeetingHeld = z.strictObject({ ...meeting, rating: z.optional(rating('the rating')) });
export const levelMeetingHeld = z.strictObject({
  ...meeting,
  outcome: z.enum(['resolved', 'unresolved']).check(
    z.meta(
      fieldWords({
        title: 'Is the matter resolved?',
        errorName: 'whether the matter is resolved',
        choices: { resolved: 'Yes, resolved', unresolved: 'No, not yet resolved' },
      }),
    ),
  ),
});

export const medicallyFit = z.strictObject({
  fitAt: recordInstantAsked('When they were medically fit for discharge', 'the date and time they were medically fit'),
});
export const steppedDown = z
  .strictObject({
    to: z.enum(['bronze', 'silver']).check(
      z.meta(
        fieldWords({
          title: 'Step down to',
          errorName: 'the level to step down to',
          choices: { bronze: 'Bronze', silver: 'Silver' },
        }),
      ),
    ),
    reason: z
      .enum(deescalationReasons)
      .check(z.meta(fieldWords({ title: 'Why', errorName: 'why the case steps down', choices: DEESCALATION_CHOICES }))),
    reasonText: z.optional(
      multilineText(500).check(
        z.meta(
          fieldWords({
            title: 'More detail',
            errorName: 'more detail about why the case steps down',
            when: { reason: 'other' },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    at: recordInstantAsked('When it stepped down', 'the date and time it stepped down'),
  })
  .check(z.superRefine(otherNeedsItsText('reason', 'reasonText')));
export const tier4Referred = z.strictObject({
  referredAt: recordInstantAsked('When the referral was made', 'the date and time of the referral'),
});
export const tier4BedOffered = z.strictObject({
  offeredAt: recordInstantAsked('When the bed was offered', 'the date and time the bed was offered'),
});
export const careReviewHeld = z.strictObject({
  kind: z.enum(['community', 'postAdmission']).check(
    z.meta(
      fieldWords({
        title: 'Which review',
        errorName: 'which review was held',
        choices: { community: 'A community review', postAdmission: 'A review after admission' },
      }),
    ),
  ),
  heldOn: recordDate.check(z.meta(fieldWords({ title: 'Date of the review', errorName: 'the date of the review' }))),
});
export const adultServicesReferred = z.strictObject({
  referredAt: recordInstantAsked('When the referral was made', 'the date and time of the referral'),
});
export const discharged = z
  .strictObject({
    dischargedAt: recordInstantAsked('When they were discharged', 'the date and time of discharge'),
    outcome: z.enum(dischargeOutcomes).check(
      z.meta(
        fieldWords({
          title: 'Discharged to',
          errorName: 'where they were discharged to',
          choices: DISCHARGE_CHOICES,
        }),
      ),
    ),
    outcomeText: z.optional(
      multilineText(300).check(
        z.meta(
          fieldWords({
            title: 'More detail',
            errorName: 'more detail about where they were discharged to',
            when: { outcome: 'other' },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    homeTreatment: z.optional(
      z
        .strictObject({
          startsOn: z.optional(
            recordDate.check(
              z.meta(fieldWords({ title: 'Start date', errorName: 'the start date of home treatment' })),
            ),
          ),
          weeks: z.optional(
            z
              .number()
              .check(
                z.int(),
                z.gte(1),
                z.lte(26),
                z.meta(fieldWords({ title: 'For how many weeks', errorName: 'the number of weeks of home treatment' })),
              ),
          ),
        })
        .check(
          z.meta(
            fieldWords({
              title: 'Intensive home treatment',
              errorName: 'the home treatment',
              when: { outcome: 'homeWithHomeTreatment' },
            }),
          ),
        ),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
      otherNeedsItsText('outcome', 'outcomeText')(v, ctx);
      if (v.homeTreatment && v.outcome !== 'homeWithHomeTreatment')
        ctx.addIssue({
          code: 'custom',
          path: ['homeTreatment'],
          message: "is only for outcome 'homeWithHomeTreatment'",
        });
    }),
  );
export const homeTreatmentEnded = z.strictObject({
  endedOn: recordDate.check(z.meta(fieldWords({ title: 'Date it ended', errorName: 'the date home treatment ended' }))),
  nextSupport: z.optional(
    multilineText(300).check(
      z.meta(fieldWords({ title: 'What support comes next', errorName: 'what support comes next' })),
    ),
  ),
});

export type Presented = z.output<typeof presented>;
export type CrisisAssessed = z.output<typeof crisisAssessed>;
export type RatingChanged = z.output<typeof ratingChanged>;
export type BronzeMeetingHeld = z.output<typeof bronzeMeetingHeld>;
export type LevelMeetingHeld = z.output<typeof levelMeetingHeld>;
export type MedicallyFit = z.output<typeof medicallyFit>;
export type SteppedDown = z.output<typeof steppedDown>;
export type Tier4Referred = z.output<typeof tier4Referred>;
export type Tier4BedOffered = z.output<typeof tier4BedOffered>;
export type CareReviewHeld = z.output<typeof careReviewHeld>;
export type AdultServicesReferred = z.output<typeof adultServicesReferred>;
export type Discharged = z.output<typeof discharged>;
export type HomeTreatmentEnded = z.output<typeof homeTreatmentEnded>;

const event = defineEvent;
const crisisStaff = ['health', 'crisis-chair'] as const;

export const events = [
  event({
    type: 'presented',
    title: 'Young person presented in crisis',
    schema: presented,
    allowedRoles: crisisStaff,
    opensCase: true,
  }),
  event({
    type: 'crisisAssessed',
    title: 'Face-to-face crisis assessment',
    schema: crisisAssessed,
    allowedRoles: crisisStaff,
  }),
  event({
    type: 'ratingChanged',
    title: 'Dynamic Support Register rating changed',
    schema: ratingChanged,
    allowedRoles: crisisStaff,
  }),
  event({
    type: 'bronzeMeetingHeld',
    title: 'Bronze MDT meeting',
    schema: bronzeMeetingHeld,
    allowedRoles: ['crisis-chair'],
  }),
  event({
    type: 'medicallyFit',
    title: 'Medically fit for discharge',
    schema: medicallyFit,
    allowedRoles: crisisStaff,
  }),
  event({
    type: 'silverMeetingHeld',
    title: 'Silver meeting',
    schema: levelMeetingHeld,
    allowedRoles: ['crisis-chair'],
  }),
  event({ type: 'goldMeetingHeld', title: 'Gold meeting', schema: levelMeetingHeld, allowedRoles: ['crisis-chair'] }),
  event({ type: 'steppedDown', title: 'Stepped down a level', schema: steppedDown, allowedRoles: ['crisis-chair'] }),
  event({
    type: 'tier4Referred',
    title: 'Tier 4 referral to the regional coordination hub',
    schema: tier4Referred,
    allowedRoles: crisisStaff,
  }),
  event({ type: 'tier4BedOffered', title: 'Tier 4 bed offered', schema: tier4BedOffered, allowedRoles: crisisStaff }),
  event({
    type: 'careReviewHeld',
    title: 'Care, Education and Treatment Review held',
    schema: careReviewHeld,
    allowedRoles: crisisStaff,
  }),
  event({
    type: 'adultServicesReferred',
    title: 'Referred to adult crisis services',
    schema: adultServicesReferred,
    allowedRoles: crisisStaff,
  }),
  event({ type: 'discharged', title: 'Discharged', schema: discharged, allowedRoles: crisisStaff }),
  event({
    type: 'homeTreatmentEnded',
    title: 'Intensive home treatment ended',
    schema: homeTreatmentEnded,
    allowedRoles: crisisStaff,
  }),
];

/**
 * One case per presentation record of the health provider (a later presentation opens a new episode), kept
 * apart for each organisation that records: a reference another organisation already used never meets its
 * case (whose code a 409 would otherwise name to someone who may not see it).
 */
export const caseKeyOf = (payload: Presented, actorOrganisation: string) =>
  `${actorOrganisation}|${String(payload?.healthProvider ?? '')}|${String(payload?.caseReference ?? '')
    .trim()
    .toUpperCase()}`;
