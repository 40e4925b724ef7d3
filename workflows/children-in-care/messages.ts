/**
 * Children in care, reviews and visits: what its messages say and who receives them. Messages carry the
 * case code and dates, never the child's details, and a link to sign in; calm and specific.
 */
import { mailboxRecipient, type PartnershipConfig } from '#core/partnership/config';
import type { Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { CicDetails } from './details';
import { settingsFor } from './settings';

const signIn = 'Sign in to RightTime to see the case and record what has happened: {link}';

const review = (when: string) => ({
  reminder: {
    subject: `${when} for {caseCode} due by {due}`,
    body:
      `The ${when.toLowerCase()} for case {caseCode} is due by {due}. ` +
      `Please make sure it is arranged with the child's independent reviewing officer. ${signIn}`,
  },
  dueToday: {
    subject: `${when} for {caseCode} is due today`,
    body:
      `The ${when.toLowerCase()} for case {caseCode} is due today, by {due}. ` +
      `If it has been held, please record it. ${signIn}`,
  },
  due: {
    subject: `${when} for {caseCode} was due by {due}`,
    body:
      `The ${when.toLowerCase()} for case {caseCode} was due by {due} and is not recorded as held. ` +
      `Please agree together the soonest date it can be held, and record it when it is. ${signIn}`,
  },
});

const visit = {
  reminder: {
    subject: 'Visit to the child in care {caseCode} due by {due}',
    body:
      'A visit to the child in care {caseCode} is due by {due}. ' +
      `Please arrange it, and see the child alone if they wish. ${signIn}`,
  },
  dueToday: {
    subject: 'Visit to the child in care {caseCode} is due today',
    body:
      'A visit to the child in care {caseCode} is due today, by {due}. ' +
      `If it has happened, please record it. ${signIn}`,
  },
  due: {
    subject: 'Visit to the child in care {caseCode} was due by {due}',
    body:
      'A visit to the child in care {caseCode} was due by {due} and is not recorded. ' +
      `Please agree together the soonest visit that can be made, and record it when it is. ${signIn}`,
  },
};

export const checkpointMessages = {
  firstReview: review('First review of the child in care'),
  review: review('Review of the child in care'),
  visit,
};

export function recipients(role: string, record: CaseRecord<CicDetails>, partnership: PartnershipConfig): Recipient[] {
  const d = record.details;
  const settings = settingsFor(partnership);
  switch (role) {
    case 'socialWorker':
      return [{ role, address: d.socialWorker.email }];
    case 'manager':
      return [{ role, address: d.manager.email }];
    case 'independentReviewingOfficer':
      return d.independentReviewingOfficer
        ? [{ role, address: d.independentReviewingOfficer.email }]
        : mailboxRecipient(partnership, record.organisation, settings.reviewingOfficersMailbox, role);
    case 'headOfService':
      return mailboxRecipient(partnership, record.organisation, settings.headOfServiceMailbox, role);
    default:
      return [];
  }
}
