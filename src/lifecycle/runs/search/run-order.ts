import { KEY_PATTERN, KEY_RULE } from '../../../common/validation/patterns.js';
import { describeToken, tokenize, type QueryToken } from './query-tokenizer.js';
import { RunQuerySyntaxError } from './run-query-syntax.error.js';

export type RunOrder = { kind: 'metric'; key: string; direction: 1 | -1 } | { kind: 'time'; field: 'startTime' | 'endTime'; direction: 1 | -1 };

export const DEFAULT_RUN_ORDER: RunOrder = { kind: 'time', field: 'startTime', direction: -1 };

const ORDER_FIELD = 'metrics.<key>, startTime or endTime';

/** Parses `orderBy = (metrics.<key> | startTime | endTime) [ASC | DESC]`; ascending when no direction is given. */
export function parseRunOrder(text: string): RunOrder {
  // The token list always ends with an 'end' token, so each index read below exists.
  const tokens = tokenize(text, 'orderBy');
  const name = tokens[0];
  if (name.type !== 'name') throw expected(name, ORDER_FIELD);
  const direction = tokens[1];
  const sign = parseDirection(direction);
  if (direction.type !== 'end' && tokens[2].type !== 'end') throw expected(tokens[2], 'the end of the ordering');
  if (name.key === null) {
    if (name.scope !== 'startTime' && name.scope !== 'endTime') throw expected(name, ORDER_FIELD);
    return { kind: 'time', field: name.scope, direction: sign };
  }
  if (name.scope !== 'metrics') throw expected(name, ORDER_FIELD);
  if (!KEY_PATTERN.test(name.key)) throw new RunQuerySyntaxError('orderBy', name.keyPosition, `a key of ${KEY_RULE}`, `'${name.key}'`);
  return { kind: 'metric', key: name.key, direction: sign };
}

function parseDirection(token: QueryToken): 1 | -1 {
  if (token.type === 'end') return 1;
  const word = token.type === 'name' && token.key === null ? token.scope.toUpperCase() : null;
  if (word === 'ASC') return 1;
  if (word === 'DESC') return -1;
  throw expected(token, 'ASC, DESC or the end of the ordering');
}

function expected(token: QueryToken, what: string): RunQuerySyntaxError {
  return new RunQuerySyntaxError('orderBy', token.position, what, describeToken(token));
}
