/**
 * Crisis escalation: the pseudonymous view of a case and the figures per month, for the Bronze working
 * group and commissioners. Neither carries a name, a date of birth, a reference or an exact date: a
 * case code, the month, the level reached, hours, and themes (where the young person presented, how the
 * presentation came, the discharge route). Figures suppress 1 to 4 (core/figures/suppression.ts).
 * The Bronze clinical group (the Bronze chair, health staff of organisations on the case) reads the
 * identifiable case through the process's reader roles.
 */
import { suppressColumns, suppressCount, suppressGroup, suppressMedian, suppressShare, WITHHELD, isSmall } from '#core/figures/suppression';
import { londonDateOf } from '#core/calendar/index';
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { FIRST_BRONZE_MEETING } from './clocks';
import { dischargeOutcomes, presentationSettings, routesIn, type CrisisDetails } from './details';

type Record_ = CaseRecord<CrisisDetails>;

const rank = { bronze: 0, silver: 1, gold: 2 } as const;

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Bronze meetings due and held on cadence for one case: the first meeting (its clock met) and every occurrence checked. */
function cadenceOf(record: Record_): { due: number; held: number } {
  const first = record.clocks[FIRST_BRONZE_MEETING];
  const firstDue = first && first.status !== 'running' && first.status !== 'notApplicable' ? 1 : 0;
  const firstHeld = first?.status === 'met' ? 1 : 0;
  const cadence = record.details.cadence ?? [];
  return { due: firstDue + cadence.length, held: firstHeld + cadence.filter((c) => c.held).length };
}

/** The month of an instant, London time (a presentation at 23:30 UTC on 31 March, 00:30 BST, is April's). */
export const londonMonth = (iso: string) => londonDateOf(new Date(iso)).slice(0, 7);

export const views: ProcessViews<CrisisDetails> = {
  commissionerView(record: Record_): Record<string, unknown> {
    const d = record.details;
    const cadence = cadenceOf(record);
    return {
      caseCode: record.caseCode,
      month: d.presentedAt ? londonMonth(d.presentedAt) : undefined,
      status: record.status,
      stage: record.stage,
      level: d.level,
      highestLevel: d.highestLevel,
      rating: d.rating,
      setting: d.setting,
      routeIn: d.routeIn,
      urgency: d.urgency,
      assessedWithinTarget: d.assessment?.withinTarget ?? null,
      hoursToAssessment: d.assessment?.hoursAfterPresentation ?? null,
      escalations: (d.levelChanges ?? []).filter((c) => rank[c.to] > rank[c.from]).map((c) => c.to),
      hoursDelayed: d.hoursDelayed ?? null,
      bronzeMeetingsDue: cadence.due,
      bronzeMeetingsOnCadence: cadence.held,
      tier4HoursToBedOffer: d.tier4?.hoursToBedOffer ?? null,
      careReviewAfterAdmissionOnTime: d.careReviews?.postAdmission?.onTime ?? null,
      referredToAdultServices: Boolean(d.adultServicesReferral),
      dischargeOutcome: d.discharge?.outcome ?? null,
    };
  },

  figures(records: Record_[], now: Date): Record<string, unknown> {
    type Row = {
      month: string;
      presentations: number;
      veryUrgent: number;
      veryUrgentWithin4Hours: number;
      urgent: number;
      urgentWithin24Hours: number;
      escalationsToSilver: number;
      escalationsToGold: number;
      hoursDelayed: number[];
      stillInAcuteBed: number;
      meetingsDue: number;
      meetingsOnCadence: number;
      reviewsAfterAdmission: number;
      reviewsAfterAdmissionOnTime: number;
      communityReviewsNeeded: number;
      communityReviewsHeld: number;
      hoursToBedOffer: number[];
      adultServicesReferrals: number;
    };
    const rows = new Map<string, Row>();
    for (const r of records) {
      const d = r.details;
      const month = londonMonth(d.presentedAt);
      let row = rows.get(month);
      if (!row) {
        rows.set(month, (row = { month, presentations: 0, veryUrgent: 0, veryUrgentWithin4Hours: 0, urgent: 0, urgentWithin24Hours: 0, escalationsToSilver: 0, escalationsToGold: 0, hoursDelayed: [], stillInAcuteBed: 0, meetingsDue: 0, meetingsOnCadence: 0, reviewsAfterAdmission: 0, reviewsAfterAdmissionOnTime: 0, communityReviewsNeeded: 0, communityReviewsHeld: 0, hoursToBedOffer: [], adultServicesReferrals: 0 }));
      }
      row.presentations++;
      if (d.urgency === 'veryUrgent') {
        row.veryUrgent++;
        if (d.assessment?.withinTarget) row.veryUrgentWithin4Hours++;
      } else {
        row.urgent++;
        if (d.assessment?.withinTarget) row.urgentWithin24Hours++;
      }
      if (d.levelChanges.some((c) => c.to === 'silver' && c.from === 'bronze')) row.escalationsToSilver++;
      if (d.levelChanges.some((c) => c.to === 'gold')) row.escalationsToGold++;
      // Hours from medically fit to leaving the acute bed; for a young person still there, up to now.
      if (d.hoursDelayed !== undefined) row.hoursDelayed.push(d.hoursDelayed);
      else if (d.medicallyFitAt && !d.discharge) {
        row.hoursDelayed.push(Math.max(0, Math.round(((now.getTime() - new Date(d.medicallyFitAt).getTime()) / 3_600_000) * 100) / 100));
        row.stillInAcuteBed++;
      }
      const cadence = cadenceOf(r);
      row.meetingsDue += cadence.due;
      row.meetingsOnCadence += cadence.held;
      if (d.careReviews.postAdmission?.heldOn) {
        row.reviewsAfterAdmission++;
        if (d.careReviews.postAdmission.onTime) row.reviewsAfterAdmissionOnTime++;
      }
      if (d.careReviews.community) {
        row.communityReviewsNeeded++;
        if (d.careReviews.community.heldOn) row.communityReviewsHeld++;
      }
      if (d.tier4?.hoursToBedOffer !== undefined) row.hoursToBedOffer.push(d.tier4.hoursToBedOffer);
      if (d.adultServicesReferral) row.adultServicesReferrals++;
    }
    const ordered = [...rows.values()].sort((a, b) => a.month.localeCompare(b.month));
    // The months add up to the partnership's total of cases: counts are suppressed as one group per column.
    const counted = suppressColumns(
      ordered.map((r) => ({ month: r.month, presentations: r.presentations, escalationsToSilver: r.escalationsToSilver, escalationsToGold: r.escalationsToGold, stillInAcuteBed: r.stillInAcuteBed, adultServicesReferrals: r.adultServicesReferrals })),
      ['presentations', 'escalationsToSilver', 'escalationsToGold', 'stillInAcuteBed', 'adultServicesReferrals'],
      () => 'partnership',
    );
    const byMonth = ordered.map((r, i) => ({
      month: r.month,
      presentations: counted[i]!.presentations,
      shareVeryUrgentAssessedWithin4Hours: suppressShare(r.veryUrgentWithin4Hours, r.veryUrgent),
      shareUrgentAssessedWithin24Hours: suppressShare(r.urgentWithin24Hours, r.urgent),
      escalationsToSilver: counted[i]!.escalationsToSilver,
      escalationsToGold: counted[i]!.escalationsToGold,
      hoursDelayedDischarge: {
        median: suppressMedian(r.hoursDelayed, (v) => median(v)),
        total: isSmall(r.hoursDelayed.length) ? WITHHELD : round1(r.hoursDelayed.reduce((a, b) => a + b, 0)),
        /** Of those, young people still in an acute bed now (their hours counted up to now). */
        stillInAcuteBed: counted[i]!.stillInAcuteBed,
      },
      shareBronzeMeetingsOnCadence: suppressShare(r.meetingsOnCadence, r.meetingsDue),
      shareReviewsAfterAdmissionOnTime: suppressShare(r.reviewsAfterAdmissionOnTime, r.reviewsAfterAdmission),
      shareCommunityReviewsHeld: suppressShare(r.communityReviewsHeld, r.communityReviewsNeeded),
      medianHoursTier4ToBedOffer: suppressMedian(r.hoursToBedOffer, (v) => median(v)),
      adultServicesReferrals: counted[i]!.adultServicesReferrals,
    }));
    // Themes across all months: each adds up to the number of cases, so each is suppressed as a group.
    const theme = <K extends string>(keys: readonly K[], of: (d: CrisisDetails) => K | undefined) => {
      const counts = keys.map((k) => records.filter((r) => of(r.details) === k).length);
      const shown = suppressGroup(counts);
      return Object.fromEntries(keys.map((k, i) => [k, shown[i]]));
    };
    return {
      /** Each young person is counted in the month they presented (their escalations and hours with them). */
      monthOf: 'presentation',
      byMonth,
      themes: {
        setting: theme(presentationSettings, (d) => d.setting),
        routeIn: theme(routesIn, (d) => d.routeIn),
        dischargeOutcome: theme(dischargeOutcomes, (d) => d.discharge?.outcome),
        highestLevel: theme(['bronze', 'silver', 'gold'] as const, (d) => d.highestLevel),
      },
      totals: { presentations: suppressCount(records.length) },
    };
  },
};
