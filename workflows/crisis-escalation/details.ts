/** Crisis escalation: the case's details and the words every part of the process shares. */
import type { CaseChange } from '#core/process/change';

export const PROCESS_ID = 'crisis-escalation';

/** Where the young person presented. An emergency department or a paediatric ward is an acute hospital bed. */
export const presentationSettings = [
  'emergencyDepartment',
  'paediatricWard',
  'community',
  'placeOfSafety',
  'custody',
] as const;
/** Adult crisis services take referrals of young people from this age. */
export const ADULT_SERVICES_FROM_AGE = 16;

export const ACUTE_SETTINGS: readonly PresentationSetting[] = ['emergencyDepartment', 'paediatricWard'];
/** How the presentation came (the crisis line runs 24/7). */
export const routesIn = ['crisisLine', 'gp', 'school', 'police', 'self', 'family', 'other'] as const;
export const urgencies = ['veryUrgent', 'urgent'] as const;
/** The young person's rating on the Dynamic Support Register. */
export const ratings = ['red', 'amber', 'green'] as const;
export const levels = ['bronze', 'silver', 'gold'] as const;
export const dischargeOutcomes = [
  'homeWithHomeTreatment',
  'tier4Admission',
  'carePlacement',
  'localityTeam',
  'other',
] as const;
export const deescalationReasons = ['dischargePlanAgreed', 'bedOffered', 'supportInPlace', 'other'] as const;

export type PresentationSetting = (typeof presentationSettings)[number];
export type RouteIn = (typeof routesIn)[number];
export type Urgency = (typeof urgencies)[number];
export type Rating = (typeof ratings)[number];
export type Level = (typeof levels)[number];
export type DischargeOutcome = (typeof dischargeOutcomes)[number];

export const levelWords: Record<Level, string> = { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' };
export const ratingWords: Record<Rating, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
export const settingWords: Record<PresentationSetting, string> = {
  emergencyDepartment: 'an emergency department',
  paediatricWard: 'a paediatric ward',
  community: 'the community',
  placeOfSafety: 'a place of safety',
  custody: 'custody',
};
export const routeWords: Record<RouteIn, string> = {
  crisisLine: 'through the 24/7 crisis line',
  gp: 'through their GP',
  school: 'through their school',
  police: 'with the police',
  self: 'by themselves',
  family: 'with their family',
  other: 'by another route',
};
export const outcomeWords: Record<DischargeOutcome, string> = {
  homeWithHomeTreatment: 'home with intensive home treatment',
  tier4Admission: 'a Tier 4 admission',
  carePlacement: 'a care placement',
  localityTeam: 'back to the locality team',
  other: 'another route',
};
export const deescalationWords: Record<(typeof deescalationReasons)[number], string> = {
  dischargePlanAgreed: 'a discharge plan is agreed',
  bedOffered: 'a bed has been offered',
  supportInPlace: 'the support needed is in place',
  other: 'other',
};

/** A meeting of one level: who came, what was decided, the plan. */
export interface Meeting {
  heldAt: string;
  organisationsPresent: string[];
  decisions: string;
  plan: string;
  /** Silver and Gold: whether the matter was resolved. */
  outcome?: 'resolved' | 'unresolved';
}

/** A move between levels, with its reason: every escalation and de-escalation is kept. */
export interface LevelChange {
  at: string;
  from: Level;
  to: Level;
  reason: string;
}

export interface CrisisDetails {
  caseReference: string;
  youngPerson: { name: string; dateOfBirth: string; nhsNumber?: string };
  presentedAt: string;
  setting: PresentationSetting;
  routeIn: RouteIn;
  urgency: Urgency;
  rating: Rating;
  /** Autistic, or has a learning disability: the Care, Education and Treatment Review rules apply. */
  autisticOrLearningDisability: boolean;
  healthProvider: string;
  localAuthority: string;
  icb: string;
  ageAtPresentation: number;
  ratingHistory: { at: string; rating: Rating; reason?: string }[];
  assessment?: { at: string; hoursAfterPresentation: number; withinTarget: boolean };
  level: Level;
  levelChanges: LevelChange[];
  /** The highest level reached, for the figures. */
  highestLevel: Level;
  bronzeMeetings: Meeting[];
  silverMeetings: Meeting[];
  goldMeetings: Meeting[];
  /** Each Bronze meeting due on the cadence (daily while Red, weekly while Amber) and whether one was held. */
  cadence: { dueAt: string; rating: Rating; held: boolean }[];
  medicallyFitAt?: string;
  /** When the young person left the acute bed (discharged), and the hours after being medically fit. */
  leftAcuteBedAt?: string;
  hoursDelayed?: number;
  tier4?: { referredAt: string; bedOfferedAt?: string; hoursToBedOffer?: number };
  careReviews: {
    community?: { neededSince: string; heldOn?: string };
    postAdmission?: { clockId: string; admittedAt: string; heldOn?: string; onTime?: boolean };
  };
  adultServicesReferral?: { referredAt: string };
  discharge?: { at: string; outcome: DischargeOutcome; outcomeText?: string };
  homeTreatment?: { startsOn: string; weeks: number; endsAt: string; endedOn?: string };
}

export type Change = CaseChange<CrisisDetails>;
