/**
 * Supporting Families / Family Help: what its messages say and who receives them. Messages carry the
 * case code and dates, never the family's details, and a link to sign in; they are calm and specific.
 */
import { mailboxRecipient, type PartnershipConfig } from '#core/partnership/config';
import type { Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { councilOf, type SfDetails } from './details';
import { settingsFor } from './settings';

const signIn = 'Sign in to RightTime to see the episode and record what has happened: {link}';

export const checkpointMessages = {
  decisionDue: {
    subject: 'Request for support {caseCode}: front door decision due by {due}',
    body:
      'The request for support {caseCode} has no front door decision recorded yet; it was due by {due}. ' +
      'Please decide the route with the family’s needs in mind. A step-up to the MASH never waits for ' +
      'this. ' +
      signIn,
  },
  allocationDue: {
    subject: 'Episode {caseCode}: a lead practitioner was due to be allocated by {due}',
    body:
      'No lead practitioner has been recorded for episode {caseCode}; one was due by {due}. ' +
      'Please allocate one so the family’s support can start. ' +
      signIn,
  },
  assessmentDue: {
    subject: 'Episode {caseCode}: the assessment was due by {due}',
    body:
      'The assessment for episode {caseCode} was due by {due} and is not recorded as completed. ' +
      'Please agree together when it can be done and record it. ' +
      signIn,
  },
  statutoryAssessmentWarning: {
    subject: 'Family Help assessment {caseCode} due by {due}',
    body:
      'The Family Help assessment for episode {caseCode} (a child in need) is due by {due}, ' +
      'within 45 working days of the request. ' +
      signIn,
  },
  statutoryAssessmentDue: {
    subject: 'Family Help assessment {caseCode} was due by {due}',
    body:
      'The Family Help assessment for episode {caseCode} (a child in need) was due by {due}, ' +
      'within 45 working days of the request, and is not recorded as completed. ' +
      signIn,
  },
  planDue: {
    subject: 'Episode {caseCode}: the family plan was due by {due}',
    body: `No family plan has been recorded as agreed for episode {caseCode}; it was due by {due}. ${signIn}`,
  },
  weekFourteen: {
    subject: 'Episode {caseCode} reaches week 14: closure is planned by {due}',
    body:
      'Episode {caseCode} has reached week 14 of its 16 (paused time not counted). ' +
      'It is planned to close by {due}. Please agree with the family what will help them keep going ' +
      'after the episode. ' +
      signIn,
  },
  weekSixteen: {
    subject: 'Episode {caseCode} is still open after 16 weeks',
    body:
      'Episode {caseCode} reached 16 weeks at {due} and is still open, ' +
      'so it counts as not concluded within 16 weeks. Please talk with the lead practitioner about the ' +
      'family’s next steps. ' +
      signIn,
  },
  weekTwenty: {
    subject: 'Episode {caseCode} is still open after 20 weeks',
    body:
      'Episode {caseCode} has been open for 20 weeks (paused time not counted; ' +
      '16 weeks were reached at {due}). Please review with the team leader what the family needs now. ' +
      signIn,
  },
  pauseDecisionDue: {
    subject: 'Episode {caseCode}: a request to pause is waiting for your answer',
    body:
      'The request to pause episode {caseCode} was to be answered by {due}. The episode’s weeks keep ' +
      'counting until it is paused. Please pause it or say why it carries on. ' +
      signIn,
  },
  teamAroundFamilyReview: {
    subject: 'Episode {caseCode}: Team Around the Family review due today',
    body:
      'The Team Around the Family review for episode {caseCode} is due today (every 6 weeks while the ' +
      'episode is open; paused time not counted). Please hold it and record it. ' +
      signIn,
  },
};

/** To the team leader when a lead practitioner asks to pause an episode. */
export const pauseRequestedMessage = {
  subject: 'Episode {caseCode}: a pause is asked for, please answer by {due}',
  body:
    'The lead practitioner for episode {caseCode} has asked to pause it ({reason}). The episode’s weeks ' +
    'keep counting until you pause it; please pause it or say why it carries on by {due}. ' +
    signIn,
};

export const stepUpMessage = {
  subject: 'Request {caseCode} stepped up to the MASH for a safeguarding decision',
  body:
    'Request or episode {caseCode} has been stepped up to the MASH for a safeguarding decision ({when}). ' +
    'The reason is on the case. ' +
    signIn,
};

export const allocatedMessage = {
  subject: 'You are the lead practitioner for episode {caseCode}',
  body:
    'You have been allocated as lead practitioner for episode {caseCode}. ' +
    'The episode started at {when} and is planned to close by {due} (16 weeks). ' +
    signIn,
};

export const childProtectionPlanMessage = {
  subject: 'Episode {caseCode}: a child protection plan has started',
  body:
    'A child protection plan started on {when} for a child in Family Help episode {caseCode}. ' +
    'The Family Help Lead Practitioner is now a social worker ({lead}). ' +
    signIn,
};

export const sustainCheckMessage = {
  subject: 'Episode {caseCode}: six months since Outcomes Met, did they last?',
  body:
    'Episode {caseCode} closed with Outcomes Met six months ago ({when}). ' +
    'Please check with the family whether the outcomes have lasted, and record it. ' +
    signIn,
};

export function recipients(role: string, record: CaseRecord<SfDetails>, partnership: PartnershipConfig): Recipient[] {
  const settings = settingsFor(partnership);
  const allocation = record.details.allocation;
  switch (role) {
    case 'leadPractitioner':
      return allocation ? [{ role, address: allocation.leadPractitioner.email }] : [];
    case 'teamLeader':
      // The lead practitioner's own manager (a partner's manager for a partner-led
      // episode), else the council's team leaders.
      return allocation
        ? [{ role, address: allocation.manager.email }]
        : mailboxRecipient(partnership, councilOf(record, partnership), settings.teamLeaderMailbox, role);
    case 'serviceManager':
      return mailboxRecipient(partnership, councilOf(record, partnership), settings.serviceManagerMailbox, role);
    case 'frontDoor':
      return mailboxRecipient(partnership, councilOf(record, partnership), settings.frontDoorMailbox, role);
    case 'mash':
      return mailboxRecipient(partnership, councilOf(record, partnership), settings.mashMailbox, role);
    default:
      return [];
  }
}
