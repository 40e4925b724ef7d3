/**
 * Before admission: what its messages say and who receives them. Messages carry the case code and dates,
 * never the young person's details, and a link to sign in. Calm and specific: what is due, by when, and
 * what to do together; no blame.
 */
import type { PartnershipConfig } from '#core/partnership/config';
import type { Recipient } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { settingsFor as crisisSettingsFor, levelMembersFor } from '../crisis-escalation/settings';
import type { BeforeAdmissionDetails } from './details';
import { settingsFor } from './settings';

const signIn = "Sign in to RightTime to see the young person's plan and record what has happened: {link}";

export const checkpointMessages = {
  firstMeeting: {
    reminder: {
      subject: 'All-agency meeting to prevent admission for {caseCode} due by {due}',
      body:
        'A young person at risk of admission (case {caseCode}) is due to be discussed at the all-agency ' +
        'meeting to prevent admissions by {due}. Please make sure they are on its agenda. ' +
        signIn,
    },
    due: {
      subject: 'All-agency meeting to prevent admission for {caseCode} was due by {due}',
      body:
        'The all-agency meeting to prevent admission for case {caseCode} was due by {due} and is not ' +
        'recorded. Please agree together the soonest meeting, and record it when it is held. ' +
        signIn,
    },
  },
  weeklyMeeting: {
    subject: 'Weekly all-agency meeting for {caseCode}',
    body: `The weekly all-agency meeting to prevent admissions is due to discuss case {caseCode}. ${signIn}`,
  },
  communityReview: {
    reminder: {
      subject: 'Community Care (Education) and Treatment Review for {caseCode} due by {due}',
      body:
        'A young person at risk of admission (case {caseCode}) is due a community Care (Education) and ' +
        'Treatment Review by {due}, before any admission. Please arrange it with the young person and ' +
        'their family. ' +
        signIn,
    },
    dueToday: {
      subject: 'Community Care (Education) and Treatment Review for {caseCode} is due today',
      body:
        'The community Care (Education) and Treatment Review for case {caseCode} is due today, by {due}. ' +
        'If it has been held, please record it. ' +
        signIn,
    },
    due: {
      subject: 'Community Care (Education) and Treatment Review for {caseCode} was due by {due}',
      body:
        'The community Care (Education) and Treatment Review for case {caseCode} was due by {due} and is ' +
        'not recorded as held. Please agree together the soonest date it can be held, before any ' +
        'admission, and record it when it is. ' +
        signIn,
    },
  },
  keyWorker: {
    due: {
      subject: 'Key worker for {caseCode} to be named by {due}',
      body:
        'No key worker is recorded yet for the young person at risk of admission (case {caseCode}); one ' +
        'was to be named by {due}. Please agree who it will be and record them. ' +
        signIn,
    },
  },
};

/** The register lead and key worker are told the weekly meeting recorded no discussion ({due}). */
export const weeklyMeetingNotRecorded = {
  subject: 'Weekly all-agency meeting for {caseCode}: no discussion recorded by {due}',
  body:
    'No discussion of case {caseCode} at the all-agency meeting to prevent admissions is recorded in ' +
    'the week to {due}. Please make sure the young person is on the next agenda, or record the ' +
    'discussion if it happened. ' +
    signIn,
};

/** The key worker is told they are named for a young person at risk of admission. */
export const keyWorkerMessage = {
  subject: 'You are the key worker for {caseCode}',
  body:
    'You are named as the key worker for a young person at risk of admission (case {caseCode}). ' +
    'The community Care (Education) and Treatment Review is due by {due}. ' +
    signIn,
};

/** The register lead is told a young person is at risk of admission ({meeting}, {review}). */
export const atRiskMessage = {
  subject: 'At risk of admission: {caseCode}',
  body:
    'A young person on the Dynamic Support Register is at risk of admission (case {caseCode}). The ' +
    'all-agency meeting to prevent admissions is due to discuss them by {meeting}, and a community Care ' +
    '(Education) and Treatment Review is due by {review}. ' +
    signIn,
};

/**
 * Recipients: the young person's key worker (once named); the Dynamic Support Register lead (the
 * process's setting, else crisis escalation's Bronze chair); Silver, the level with delegated authority
 * to act (crisis escalation's Silver members: a council's only for its own young people), at a breach of
 * the community review.
 */
export function recipients(
  role: string,
  record: CaseRecord<BeforeAdmissionDetails>,
  partnership: PartnershipConfig,
): Recipient[] {
  const crisis = crisisSettingsFor(partnership);
  switch (role) {
    case 'keyWorker':
      return record.details.keyWorker ? [{ role, address: record.details.keyWorker.email }] : [];
    case 'registerLead': {
      const lead = settingsFor(partnership).dynamicSupportRegisterLead;
      if (lead) return [{ role, address: lead.address }];
      return (crisis.levels?.bronze ?? []).filter((m) => m.role === 'chair').map((m) => ({ role, address: m.address }));
    }
    case 'silverMembers':
      return levelMembersFor(partnership, 'silver', record.details.localAuthority).map((m) => ({
        role,
        address: m.address,
      }));
    default:
      return [];
  }
}

/** The register lead is told of an admission before the community review (NHS England asks why, each time). */
export const admittedWithoutReviewMessage = {
  subject: 'Admitted before a community Care (Education) and Treatment Review: {caseCode}',
  body:
    'The young person (case {caseCode}) was admitted to hospital before a community Care (Education) and ' +
    'Treatment Review was held. Please agree together what can be learned, and arrange the review after ' +
    'admission. ' +
    signIn,
};
