import { describe, expect, it } from '@jest/globals';

import { InvalidInputError } from '../../common/errors/domain.errors.js';
import { MAX_PROMPT_CHARS } from '../screening/prompt-size.js';
import { checkContent, MAX_RENDERED_CHARS, renderContent } from './prompt-content.js';
import type { PromptContent } from './prompt-template.js';

const settings = { model: 'gpt-4o', temperature: 0.2, maxTokens: 500 };
const text = (template: string, names: string[], required = true): PromptContent => ({
  template,
  messages: null,
  variables: names.map((name) => ({ name, required, description: '' })),
  modelSettings: settings,
});

function errorOf(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('checkContent', () => {
  it('accepts placeholders that match the declared variables, with or without inner spaces', () => {
    expect(() => checkContent(text('Hello {{name}}, your {{ account }} is ready.', ['name', 'account']))).not.toThrow();
  });

  it('lists every variable used but not declared and declared but not used', () => {
    const error = errorOf(() => checkContent(text('Hi {{name}} and {{ticker}} and {{desk}}', ['name', 'portfolio', 'region'])));
    expect(error.message).toContain('used but not declared: ticker, desk');
    expect(error.message).toContain('declared but never used: portfolio, region');
    expect(error.errors.map((e) => e.field)).toEqual(['variables', 'variables']);
  });

  it('checks chat messages and names the message holding a malformed placeholder', () => {
    const content: PromptContent = {
      template: null,
      messages: [
        { role: 'system', content: 'You help {{desk}}.' },
        { role: 'user', content: 'Explain {{bad-name}}' },
      ],
      variables: [{ name: 'desk', required: true, description: '' }],
      modelSettings: settings,
    };
    const error = errorOf(() => checkContent(content));
    expect(error.errors[0]).toMatchObject({ field: 'messages[1].content' });
  });

  it('refuses a variable declared twice, and a version with both or neither kind of content', () => {
    expect(errorOf(() => checkContent(text('{{a}}', ['a', 'a']))).message).toContain('declared more than once: a');
    expect(errorOf(() => checkContent({ ...text('x', []), messages: [] })).errors[0].field).toBe('template');
    expect(errorOf(() => checkContent({ ...text('x', []), template: null })).errors[0].field).toBe('template');
  });

  it('refuses chat messages holding more text together than a version may, naming the field', () => {
    const message = { role: 'user' as const, content: 'x'.repeat(100_000) };
    const atLimit: PromptContent = { ...text('', []), template: null, messages: [...Array.from({ length: 5 }, () => message), { role: 'user', content: 'x'.repeat(MAX_PROMPT_CHARS - 500_000) }] };
    expect(() => checkContent(atLimit)).not.toThrow();
    const error = errorOf(() => checkContent({ ...atLimit, messages: [...atLimit.messages!, { role: 'user', content: 'x' }] }));
    expect(error.errors).toEqual([{ field: 'messages', message: `messages holds ${MAX_PROMPT_CHARS + 1} characters of prompt text; at most ${MAX_PROMPT_CHARS} are allowed` }]);
  });
});

describe('renderContent', () => {
  const content: PromptContent = {
    template: 'Dear {{name}},{{ note }} see {{name}}.',
    messages: null,
    variables: [
      { name: 'name', required: true, description: '' },
      { name: 'note', required: false, description: '' },
    ],
    modelSettings: settings,
  };

  it('fills every placeholder and renders a missing optional variable as empty', () => {
    expect(renderContent(content, { name: 'Kim' })).toEqual({ text: 'Dear Kim, see Kim.', messages: null });
  });

  it('refuses a missing required variable and an unknown one, naming both', () => {
    const error = errorOf(() => renderContent(content, { note: 'x', extra: 'y' }));
    expect(error.message).toBe('The variables do not fit this version (missing required: name; unknown: extra)');
    expect(error.errors.map((e) => e.field)).toEqual(['variables.extra', 'variables.name']);
  });

  it('refuses values that would make the rendered prompt longer than allowed, before building it', () => {
    const repeated = text('{{v}}'.repeat(20), ['v']);
    expect(() => renderContent(repeated, { v: 'x'.repeat(Math.floor(MAX_RENDERED_CHARS / 20)) })).not.toThrow();
    const error = errorOf(() => renderContent(repeated, { v: 'x'.repeat(Math.floor(MAX_RENDERED_CHARS / 20) + 1) }));
    expect(error.errors).toEqual([{ field: 'variables', message: expect.stringContaining(`at most ${MAX_RENDERED_CHARS} are allowed`) }]);
  });

  it('renders chat messages one by one', () => {
    const chat: PromptContent = { ...content, template: null, messages: [{ role: 'user', content: 'Hi {{name}}{{note}}' }] };
    expect(renderContent(chat, { name: 'Lee', note: '!' })).toEqual({ text: null, messages: [{ role: 'user', content: 'Hi Lee!' }] });
  });
});
