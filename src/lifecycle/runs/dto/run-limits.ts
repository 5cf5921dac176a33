import type { StringMapRule } from '../../../common/validation/string-map.validator.js';

export const PARAM_VALUE_MAX_LENGTH = 6000;
export const TAG_VALUE_MAX_LENGTH = 5000;

export const PARAMS_RULE: StringMapRule = { minEntries: 0, maxEntries: 100, maxValueLength: PARAM_VALUE_MAX_LENGTH };
export const TAGS_RULE: StringMapRule = { minEntries: 0, maxEntries: 100, maxValueLength: TAG_VALUE_MAX_LENGTH };

/** A URI with a scheme (s3://, gs://, file:, https://): where the bytes live is the trainer's business. */
export const URI_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
