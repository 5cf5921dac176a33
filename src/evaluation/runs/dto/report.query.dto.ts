import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json', description: 'html: one self-contained page with charts, readable offline' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}
