/**
 * The dashboard's figures as a CSV download: one row per figure (a "long" table that a spreadsheet's
 * pivot table reads as it is), with the process, the clock, its rule (statutory or local target), who
 * holds it, the month where the figure is by month, what is counted and the figure as shown on the
 * page: suppressed figures stay suppressed ('fewer than 5', 'withheld'). Counts only: no case codes.
 * Written with csv-stringify (quoting, line endings); cells a spreadsheet would run as a formula are
 * made plain text first.
 */
import { stringify } from 'csv-stringify/sync';
import type { ClockTimeliness, TimelinessFigures } from '#core/figures/timeliness';

export const CSV_COLUMNS = ['Process', 'Clock', 'Rule', 'Held by', 'Month', 'Measure', 'Value'] as const;

const RULES: Record<string, string> = { statutory: 'Statutory', nationalStandard: 'National standard', localTarget: 'Local target' };
const HOLDERS: Record<string, string> = { council: 'Council', healthProvider: 'Health provider', icb: 'Integrated care board', police: 'Police', school: 'School', unknown: 'Not known' };

export const ruleText = (source: string) => RULES[source] ?? source;
export const holderText = (owner: string) => HOLDERS[owner] ?? owner;

/**
 * A cell a spreadsheet would take for a formula (=, +, -, @, tab or carriage return first) is prefixed
 * with an apostrophe, as OWASP advises for CSV injection; numbers are left as numbers.
 */
export function plainCell(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function clockRows(processTitle: string, clock: ClockTimeliness): (string | number)[][] {
  const base = [processTitle, clock.title, ruleText(clock.source), holderText(clock.owner)];
  const row = (month: string, measure: string, value: string | number | null) => [...base, month, measure, value].map(plainCell);
  return [
    row('', 'Open clocks', clock.open),
    row('', 'Due in the next 7 days', clock.dueSoon),
    row('', 'Missed (breached or met late)', clock.breached),
    row('', 'Missed and still open', clock.breachedOpen),
    row('', 'Met within timescale', clock.met),
    row('', 'Met late', clock.metLate),
    ...clock.byMonth.flatMap((m) => [
      row(m.month, 'Clocks due (outcome known)', m.due),
      row(m.month, 'Met within timescale', m.withinTimescale),
      row(m.month, 'Share within timescale', m.share === null ? 'none due' : m.share),
    ]),
    ...clock.breachReasons.map((r) => row('', `Missed because: ${r.reason}`, r.count)),
  ];
}

export function dashboardCsv(processTitle: string, figures: TimelinessFigures): string {
  return stringify([[...CSV_COLUMNS], ...figures.clocks.flatMap((clock) => clockRows(processTitle, clock))], { record_delimiter: 'windows' });
}
