import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { IsStringMap } from './string-map.validator.js';

class Params {
  @IsStringMap({ minEntries: 1, maxEntries: 2, maxValueLength: 5 })
  params!: Record<string, string>;
}

class Variables {
  @IsStringMap({ minEntries: 0, maxEntries: 2, maxValueLength: 5, keys: { pattern: /^[a-z]+$/, rule: 'lowercase letters' } })
  variables!: Record<string, string>;
}

function messagesOf<T extends object>(type: new () => T, body: Record<string, unknown>): string[] {
  return validateSync(plainToInstance(type, body)).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe(IsStringMap.name, () => {
  it('accepts an object of bounded strings under valid keys', () => {
    expect(messagesOf(Params, { params: { lr: '0.1', 'batch size': '32' } })).toEqual([]);
    expect(messagesOf(Variables, { variables: {} })).toEqual([]);
  });

  it('names what is wrong with the entries', () => {
    expect(messagesOf(Params, { params: [] })).toEqual(['params must be an object of keys to string values']);
    expect(messagesOf(Params, { params: {} })).toEqual(['params must have at least 1 entry']);
    expect(messagesOf(Params, { params: { a: '1', b: '2', c: '3' } })).toEqual(['params must have at most 2 entries']);
    expect(messagesOf(Params, { params: { lr: 0.1 } })).toEqual(["params value of 'lr' must be a string"]);
    expect(messagesOf(Params, { params: { lr: '0.123456' } })).toEqual(["params value of 'lr' must be at most 5 characters"]);
  });

  it('checks keys against KEY_PATTERN unless the rule names other keys', () => {
    expect(messagesOf(Params, { params: { $where: '1' } })).toEqual([expect.stringContaining("params has the key '$where'")]);
    expect(messagesOf(Variables, { variables: { Name: 'Kim' } })).toEqual(["variables has the key 'Name'; keys must be lowercase letters"]);
  });
});
