import { describe, expect, it } from '@jest/globals';

import { OutputTail, parseProgressLine, TAIL_LINES } from './output-tail.js';

describe(OutputTail.name, () => {
  it('joins lines split across chunks and keeps a last line without newline after flush', () => {
    const sut = new OutputTail();
    sut.push('epoch 1\nepo');
    sut.push('ch 2\r\nlast');
    expect(sut.snapshot()).toEqual(['epoch 1', 'epoch 2']);
    sut.flush();
    expect(sut.snapshot()).toEqual(['epoch 1', 'epoch 2', 'last']);
  });

  it(`keeps only the last ${TAIL_LINES} non-empty lines, each truncated`, () => {
    const sut = new OutputTail();
    sut.push(Array.from({ length: 120 }, (_, i) => `line ${i}`).join('\n\n') + '\n');
    sut.push(`${'x'.repeat(2000)}\n`);
    const lines = sut.snapshot();
    expect(lines).toHaveLength(TAIL_LINES);
    expect(lines[0]).toBe('line 71');
    expect(lines.at(-1)).toHaveLength(501);
  });

  it('leaves out the lines its filter refuses', () => {
    const sut = new OutputTail((line) => parseProgressLine(line) === null);
    sut.push('{"progress":0.5}\nreal log line\n');
    expect(sut.snapshot()).toEqual(['real log line']);
  });
});

describe(parseProgressLine.name, () => {
  it('reads a JSON progress line and ignores anything else', () => {
    expect(parseProgressLine('{"progress":0.25,"message":"epoch 25/100"}')).toEqual({ progress: 0.25, message: 'epoch 25/100' });
    expect(parseProgressLine('{"progress":2}')).toBeNull();
    expect(parseProgressLine('{"loss":0.3}')).toBeNull();
    expect(parseProgressLine('progress 50%')).toBeNull();
  });
});
