import { diffLines, type LineChange } from './line-diff.js';
import type { PromptContent, PromptVariable, PromptVersion } from './prompt-template.js';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface VersionDiff {
  from: number;
  to: number;
  content: LineChange[];
  settings: FieldChange[];
  variables: { added: PromptVariable[]; removed: PromptVariable[]; changed: FieldChange[] };
  commitMessages: { from: string; to: string };
}

/** Chat messages read as lines, each message opened by its role, so a diff shows which message changed. */
export function contentLines(content: Pick<PromptContent, 'template' | 'messages'>): string[] {
  if (content.messages) return content.messages.flatMap((m) => [`[${m.role}]`, ...m.content.split('\n')]);
  return (content.template ?? '').split('\n');
}

export function diffVersions(from: PromptVersion, to: PromptVersion): VersionDiff {
  const settings: FieldChange[] = [];
  if ((from.messages === null) !== (to.messages === null)) settings.push({ field: 'kind', from: from.messages ? 'chat' : 'text', to: to.messages ? 'chat' : 'text' });
  for (const field of ['model', 'temperature', 'maxTokens'] as const) {
    if (from.modelSettings[field] !== to.modelSettings[field]) settings.push({ field: `modelSettings.${field}`, from: from.modelSettings[field], to: to.modelSettings[field] });
  }
  const before = new Map(from.variables.map((v) => [v.name, v]));
  const after = new Map(to.variables.map((v) => [v.name, v]));
  const changed: FieldChange[] = [];
  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) continue;
    if (old.required !== now.required) changed.push({ field: `${name}.required`, from: old.required, to: now.required });
    if (old.description !== now.description) changed.push({ field: `${name}.description`, from: old.description, to: now.description });
  }
  return {
    from: from.version,
    to: to.version,
    content: diffLines(contentLines(from), contentLines(to)),
    settings,
    variables: {
      added: to.variables.filter((v) => !before.has(v.name)),
      removed: from.variables.filter((v) => !after.has(v.name)),
      changed,
    },
    commitMessages: { from: from.commitMessage, to: to.commitMessage },
  };
}
