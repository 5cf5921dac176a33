import { PartialType } from '@nestjs/swagger';

import { absent, ApiSchemaRules } from '../../../common/openapi/api-schema-rules.decorator.js';
import { CreateScenarioRequestDto, RELATIVE_STRESS_THRESHOLDS_NEED_RETURNS } from './create-scenario.request.dto.js';

/**
 * Each field given replaces the whole field and makes a new revision; null clears modelName, riskFreeRate,
 * period or benchmark. The rules between fields hold within the change (here) and on the scenario it makes
 * (422 when the change only breaks them together with what the scenario already holds).
 */
@ApiSchemaRules({ anyOf: [absent('baseline'), absent('stressEvents'), ...RELATIVE_STRESS_THRESHOLDS_NEED_RETURNS] })
export class UpdateScenarioRequestDto extends PartialType(CreateScenarioRequestDto) {}
