import { describe, expect, it } from '@jest/globals';

import { parseCommandLine as sut } from './command-line.js';

describe(sut.name, () => {
  it('splits words on whitespace', () => {
    expect(sut('node  examples/trainers/logistic-regression.mjs --fast')).toEqual(['node', 'examples/trainers/logistic-regression.mjs', '--fast']);
  });

  it('keeps quoted words together and drops the quotes', () => {
    expect(sut(`python3 "my trainer.py" 'a b' c"d e"`)).toEqual(['python3', 'my trainer.py', 'a b', 'cd e']);
  });

  it('keeps an empty quoted word and honours backslash escapes', () => {
    expect(sut(`run "" a\\ b`)).toEqual(['run', '', 'a b']);
  });

  it('answers null when a quote is left open', () => {
    expect(sut('node "unterminated')).toBeNull();
  });

  it('treats shell syntax as plain text', () => {
    expect(sut('echo $HOME; rm -rf /')).toEqual(['echo', '$HOME;', 'rm', '-rf', '/']);
  });
});
