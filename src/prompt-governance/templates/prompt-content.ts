import { InconsistentInputError, InvalidInputError, type FieldError } from '../../common/errors/domain.errors.js';
import type { TextPart } from '../screening/finding.js';
import { assertPromptSize } from '../screening/prompt-size.js';
import type { ChatMessage, PromptContent } from './prompt-template.js';

/** `{{name}}` or `{{ name }}`; a name is a letter or _ followed by letters, digits or _. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;
/** Names starting with two underscores are reserved (they include __proto__). */
export const VARIABLE_NAME = /^(?:[A-Za-z][A-Za-z0-9_]{0,63}|_|_[A-Za-z0-9][A-Za-z0-9_]{0,62})$/;
export const VARIABLE_RULE = 'letters, digits and _, starting with a letter or one _, at most 64 characters';

export function contentParts(content: Pick<PromptContent, 'template' | 'messages'>): TextPart[] {
  if (content.messages) return content.messages.map((m, i) => ({ name: `messages[${i}]`, text: m.content }));
  return [{ name: 'text', text: content.template ?? '' }];
}

/** Placeholders used in the content, and `{{` that do not open a valid placeholder (with where they are). */
export function scanPlaceholders(parts: TextPart[]): { used: Set<string>; malformed: FieldError[] } {
  const used = new Set<string>();
  const malformed: FieldError[] = [];
  for (const part of parts) {
    const valid = new Set<number>();
    for (const m of part.text.matchAll(PLACEHOLDER)) {
      used.add(m[1]);
      valid.add(m.index);
    }
    for (const m of part.text.matchAll(/\{\{/g)) {
      if (!valid.has(m.index) && !valid.has(m.index - 1)) {
        malformed.push({ field: fieldOf(part.name), message: `malformed placeholder at offset ${m.index}: "${part.text.slice(m.index, m.index + 30)}"; write {{name}} with a name of letters, digits and _` });
      }
    }
  }
  return { used, malformed };
}

/**
 * A version's content is consistent: exactly one of template or messages (a rule of its schema, 400), then
 * what no schema can state (422): each variable declared once, every placeholder well formed and declared,
 * every declared variable used, the text within MAX_PROMPT_CHARS. Errors name every offending variable.
 */
export function checkContent(content: PromptContent): void {
  const errors: FieldError[] = [];
  if ((content.template === null) === (content.messages === null)) {
    errors.push({ field: 'template', message: 'give either template (text) or messages (chat), not both and not neither' });
    throw new InvalidInputError('A version holds either a text template or chat messages', errors);
  }
  assertPromptSize(contentParts(content), content.messages ? 'messages' : 'template');
  const declared = content.variables.map((v) => v.name);
  const duplicates = [...new Set(declared.filter((name, i) => declared.indexOf(name) !== i))];
  if (duplicates.length > 0) errors.push({ field: 'variables', message: `declared more than once: ${duplicates.join(', ')}` });
  const { used, malformed } = scanPlaceholders(contentParts(content));
  errors.push(...malformed);
  const undeclared = [...used].filter((name) => !declared.includes(name));
  const unused = declared.filter((name) => !used.has(name));
  if (undeclared.length > 0) errors.push({ field: 'variables', message: `used but not declared: ${undeclared.join(', ')}` });
  if (unused.length > 0) errors.push({ field: 'variables', message: `declared but never used: ${[...new Set(unused)].join(', ')}` });
  if (errors.length > 0) {
    throw new InconsistentInputError(`The version's variables do not match its placeholders: ${errors.map((e) => e.message).join('; ')}`, errors);
  }
}

/** Most characters a rendered prompt may have. */
export const MAX_RENDERED_CHARS = 2 * 1024 * 1024;

export type RenderedContent = { text: string; messages: null } | { text: null; messages: ChatMessage[] };

/**
 * Fills the placeholders strictly: every required variable must be given, no unknown variable may be, and
 * an optional variable not given renders as an empty string.
 */
export function renderContent(content: PromptContent, values: Record<string, string>): RenderedContent {
  const declared = new Map(content.variables.map((v) => [v.name, v]));
  const unknown = Object.keys(values).filter((name) => !declared.has(name));
  const missing = content.variables.filter((v) => v.required && values[v.name] === undefined).map((v) => v.name);
  const errors: FieldError[] = [
    ...unknown.map((name) => ({ field: `variables.${name}`, message: `${name} is not a variable of this version` })),
    ...missing.map((name) => ({ field: `variables.${name}`, message: `${name} is required` })),
  ];
  if (errors.length > 0) {
    const parts = [missing.length ? `missing required: ${missing.join(', ')}` : '', unknown.length ? `unknown: ${unknown.join(', ')}` : ''].filter(Boolean);
    throw new InconsistentInputError(`The variables do not fit this version (${parts.join('; ')})`, errors);
  }
  assertRenderedSize(content, values);
  const fill = (text: string): string => text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
  if (content.messages) return { text: null, messages: content.messages.map((m) => ({ role: m.role, content: fill(m.content) })) };
  return { text: fill(content.template ?? ''), messages: null };
}

/**
 * A placeholder may appear thousands of times and a value may be long, so the rendered prompt is measured
 * before it is built: a few hundred kilobytes of request must not make gigabytes of answer.
 */
function assertRenderedSize(content: PromptContent, values: Record<string, string>): void {
  let total = 0;
  for (const part of contentParts(content)) {
    total += part.text.length;
    for (const m of part.text.matchAll(PLACEHOLDER)) total += (values[m[1]] ?? '').length - m[0].length;
  }
  if (total <= MAX_RENDERED_CHARS) return;
  const message = `the rendered prompt would hold ${total} characters; at most ${MAX_RENDERED_CHARS} are allowed`;
  throw new InconsistentInputError(`The variables make the prompt too long: ${message}`, [{ field: 'variables', message }]);
}

function fieldOf(partName: string): string {
  return partName === 'text' ? 'template' : `${partName}.content`;
}
