import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { PrincipalResponseDto } from './dto/principal.response.dto.js';

@ApiTags('platform: identity')
@Controller('identity')
export class IdentityController {
  @Get('me')
  @Roles('viewer', 'trainer')
  @ApiOperation({ summary: 'Who the platform takes the caller for: stable id, name, roles and credential' })
  @ApiOkResponse({ type: PrincipalResponseDto })
  me(@CurrentPrincipal() principal: Principal): PrincipalResponseDto {
    return PrincipalResponseDto.from(principal);
  }
}
