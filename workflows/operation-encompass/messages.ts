/**
 * Operation Encompass: what its messages say and who receives them. Messages carry no personal data
 * about the child: the school's name and the case code at most, and a link to the page for it (the
 * school's notification page for its staff, the case page for others), through sign-in.
 */
import { mailboxRecipient, type PartnershipConfig } from '#core/partnership/config';
import type { Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { type administratorClosureReasons, councilsFor, type EncompassDetails, NOT_KNOWN } from './details';

const signIn = 'Sign in to RightTime to read it: {link}';

/** Messages sent at the clocks' checkpoints. */
export const checkpointMessages = {
  findSchoolDue: {
    subject: 'Operation Encompass {caseCode}: the school is still to be found',
    body:
      'The school of the child in Operation Encompass notification {caseCode} has not yet been found; ' +
      'it was hoped to be by {due}. When it is found, record it so the Key Adult is told. ' +
      signIn,
  },
  renotify: {
    subject: 'Reminder: an Operation Encompass notification for a pupil at {school} is waiting',
    body:
      'An Operation Encompass notification for a pupil at {school} is waiting to be read and ' +
      'acknowledged; the school day has started. ' +
      signIn,
  },
  escalate: {
    subject: 'Operation Encompass {caseCode}: not yet acknowledged by {school}',
    body:
      'The Operation Encompass notification {caseCode} for a pupil at {school} has not been acknowledged ' +
      'two hours after the school day started. Please make contact with the school. ' +
      signIn,
  },
};

/** The Key Adult is told of a new notification ({school}, {deadline}). */
export const keyAdultTold = {
  subject: 'Operation Encompass notification for a pupil at {school}',
  body:
    'A new Operation Encompass notification for a pupil at {school} is waiting. ' +
    'Sign in to read and acknowledge it before {deadline}: {link}',
};

/**
 * The local authority is asked to find the school of a child police could not name
 * (or whose school is not in the directory).
 */
export function findTheSchool(schoolUrnGiven: string) {
  return {
    subject: "Operation Encompass {caseCode}: please find the child's school",
    body:
      'Police have sent an Operation Encompass notification (case {caseCode}) for a child whose school ' +
      (schoolUrnGiven === NOT_KNOWN ? 'they could not name' : `(URN ${schoolUrnGiven}) is not in the directory`) +
      '. Please find the school within 1 working day and record it. ' +
      signIn,
  };
}

export const administratorClosureWords: Record<(typeof administratorClosureReasons)[number], string> = {
  childLeftSchool: 'the child has left the school',
  schoolNotKnown: "the child's school is not known",
  other: 'other',
};

/** Words messages of this process may use (never personal data about the child). */
export const messageVars = (record: CaseRecord<EncompassDetails>) => ({
  school: record.details.school?.name ?? 'the school',
});

const mailbox = mailboxRecipient;

export function recipients(
  role: string,
  record: CaseRecord<EncompassDetails>,
  partnership: PartnershipConfig,
): Recipient[] {
  const d = record.details;
  // The school's staff are sent to the school's own page for the notification (what the school needs), not the case.
  const page = `/school/notifications/${encodeURIComponent(record.caseId)}`;
  switch (role) {
    case 'keyAdult': {
      const contact = d.school?.keyAdult ?? d.school?.deputy;
      return contact ? [{ role, address: contact.email, page }] : recipients('laSafeguardingLead', record, partnership);
    }
    case 'deputy':
      return d.school?.deputy ? [{ role, address: d.school.deputy.email, page }] : [];
    case 'laSafeguardingLead':
      return mailbox(partnership, councilsFor(partnership, d.localAuthorityCode)[0], 'educationSafeguardingLead', role);
    case 'policeCoordinator':
      return mailbox(partnership, record.organisation, 'encompassCoordinator', role);
    default:
      return [];
  }
}
