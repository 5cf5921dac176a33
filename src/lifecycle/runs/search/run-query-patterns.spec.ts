import { describe, expect, it } from '@jest/globals';

import { MAX_FILTER_COMPARISONS, parseRunFilter, RUN_FILTER_PATTERN } from './run-filter.js';
import { parseRunOrder } from './run-order.js';
import { RUN_ORDER_PATTERN } from './run-query-patterns.js';

/** A small seeded generator, so that a failure names a case that can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];
/** Mostly a valid piece, now and then one that breaks the text. */
const piece = (next: () => number, valid: readonly string[], invalid: readonly string[]): string => pick(next, next() < 0.08 ? invalid : valid);

const SPACES = ['', '', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\ufeff'];
const KEYS = ['sharpe', 'a-1', 'x/y:z', '_', '`train loss`', '`a`'];
const BAD_KEYS = ['`$x`', '` a`', '`', '-a', 'a.b', '', 'x'.repeat(251)];
const NUMBERS = ['1', '-2.5', '1e5', '1E-3', '1e999', '007'];
const BAD_NUMBERS = ['.5', '1.', '-', '0x1', '"1"'];
const STRINGS = ['"RUNNING"', "'KILLED'", '"x y"', "'it\\'s'", '"\\\\"', "''"];
const BAD_STRINGS = ['"DONE"', '"a\\nb"', '"', '"RUNNING\'', '1'];

/** Filters built from the grammar's own pieces: many valid, the rest a piece away from it. */
function filters(next: () => number, count: number): string[] {
  const comparison = () => {
    const scope = piece(next, ['metrics.', 'metrics.', 'params.', 'tags.', 'status'], ['latest.', 'metrics', 'Status']);
    const key = scope.endsWith('.') ? piece(next, KEYS, BAD_KEYS) : '';
    const numeric = scope === 'metrics.';
    const operator = piece(next, numeric ? ['>', '>=', '<', '<=', '=', '!='] : ['=', '!='], ['==', '!', '=>', '', numeric ? '=<' : '>']);
    const value = scope === 'status' ? piece(next, ['"RUNNING"', "'KILLED'", '"FINISHED"'], BAD_STRINGS) : numeric ? piece(next, NUMBERS, BAD_NUMBERS) : piece(next, STRINGS, BAD_STRINGS);
    return `${scope}${key}${pick(next, SPACES)}${operator}${pick(next, SPACES)}${value}`;
  };
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = pick(next, SPACES) + comparison();
    const more = Math.floor(next() * 3);
    for (let i = 0; i < more; i++) text += `${pick(next, SPACES)}${piece(next, ['and', 'AND', 'anD'], ['or', '&&', 'andx'])}${piece(next, [' ', '\n'], [''])}${comparison()}`;
    texts.push(text + pick(next, SPACES));
  }
  return texts;
}

function orderings(next: () => number, count: number): string[] {
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    const name = piece(next, ['metrics.', 'startTime', 'endTime'], ['params.', 'start', 'metrics']);
    const key = name.endsWith('.') ? piece(next, KEYS, BAD_KEYS) : '';
    const direction = piece(next, ['', ' ASC', ' desc', ' DeSc'], ['DOWN', ' ASC DESC', ', endTime', 'ASC']);
    texts.push(`${pick(next, SPACES)}${name}${key}${direction}${pick(next, SPACES)}`);
  }
  return texts;
}

/** Both kinds must be well represented among the samples for the comparison to mean anything. */
function mix(samples: string[], pattern: RegExp): { accepted?: number; refused?: number } {
  const accepted = samples.filter((text) => pattern.test(text)).length;
  const share = (n: number) => (n >= samples.length / 10 ? n : undefined);
  return { accepted: share(accepted), refused: share(samples.length - accepted) };
}

const accepts = (parse: (text: string) => unknown, text: string): boolean => {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('RUN_FILTER_PATTERN', () => {
  it('matches exactly the filters parseRunFilter accepts', () => {
    const samples = [
      'metrics.sharpe > 1.2 and params.lr = "0.01" and tags.team = "alpha" and status = "FINISHED"',
      'metrics.a>1and status="RUNNING"',
      "metrics.`train loss` <= -1e-3 AND tags.`a b` != 'x\\'y'",
      'metrics.a > 1e999',
      ...filters(random(1), 20_000),
    ];
    for (const text of samples) expect({ text, matches: RUN_FILTER_PATTERN.test(text) }).toEqual({ text, matches: accepts(parseRunFilter, text) });
    expect(mix(samples, RUN_FILTER_PATTERN)).toEqual({ accepted: expect.any(Number), refused: expect.any(Number) });
  });

  it(`counts at most ${MAX_FILTER_COMPARISONS} comparisons`, () => {
    const comparisons = Array.from({ length: MAX_FILTER_COMPARISONS + 1 }, (_, i) => `metrics.m${i} > ${i}`);
    expect(RUN_FILTER_PATTERN.test(comparisons.slice(0, -1).join(' and '))).toBe(true);
    expect(RUN_FILTER_PATTERN.test(comparisons.join(' and '))).toBe(false);
  });
});

describe('RUN_ORDER_PATTERN', () => {
  it('matches exactly the orderings parseRunOrder accepts', () => {
    const samples = ['metrics.sharpe DESC', 'metrics.`max drawdown`DESC', 'startTime', ' endTime  asc ', ...orderings(random(2), 20_000)];
    for (const text of samples) expect({ text, matches: RUN_ORDER_PATTERN.test(text) }).toEqual({ text, matches: accepts(parseRunOrder, text) });
    expect(mix(samples, RUN_ORDER_PATTERN)).toEqual({ accepted: expect.any(Number), refused: expect.any(Number) });
  });
});
