/** Label names: lower-case letters, digits, - and _, starting with a letter or digit, at most 63 characters. */
export const LABEL_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const LABEL_RULE = 'lower-case letters, digits, - and _, starting with a letter or digit, at most 63 characters';
