import type { ChatRole, DeclaredRiskLevel, PromptVersionStatus } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { EvaluationOutcome } from '../screening/prompt-screening.service.js';
import type { PolicyRef } from '../screening/finding.js';

/** A movable pointer from a name (production, staging...) to an approved version. */
export interface PromptLabel {
  name: string;
  version: number;
  versionId: string;
  movedBy: ActorRef;
  movedAt: Date;
}

/** A prompt template as the rest of the platform sees it: plain data, no database types. */
export interface PromptTemplate {
  id: string;
  name: string;
  description: string;
  owner: string;
  tags: string[];
  declaredRiskLevel: DeclaredRiskLevel;
  policies: PolicyRef[];
  /** Usage entries keep raw variable values only when this is true; otherwise only their hash. */
  logRawVariables: boolean;
  /** The highest version number handed out (a deleted draft leaves its number unused). */
  lastVersion: number;
  labels: PromptLabel[];
  /** Versions that are deprecated or being deprecated: no label may be moved onto them. */
  retiredVersions: number[];
  createdBy: ActorRef;
  createdAt: Date;
  updatedAt: Date;
}

export interface TemplateFilter {
  namePrefix?: string;
  tag?: string;
  owner?: string;
  label?: string;
  /** Only templates with at least one version in one of these ids (resolved from a status filter). */
  ids?: string[];
}

export type NewTemplate = Pick<PromptTemplate, 'name' | 'description' | 'owner' | 'tags' | 'declaredRiskLevel' | 'policies' | 'logRawVariables' | 'createdBy'>;
export type TemplateChanges = Partial<Pick<PromptTemplate, 'description' | 'owner' | 'tags' | 'declaredRiskLevel' | 'policies' | 'logRawVariables'>>;

export interface PromptVariable {
  name: string;
  required: boolean;
  description: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ModelSettings {
  model: string;
  temperature: number | null;
  maxTokens: number | null;
}

/** What a version says: a text template or chat messages, with their variables and model settings. */
export interface PromptContent {
  template: string | null;
  messages: ChatMessage[] | null;
  variables: PromptVariable[];
  modelSettings: ModelSettings;
}

export const EVALUATION_TRIGGERS = ['created', 'edited', 'submitted'] as const;
export type EvaluationTrigger = (typeof EVALUATION_TRIGGERS)[number];

/** An evaluation as stored on a version, with what it was run on, so it can be reproduced. */
export interface StoredEvaluation extends EvaluationOutcome {
  trigger: EvaluationTrigger;
  evaluatedAt: Date;
  policies: PolicyRef[];
  declaredRiskLevel: DeclaredRiskLevel;
}

export interface VersionTransition {
  from: PromptVersionStatus | null;
  to: PromptVersionStatus;
  actor: ActorRef;
  at: Date;
  comment: string | null;
}

export interface PromptVersion extends PromptContent {
  id: string;
  templateId: string;
  version: number;
  status: PromptVersionStatus;
  commitMessage: string;
  author: ActorRef;
  submittedBy: ActorRef | null;
  submittedAt: Date | null;
  reviewedBy: ActorRef | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  highRiskAcknowledged: boolean;
  evaluation: StoredEvaluation;
  /** Every transition, written in the same update as the status, so it survives a failed audit append. */
  history: VersionTransition[];
  createdAt: Date;
  updatedAt: Date;
}

export type NewVersion = PromptContent & Pick<PromptVersion, 'templateId' | 'version' | 'commitMessage' | 'author' | 'evaluation'>;
