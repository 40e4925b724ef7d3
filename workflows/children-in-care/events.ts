/**
 * Children in care, reviews and visits: its events, each a strict payload schema (an unknown field is
 * refused, never stored) and who may record it; each one's rule is in rules.ts.
 */
import * as z from 'zod';
import { defineEvent } from '#core/process/definition';
import { dateOfBirth, person, personName, recordDate, recordInstant, reference, text } from '#core/schema/index';
import { leavingCareReasons } from './details';

const untilEighteen = z.boolean().meta({
  title: 'The placement is meant to last until the child is 18',
  description: 'After its first year, visits are then due every 3 months rather than every 6 weeks',
});

export const childLookedAfter = z.strictObject({
  caseReference: reference.meta({
    title: "The council's case reference",
    description: 'The same reference as the child’s initial health assessment, so the two are linked',
  }),
  child: z.strictObject({ name: personName.meta({ title: 'Full name' }), dateOfBirth }).meta({ title: 'Child' }),
  enteredCareAt: recordInstant.meta({ title: 'When the child became looked after (the first placement starts then)' }),
  placementUntilEighteen: untilEighteen,
  socialWorker: person.meta({ title: 'Social worker' }),
  manager: person.meta({ title: 'Their manager' }),
  independentReviewingOfficer: person
    .meta({ title: 'Independent reviewing officer', description: 'If already appointed' })
    .optional(),
});

export const reviewHeld = z.strictObject({
  heldOn: recordDate.meta({ title: 'Date of the review' }),
  independentReviewingOfficer: person.meta({ title: 'Independent reviewing officer who chaired it' }),
});

export const visitMade = z.strictObject({
  visitedOn: recordDate.meta({ title: 'Date of the visit' }),
  seenAlone: z.boolean().meta({ title: 'The child was seen alone (if they wished)' }).optional(),
});

export const placementMoved = z.strictObject({
  movedOn: recordDate.meta({ title: 'Date the new placement started' }),
  untilEighteen,
});

export const reviewingOfficerAppointed = z.strictObject({
  independentReviewingOfficer: person.meta({ title: 'Independent reviewing officer' }),
});

export const childLeftCare = z
  .strictObject({
    leftOn: recordDate.meta({ title: 'Date the child left care' }),
    reason: z.enum(leavingCareReasons).meta({ title: 'Why the child left care' }),
    reasonText: text({ max: 300, multiline: true }).meta({ title: 'More detail' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.reasonText)
      ctx.addIssue({ code: 'custom', path: ['reasonText'], message: "is required when reason is 'other'" });
  });

export type ChildLookedAfter = z.output<typeof childLookedAfter>;
export type ReviewHeld = z.output<typeof reviewHeld>;
export type VisitMade = z.output<typeof visitMade>;
export type PlacementMoved = z.output<typeof placementMoved>;
export type ReviewingOfficerAppointed = z.output<typeof reviewingOfficerAppointed>;
export type ChildLeftCare = z.output<typeof childLeftCare>;

const event = defineEvent;
/** The council's social workers and their managers record the child's care. */
const PRACTICE = ['lead-practitioner', 'team-leader', 'service-manager'] as const;

export const events = [
  event({
    type: 'childLookedAfter',
    title: 'Child became looked after',
    schema: childLookedAfter,
    allowedRoles: ['front-door', 'lead-practitioner'],
    opensCase: true,
  }),
  event({ type: 'reviewHeld', title: 'Review held', schema: reviewHeld, allowedRoles: PRACTICE }),
  event({ type: 'visitMade', title: 'Visit made', schema: visitMade, allowedRoles: PRACTICE }),
  event({ type: 'placementMoved', title: 'Placement moved', schema: placementMoved, allowedRoles: PRACTICE }),
  event({
    type: 'reviewingOfficerAppointed',
    title: 'Independent reviewing officer appointed',
    schema: reviewingOfficerAppointed,
    allowedRoles: PRACTICE,
  }),
  event({ type: 'childLeftCare', title: 'Child left care', schema: childLeftCare, allowedRoles: PRACTICE }),
];

/**
 * One case per child per council, by the council's own case reference: the same key as the child's
 * initial health assessment, so the two are linked; a child re-entering care opens a new episode.
 */
export const caseKeyOf = (payload: ChildLookedAfter, actorOrganisation: string) =>
  `${actorOrganisation}|${String(payload?.caseReference ?? '')
    .trim()
    .toUpperCase()}`;
