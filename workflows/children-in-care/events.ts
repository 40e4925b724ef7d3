/**
 * Children in care, reviews and visits: its events, each a strict payload schema (an unknown field is
 * refused, never stored) and who may record it; each one's rule is in rules.ts.
 */

import { defineEvent } from '#core/process/definition';
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
import { leavingCareReasons } from './details';

// The words the pages' forms and case pages use for each field and value (`.meta`, core/schema FieldWords).
const LEAVING_CHOICES: Record<(typeof leavingCareReasons)[number], string> = {
  returnedToFamily: 'Returned to their family',
  specialGuardianship: 'Special guardianship order',
  childArrangementsOrder: 'Child arrangements order',
  adoption: 'Adoption',
  careTransferredToAnotherAuthority: 'Care transferred to another local authority',
  other: 'Another reason',
};

const untilEighteen = z.boolean().check(
  z.meta(
    fieldWords({
      title: 'The placement is meant to last until the child is 18',
      description: 'After its first year, visits are then due every 3 months rather than every 6 weeks',
      errorName: 'whether the placement is meant to last until the child is 18',
    }),
  ),
);

export const childLookedAfter = z.strictObject({
  caseReference: reference.check(
    z.meta(
      fieldWords({
        title: "The council's case reference",
        description: 'The same reference as the child’s initial health assessment, so the two are linked',
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
  enteredCareAt: recordInstant.check(
    z.meta(
      fieldWords({
        title: 'When the child became looked after (the first placement starts then)',
        errorName: 'the date and time the child became looked after',
        section: 'Entering care',
      }),
    ),
  ),
  placementUntilEighteen: untilEighteen,
  socialWorker: person.check(
    z.meta(fieldWords({ title: 'Social worker', errorName: 'the social worker', section: 'Social work' })),
  ),
  manager: person.check(z.meta(fieldWords({ title: 'Their manager', errorName: 'their manager' }))),
  independentReviewingOfficer: z.optional(
    person.check(
      z.meta(
        fieldWords({
          title: 'Independent reviewing officer',
          description: 'If already appointed',
          errorName: 'the independent reviewing officer',
        }),
      ),
    ),
  ),
});

export const reviewHeld = z.strictObject({
  heldOn: recordDate.check(z.meta({ title: 'Date of the review' })),
  independentReviewingOfficer: person.check(z.meta({ title: 'Independent reviewing officer who chaired it' })),
});

export const visitMade = z.strictObject({
  visitedOn: recordDate.check(z.meta({ title: 'Date of the visit' })),
  seenAlone: z.optional(z.boolean().check(z.meta({ title: 'The child was seen alone (if they wished)' }))),
});

export const placementMoved = z.strictObject({
  movedOn: recordDate.check(z.meta({ title: 'Date the new placement started' })),
  untilEighteen,
});

export const reviewingOfficerAppointed = z.strictObject({
  independentReviewingOfficer: person.check(z.meta({ title: 'Independent reviewing officer' })),
});

export const childLeftCare = z
  .strictObject({
    leftOn: recordDate.check(z.meta({ title: 'Date the child left care' })),
    reason: z.enum(leavingCareReasons).check(
      z.meta(
        fieldWords({
          title: 'Why the child left care',
          errorName: 'why the child left care',
          choices: LEAVING_CHOICES,
        }),
      ),
    ),
    reasonText: z.optional(
      text({ max: 300, multiline: true }).check(
        z.meta(fieldWords({ title: 'More detail', errorName: 'a few words on why', when: { reason: 'other' } })),
      ),
    ),
  })
  .check(z.superRefine(otherNeedsItsText('reason', 'reasonText')));

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
