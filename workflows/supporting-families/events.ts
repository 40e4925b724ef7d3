/**
 * Supporting Families / Family Help: its events, each a strict payload schema (an unknown field is
 * refused, never stored) and who may record it; each one's rule is in rules.ts. Version 2
 * (Family Help) adds what Family Help asks: whether a child is in need (section 17), child
 * protection plans, and the family network meeting.
 */

import { londonDateOf } from '#core/calendar/index';
import { defineEvent, needsLookups } from '#core/process/definition';
import {
  dateOfBirth,
  fieldWords,
  person,
  personName,
  recordDate,
  recordInstant,
  reference,
  text,
  urn,
} from '#core/schema/index';
import * as z from '#core/schema/zod';
import { channels, closureOutcomes, needResults, needs, needWords, partnerKinds, routes } from './details';

// The words the pages' forms and case pages use for each field and value (`.meta`, core/schema FieldWords).
const CHANNEL_CHOICES: Record<(typeof channels)[number], string> = {
  familyHub: 'At a Family Hub',
  telephone: 'By telephone',
  onlineForm: 'Through the online form',
  mashDiversion: 'Diverted from the MASH',
  stepDownFromSocialCare: 'Step-down from social care',
  partner: 'From a partner (a school, health, housing or another partner)',
};
const PARTNER_CHOICES: Record<(typeof partnerKinds)[number], string> = {
  school: 'A school',
  health: 'Health',
  housing: 'Housing',
  other: 'Another partner',
};
const ROUTE_CHOICES: Record<(typeof routes)[number], string> = {
  intensiveEpisode: 'An intensive episode of family support (three or more needs)',
  partnerLed: 'Partner-led early help',
  familyHubOffer: 'The Family Hub universal offer',
  stepUpToMash: 'A step-up to the MASH for a safeguarding decision',
};
const OUTCOME_CHOICES: Record<(typeof closureOutcomes)[number], string> = {
  outcomesMet: 'Outcomes met: every identified need improved',
  needsPartlyMet: 'Some of the family’s needs met',
  steppedUpToSocialCare: 'Stepped up to social care',
  movedAway: 'The family moved away',
  familyChoseToEnd: 'The family chose to end support',
  steppedDownToFamilyHub: 'Continuing with the Family Hub offer',
};
const RESULT_CHOICES: Record<(typeof needResults)[number], string> = {
  improved: 'Improved',
  unchanged: 'No change',
  notImproved: 'Not yet improved',
};
const YES_CONSENT = 'Does the family agree to the request being shared?';

const orgId = z
  .string()
  .check(z.regex(/^[a-z0-9-]+$/, 'must be an organisation id (lower-case letters, digits and hyphens)'));
const locality = z
  .string()
  .check(z.regex(/^[a-z0-9-]{1,40}$/, 'must be a locality team id (lower-case letters, digits and hyphens)'));
const reason = text({ max: 500, multiline: true });

/**
 * What a request without the family's consent may carry: nothing but its channel
 * and date (and the reference that keys it).
 */
export const WITHOUT_CONSENT = [
  'requestReference',
  'channel',
  'partnerKind',
  'requestedAt',
  'consent',
  'council',
] as const;

export const requestForSupport = z
  .strictObject({
    /** The front door's reference for this request (keys the case when there is no consent; not kept then). */
    requestReference: reference.check(
      z.meta(
        fieldWords({
          title: 'Request reference',
          description: 'Your own reference for this request, for example RFS-27-0042',
          errorName: 'the request reference',
          section: 'The request',
        }),
      ),
    ),
    channel: z.enum(channels).check(
      z.meta(
        fieldWords({
          title: 'How did the request come?',
          errorName: 'how the request came',
          choices: CHANNEL_CHOICES,
          setFor: { school: 'partner' },
        }),
      ),
    ),
    partnerKind: z.optional(
      z.enum(partnerKinds).check(
        z.meta(
          fieldWords({
            title: 'Which partner asked?',
            errorName: 'which partner asked',
            choices: PARTNER_CHOICES,
            when: { channel: 'partner' },
            requiredWhenAsked: true,
            setFor: { school: 'school' },
          }),
        ),
      ),
    ),
    requestedAt: recordInstant.check(
      z.meta(fieldWords({ title: 'When the request came', errorName: 'the date and time the request came' })),
    ),
    /**
     * The council whose front door receives a request a partner sends (a school): required of a partner,
     * and a council's own front door may leave it out (its own council).
     */
    council: z.optional(
      orgId.check(
        z.meta(
          fieldWords({
            title: 'Which council should receive the request?',
            description: 'The council for where the family lives',
            errorName: 'the council that should receive the request',
            setFor: { council: null },
          }),
        ),
      ),
    ),
    consent: z.boolean().check(
      z.meta(
        fieldWords({
          title: YES_CONSENT,
          description: 'Without the family’s agreement only how and when the request came is kept',
          errorName: 'whether the family agree to the request being shared',
          section: 'The family’s agreement',
        }),
      ),
    ),
    familyReference: z.optional(
      reference.check(
        z.meta(
          fieldWords({
            title: 'Family reference',
            description: 'The council’s reference for the family, for example FAM-1001',
            errorName: 'the family reference',
            when: { consent: true },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    locality: z.optional(
      locality.check(
        z.meta(
          fieldWords({
            title: 'Locality team',
            description: 'For example, north',
            errorName: 'the locality team',
            when: { consent: true },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    homelessnessDuty: z.optional(
      z.enum(['prevention', 'relief']).check(
        z.meta(
          fieldWords({
            title: 'Homelessness duty owed, if any',
            errorName: 'the homelessness duty owed',
            choices: { prevention: 'Prevention duty', relief: 'Relief duty' },
            when: { partnerKind: 'housing' },
          }),
        ),
      ),
    ),
    socialCareReference: z.optional(
      reference.check(
        z.meta(
          fieldWords({
            title: 'Social care reference',
            errorName: 'the social care reference',
            when: { channel: 'stepDownFromSocialCare' },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
    family: z.optional(
      z
        .strictObject({
          children: z
            .array(
              z.strictObject({
                name: personName,
                dateOfBirth: dateOfBirth.check(z.meta(fieldWords({ title: 'Date of birth', dateOfBirth: true }))),
              }),
            )
            .check(
              z.minLength(1, 'must name at least one child'),
              z.maxLength(15),
              z.meta(fieldWords({ title: 'Children', errorName: 'at least one child' })),
            ),
          adults: z
            ._default(
              z
                .array(
                  z.strictObject({
                    name: personName,
                    relationship: z
                      .enum(['parent', 'carer'])
                      .check(
                        z.meta(fieldWords({ title: 'Relationship', choices: { parent: 'Parent', carer: 'Carer' } })),
                      ),
                  }),
                )
                .check(z.maxLength(10)),
              [],
            )
            .check(z.meta(fieldWords({ title: 'Parents and carers', errorName: 'the parents and carers' }))),
        })
        .check(
          z.meta(
            fieldWords({
              title: 'The family',
              errorName: 'the family',
              when: { consent: true },
              requiredWhenAsked: true,
              section: 'The family',
            }),
          ),
        ),
    ),
    needs: z.optional(
      z.array(z.enum(needs).check(z.meta(fieldWords({ title: 'Need', choices: needWords })))).check(
        z.minLength(1, 'must name at least one need from the outcome framework'),
        z.maxLength(needs.length),
        z.meta(
          fieldWords({
            title: 'What the family want help with',
            description: 'Select all that apply',
            errorName: 'what the family want help with',
            when: { consent: true },
            requiredWhenAsked: true,
            section: 'What the family want help with',
          }),
        ),
      ),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
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
    }),
  );

const decisionFields = {
  route: z.enum(routes).check(z.meta(fieldWords({ title: 'Route', errorName: 'the route', choices: ROUTE_CHOICES }))),
  reason: reason.check(
    z.meta(fieldWords({ title: 'Reason for the decision', errorName: 'the reason for the decision' })),
  ),
  partnerKind: z.optional(
    z.enum(partnerKinds).check(
      z.meta(
        fieldWords({
          title: 'Which partner leads?',
          errorName: 'which partner leads',
          choices: PARTNER_CHOICES,
          when: { route: 'partnerLed' },
          requiredWhenAsked: true,
        }),
      ),
    ),
  ),
};
const partnerCheck = (v: { route: string; partnerKind?: string }, ctx: z.core.$RefinementCtx) => {
  if (v.route === 'partnerLed' && !v.partnerKind)
    ctx.addIssue({
      code: 'custom',
      path: ['partnerKind'],
      message: 'is required for a partner-led episode (school, health, housing or other)',
    });
  if (v.route !== 'partnerLed' && v.partnerKind)
    ctx.addIssue({ code: 'custom', path: ['partnerKind'], message: "is only for route 'partnerLed'" });
};
export const frontDoorDecisionV1 = z.strictObject(decisionFields).check(z.superRefine(partnerCheck));
export const frontDoorDecisionV2 = z
  .strictObject({
    ...decisionFields,
    childInNeed: z.optional(
      z.boolean().check(
        z.meta(
          fieldWords({
            title: 'Is a child in need (Children Act 1989, section 17)?',
            errorName: 'whether a child is in need',
            when: { route: ['intensiveEpisode', 'partnerLed'] },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
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
    }),
  );

export const leadPractitioner = z
  .strictObject({
    userId: z.string().check(
      z.regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'must be the person’s RightTime sign-in id'),
      z.meta(
        fieldWords({
          title: 'RightTime sign-in ID',
          description: 'As their administrator gave it: they see the episodes they lead',
          errorName: 'the lead practitioner’s RightTime sign-in ID',
        }),
      ),
    ),
    name: personName.check(z.meta(fieldWords({ title: 'Full name', errorName: 'the lead practitioner’s full name' }))),
    email: z
      .email()
      .check(z.meta(fieldWords({ title: 'Email address', errorName: 'the lead practitioner’s email address' }))),
    organisation: orgId.check(
      z.meta(
        fieldWords({
          title: 'Organisation',
          description: 'Their organisation’s ID in the partnership directory, or their school’s',
          errorName: 'the lead practitioner’s organisation',
        }),
      ),
    ),
    socialWorker: z
      .boolean()
      .check(
        z.meta(
          fieldWords({ title: 'Are they a registered social worker?', errorName: 'whether they are a social worker' }),
        ),
      ),
    schoolUrn: z.optional(
      urn.check(
        z.meta(
          fieldWords({
            title: 'School URN, if they work at a school',
            description: 'The school’s 6-digit unique reference number',
            errorName: 'the school URN',
          }),
        ),
      ),
    ),
  })
  .check(z.meta(fieldWords({ title: 'Lead practitioner', errorName: 'the lead practitioner' })));
export const leadPractitionerAllocated = z.strictObject({
  allocatedAt: recordInstant.check(
    z.meta(fieldWords({ title: 'When they were allocated', errorName: 'the date and time they were allocated' })),
  ),
  leadPractitioner,
  manager: person.check(z.meta(fieldWords({ title: 'Their manager', errorName: 'their manager' }))),
});
const on = (title: string, errorName: string) => recordDate.check(z.meta(fieldWords({ title, errorName })));
const note = z.optional(reason.check(z.meta(fieldWords({ title: 'Note', errorName: 'the note' }))));
export const assessmentCompleted = z.strictObject({
  completedOn: on('Date the assessment was completed', 'the date the assessment was completed'),
});
export const planAgreedV1 = z.strictObject({
  agreedOn: on('Date the family plan was agreed', 'the date the family plan was agreed'),
});
export const planAgreedV2 = z.strictObject({
  agreedOn: on('Date the family plan was agreed', 'the date the family plan was agreed'),
  familyNetworkMeetingOffered: z
    .boolean({
      error: 'is required: was a family network meeting offered as part of the plan?',
    })
    .check(
      z.meta(
        fieldWords({
          title: 'Was a family network meeting offered as part of the plan?',
          errorName: 'whether a family network meeting was offered',
        }),
      ),
    ),
});
export const teamAroundFamilyReviewHeld = z.strictObject({
  heldOn: on('Date the review was held', 'the date the review was held'),
});
export const episodePaused = z.strictObject({
  reason: z
    .string()
    .check(
      z.regex(/^[a-zA-Z]{1,40}$/, 'must be a pause reason code'),
      z.meta(fieldWords({ title: 'Why the episode is paused', errorName: 'why the episode is paused' })),
    ),
  note,
});
export const episodeResumed = z.strictObject({ note });
/** A lead practitioner asks their team leader to pause the episode; the team leader's pause is the approval. */
export const pauseRequested = z.strictObject({
  reason: z
    .string()
    .check(
      z.regex(/^[a-zA-Z]{1,40}$/, 'must be a pause reason code'),
      z.meta(fieldWords({ title: 'Why a pause would help', errorName: 'why a pause would help' })),
    ),
  note,
});
/** The team leader answers a request to pause: the episode carries on, with their words why. */
export const pauseNotAgreed = z.strictObject({
  note: reason.check(
    z.meta(fieldWords({ title: 'Why the episode carries on', errorName: 'why the episode carries on' })),
  ),
});
export const steppedUpToSocialCare = z.strictObject({
  reason: reason.check(
    z.meta(fieldWords({ title: 'Why support is stepped up', errorName: 'why support is stepped up' })),
  ),
});
export const episodeClosed = z.strictObject({
  closedOn: on('Date the episode closed', 'the date the episode closed'),
  // every outcome but a step-up to social care, which is its own event
  outcome: z
    .enum(
      closureOutcomes.filter(
        (o): o is Exclude<(typeof closureOutcomes)[number], 'steppedUpToSocialCare'> => o !== 'steppedUpToSocialCare',
      ),
      {
        error:
          'must be one of outcomesMet, needsPartlyMet, movedAway, familyChoseToEnd, ' +
          'steppedDownToFamilyHub (a step-up to social care is its own event, steppedUpToSocialCare)',
      },
    )
    .check(z.meta(fieldWords({ title: 'Outcome', errorName: 'the outcome', choices: OUTCOME_CHOICES }))),
  needResults: z
    .array(
      z.strictObject({
        need: z.enum(needs).check(z.meta(fieldWords({ title: 'Need', errorName: 'the need', choices: needWords }))),
        result: z
          .enum(needResults)
          .check(z.meta(fieldWords({ title: 'Result', errorName: 'the result', choices: RESULT_CHOICES }))),
      }),
    )
    .check(
      z.minLength(1),
      z.maxLength(needs.length, `must give at most one result for each of the ${needs.length} needs`),
      z.meta(fieldWords({ title: 'Result for each need', errorName: 'a result for each need' })),
    ),
});
export const sustainCheckRecorded = z.strictObject({
  checkedOn: on('Date of the check', 'the date of the check'),
  outcomesLasted: z
    .boolean()
    .check(z.meta(fieldWords({ title: 'Have the outcomes lasted?', errorName: 'whether the outcomes have lasted' }))),
});
export const childProtectionPlanStarted = z.strictObject({
  startedOn: on('Date the plan started', 'the date the plan started'),
  leadPractitioner: z.optional(
    leadPractitioner.check(
      z.meta(
        fieldWords({
          title: 'New lead practitioner (a social worker), if they change',
          errorName: 'the new lead practitioner',
        }),
      ),
    ),
  ),
});
export const childProtectionPlanEnded = z.strictObject({
  endedOn: on('Date the plan ended', 'the date the plan ended'),
});

export type RequestForSupport = z.output<typeof requestForSupport>;
export type FrontDoorDecision = z.output<typeof frontDoorDecisionV2>;
export type LeadPractitionerAllocated = z.output<typeof leadPractitionerAllocated>;
export type AssessmentCompleted = z.output<typeof assessmentCompleted>;
export type PlanAgreed = z.output<typeof planAgreedV1> & { familyNetworkMeetingOffered?: boolean };
export type TeamAroundFamilyReviewHeld = z.output<typeof teamAroundFamilyReviewHeld>;
export type EpisodePaused = z.output<typeof episodePaused>;
export type EpisodeResumed = z.output<typeof episodeResumed>;
export type PauseRequested = z.output<typeof pauseRequested>;
export type PauseNotAgreed = z.output<typeof pauseNotAgreed>;
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
    // A council's front door, and a school's staff asking for support for a family (access.ts: of a school).
    allowedRoles: ['front-door', 'school-key-adult', 'lead-practitioner'],
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
  pauseRequested: event({
    type: 'pauseRequested',
    title: 'Pause asked for',
    schema: pauseRequested,
    allowedRoles: ['lead-practitioner'],
  }),
  pauseNotAgreed: event({
    type: 'pauseNotAgreed',
    title: 'Pause not agreed',
    schema: pauseNotAgreed,
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
  shared.pauseRequested,
  shared.paused,
  shared.pauseNotAgreed,
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
  shared.pauseRequested,
  shared.paused,
  shared.pauseNotAgreed,
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
