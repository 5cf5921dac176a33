import { RUN_STATUSES, type RunStatus } from '../../../../libs/contracts/src/index.js';
import { KEY_PATTERN, KEY_RULE } from '../../../common/validation/patterns.js';
import { describeToken, tokenize, type ComparisonOperator, type QueryToken } from './query-tokenizer.js';
import { runFilterPattern } from './run-query-patterns.js';
import { RunQuerySyntaxError } from './run-query-syntax.error.js';

export type EqualityOperator = '=' | '!=';

export type RunFilterClause =
  | { kind: 'metric'; key: string; operator: ComparisonOperator; value: number }
  | { kind: 'param' | 'tag'; key: string; operator: EqualityOperator; value: string }
  | { kind: 'status'; operator: EqualityOperator; value: RunStatus };

export const MAX_FILTER_LENGTH = 2000;
export const MAX_FILTER_COMPARISONS = 20;
/** The filters this parser accepts, for the document (without the length limit, stated apart). */
export const RUN_FILTER_PATTERN = runFilterPattern(MAX_FILTER_COMPARISONS);

const SCOPES: Record<string, 'metric' | 'param' | 'tag'> = { metrics: 'metric', params: 'param', tags: 'tag' };
const FIELD = 'metrics.<key>, params.<key>, tags.<key> or status';
const STATUS_VALUES = RUN_STATUSES.map((s) => `"${s}"`).join(', ');

/**
 * Parses a run filter:
 *
 *   filter     = comparison { "and" comparison }
 *   comparison = "metrics." key op number
 *              | ("params." | "tags.") key ("=" | "!=") string
 *              | "status" ("=" | "!=") string
 *   op         = "=" | "!=" | ">" | ">=" | "<" | "<="
 *
 * Anything else is a RunQuerySyntaxError naming the position and what was expected there.
 */
export function parseRunFilter(text: string): RunFilterClause[] {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new RunQuerySyntaxError('filter', MAX_FILTER_LENGTH + 1, `at most ${MAX_FILTER_LENGTH} characters`, 'more');
  }
  const tokens = tokenize(text, 'filter');
  let index = 0;
  const next = (): QueryToken => tokens[Math.min(index++, tokens.length - 1)];
  const clauses = [parseComparison(next)];
  for (;;) {
    const token = next();
    if (token.type === 'end') return clauses;
    if (token.type !== 'name' || token.key !== null || token.scope.toLowerCase() !== 'and') {
      throw new RunQuerySyntaxError('filter', token.position, "'and' or the end of the filter", describeToken(token));
    }
    if (clauses.length === MAX_FILTER_COMPARISONS) {
      throw new RunQuerySyntaxError('filter', token.position, `at most ${MAX_FILTER_COMPARISONS} comparisons`, 'more');
    }
    clauses.push(parseComparison(next));
  }
}

function parseComparison(next: () => QueryToken): RunFilterClause {
  const name = next();
  if (name.type !== 'name') throw expected(name, FIELD);
  const operator = next();
  if (operator.type !== 'operator') throw expected(operator, 'a comparison operator (= != > >= < <=)');
  const value = next();

  if (name.key === null) {
    if (name.scope !== 'status') throw expected(name, FIELD);
    const op = equality(operator, 'status');
    if (value.type !== 'string' || !(RUN_STATUSES as readonly string[]).includes(value.value)) throw expected(value, `one of ${STATUS_VALUES}`);
    return { kind: 'status', operator: op, value: value.value as RunStatus };
  }
  const kind = SCOPES[name.scope];
  if (!kind) throw expected(name, FIELD);
  if (!KEY_PATTERN.test(name.key)) {
    throw new RunQuerySyntaxError('filter', name.keyPosition, `a key of ${KEY_RULE}`, `'${name.key}'`);
  }
  if (kind === 'metric') {
    if (value.type !== 'number') throw expected(value, 'a number (metrics compare numerically)');
    return { kind, key: name.key, operator: operator.operator, value: value.value };
  }
  const op = equality(operator, `${name.scope}.${name.key}`);
  if (value.type !== 'string') throw expected(value, 'a quoted string (params and tags are text)');
  return { kind, key: name.key, operator: op, value: value.value };
}

function equality(token: QueryToken & { type: 'operator' }, what: string): EqualityOperator {
  if (token.operator !== '=' && token.operator !== '!=') throw expected(token, `= or != (${what} is compared as text)`);
  return token.operator;
}

function expected(token: QueryToken, what: string): RunQuerySyntaxError {
  return new RunQuerySyntaxError('filter', token.position, what, describeToken(token));
}
