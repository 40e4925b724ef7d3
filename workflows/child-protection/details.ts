/**
 * Child protection: the case's details and the words every part of the process shares. Words say what
 * happened and what support follows, never who is at fault.
 */
import type { CaseChange } from '#core/process/change';

export const PROCESS_ID = 'child-protection';

/** Where a referral to children's social care came from. */
export const referralSources = [
  'familyHelp',
  'police',
  'health',
  'education',
  'family',
  'community',
  'anotherCouncil',
  'otherAgency',
] as const;
export type ReferralSource = (typeof referralSources)[number];
export const referralSourceWords: Record<ReferralSource, string> = {
  familyHelp: 'a step-up from Family Help',
  police: 'the police',
  health: 'health',
  education: 'education',
  family: 'the family or someone who knows them',
  community: 'someone in the community',
  anotherCouncil: 'another council',
  otherAgency: 'another agency',
};

/**
 * Who took part in a strategy discussion. Working Together 2023 asks for children's social care, the
 * police and health, and education where relevant; the council's part is required.
 */
export const agencies = ['council', 'police', 'health', 'education', 'otherAgency'] as const;
export type Agency = (typeof agencies)[number];
export const agencyWords: Record<Agency, string> = {
  council: 'children’s social care',
  police: 'the police',
  health: 'health',
  education: 'education',
  otherAgency: 'another agency',
};

/**
 * How a referral, an enquiry, an initial conference or a plan ends when no (further) child protection
 * plan follows. A step-down to Family Help asks the Family Help front door for a linked request.
 */
export const endings = [
  'steppedDownToFamilyHelp',
  'childInNeedSupport',
  'noFurtherSupportNeeded',
  'movedToAnotherArea',
  'cameIntoCare',
  'other',
] as const;
export type Ending = (typeof endings)[number];

/** The endings before a plan (a referral, an enquiry, an initial conference that makes no plan). */
export const endingsBeforePlan = ['steppedDownToFamilyHelp', 'childInNeedSupport', 'noFurtherSupportNeeded'] as const;
export type EndingBeforePlan = (typeof endingsBeforePlan)[number];

/** What a section 47 enquiry concludes: a conference is needed, or one of the endings before a plan. */
export const enquiryOutcomes = ['conferenceNeeded', ...endingsBeforePlan] as const;
export type EnquiryOutcome = (typeof enquiryOutcomes)[number];

export const endingWords: Record<Ending, string> = {
  steppedDownToFamilyHelp: 'Stepped down to Family Help',
  childInNeedSupport: 'Support continues as a child in need',
  noFurtherSupportNeeded: 'No further support needed from children’s social care',
  movedToAnotherArea: 'The family moved to another council’s area, which takes the plan on',
  cameIntoCare: 'The child came into care',
  other: 'Other',
};

/** The young person's 18th birthday ends the case (a case timer, not a choice anyone records). */
export const TURNED_18 = 'turned18';
export const turnedEighteenWords =
  'The young person turned 18; support continues through the services for young adults';

export const enquiryOutcomeWords: Record<EnquiryOutcome, string> = {
  conferenceNeeded: 'An initial child protection conference will be held',
  steppedDownToFamilyHelp: endingWords.steppedDownToFamilyHelp,
  childInNeedSupport: endingWords.childInNeedSupport,
  noFurtherSupportNeeded: endingWords.noFurtherSupportNeeded,
};

export interface Person {
  name: string;
  email: string;
}

/** The lead child protection practitioner: a registered social worker (Working Together 2023). */
export interface LeadPractitioner extends Person {
  socialWorker: true;
}

/** How a stage of the case ended, when it ended without (or with the end of) a plan. */
export interface Conclusion {
  on: string;
  /** Where the case was when it ended: at the referral, the enquiry, the initial conference or the plan. */
  at: 'referral' | 'enquiry' | 'initialConference' | 'plan';
  outcome: Ending | typeof TURNED_18;
  text?: string;
}

export interface CpDetails {
  caseReference: string;
  child: { name: string; dateOfBirth: string };
  referral: {
    receivedAt: string;
    source: ReferralSource;
    /** The Family Help episode the child was stepped up from (its case code), checked by the API's lookup. */
    familyHelpCaseCode?: string;
  };
  /** The social worker leading the enquiry (and the plan, until its lead practitioner is named), and their manager. */
  socialWorker?: Person;
  manager?: Person;
  strategyDiscussions: { heldAt: string; agencies: Agency[]; section47Enquiry: boolean }[];
  enquiry?: { startedAt: string; completedOn?: string; outcome?: EnquiryOutcome };
  /** The chair of the conferences: named at the initial conference, changed at a review. */
  chair?: Person;
  initialConference?: {
    heldOn: string;
    plan: boolean;
    /** Within 15 working days of the last strategy discussion (Working Together 2023: the clock). */
    withinFifteenWorkingDays: boolean;
    /** Working days from the last strategy discussion, and from the one that started the enquiry. */
    workingDaysFromLastStrategyDiscussion: number;
    workingDaysFromEnquiryStart: number;
  };
  plan?: {
    startedOn: string;
    /**
     * Plans the child had before this one, with any council, as the children in need census records
     * them: more than 0 makes this a repeat plan (a second or subsequent plan).
     */
    previousPlans: number;
    leadPractitioner: LeadPractitioner;
    manager: Person;
    endedOn?: string;
  };
  coreGroups: { heldOn: string; withinTenWorkingDays?: boolean }[];
  reviews: { clockId: string; dueOn: string; heldOn?: string; onTime?: boolean }[];
  conclusion?: Conclusion;
}

export type Change = CaseChange<CpDetails>;
