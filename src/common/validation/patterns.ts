/**
 * Keys that become MongoDB field paths (metric, param and tag keys) must not contain `.` or start with `$`,
 * so a key can never act as an operator or address a nested field.
 */
export const KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_\-/: ]{0,249}$/;
export const KEY_RULE = 'letters, digits and _ - / : or space, starting with a letter, digit or _, at most 250 characters';

/** Human names (experiments, models, templates): printable, no leading or trailing space. */
export const NAME_PATTERN = /^[^\s\p{C}](?:[^\p{C}]{0,198}[^\s\p{C}])?$/u;
export const NAME_RULE = 'between 1 and 200 printable characters, without leading or trailing spaces';
