import { applyDecorators } from '@nestjs/common';
import { registerDecorator, type ValidationArguments } from 'class-validator';

import { KeysMatch } from './beyond-schema.js';
import { Field, type FieldDoc } from './fields.js';
import { KEY_PATTERN, KEY_RULE } from './patterns.js';

export interface StringMapRule {
  minEntries: number;
  maxEntries: number;
  maxValueLength: number;
  /** What the keys must match; KEY_PATTERN (keys that become field paths) unless said otherwise. */
  keys?: { pattern: RegExp; rule: string };
}

/** An object of bounded string values (params, tags, prompt variables) whose keys match the rule's key pattern. */
export function IsStringMap(rule: StringMapRule): PropertyDecorator {
  const keys = rule.keys ?? { pattern: KEY_PATTERN, rule: KEY_RULE };
  return applyDecorators(IsBoundedStringMap(rule), KeysMatch(keys.pattern, keys.rule));
}

function IsBoundedStringMap(rule: StringMapRule): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [rule],
      validator: {
        validate: (value: unknown) => problemOf(value, rule) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${problemOf(args.value, rule)}`,
      },
    });
  };
}

function problemOf(value: unknown, rule: StringMapRule): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of keys to string values';
  const entries = Object.entries(value);
  if (entries.length < rule.minEntries) return `must have at least ${rule.minEntries} entry`;
  if (entries.length > rule.maxEntries) return `must have at most ${rule.maxEntries} entries`;
  for (const [key, entry] of entries) {
    if (typeof entry !== 'string') return `value of '${key}' must be a string`;
    if (entry.length > rule.maxValueLength) return `value of '${key}' must be at most ${rule.maxValueLength} characters`;
  }
  return null;
}

/** A documented string map: the schema states the rule's bounds, which IsStringMap enforces. */
export function StringMap(rule: StringMapRule, doc: FieldDoc): PropertyDecorator {
  const entries = { ...(rule.minEntries > 0 && { minProperties: rule.minEntries }), maxProperties: rule.maxEntries };
  return Field(doc, { type: 'object', ...entries, additionalProperties: { type: 'string', maxLength: rule.maxValueLength } }, [IsStringMap(rule)]);
}
