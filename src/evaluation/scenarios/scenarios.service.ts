import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { AuditService } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { ConflictError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { EvaluationConfig, EvaluationConfigNamespace } from '../evaluation.config.js';
import { summarizeSeries, type Scenario, type ScenarioFilter, type ScenarioRevision, type SeriesSummary } from './scenario.js';
import { changedFields, scenarioCreatedAudit, scenarioRevisedAudit } from './scenario-audit.js';
import { applyChanges, definitionFromInput, type ScenarioInput } from './scenario-input.js';
import { ScenarioRevisionsRepository } from './scenario-revisions.repository.js';
import { ScenariosRepository } from './scenarios.repository.js';

const MAX_CHANGE_ATTEMPTS = 5;

@Injectable()
export class ScenariosService {
  private readonly config: EvaluationConfig;

  constructor(
    private readonly scenarios: ScenariosRepository,
    private readonly revisions: ScenarioRevisionsRepository,
    private readonly audit: AuditService,
    config: ConfigService<EvaluationConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('evaluation', { infer: true });
  }

  /** Stores revision 1; the audit entry is written with the scenario and appended once it is kept. */
  async create(input: ScenarioInput, actor: ActorRef): Promise<Scenario<SeriesSummary>> {
    const definition = definitionFromInput(input, this.config.maxSeriesPoints);
    const { scenario, draft } = await this.scenarios.create(definition, actor, (id) => scenarioCreatedAudit(actor, id, definition));
    await this.revisions.ensure(scenario);
    await this.audit.publish(draft, this.scenarios, scenario.id);
    return summarized(scenario);
  }

  async get(id: string): Promise<Scenario<SeriesSummary>> {
    const scenario = await this.scenarios.findSummaryById(id);
    if (!scenario) throw new NotFoundError('Scenario', id);
    return scenario;
  }

  list(filter: ScenarioFilter, page: PageRequest): Promise<Page<Scenario<SeriesSummary>>> {
    return this.scenarios.list(filter, page);
  }

  /**
   * Every change is a new revision, so a run keeps pointing at exactly what it was judged against. The
   * revision being replaced is kept first; the new one is written by compare-and-set on the revision
   * number, and a concurrent change makes this one re-apply itself on top of the winner. Its audit draft
   * is written by the same compare-and-set, so it always describes the revision it replaced. A change
   * that changes nothing makes no revision.
   */
  async update(id: string, changes: Partial<ScenarioInput>, actor: ActorRef): Promise<Scenario<SeriesSummary>> {
    for (let attempt = 0; attempt < MAX_CHANGE_ATTEMPTS; attempt++) {
      const current = await this.getFull(id);
      await this.revisions.ensure(current);
      const next = applyChanges(current, changes, this.config.maxSeriesPoints);
      const changed = changedFields(current, next);
      if (changed.length === 0) return summarized(current);
      const draft = scenarioRevisedAudit(actor, id, current.revision, changed);
      const updated = await this.scenarios.replace(id, current.revision, next, actor, draft);
      if (updated) {
        await this.revisions.ensure(updated);
        await this.audit.publish(draft, this.scenarios, id);
        return summarized(updated);
      }
    }
    throw new ConflictError(`Scenario '${id}' is being changed by others too often to apply this change; retry it`);
  }

  /** The scenario's current revision, made sure to be kept: what a new run is judged against. */
  async currentRevision(id: string): Promise<Scenario<SeriesSummary>> {
    const scenario = await this.getFull(id);
    await this.revisions.ensure(scenario);
    return summarized(scenario);
  }

  async getRevision(id: string, revision: number): Promise<ScenarioRevision> {
    const found = await this.revisions.find(id, revision);
    if (!found) throw new NotFoundError('Scenario revision', `${id} r${revision}`);
    return found;
  }

  async getRevisionSummary(id: string, revision: number): Promise<ScenarioRevision<SeriesSummary>> {
    const found = await this.revisions.findSummary(id, revision);
    if (!found) throw new NotFoundError('Scenario revision', `${id} r${revision}`);
    return found;
  }

  async listRevisions(id: string, page: PageRequest): Promise<Page<ScenarioRevision<SeriesSummary>>> {
    await this.get(id);
    return this.revisions.list(id, page);
  }

  /** Ids of the scenarios attached to a model, for evaluating each new version of it. */
  idsForModel(modelName: string, limit: number): Promise<string[]> {
    return this.scenarios.findIdsByModel(modelName, limit);
  }

  private async getFull(id: string): Promise<Scenario> {
    const scenario = await this.scenarios.findById(id);
    if (!scenario) throw new NotFoundError('Scenario', id);
    return scenario;
  }
}

function summarized(scenario: Scenario): Scenario<SeriesSummary> {
  return {
    ...scenario,
    baseline: { ...scenario.baseline, returns: scenario.baseline.returns ? summarizeSeries(scenario.baseline.returns) : null },
    benchmark: scenario.benchmark ? { label: scenario.benchmark.label, returns: summarizeSeries(scenario.benchmark.returns) } : null,
  };
}
