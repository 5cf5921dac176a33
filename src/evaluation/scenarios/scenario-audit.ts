import { pendingAudit, type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { canonicalJson } from '../../common/hashing/canonical-json.js';
import { SCENARIO_DEFINITION_FIELDS, type ScenarioDefinition } from './scenario.js';

/** The resource type of scenario entries in the platform audit. */
export const SCENARIO_AUDIT_RESOURCE = 'evaluation-scenario';

export type ScenarioDefinitionField = (typeof SCENARIO_DEFINITION_FIELDS)[number];

/** The definition fields whose values differ, in definition order. */
export function changedFields(before: ScenarioDefinition, after: ScenarioDefinition): ScenarioDefinitionField[] {
  return SCENARIO_DEFINITION_FIELDS.filter((field) => before[field] !== after[field] && canonicalJson(before[field]) !== canonicalJson(after[field]));
}

/**
 * The entry of a new scenario. Entries stay small: the definition itself is kept as revision 1, so the
 * entry names the revision, and the name and model by which people look a scenario up.
 */
export function scenarioCreatedAudit(actor: ActorRef, scenarioId: string, definition: ScenarioDefinition): PendingAudit {
  return pendingAudit({
    actor,
    action: 'evaluation.scenario.created',
    resource: { type: SCENARIO_AUDIT_RESOURCE, id: scenarioId },
    context: { revision: 1 },
    before: null,
    after: { revision: 1, name: definition.name, modelName: definition.modelName },
  });
}

/** The entry of a change: from which revision to which, and the fields it changed (both revisions are kept in full). */
export function scenarioRevisedAudit(actor: ActorRef, scenarioId: string, fromRevision: number, changed: readonly ScenarioDefinitionField[]): PendingAudit {
  return pendingAudit({
    actor,
    action: 'evaluation.scenario.revised',
    resource: { type: SCENARIO_AUDIT_RESOURCE, id: scenarioId },
    context: { revision: fromRevision + 1 },
    before: { revision: fromRevision },
    after: { revision: fromRevision + 1, changedFields: [...changed] },
  });
}
