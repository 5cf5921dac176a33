/**
 * The evaluation maths, called directly (no database, no HTTP): a full evaluation of ten years of daily
 * returns against a baseline and a benchmark with three stress windows, and the same on a million points.
 * Prints time per evaluation and memory (heap growth and peak resident set size). Every figure is checked
 * for sanity first: the observation counts and a finite Sharpe ratio.
 */
import { computeSeriesMetrics } from '../src/evaluation/metrics/series-metrics.js';
import { testSharpeDifference } from '../src/evaluation/metrics/sharpe-significance.js';
import { evaluateCandidate } from '../src/evaluation/runs/run-evaluator.js';
import type { ScenarioDefinition } from '../src/evaluation/scenarios/scenario.js';

const TEN_YEARS = 2_520;
const MILLION = 1_000_000;
const TEN_YEAR_REPEATS = 200;
const MILLION_REPEATS = 3;

function normals(seed: number, count: number): Float64Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

function businessDays(count: number): string[] {
  const dates: string[] = [];
  const day = new Date(Date.UTC(1900, 0, 1));
  while (dates.length < count) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return dates;
}

interface Data {
  dates: string[];
  candidate: number[];
  baseline: number[];
  benchmark: number[];
}

function data(count: number): Data {
  const dates = businessDays(count);
  const market = normals(1, count);
  const a = normals(2, count);
  const b = normals(3, count);
  const candidate = new Array<number>(count);
  const baseline = new Array<number>(count);
  const benchmark = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    benchmark[i] = 0.0002 + 0.01 * market[i];
    candidate[i] = 0.0006 + 0.007 * market[i] + 0.005 * a[i];
    baseline[i] = 0.0004 + 0.009 * market[i] + 0.006 * b[i];
  }
  return { dates, candidate, baseline, benchmark };
}

function scenario(d: Data): ScenarioDefinition {
  const n = d.dates.length;
  const window = (name: string, from: number, length: number) => ({
    name,
    start: d.dates[Math.floor(n * from)],
    end: d.dates[Math.min(n - 1, Math.floor(n * from) + length)],
    description: '',
    thresholds: [{ metric: 'maxDrawdown', comparator: '<=' as const, value: 0.4, baseline: null, severity: 'FAIL' as const }],
  });
  return {
    name: 'bench',
    description: '',
    modelName: null,
    frequency: 'DAILY',
    riskFreeRate: 0.03,
    period: null,
    baseline: { label: 'baseline', metrics: null, returns: { dates: d.dates, values: d.baseline } },
    benchmark: { label: 'benchmark', returns: { dates: d.dates, values: d.benchmark } },
    stressEvents: [window('early', 0.1, 25), window('middle', 0.5, 250), window('late', 0.9, 60)],
    thresholds: [
      { metric: 'sharpe', comparator: '>=', value: null, baseline: { factor: 1, offset: -0.1 }, severity: 'FAIL' },
      { metric: 'maxDrawdown', comparator: '<=', value: null, baseline: { factor: 1.2, offset: 0 }, severity: 'FAIL' },
      { metric: 'hitRate', comparator: '>=', value: 0.45, baseline: null, severity: 'WARN' },
    ],
    compliance: { minHistory: { observations: 500, severity: 'FAIL' }, maxGapDays: null, gapSeverity: 'FAIL', explainability: null },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function timed<T>(repeats: number, fn: () => T): { result: T; sortedMs: number[] } {
  const ms: number[] = [];
  let result!: T;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  return { result, sortedMs: ms.sort((a, b) => a - b) };
}

function report(label: string, sortedMs: number[]): void {
  const median = sortedMs[Math.floor(sortedMs.length / 2)];
  const p95 = sortedMs[Math.min(sortedMs.length - 1, Math.floor(sortedMs.length * 0.95))];
  console.log(`${label.padEnd(52)} median ${median.toFixed(2).padStart(9)} ms   p95 ${p95.toFixed(2).padStart(9)} ms   max ${sortedMs.at(-1)!.toFixed(2).padStart(9)} ms  (${sortedMs.length} runs)`);
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`Benchmark result is wrong: ${message}`);
}

function bench(label: string, count: number, repeats: number): void {
  const before = process.memoryUsage().heapUsed;
  const d = data(count);
  const s = scenario(d);
  const inputBytes = process.memoryUsage().heapUsed - before;
  const candidate = { metrics: null, returns: { dates: d.dates, values: d.candidate } };
  const settings = { riskFreeRate: 0.03, significanceLevel: 0.05 };
  const options = { periodsPerYear: 252, riskFreeRate: 0.03, benchmark: { dates: d.dates, values: d.benchmark } };

  const metrics = timed(repeats, () => computeSeriesMetrics({ dates: d.dates, values: d.candidate }, options));
  check(metrics.result.values.observations === count && Number.isFinite(metrics.result.values.sharpe), 'metrics of the whole series');
  const significance = timed(repeats, () => testSharpeDifference({ dates: d.dates, values: d.candidate }, { dates: d.dates, values: d.baseline }, { ...options, significanceLevel: 0.05 }));
  check(significance.result.result?.observations === count, 'paired observations of the significance test');
  const heapBefore = process.memoryUsage().heapUsed;
  const full = timed(repeats, () => evaluateCandidate(s, candidate, settings));
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  check(full.result.candidate.metrics.observations === count && full.result.stressWindows.every((w) => (w.candidate?.metrics.observations ?? 0) > 0), 'full evaluation');

  console.log(`\n${label}: ${count.toLocaleString('en')} daily points, benchmark and baseline of the same length, 3 stress windows`);
  console.log(`${'input (dates, 3 series) on the heap'.padEnd(52)} ${mb(inputBytes)}`);
  report('metrics of one series (with benchmark)', metrics.sortedMs);
  report('Sharpe significance (paired)', significance.sortedMs);
  report('full evaluation (hygiene, 2 sides, windows, checks)', full.sortedMs);
  console.log(`${'heap growth across the full evaluations'.padEnd(52)} ${mb(heapGrowth)}`);
  console.log(`${'peak resident set size so far'.padEnd(52)} ${mb(peakRss())}`);
}

bench('ten years', TEN_YEARS, TEN_YEAR_REPEATS);
bench('a million points', MILLION, MILLION_REPEATS);
