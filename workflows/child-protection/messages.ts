/**
 * Child protection: what its messages say and who receives them. Messages carry the case code and dates,
 * never the child's or family's details, and a link to sign in; they are calm and specific, and say what
 * is due, by when and what to do, never who is at fault.
 */
import { mailboxRecipient, type PartnershipConfig } from '#core/partnership/config';
import type { Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { CpDetails } from './details';
import { settingsFor } from './settings';

const signIn = 'Sign in to RightTime to see the case and record what has happened: {link}';

/** Messages sent at the clocks' checkpoints: before the deadline, on its day, and when it has passed. */
export const checkpointMessages = {
  initialConferenceReminder: {
    subject: 'Initial child protection conference for {caseCode} due by {due}',
    body:
      'The initial child protection conference for case {caseCode} is due by {due}, 15 working days from ' +
      'the last strategy discussion. Please make sure it is booked and the family and agencies invited. ' +
      signIn,
  },
  initialConferenceDueToday: {
    subject: 'Initial child protection conference for {caseCode} is due today',
    body:
      'The initial child protection conference for case {caseCode} is due today, by {due}. ' +
      'If it has been held, please record it. ' +
      signIn,
  },
  initialConferenceDue: {
    subject: 'Initial child protection conference for {caseCode} was due by {due}',
    body:
      'The initial child protection conference for case {caseCode} was due by {due} and is not recorded as ' +
      'held. Please agree together the soonest date it can be held, and record it when it is. ' +
      signIn,
  },
  coreGroupReminder: {
    subject: 'First core group for {caseCode} due by {due}',
    body:
      'The first core group meeting for case {caseCode} is due by {due}, 10 working days from the initial ' +
      'child protection conference. Please make sure it is arranged. ' +
      signIn,
  },
  coreGroupDueToday: {
    subject: 'First core group for {caseCode} is due today',
    body:
      'The first core group meeting for case {caseCode} is due today, by {due}. If it has met, please ' +
      'record it. ' +
      signIn,
  },
  coreGroupDue: {
    subject: 'First core group for {caseCode} was due by {due}',
    body:
      'The first core group meeting for case {caseCode} was due by {due} and is not recorded as held. ' +
      'Please agree together the soonest date it can meet, and record it when it does. ' +
      signIn,
  },
  reviewReminder: {
    subject: 'Child protection review conference for {caseCode} due by {due}',
    body:
      'The child protection review conference for case {caseCode} is due by {due}, in four weeks. ' +
      'Please make sure it is booked and the family and agencies invited. ' +
      signIn,
  },
  reviewDueToday: {
    subject: 'Child protection review conference for {caseCode} is due today',
    body:
      'The child protection review conference for case {caseCode} is due today, by {due}. If it has been ' +
      'held, please record it. ' +
      signIn,
  },
  reviewDue: {
    subject: 'Child protection review conference for {caseCode} was due by {due}',
    body:
      'The child protection review conference for case {caseCode} was due by {due} and is not recorded as ' +
      'held. Please agree together the soonest date it can be held, and record it when it is. ' +
      signIn,
  },
};

/** A strategy discussion started (or restarted) the count to the initial conference ({due}). */
export const initialConferenceBooking = {
  subject: 'Initial child protection conference for {caseCode} to be held by {due}',
  body:
    'A strategy discussion for case {caseCode} has started a section 47 enquiry. The initial child ' +
    'protection conference is due by {due}, 15 working days from the last strategy discussion. ' +
    'Please book it with the family and the agencies. ' +
    signIn,
};

/** A child protection plan started: the first core group ({coreGroup}) and review conference ({review}) are due. */
export const planStartedMessage = {
  subject: 'Child protection plan for {caseCode}: first core group by {coreGroup}',
  body:
    'A child protection plan started for case {caseCode}, and you are named on it. The first core group ' +
    'meeting is due by {coreGroup} and the first review conference by {review}. ' +
    signIn,
};

/** A child stepped down to Family Help: the Family Help front door is asked for the linked request. */
export const stepDownMessage = {
  subject: 'Step-down to Family Help for {caseCode}: a linked request for support is needed',
  body:
    'Case {caseCode} has stepped down from child protection to Family Help on {when}. Please record the ' +
    'family’s request for support as a step-down from social care, giving the council’s case reference ' +
    'shown on case {caseCode} as its social care reference, so the two are linked. ' +
    signIn,
};

export function recipients(role: string, record: CaseRecord<CpDetails>, partnership: PartnershipConfig): Recipient[] {
  const d = record.details;
  const settings = settingsFor(partnership);
  const one = (address: string | undefined) => (address ? [{ role, address }] : []);
  switch (role) {
    case 'leadPractitioner':
      // The plan's lead child protection practitioner, else the social worker leading the enquiry.
      return one(d.plan?.leadPractitioner.email ?? d.socialWorker?.email);
    case 'manager':
      return one(d.plan?.manager.email ?? d.manager?.email);
    case 'conferenceChair':
      // The chair the conferences named, else the council's conference chairs (who book the first one).
      return d.chair
        ? one(d.chair.email)
        : mailboxRecipient(partnership, record.organisation, settings.chairsMailbox, role);
    case 'headOfService':
      return mailboxRecipient(partnership, record.organisation, settings.headOfServiceMailbox, role);
    case 'familyHelpFrontDoor':
      return mailboxRecipient(partnership, record.organisation, settings.familyHelpFrontDoorMailbox, role);
    default:
      return [];
  }
}
