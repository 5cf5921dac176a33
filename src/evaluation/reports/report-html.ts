import type { CheckResult } from '../compliance/check-result.js';
import type { EvaluationReport } from './evaluation-report.js';
import { barChartSvg, escapeHtml, lineChartSvg, type ChartBand, type ChartLine, type CumulativePath } from './svg-charts.js';

export interface ReportPaths {
  candidate: CumulativePath | null;
  baseline: CumulativePath | null;
  benchmark: CumulativePath | null;
}

const PERCENT_METRICS = new Set(['totalReturn', 'cagr', 'annualizedVolatility', 'maxDrawdown', 'hitRate', 'var95', 'cvar95', 'alpha', 'trackingError']);
const COLORS = { candidate: '#1f6feb', baseline: '#8a8f98', benchmark: '#d29922' };

/**
 * The report as one self-contained page: inline CSS and SVG, no script, no font, no image or anything
 * else fetched (the Content-Security-Policy says so too), so it can be mailed and opened offline.
 */
export function renderReportHtml(report: EvaluationReport, paths: ReportPaths): string {
  const title = `Evaluation of ${report.candidate.label} against ${report.scenario.name} (revision ${report.scenario.revision})`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    `<h1>${escapeHtml(title)}</h1>`,
    header(report),
    summary(report),
    section('Key metrics', metricsTable(report) + significance(report)),
    section('Performance', charts(report, paths)),
    section('Stress windows', stressTable(report)),
    section('Compliance checks', checksTable(report.compliance.checks)),
    section('Explainability', explainability(report)),
    section('Data hygiene', hygiene(report)),
    section('Conventions and timings', conventions(report)),
    '</main></body></html>',
  ].join('\n');
}

function header(report: EvaluationReport): string {
  const { candidate, scenario, run, timings, verdict } = report;
  const identity = candidate.modelName ? `model ${candidate.modelName} v${candidate.version}` : `lifecycle run ${candidate.lifecycleRunId}`;
  const rows: [string, string][] = [
    ['Verdict', badge(report.compliance.status)],
    ['Candidate', escapeHtml(`${candidate.label} (${identity})`)],
    ['Scenario', escapeHtml(`${scenario.name}, revision ${scenario.revision}${scenario.modelName ? `, model ${scenario.modelName}` : ''}${scenario.revisedBy ? `, revised by ${scenario.revisedBy.name}` : ''}`)],
    ['Baseline', escapeHtml(scenario.baseline.label)],
    ['Benchmark', escapeHtml(scenario.benchmark?.label ?? 'none')],
    ['Run', escapeHtml(`${run.id}, requested by ${run.requestedBy?.name ?? 'unknown'} (${run.trigger}), ${run.attempts} attempt(s)`)],
    ['Completed', escapeHtml(timings.completedAt?.toISOString() ?? '')],
    ['Model version', escapeHtml(verdict.modelVersion ? (verdict.recordedAt ? `verdict recorded ${verdict.recordedAt.toISOString()}` : 'verdict not recorded') : 'not a model version')],
  ];
  return `<table class="meta">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;
}

function summary(report: EvaluationReport): string {
  const { passed, warned, failed, checks } = report.compliance;
  const notable = checks.filter((c) => c.outcome !== 'PASS');
  const list = notable.length > 0 ? `<ul>${notable.map((c) => `<li>${badge(c.outcome)} ${escapeHtml(c.message)}</li>`).join('')}</ul>` : '';
  return `<p class="lead">${passed} of ${checks.length} checks passed, ${warned} warned, ${failed} failed.</p>${list}`;
}

function metricsTable(report: EvaluationReport): string {
  if (report.comparison.length === 0) return '<p class="muted">The candidate and the baseline share no metric.</p>';
  const rows = report.comparison.map((line) => {
    const better = line.better === null ? '–' : line.better ? '<span class="good">better</span>' : '<span class="bad">worse</span>';
    const relative = line.relativeDelta === null ? '–' : `${(line.relativeDelta * 100).toFixed(1)}%`;
    return `<tr><td>${escapeHtml(line.metric)}</td><td class="num">${metric(line.metric, line.candidate)}</td><td class="num">${metric(line.metric, line.baseline)}</td><td class="num">${metric(line.metric, line.absoluteDelta)}</td><td class="num">${relative}</td><td>${better}</td></tr>`;
  });
  return `<table><thead><tr><th>Metric</th><th>Candidate</th><th>Baseline</th><th>Δ</th><th>Δ relative</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function significance(report: EvaluationReport): string {
  const test = report.significance;
  if (!test) return `<p class="muted">Sharpe significance: not tested, ${escapeHtml(report.significanceNote ?? '')}.</p>`;
  const verdict = test.significant ? 'is statistically significant' : 'is not statistically significant';
  return (
    `<p>Sharpe difference (Jobson–Korkie with Memmel's correction, ${test.observations} shared dates): candidate ${test.candidateSharpe.toFixed(2)} ` +
    `vs baseline ${test.baselineSharpe.toFixed(2)}, correlation ${test.correlation.toFixed(2)}, z = ${test.zStatistic.toFixed(2)}, p = ${test.pValue.toPrecision(3)}; ` +
    `the difference ${verdict} at the ${test.significanceLevel} level.</p>`
  );
}

function charts(report: EvaluationReport, paths: ReportPaths): string {
  const lines = (pick: (p: CumulativePath) => number[]): ChartLine[] =>
    [
      paths.candidate && { label: report.candidate.label, color: COLORS.candidate, dates: paths.candidate.dates, values: pick(paths.candidate) },
      paths.baseline && { label: report.scenario.baseline.label, color: COLORS.baseline, dates: paths.baseline.dates, values: pick(paths.baseline) },
      paths.benchmark && { label: report.scenario.benchmark?.label ?? 'benchmark', color: COLORS.benchmark, dates: paths.benchmark.dates, values: pick(paths.benchmark) },
    ].filter((l): l is ChartLine => Boolean(l));
  const bands: ChartBand[] = report.stressWindows.map((w) => ({ label: w.name, start: w.start, end: w.end }));
  const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
  return lineChartSvg('Cumulative return, stress windows shaded', lines((p) => p.cumulative), bands, percent) + lineChartSvg('Drawdown from the running peak', lines((p) => p.drawdown), bands, percent);
}

function stressTable(report: EvaluationReport): string {
  if (report.stressWindows.length === 0) return '<p class="muted">The scenario defines no stress window.</p>';
  const keys = ['totalReturn', 'maxDrawdown', 'annualizedVolatility', 'sharpe'];
  const rows = report.stressWindows.map((w) => {
    const cells = keys.map((k) => `<td class="num">${metricOrDash(k, w.candidate?.metrics[k])}</td><td class="num muted">${metricOrDash(k, w.baseline?.metrics[k])}</td>`).join('');
    return `<tr><td>${escapeHtml(w.name)}</td><td>${escapeHtml(`${w.start} → ${w.end}`)}</td><td class="num">${w.candidate?.metrics.observations ?? '–'}</td>${cells}</tr>`;
  });
  const head = keys.map((k) => `<th colspan="2">${k}<br><small>candidate / baseline</small></th>`).join('');
  return `<table><thead><tr><th>Window</th><th>Dates</th><th>Obs.</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function checksTable(checks: CheckResult[]): string {
  if (checks.length === 0) return '<p class="muted">The scenario asks for no check.</p>';
  const rows = checks.map(
    (c) =>
      `<tr><td>${badge(c.outcome)}</td><td>${escapeHtml(c.name)}${c.window ? `<br><small>${escapeHtml(c.window)}</small>` : ''}</td><td>${escapeHtml(c.kind)}</td>` +
      `<td class="num">${c.observed === null ? '–' : escapeHtml(String(round(c.observed)))}</td><td class="num">${c.limit === null ? '–' : escapeHtml(`${c.comparator ?? ''} ${round(c.limit)}`)}</td><td>${escapeHtml(c.message)}</td></tr>`,
  );
  return `<table><thead><tr><th></th><th>Check</th><th>Kind</th><th>Observed</th><th>Limit</th><th>Why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function explainability(report: EvaluationReport): string {
  const summary = report.explainability;
  if (summary.artifactCount === 0) return '<p class="muted">No explainability artifact is attached to this run.</p>';
  const counts = Object.entries(summary.byType)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ');
  const parts = [`<p>${summary.artifactCount} artifact(s): ${escapeHtml(counts)}.</p>`];
  if (summary.importance) {
    const limit = report.scenario.compliance.explainability?.maxFeatureShare ?? null;
    const bars = summary.importance.topFeatures.map((f) => ({ label: f.feature, value: f.share, text: `${(f.share * 100).toFixed(1)}%` }));
    parts.push(barChartSvg(`Share of total importance, top ${bars.length} of ${summary.importance.featureCount} features (${summary.importance.type})`, bars, limit));
  }
  if (summary.partialDependenceFeatures.length > 0) parts.push(`<p>Partial dependence for: ${escapeHtml(summary.partialDependenceFeatures.join(', '))}.</p>`);
  return parts.join('');
}

function hygiene(report: EvaluationReport): string {
  const h = report.hygiene;
  if (!h) return '<p class="muted">The candidate supplied metrics only; there was no return series to inspect.</p>';
  const items = [
    `${h.points} points supplied, ${h.usable} evaluated${h.unsorted ? ' (supplied out of date order, sorted)' : ''}`,
    `${h.duplicateDates.count} repeated date(s)`,
    `${h.invalidValues.count} missing or invalid value(s)`,
    `${h.outsidePeriod.count} point(s) outside the scenario period`,
    `${h.gaps.count} gap(s)${h.gaps.count > 0 ? `, the longest ${h.gaps.largestDays} days` : ''}`,
  ];
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

function conventions(report: EvaluationReport): string {
  const c = report.conventions;
  const t = report.timings;
  const items = [
    `${c.frequency} returns, annualised with ${c.periodsPerYear} periods a year; sample (n − 1) standard deviations`,
    `Risk-free rate ${(c.riskFreeRate * 100).toFixed(2)}% a year, compounded down to each period`,
    `Historical VaR and CVaR at ${c.varConfidence * 100}% on the worst ⌈5% · n⌉ periods, stated as positive losses`,
    `Scenario period ${c.period ? `${c.period.start} → ${c.period.end}` : 'not set'}; gaps longer than ${c.maxGapDays} calendar days are flagged`,
    `Queued ${t.queuedAt.toISOString()}; waited ${t.queueWaitMs ?? '–'} ms; processed in ${t.processingMs ?? '–'} ms, of which ${t.computeMs ?? '–'} ms of computation`,
    `Report generated ${report.generatedAt.toISOString()} (report version ${report.reportVersion})`,
  ];
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

function section(heading: string, body: string): string {
  return `<section><h2>${escapeHtml(heading)}</h2>${body}</section>`;
}

function badge(status: string): string {
  const tone = status === 'PASSED' || status === 'PASS' ? 'good' : status === 'FAILED' || status === 'FAIL' ? 'bad' : 'warn';
  return `<span class="badge ${tone}">${escapeHtml(status)}</span>`;
}

function metric(key: string, value: number): string {
  return PERCENT_METRICS.has(key) ? `${(value * 100).toFixed(2)}%` : escapeHtml(String(round(value)));
}

function metricOrDash(key: string, value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? metric(key, value) : '–';
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}

const STYLE = `
body{margin:0;background:#f6f8fa;color:#1f2328;font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:24px;background:#fff}
h1{font-size:20px;margin:0 0 16px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}table.meta th{width:140px}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:#656d76}.lead{font-size:15px;font-weight:600}.good{color:#1a7f37}.bad{color:#cf222e}.warn{color:#9a6700}
.badge{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;font-weight:600;border:1px solid currentColor}
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}
svg .grid{stroke:#eaeef2}svg .zero{stroke:#8c959f;stroke-dasharray:3 3}svg .tick,svg .legend{font-size:11px;fill:#57606a}
svg .band{fill:#cf222e;fill-opacity:.08}svg .band-label{font-size:10px;fill:#cf222e}svg .bar{fill:#1f6feb}svg .limit{stroke:#cf222e;stroke-dasharray:4 3}
small{color:#656d76}
`;
