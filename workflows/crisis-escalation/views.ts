/**
 * Crisis escalation: the figures per month and the themes, for the Bronze working group and
 * commissioners. They carry no name, no date of birth, no reference, no case code and no date finer than
 * the month: counts, shares, hours, and themes (where young people presented, how the presentation came,
 * the discharge route, the highest level reached), every count a cell of the answer's sheet so small
 * numbers are suppressed with the rest of the answer (core/figures/suppression.ts). No per-case row goes
 * to figure readers: the working group's board is the open clocks by case code, with their states and
 * the ISO week they fall due (datesShown), since a presentation's instant beside its setting, route in,
 * urgency and rating would single a young person out. The Bronze clinical group (the Bronze chair,
 * health staff of organisations on the case) reads the identifiable case through the process's reader
 * roles.
 */
import { londonDateOf } from '#core/calendar/index';
import { isOpen } from '#core/clocks/model';
import { type ClockStateAnswer, clockStateOf } from '#core/clocks/state';
import { type Cell, type CountSheet, table } from '#core/figures/suppression';
import type { CaseReading, ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { BRONZE_CADENCE, FIRST_BRONZE_MEETING, GOLD_MEETING, SILVER_MEETING } from './clocks';
import { type CrisisDetails, dischargeOutcomes, type Level, presentationSettings, routesIn } from './details';
import { expectedSteps } from './steps';

type Record_ = CaseRecord<CrisisDetails>;

/**
 * Bronze MDT meetings missed: the first not held within its working day, and each due on the cadence with
 * none recorded. The Bronze chair was told of each, when it fell due.
 */
export const bronzeMeetingsMissedOf = (record: Record_): number => {
  const { due, held } = cadenceOf(record);
  return due - held;
};

/** The meeting next due at a case's level, with its one state. */
export interface NextMeeting extends ClockStateAnswer {
  /** The level whose meeting it is (at Silver or Gold once their meeting was held, the Bronze MDT's). */
  level: Level;
  clockId: string;
  title: string;
  dueAt: string;
}

/**
 * The meeting next due for a case: at Gold the Gold meeting, at Silver the Silver meeting, while not yet
 * held; otherwise (and at Bronze) the first Bronze MDT, or the next one on its cadence (none while rated
 * Green). None once the case has closed.
 */
export function nextMeetingOf(record: Record_, reading: Pick<CaseReading, 'now' | 'calendars'>): NextMeeting | null {
  const level = record.details.level;
  const candidates: [Level, string][] = [
    ...(level === 'gold' ? ([['gold', GOLD_MEETING]] as [Level, string][]) : []),
    ...(level === 'silver' ? ([['silver', SILVER_MEETING]] as [Level, string][]) : []),
    ['bronze', FIRST_BRONZE_MEETING],
    ['bronze', BRONZE_CADENCE],
  ];
  for (const [meetingLevel, clockId] of candidates) {
    const clock = record.clocks[clockId];
    if (!clock || !isOpen(clock) || clock.status === 'paused') continue;
    return {
      level: meetingLevel,
      clockId,
      title: clock.title,
      dueAt: clock.dueAt,
      ...clockStateOf(clock, reading.now, reading.calendars),
    };
  }
  return null;
}

/**
 * Bronze meetings due and held on cadence for one case: the first meeting (its
 * clock met) and every occurrence checked.
 */
function cadenceOf(record: Record_): { due: number; held: number } {
  const first = record.clocks[FIRST_BRONZE_MEETING];
  const firstDue = first && first.status !== 'running' && first.status !== 'notApplicable' ? 1 : 0;
  const firstHeld = first?.status === 'met' ? 1 : 0;
  const cadence = record.details.cadence ?? [];
  return { due: firstDue + cadence.length, held: firstHeld + cadence.filter((c) => c.held).length };
}

/** The month of an instant, London time (a presentation at 23:30 UTC on 31 March, 00:30 BST, is April's). */
export const londonMonth = (iso: string) => londonDateOf(new Date(iso)).slice(0, 7);

/** One month's counts (or all months'), before suppression. */
interface Counts {
  presentations: number;
  veryUrgent: number;
  veryUrgentWithin4Hours: number;
  urgent: number;
  urgentWithin24Hours: number;
  escalationsToSilver: number;
  escalationsToGold: number;
  stillInAcuteBed: number;
  bronzeMeetingsDue: number;
  bronzeMeetingsOnCadence: number;
  bronzeMeetingsMissed: number;
  reviewsAfterAdmission: number;
  reviewsAfterAdmissionOnTime: number;
  communityReviewsNeeded: number;
  communityReviewsHeld: number;
  adultServicesReferrals: number;
}
const COUNTS: readonly (keyof Counts)[] = [
  'presentations',
  'veryUrgent',
  'veryUrgentWithin4Hours',
  'urgent',
  'urgentWithin24Hours',
  'escalationsToSilver',
  'escalationsToGold',
  'stillInAcuteBed',
  'bronzeMeetingsDue',
  'bronzeMeetingsOnCadence',
  'bronzeMeetingsMissed',
  'reviewsAfterAdmission',
  'reviewsAfterAdmissionOnTime',
  'communityReviewsNeeded',
  'communityReviewsHeld',
  'adultServicesReferrals',
];

/** Counts and the hours behind the medians of one month. */
interface Month {
  counts: Counts;
  hoursDelayed: number[];
  hoursToBedOffer: number[];
}

function tally(records: readonly Record_[], now: Date): Map<string, Month> {
  const months = new Map<string, Month>();
  for (const r of records) {
    const d = r.details;
    const month = londonMonth(d.presentedAt);
    let m = months.get(month);
    if (!m) {
      m = {
        counts: Object.fromEntries(COUNTS.map((k) => [k, 0])) as unknown as Counts,
        hoursDelayed: [],
        hoursToBedOffer: [],
      };
      months.set(month, m);
    }
    const c = m.counts;
    c.presentations++;
    if (d.urgency === 'veryUrgent') {
      c.veryUrgent++;
      if (d.assessment?.withinTarget) c.veryUrgentWithin4Hours++;
    } else {
      c.urgent++;
      if (d.assessment?.withinTarget) c.urgentWithin24Hours++;
    }
    if (d.levelChanges.some((x) => x.to === 'silver' && x.from === 'bronze')) c.escalationsToSilver++;
    if (d.levelChanges.some((x) => x.to === 'gold')) c.escalationsToGold++;
    // Hours from medically fit to leaving the acute bed; for a young person still there, up to now.
    if (d.hoursDelayed !== undefined) m.hoursDelayed.push(d.hoursDelayed);
    else if (d.medicallyFitAt && !d.discharge) {
      m.hoursDelayed.push(
        Math.max(0, Math.round(((now.getTime() - new Date(d.medicallyFitAt).getTime()) / 3_600_000) * 100) / 100),
      );
      c.stillInAcuteBed++;
    }
    const cadence = cadenceOf(r);
    c.bronzeMeetingsDue += cadence.due;
    c.bronzeMeetingsOnCadence += cadence.held;
    c.bronzeMeetingsMissed += bronzeMeetingsMissedOf(r);
    if (d.careReviews.postAdmission?.heldOn) {
      c.reviewsAfterAdmission++;
      if (d.careReviews.postAdmission.onTime) c.reviewsAfterAdmissionOnTime++;
    }
    if (d.careReviews.community) {
      c.communityReviewsNeeded++;
      if (d.careReviews.community.heldOn) c.communityReviewsHeld++;
    }
    if (d.tier4?.hoursToBedOffer !== undefined) m.hoursToBedOffer.push(d.tier4.hoursToBedOffer);
    if (d.adultServicesReferral) c.adultServicesReferrals++;
  }
  return months;
}

/** A month's row (or the total row) on the sheet, with what the reader could subtract declared. */
function row(
  sheet: CountSheet,
  month: string,
  cells: Record<keyof Counts, Cell>,
  hoursDelayed: readonly number[],
  hoursToBedOffer: readonly number[],
  hoursDelayedTotal = sheet.sum(hoursDelayed),
) {
  const c = cells;
  // Every young person is very urgent or urgent; each of these counts young people within those who presented.
  sheet.adds(c.presentations, [c.veryUrgent, c.urgent]);
  // Every Bronze meeting due was held on cadence or missed (the chair told).
  sheet.adds(c.bronzeMeetingsDue, [c.bronzeMeetingsOnCadence, c.bronzeMeetingsMissed]);
  for (const part of [
    c.escalationsToSilver,
    c.escalationsToGold,
    c.stillInAcuteBed,
    c.reviewsAfterAdmission,
    c.communityReviewsNeeded,
    c.adultServicesReferrals,
  ])
    sheet.within(c.presentations, part);
  return {
    month,
    presentations: c.presentations,
    veryUrgent: c.veryUrgent,
    veryUrgentWithin4Hours: c.veryUrgentWithin4Hours,
    shareVeryUrgentAssessedWithin4Hours: sheet.share(c.veryUrgentWithin4Hours, c.veryUrgent),
    urgent: c.urgent,
    urgentWithin24Hours: c.urgentWithin24Hours,
    shareUrgentAssessedWithin24Hours: sheet.share(c.urgentWithin24Hours, c.urgent),
    escalationsToSilver: c.escalationsToSilver,
    escalationsToGold: c.escalationsToGold,
    hoursDelayedDischarge: {
      median: sheet.median(hoursDelayed),
      total: hoursDelayedTotal,
      /** Of those, young people still in an acute bed now (their hours counted up to now). */
      stillInAcuteBed: c.stillInAcuteBed,
    },
    bronzeMeetingsDue: c.bronzeMeetingsDue,
    bronzeMeetingsOnCadence: c.bronzeMeetingsOnCadence,
    /** Bronze meetings due (the first, and each on the cadence) with none recorded: the chair was told of each. */
    bronzeMeetingsMissed: c.bronzeMeetingsMissed,
    shareBronzeMeetingsOnCadence: sheet.share(c.bronzeMeetingsOnCadence, c.bronzeMeetingsDue),
    reviewsAfterAdmission: c.reviewsAfterAdmission,
    reviewsAfterAdmissionOnTime: c.reviewsAfterAdmissionOnTime,
    shareReviewsAfterAdmissionOnTime: sheet.share(c.reviewsAfterAdmissionOnTime, c.reviewsAfterAdmission),
    communityReviewsNeeded: c.communityReviewsNeeded,
    communityReviewsHeld: c.communityReviewsHeld,
    shareCommunityReviewsHeld: sheet.share(c.communityReviewsHeld, c.communityReviewsNeeded),
    medianHoursTier4ToBedOffer: sheet.median(hoursToBedOffer),
    adultServicesReferrals: c.adultServicesReferrals,
  };
}

export const views: ProcessViews<CrisisDetails> = {
  /** What is expected next on a case, as the rules would accept it (steps.ts). */
  expectedSteps,
  // A presentation's day beside its clocks could single a young person out: pseudonymous dates by the ISO week.
  datesShown: 'isoWeek',

  /** For the chair's board: the level, the meeting next due at it with its state, the Bronze meetings missed. */
  caseSummary(record: Record_, reading: CaseReading) {
    return {
      level: record.details.level,
      nextMeeting: record.status === 'open' ? nextMeetingOf(record, reading) : null,
      bronzeMeetingsMissed: bronzeMeetingsMissedOf(record),
    };
  },

  figures(records: Record_[], sheet: CountSheet, now: Date) {
    const months = [...tally(records, now).entries()].sort(([a], [b]) => a.localeCompare(b));
    const cellsOf = months.map(
      ([, m]) => Object.fromEntries(COUNTS.map((k) => [k, sheet.count(m.counts[k])])) as Record<keyof Counts, Cell>,
    );
    const rows = months.map(([month, m], i) => row(sheet, month, cellsOf[i]!, m.hoursDelayed, m.hoursToBedOffer));
    // The months add up to the total row: every young person is counted in the month they presented.
    const totals = Object.fromEntries(COUNTS.map((k) => [k, sheet.totalOf(cellsOf.map((c) => c[k]))])) as Record<
      keyof Counts,
      Cell
    >;
    // The hours of all months would give back a month's hours withheld: the total is withheld with them.
    const hoursTotal = sheet.sumOf(rows.map((r) => r.hoursDelayedDischarge.total));
    const total = row(
      sheet,
      'all',
      totals,
      months.flatMap(([, m]) => m.hoursDelayed),
      months.flatMap(([, m]) => m.hoursToBedOffer),
      hoursTotal,
    );
    // Themes across all months: each adds up to the young people who presented (those not
    // in any, e.g. not yet discharged, unshown).
    const theme = <K extends string>(keys: readonly K[], of: (d: CrisisDetails) => K | undefined) => {
      const themeRows = keys.map((value) => ({
        value,
        youngPeople: sheet.count(records.filter((r) => of(r.details) === value).length),
      }));
      const rest = records.filter((r) => !keys.includes(of(r.details) as K)).length;
      sheet.adds(totals.presentations, [...themeRows.map((t) => t.youngPeople), sheet.unshown(rest)]);
      return table(themeRows);
    };
    return {
      /** Each young person is counted in the month they presented (their escalations and hours with them). */
      monthOf: 'presentation',
      byMonth: table(rows, total),
      themes: {
        setting: theme(presentationSettings, (d) => d.setting),
        routeIn: theme(routesIn, (d) => d.routeIn),
        dischargeOutcome: theme(dischargeOutcomes, (d) => d.discharge?.outcome),
        highestLevel: theme(['bronze', 'silver', 'gold'] as const, (d) => d.highestLevel),
      },
    };
  },
};
