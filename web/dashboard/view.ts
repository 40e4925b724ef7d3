/**
 * What a commissioner's dashboard for one process shows, built from the API's answers (the figures'
 * `timeliness` and the open clocks by case code): summary figures, the chart with the same figures in a
 * table, breach reasons, where the delay sits, and the clocks due soon or past due by pseudonymous case
 * code. Pure: no figure is computed here that the API does not give (the API suppresses small numbers,
 * once for the whole answer; a total is the API's total row, never a sum made here), and no date finer
 * than the API's (a London day, or an ISO week).
 */
import { daysBetween } from '#core/calendar/index';
import { mondayOfIsoWeek, type PseudonymousClock } from '#core/figures/pseudonymous';
import type { Shown } from '#core/figures/suppression';
import type { TimelinessFigures } from '#core/figures/timeliness';
import { longDate } from '../render';
import { monthLabel, renderShareChart, type ShareValue, shareText } from './chart';
import { dueSoonText, holderText, ruleText } from './csv';

/** An open clock as GET /processes/{p}/clocks lists it (the fields the dashboard uses). */
export type OpenClock = Pick<
  PseudonymousClock,
  'caseCode' | 'title' | 'source' | 'status' | 'due' | 'overdue' | 'state'
>;

/** A clock of the lists by case code, its due date in words. */
export interface ListedClock {
  caseCode: string;
  title: string;
  /** '14 January 2027', or 'the week beginning 1 February 2027'. */
  dueText: string;
  /** For one past due: '3 days overdue', 'past its due time today' (or by the week). */
  overdueText?: string;
}

export interface DashboardView {
  processId: string;
  processTitle: string;
  /** The day (or week) the figures are for, in words. */
  asOfText: string;
  /** 'Due soon' */
  dueSoonText: string;
  /** What due soon means, the one definition every page uses (the API's words). */
  dueSoonRule: string;
  totals: { open: string; dueSoon: string; statutoryBreaches: string; localBreaches: string };
  clocks: {
    clockId: string;
    title: string;
    rule: string;
    heldBy: string;
    statutory: boolean;
    open: string;
    dueSoon: string;
    breached: string;
    breachedOpen: string;
    met: string;
    metLate: string;
  }[];
  /** The chart (SVG markup, escaped inside) and the same figures as table rows beneath. */
  chart:
    | { svg: string; months: string[]; head: string[]; measures: ('' | 'count' | 'share')[]; rows: string[][] }
    | undefined;
  reasons: { clock: string; rule: string; reason: string; count: string }[];
  delay: { heldBy: string; breaches: string }[];
  dueSoon: ListedClock[];
  overdue: ListedClock[];
}

/** A suppressed or plain count as the page writes it. */
export const countText = (shown: Shown): string => (typeof shown === 'number' ? String(shown) : shown);

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

const mondayOf = mondayOfIsoWeek;

/** A pseudonymous date in words: '14 January 2027' for a day, 'the week beginning 1 February 2027' for an ISO week. */
export function periodText(period: string): string {
  return ISO_WEEK.test(period) ? `the week beginning ${longDate(mondayOf(period))}` : longDate(period);
}

/** How long a clock has been past due, by the day (or the week): the API gives nothing finer. */
export function overdueText(due: string, asOf: string): string {
  if (ISO_WEEK.test(due) && ISO_WEEK.test(asOf)) {
    const weeks = Math.round(daysBetween(mondayOf(due), mondayOf(asOf)) / 7);
    return weeks <= 0 ? 'past its due time this week' : `${weeks} week${weeks === 1 ? '' : 's'} overdue`;
  }
  const days = daysBetween(due, asOf);
  return days <= 0 ? 'past its due time today' : `${days} day${days === 1 ? '' : 's'} overdue`;
}

/** A date the clocks list gives, as a key that sorts days and weeks together (a week by its Monday). */
export const periodSortKey = (period: string): string => (ISO_WEEK.test(period) ? mondayOf(period) : period);

/** The last 12 months that have figures, oldest first. */
const MONTHS_SHOWN = 12;

type ClockRow = TimelinessFigures['clocks']['rows'][number];

/**
 * @param asOf the day (or ISO week) the figures are for (the answer's `asOf`)
 * @param openClocks the open clocks as the API lists them, each with its one state (due soon, overdue...)
 */
export function dashboardView(
  processId: string,
  processTitle: string,
  figures: TimelinessFigures,
  asOf: string,
  openClocks: OpenClock[],
): DashboardView {
  const clocks = figures.clocks.rows;
  const byMonth = figures.byMonth.rows;
  const months = [...new Set(byMonth.map((m) => m.month))].sort().slice(-MONTHS_SHOWN);
  const withMonths = clocks.filter((c) => byMonth.some((m) => m.clockId === c.clockId));
  const monthOf = (c: ClockRow, month: string) => byMonth.find((m) => m.clockId === c.clockId && m.month === month);
  const seriesLabel = (c: ClockRow) => `${c.title} (${ruleText(c.source).toLowerCase()})`;
  const shareOf = (c: ClockRow, month: string): ShareValue => monthOf(c, month)?.share ?? null;

  const chart = months.length
    ? {
        svg: renderShareChart({
          id: `chart-${processId}`,
          title: `${processTitle}: share of clocks met within timescale, by month`,
          description: withMonths
            .map(
              (c) =>
                `${seriesLabel(c)}: ${months.map((m) => `${monthLabel(m)} ${shareText(shareOf(c, m))}`).join(', ')}.`,
            )
            .join(' '),
          months,
          series: withMonths.map((c) => ({ label: seriesLabel(c), values: months.map((m) => shareOf(c, m)) })),
        }),
        months,
        head: [
          'Month',
          ...withMonths.flatMap((c) => [`${c.title}: due`, `${c.title}: within timescale`, `${c.title}: share`]),
        ],
        /** What each column holds (the month is a label): pages mark the cells so a count is known for one. */
        measures: ['' as const, ...withMonths.flatMap(() => ['count' as const, 'count' as const, 'share' as const])],
        rows: months.map((month) => [
          monthLabel(month),
          ...withMonths.flatMap((c) => {
            const m = monthOf(c, month);
            return m
              ? [countText(m.due), countText(m.withinTimescale), shareText(m.share)]
              : ['0', '0', shareText(null)];
          }),
        ]),
      }
    : undefined;

  const byDue = (a: OpenClock, b: OpenClock) =>
    periodSortKey(a.due).localeCompare(periodSortKey(b.due)) ||
    a.caseCode.localeCompare(b.caseCode) ||
    a.title.localeCompare(b.title);
  const listed = (c: OpenClock): ListedClock => ({
    caseCode: c.caseCode,
    title: c.title,
    dueText: periodText(c.due),
    ...(c.overdue ? { overdueText: overdueText(c.due, asOf) } : {}),
  });
  const total = figures.clocks.total;
  const breachesOf = (rule: string) => figures.breaches.rows.find((b) => b.rule === rule)?.breaches ?? 0;
  return {
    processId,
    processTitle,
    asOfText: periodText(asOf),
    dueSoonText,
    dueSoonRule: figures.dueSoonRule,
    totals: {
      open: countText(total?.open ?? 0),
      dueSoon: countText(total?.dueSoon ?? 0),
      statutoryBreaches: countText(breachesOf('statutory')),
      localBreaches: countText(breachesOf('localTarget')),
    },
    clocks: clocks.map((c) => ({
      clockId: c.clockId,
      title: c.title,
      rule: ruleText(c.source),
      heldBy: holderText(c.owner),
      statutory: c.source !== 'localTarget',
      open: countText(c.open),
      dueSoon: countText(c.dueSoon),
      breached: countText(c.breached),
      breachedOpen: countText(c.breachedOpen),
      met: countText(c.met),
      metLate: countText(c.metLate),
    })),
    chart,
    reasons: figures.breachReasons.rows.map((r) => {
      const c = clocks.find((x) => x.clockId === r.clockId);
      return {
        clock: c?.title ?? r.clockId,
        rule: ruleText(c?.source ?? ''),
        reason: r.reason,
        count: countText(r.clocks),
      };
    }),
    // Who holds the missed clocks: those with none missed are left out; the most first, then suppressed ones, by name.
    delay: figures.breachesByOwner.rows
      .filter((o) => o.breaches !== 0)
      .map((o) => ({ heldBy: holderText(o.owner), shown: o.breaches }))
      .sort(
        (a, b) =>
          (typeof b.shown === 'number' ? b.shown : -1) - (typeof a.shown === 'number' ? a.shown : -1) ||
          a.heldBy.localeCompare(b.heldBy),
      )
      .map(({ heldBy, shown }) => ({ heldBy, breaches: countText(shown) })),
    dueSoon: openClocks
      .filter((c) => c.state === 'dueSoon')
      .sort(byDue)
      .map(listed),
    overdue: openClocks
      .filter((c) => c.state === 'overdue')
      .sort(byDue)
      .map(listed),
  };
}
