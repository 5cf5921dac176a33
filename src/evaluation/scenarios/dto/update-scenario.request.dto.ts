import { PartialType } from '@nestjs/swagger';

import { CreateScenarioRequestDto } from './create-scenario.request.dto.js';

/** Each field given replaces the whole field and makes a new revision; null clears modelName, riskFreeRate, period or benchmark. */
export class UpdateScenarioRequestDto extends PartialType(CreateScenarioRequestDto) {}
