type Schema = Record<string, unknown>;

const rulesByClass = new Map<string, Schema>();

/**
 * Adds to a DTO's schema the rules that span its fields (`oneOf`, `anyOf`, `not`, …), which property
 * decorators cannot state: "exactly one of value or baseline", "a trainer key names its queues". Write
 * them next to the class, with the checks that enforce them; applyConventions merges them into the
 * class's component schema. They only constrain the properties the class declares.
 */
export function ApiSchemaRules(rules: Schema): ClassDecorator {
  return (target) => {
    rulesByClass.set(target.name, rules);
  };
}

export function schemaRulesOf(name: string): Schema | undefined {
  return rulesByClass.get(name);
}

/** `{ required: [field] }`: the field is present. */
export const present = (...fields: string[]): Schema => ({ required: fields });
/** The field is absent. */
export const absent = (field: string): Schema => ({ not: { required: [field] } });
/** An array that holds at least one item matching `item` (`contains`, which OpenAPI 3.0 lacks, in its terms). */
export const containing = (item: Schema): Schema => ({ type: 'array', not: { items: { not: item } } });
