import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';

import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { storedActor } from '../../common/auth/stored-actor.js';
import type { Scenario, ScenarioRevision, SeriesSummary } from './scenario.js';
import { EvaluationScenarioRevisionDocument, SERIES_POINTS } from './scenario.schema.js';
import { fullDefinition, summaryDefinition, toPersisted, type PersistedDefinition } from './scenario-persistence.js';

type RevisionLean = EvaluationScenarioRevisionDocument & { _id: Types.ObjectId };

@Injectable()
export class ScenarioRevisionsRepository extends MongoRepository<EvaluationScenarioRevisionDocument> {
  constructor(@InjectModel(EvaluationScenarioRevisionDocument.name) model: Model<EvaluationScenarioRevisionDocument>) {
    super(model);
  }

  /**
   * Makes sure the scenario's current revision is kept. Idempotent: a revision, once written, is never
   * changed, so concurrent callers (or a caller repairing an interrupted change) all leave the same document.
   */
  async ensure(scenario: Scenario): Promise<void> {
    const { id, revision, createdAt, updatedAt, createdBy, updatedBy, ...definition } = scenario;
    try {
      await this.model
        .updateOne(
          { scenarioId: id, revision },
          { $setOnInsert: { ...toPersisted(definition), scenarioId: id, revision, createdBy: updatedBy } },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      // Two upserts of the same new revision race: the loser's insert hits the unique index, and the
      // document it wanted is there.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async find(scenarioId: string, revision: number): Promise<ScenarioRevision | null> {
    const doc = await this.model.findOne({ scenarioId, revision }).select(SERIES_POINTS).lean<RevisionLean>().exec();
    return doc ? { ...fullDefinition(doc as unknown as PersistedDefinition), ...meta(doc) } : null;
  }

  async findSummary(scenarioId: string, revision: number): Promise<ScenarioRevision<SeriesSummary> | null> {
    const doc = await this.model.findOne({ scenarioId, revision }).lean<RevisionLean>().exec();
    return doc ? { ...summaryDefinition(doc), ...meta(doc) } : null;
  }

  async list(scenarioId: string, page: PageRequest): Promise<Page<ScenarioRevision<SeriesSummary>>> {
    const { docs, nextCursor } = await this.findPage({ scenarioId }, { ...page, sortField: 'revision', direction: -1 });
    return { items: (docs as RevisionLean[]).map((doc) => ({ ...summaryDefinition(doc), ...meta(doc) })), nextCursor };
  }
}

function meta(doc: RevisionLean) {
  return { scenarioId: doc.scenarioId, revision: doc.revision, createdBy: storedActor(doc.createdBy), createdAt: doc.createdAt };
}
