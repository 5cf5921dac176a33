import { RunQuerySyntaxError } from './run-query-syntax.error.js';

export const COMPARISON_OPERATORS = ['=', '!=', '>', '>=', '<', '<='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** Positions are 1-based character offsets into the text, as reported to the caller. */
export type QueryToken =
  | { type: 'name'; scope: string; key: string | null; keyPosition: number; position: number; text: string }
  | { type: 'operator'; operator: ComparisonOperator; position: number; text: string }
  | { type: 'number'; value: number; position: number; text: string }
  | { type: 'string'; value: string; position: number; text: string }
  | { type: 'end'; position: number; text: string };

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const BARE_KEY = /[A-Za-z0-9_\-/:]+/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const OPERATOR = /!=|>=|<=|=|>|</y;
const SPACE = /\s+/y;
const ESCAPABLE = new Set(['\\', '"', "'"]);

/**
 * Splits a filter or an ordering into tokens. A name is a word (`status`, `and`, `DESC`) or a word, a dot
 * and a key (`metrics.sharpe`); a key with spaces is written in backticks (`metrics.\`train loss\``).
 * Strings are quoted with " or ' and know only the escapes \\ \" \'.
 */
export function tokenize(text: string, field: 'filter' | 'orderBy'): QueryToken[] {
  const tokens: QueryToken[] = [];
  let at = 0;
  const match = (pattern: RegExp): string | null => {
    pattern.lastIndex = at;
    const found = pattern.exec(text);
    return found ? found[0] : null;
  };
  const fail = (position: number, expected: string, found: string): never => {
    throw new RunQuerySyntaxError(field, position + 1, expected, found);
  };
  while (at < text.length) {
    const space = match(SPACE);
    if (space) {
      at += space.length;
      continue;
    }
    const start = at;
    const word = match(WORD);
    if (word) {
      at += word.length;
      if (text[at] !== '.') {
        tokens.push({ type: 'name', scope: word, key: null, keyPosition: start + 1, position: start + 1, text: word });
        continue;
      }
      at += 1;
      const keyStart = at;
      let key: string;
      if (text[at] === '`') {
        const close = text.indexOf('`', at + 1);
        if (close < 0) fail(at, 'a closing backtick', 'the end of the text');
        key = text.slice(at + 1, close);
        at = close + 1;
      } else {
        const bare = match(BARE_KEY);
        if (!bare) fail(at, `a key after '${word}.'`, describe(text, at));
        key = bare!;
        at += key.length;
      }
      tokens.push({ type: 'name', scope: word, key, keyPosition: keyStart + 1, position: start + 1, text: text.slice(start, at) });
      continue;
    }
    const operator = match(OPERATOR);
    if (operator) {
      at += operator.length;
      tokens.push({ type: 'operator', operator: operator as ComparisonOperator, position: start + 1, text: operator });
      continue;
    }
    const number = match(NUMBER);
    if (number) {
      at += number.length;
      // Read as JavaScript reads a literal: one beyond the range of a double is ±Infinity, a value metrics can hold.
      tokens.push({ type: 'number', value: Number(number), position: start + 1, text: number });
      continue;
    }
    const quote = text[at];
    if (quote === '"' || quote === "'") {
      let value = '';
      at += 1;
      for (;;) {
        if (at >= text.length) fail(start, `a closing ${quote}`, 'the end of the text');
        const char = text[at];
        if (char === quote) break;
        if (char === '\\') {
          const escaped = text[at + 1];
          if (!ESCAPABLE.has(escaped)) fail(at, 'one of \\\\ \\" \\\' after a backslash', describe(text, at + 1));
          value += escaped;
          at += 2;
          continue;
        }
        value += char;
        at += 1;
      }
      at += 1;
      tokens.push({ type: 'string', value, position: start + 1, text: text.slice(start, at) });
      continue;
    }
    fail(at, 'a name, an operator, a number or a quoted string', describe(text, at));
  }
  tokens.push({ type: 'end', position: text.length + 1, text: '' });
  return tokens;
}

/** How a token or a character is named in an error message. */
export function describeToken(token: QueryToken): string {
  return token.type === 'end' ? 'the end of the text' : `'${token.text}'`;
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'the end of the text' : `'${text[at]}'`;
}
