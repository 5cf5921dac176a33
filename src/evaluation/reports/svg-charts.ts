import { dayNumber } from '../metrics/clean-series.js';
import type { ReturnSeries } from '../metrics/return-series.js';

/** Most points drawn per line: enough for the eye, small enough for a page that opens instantly. */
export const MAX_CHART_POINTS = 600;

export interface ChartLine {
  label: string;
  color: string;
  dates: string[];
  values: number[];
}

export interface ChartBand {
  label: string;
  start: string;
  end: string;
}

export interface CumulativePath {
  dates: string[];
  /** Compounded return since the start: W_t - 1. */
  cumulative: number[];
  /** 1 - W_t / max(W_0..W_t), as a negative number for drawing below zero. */
  drawdown: number[];
}

/**
 * Cumulative return and drawdown of a series, thinned to at most `maxPoints` while keeping each bucket's
 * highest and lowest point, so peaks and troughs survive the thinning.
 */
export function cumulativePath(series: ReturnSeries, maxPoints = MAX_CHART_POINTS): CumulativePath {
  const n = series.dates.length;
  const cumulative = new Float64Array(n);
  const drawdown = new Float64Array(n);
  let log = 0;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    log += Math.log1p(series.values[i]);
    peak = Math.max(peak, log);
    cumulative[i] = Math.expm1(log);
    drawdown[i] = Math.expm1(log - peak);
  }
  const keep = thin(cumulative, drawdown, maxPoints);
  return {
    dates: keep.map((i) => series.dates[i]),
    cumulative: keep.map((i) => cumulative[i]),
    drawdown: keep.map((i) => drawdown[i]),
  };
}

function thin(a: Float64Array, b: Float64Array, maxPoints: number): number[] {
  const n = a.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = n / buckets;
  const keep = new Set<number>([0, n - 1]);
  for (let k = 0; k < buckets; k++) {
    const from = Math.floor(k * size);
    const to = Math.min(n, Math.floor((k + 1) * size));
    let aMin = from;
    let aMax = from;
    let bMin = from;
    let bMax = from;
    for (let i = from; i < to; i++) {
      if (a[i] < a[aMin]) aMin = i;
      if (a[i] > a[aMax]) aMax = i;
      if (b[i] < b[bMin]) bMin = i;
      if (b[i] > b[bMax]) bMax = i;
    }
    keep.add(aMin).add(aMax).add(bMin).add(bMax);
  }
  return [...keep].sort((x, y) => x - y);
}

const WIDTH = 880;
const HEIGHT = 280;
const PAD = { left: 64, right: 16, top: 24, bottom: 36 };

/** A line chart over dates, with shaded windows, as an inline SVG element. */
export function lineChartSvg(title: string, lines: ChartLine[], bands: ChartBand[], format: (v: number) => string): string {
  const drawn = lines.filter((l) => l.dates.length > 0);
  if (drawn.length === 0) return `<p class="muted">${escapeHtml(title)}: no return series to draw.</p>`;
  const xs = drawn.flatMap((l) => [dayNumber(l.dates[0]), dayNumber(l.dates.at(-1) as string)]);
  const ys = drawn.flatMap((l) => l.values).filter(Number.isFinite);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  const ticks = niceTicks(Math.min(0, ...ys), Math.max(0, ...ys));
  const yMin = ticks[0];
  const yMax = ticks.at(-1) as number;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (day: number) => PAD.left + ((day - xMin) / (xMax - xMin)) * plotW;
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;

  const parts: string[] = [];
  for (const band of bands) {
    const from = Math.max(xMin, dayNumber(band.start));
    const to = Math.min(xMax, dayNumber(band.end));
    if (to < from) continue;
    const left = x(from);
    const w = Math.max(2, x(to) - left);
    parts.push(`<rect class="band" x="${n(left)}" y="${PAD.top}" width="${n(w)}" height="${plotH}"><title>${escapeHtml(`${band.label}: ${band.start} → ${band.end}`)}</title></rect>`);
    parts.push(`<text class="band-label" x="${n(left)}" y="${PAD.top - 6}">${escapeHtml(band.label)}</text>`);
  }
  for (const v of ticks) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${n(y(v))}" y2="${n(y(v))}"/>`);
    parts.push(`<text class="tick" x="${PAD.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${escapeHtml(format(v))}</text>`);
  }
  if (yMin < 0 && yMax > 0) parts.push(`<line class="zero" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${n(y(0))}" y2="${n(y(0))}"/>`);
  for (let i = 0; i <= 4; i++) {
    const day = xMin + ((xMax - xMin) * i) / 4;
    const label = new Date(Math.round(day) * 86_400_000).toISOString().slice(0, 7);
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
    parts.push(`<text class="tick" x="${n(x(day))}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="${anchor}">${label}</text>`);
  }
  drawn.forEach((line, k) => {
    const points = line.dates.map((d, i) => `${n(x(dayNumber(d)))},${n(y(line.values[i]))}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${line.color}" stroke-width="1.6" points="${points}"/>`);
    parts.push(`<rect x="${PAD.left + 8 + k * 180}" y="${HEIGHT - 14}" width="12" height="4" fill="${line.color}"/>`);
    parts.push(`<text class="legend" x="${PAD.left + 24 + k * 180}" y="${HEIGHT - 9}">${escapeHtml(line.label)}</text>`);
  });
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg></figure>`
  );
}

/** Horizontal bars, largest first, labelled with their value. */
export function barChartSvg(title: string, bars: { label: string; value: number; text: string }[], limit: number | null): string {
  if (bars.length === 0) return `<p class="muted">${escapeHtml(title)}: nothing to draw.</p>`;
  const rowH = 22;
  const labelW = 220;
  const plotW = WIDTH - labelW - 80;
  const height = bars.length * rowH + 16;
  const max = Math.max(limit ?? 0, ...bars.map((b) => b.value), 1e-12);
  const parts = bars.map((bar, i) => {
    const top = 8 + i * rowH;
    const w = Math.max(1, (bar.value / max) * plotW);
    return (
      `<text class="tick" x="${labelW - 8}" y="${top + 14}" text-anchor="end">${escapeHtml(bar.label)}</text>` +
      `<rect class="bar" x="${labelW}" y="${top + 3}" width="${n(w)}" height="${rowH - 8}"/>` +
      `<text class="tick" x="${n(labelW + w + 6)}" y="${top + 14}">${escapeHtml(bar.text)}</text>`
    );
  });
  if (limit !== null) {
    const lx = labelW + (limit / max) * plotW;
    parts.push(`<line class="limit" x1="${n(lx)}" x2="${n(lx)}" y1="4" y2="${height - 4}"><title>limit</title></line>`);
    parts.push(`<text class="band-label" x="${n(lx + 3)}" y="${height - 4}">limit</text>`);
  }
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg></figure>`
  );
}

/** Round grid values (steps of 1, 2, 2.5 or 5 × 10^k) that cover [min, max] in about four steps. */
export function niceTicks(min: number, max: number): number[] {
  const span = max - min > 1e-12 ? max - min : Math.max(Math.abs(max), 1e-3);
  const rough = span / 4;
  const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) as number) * magnitude;
  const decimals = Math.max(0, 2 - Math.floor(Math.log10(step)));
  const at = (k: number) => Number((k * step).toFixed(decimals)) || 0;
  const first = Math.floor(min / step + 1e-9);
  const ticks = [at(first)];
  for (let k = first + 1; ticks.length < 2 || (ticks.at(-1) as number) < max - 1e-12; k++) ticks.push(at(k));
  return ticks;
}

/** Everything a user wrote (names, labels, messages) goes through here before reaching the page. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function n(value: number): string {
  return value.toFixed(1);
}
