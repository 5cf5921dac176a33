import { canonicalJson, sha256Hex } from '../../common/hashing/canonical-json.js';
import type { NewTemplate, PromptContent, PromptVersion } from './prompt-template.js';

/** SHA-256 of the canonical JSON of a version's content: what the audit log records instead of the text. */
export function contentHash(content: PromptContent): string {
  return sha256Hex(canonicalJson({ template: content.template, messages: content.messages, variables: content.variables, modelSettings: content.modelSettings }));
}

/** What the audit log records of a version. */
export function versionSnapshot(version: PromptContent & Pick<PromptVersion, 'version' | 'status' | 'commitMessage' | 'evaluation'>): Record<string, unknown> {
  return {
    version: version.version,
    status: version.status,
    commitMessage: version.commitMessage,
    contentHash: contentHash(version),
    grade: version.evaluation.grade,
    ruleSetVersion: version.evaluation.ruleSetVersion,
  };
}

/** What the audit log records of a template's metadata and policies. */
export function templateSnapshot(template: Omit<NewTemplate, 'createdBy'>): Record<string, unknown> {
  return {
    name: template.name,
    description: template.description,
    owner: template.owner,
    tags: template.tags,
    declaredRiskLevel: template.declaredRiskLevel,
    policies: template.policies,
    logRawVariables: template.logRawVariables,
  };
}
