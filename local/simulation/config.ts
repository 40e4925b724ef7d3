/**
 * What a simulated partnership-year does: volumes and behaviour. The defaults are the partnership board
 * pack's figures (the partnership's board pack, Coventry's Health and Wellbeing Board pack, early 2025) where
 * it gives one; every other default is marked an assumption, with its reasoning, in `SOURCES`. A scenario
 * file (JSON) changes any of them: `{ "familySupport": { "requestsPerYear": 3515, "allocationExtraWorkingDays": 2 } }`.
 */
import { readFileSync } from 'node:fs';
import * as z from '#core/schema/zod';

const share = z.number().check(z.gte(0), z.lte(1));
const count = z.number().check(z.int(), z.gte(0));
const weights = z.record(z.string(), z.number().check(z.gte(0)));

export const configSchema = z.strictObject({
  familySupport: z.strictObject({
    requestsPerYear: z.number().check(z.gte(0)),
    consentShare: share,
    childrenPerRequest: weights,
    channels: weights,
    partnerKindsOfRequests: weights,
    localities: z.array(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/))).check(z.minLength(1)),
    leadPractitionersPerLocality: count.check(z.gte(1)),
    routes: z.strictObject({ partnerLed: share, familyHubOffer: share, stepUpToMash: share }),
    partnerKindsHeld: weights,
    childInNeedShare: share,
    decisionWithinOneWorkingDayShare: share,
    allocationWithinFiveWorkingDaysShare: share,
    allocationExtraWorkingDays: count,
    assessmentShare: share,
    assessmentWithinFourWeeksShare: share,
    planShare: share,
    reviewHeldShare: share,
    pauseShare: share,
    closedWithinSixteenWeeksShare: share,
    closureReasons: weights,
    sustainCheckShare: share,
  }),
  healthAssessments: z.strictObject({
    childrenEnteringCarePerYear: z.number().check(z.gte(0)),
    agesOnEntry: weights,
    requestWithinFiveWorkingDaysShare: share,
    assessmentWithinTwentyWorkingDaysShare: share,
    reviewOnTimeUnderFiveShare: share,
    reviewOnTimeFiveAndOverShare: share,
    leaveCareWithinAYearShare: share,
    outOfAreaShare: share,
  }),
  childrenInCare: z.strictObject({
    placementUntilEighteenShare: share,
    firstReviewWithinTwentyWorkingDaysShare: share,
    laterReviewOnTimeShare: share,
    visitOnTimeShare: share,
    placementMoveBetweenVisitsShare: share,
  }),
  beforeAdmission: z.strictObject({
    ratingsPerYear: z.number().check(z.gte(0)),
    redShare: share,
    keyWorkerAtRatingShare: share,
    keyWorkerWithinFiveWorkingDaysShare: share,
    communityReviewOnTimeShare: share,
    firstMeetingWithinSevenDaysShare: share,
    discussedEachWeekShare: share,
    weeksAtRisk: z.strictObject({ from: count.check(z.gte(1)), to: count.check(z.gte(1)) }),
    admittedShare: share,
    admittedBeforeReviewShare: share,
  }),
  childProtection: z.strictObject({
    children: count,
    referralsPer10000: z.number().check(z.gte(0)),
    enquiryShare: share,
    stepUpEnquiryShare: share,
    conferenceShare: share,
    conferenceWithinFifteenWorkingDaysShare: share,
    planShare: share,
    repeatPlanShare: share,
    coreGroupWithinTenWorkingDaysShare: share,
    reviewOnTimeShare: share,
    planEndsAtFirstReviewShare: share,
    planEndsAtLaterReviewShare: share,
    planEndings: weights,
  }),
  encompass: z.strictObject({
    childrenNotifiedPerYear: z.number().check(z.gte(0)),
    childrenPerIncident: weights,
    schoolNotKnownShare: share,
    acknowledgedBeforeSchoolStartShare: share,
    neverAcknowledgedShare: share,
    schools: z.strictObject({ primary: count, secondary: count, special: count }),
    holidayCoverShare: share,
  }),
  crisis: z.strictObject({
    presentationsPerYear: z.number().check(z.gte(0)),
    settings: weights,
    routesIn: weights,
    veryUrgentShare: share,
    ratings: weights,
    autisticOrLearningDisabilityShare: share,
    assessedWithinTargetShare: share,
    firstBronzeMeetingOnTimeShare: share,
    bronzeMeetingHeldShare: share,
    dischargeDelay: z.strictObject({ within24Hours: share, within72Hours: share }),
    levelMeetingOnTimeShare: share,
    tier4ReferralShare: share,
    homeTreatmentShare: share,
  }),
});

export type SimulationConfig = z.output<typeof configSchema>;

export const defaultConfig: SimulationConfig = {
  familySupport: {
    requestsPerYear: 3195,
    consentShare: 0.95,
    childrenPerRequest: { '1': 0.66, '2': 0.23, '3': 0.08, '4': 0.03 },
    channels: {
      familyHub: 0.22,
      telephone: 0.15,
      onlineForm: 0.14,
      mashDiversion: 0.24,
      stepDownFromSocialCare: 0.08,
      partner: 0.17,
    },
    partnerKindsOfRequests: { school: 0.8, health: 0.1, housing: 0.05, other: 0.05 },
    localities: ['north', 'south', 'east', 'west'],
    leadPractitionersPerLocality: 10,
    routes: { partnerLed: 0.17, familyHubOffer: 0.07, stepUpToMash: 0.02 },
    partnerKindsHeld: { school: 428, health: 2, other: 39 },
    childInNeedShare: 0.08,
    decisionWithinOneWorkingDayShare: 0.9,
    allocationWithinFiveWorkingDaysShare: 0.85,
    allocationExtraWorkingDays: 0,
    assessmentShare: 0.71,
    assessmentWithinFourWeeksShare: 0.8,
    planShare: 0.8,
    reviewHeldShare: 0.85,
    pauseShare: 0.08,
    closedWithinSixteenWeeksShare: 0.87,
    closureReasons: {
      outcomesMet: 0.54,
      needsPartlyMet: 0.24,
      familyChoseToEnd: 0.08,
      movedAway: 0.04,
      steppedDownToFamilyHub: 0.05,
      steppedUpToSocialCare: 0.05,
    },
    sustainCheckShare: 0.8,
  },
  healthAssessments: {
    childrenEnteringCarePerYear: 270,
    agesOnEntry: { '0': 0.18, '1-4': 0.17, '5-9': 0.19, '10-15': 0.38, '16-17': 0.08 },
    requestWithinFiveWorkingDaysShare: 0.7,
    assessmentWithinTwentyWorkingDaysShare: 0.6,
    reviewOnTimeUnderFiveShare: 0.923,
    reviewOnTimeFiveAndOverShare: 0.96,
    leaveCareWithinAYearShare: 0.3,
    outOfAreaShare: 0.15,
  },
  childrenInCare: {
    placementUntilEighteenShare: 0.3,
    firstReviewWithinTwentyWorkingDaysShare: 0.9,
    laterReviewOnTimeShare: 0.92,
    visitOnTimeShare: 0.9,
    placementMoveBetweenVisitsShare: 0.03,
  },
  beforeAdmission: {
    ratingsPerYear: 60,
    redShare: 0.4,
    keyWorkerAtRatingShare: 0.3,
    keyWorkerWithinFiveWorkingDaysShare: 0.8,
    communityReviewOnTimeShare: 0.8,
    firstMeetingWithinSevenDaysShare: 0.9,
    discussedEachWeekShare: 0.9,
    weeksAtRisk: { from: 3, to: 16 },
    admittedShare: 0.1,
    admittedBeforeReviewShare: 0.05,
  },
  childProtection: {
    children: 80_000,
    referralsPer10000: 540,
    enquiryShare: 0.32,
    stepUpEnquiryShare: 0.6,
    conferenceShare: 0.4,
    conferenceWithinFifteenWorkingDaysShare: 0.78,
    planShare: 0.8,
    repeatPlanShare: 0.24,
    coreGroupWithinTenWorkingDaysShare: 0.85,
    reviewOnTimeShare: 0.9,
    planEndsAtFirstReviewShare: 0.3,
    planEndsAtLaterReviewShare: 0.5,
    planEndings: {
      childInNeedSupport: 0.6,
      steppedDownToFamilyHelp: 0.15,
      noFurtherSupportNeeded: 0.08,
      movedToAnotherArea: 0.05,
      cameIntoCare: 0.12,
    },
  },
  encompass: {
    childrenNotifiedPerYear: 2400,
    childrenPerIncident: { '1': 0.6, '2': 0.3, '3': 0.1 },
    schoolNotKnownShare: 0.03,
    acknowledgedBeforeSchoolStartShare: 0.88,
    neverAcknowledgedShare: 0.02,
    schools: { primary: 85, secondary: 19, special: 8 },
    holidayCoverShare: 0.7,
  },
  crisis: {
    presentationsPerYear: 480,
    settings: { emergencyDepartment: 0.45, paediatricWard: 0.15, community: 0.3, placeOfSafety: 0.05, custody: 0.05 },
    routesIn: { crisisLine: 0.3, gp: 0.15, school: 0.1, police: 0.15, self: 0.1, family: 0.15, other: 0.05 },
    veryUrgentShare: 0.4,
    ratings: { red: 0.3, amber: 0.5, green: 0.2 },
    autisticOrLearningDisabilityShare: 0.15,
    assessedWithinTargetShare: 0.85,
    firstBronzeMeetingOnTimeShare: 0.9,
    bronzeMeetingHeldShare: 0.9,
    dischargeDelay: { within24Hours: 0.75, within72Hours: 0.93 },
    levelMeetingOnTimeShare: 0.9,
    tier4ReferralShare: 0.06,
    homeTreatmentShare: 0.15,
  },
};

const PACK = 'board pack (Coventry Health and Wellbeing Board, early help, 2024)';
const ASSUMPTION = 'assumption';
const CIN = 'DfE Children in need, England, year to 31 March 2024';

/** Where each default comes from: the board pack, or an assumption and why. */
export const SOURCES: Record<string, string> = {
  'familySupport.requestsPerYear': `${PACK}: 3,195 requests for support in the year`,
  'familySupport.consentShare': `${ASSUMPTION}: most families agree (without consent only channel and date are kept)`,
  'familySupport.childrenPerRequest': `${PACK}: 395 children a month beside 3,195 requests a year (1.48 each)`,
  'familySupport.channels': `${ASSUMPTION}, with partner requests near the ${PACK}'s 458 episodes started by partners`,
  'familySupport.partnerKindsOfRequests': `${ASSUMPTION}: schools ask most`,
  'familySupport.localities': `${PACK}: 4 locality teams`,
  'familySupport.leadPractitionersPerLocality': `${PACK}: about 10 full-time staff in each locality team`,
  'familySupport.routes': `${PACK}: 469 of 2,780 episodes partner-held (16.9%); 2,780 episodes from 3,195 requests`,
  'familySupport.partnerKindsHeld': `${PACK}: schools 428, health 2, other 39`,
  'familySupport.childInNeedShare': `${ASSUMPTION}: a few children are in need (Family Help, from April 2025)`,
  'familySupport.decisionWithinOneWorkingDayShare': `${ASSUMPTION}`,
  'familySupport.allocationWithinFiveWorkingDaysShare': `${ASSUMPTION}`,
  'familySupport.allocationExtraWorkingDays': 'scenario knob: working days added to every allocation (0 by default)',
  'familySupport.assessmentShare': `${PACK}: 1,963 early help assessments beside 2,780 episodes`,
  'familySupport.assessmentWithinFourWeeksShare': `${ASSUMPTION}`,
  'familySupport.planShare': `${ASSUMPTION}`,
  'familySupport.reviewHeldShare': `${ASSUMPTION}: Team Around the Family reviews every 6 weeks`,
  'familySupport.pauseShare': `${ASSUMPTION}: pauses are rare and approved by a team leader`,
  'familySupport.closedWithinSixteenWeeksShare': `${PACK}: 87% of episodes concluded within 16 weeks`,
  'familySupport.closureReasons': `${PACK}: Outcomes Met 54%; the other reasons an ${ASSUMPTION}`,
  'familySupport.sustainCheckShare': `${ASSUMPTION}`,
  'healthAssessments.childrenEnteringCarePerYear':
    `${ASSUMPTION}: 708 children in care (board pack) times England's 2024 ratio of children starting to be looked ` +
    'after to children looked after (about 0.38)',
  'healthAssessments.agesOnEntry': `${ASSUMPTION}: near England's ages of children starting care (DfE 2024)`,
  'healthAssessments.requestWithinFiveWorkingDaysShare': `${ASSUMPTION}: the delay sits in the request (inspection)`,
  'healthAssessments.assessmentWithinTwentyWorkingDaysShare': `${ASSUMPTION}: children wait too long (inspection)`,
  'healthAssessments.reviewOnTimeUnderFiveShare': 'board pack: review health assessments under 5, 92.3%',
  'healthAssessments.reviewOnTimeFiveAndOverShare': 'board pack: review health assessments 5 and over, 96.0%',
  'healthAssessments.leaveCareWithinAYearShare': `${ASSUMPTION}`,
  'healthAssessments.outOfAreaShare': `${ASSUMPTION}`,
  'childrenInCare.placementUntilEighteenShare': `${ASSUMPTION}: a third live where they are to stay until 18`,
  'childrenInCare.firstReviewWithinTwentyWorkingDaysShare': `${ASSUMPTION}: the board pack gives no review timeliness`,
  'childrenInCare.laterReviewOnTimeShare': `${ASSUMPTION}`,
  'childrenInCare.visitOnTimeShare': `${ASSUMPTION}: the board pack gives no visit timeliness`,
  'childrenInCare.placementMoveBetweenVisitsShare':
    `${ASSUMPTION}: about 0.25 moves per child a year at 8 or so visits a year, near England's placement ` +
    'stability (DfE 2024: 10% of children looked after had 3 or more placements in the year)',
  'beforeAdmission.ratingsPerYear':
    `${ASSUMPTION}: the board pack gives no Dynamic Support Register figure; about 60 children and young people ` +
    'a year rated Red or Amber for a city of 350,000',
  'beforeAdmission.redShare': `${ASSUMPTION}`,
  'beforeAdmission.keyWorkerAtRatingShare': `${ASSUMPTION}: some already have a key worker when rated`,
  'beforeAdmission.keyWorkerWithinFiveWorkingDaysShare': `${ASSUMPTION}`,
  'beforeAdmission.communityReviewOnTimeShare': `${ASSUMPTION}`,
  'beforeAdmission.firstMeetingWithinSevenDaysShare': `${ASSUMPTION}: the CAMHS plan's weekly all-agency meeting`,
  'beforeAdmission.discussedEachWeekShare': `${ASSUMPTION}`,
  'beforeAdmission.weeksAtRisk': `${ASSUMPTION}: weeks on the register at risk, uniform between the two`,
  'beforeAdmission.admittedShare': `${ASSUMPTION}: most stay in the community with support`,
  'beforeAdmission.admittedBeforeReviewShare': `${ASSUMPTION}: rare (NHS England: 90% with a community C(E)TR first)`,
  'childProtection.children': `${ASSUMPTION}: about 80,000 children under 18 in a city of 350,000 (ONS mid-year)`,
  'childProtection.referralsPer10000':
    `${ASSUMPTION}: near the national rate of referrals per 10,000 children (${CIN}; rounded, to check against ` +
    'the published tables), scaled to the partnership’s children',
  'childProtection.enquiryShare': `${ASSUMPTION}: s47 enquiries beside referrals, near national (${CIN})`,
  'childProtection.stepUpEnquiryShare': `${ASSUMPTION}: a family Family Help steps up is more often enquired into`,
  'childProtection.conferenceShare': `${ASSUMPTION}: initial conferences beside section 47 enquiries, near national`,
  'childProtection.conferenceWithinFifteenWorkingDaysShare': `${ASSUMPTION}: near the national share (${CIN})`,
  'childProtection.planShare': `${ASSUMPTION}: plans started beside initial conferences, near national`,
  'childProtection.repeatPlanShare': `${ASSUMPTION}: plans for a second or later time, near national (${CIN})`,
  'childProtection.coreGroupWithinTenWorkingDaysShare': `${ASSUMPTION}`,
  'childProtection.reviewOnTimeShare': `${ASSUMPTION}: near the national share of reviews on time (${CIN})`,
  'childProtection.planEndsAtFirstReviewShare': `${ASSUMPTION}`,
  'childProtection.planEndsAtLaterReviewShare': `${ASSUMPTION}`,
  'childProtection.planEndings': `${ASSUMPTION}`,
  'encompass.childrenNotifiedPerYear': `${ASSUMPTION}: the board pack gives no Operation Encompass figure`,
  'encompass.childrenPerIncident': `${ASSUMPTION}`,
  'encompass.schoolNotKnownShare': `${ASSUMPTION}`,
  'encompass.acknowledgedBeforeSchoolStartShare': `${ASSUMPTION}`,
  'encompass.neverAcknowledgedShare': `${ASSUMPTION}`,
  'encompass.schools': `${ASSUMPTION}: about the state schools of a city of 350,000`,
  'encompass.holidayCoverShare': `${ASSUMPTION}`,
  'crisis.presentationsPerYear': `${ASSUMPTION}: the CAMHS plan in the board pack gives no volume`,
  'crisis.settings': `${ASSUMPTION}`,
  'crisis.routesIn': `${ASSUMPTION}`,
  'crisis.veryUrgentShare': `${ASSUMPTION}`,
  'crisis.ratings': `${ASSUMPTION}`,
  'crisis.autisticOrLearningDisabilityShare': `${ASSUMPTION}`,
  'crisis.assessedWithinTargetShare': `${ASSUMPTION}: children wait too long for crisis assessments (inspection)`,
  'crisis.firstBronzeMeetingOnTimeShare': `${ASSUMPTION}`,
  'crisis.bronzeMeetingHeldShare': `${ASSUMPTION}: the MDT meets daily while Red, weekly while Amber (CAMHS plan)`,
  'crisis.dischargeDelay': `${ASSUMPTION}: shares leaving the acute bed within 24 and within 72 hours of medically fit`,
  'crisis.levelMeetingOnTimeShare': `${ASSUMPTION}: Silver and Gold timescales are local targets (CAMHS plan)`,
  'crisis.tier4ReferralShare': `${ASSUMPTION}`,
  'crisis.homeTreatmentShare': `${ASSUMPTION}`,
};

/** Merge a scenario's values over the defaults (objects by key, everything else replaced), then check it. */
export function withScenario(scenario: unknown, base: SimulationConfig = defaultConfig): SimulationConfig {
  const merged = merge(base, scenario);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success)
    throw new Error(
      `The scenario is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isObject(base) && isObject(over) && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v) : v;
    return out;
  }
  return over;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readScenario(file: string): SimulationConfig {
  return withScenario(JSON.parse(readFileSync(file, 'utf8')));
}
