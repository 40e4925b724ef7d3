/**
 * Supporting Families / Family Help: the figures the board pack reports (per month and per locality
 * team, small numbers suppressed), beside the timeliness of its clocks; no per-case row goes to figure
 * readers (who reads an episode and who records on it is in access.ts).
 */
import { createWorkingDayCalendar, londonDateOf } from '#core/calendar/index';
import { unitsUsed } from '#core/clocks/engine';
import { type Cell, type CountSheet, table } from '#core/figures/suppression';
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { EPISODE_CLOCK, WEEK } from './clocks';
import { boardClosure, closedWithinSixteenWeeksCounted } from './closures';
import { channels, closureOutcomes, partnerKinds, routes, type SfDetails } from './details';
import { expectedSteps } from './steps';

type Record_ = CaseRecord<SfDetails>;

const month = (iso: string | undefined) => (iso ? londonDateOf(new Date(iso)).slice(0, 7) : undefined);

export const views: ProcessViews<SfDetails> = {
  /** What is expected next on a case, as the rules would accept it (steps.ts). */
  expectedSteps,
  figures(records: Record_[], sheet: CountSheet, now: Date) {
    return supportingFamiliesFigures(records, sheet, now);
  },
};

/** One (month, locality team) row of counts, before suppression. */
export interface Row {
  month: string;
  locality: string;
  requests: number;
  requestsByChannel: Record<string, number>;
  decisions: number;
  decisionsByRoute: Record<string, number>;
  decisionsWithinOneWorkingDay: number;
  episodesStarted: number;
  partnerLed: number;
  partnerLedByKind: Record<string, number>;
  assessmentsCompleted: number;
  assessmentsWithinFourWeeks: number;
  episodesClosed: number;
  closedWithinSixteenWeeks: number;
  closuresByOutcome: Record<string, number>;
  outcomesMet: number;
  sustainChecks: number;
  outcomesLasted: number;
}

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
const NOT_RECORDED = 'not recorded';

/**
 * The board pack's figures, per month and per locality team: each count falls in the month its own
 * event happened (a request in the month it was made, a closure in the month it closed), London time.
 * Requests without consent have no locality team ('not recorded'). Open episodes past 20 weeks are a
 * count as of now, per locality team. Every count is a cell of the answer's sheet, with what adds up
 * to what declared (requests by channel to requests, decisions by route, partner-led episodes by kind,
 * closures by outcome; each share's numerator within its denominator), so small numbers are suppressed
 * with the rest of the answer. Not declared: how these counts relate to the timeliness figures of the
 * process's clocks, which count clocks rather than events by month.
 */
export function supportingFamiliesFigures(records: Record_[], sheet: CountSheet, now: Date) {
  const { rows, openPastTwentyWeeks } = figureCounts(records, now);
  const group = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, sheet.count(v)])) as Record<string, Cell>;
  const byMonthAndLocality = rows.map((r) => {
    const c = (n: number) => sheet.count(n);
    const requests = c(r.requests);
    const requestsByChannel = group(r.requestsByChannel);
    sheet.adds(requests, Object.values(requestsByChannel));
    const decisions = c(r.decisions);
    const decisionsByRoute = group(r.decisionsByRoute);
    sheet.adds(decisions, Object.values(decisionsByRoute));
    const decisionsWithinOneWorkingDay = c(r.decisionsWithinOneWorkingDay);
    const episodesStarted = c(r.episodesStarted);
    const partnerLed = c(r.partnerLed);
    const partnerLedByKind = group(r.partnerLedByKind);
    sheet.adds(partnerLed, Object.values(partnerLedByKind));
    const assessmentsCompleted = c(r.assessmentsCompleted);
    const assessmentsWithinFourWeeks = c(r.assessmentsWithinFourWeeks);
    const episodesClosed = c(r.episodesClosed);
    const closedWithinSixteenWeeks = c(r.closedWithinSixteenWeeks);
    const closuresByOutcome = group(r.closuresByOutcome);
    sheet.adds(episodesClosed, Object.values(closuresByOutcome));
    const sustainChecks = c(r.sustainChecks);
    const outcomesLasted = c(r.outcomesLasted);
    return {
      month: r.month,
      locality: r.locality,
      requests,
      requestsByChannel,
      decisions,
      decisionsByRoute,
      decisionsWithinOneWorkingDay,
      shareDecidedWithinOneWorkingDay: sheet.share(decisionsWithinOneWorkingDay, decisions),
      episodesStarted,
      partnerLed,
      partnerLedShare: sheet.share(partnerLed, episodesStarted),
      partnerLedByKind,
      assessmentsCompleted,
      assessmentsWithinFourWeeks,
      shareAssessedWithinFourWeeks: sheet.share(assessmentsWithinFourWeeks, assessmentsCompleted),
      episodesClosed,
      closedWithinSixteenWeeks,
      shareClosedWithinSixteenWeeks: sheet.share(closedWithinSixteenWeeks, episodesClosed),
      closuresByOutcome,
      shareOutcomesMet: sheet.share(closuresByOutcome.outcomesMet!, episodesClosed),
      sustainChecks,
      outcomesLasted,
      shareOutcomesLasted: sheet.share(outcomesLasted, sustainChecks),
    };
  });
  return {
    byMonthAndLocality: table(byMonthAndLocality),
    openPastTwentyWeeks: table(
      Object.entries(openPastTwentyWeeks).map(([locality, episodes]) => ({
        locality,
        episodes: sheet.count(episodes),
      })),
    ),
  };
}

/**
 * The counts before suppression, one row per (month, locality team) in order, and
 * open episodes past 20 weeks by locality.
 */
export function figureCounts(
  records: Record_[],
  now: Date,
): { rows: Row[]; openPastTwentyWeeks: Record<string, number> } {
  const rows = new Map<string, Row>();
  const rowOf = (m: string, locality: string) => {
    const key = `${m}|${locality}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        month: m,
        locality,
        requests: 0,
        requestsByChannel: zeros(channels),
        decisions: 0,
        decisionsByRoute: zeros(routes),
        decisionsWithinOneWorkingDay: 0,
        episodesStarted: 0,
        partnerLed: 0,
        partnerLedByKind: zeros(partnerKinds),
        assessmentsCompleted: 0,
        assessmentsWithinFourWeeks: 0,
        episodesClosed: 0,
        closedWithinSixteenWeeks: 0,
        closuresByOutcome: zeros(closureOutcomes),
        outcomesMet: 0,
        sustainChecks: 0,
        outcomesLasted: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  const openPastTwenty = new Map<string, number>();
  // Calendar days need no working-day calendar; the engine's signature asks for one.
  const calendars = { workingDays: createWorkingDayCalendar() };
  for (const record of records) {
    const d = record.details;
    if (!d?.request) continue;
    const locality = d.request.locality ?? NOT_RECORDED;
    const r = rowOf(month(d.request.requestedAt)!, locality);
    r.requests++;
    r.requestsByChannel[d.request.channel]!++;
    if (d.decision) {
      const x = rowOf(month(d.decision.decidedAt)!, locality);
      x.decisions++;
      x.decisionsByRoute[d.decision.route]!++;
      if (d.decision.withinTarget) x.decisionsWithinOneWorkingDay++;
    }
    if (d.allocation) {
      const x = rowOf(month(d.allocation.allocatedAt)!, locality);
      x.episodesStarted++;
      if (d.allocation.partnerLed) {
        x.partnerLed++;
        x.partnerLedByKind[d.allocation.partnerKind ?? 'other']!++;
      }
    }
    if (d.assessment) {
      const x = rowOf(d.assessment.completedOn.slice(0, 7), locality);
      x.assessmentsCompleted++;
      if (d.assessment.withinTarget) x.assessmentsWithinFourWeeks++;
    }
    // Episodes closed: those that started (an allocation), whatever their outcome, step-ups included; 16
    // weeks with paused days left out and Outcomes Met as recorded, by the board's measures' definitions.
    const closure = boardClosure(record);
    if (closure) {
      const x = rowOf(month(closure.at)!, locality);
      x.episodesClosed++;
      x.closuresByOutcome[closure.outcome]!++;
      if (closedWithinSixteenWeeksCounted(closure)) x.closedWithinSixteenWeeks++;
      if (closure.outcome === 'outcomesMet') x.outcomesMet++;
    }
    if (d.sustainCheck?.recordedOn !== undefined) {
      const x = rowOf(d.sustainCheck.recordedOn.slice(0, 7), locality);
      x.sustainChecks++;
      if (d.sustainCheck.outcomesLasted) x.outcomesLasted++;
    }
    const episode = record.clocks[EPISODE_CLOCK];
    if (record.status === 'open' && episode && unitsUsed(episode, now, calendars) > 20 * WEEK) {
      openPastTwenty.set(locality, (openPastTwenty.get(locality) ?? 0) + 1);
    }
  }
  const sorted = [...rows.values()].sort((a, b) =>
    `${a.month}|${a.locality}`.localeCompare(`${b.month}|${b.locality}`),
  );
  return {
    rows: sorted,
    openPastTwentyWeeks: Object.fromEntries([...openPastTwenty.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
}
