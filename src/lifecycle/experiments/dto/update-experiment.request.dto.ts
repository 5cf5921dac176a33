import { PartialType } from '@nestjs/swagger';

import { CreateExperimentRequestDto } from './create-experiment.request.dto.js';

export class UpdateExperimentRequestDto extends PartialType(CreateExperimentRequestDto) {}
