import { RUN_STATUSES } from '../../../../libs/contracts/src/index.js';

/**
 * The languages parseRunFilter and parseRunOrder accept, written as patterns for the OpenAPI document. Both
 * grammars have no nesting, so a regular expression states each exactly (run-query-patterns.spec.ts checks
 * the pattern against the parser): tokens may be separated by spaces, a bare key is one of letters, digits
 * and _ - / : (a key with spaces goes in backticks), `and` is any case and must be followed by a space.
 */
const KEY_BODY = '[A-Za-z0-9_][A-Za-z0-9_\\-/: ]{0,249}';
const BARE_KEY = '[A-Za-z0-9_][A-Za-z0-9_\\-/:]{0,249}';
const KEY = `(?:${BARE_KEY}|\`${KEY_BODY}\`)`;
const NUMBER = '-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const STRING = `(?:"(?:[^"\\\\]|\\\\[\\\\"'])*"|'(?:[^'\\\\]|\\\\[\\\\"'])*')`;
const STATUS = `(?:"(?:${RUN_STATUSES.join('|')})"|'(?:${RUN_STATUSES.join('|')})')`;
const COMPARISON =
  `(?:metrics\\.${KEY}\\s*(?:[<>!]?=|[<>])\\s*${NUMBER}` +
  `|(?:params|tags)\\.${KEY}\\s*!?=\\s*${STRING}` +
  `|status\\s*!?=\\s*${STATUS})`;

export function runFilterPattern(maxComparisons: number): RegExp {
  return new RegExp(`^\\s*${COMPARISON}(?:\\s*[aA][nN][dD]\\s+${COMPARISON}){0,${maxComparisons - 1}}\\s*$`);
}

const DIRECTION = '(?:[aA][sS][cC]|[dD][eE][sS][cC])';
export const RUN_ORDER_PATTERN = new RegExp(`^\\s*(?:(?:metrics\\.${BARE_KEY}|startTime|endTime)(?:\\s+${DIRECTION})?|metrics\\.\`${KEY_BODY}\`\\s*${DIRECTION}?)\\s*$`);
