/**
 * Before admission: its events, each a strict payload schema (an unknown field is refused, never stored)
 * and who may record it; each one's rule is in rules.ts. Field names and choices describe the young
 * person's situation and the support around them.
 *
 * Who records what: health staff and crisis chairs of the health provider that holds the young person's
 * place on the Dynamic Support Register open the case and record the key worker, the meetings, the
 * community review and how the time at risk ended; the Bronze chair of the area records too.
 */

import { defineEvent } from '#core/process/definition';
import {
  dateOfBirth,
  fieldWords,
  multilineText,
  organisationId,
  otherNeedsItsText,
  person,
  personName,
  recordDate,
  recordInstant,
  recordInstantAsked,
  reference,
} from '#core/schema/index';
import * as z from '#core/schema/zod';
import { atRiskRatings, endings } from './details';

const RATING_CHOICES: Record<(typeof atRiskRatings)[number], string> = {
  red: 'Red: at risk of admission now, without urgent support',
  amber: 'Amber: at risk of admission without the right support soon',
};
const ENDING_CHOICES: Record<(typeof endings)[number], string> = {
  stayingInCommunity: 'The support is in place and they are no longer at risk of admission',
  admitted: 'They were admitted to hospital',
  other: 'Another reason',
};

const keyWorker = (description?: string) =>
  person.check(
    z.meta(
      fieldWords({
        title: 'Key worker',
        ...(description ? { description } : {}),
        errorName: 'the key worker',
      }),
    ),
  );

export const atRiskOfAdmission = z.strictObject({
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
    })
    .check(z.meta(fieldWords({ title: 'Young person', errorName: 'the young person' }))),
  ratedAt: recordInstant.check(
    z.meta(
      fieldWords({
        title: 'When they were rated at risk of admission on the Dynamic Support Register',
        errorName: 'the date and time they were rated at risk of admission',
        section: 'The Dynamic Support Register',
      }),
    ),
  ),
  rating: z.enum(atRiskRatings).check(
    z.meta(
      fieldWords({
        title: 'Rating on the Dynamic Support Register',
        errorName: 'the rating',
        choices: RATING_CHOICES,
      }),
    ),
  ),
  healthProvider: organisationId.check(
    z.meta(
      fieldWords({
        title: 'Health provider that holds their place on the register',
        errorName: 'the health provider that holds their place on the register',
        section: 'Who supports them',
      }),
    ),
  ),
  localAuthority: organisationId.check(
    z.meta(
      fieldWords({ title: "The young person's local authority", errorName: "the young person's local authority" }),
    ),
  ),
  keyWorker: z.optional(keyWorker('If already named')),
});

export const keyWorkerNamed = z.strictObject({ keyWorker: keyWorker() });

export const meetingHeld = z.strictObject({
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
});

export const communityReviewHeld = z.strictObject({
  heldOn: recordDate.check(z.meta(fieldWords({ title: 'Date of the review', errorName: 'the date of the review' }))),
});

export const riskOfAdmissionEnded = z
  .strictObject({
    at: recordInstantAsked('When it ended', 'the date and time it ended'),
    outcome: z
      .enum(endings)
      .check(z.meta(fieldWords({ title: 'What happened', errorName: 'what happened', choices: ENDING_CHOICES }))),
    outcomeText: z.optional(
      multilineText(300).check(
        z.meta(
          fieldWords({
            title: 'More detail',
            errorName: 'more detail about what happened',
            when: { outcome: 'other' },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
  })
  .check(z.superRefine(otherNeedsItsText('outcome', 'outcomeText')));

export type AtRiskOfAdmission = z.output<typeof atRiskOfAdmission>;
export type KeyWorkerNamed = z.output<typeof keyWorkerNamed>;
export type MeetingHeld = z.output<typeof meetingHeld>;
export type CommunityReviewHeld = z.output<typeof communityReviewHeld>;
export type RiskOfAdmissionEnded = z.output<typeof riskOfAdmissionEnded>;

const event = defineEvent;
const clinical = ['health', 'crisis-chair'] as const;

export const events = [
  event({
    type: 'atRiskOfAdmission',
    title: 'At risk of admission (Dynamic Support Register)',
    schema: atRiskOfAdmission,
    allowedRoles: clinical,
    opensCase: true,
  }),
  event({ type: 'keyWorkerNamed', title: 'Key worker named', schema: keyWorkerNamed, allowedRoles: clinical }),
  event({
    type: 'meetingHeld',
    title: 'All-agency meeting to prevent admission',
    schema: meetingHeld,
    allowedRoles: clinical,
  }),
  event({
    type: 'communityReviewHeld',
    title: 'Community Care (Education) and Treatment Review held',
    schema: communityReviewHeld,
    allowedRoles: clinical,
  }),
  event({
    type: 'riskOfAdmissionEnded',
    title: 'No longer at risk of admission, or admitted',
    schema: riskOfAdmissionEnded,
    allowedRoles: clinical,
  }),
];

/**
 * One case per young person's register entry of the health provider (being rated at risk again after the
 * case closed opens a new episode), kept apart for each organisation that records, as crisis escalation's.
 */
export const caseKeyOf = (payload: AtRiskOfAdmission, actorOrganisation: string) =>
  `${actorOrganisation}|${String(payload?.healthProvider ?? '')}|${String(payload?.caseReference ?? '')
    .trim()
    .toUpperCase()}`;
