/**
 * Child protection: its events, each a strict payload schema (an unknown field is refused, never stored)
 * and who may record it; each one's rule is in rules.ts. Titles and descriptions (`.meta`) are the words
 * the pages' forms use.
 */
import * as z from 'zod';
import { defineEvent, needsLookups } from '#core/process/definition';
import { dateOfBirth, person, personName, recordDate, recordInstant, reference, text } from '#core/schema/index';
import { agencies, endings, endingsBeforePlan, enquiryOutcomes, referralSources } from './details';

/** A Family Help case code as RightTime gives it (SF-XXXX-XXXX; letters and digits without 0, 1, I, O). */
export const FAMILY_HELP_CASE_CODE = /^SF-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

const outcomeText = text({ max: 300, multiline: true }).meta({ title: 'More detail' });

export const referralReceived = z
  .strictObject({
    caseReference: reference.meta({ title: "The council's case reference for the child" }),
    child: z.strictObject({ name: personName.meta({ title: 'Full name' }), dateOfBirth }).meta({ title: 'Child' }),
    receivedAt: recordInstant.meta({ title: "When the referral reached children's social care" }),
    source: z.enum(referralSources).meta({ title: 'Where the referral came from' }),
    familyHelpCaseCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(FAMILY_HELP_CASE_CODE, 'must be a Family Help case code, e.g. SF-7K3F-9Q2M')
      .meta({
        title: 'Family Help case code',
        description: 'Only for a step-up from a Family Help episode: the episode’s case code, so the two are linked',
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.familyHelpCaseCode && v.source !== 'familyHelp')
      ctx.addIssue({
        code: 'custom',
        path: ['familyHelpCaseCode'],
        message: "is only for a step-up from Family Help (source 'familyHelp')",
      });
  });

export const strategyDiscussionHeld = z
  .strictObject({
    heldAt: recordInstant.meta({ title: 'When the strategy discussion was held' }),
    agencies: z.array(z.enum(agencies)).min(1).max(agencies.length).meta({
      title: 'Who took part',
      description: 'Children’s social care, the police and health; education where relevant',
    }),
    section47Enquiry: z.boolean().meta({
      title: 'A section 47 enquiry is started (or continues)',
      description: 'Starts, or restarts, the 15 working days to the initial child protection conference',
    }),
    socialWorker: person
      .meta({
        title: 'Social worker leading the enquiry',
        description: 'Needed at the first strategy discussion; give it again only if it changes',
      })
      .optional(),
    manager: person.meta({ title: 'Their manager', description: 'Needed at the first strategy discussion' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.agencies).size !== v.agencies.length)
      ctx.addIssue({ code: 'custom', path: ['agencies'], message: 'must name each agency once' });
    if (!v.agencies.includes('council'))
      ctx.addIssue({
        code: 'custom',
        path: ['agencies'],
        message: "must include 'council': children’s social care leads a strategy discussion",
      });
  });

export const section47Completed = z.strictObject({
  completedOn: recordDate.meta({ title: 'Date the section 47 enquiry concluded' }),
  outcome: z.enum(enquiryOutcomes).meta({ title: 'What the enquiry concluded' }),
});

export const leadPractitioner = z
  .strictObject({
    name: personName,
    email: z.email('must be an email address'),
    socialWorker: z
      .literal(true, { message: 'the lead child protection practitioner must be a registered social worker' })
      .meta({ title: 'A registered social worker' }),
  })
  .meta({ title: 'Lead child protection practitioner' });

export const initialConferenceHeld = z
  .strictObject({
    heldOn: recordDate.meta({ title: 'Date of the initial child protection conference' }),
    chair: person.meta({ title: 'Conference chair' }),
    childProtectionPlan: z.boolean().meta({ title: 'The conference agreed a child protection plan' }),
    leadPractitioner: leadPractitioner
      .meta({
        title: 'Lead child protection practitioner',
        description: 'Needed when there is a plan: the social worker who leads it',
      })
      .optional(),
    manager: person
      .meta({ title: 'Their manager', description: 'When there is a plan; the enquiry’s manager if not given' })
      .optional(),
    previousPlans: z
      .number()
      .int()
      .min(0)
      .max(30)
      .meta({
        title: 'Child protection plans the child has had before',
        description: 'With any council (as the children in need census records it); 0 for a first plan',
      })
      .optional(),
    outcome: z
      .enum(endingsBeforePlan)
      .meta({ title: 'What happens instead', description: 'Needed when there is no plan' })
      .optional(),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.childProtectionPlan && !v.leadPractitioner)
      issue('leadPractitioner', 'is required with a child protection plan: the social worker who leads it');
    if (v.childProtectionPlan && v.outcome) issue('outcome', 'is only for a conference that agreed no plan');
    if (!v.childProtectionPlan && !v.outcome) issue('outcome', 'is required when the conference agreed no plan');
    if (!v.childProtectionPlan && v.leadPractitioner) issue('leadPractitioner', 'is only with a child protection plan');
    if (!v.childProtectionPlan && v.manager) issue('manager', 'is only with a child protection plan');
    if (v.childProtectionPlan && v.previousPlans === undefined)
      issue('previousPlans', 'is required with a child protection plan: how many the child has had before (0 if none)');
    if (!v.childProtectionPlan && v.previousPlans !== undefined)
      issue('previousPlans', 'is only with a child protection plan');
  });

export const coreGroupMeetingHeld = z.strictObject({
  heldOn: recordDate.meta({ title: 'Date of the core group meeting' }),
});

const planEnding = (v: { planContinues?: boolean; outcome?: string; outcomeText?: string }, ctx: z.RefinementCtx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.outcome === 'other' && !v.outcomeText) issue('outcomeText', "is required when the outcome is 'other'");
  if (v.outcomeText && v.outcome !== 'other') issue('outcomeText', "is only for the outcome 'other'");
};

export const reviewConferenceHeld = z
  .strictObject({
    heldOn: recordDate.meta({ title: 'Date of the review conference' }),
    chair: person.meta({ title: 'Conference chair', description: 'Only if the chair has changed' }).optional(),
    planContinues: z.boolean().meta({ title: 'The child protection plan continues' }),
    outcome: z.enum(endings).meta({ title: 'How the plan ended', description: 'Needed when the plan ends' }).optional(),
    outcomeText: outcomeText.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.planContinues && !v.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is required when the plan ends' });
    if (v.planContinues && v.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is only for a plan that ends' });
    planEnding(v, ctx);
  });

export const planEnded = z
  .strictObject({
    endedOn: recordDate.meta({ title: 'Date the plan ended' }),
    outcome: z.enum(endings).meta({ title: 'How the plan ended' }),
    outcomeText: outcomeText.optional(),
  })
  .superRefine(planEnding);

export const referralConcluded = z.strictObject({
  concludedOn: recordDate.meta({ title: 'Date of the decision' }),
  outcome: z.enum(endingsBeforePlan).meta({ title: 'What happens next' }),
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
