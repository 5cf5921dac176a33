import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { instantOf } from '../../common/validation/date-time.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPageResponseDto, ApiKeyResponseDto, CreatedApiKeyResponseDto } from './dto/api-key.response.dto.js';
import { CreateApiKeyRequestDto } from './dto/create-api-key.request.dto.js';
import { ListApiKeysQueryDto } from './dto/list-api-keys.query.dto.js';

@ApiTags('platform: identity')
@Controller('identity/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Mint an API key for yourself or for a named service; the key is in the answer once and never again' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  @ApiProblems(400, 422)
  async create(@Body() body: CreateApiKeyRequestDto, @CurrentPrincipal() caller: Principal): Promise<CreatedApiKeyResponseDto> {
    const { key, secret } = await this.keys.create(caller, {
      name: body.name,
      service: body.service,
      roles: body.roles,
      trainerQueues: body.trainerQueues,
      expiresAt: instantOf(body.expiresAt),
    });
    return Object.assign(ApiKeyResponseDto.from(key), { secret });
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List keys, newest first (never their secrets)' })
  @ApiOkResponse({ type: ApiKeyPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListApiKeysQueryDto): Promise<ApiKeyPageResponseDto> {
    const { limit, cursor, ownerId, includeRevoked } = query;
    return mapPage(await this.keys.list({ ownerId, includeRevoked: includeRevoked === 'true' }, { limit, cursor }), ApiKeyResponseDto.from);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One key (never its secret)' })
  @ApiOkResponse({ type: ApiKeyResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<ApiKeyResponseDto> {
    return ApiKeyResponseDto.from(await this.keys.get(id));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a key: it stops working with the next request' })
  @ApiOkResponse({ type: ApiKeyResponseDto })
  @ApiProblems(400, 404, 409)
  async revoke(@Param('id', ParseObjectIdPipe) id: string, @CurrentPrincipal() caller: Principal): Promise<ApiKeyResponseDto> {
    return ApiKeyResponseDto.from(await this.keys.revoke(caller, id));
  }
}
