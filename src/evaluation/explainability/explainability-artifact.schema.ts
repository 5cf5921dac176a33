import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { EXPLAINABILITY_TYPES, type ExplainabilityType } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { FeatureImportance, PartialDependenceCurve, ShapValues } from './explainability-artifact.js';

@Schema({ collection: 'evaluation_explainability_artifacts', timestamps: { createdAt: true, updatedAt: false }, minimize: false })
export class ExplainabilityArtifactDocument {
  @Prop({ required: true })
  runId: string;

  @Prop({ type: String, enum: EXPLAINABILITY_TYPES, required: true })
  type: ExplainabilityType;

  @Prop({ required: true })
  name: string;

  @Prop({ default: '' })
  description: string;

  @Prop({ type: [Object], default: null })
  featureImportance: FeatureImportance[] | null;

  /** The raw SHAP matrix can be large: read only when the artifact itself is asked for. */
  @Prop({ type: Object, default: null, select: false })
  shap: ShapValues | null;

  @Prop({ type: [Object], default: null })
  partialDependence: PartialDependenceCurve[] | null;

  @Prop({ type: [Object], default: null })
  importance: FeatureImportance[] | null;

  @Prop({ type: Object, default: null })
  createdBy: ActorRef | null;

  createdAt: Date;
}

export const ExplainabilityArtifactSchema = SchemaFactory.createForClass(ExplainabilityArtifactDocument);
ExplainabilityArtifactSchema.index({ runId: 1, createdAt: -1 });
