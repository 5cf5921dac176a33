import { ApiProperty } from '@nestjs/swagger';

import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { AnsweredType } from '../../../common/openapi/answered-type.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { ExplainabilityArtifact } from '../explainability-artifact.js';
import { CreateExplainabilityArtifactRequestDto, FeatureImportanceDto, PartialDependenceCurveDto, ShapValuesDto } from './create-explainability-artifact.request.dto.js';

/** An artifact as it was attached, every default filled in, with the importance it implies. */
export class ExplainabilityArtifactResponseDto extends AnsweredType(CreateExplainabilityArtifactRequestDto, {
  featureImportance: { nullable: true },
  shap: { nullable: true, description: 'Returned by the single-artifact endpoint only; null in lists' },
  partialDependence: { nullable: true },
}) {
  declare featureImportance: FeatureImportanceDto[] | null;
  declare shap: ShapValuesDto | null;
  declare partialDependence: PartialDependenceCurveDto[] | null;

  @ApiProperty()
  id: string;

  @ApiProperty()
  runId: string;

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
