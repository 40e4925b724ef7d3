/**
 * Supporting Families (version 1) and Family Help (version 2): the case's details and the words every
 * part of the process shares. Words describe support and circumstances, never blame.
 */
import type { PartnershipConfig } from '#core/partnership/config';
import { councilsOf } from '#core/process/access';
import type { CaseChange } from '#core/process/change';
import type { CaseRecord } from '#core/process/model';

export const PROCESS_ID = 'supporting-families';

/** How a request for support arrived. */
export const channels = [
  'familyHub',
  'telephone',
  'onlineForm',
  'mashDiversion',
  'stepDownFromSocialCare',
  'partner',
] as const;
export type Channel = (typeof channels)[number];

/**
 * The kind of partner that asked (a school, health, housing: every family owed the homelessness
 * prevention or relief duty is offered support).
 */
export const partnerKinds = ['school', 'health', 'housing', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/** The Supporting Families outcome framework's ten headline areas, named as what the family works towards. */
export const needs = [
  'goodEducation',
  'goodEarlyYearsDevelopment',
  'mentalAndPhysicalHealth',
  'recoveryFromSubstanceUse',
  'familyRelationships',
  'safeFromAbuseAndExploitation',
  'crimePrevention',
  'safeFromDomesticAbuse',
  'secureHousing',
  'financialStability',
] as const;
export type Need = (typeof needs)[number];

export const needWords: Record<Need, string> = {
  goodEducation: 'Getting a good education',
  goodEarlyYearsDevelopment: 'Good early years development',
  mentalAndPhysicalHealth: 'Improved mental and physical health',
  recoveryFromSubstanceUse: 'Promoting recovery and reducing harm from substance use',
  familyRelationships: 'Improved family relationships',
  safeFromAbuseAndExploitation: 'Children safe from abuse and exploitation',
  crimePrevention: 'Crime prevention and tackling crime',
  safeFromDomesticAbuse: 'Safe from domestic abuse',
  secureHousing: 'Secure housing',
  financialStability: 'Financial stability',
};

/** What the front door decides. An intensive episode is for a family with three or more needs. */
export const routes = ['intensiveEpisode', 'partnerLed', 'familyHubOffer', 'stepUpToMash'] as const;
export type Route = (typeof routes)[number];
export const INTENSIVE_NEEDS = 3;
export const routeWords: Record<Route, string> = {
  intensiveEpisode: 'an intensive episode of family support',
  partnerLed: 'partner-led early help',
  familyHubOffer: 'the Family Hub universal offer',
  stepUpToMash: 'a step-up to the MASH for a safeguarding decision',
};

/** How an episode ends. A family choosing to end support is a choice, not a failure. */
export const closureOutcomes = [
  'outcomesMet',
  'needsPartlyMet',
  'steppedUpToSocialCare',
  'movedAway',
  'familyChoseToEnd',
  'steppedDownToFamilyHub',
] as const;
export type ClosureOutcome = (typeof closureOutcomes)[number];
export const outcomeWords: Record<ClosureOutcome | 'steppedUpToMash' | 'familyHubOffer' | 'noConsent', string> = {
  outcomesMet: 'Outcomes met: every identified need improved',
  needsPartlyMet: 'Some of the family’s needs met',
  steppedUpToSocialCare: 'Stepped up to social care for more help',
  movedAway: 'The family moved away',
  familyChoseToEnd: 'The family chose to end support',
  steppedDownToFamilyHub: 'Continuing with the Family Hub offer',
  steppedUpToMash: 'Stepped up to the MASH for a safeguarding decision',
  familyHubOffer: 'Offered the Family Hub universal offer',
  noConsent: 'Recorded without the family’s consent: only the channel and date of the request are kept',
};

export const needResults = ['improved', 'unchanged', 'notImproved'] as const;
export type NeedResult = (typeof needResults)[number];

export interface LeadPractitioner {
  /** Their RightTime sign-in id: a partner's lead practitioner sees only the episodes they hold. */
  userId: string;
  name: string;
  email: string;
  organisation: string;
  /** A registered social worker (Family Help: required while a child protection plan is in place). */
  socialWorker: boolean;
  schoolUrn?: string;
}

export interface SfDetails {
  request: {
    channel: Channel;
    partnerKind?: PartnerKind;
    requestedAt: string;
    consent: boolean;
    /** Only with consent. */
    requestReference?: string;
    familyReference?: string;
    locality?: string;
    homelessnessDuty?: 'prevention' | 'relief';
    socialCareReference?: string;
  };
  family?: {
    children: { name: string; dateOfBirth: string }[];
    adults: { name: string; relationship: 'parent' | 'carer' }[];
  };
  needs: Need[];
  decision?: {
    route: Route;
    reason: string;
    decidedAt: string;
    withinTarget: boolean;
    partnerKind?: PartnerKind;
    childInNeed?: boolean;
  };
  allocation?: {
    allocatedAt: string;
    leadPractitioner: LeadPractitioner;
    manager: { name: string; email: string };
    partnerLed: boolean;
    partnerKind?: PartnerKind;
    handovers: number;
  };
  assessment?: { completedOn: string; withinTarget: boolean; statutoryWithinTarget?: boolean };
  plan?: { agreedOn: string; withinTarget: boolean; familyNetworkMeetingOffered?: boolean };
  reviews: { heldOn: string }[];
  childProtectionPlan?: { startedOn: string; endedOn?: string };
  /**
   * The latest request to pause (the lead practitioner's), in words, and the team leader's answer: the
   * episode paused, or carrying on with their words why.
   */
  pauseRequest?: { askedAt: string; reason: string; answeredAt?: string; agreed?: boolean; whyItCarriesOn?: string };
  closure?: {
    at: string;
    outcome: ClosureOutcome | 'steppedUpToMash' | 'familyHubOffer' | 'noConsent';
    needResults?: { need: Need; result: NeedResult }[];
    /** Days of the episode counted (paused days left out), and days paused, reported apart. */
    daysCounted?: number;
    daysPaused?: number;
    /** The board pack's measure: closed within 16 weeks counted, whatever local target the partnership sets. */
    withinSixteenWeeks?: boolean;
    /** Closed by the partnership's own target for the episode (16 weeks unless configured). */
    withinTarget?: boolean;
    reason?: string;
  };
  sustainCheck?: { dueOn: string; alertedAt?: string; recordedOn?: string; outcomesLasted?: boolean };
}

export type Change = CaseChange<SfDetails>;

/**
 * The council whose front door the request reached: the council that opened the case, or for a request
 * a partner (a school) sent, the council it named. Its mailboxes are told, and its closure days count.
 */
export function councilOf(
  record: Pick<CaseRecord, 'organisation' | 'organisations'>,
  partnership: Pick<PartnershipConfig, 'organisations' | 'processes'>,
): string {
  return councilsOf(record, { partnership })[0] ?? record.organisation;
}

/** How a request for support arrived, in words ("from a school"). */
export const channelWords: Record<Channel, string> = {
  familyHub: 'at a Family Hub',
  telephone: 'by telephone',
  onlineForm: 'through the online form',
  mashDiversion: 'diverted from the MASH',
  stepDownFromSocialCare: 'as a step-down from social care',
  partner: 'from a partner',
};

export const partnerKindWords: Record<PartnerKind, string> = {
  school: 'a school',
  health: 'health',
  housing: 'housing',
  other: 'another partner',
};

/** "from a school", "by telephone": how the request came, for the timeline. */
export const requestCameWords = (channel: Channel, partnerKind?: PartnerKind): string =>
  channel === 'partner' && partnerKind ? `from ${partnerKindWords[partnerKind]}` : channelWords[channel];
