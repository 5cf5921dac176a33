import { registerDecorator, type ValidationError } from 'class-validator';

/**
 * The class-validator `context` of a constraint that OpenAPI 3.0 cannot state, such as a pattern on the
 * keys of a map (3.0 has no `propertyNames`). When only such constraints fail, the request fits its
 * documented schema, and the validation pipe answers 422 rather than 400 (see InconsistentInputError).
 */
export const BEYOND_SCHEMA = { beyondSchema: true } as const;

/** The keys of an object all match `pattern`; anything that is not a plain object is left to the value's own check. */
export function KeysMatch(pattern: RegExp, rule: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'keysMatch',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { context: BEYOND_SCHEMA },
      validator: {
        validate: (value: unknown) => badKey(value, pattern) === undefined,
        defaultMessage: (args) => `${args?.property} has the key '${badKey(args?.value, pattern)?.slice(0, 60)}'; keys must be ${rule}`,
      },
    });
  };
}

function badKey(value: unknown, pattern: RegExp): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.keys(value).find((key) => !pattern.test(key));
}

/** Whether every failed constraint, nested ones included, is one the schema cannot state. */
export function onlyBeyondSchema(errors: ValidationError[]): boolean {
  return errors.every((error) => {
    const failed = Object.keys(error.constraints ?? {});
    const own = failed.every((name) => (error.contexts?.[name] as { beyondSchema?: boolean } | undefined)?.beyondSchema === true);
    return own && onlyBeyondSchema(error.children ?? []);
  });
}
