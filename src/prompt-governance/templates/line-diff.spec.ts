import { describe, expect, it } from '@jest/globals';

import { diffLines, type LineChange } from './line-diff.js';

const ops = (changes: LineChange[]) => changes.map((c) => `${c.op === 'equal' ? ' ' : c.op === 'add' ? '+' : '-'}${c.text}`);

describe('diffLines', () => {
  it('returns every line as equal when nothing changed', () => {
    const sut = diffLines(['a', 'b'], ['a', 'b']);
    expect(sut).toEqual([
      { op: 'equal', text: 'a', fromLine: 1, toLine: 1 },
      { op: 'equal', text: 'b', fromLine: 2, toLine: 2 },
    ]);
  });

  it('finds a changed line as a removal then an addition, with both line numbers', () => {
    const sut = diffLines(['a', 'b', 'c'], ['a', 'B', 'c', 'd']);
    expect(ops(sut)).toEqual([' a', '-b', '+B', ' c', '+d']);
    expect(sut.find((c) => c.text === 'd')).toEqual({ op: 'add', text: 'd', fromLine: null, toLine: 4 });
    expect(sut.find((c) => c.text === 'b')).toEqual({ op: 'remove', text: 'b', fromLine: 2, toLine: null });
  });

  it('handles empty sides', () => {
    expect(ops(diffLines([], ['x']))).toEqual(['+x']);
    expect(ops(diffLines(['x'], []))).toEqual(['-x']);
    expect(diffLines([], [])).toEqual([]);
  });

  it('gives a minimal script: unchanged lines between edits stay equal', () => {
    const before = ['one', 'two', 'three', 'four', 'five'];
    const after = ['zero', 'one', 'three', 'four', 'five', 'six'];
    expect(ops(diffLines(before, after))).toEqual(['+zero', ' one', '-two', ' three', ' four', ' five', '+six']);
  });
});
