/**
 * Supporting Families / Family Help: its events, each a strict payload schema (an unknown field is
 * refused, never stored) and who may record it; each one's rule is in rules.ts. Version 2
 * (Family Help) adds what Family Help asks: whether a child is in need (section 17), child
 * protection plans, and the family network meeting.
 */
import * as z from 'zod';
import { londonDateOf } from '#core/calendar/index';
import { defineEvent, needsLookups } from '#core/process/definition';
import { dateOfBirth, person, personName, recordDate, recordInstant, reference, text, urn } from '#core/schema/index';
import { channels, closureOutcomes, needResults, needs, partnerKinds, routes } from './details';

const orgId = z.string().regex(/^[a-z0-9-]+$/, 'must be an organisation id (lower-case letters, digits and hyphens)');
const locality = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'must be a locality team id (lower-case letters, digits and hyphens)');
const reason = text({ max: 500, multiline: true });

/**
 * What a request without the family's consent may carry: nothing but its channel
 * and date (and the reference that keys it).
 */
export const WITHOUT_CONSENT = ['requestReference', 'channel', 'partnerKind', 'requestedAt', 'consent'] as const;

export const requestForSupport = z
  .strictObject({
    /** The front door's reference for this request (keys the case when there is no consent; not kept then). */
    requestReference: reference,
    channel: z.enum(channels),
    partnerKind: z.enum(partnerKinds).optional(),
    requestedAt: recordInstant,
    consent: z.boolean(),
    familyReference: reference.optional(),
    locality: locality.optional(),
    homelessnessDuty: z.enum(['prevention', 'relief']).optional(),
    socialCareReference: reference.optional(),
    family: z
      .strictObject({
        children: z
          .array(z.strictObject({ name: personName, dateOfBirth }))
          .min(1, 'must name at least one child')
          .max(15),
        adults: z
          .array(z.strictObject({ name: personName, relationship: z.enum(['parent', 'carer']) }))
          .max(10)
          .default([]),
      })
      .optional(),
    needs: z
      .array(z.enum(needs))
      .min(1, 'must name at least one need from the outcome framework')
      .max(needs.length)
      .optional(),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.channel === 'partner' && !v.partnerKind) issue('partnerKind', "is required when the channel is 'partner'");
    if (v.channel !== 'partner' && v.partnerKind) issue('partnerKind', "is only for the channel 'partner'");
    if (v.homelessnessDuty && v.partnerKind !== 'housing')
      issue('homelessnessDuty', 'is only for a request from housing');
    if (!v.consent) {
      // Without consent nothing but the request's channel and date is kept: anything more is refused, never stored.
      for (const key of Object.keys(v)) {
        if (!(WITHOUT_CONSENT as readonly string[]).includes(key))
          issue(
            key,
            'must not be sent without the family’s consent: only the channel and date of the request are kept',
          );
      }
      return;
    }
    if (!v.familyReference) issue('familyReference', 'is required with the family’s consent');
    if (!v.locality) issue('locality', 'is required with the family’s consent (the locality team)');
    if (!v.family)
      issue(
        'family',
        'is required with the family’s consent: the children with their dates of birth, and the parents and carers',
      );
    if (!v.needs) issue('needs', 'is required with the family’s consent');
    else if (new Set(v.needs).size !== v.needs.length) issue('needs', 'must name each need once');
    if (v.channel === 'stepDownFromSocialCare' && !v.socialCareReference)
      issue('socialCareReference', 'is required for a step-down from social care');
    if (v.channel !== 'stepDownFromSocialCare' && v.socialCareReference)
      issue('socialCareReference', 'is only for a step-down from social care');
  });

const decisionFields = {
  route: z.enum(routes),
  reason: reason,
  partnerKind: z.enum(partnerKinds).optional(),
};
const partnerCheck = (v: { route: string; partnerKind?: string }, ctx: z.RefinementCtx) => {
  if (v.route === 'partnerLed' && !v.partnerKind)
    ctx.addIssue({
      code: 'custom',
      path: ['partnerKind'],
      message: 'is required for a partner-led episode (school, health, housing or other)',
    });
  if (v.route !== 'partnerLed' && v.partnerKind)
    ctx.addIssue({ code: 'custom', path: ['partnerKind'], message: "is only for route 'partnerLed'" });
};
export const frontDoorDecisionV1 = z.strictObject(decisionFields).superRefine(partnerCheck);
export const frontDoorDecisionV2 = z
  .strictObject({ ...decisionFields, childInNeed: z.boolean().optional() })
  .superRefine((v, ctx) => {
    partnerCheck(v, ctx);
    const episode = v.route === 'intensiveEpisode' || v.route === 'partnerLed';
    if (episode && v.childInNeed === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['childInNeed'],
        message: 'is required for a Family Help episode: is a child in need (Children Act 1989 s17)?',
      });
    if (!episode && v.childInNeed !== undefined)
      ctx.addIssue({ code: 'custom', path: ['childInNeed'], message: 'is only for a Family Help episode' });
  });

export const leadPractitioner = z.strictObject({
  userId: z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'must be the person’s RightTime sign-in id'),
  name: personName,
  email: z.email(),
  organisation: orgId,
  socialWorker: z.boolean(),
  schoolUrn: urn.optional(),
});
export const leadPractitionerAllocated = z.strictObject({
  allocatedAt: recordInstant,
  leadPractitioner,
  manager: person,
});
export const assessmentCompleted = z.strictObject({ completedOn: recordDate });
export const planAgreedV1 = z.strictObject({ agreedOn: recordDate });
export const planAgreedV2 = z.strictObject({
  agreedOn: recordDate,
  familyNetworkMeetingOffered: z.boolean({
    error: 'is required: was a family network meeting offered as part of the plan?',
  }),
});
export const teamAroundFamilyReviewHeld = z.strictObject({ heldOn: recordDate });
export const episodePaused = z.strictObject({
  reason: z.string().regex(/^[a-zA-Z]{1,40}$/, 'must be a pause reason code'),
  note: reason.optional(),
});
export const episodeResumed = z.strictObject({ note: reason.optional() });
export const steppedUpToSocialCare = z.strictObject({ reason });
export const episodeClosed = z.strictObject({
  closedOn: recordDate,
  outcome: z.enum(closureOutcomes).exclude(['steppedUpToSocialCare'], {
    error:
      'must be one of outcomesMet, needsPartlyMet, movedAway, familyChoseToEnd, ' +
      'steppedDownToFamilyHub (a step-up to social care is its own event, steppedUpToSocialCare)',
  }),
  needResults: z
    .array(z.strictObject({ need: z.enum(needs), result: z.enum(needResults) }))
    .min(1)
    .max(needs.length, `must give at most one result for each of the ${needs.length} needs`),
});
export const sustainCheckRecorded = z.strictObject({ checkedOn: recordDate, outcomesLasted: z.boolean() });
export const childProtectionPlanStarted = z.strictObject({
  startedOn: recordDate,
  leadPractitioner: leadPractitioner.optional(),
});
export const childProtectionPlanEnded = z.strictObject({ endedOn: recordDate });

export type RequestForSupport = z.output<typeof requestForSupport>;
export type FrontDoorDecision = z.output<typeof frontDoorDecisionV2>;
export type LeadPractitionerAllocated = z.output<typeof leadPractitionerAllocated>;
export type AssessmentCompleted = z.output<typeof assessmentCompleted>;
export type PlanAgreed = z.output<typeof planAgreedV1> & { familyNetworkMeetingOffered?: boolean };
export type TeamAroundFamilyReviewHeld = z.output<typeof teamAroundFamilyReviewHeld>;
export type EpisodePaused = z.output<typeof episodePaused>;
export type EpisodeResumed = z.output<typeof episodeResumed>;
export type SteppedUpToSocialCare = z.output<typeof steppedUpToSocialCare>;
export type EpisodeClosed = z.output<typeof episodeClosed>;
export type SustainCheckRecorded = z.output<typeof sustainCheckRecorded>;
export type ChildProtectionPlanStarted = z.output<typeof childProtectionPlanStarted>;
export type ChildProtectionPlanEnded = z.output<typeof childProtectionPlanEnded>;

/**
 * The school a lead practitioner named with a URN works at, looked up in the school directory by the
 * API (the rules check a lead's organisation against the partnership's directory, or this).
 */
export const LEAD_SCHOOL = 'leadPractitionerSchool';
const leadSchool = needsLookups(['school'], async (p: { leadPractitioner?: { schoolUrn?: string } }, { school }) => {
  const urn = p.leadPractitioner?.schoolUrn;
  if (!urn) return {};
  const found = await school(urn);
  return found ? { [LEAD_SCHOOL]: found } : {};
});

const event = defineEvent;
const FRONT_DOOR = ['front-door', 'team-leader'] as const;
const PRACTICE = ['lead-practitioner', 'team-leader'] as const;

const shared = {
  request: event({
    type: 'requestForSupport',
    title: 'Request for support',
    schema: requestForSupport,
    allowedRoles: ['front-door'],
    opensCase: true,
  }),
  allocated: event({
    type: 'leadPractitionerAllocated',
    title: 'Lead practitioner allocated',
    schema: leadPractitionerAllocated,
    allowedRoles: FRONT_DOOR,
    contextFor: leadSchool,
  }),
  assessed: event({
    type: 'assessmentCompleted',
    title: 'Assessment completed',
    schema: assessmentCompleted,
    allowedRoles: PRACTICE,
  }),
  reviewed: event({
    type: 'teamAroundFamilyReviewHeld',
    title: 'Team Around the Family review held',
    schema: teamAroundFamilyReviewHeld,
    allowedRoles: PRACTICE,
  }),
  paused: event({
    type: 'episodePaused',
    title: 'Episode paused',
    schema: episodePaused,
    allowedRoles: ['team-leader'],
  }),
  resumed: event({
    type: 'episodeResumed',
    title: 'Episode resumed',
    schema: episodeResumed,
    allowedRoles: ['team-leader', 'lead-practitioner'],
  }),
  steppedUp: event({
    type: 'steppedUpToSocialCare',
    title: 'Stepped up to social care',
    schema: steppedUpToSocialCare,
    allowedRoles: ['front-door', 'lead-practitioner', 'team-leader'],
  }),
  closed: event({ type: 'episodeClosed', title: 'Episode closed', schema: episodeClosed, allowedRoles: PRACTICE }),
  sustain: event({
    type: 'sustainCheckRecorded',
    title: 'Six-month check recorded',
    schema: sustainCheckRecorded,
    allowedRoles: PRACTICE,
    onClosedCase: true,
  }),
};

export const eventsV1 = [
  shared.request,
  event({
    type: 'frontDoorDecision',
    title: 'Front door decision',
    schema: frontDoorDecisionV1,
    allowedRoles: FRONT_DOOR,
  }),
  shared.allocated,
  shared.assessed,
  event({ type: 'planAgreed', title: 'Family plan agreed', schema: planAgreedV1, allowedRoles: PRACTICE }),
  shared.reviewed,
  shared.paused,
  shared.resumed,
  shared.steppedUp,
  shared.closed,
  shared.sustain,
];

export const eventsV2 = [
  shared.request,
  event({
    type: 'frontDoorDecision',
    title: 'Front door decision',
    schema: frontDoorDecisionV2,
    allowedRoles: FRONT_DOOR,
  }),
  shared.allocated,
  shared.assessed,
  event({ type: 'planAgreed', title: 'Family plan agreed', schema: planAgreedV2, allowedRoles: PRACTICE }),
  shared.reviewed,
  shared.paused,
  shared.resumed,
  event({
    type: 'childProtectionPlanStarted',
    title: 'Child protection plan started',
    schema: childProtectionPlanStarted,
    allowedRoles: PRACTICE,
    contextFor: leadSchool,
  }),
  event({
    type: 'childProtectionPlanEnded',
    title: 'Child protection plan ended',
    schema: childProtectionPlanEnded,
    allowedRoles: PRACTICE,
  }),
  shared.steppedUp,
  shared.closed,
  shared.sustain,
];

/**
 * One case per family per council (its family reference), so a step-down for a family whose earlier
 * episode closed opens the next episode, linked; a request without consent is keyed by its own reference.
 */
export const caseKeyOf = (payload: RequestForSupport, actorOrganisation: string) =>
  payload?.consent && payload.familyReference
    ? `${actorOrganisation}|family|${String(payload.familyReference).trim().toUpperCase()}`
    : `${actorOrganisation}|request|${String(payload?.requestReference ?? '')
        .trim()
        .toUpperCase()}`;

/** The day a request is about: its requestedAt, as sent (undefined when it is not an instant). */
export function openingDay(payload: unknown): string | undefined {
  const at = (payload as { requestedAt?: unknown } | null | undefined)?.requestedAt;
  if (typeof at !== 'string') return undefined;
  const parsed = recordInstant.safeParse(at);
  return parsed.success ? londonDateOf(new Date(parsed.data)) : undefined;
}
