/**
 * Child protection: its events, each a strict payload schema (an unknown field is refused, never stored)
 * and who may record it; each one's rule is in rules.ts. Titles and descriptions (`.meta`) are the words
 * the pages' forms use.
 */

import { defineEvent, needsLookups } from '#core/process/definition';
import {
  dateOfBirth,
  fieldWords,
  otherNeedsItsText,
  person,
  personName,
  recordDate,
  recordInstant,
  reference,
  text,
} from '#core/schema/index';
import * as z from '#core/schema/zod';
import {
  agencies,
  endings,
  endingsBeforePlan,
  endingWords,
  enquiryOutcomes,
  enquiryOutcomeWords,
  referralSources,
} from './details';

// The words the pages' forms and case pages use for each field and value (`.meta`, core/schema FieldWords).
const SOURCE_CHOICES: Record<(typeof referralSources)[number], string> = {
  familyHelp: 'A step-up from Family Help',
  police: 'The police',
  health: 'Health',
  education: 'Education (a school or nursery)',
  family: 'The family, or someone who knows them',
  community: 'Someone in the community',
  anotherCouncil: 'Another council',
  otherAgency: 'Another agency',
};
const AGENCY_CHOICES: Record<(typeof agencies)[number], string> = {
  council: 'Children’s social care',
  police: 'The police',
  health: 'Health',
  education: 'Education',
  otherAgency: 'Another agency',
};
const BEFORE_PLAN_CHOICES = Object.fromEntries(endingsBeforePlan.map((e) => [e, endingWords[e]]));
const WITH_A_PLAN = { childProtectionPlan: true };

/** A Family Help case code as RightTime gives it (SF-XXXX-XXXX; letters and digits without 0, 1, I, O). */
export const FAMILY_HELP_CASE_CODE = /^SF-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

const outcomeText = text({ max: 300, multiline: true }).check(
  z.meta(
    fieldWords({ title: 'More detail', errorName: 'a few words on how the plan ended', when: { outcome: 'other' } }),
  ),
);

export const referralReceived = z
  .strictObject({
    caseReference: reference.check(
      z.meta(
        fieldWords({
          title: "The council's case reference for the child",
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
      })
      .check(z.meta(fieldWords({ title: 'Child', errorName: 'the child' }))),
    receivedAt: recordInstant.check(
      z.meta(
        fieldWords({
          title: "When the referral reached children's social care",
          errorName: 'the date and time the referral was received',
          section: 'The referral',
        }),
      ),
    ),
    source: z.enum(referralSources).check(
      z.meta(
        fieldWords({
          title: 'Where the referral came from',
          errorName: 'where the referral came from',
          choices: SOURCE_CHOICES,
        }),
      ),
    ),
    familyHelpCaseCode: z.optional(
      z.string().check(
        z.trim(),
        z.toUpperCase(),
        z.regex(FAMILY_HELP_CASE_CODE, 'must be a Family Help case code, e.g. SF-7K3F-9Q2M'),
        z.meta(
          fieldWords({
            title: 'Family Help case code',
            description: 'The Family Help episode’s case code, for example SF-7K3F-9Q2M, so the two are linked',
            errorName: 'the Family Help case code',
            when: { source: 'familyHelp' },
          }),
        ),
      ),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.familyHelpCaseCode && v.source !== 'familyHelp')
        ctx.addIssue({
          code: 'custom',
          path: ['familyHelpCaseCode'],
          message: "is only for a step-up from Family Help (source 'familyHelp')",
        });
    }),
  );

export const strategyDiscussionHeld = z
  .strictObject({
    heldAt: recordInstant.check(z.meta({ title: 'When the strategy discussion was held' })),
    agencies: z.array(z.enum(agencies).check(z.meta(fieldWords({ title: 'Agency', choices: AGENCY_CHOICES })))).check(
      z.minLength(1),
      z.maxLength(agencies.length),
      z.meta(
        fieldWords({
          title: 'Who took part',
          description: 'Children’s social care, the police and health; education where relevant',
          errorName: 'who took part',
        }),
      ),
    ),
    section47Enquiry: z.boolean().check(
      z.meta({
        title: 'A section 47 enquiry is started (or continues)',
        description: 'Starts, or restarts, the 15 working days to the initial child protection conference',
      }),
    ),
    socialWorker: z.optional(
      person.check(
        z.meta({
          title: 'Social worker leading the enquiry',
          description: 'Needed at the first strategy discussion; give it again only if it changes',
        }),
      ),
    ),
    manager: z.optional(
      person.check(z.meta({ title: 'Their manager', description: 'Needed at the first strategy discussion' })),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (new Set(v.agencies).size !== v.agencies.length)
        ctx.addIssue({ code: 'custom', path: ['agencies'], message: 'must name each agency once' });
      if (!v.agencies.includes('council'))
        ctx.addIssue({
          code: 'custom',
          path: ['agencies'],
          message: "must include 'council': children’s social care leads a strategy discussion",
        });
    }),
  );

export const section47Completed = z.strictObject({
  completedOn: recordDate.check(z.meta({ title: 'Date the section 47 enquiry concluded' })),
  outcome: z.enum(enquiryOutcomes).check(
    z.meta(
      fieldWords({
        title: 'What the enquiry concluded',
        errorName: 'what the enquiry concluded',
        choices: enquiryOutcomeWords,
      }),
    ),
  ),
});

export const leadPractitioner = z
  .strictObject({
    name: personName,
    email: z.email('must be an email address'),
    socialWorker: z
      .literal(true, { message: 'the lead child protection practitioner must be a registered social worker' })
      .check(z.meta({ title: 'A registered social worker' })),
  })
  .check(z.meta({ title: 'Lead child protection practitioner' }));

export const initialConferenceHeld = z
  .strictObject({
    heldOn: recordDate.check(z.meta({ title: 'Date of the initial child protection conference' })),
    chair: person.check(z.meta({ title: 'Conference chair' })),
    childProtectionPlan: z.boolean().check(z.meta({ title: 'The conference agreed a child protection plan' })),
    leadPractitioner: z.optional(
      leadPractitioner.check(
        z.meta(
          fieldWords({
            title: 'Lead child protection practitioner',
            description: 'The social worker who leads the plan',
            errorName: 'the lead child protection practitioner',
            when: WITH_A_PLAN,
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    manager: z.optional(
      person.check(
        z.meta(
          fieldWords({
            title: 'Their manager',
            description: 'The enquiry’s manager if not given',
            errorName: 'their manager',
            when: WITH_A_PLAN,
          }),
        ),
      ),
    ),
    previousPlans: z.optional(
      z.number().check(
        z.int(),
        z.gte(0),
        z.lte(30),
        z.meta(
          fieldWords({
            title: 'Child protection plans the child has had before',
            description: 'With any council (as the children in need census records it); 0 for a first plan',
            errorName: 'how many plans the child has had before',
            when: WITH_A_PLAN,
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    outcome: z.optional(
      z.enum(endingsBeforePlan).check(
        z.meta(
          fieldWords({
            title: 'What happens instead',
            errorName: 'what happens instead',
            choices: BEFORE_PLAN_CHOICES,
            when: { childProtectionPlan: false },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (v.childProtectionPlan && !v.leadPractitioner)
        issue('leadPractitioner', 'is required with a child protection plan: the social worker who leads it');
      if (v.childProtectionPlan && v.outcome) issue('outcome', 'is only for a conference that agreed no plan');
      if (!v.childProtectionPlan && !v.outcome) issue('outcome', 'is required when the conference agreed no plan');
      if (!v.childProtectionPlan && v.leadPractitioner)
        issue('leadPractitioner', 'is only with a child protection plan');
      if (!v.childProtectionPlan && v.manager) issue('manager', 'is only with a child protection plan');
      if (v.childProtectionPlan && v.previousPlans === undefined)
        issue(
          'previousPlans',
          'is required with a child protection plan: how many the child has had before (0 if none)',
        );
      if (!v.childProtectionPlan && v.previousPlans !== undefined)
        issue('previousPlans', 'is only with a child protection plan');
    }),
  );

export const coreGroupMeetingHeld = z.strictObject({
  heldOn: recordDate.check(z.meta({ title: 'Date of the core group meeting' })),
});

const planEnding = otherNeedsItsText('outcome', 'outcomeText', { onlyWithOther: true });

export const reviewConferenceHeld = z
  .strictObject({
    heldOn: recordDate.check(z.meta({ title: 'Date of the review conference' })),
    chair: z.optional(
      person.check(z.meta({ title: 'Conference chair', description: 'Only if the chair has changed' })),
    ),
    planContinues: z.boolean().check(z.meta({ title: 'The child protection plan continues' })),
    outcome: z.optional(
      z.enum(endings).check(
        z.meta(
          fieldWords({
            title: 'How the plan ended',
            errorName: 'how the plan ended',
            choices: endingWords,
            when: { planContinues: false },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    outcomeText: z.optional(outcomeText),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (!v.planContinues && !v.outcome)
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is required when the plan ends' });
      if (v.planContinues && v.outcome)
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is only for a plan that ends' });
      planEnding(v, ctx);
    }),
  );

export const planEnded = z
  .strictObject({
    endedOn: recordDate.check(z.meta({ title: 'Date the plan ended' })),
    outcome: z
      .enum(endings)
      .check(
        z.meta(fieldWords({ title: 'How the plan ended', errorName: 'how the plan ended', choices: endingWords })),
      ),
    outcomeText: z.optional(outcomeText),
  })
  .check(z.superRefine(planEnding));

export const referralConcluded = z.strictObject({
  concludedOn: recordDate.check(z.meta({ title: 'Date of the decision' })),
  outcome: z
    .enum(endingsBeforePlan)
    .check(
      z.meta(fieldWords({ title: 'What happens next', errorName: 'what happens next', choices: BEFORE_PLAN_CHOICES })),
    ),
});

export type ReferralReceived = z.output<typeof referralReceived>;
export type StrategyDiscussionHeld = z.output<typeof strategyDiscussionHeld>;
export type Section47Completed = z.output<typeof section47Completed>;
export type InitialConferenceHeld = z.output<typeof initialConferenceHeld>;
export type CoreGroupMeetingHeld = z.output<typeof coreGroupMeetingHeld>;
export type ReviewConferenceHeld = z.output<typeof reviewConferenceHeld>;
export type PlanEnded = z.output<typeof planEnded>;
export type ReferralConcluded = z.output<typeof referralConcluded>;

/**
 * The Family Help episode a step-up names, looked up by the API (the `caseByCode` lookup: its process,
 * council and status, nothing about the family), so the rules check the link without a second read.
 */
export const FAMILY_HELP_CASE = 'familyHelpCase';
const familyHelpCase = needsLookups(['caseByCode'], async (p: { familyHelpCaseCode?: string }, { caseByCode }) => {
  const code = p.familyHelpCaseCode;
  if (!code) return {};
  const found = await caseByCode(code);
  return found ? { [FAMILY_HELP_CASE]: found } : {};
});

const event = defineEvent;
/** The council's social workers and their managers record the enquiry, the conferences and the plan. */
const PRACTICE = ['lead-practitioner', 'team-leader', 'service-manager'] as const;

export const events = [
  event({
    type: 'referralReceived',
    title: 'Referral received',
    schema: referralReceived,
    allowedRoles: ['front-door', 'lead-practitioner'],
    opensCase: true,
    contextFor: familyHelpCase,
  }),
  event({
    type: 'strategyDiscussionHeld',
    title: 'Strategy discussion held',
    schema: strategyDiscussionHeld,
    allowedRoles: PRACTICE,
  }),
  event({
    type: 'section47Completed',
    title: 'Section 47 enquiry concluded',
    schema: section47Completed,
    allowedRoles: PRACTICE,
  }),
  event({
    type: 'initialConferenceHeld',
    title: 'Initial child protection conference held',
    schema: initialConferenceHeld,
    allowedRoles: PRACTICE,
  }),
  event({
    type: 'coreGroupMeetingHeld',
    title: 'Core group meeting held',
    schema: coreGroupMeetingHeld,
    allowedRoles: PRACTICE,
  }),
  event({
    type: 'reviewConferenceHeld',
    title: 'Review conference held',
    schema: reviewConferenceHeld,
    allowedRoles: PRACTICE,
  }),
  event({ type: 'planEnded', title: 'Child protection plan ended', schema: planEnded, allowedRoles: PRACTICE }),
  event({
    type: 'referralConcluded',
    title: 'Referral concluded (no section 47 enquiry)',
    schema: referralConcluded,
    allowedRoles: ['front-door', ...PRACTICE],
  }),
];

/**
 * One case per child per council, by the council's own case reference: a referral for a child whose
 * earlier case closed opens the child's next episode, linked (so a second plan is known as a repeat).
 */
export const caseKeyOf = (payload: ReferralReceived, actorOrganisation: string) =>
  `${actorOrganisation}|${String(payload?.caseReference ?? '')
    .trim()
    .toUpperCase()}`;
