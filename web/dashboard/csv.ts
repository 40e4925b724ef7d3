/**
 * The dashboard's figures as a CSV download: one row per figure (a "long" table that a spreadsheet's
 * pivot table reads as it is), with the process, whose figures they are (a council's name, or the
 * partnership's), the clock, its rule (statutory or local target), who holds it, the month where the
 * figure is by month, what is counted, its unit (a count of clocks, or a share from 0 to 1), the figure,
 * and whether it is suppressed. The figures are the API's, suppressed there: a suppressed figure has no
 * value and says why in its own column ('fewer than 5', 'withheld'), so a number column never holds
 * words. Counts only: no case codes.
 * Written with csv-stringify (quoting, line endings); cells a spreadsheet would run as a formula are
 * made plain text first.
 */
import { stringify } from 'csv-stringify/sync';
import type { ShareShown, Shown } from '#core/figures/suppression';
import type { TimelinessFigures } from '#core/figures/timeliness';

export const CSV_COLUMNS = [
  'Process',
  'Council',
  'Clock',
  'Rule',
  'Held by',
  'Month',
  'Measure',
  'Unit',
  'Value',
  'Suppressed',
] as const;

const RULES: Record<string, string> = {
  statutory: 'Statutory',
  nationalStandard: 'National standard',
  localTarget: 'Local target',
};
const HOLDERS: Record<string, string> = {
  council: 'Council',
  healthProvider: 'Health provider',
  icb: 'Integrated care board',
  police: 'Police',
  school: 'School',
  unknown: 'Not known',
};

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

const ALL_CLOCKS = 'All clocks';

/** The figure of clocks due soon (what that means is the API's one definition, said beside each clock). */
export const dueSoonText = 'Due soon';

/** @param council whose figures these are, in words: a council's name, or the partnership's */
export function dashboardCsv(processTitle: string, figures: TimelinessFigures, council: string): string {
  const rows: (string | number)[][] = [];
  /** One figure: its value in the Value column, or nothing there and the reason in Suppressed. */
  const figure = (
    clock: string,
    rule: string,
    heldBy: string,
    month: string,
    measure: string,
    unit: 'count' | 'share',
    shown: Shown | ShareShown,
  ) => {
    const value = typeof shown === 'number' ? shown : null;
    const suppressed = typeof shown === 'string' ? shown : '';
    rows.push([processTitle, council, clock, rule, heldBy, month, measure, unit, value, suppressed].map(plainCell));
  };
  const counts = (
    clock: string,
    rule: string,
    heldBy: string,
    c: Record<'open' | 'dueSoon' | 'breached' | 'breachedOpen' | 'met' | 'metLate', Shown>,
    dueSoonRule: string,
  ) => {
    figure(clock, rule, heldBy, '', 'Open clocks', 'count', c.open);
    figure(clock, rule, heldBy, '', `${dueSoonText} (${dueSoonRule})`, 'count', c.dueSoon);
    figure(clock, rule, heldBy, '', 'Missed (breached or met late)', 'count', c.breached);
    figure(clock, rule, heldBy, '', 'Missed and still open', 'count', c.breachedOpen);
    figure(clock, rule, heldBy, '', 'Met within timescale', 'count', c.met);
    figure(clock, rule, heldBy, '', 'Met late', 'count', c.metLate);
  };
  for (const clock of figures.clocks.rows) {
    const [rule, heldBy] = [ruleText(clock.source), holderText(clock.owner)];
    counts(clock.title, rule, heldBy, clock, clock.dueSoonRule);
    for (const m of figures.byMonth.rows.filter((x) => x.clockId === clock.clockId)) {
      figure(clock.title, rule, heldBy, m.month, 'Clocks due (outcome known)', 'count', m.due);
      figure(clock.title, rule, heldBy, m.month, 'Met within timescale', 'count', m.withinTimescale);
      figure(clock.title, rule, heldBy, m.month, 'Share within timescale', 'share', m.share);
    }
    for (const r of figures.breachReasons.rows.filter((x) => x.clockId === clock.clockId))
      figure(clock.title, rule, heldBy, '', `Missed because: ${r.reason}`, 'count', r.clocks);
  }
  if (figures.clocks.total) counts(ALL_CLOCKS, '', '', figures.clocks.total, figures.dueSoonRule);
  for (const b of figures.breaches.rows)
    figure(
      ALL_CLOCKS,
      b.rule === 'statutory' ? 'Statutory and national standard' : ruleText(b.rule),
      '',
      '',
      'Missed (breached or met late)',
      'count',
      b.breaches,
    );
  for (const o of figures.breachesByOwner.rows)
    figure(ALL_CLOCKS, '', holderText(o.owner), '', 'Missed (breached or met late)', 'count', o.breaches);
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
