import { describe, expect, it } from '@jest/globals';

import { cumulativePath, escapeHtml, lineChartSvg, niceTicks } from './svg-charts.js';

describe(cumulativePath.name, () => {
  const sut = cumulativePath;

  it('compounds returns and measures the drawdown from the running peak', () => {
    const path = sut({ dates: ['2024-01-01', '2024-01-02', '2024-01-03'], values: [0.1, -0.5, 0.2] });
    expect(path.cumulative.map((v) => Number(v.toFixed(12)))).toEqual([0.1, -0.45, -0.34]);
    expect(path.drawdown.map((v) => Number(v.toFixed(12)))).toEqual([0, -0.5, -0.4]);
  });

  it('thins a long series to the point budget while keeping its lowest point', () => {
    const n = 10_000;
    const values = Array.from({ length: n }, (_, i) => (i === 6_789 ? -0.3 : 0.001));
    const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10));
    const path = sut({ dates, values }, 400);
    expect(path.dates.length).toBeLessThanOrEqual(402);
    expect(path.dates).toContain(dates[6_789]);
    expect(path.dates[0]).toBe(dates[0]);
    expect(path.dates.at(-1)).toBe(dates[n - 1]);
  });
});

describe(escapeHtml.name, () => {
  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe(lineChartSvg.name, () => {
  it('draws one polyline per series and escapes the labels', () => {
    const svg = lineChartSvg('t', [{ label: '<x>', color: '#000', dates: ['2024-01-01', '2024-01-02'], values: [0, 0.1] }], [{ label: 'crash', start: '2024-01-01', end: '2024-01-02' }], String);
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).toContain('class="band"');
  });
});

describe(niceTicks.name, () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(-0.143, 1.307)).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    expect(niceTicks(-0.155, 0)).toEqual([-0.2, -0.15, -0.1, -0.05, 0]);
    expect(niceTicks(0, 0)).toEqual([0, 0.00025]);
  });
});
