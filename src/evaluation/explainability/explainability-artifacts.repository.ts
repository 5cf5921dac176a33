import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';

import { MongoRepository } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { storedActor } from '../../common/auth/stored-actor.js';
import type { ArtifactImportance, ExplainabilityArtifact, FeatureImportance, NewExplainabilityArtifact } from './explainability-artifact.js';
import { ExplainabilityArtifactDocument } from './explainability-artifact.schema.js';

type ArtifactLean = ExplainabilityArtifactDocument & { _id: Types.ObjectId };

/** Most artifacts per run that the summary and the checks read. */
export const MAX_ARTIFACTS_READ = 1000;

@Injectable()
export class ExplainabilityArtifactsRepository extends MongoRepository<ExplainabilityArtifactDocument> {
  constructor(@InjectModel(ExplainabilityArtifactDocument.name) model: Model<ExplainabilityArtifactDocument>) {
    super(model);
  }

  async create(artifact: NewExplainabilityArtifact, importance: FeatureImportance[] | null): Promise<ExplainabilityArtifact> {
    const created = await this.model.create({ ...artifact, importance });
    return toArtifact(created.toObject() as ArtifactLean);
  }

  /** Without the SHAP matrix. */
  async list(runId: string, page: PageRequest): Promise<Page<ExplainabilityArtifact>> {
    const { docs, nextCursor } = await this.findPage({ runId }, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as ArtifactLean[]).map(toArtifact), nextCursor };
  }

  async findById(runId: string, id: string): Promise<ExplainabilityArtifact | null> {
    const doc = await this.model.findOne({ _id: id, runId }).select('+shap').lean<ArtifactLean>().exec();
    return doc ? toArtifact(doc) : null;
  }

  /** What the summary needs of every artifact of a run: type, date and implied importance. */
  async importanceOf(runId: string): Promise<ArtifactImportance[]> {
    const docs = await this.model
      .find({ runId }, { type: 1, importance: 1, partialDependence: 1, createdAt: 1 })
      .sort({ createdAt: -1, _id: -1 })
      .limit(MAX_ARTIFACTS_READ)
      .lean<ArtifactLean[]>()
      .exec();
    return docs.map((doc) => ({
      id: doc._id.toHexString(),
      type: doc.type,
      importance: doc.importance ?? null,
      createdAt: doc.createdAt,
      partialDependenceFeatures: (doc.partialDependence ?? []).map((curve) => curve.feature),
    }));
  }
}

function toArtifact(doc: ArtifactLean): ExplainabilityArtifact {
  return {
    id: doc._id.toHexString(),
    runId: doc.runId,
    type: doc.type,
    name: doc.name,
    description: doc.description ?? '',
    featureImportance: doc.featureImportance ?? null,
    shap: doc.shap ?? null,
    partialDependence: doc.partialDependence ?? null,
    importance: doc.importance ?? null,
    createdBy: storedActor(doc.createdBy),
    createdAt: doc.createdAt,
  };
}
