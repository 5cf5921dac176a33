import { describe, expect, it } from '@jest/globals';

import { canonicalJson, canonicalValue, sha256Hex } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    const sut = canonicalJson;
    expect(sut({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('serialises two objects with the same members in different orders identically', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: 'a' })).toBe(canonicalJson({ z: 'a', y: [1, 2], x: 1 }));
  });

  it('writes dates as UTC ISO strings and non-finite numbers as null', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)), n: Number.NaN })).toBe('{"at":"2025-01-02T03:04:05.006Z","n":null}');
  });

  it('yields the plain value it serialises, so a stored copy hashes the same', () => {
    const value = { at: new Date(0), list: [undefined, 1] };
    expect(canonicalJson(canonicalValue(value))).toBe(canonicalJson(value));
  });

  it('keeps a member named __proto__ as a member', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"a":1},"b":2}'))).toBe('{"__proto__":{"a":1},"b":2}');
  });

  it('hashes with SHA-256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
