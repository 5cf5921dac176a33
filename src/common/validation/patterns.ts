/**
 * The patterns requests are validated with, each also written into the OpenAPI document (`pattern:
 * X.source`), so one constant states the rule for both. The document writer spells the Unicode classes
 * out as explicit ranges (see portable-pattern.ts), since not every regex engine reads `\p{…}`.
 */

/**
 * Keys that become MongoDB field paths (metric, param and tag keys) must not contain `.` or start with `$`,
 * so a key can never act as an operator or address a nested field.
 */
export const KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_\-/: ]{0,249}$/;
export const KEY_RULE = 'letters, digits and _ - / : or space, starting with a letter, digit or _, at most 250 characters';

/**
 * Human names (experiments, models, templates): no control, format (zero-width, bidi) or surrogate
 * characters and no noncharacters, no leading or trailing space. Unassigned and private-use code points
 * are names' business: which code points are unassigned depends on the Unicode version of the runtime,
 * so refusing them made a name's validity change with the Node.js release and could not be documented.
 */
export const NAME_PATTERN = /^[^\s\p{Cc}\p{Cf}\p{Cs}\p{NChar}](?:[^\p{Cc}\p{Cf}\p{Cs}\p{NChar}]{0,198}[^\s\p{Cc}\p{Cf}\p{Cs}\p{NChar}])?$/u;
export const NAME_RULE = 'between 1 and 200 characters, none of them a control or format character, without leading or trailing spaces';

/** A MongoDB object id, as ParseObjectIdPipe and `@IsMongoId()` accept it. */
export const OBJECT_ID_PATTERN = /^[0-9a-fA-F]{24}$/;
export const OBJECT_ID_RULE = 'a 24-character hexadecimal id';
