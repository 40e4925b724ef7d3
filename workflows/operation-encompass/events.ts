/**
 * Operation Encompass: its events, each a strict payload schema (nothing about who did what, where, or
 * what happened can be stored) and who may record it; each one's rule is in rules.ts.
 */

import { type ContextLookups, defineEvent, type Submission } from '#core/process/definition';
import {
  dateOfBirth,
  fieldWords,
  instant,
  normaliseText,
  organisationId,
  otherNeedsItsText,
  personName,
  recordInstant,
  reference,
  text,
  URN_PATTERN,
  urn,
} from '#core/schema/index';
import * as z from '#core/schema/zod';
import { isUrn } from '#core/schools/model';
import { administratorClosureReasons, NOT_KNOWN } from './details';

// ---------------------------------------------------------------------------------------------
// Police submission: strict, so nothing about who did what, where, or what happened can be stored.
// ---------------------------------------------------------------------------------------------

// Dates, instants, names, references and URNs come from core/schema: a date of birth from 1990, police
// attendance from 2000, nothing after 2099; the rules narrow attendance to the weeks before the
// notification is sent, and the child's age to the years Operation Encompass covers.
const ukPhone = z.string().check(z.trim(), z.regex(/^(\+44\s?|0)[\d\s]{9,13}$/, 'must be a UK phone number'));
const schoolUrn = z.union([
  z.string().check(z.regex(URN_PATTERN, "must be a 6-digit URN or 'not known'")),
  z.literal(NOT_KNOWN),
]);

export const policeContact = z
  .strictObject({ name: z.optional(text({ max: 80 })), desk: z.optional(text({ max: 80 })), phone: ukPhone })
  .check(z.refine((c) => c.name || c.desk, { message: 'give a name or a desk', path: ['name'] }));

export const childNotified = z.strictObject({
  name: personName,
  dateOfBirth,
  schoolUrn,
  /**
   * The council of the child's home address (a council of the partnership's directory), when police know
   * it: a child whose school is not known, or not in the directory, goes to that council's education
   * safeguarding lead to find the school. Without it, the council the sending force covers (when it covers
   * one), else the partnership's default local authority. The rules refuse a council not in the directory.
   */
  homeCouncil: z.optional(organisationId),
  present: z.boolean(),
  welfareCheck: z.boolean(),
  policeContact,
});

const incidentReference = reference;
const attendedAt = recordInstant;

export const policeSubmission = z.strictObject({
  forceIncidentReference: incidentReference,
  attendedAt,
  children: z.array(childNotified).check(z.minLength(1), z.maxLength(1000)),
});

/** The opening event of one child's case. */
export const policeNotification = z.strictObject({
  forceIncidentReference: incidentReference,
  attendedAt,
  child: childNotified,
});

export const acknowledged = z.strictObject({
  supportOffered: z.optional(
    z
      .boolean()
      .check(
        z.meta(
          fieldWords({ title: 'Has the school offered the child support?', errorName: 'whether support was offered' }),
        ),
      ),
  ),
});
const schoolUrnField = urn.check(
  z.meta(
    fieldWords({
      title: 'School URN',
      description: "The school's 6-digit unique reference number, for example 100001",
      errorName: 'the school URN',
    }),
  ),
);
export const schoolIdentified = z.strictObject({ schoolUrn: schoolUrnField });
export const redirected = z.strictObject({
  schoolUrn: schoolUrnField,
  reason: z.enum(['changedSchool', 'wrongSchool']).check(
    z.meta(
      fieldWords({
        title: 'Why it goes to another school',
        errorName: 'why it goes to another school',
        choices: { changedSchool: 'The child has changed school', wrongSchool: 'It was sent to the wrong school' },
      }),
    ),
  ),
});
/** The directory entry of the case's school changed (e.g. a new Key Adult); sent by the API, not typed by people. */
export const schoolDetailsChanged = z.strictObject({ schoolUrn: urn, directoryUpdatedAt: instant });

export const amended = z
  .strictObject({
    child: z.optional(
      z.strictObject({
        name: z.optional(personName),
        dateOfBirth: z.optional(dateOfBirth),
        present: z.optional(z.boolean()),
        welfareCheck: z.optional(z.boolean()),
      }),
    ),
    policeContact: z.optional(policeContact),
  })
  .check(z.refine((a) => a.child || a.policeContact, { message: 'say what is corrected' }));

/**
 * An administrator (the local authority's, or the partnership's) closes a notification that cannot be
 * acknowledged, e.g. the child has left the school: its clock no longer applies, its timers are
 * cancelled and the child's details are removed at once. Audited as every applied event is.
 */
export const closedByAdministrator = z
  .strictObject({
    reason: z.enum(administratorClosureReasons).check(
      z.meta(
        fieldWords({
          title: 'Why it is closed',
          errorName: 'why the notification is closed',
          choices: {
            childLeftSchool: 'The child has left the school',
            schoolNotKnown: "The child's school is not known",
            other: 'Other',
          },
        }),
      ),
    ),
    reasonText: z.optional(
      text({ max: 300, multiline: true }).check(
        z.meta(
          fieldWords({
            title: 'More detail',
            errorName: 'more detail about why it is closed',
            when: { reason: 'other' },
            requiredWhenAsked: true,
          }),
        ),
      ),
    ),
  })
  .check(z.superRefine(otherNeedsItsText('reason', 'reasonText')));

export type PoliceNotification = z.output<typeof policeNotification>;
export type Acknowledged = z.output<typeof acknowledged>;
export type SchoolIdentified = z.output<typeof schoolIdentified>;
export type Redirected = z.output<typeof redirected>;
export type SchoolDetailsChanged = z.output<typeof schoolDetailsChanged>;
export type Amended = z.output<typeof amended>;
export type ClosedByAdministrator = z.output<typeof closedByAdministrator>;

/** The school named in an event, looked up by the API so the rules need no read. */
async function schoolContext(urn: string, lookups: ContextLookups) {
  if (!isUrn(urn)) return {};
  const school = await lookups.school(urn);
  return school ? { school } : {};
}

const event = defineEvent;

export const events = [
  event({
    type: 'policeNotification',
    title: 'Police notification',
    schema: policeNotification,
    allowedRoles: ['police'],
    opensCase: true,
    contextFor: (p, lookups) => schoolContext(p.child.schoolUrn, lookups),
  }),
  event({
    type: 'acknowledged',
    title: 'Acknowledged by the school',
    schema: acknowledged,
    allowedRoles: ['school-key-adult'],
  }),
  event({
    type: 'schoolIdentified',
    title: 'School found',
    schema: schoolIdentified,
    allowedRoles: ['administrator'],
    contextFor: (p, lookups) => schoolContext(p.schoolUrn, lookups),
  }),
  event({
    type: 'redirected',
    title: 'Redirected to another school',
    schema: redirected,
    allowedRoles: ['administrator', 'police'],
    contextFor: (p, lookups) => schoolContext(p.schoolUrn, lookups),
  }),
  event({ type: 'amended', title: 'Corrected by police', schema: amended, allowedRoles: ['police'] }),
  event({
    type: 'closedByAdministrator',
    title: 'Closed by an administrator',
    schema: closedByAdministrator,
    allowedRoles: ['administrator', 'partnership-administrator'],
  }),
  event({
    type: 'schoolDetailsChanged',
    title: 'School directory changed',
    schema: schoolDetailsChanged,
    allowedRoles: ['administrator', 'partnership-administrator'],
    contextFor: (p, lookups) => schoolContext(p.schoolUrn, lookups),
  }),
];

/** Police notify about an incident with several children: one opening event per child. */
export const submission: Submission = {
  title: 'Police notification of an incident',
  schema: policeSubmission,
  allowedRoles: ['police'],
  split: (s: z.output<typeof policeSubmission>) =>
    s.children.map((child) => ({ forceIncidentReference: s.forceIncidentReference, attendedAt: s.attendedAt, child })),
};

/**
 * The child's name as the case key uses it: normalised as the schema does (NFC, trimmed),
 * lower case, whether or not it was parsed yet.
 */
function keyName(name: string): string {
  const normal = normaliseText(name, { max: Number.MAX_SAFE_INTEGER });
  return (normal.ok ? normal.value : name.trim()).toLowerCase();
}

/** One case per child per incident reported by one force. */
export const caseKeyOf = (payload: PoliceNotification, org: string) =>
  `${org}|${String(payload?.forceIncidentReference ?? '')
    .trim()
    .toUpperCase()}|${keyName(String(payload?.child?.name ?? ''))}|${payload?.child?.dateOfBirth ?? ''}`;
