/**
 * Before admission: the case's details and the words every part of the process shares. Words describe
 * the young person's situation and the support around them ("at risk of admission"), never a label.
 */
import type { CaseChange } from '#core/process/change';

export const PROCESS_ID = 'before-admission';

/**
 * The young person's rating on the Dynamic Support Register while at risk of admission: Red, at risk of
 * admission now without urgent support; Amber, at risk of admission without the right support soon.
 */
export const atRiskRatings = ['red', 'amber'] as const;
export type AtRiskRating = (typeof atRiskRatings)[number];
export const ratingWords: Record<AtRiskRating, string> = { red: 'Red', amber: 'Amber' };

/** How the time at risk of admission ended. */
export const endings = ['stayingInCommunity', 'admitted', 'other'] as const;
export type Ending = (typeof endings)[number];
export const endingWords: Record<Ending, string> = {
  stayingInCommunity: 'the support is in place and the young person is no longer at risk of admission',
  admitted: 'admitted to hospital',
  other: 'another reason',
};

export interface KeyWorker {
  name: string;
  email: string;
  /** When the key worker was recorded as named. */
  namedAt: string;
}

/** A meeting of the all-agency meeting to prevent admissions that discussed the young person. */
export interface Meeting {
  heldAt: string;
  organisationsPresent: string[];
  decisions: string;
  plan: string;
}

export interface BeforeAdmissionDetails {
  caseReference: string;
  youngPerson: { name: string; dateOfBirth: string };
  /** When the young person was rated at risk of admission on the Dynamic Support Register. */
  ratedAt: string;
  rating: AtRiskRating;
  healthProvider: string;
  localAuthority: string;
  icb: string;
  keyWorker?: KeyWorker;
  meetings: Meeting[];
  /** Each week the all-agency meeting was due to discuss the young person, and whether it did. */
  weeks: { dueAt: string; discussed: boolean }[];
  /** The community Care (Education) and Treatment Review: when held, and whether by its due date. */
  communityReview?: { heldOn: string; onTime: boolean };
  ended?: { at: string; outcome: Ending; outcomeText?: string; withoutCommunityReview: boolean };
}

export type Change = CaseChange<BeforeAdmissionDetails>;
