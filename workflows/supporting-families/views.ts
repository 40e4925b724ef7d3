/**
 * Supporting Families / Family Help: the commissioner's pseudonymous view (who reads an episode and
 * who records on it is in access.ts), and the figures the board pack reports (per month and per locality team, small
 * numbers suppressed).
 */
import { londonDateOf } from '#core/calendar/index';
import { unitsUsed } from '#core/clocks/engine';
import { suppressColumns, suppressShare, type Shown } from '#core/figures/suppression';
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { EPISODE_CLOCK, WEEK } from './clocks';
import { channels, closureOutcomes, partnerKinds, routes, type SfDetails } from './details';

type Record_ = CaseRecord<SfDetails>;

const month = (iso: string | undefined) => (iso ? londonDateOf(new Date(iso)).slice(0, 7) : undefined);

export const views: ProcessViews<SfDetails> = {
  commissionerView(record: Record_): Record<string, unknown> {
    const d = record.details;
    const episode = record.clocks[EPISODE_CLOCK];
    return {
      caseCode: record.caseCode,
      version: record.definitionVersion ?? 1,
      status: record.status,
      stage: record.stage,
      requestMonth: month(d.request?.requestedAt),
      channel: d.request?.channel,
      locality: d.request?.locality ?? null,
      route: d.decision?.route ?? null,
      decisionWithinTarget: d.decision?.withinTarget ?? null,
      partnerLed: d.allocation?.partnerLed ?? null,
      partnerKind: d.allocation?.partnerKind ?? null,
      needs: d.needs.length,
      episodeStartMonth: month(d.allocation?.allocatedAt),
      assessmentWithinTarget: d.assessment?.withinTarget ?? null,
      episodeDueAt: episode?.dueAt ?? null,
      // Paused time, reported apart: days of ended pauses, and whether a pause is going on now.
      daysPaused: episode?.pausedUnits ?? null,
      pausedNow: episode?.status === 'paused',
      closure: d.closure ? { month: month(d.closure.at), outcome: d.closure.outcome, daysCounted: d.closure.daysCounted ?? null, daysPaused: d.closure.daysPaused ?? null, withinSixteenWeeks: d.closure.withinSixteenWeeks ?? null } : null,
      outcomesLasted: d.sustainCheck?.outcomesLasted ?? null,
      previousEpisode: record.previousEpisode ? record.previousEpisode.toUpperCase() : null,
    };
  },
  figures(records: Record_[], now: Date): Record<string, unknown> {
    return supportingFamiliesFigures(records, now);
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
 * count as of now, per locality team. Counts are suppressed within each month (the locality rows add
 * up to the month's total), shares withheld where they would reveal a small number.
 */
export function supportingFamiliesFigures(records: Record_[], now: Date) {
  const { rows: sorted, openPastTwentyWeeks } = figureCounts(records, now);
  return suppressed(sorted, openPastTwentyWeeks, now);
}

/** The counts before suppression, one row per (month, locality team) in order, and open episodes past 20 weeks by locality. */
export function figureCounts(records: Record_[], now: Date): { rows: Row[]; openPastTwentyWeeks: Record<string, number> } {
  const rows = new Map<string, Row>();
  const rowOf = (m: string, locality: string) => {
    const key = `${m}|${locality}`;
    let r = rows.get(key);
    if (!r) {
      rows.set(key, (r = {
        month: m, locality, requests: 0, requestsByChannel: zeros(channels), decisions: 0, decisionsByRoute: zeros(routes), decisionsWithinOneWorkingDay: 0,
        episodesStarted: 0, partnerLed: 0, partnerLedByKind: zeros(partnerKinds), assessmentsCompleted: 0, assessmentsWithinFourWeeks: 0,
        episodesClosed: 0, closedWithinSixteenWeeks: 0, closuresByOutcome: zeros(closureOutcomes), outcomesMet: 0, sustainChecks: 0, outcomesLasted: 0,
      }));
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
    // Episodes closed: those that started (an allocation), whatever their outcome, step-ups included.
    if (d.closure && d.allocation && (closureOutcomes as readonly string[]).includes(d.closure.outcome)) {
      const x = rowOf(month(d.closure.at)!, locality);
      x.episodesClosed++;
      x.closuresByOutcome[d.closure.outcome]!++;
      if (d.closure.withinSixteenWeeks) x.closedWithinSixteenWeeks++;
      if (d.closure.outcome === 'outcomesMet') x.outcomesMet++;
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
  const sorted = [...rows.values()].sort((a, b) => `${a.month}|${a.locality}`.localeCompare(`${b.month}|${b.locality}`));
  return { rows: sorted, openPastTwentyWeeks: Object.fromEntries([...openPastTwenty.entries()].sort(([a], [b]) => a.localeCompare(b))) };
}

function suppressed(sorted: Row[], openPastTwenty: Record<string, number>, now: Date) {
  const flat = sorted.map((r) => ({
    month: r.month,
    requests: r.requests,
    ...prefixed('requestsByChannel', r.requestsByChannel),
    decisions: r.decisions,
    ...prefixed('decisionsByRoute', r.decisionsByRoute),
    episodesStarted: r.episodesStarted,
    partnerLed: r.partnerLed,
    ...prefixed('partnerLedByKind', r.partnerLedByKind),
    assessmentsCompleted: r.assessmentsCompleted,
    episodesClosed: r.episodesClosed,
    ...prefixed('closuresByOutcome', r.closuresByOutcome),
    sustainChecks: r.sustainChecks,
  }));
  const countColumns = Object.keys(flat[0] ?? {}).filter((k) => k !== 'month') as (keyof (typeof flat)[number] & string)[];
  const shown = suppressColumns(flat as Record<string, number | string>[], countColumns as string[], (row) => String(row.month)) as Record<string, Shown>[];
  const unflatten = (row: Record<string, Shown>, prefix: string, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, row[`${prefix}.${k}`]!]));
  const byMonthAndLocality = sorted.map((r, i) => {
    const s = shown[i]!;
    return {
      month: r.month,
      locality: r.locality,
      requests: s.requests,
      requestsByChannel: unflatten(s, 'requestsByChannel', channels),
      decisions: s.decisions,
      decisionsByRoute: unflatten(s, 'decisionsByRoute', routes),
      shareDecidedWithinOneWorkingDay: suppressShare(r.decisionsWithinOneWorkingDay, r.decisions, s.decisions),
      episodesStarted: s.episodesStarted,
      partnerLed: s.partnerLed,
      partnerLedShare: suppressShare(r.partnerLed, r.episodesStarted, s.episodesStarted),
      partnerLedByKind: unflatten(s, 'partnerLedByKind', partnerKinds),
      assessmentsCompleted: s.assessmentsCompleted,
      shareAssessedWithinFourWeeks: suppressShare(r.assessmentsWithinFourWeeks, r.assessmentsCompleted, s.assessmentsCompleted),
      episodesClosed: s.episodesClosed,
      shareClosedWithinSixteenWeeks: suppressShare(r.closedWithinSixteenWeeks, r.episodesClosed, s.episodesClosed),
      closuresByOutcome: unflatten(s, 'closuresByOutcome', closureOutcomes),
      shareOutcomesMet: suppressShare(r.outcomesMet, r.episodesClosed, s.episodesClosed),
      sustainChecks: s.sustainChecks,
      shareOutcomesLasted: suppressShare(r.outcomesLasted, r.sustainChecks, s.sustainChecks),
    };
  });
  const past = Object.entries(openPastTwenty);
  const pastShown = suppressColumns(past.map(([locality, count]) => ({ locality, count })), ['count'], () => 'all');
  return {
    asOf: now.toISOString(),
    byMonthAndLocality,
    openPastTwentyWeeks: pastShown.map((p) => ({ locality: p.locality, episodes: p.count })),
  };
}

function prefixed(prefix: string, counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [`${prefix}.${k}`, v]));
}
