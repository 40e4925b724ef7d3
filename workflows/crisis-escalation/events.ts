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
import * as z from 'zod';
import { defineEvent } from '#core/process/definition';
import {
  dateOfBirth,
  otherNeedsItsText,
  personName,
  recordDate,
  recordInstant,
  reference,
  text,
} from '#core/schema/index';
import { isNhsNumber } from '#workflows/initial-health-assessment/events';
import { deescalationReasons, dischargeOutcomes, presentationSettings, ratings, routesIn, urgencies } from './details';

const orgId = z.string().regex(/^[a-z0-9-]+$/, 'must be an organisation id from the partnership directory');
const words = (max: number) => text({ max, multiline: true });

export const presented = z.strictObject({
  caseReference: reference,
  youngPerson: z.strictObject({
    name: personName,
    dateOfBirth,
    nhsNumber: z.string().refine(isNhsNumber, 'must be a valid 10-digit NHS number').optional(),
  }),
  presentedAt: recordInstant,
  setting: z.enum(presentationSettings),
  routeIn: z.enum(routesIn),
  urgency: z.enum(urgencies),
  rating: z.enum(ratings),
  autisticOrLearningDisability: z.boolean(),
  /** The health provider whose crisis team responds (an organisation in the directory). */
  healthProvider: orgId,
  /** The young person's local authority (a council in the directory). */
  localAuthority: orgId,
});

export const crisisAssessed = z.strictObject({ assessedAt: recordInstant });
export const ratingChanged = z.strictObject({
  rating: z.enum(ratings),
  changedAt: recordInstant,
  reason: words(500).optional(),
});

const meeting = {
  heldAt: recordInstant,
  organisationsPresent: z.array(orgId).min(1, 'must name at least one organisation present').max(30),
  decisions: words(2000),
  plan: words(2000),
};
export const bronzeMeetingHeld = z.strictObject({ ...meeting, rating: z.enum(ratings).optional() });
export const levelMeetingHeld = z.strictObject({ ...meeting, outcome: z.enum(['resolved', 'unresolved']) });

export const medicallyFit = z.strictObject({ fitAt: recordInstant });
export const steppedDown = z
  .strictObject({
    to: z.enum(['bronze', 'silver']),
    reason: z.enum(deescalationReasons),
    reasonText: words(500).optional(),
    at: recordInstant,
  })
  .superRefine(otherNeedsItsText('reason', 'reasonText'));
export const tier4Referred = z.strictObject({ referredAt: recordInstant });
export const tier4BedOffered = z.strictObject({ offeredAt: recordInstant });
export const careReviewHeld = z.strictObject({ kind: z.enum(['community', 'postAdmission']), heldOn: recordDate });
export const adultServicesReferred = z.strictObject({ referredAt: recordInstant });
export const discharged = z
  .strictObject({
    dischargedAt: recordInstant,
    outcome: z.enum(dischargeOutcomes),
    outcomeText: words(300).optional(),
    homeTreatment: z
      .strictObject({ startsOn: recordDate.optional(), weeks: z.number().int().min(1).max(26).optional() })
      .optional(),
  })
  .superRefine((v, ctx) => {
    otherNeedsItsText('outcome', 'outcomeText')(v, ctx);
    if (v.homeTreatment && v.outcome !== 'homeWithHomeTreatment')
      ctx.addIssue({ code: 'custom', path: ['homeTreatment'], message: "is only for outcome 'homeWithHomeTreatment'" });
  });
export const homeTreatmentEnded = z.strictObject({ endedOn: recordDate, nextSupport: words(300).optional() });

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
