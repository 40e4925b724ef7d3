/** The board pack page's words and chart, from a board the API gave: figures written out, never worked out. */
import { describe, expect, it } from 'vitest';
import { renderMonthChart } from './chart';
import { changeText, countText, shareText } from './view';

describe('the board page’s figures in words', () => {
  it('writes counts, shares and suppressed figures as they are', () => {
    expect(countText(3195)).toBe('3,195');
    expect(countText('fewer than 5')).toBe('fewer than 5');
    expect(countText(null)).toBe('none');
    expect(shareText(0.87)).toBe('87%');
    expect(shareText(0.873)).toBe('87.3%');
    expect(shareText('withheld')).toBe('withheld');
  });

  it('says the change from last year, or why it is not shown', () => {
    expect(changeText({ unit: 'count', difference: 548, percent: 25 })).toBe('+548 (+25%)');
    expect(changeText({ unit: 'count', difference: -12, percent: -3.5 })).toBe('−12 (−3.5%)');
    expect(changeText({ unit: 'share', points: 17 })).toBe('+17 percentage points');
    expect(changeText({ unit: 'count', difference: 8, percent: null })).toBe('+8 (none last year)');
    expect(changeText(null)).toMatch(/not shown/);
  });

  it('draws a bar with its figure for a number, and says a suppressed figure in words without a bar', () => {
    const svg = renderMonthChart({
      id: 'c',
      title: 'Requests',
      description: 'Requests by month',
      months: ['Jan', 'Feb'],
      series: [
        { label: '2026', values: [12, 'fewer than 5'] },
        { label: '2025', values: [7, 'to come'] },
      ],
      format: (v) => String(v),
    });
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="c-title">Requests</title>');
    expect(svg.match(/<rect [^>]*data-series/g)?.length).toBe(2);
    expect(svg).toMatch(/>12<\/text>/);
    expect(svg).toMatch(/data-series="0" data-month="2">fewer than 5<\/text>/);
    expect(svg).toContain('to come');
  });
});
