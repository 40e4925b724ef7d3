/**
 * What a commissioner's dashboard for one process shows, built from the API's answers (the figures'
 * `timeliness` and the open clocks by case code): summary figures, the chart with the same figures in a
 * table, breach reasons, where the delay sits, and the clocks due soon or past due by pseudonymous case
 * code. Pure: no figure is computed here that the API does not give (the API suppresses small numbers).
 */
import type { ClockTimeliness, TimelinessFigures } from '#core/figures/timeliness';
import type { Shown } from '#core/figures/suppression';
import { monthLabel, renderShareChart, shareText, type ShareValue } from './chart';
import { holderText, ruleText } from './csv';

/** An open clock as GET /processes/{p}/clocks lists it. */
export interface OpenClock {
  caseCode: string;
  title: string;
  source: string;
  status: string;
  dueAt: string;
  overdue: boolean;
}

export interface DashboardView {
  processId: string;
  processTitle: string;
  asOf: string;
  dueSoonDays: number;
  totals: { open: number; dueSoon: number; statutoryBreaches: number; localBreaches: number };
  clocks: (Pick<ClockTimeliness, 'clockId' | 'title' | 'open' | 'dueSoon' | 'breached' | 'breachedOpen' | 'met' | 'metLate'> & { rule: string; heldBy: string; statutory: boolean })[];
  /** The chart (SVG markup, escaped inside) and the same figures as table rows beneath. */
  chart: { svg: string; months: string[]; head: string[]; rows: string[][] } | undefined;
  reasons: { clock: string; rule: string; reason: string; count: string }[];
  delay: { heldBy: string; breaches: number }[];
  dueSoon: OpenClock[];
  overdue: OpenClock[];
}

/** A suppressed or plain count as the page writes it. */
export const countText = (shown: Shown): string => (typeof shown === 'number' ? String(shown) : shown);

/** The last 12 months that have figures, oldest first. */
const MONTHS_SHOWN = 12;

export function dashboardView(processId: string, processTitle: string, figures: TimelinessFigures, openClocks: OpenClock[]): DashboardView {
  const clocks = figures.clocks;
  const months = [...new Set(clocks.flatMap((c) => c.byMonth.map((m) => m.month)))].sort().slice(-MONTHS_SHOWN);
  const withMonths = clocks.filter((c) => c.byMonth.length > 0);
  const seriesLabel = (c: ClockTimeliness) => `${c.title} (${ruleText(c.source).toLowerCase()})`;
  const shareOf = (c: ClockTimeliness, month: string): ShareValue => c.byMonth.find((m) => m.month === month)?.share ?? null;

  const chart = months.length
    ? {
        svg: renderShareChart({
          id: `chart-${processId}`,
          title: `${processTitle}: share of clocks met within timescale, by month`,
          description: withMonths
            .map((c) => `${seriesLabel(c)}: ${months.map((m) => `${monthLabel(m)} ${shareText(shareOf(c, m))}`).join(', ')}.`)
            .join(' '),
          months,
          series: withMonths.map((c) => ({ label: seriesLabel(c), values: months.map((m) => shareOf(c, m)) })),
        }),
        months,
        head: ['Month', ...withMonths.flatMap((c) => [`${c.title}: due`, `${c.title}: within timescale`, `${c.title}: share`])],
        rows: months.map((month) => [
          monthLabel(month),
          ...withMonths.flatMap((c) => {
            const m = c.byMonth.find((x) => x.month === month);
            return m ? [countText(m.due), countText(m.withinTimescale), shareText(m.share)] : ['0', '0', shareText(null)];
          }),
        ]),
      }
    : undefined;

  const soonUntil = new Date(figures.asOf).getTime() + figures.dueSoonDays * 86_400_000;
  const byDue = (a: OpenClock, b: OpenClock) => a.dueAt.localeCompare(b.dueAt) || a.caseCode.localeCompare(b.caseCode);
  return {
    processId,
    processTitle,
    asOf: figures.asOf,
    dueSoonDays: figures.dueSoonDays,
    totals: {
      open: clocks.reduce((n, c) => n + c.open, 0),
      dueSoon: clocks.reduce((n, c) => n + c.dueSoon, 0),
      statutoryBreaches: figures.breaches.statutory,
      localBreaches: figures.breaches.localTarget,
    },
    clocks: clocks.map((c) => ({
      clockId: c.clockId,
      title: c.title,
      rule: ruleText(c.source),
      heldBy: holderText(c.owner),
      statutory: c.source !== 'localTarget',
      open: c.open,
      dueSoon: c.dueSoon,
      breached: c.breached,
      breachedOpen: c.breachedOpen,
      met: c.met,
      metLate: c.metLate,
    })),
    chart,
    reasons: clocks.flatMap((c) => c.breachReasons.map((r) => ({ clock: c.title, rule: ruleText(c.source), reason: r.reason, count: countText(r.count) }))),
    delay: Object.entries(figures.breachesByOwner)
      .map(([owner, breaches]) => ({ heldBy: holderText(owner), breaches }))
      .sort((a, b) => b.breaches - a.breaches || a.heldBy.localeCompare(b.heldBy)),
    dueSoon: openClocks.filter((c) => !c.overdue && new Date(c.dueAt).getTime() <= soonUntil).sort(byDue),
    overdue: openClocks.filter((c) => c.overdue).sort(byDue),
  };
}
