import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListScenariosQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Only scenarios of this model' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  modelName?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Only scenarios whose name starts with this text' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  namePrefix?: string;
}
