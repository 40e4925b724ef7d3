/**
 * Crisis escalation: what its messages say and who receives them. Messages carry the case code and
 * times, never the young person's details, and a link to sign in. Calm and specific: what is due, by
 * when, and what to do; no blame.
 */
import { mailboxRecipient, type PartnershipConfig } from '#core/partnership/config';
import type { Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { CrisisDetails, Level } from './details';
import { levelMembersFor, settingsFor } from './settings';

const signIn = "Sign in to RightTime to see the young person's plan and record what has happened: {link}";

export const checkpointMessages = {
  assessmentReminder: {
    subject: 'Crisis assessment for {caseCode} due by {due}',
    body:
      'A young person (case {caseCode}) is waiting for a face-to-face crisis assessment, due by {due}. ' +
      'Please record it when it has happened. ' +
      signIn,
  },
  assessmentDue: {
    subject: 'Crisis assessment for {caseCode} was due by {due}',
    body:
      'The face-to-face crisis assessment for case {caseCode} was due by {due} and has not been recorded ' +
      'yet. Please agree together how the young person will be seen as soon as possible. ' +
      signIn,
  },
  firstBronzeMeetingDue: {
    subject: 'First Bronze MDT meeting for {caseCode} was due by {due}',
    body:
      'The first Bronze multi-agency meeting for case {caseCode} was due by {due} and has not been ' +
      'recorded. Please arrange it or record it if it has happened. ' +
      signIn,
  },
  bronzeMeetingDue: {
    subject: 'Bronze MDT meeting for {caseCode} due by {due}',
    body: `A Bronze multi-agency meeting for case {caseCode} is due by {due} on its cadence. ${signIn}`,
  },
  // The thresholds as checkpoints: on the timeline (the levels are told by the rules, with their meeting's due time).
  silverThreshold: {
    subject: 'Silver threshold reached for {caseCode}: still in an acute bed after being medically fit',
    body:
      'Case {caseCode}: the young person is still in an acute hospital bed after being medically fit for discharge. ' +
      signIn,
  },
  goldThreshold: {
    subject: 'Gold threshold reached for {caseCode}: still in an acute bed after being medically fit',
    body:
      'Case {caseCode}: the young person is still in an acute hospital bed after being medically fit for discharge. ' +
      signIn,
  },
};

/** A level's members (and the Bronze chair) are told of an escalation ({fit}, {meetingDue}, {reason}). */
export const escalationMessages = {
  silver: {
    subject: 'Escalated to Silver: {caseCode} still in an acute bed after being medically fit',
    body:
      'Case {caseCode} has been escalated to Silver: the young person was medically fit for discharge at ' +
      '{fit} and is still in an acute hospital bed. A Silver meeting is due by {meetingDue}. ' +
      'Please agree with partners what will let the young person leave hospital safely. ' +
      signIn,
  },
  gold: {
    subject: 'Escalated to Gold: {caseCode} still in an acute bed after being medically fit',
    body:
      'Case {caseCode} has been escalated to Gold ({reason}). The young person was medically fit for ' +
      'discharge at {fit}. A Gold meeting is due by {meetingDue}. ' +
      signIn,
  },
};

export const meetingMessages = {
  silverMeetingDue: {
    subject: 'Silver meeting for {caseCode} was due by {due}',
    body:
      'The Silver meeting for case {caseCode} was due by {due} and has not been recorded. ' +
      'Please arrange it, or record it if it has happened. ' +
      signIn,
  },
  goldMeetingDue: {
    subject: 'Gold meeting for {caseCode} was due by {due}',
    body:
      'The Gold meeting for case {caseCode} was due by {due} and has not been recorded. ' +
      'Please arrange it, or record it if it has happened. ' +
      signIn,
  },
  careReviewReminder: {
    subject: 'Care, Education and Treatment Review for {caseCode} due by {due}',
    body:
      'After an admission, a Care, Education and Treatment Review for case {caseCode} is due by {due}. ' +
      'Please arrange it with the young person and their family. ' +
      signIn,
  },
  careReviewDue: {
    subject: 'Care, Education and Treatment Review for {caseCode} was due by {due}',
    body:
      'The Care, Education and Treatment Review after admission for case {caseCode} was due by {due} and ' +
      'has not been recorded. ' +
      signIn,
  },
  homeTreatmentEnding: {
    subject: 'Intensive home treatment for {caseCode} ends at {due}',
    body:
      'The intensive home treatment package for case {caseCode} reaches its planned end at {due}, ' +
      'in a week. Please plan the next step with the young person and their family. ' +
      signIn,
  },
  homeTreatmentEnd: {
    subject: 'Intensive home treatment for {caseCode} reaches its planned end today',
    body:
      'The intensive home treatment package for case {caseCode} reaches its planned end today ({due}). ' +
      'Please record how it ended, or agree a longer package. ' +
      signIn,
  },
};

/** The crisis team is told of a new presentation ({due}: the crisis assessment). */
export const presentationMessage = {
  subject: 'A young person in crisis: face-to-face assessment for {caseCode} due by {due}',
  body:
    'A young person has presented in crisis (case {caseCode}). A face-to-face crisis assessment is due by {due}. ' +
    signIn,
};

/** The Bronze chair is told a meeting due on the cadence was not recorded ({due}). */
export const bronzeMeetingMissed = {
  subject: 'Bronze MDT meeting for {caseCode} was due by {due}',
  body:
    'A Bronze multi-agency meeting for case {caseCode} ({cadence} while rated {rating}) was due by {due} ' +
    'and has not been recorded. Please arrange it, or record it if it has happened. ' +
    signIn,
};

/** A community Care, Education and Treatment Review is needed before an admission. */
export const communityReviewNeeded = {
  subject: 'Community Care, Education and Treatment Review needed for {caseCode}',
  body:
    'A Tier 4 referral has been made for case {caseCode}, so admission is being considered. ' +
    'A community Care, Education and Treatment Review is needed before any admission. ' +
    signIn,
};

/** A level is told a case came down from it ({from}, {to}, {reason}). */
export const deescalatedMessage = {
  subject: 'Case {caseCode} stepped down from {from} to {to}',
  body: `Case {caseCode} has been stepped down from {from} to {to}: {reason}. ${signIn}`,
};

/** The home treatment team is told of a package ({starts}, {due}: its end; {hours}: the team's hours). */
export const homeTreatmentMessage = {
  subject: 'Intensive home treatment for {caseCode} from {starts}',
  body:
    'Case {caseCode} goes home with intensive home treatment from {starts}, planned to end on {due}. ' +
    'The team works {hours}. ' +
    signIn,
};

export const levelRole: Record<Level, string> = {
  bronze: 'bronzeMembers',
  silver: 'silverMembers',
  gold: 'goldMembers',
};

/**
 * Recipients: the crisis team of the case's health provider (its `crisisTeam` mailbox); a level's
 * members (a council's members only for their own council's young people) and the Bronze chair from the
 * process's settings; the intensive home treatment team.
 */
export function recipients(
  role: string,
  record: CaseRecord<CrisisDetails>,
  partnership: PartnershipConfig,
): Recipient[] {
  const s = settingsFor(partnership);
  const members = (level: Level) =>
    levelMembersFor(partnership, level, record.details.localAuthority).map((m) => ({ role, address: m.address }));
  switch (role) {
    case 'crisisTeam':
      return mailboxRecipient(partnership, record.details.healthProvider, 'crisisTeam', role);
    case 'bronzeChair':
      return (s.levels?.bronze ?? []).filter((m) => m.role === 'chair').map((m) => ({ role, address: m.address }));
    case 'bronzeMembers':
      return members('bronze');
    case 'silverMembers':
      return members('silver');
    case 'goldMembers':
      return members('gold');
    case 'homeTreatmentTeam':
      return s.intensiveHomeTreatment ? [{ role, address: s.intensiveHomeTreatment.address }] : [];
    default:
      return [];
  }
}
