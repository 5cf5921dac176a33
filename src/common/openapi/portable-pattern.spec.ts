import { describe, expect, it } from '@jest/globals';

import { NAME_PATTERN } from '../validation/patterns.js';
import { portablePattern as sut } from './portable-pattern.js';

/** Every scalar value (surrogates left out, as the document leaves them out), in steps that still visit each block. */
function samples(): string[] {
  const out: string[] = [];
  for (let code = 0; code <= 0x10ffff; code += code < 0x3000 ? 1 : 7) if (code < 0xd800 || code > 0xdfff) out.push(String.fromCodePoint(code));
  return out;
}

describe(sut.name, () => {
  it('spells Unicode properties and \\s out as explicit classes that match exactly what the original matches', () => {
    const translated = sut(NAME_PATTERN);
    expect(translated).not.toMatch(/\\[pPsS]/);
    const portable = new RegExp(translated, 'u');
    for (const char of samples()) {
      for (const text of [char, `a${char}b`, `${char}b`]) expect({ text, matches: portable.test(text) }).toEqual({ text, matches: NAME_PATTERN.test(text) });
    }
  });

  it('leaves a pattern without engine-dependent classes as written', () => {
    const key = /^[A-Za-z0-9_][A-Za-z0-9_\-/: ]{0,249}$/;
    expect(sut(key)).toBe(key.source);
  });

  it('spells a lone \\S and . with the code points JavaScript gives them', () => {
    const uri = /^[a-z]+:\S+$/;
    const portable = new RegExp(sut(uri), 'u');
    for (const text of ['s3:x', 's3:\u00a0', 's3:a\u2028', 's3:\ufeff', 's3:\u0085']) expect({ text, matches: portable.test(text) }).toEqual({ text, matches: uri.test(text) });
    const dot = new RegExp(sut(/^a.b$/), 'u');
    for (const text of ['axb', 'a\nb', 'a\u2028b', 'a\rb', 'a\u0085b']) expect({ text, matches: dot.test(text) }).toEqual({ text, matches: /^a.b$/.test(text) });
  });
});
