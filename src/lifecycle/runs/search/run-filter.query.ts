import type { RunFilterClause } from './run-filter.js';

const MONGO_OPERATORS = { '=': '$eq', '!=': '$ne', '>': '$gt', '>=': '$gte', '<': '$lt', '<=': '$lte' } as const;

/**
 * The MongoDB filter for parsed clauses. Keys already match KEY_PATTERN (no `.`, no leading `$`) and values
 * are plain numbers and strings placed under an explicit operator, so user text never becomes an operator,
 * a path or a pattern.
 *
 * NaN never satisfies a metric comparison, `!=` included: every metric condition also excludes NaN, because
 * servers disagree on whether NaN is greater or less than a number. A comparison on a metric, param or tag
 * that a run lacks is false, `!=` included.
 */
export function toRunQuery(clauses: readonly RunFilterClause[]): Record<string, unknown> {
  const conditions = clauses.map(toCondition);
  if (conditions.length === 0) return {};
  return conditions.length === 1 ? conditions[0] : { $and: conditions };
}

function toCondition(clause: RunFilterClause): Record<string, unknown> {
  switch (clause.kind) {
    case 'metric': {
      const path = `latestMetrics.${clause.key}`;
      if (clause.operator === '!=') return { [path]: { $exists: true, $nin: [clause.value, Number.NaN] } };
      return { [path]: { [MONGO_OPERATORS[clause.operator]]: clause.value, $nin: [Number.NaN] } };
    }
    case 'param':
    case 'tag': {
      const path = `${clause.kind}s.${clause.key}`;
      return clause.operator === '=' ? { [path]: { $eq: clause.value } } : { [path]: { $exists: true, $ne: clause.value } };
    }
    case 'status':
      return { status: { [MONGO_OPERATORS[clause.operator]]: clause.value } };
  }
}
