import type { ExplainabilitySummary } from '../explainability/explainability-summary.js';
import type { ComplianceRules } from '../scenarios/scenario.js';
import { breach, consequence, formatNumber, type CheckResult } from './check-result.js';

/** The scenario's explainability requirements, judged on the artifacts attached to the run so far. */
export function checkExplainability(rules: ComplianceRules['explainability'], summary: ExplainabilitySummary): CheckResult[] {
  if (!rules) return [];
  const checks: CheckResult[] = [];
  const base = { kind: 'EXPLAINABILITY' as const, window: null, metric: null, severity: rules.severity };
  if (rules.required) {
    const present = summary.artifactCount > 0;
    checks.push({
      ...base,
      name: 'explainability required',
      outcome: present ? 'PASS' : breach(rules.severity),
      observed: summary.artifactCount,
      limit: 1,
      comparator: '>=',
      message: present
        ? `${summary.artifactCount} explainability artifact(s) attached.`
        : `No explainability artifact is attached and the scenario requires one; ${consequence(rules.severity)}. Attach SHAP values, feature importance or partial dependence to the run.`,
    });
  }
  if (rules.maxFeatureShare !== null) {
    const limit = rules.maxFeatureShare;
    const name = `largest feature share <= ${formatNumber(limit)}`;
    const importance = summary.importance;
    if (!importance) {
      checks.push({
        ...base,
        name,
        outcome: breach(rules.severity),
        observed: null,
        limit,
        comparator: '<=',
        message: `The largest feature share cannot be verified: no feature importance or SHAP values with a non-zero total are attached; ${consequence(rules.severity)}.`,
      });
    } else {
      const ok = importance.maxShare <= limit;
      const share = `${formatNumber(importance.maxShare * 100)}%`;
      checks.push({
        ...base,
        name,
        outcome: ok ? 'PASS' : breach(rules.severity),
        observed: importance.maxShare,
        limit,
        comparator: '<=',
        message: ok
          ? `The most important feature, '${importance.maxShareFeature}', carries ${share} of total importance, within the limit of ${formatNumber(limit * 100)}%.`
          : `The feature '${importance.maxShareFeature}' carries ${share} of total importance, above the limit of ${formatNumber(limit * 100)}%; ${consequence(rules.severity)}.`,
      });
    }
  }
  return checks;
}
