/** The commissioners' share-within-timescale chart: accessible SVG, readable without colour. */
import { describe, expect, it } from 'vitest';
import { monthLabel, renderShareChart, type ShareChart, shareText } from './chart';

const chart: ShareChart = {
  id: 'iha chart',
  title: 'Share within timescale by month',
  description: 'Initial health assessment: January 2027 90%, February withheld',
  months: ['2027-01', '2027-02', '2027-03'],
  series: [
    { label: 'Request to health (local target)', values: [0.9, 'withheld', null] },
    { label: 'Initial health assessment (statutory)', values: [0.625, 1, 0] },
  ],
};

/** Every element of a tag with its attributes, e.g. all <rect …> of the chart. */
const tags = (svg: string, name: string) =>
  [...svg.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );

describe('the share chart', () => {
  it('is an image named by its title and description, with safe ids', () => {
    // Act
    const svg = renderShareChart(chart);
    // Assess
    expect(svg.startsWith('<svg')).toBe(true);
    const [root] = tags(svg, 'svg');
    expect(root).toMatchObject({ role: 'img', 'aria-labelledby': 'iha-chart-title iha-chart-desc' });
    expect(svg).toContain('<title id="iha-chart-title">Share within timescale by month</title>');
    expect(svg).toContain(
      '<desc id="iha-chart-desc">Initial health assessment: January 2027 90%, February withheld</desc>',
    );
  });

  it('draws one bar per known share, its height proportional to the share, each with its figure written above it', () => {
    // Act
    const svg = renderShareChart(chart);
    // Assess: 4 bars (0.9, 0.625, 1, 0), none for the withheld and the empty month
    const bars = tags(svg, 'rect').filter((r) => r['data-series'] !== undefined);
    expect(bars.map((b) => [b['data-series'], b['data-month']])).toEqual([
      ['0', '2027-01'],
      ['1', '2027-01'],
      ['1', '2027-02'],
      ['1', '2027-03'],
    ]);
    const heights = bars.map((b) => Number(b.height));
    expect(heights[2]).toBeGreaterThan(0);
    expect(heights[0]! / heights[2]!).toBeCloseTo(0.9, 5);
    expect(heights[1]! / heights[2]!).toBeCloseTo(0.625, 5);
    expect(heights[3]).toBe(0);
    for (const figure of ['>90%<', '>63%<', '>100%<', '>0%<']) expect(svg).toContain(figure);
  });

  it('says a withheld or empty month in words, never as a bar', () => {
    // Act
    const svg = renderShareChart(chart);
    // Assess
    const words = tags(svg, 'text').filter((t) => t['data-series'] === '0');
    expect(words.map((t) => t['data-month'])).toEqual(['2027-02', '2027-03']);
    expect(svg).toMatch(/data-month="2027-02">withheld</);
    expect(svg).toMatch(/data-month="2027-03">none due</);
  });

  it('tells the clocks apart without colour: each has its own fill pattern, shown in a legend beside its name', () => {
    // Act
    const svg = renderShareChart(chart);
    // Assess
    const patterns = tags(svg, 'pattern').map((p) => p.id);
    expect(patterns).toEqual(['iha-chart-fill-0', 'iha-chart-fill-1']);
    const fills = tags(svg, 'rect')
      .map((r) => r.fill)
      .filter((f) => f?.startsWith('url('));
    expect(new Set(fills)).toEqual(new Set(['url(#iha-chart-fill-0)', 'url(#iha-chart-fill-1)']));
    // The two patterns are drawn differently (solid, stripes), not just in two colours.
    const body = (id: string) =>
      svg.match(new RegExp(`<pattern id="${id}"[^>]*>(.*?)</pattern>`))![1]!.replace(/#[0-9a-f]{6}/g, '');
    expect(body('iha-chart-fill-0')).not.toBe(body('iha-chart-fill-1'));
    expect(svg).toContain('>Request to health (local target)</text>');
    expect(svg).toContain('>Initial health assessment (statutory)</text>');
  });

  it('escapes what it is given', () => {
    // Act
    const svg = renderShareChart({
      ...chart,
      title: 'A <b>&</b> "B"',
      series: [{ label: "Clock <script>alert('x')</script>", values: [0.5, 0.5, 0.5] }],
    });
    // Assess
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('A &lt;b&gt;&amp;&lt;/b&gt; &quot;B&quot;');
  });

  it('is wide enough for the longest legend label, and drawn at its own size (words never shrink)', () => {
    // Act
    const svg = renderShareChart({ ...chart, months: ['2027-01'], series: [{ label: 'x'.repeat(60), values: [1] }] });
    // Assess
    const [root] = tags(svg, 'svg');
    const [, , width, height] = root!.viewBox!.split(' ').map(Number);
    expect(width).toBeGreaterThanOrEqual(60 * 7.5);
    expect([Number(root!.width), Number(root!.height)]).toEqual([width, height]);
  });

  it.each([
    [0.873, '87%'],
    [1, '100%'],
    [0, '0%'],
    [null, 'none due'],
    ['withheld', 'withheld'],
  ] as const)('share %s is written %s', (value, text) => {
    expect(shareText(value)).toBe(text);
  });

  it('names months in words', () => {
    expect(monthLabel('2027-03')).toBe('Mar 2027');
    expect(monthLabel('2026-12')).toBe('Dec 2026');
  });
});
