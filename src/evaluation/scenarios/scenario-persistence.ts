import { summarizeSeries, type ScenarioDefinition, type SeriesSummary, type StoredSeries } from './scenario.js';

/** The stored shape of a definition: summaries in place of the series, the points beside them. */
export interface PersistedDefinition extends ScenarioDefinition<SeriesSummary> {
  baselinePoints: StoredSeries | null;
  benchmarkPoints: StoredSeries | null;
}

export function toPersisted(definition: ScenarioDefinition): PersistedDefinition {
  const { baseline, benchmark } = definition;
  return {
    ...definition,
    baseline: { ...baseline, returns: baseline.returns ? summarizeSeries(baseline.returns) : null },
    baselinePoints: baseline.returns,
    benchmark: benchmark ? { ...benchmark, returns: summarizeSeries(benchmark.returns) } : null,
    benchmarkPoints: benchmark?.returns ?? null,
  };
}

/** The definition with its series summarised, whether or not the points were read. */
export function summaryDefinition(doc: ScenarioDefinition<SeriesSummary>): ScenarioDefinition<SeriesSummary> {
  return {
    name: doc.name,
    description: doc.description ?? '',
    modelName: doc.modelName ?? null,
    frequency: doc.frequency,
    riskFreeRate: doc.riskFreeRate ?? null,
    period: doc.period ?? null,
    baseline: { label: doc.baseline.label, metrics: doc.baseline.metrics ?? null, returns: doc.baseline.returns ?? null },
    benchmark: doc.benchmark ?? null,
    stressEvents: doc.stressEvents ?? [],
    thresholds: doc.thresholds ?? [],
    compliance: doc.compliance,
  };
}

/** The full definition, from a document read with its points. */
export function fullDefinition(doc: PersistedDefinition): ScenarioDefinition {
  const summary = summaryDefinition(doc);
  return {
    ...summary,
    baseline: { ...summary.baseline, returns: doc.baselinePoints ?? null },
    benchmark: summary.benchmark && doc.benchmarkPoints ? { label: summary.benchmark.label, returns: doc.benchmarkPoints } : null,
  };
}
