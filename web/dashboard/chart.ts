/**
 * The commissioners' chart: the share of clocks met within timescale, by month, one bar per clock,
 * as server-rendered SVG.
 *
 * Written by hand: the charting libraries at hand (d3, Chart.js, Vega) draw in a browser or need a DOM
 * and a JavaScript runtime on the page, while pages here must work without JavaScript; the chart is
 * one kind of bar, and what matters is what no library gives by default: readable without colour
 * (each clock has its own fill pattern, and every bar carries its figure as text), a title and a
 * description for assistive technology, and suppressed figures shown as words, never as a bar.
 * The same figures are in a table beneath the chart on the page.
 */

/** A share from 0 to 1, nothing due that month (null), or withheld to protect small numbers. */
export type ShareValue = number | null | 'withheld';

export interface ChartSeries {
  /** e.g. 'Initial health assessment (statutory)' */
  label: string;
  /** One value per month, in the order of `months`. */
  values: ShareValue[];
}

export interface ShareChart {
  /** Unique on the page: prefixes the SVG's element ids (title, description, patterns). */
  id: string;
  title: string;
  description: string;
  /** Months as YYYY-MM, oldest first. */
  months: string[];
  series: ChartSeries[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Mar 2027' from '2027-03'. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** '87%' from 0.873; words for a month with nothing due or a withheld share. */
export function shareText(value: ShareValue): string {
  if (value === null) return 'none due';
  if (value === 'withheld') return 'withheld';
  return `${Math.round(value * 100)}%`;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Fills told apart without colour: solid, diagonal stripes, dots, cross-hatch, horizontal lines.
 * Colours are GOV.UK's, each at least 3:1 against white (WCAG 1.4.11 for graphics).
 */
const FILLS = [
  {
    colour: '#1d70b8',
    pattern: (id: string, c: string) =>
      `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect ` +
      `width="8" height="8" fill="${c}"/></pattern>`,
  },
  {
    colour: '#0b0c0c',
    pattern: (id: string, c: string) =>
      `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse" ` +
      `patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><rect width="4" ` +
      `height="8" fill="${c}"/></pattern>`,
  },
  {
    colour: '#d4351c',
    pattern: (id: string, c: string) =>
      `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" ` +
      `fill="#ffffff"/><circle cx="3" cy="3" r="2" fill="${c}"/></pattern>`,
  },
  {
    colour: '#00703c',
    pattern: (id: string, c: string) =>
      `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" ` +
      `fill="#ffffff"/><path d="M0 0L8 8M8 0L0 8" stroke="${c}" stroke-width="2"/></pattern>`,
  },
  {
    colour: '#4c2c92',
    pattern: (id: string, c: string) =>
      `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" ` +
      `fill="#ffffff"/><rect y="0" width="8" height="3" fill="${c}"/></pattern>`,
  },
];

const PLOT = { top: 24, bottom: 56, left: 44, right: 12, height: 220 };
const BAR = 30;
const GAP_IN_GROUP = 4;
const GAP_BETWEEN_GROUPS = 24;

/**
 * The chart as an SVG element (role img, titled and described), drawn at its own size so its words stay
 * readable: the page puts it in a region that scrolls sideways on a narrow screen, as tables do. No
 * style attribute: the pages' Content-Security-Policy allows stylesheets only from the site.
 */
export function renderShareChart(chart: ShareChart): string {
  const id = chart.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const seriesCount = Math.max(chart.series.length, 1);
  const groupWidth = seriesCount * BAR + (seriesCount - 1) * GAP_IN_GROUP;
  const plotWidth = Math.max(chart.months.length, 1) * (groupWidth + GAP_BETWEEN_GROUPS);
  const legendHeight = chart.series.length * 22 + 8;
  // Wide enough for the months, and for the longest legend label (about 7.5 units a character at 13px).
  const legendWidth =
    PLOT.left + 24 + Math.max(0, ...chart.series.map((series) => series.label.length)) * 7.5 + PLOT.right;
  const width = Math.ceil(Math.max(PLOT.left + plotWidth + PLOT.right, legendWidth));
  const height = PLOT.top + PLOT.height + PLOT.bottom + legendHeight;
  const y = (share: number) => PLOT.top + PLOT.height * (1 - share);
  const parts: string[] = [];

  parts.push(
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
  );
  const fillOf = (i: number) => FILLS[i % FILLS.length]!;
  parts.push(
    `<defs>${chart.series.map((_, i) => fillOf(i).pattern(`${id}-fill-${i}`, fillOf(i).colour)).join('')}</defs>`,
  );

  // Gridlines and the axis: 0% to 100%.
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" ` +
        `stroke="${tick === 0 ? '#0b0c0c' : '#b1b4b6'}" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="12" ` +
        `fill="#0b0c0c">${tick * 100}%</text>`,
    );
  }

  chart.months.forEach((month, m) => {
    const groupX = PLOT.left + GAP_BETWEEN_GROUPS / 2 + m * (groupWidth + GAP_BETWEEN_GROUPS);
    chart.series.forEach((series, s) => {
      const value = series.values[m] ?? null;
      const x = groupX + s * (BAR + GAP_IN_GROUP);
      const label = `${series.label}, ${monthLabel(month)}: ${shareText(value)}`;
      if (typeof value === 'number') {
        const top = y(Math.max(0, Math.min(1, value)));
        parts.push(
          `<rect x="${x}" y="${top}" width="${BAR}" height="${y(0) - top}" fill="url(#${id}-fill-${s})" ` +
            `stroke="${FILLS[s % FILLS.length]!.colour}" stroke-width="1.5" data-series="${s}" ` +
            `data-month="${month}"><title>${escapeXml(label)}</title></rect>`,
          `<text x="${x + BAR / 2}" y="${top - 5}" text-anchor="middle" font-size="11" ` +
            `fill="#0b0c0c">${shareText(value)}</text>`,
        );
      } else {
        // No bar: a suppressed or empty month is said in words, upright along the slot.
        const tx = x + BAR / 2 + 4;
        const ty = y(0) - 6;
        parts.push(
          `<text x="${tx}" y="${ty}" transform="rotate(-90 ${tx} ${ty})" font-size="11" fill="#505a5f" ` +
            `data-series="${s}" data-month="${month}">${shareText(value)}</text>`,
        );
      }
    });
    parts.push(
      `<text x="${groupX + groupWidth / 2}" y="${y(0) + 18}" text-anchor="middle" font-size="12" ` +
        `fill="#0b0c0c">${escapeXml(monthLabel(month))}</text>`,
    );
  });

  // The legend: each clock's fill beside its name.
  chart.series.forEach((series, s) => {
    const ly = PLOT.top + PLOT.height + 36 + s * 22;
    parts.push(
      `<rect x="${PLOT.left}" y="${ly}" width="16" height="16" fill="url(#${id}-fill-${s})" ` +
        `stroke="${FILLS[s % FILLS.length]!.colour}" stroke-width="1.5"/>`,
      `<text x="${PLOT.left + 24}" y="${ly + 13}" font-size="13" fill="#0b0c0c">${escapeXml(series.label)}</text>`,
    );
  });

  const attributes = [
    'xmlns="http://www.w3.org/2000/svg"',
    'class="app-chart"',
    'role="img"',
    'font-family="&quot;GDS Transport&quot;, arial, sans-serif"',
    `aria-labelledby="${id}-title ${id}-desc"`,
    `viewBox="0 0 ${width} ${height}"`,
    `width="${width}"`,
    `height="${height}"`,
    'focusable="false"',
  ];
  return `<svg ${attributes.join(' ')}>${parts.join('')}</svg>`;
}
