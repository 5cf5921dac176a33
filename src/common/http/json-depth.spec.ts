import { describe, expect, it } from '@jest/globals';

import { DEFAULT_MAX_JSON_DEPTH, exceedsJsonDepth, JsonTooDeepError, jsonDepthVerifier } from './json-depth.js';

const bytes = (json: string): Buffer => Buffer.from(json, 'utf8');
const nestedArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe(exceedsJsonDepth.name, () => {
  const sut = exceedsJsonDepth;

  it('accepts nesting exactly at the limit and refuses one level more', () => {
    expect(sut(bytes(nestedArrays(32)), 32)).toBe(false);
    expect(sut(bytes(nestedArrays(33)), 32)).toBe(true);
  });

  it('counts objects and arrays alike when they are mixed', () => {
    const json = JSON.stringify({ a: [{ b: [1, { c: 'd' }] }], e: [] });
    expect(sut(bytes(json), 5)).toBe(false);
    expect(sut(bytes(json), 4)).toBe(true);
  });

  it('counts the depth reached, not the number of brackets', () => {
    const wide = `[${'[],{},'.repeat(10_000)}[]]`;
    expect(sut(bytes(wide), 2)).toBe(false);
    expect(sut(bytes(wide), 1)).toBe(true);
  });

  it('ignores brackets inside strings', () => {
    const json = JSON.stringify({ note: '[[[[{{{{'.repeat(10), more: ['}}]]'] });
    expect(sut(bytes(json), 2)).toBe(false);
  });

  it('stays inside a string past an escaped quote', () => {
    const json = String.raw`["a\"[[[[[[", 1]`;
    expect(JSON.parse(json)).toEqual(['a"[[[[[[', 1]);
    expect(sut(bytes(json), 1)).toBe(false);
  });

  it('leaves a string whose last character is an escaped backslash at its closing quote', () => {
    const json = String.raw`["a\\", [[[]]]]`;
    expect(JSON.parse(json)).toEqual(['a\\', [[[]]]]);
    expect(sut(bytes(json), 4)).toBe(false);
    expect(sut(bytes(json), 3)).toBe(true);
  });

  it('handles an escaped backslash followed by an escaped quote', () => {
    const json = String.raw`["\\\"[[[[", [[]]]`;
    expect(JSON.parse(json)).toEqual(['\\"[[[[', [[]]]);
    expect(sut(bytes(json), 3)).toBe(false);
    expect(sut(bytes(json), 2)).toBe(true);
  });

  it('answers false for an empty body and for whitespace only', () => {
    expect(sut(Buffer.alloc(0), 32)).toBe(false);
    expect(sut(bytes(' \n\t\r '), 32)).toBe(false);
  });

  it('ignores whitespace between brackets', () => {
    const json = '[ \n [\t{ "a" :\r\n [ ] } ] ]';
    expect(sut(bytes(json), 4)).toBe(false);
    expect(sut(bytes(json), 3)).toBe(true);
  });

  it('treats non-ASCII text inside strings as text', () => {
    const json = JSON.stringify({ name: 'Größe 数据 😀 [', tags: ['ü'] });
    expect(sut(bytes(json), 2)).toBe(false);
    expect(sut(bytes(json), 1)).toBe(true);
  });

  it('leaves a document that closes more than it opened to JSON.parse', () => {
    expect(sut(bytes(`]${'['.repeat(40)}`), 32)).toBe(false);
  });

  it('refuses 10 MB of opening brackets', () => {
    expect(sut(Buffer.alloc(10 * 1024 * 1024, '['), DEFAULT_MAX_JSON_DEPTH)).toBe(true);
  });

  it('accepts a large flat document', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b'], note: 'say "hi" \\ [x]' }));
    expect(sut(bytes(JSON.stringify(items)), 3)).toBe(false);
    expect(sut(bytes(JSON.stringify(items)), 2)).toBe(true);
  });
});

describe(JsonTooDeepError.name, () => {
  it('carries the status, type and limit the error filter reads, and says how to fix the body', () => {
    const sut = new JsonTooDeepError(32);
    expect(sut).toBeInstanceOf(Error);
    expect(sut).toMatchObject({ status: 400, type: 'entity.too.deep', limit: 32, name: 'JsonTooDeepError' });
    expect(sut.message).toBe('The request body nests JSON deeper than 32 levels; flatten it to at most 32 levels of arrays and objects');
  });
});

describe(jsonDepthVerifier.name, () => {
  const sut = jsonDepthVerifier(2);

  it('throws JsonTooDeepError for a UTF-8 body nested too deep and passes one within the limit', () => {
    expect(() => sut({}, {}, bytes(nestedArrays(3)), 'utf-8')).toThrow(JsonTooDeepError);
    expect(() => sut({}, {}, bytes(nestedArrays(2)), 'utf-8')).not.toThrow();
  });

  it('uses the default limit of 32 when none is given', () => {
    expect(() => jsonDepthVerifier()({}, {}, bytes(nestedArrays(32)), 'utf-8')).not.toThrow();
    expect(() => jsonDepthVerifier()({}, {}, bytes(nestedArrays(33)), 'utf-8')).toThrow(new JsonTooDeepError(32));
  });

  it('decodes a UTF-16 body first, where a byte that looks like a bracket is half of another character', () => {
    // In UTF-16LE U+2241 is the bytes 0x41 0x22, a quote that ends the string early, and each U+5B5B
    // that follows is two 0x5B bytes, read as two opening brackets.
    const flat = Buffer.from(JSON.stringify([`\u2241${'\u5b5b'.repeat(40)}`]), 'utf16le');
    expect(exceedsJsonDepth(flat, 2)).toBe(true);
    expect(() => sut({}, {}, flat, 'utf-16le')).not.toThrow();
    expect(() => sut({}, {}, Buffer.from(nestedArrays(3), 'utf16le'), 'utf-16le')).toThrow(JsonTooDeepError);
  });

  it('refuses with 415 a charset it cannot decode', () => {
    expect(() => sut({}, {}, bytes('[]'), 'utf-32')).toThrow(expect.objectContaining({ status: 415, type: 'charset.unsupported' }));
  });
});
