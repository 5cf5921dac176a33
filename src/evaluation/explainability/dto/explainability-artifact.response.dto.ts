import { ApiProperty } from '@nestjs/swagger';

import { EXPLAINABILITY_TYPES, type ExplainabilityType } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { ExplainabilityArtifact } from '../explainability-artifact.js';
import { FeatureImportanceDto, PartialDependenceCurveDto, ShapValuesDto } from './create-explainability-artifact.request.dto.js';

export class ExplainabilityArtifactResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  runId: string;

  @ApiProperty({ enum: EXPLAINABILITY_TYPES })
  type: ExplainabilityType;

  @ApiProperty()
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [FeatureImportanceDto], nullable: true })
  featureImportance: FeatureImportanceDto[] | null;

  @ApiProperty({ type: ShapValuesDto, nullable: true, description: 'Returned by the single-artifact endpoint only; null in lists' })
  shap: ShapValuesDto | null;

  @ApiProperty({ type: [PartialDependenceCurveDto], nullable: true })
  partialDependence: PartialDependenceCurveDto[] | null;

  @ApiProperty({ type: [FeatureImportanceDto], nullable: true, description: 'The per-feature importance the artifact implies: as given, or mean |SHAP| per feature' })
  importance: FeatureImportanceDto[] | null;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who attached it; null only on artifacts from before requests were authenticated' })
  createdBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  static from(artifact: ExplainabilityArtifact): ExplainabilityArtifactResponseDto {
    return Object.assign(new ExplainabilityArtifactResponseDto(), artifact);
  }
}

export class ExplainabilityArtifactPageResponseDto extends PageResponseDto(ExplainabilityArtifactResponseDto) {}
