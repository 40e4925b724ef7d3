/**
 * Initial health assessment: what its messages say and who receives them. Messages carry the case code
 * and dates, never the child's details, and a link to sign in.
 */
import { mailboxRecipient, type PartnershipConfig } from '#core/partnership/config';
import type { Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { type IhaDetails, type leavingCareReasons, PROCESS_ID } from './details';

const signIn = 'Sign in to RightTime to see the case and record what has happened: {link}';

/** Messages sent at the clocks' checkpoints. */
export const checkpointMessages = {
  requestReminder: {
    subject: 'Health assessment request due by {due} for case {caseCode}',
    body:
      'The request to health for the initial health assessment of case {caseCode} has not been recorded ' +
      'yet. It is due by {due}. Please send the request, with signed consent if you have it, ' +
      'and record it. ' +
      signIn,
  },
  requestDue: {
    subject: 'Health assessment request for case {caseCode} is now overdue',
    body:
      'The request to health for case {caseCode} was due by {due} and has not been recorded. ' +
      'Sending it today gives health the most time to see the child before the statutory deadline. ' +
      signIn,
  },
  appointmentCheck: {
    subject: 'No appointment yet for initial health assessment {caseCode}',
    body:
      'No appointment has been recorded for the initial health assessment of case {caseCode}, ' +
      'which is due by {due}. Please book one and record it. ' +
      signIn,
  },
  completionReminder: {
    subject: 'Initial health assessment {caseCode} due by {due}',
    body:
      'The initial health assessment for case {caseCode} is due by {due} and has not been recorded as completed. ' +
      signIn,
  },
  assessmentDue: {
    subject: 'Initial health assessment {caseCode} was due by {due}',
    body:
      'The initial health assessment for case {caseCode} was due by {due} and has not been recorded as ' +
      'completed. Please agree together what will help the child be seen soon, ' +
      'and record the reason for the delay when the assessment is done. ' +
      signIn,
  },
  escalation: {
    subject: 'Escalation: initial health assessment {caseCode} still to be completed',
    body:
      'The initial health assessment for case {caseCode} was due by {due} and is still to be completed ' +
      'five working days later. The designated nurse and the children in care manager have been told. ' +
      signIn,
  },
  reviewReminder: {
    subject: 'Review health assessment {caseCode} due by {due}',
    body: `The review health assessment for case {caseCode} is due by {due}, in four weeks. Please book it. ${signIn}`,
  },
  reviewDue: {
    subject: 'Review health assessment {caseCode} was due by {due}',
    body:
      'The review health assessment for case {caseCode} was due by {due} and has not been recorded as completed. ' +
      signIn,
  },
};

/** Health is told a child entered care ({due}). */
export const childEnteredCareMessage = {
  subject: 'A child has entered care: initial health assessment {caseCode} due by {due}',
  body:
    'A child has entered care and will need an initial health assessment (case {caseCode}), ' +
    'due by {due}. The council will send the request and consent. ' +
    signIn,
};

/** The appointment booked is after the assessment is due ({appointment}, {due}). */
export const appointmentAfterDue = {
  subject: 'Appointment for {caseCode} is after the assessment is due',
  body:
    'The appointment booked for case {caseCode} on {appointment} is after the initial health assessment ' +
    'is due ({due}). Please see whether an earlier appointment can be found. ' +
    signIn,
};

/** The ICB of a new placement is told of the move ({what}: the clock that continues, if any). */
export const movedIntoArea = {
  subject: 'A child in care has moved into your area: case {caseCode}',
  body: `A child in care (case {caseCode}) has moved to a placement in your area. {what} ${signIn}`,
};

export const leavingCareWords: Record<(typeof leavingCareReasons)[number], string> = {
  returnedToFamily: 'returned to family',
  specialGuardianship: 'special guardianship',
  childArrangementsOrder: 'child arrangements order',
  adoption: 'adoption',
  careTransferredToAnotherAuthority: 'care transferred to another local authority',
  other: 'other',
};

const mailbox = mailboxRecipient;

export function recipients(role: string, record: CaseRecord<IhaDetails>, partnership: PartnershipConfig): Recipient[] {
  const d = record.details;
  switch (role) {
    case 'socialWorker':
      return [{ role, address: d.socialWorker.email }];
    case 'socialWorkManager':
      return [{ role, address: d.socialWorkManager.email }];
    case 'assessmentTeam':
    case 'assessmentTeamManager':
      return mailbox(partnership, d.healthProvider, role);
    case 'designatedNurse':
      return [...new Set([d.icb, d.placement.icb])].flatMap((icb) => mailbox(partnership, icb, 'designatedNurse'));
    case 'newPlacementIcb':
      return mailbox(partnership, d.placement.icb, 'designatedNurse', role);
    case 'icbCommissioner':
      // Commissioners read figures and case codes, never a child's record: their link is the dashboard,
      // which lists the overdue clock by the case code the message names (the case page would be "Page not found").
      return mailbox(partnership, d.icb, 'commissioner', role).map((r) => ({ ...r, page: `/dashboard/${PROCESS_ID}` }));
    case 'childrenInCareManager':
    case 'headOfService':
      return mailbox(partnership, record.organisation, role);
    default:
      return [];
  }
}
