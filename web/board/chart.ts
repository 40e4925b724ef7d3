/**
 * The board pack's chart: one measure by month, this year's bar beside last year's, each bar with its
 * figure written on it, as server-rendered SVG.
 *
 * Written by hand, for the reasons the dashboards' chart gives (web/dashboard/chart.ts): the charting
 * libraries draw in a browser with a DOM and script, while these pages work without JavaScript and print
 * to A4 as they are; what matters here is what no library gives by default: every bar carries its figure
 * as text, the two years are told apart without colour (solid beside striped), a suppressed or withheld
 * figure is said in words and never drawn, and the chart has a title and a description for assistive
 * technology. The same figures are in a table beneath it on the page.
 */

/** A month's figure: a number, or why there is none ('fewer than 5', 'withheld', 'to come', 'none'). */
export type BarValue = number | string;

export interface MonthChart {
  /** Unique on the page: prefixes the SVG's element ids. */
  id: string;
  title: string;
  description: string;
  /** 'Jan' to 'Dec'. */
  months: readonly string[];
  series: readonly { label: string; values: readonly BarValue[] }[];
  /** How a number is written on its bar (e.g. 87% for a share). */
  format: (value: number) => string;
  /** The axis's top: 1 for a share; otherwise worked out from the figures. */
  max?: number;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const FILLS = [
  // This year: solid GOV.UK blue (3:1 or more against white, WCAG 1.4.11).
  (id: string) =>
    `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" ` +
    `fill="#1d70b8"/></pattern>`,
  // Last year: black diagonal stripes on white.
  (id: string) =>
    `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="#505a5f"/></pattern>`,
];
const STROKES = ['#1d70b8', '#0b0c0c'];

const PLOT = { top: 22, bottom: 40, left: 48, right: 8, height: 160 };
const BAR = 22;
const GAP = 2;
const GROUP_GAP = 12;

/** A round axis top at or above the largest figure (1, 2, 5 times a power of ten). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function renderMonthChart(chart: MonthChart): string {
  const id = chart.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const numbers = chart.series.flatMap((s) => s.values.filter((v): v is number => typeof v === 'number'));
  const max = chart.max ?? niceMax(Math.max(0, ...numbers));
  const groupWidth = chart.series.length * BAR + (chart.series.length - 1) * GAP;
  const plotWidth = chart.months.length * (groupWidth + GROUP_GAP);
  const legendY = PLOT.top + PLOT.height + 30;
  const width = PLOT.left + plotWidth + PLOT.right;
  const height = legendY + 22;
  const y = (v: number) => PLOT.top + PLOT.height * (1 - Math.max(0, Math.min(max, v)) / max);
  const parts: string[] = [
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
    `<defs>${chart.series.map((_s, i) => FILLS[i % FILLS.length]!(`${id}-fill-${i}`)).join('')}</defs>`,
  ];
  for (const tick of [0, 0.5, 1]) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${y(tick * max)}" y2="${y(tick * max)}" ` +
        `stroke="${tick ? '#b1b4b6' : '#0b0c0c'}" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${y(tick * max) + 4}" text-anchor="end" font-size="11" fill="#0b0c0c">` +
        `${escapeXml(chart.format(tick * max))}</text>`,
    );
  }
  chart.months.forEach((month, m) => {
    const groupX = PLOT.left + GROUP_GAP / 2 + m * (groupWidth + GROUP_GAP);
    chart.series.forEach((series, s) => {
      const value = series.values[m] ?? '';
      const x = groupX + s * (BAR + GAP);
      if (typeof value === 'number') {
        const top = y(value);
        parts.push(
          `<rect x="${x}" y="${top}" width="${BAR}" height="${Math.max(0, y(0) - top)}" ` +
            `fill="url(#${id}-fill-${s})" stroke="${STROKES[s % STROKES.length]}" stroke-width="1" ` +
            `data-series="${s}" data-month="${m + 1}">` +
            `<title>${escapeXml(`${series.label}, ${month}: ${chart.format(value)}`)}` +
            `</title></rect>`,
          `<text x="${x + BAR / 2}" y="${top - 4}" text-anchor="middle" font-size="9" fill="#0b0c0c">` +
            `${escapeXml(chart.format(value))}</text>`,
        );
      } else if (value) {
        // No bar: the figure is said in words, upright along its slot.
        const tx = x + BAR / 2 + 3;
        const ty = y(0) - 4;
        parts.push(
          `<text x="${tx}" y="${ty}" transform="rotate(-90 ${tx} ${ty})" font-size="9" fill="#505a5f" ` +
            `data-series="${s}" data-month="${m + 1}">${escapeXml(value)}</text>`,
        );
      }
    });
    parts.push(
      `<text x="${groupX + groupWidth / 2}" y="${y(0) + 16}" text-anchor="middle" font-size="11" fill="#0b0c0c">` +
        `${escapeXml(month)}</text>`,
    );
  });
  chart.series.forEach((series, s) => {
    const lx = PLOT.left + s * 160;
    parts.push(
      `<rect x="${lx}" y="${legendY}" width="14" height="14" fill="url(#${id}-fill-${s})" ` +
        `stroke="${STROKES[s % STROKES.length]}" stroke-width="1"/>`,
      `<text x="${lx + 20}" y="${legendY + 12}" font-size="12" fill="#0b0c0c">${escapeXml(series.label)}</text>`,
    );
  });
  const attributes = [
    'xmlns="http://www.w3.org/2000/svg"',
    'class="app-chart app-board-chart"',
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
