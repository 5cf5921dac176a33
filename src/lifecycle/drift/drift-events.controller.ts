import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { instantOf } from '../../common/validation/date-time.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { DriftEventPageResponseDto, DriftEventResponseDto } from './dto/drift-event.response.dto.js';
import { ListDriftEventsQueryDto } from './dto/list-drift-events.query.dto.js';
import { RecordDriftEventRequestDto } from './dto/record-drift-event.request.dto.js';
import { UpdateDriftEventRequestDto } from './dto/update-drift-event.request.dto.js';
import { DriftEventsService } from './drift-events.service.js';

@ApiTags('lifecycle: drift events')
@Controller('ml/lifecycle/drift-events')
export class DriftEventsController {
  constructor(private readonly drift: DriftEventsService) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Record a drift observation; severity is derived from value and bands when not given' })
  @ApiCreatedResponse({ type: DriftEventResponseDto })
  @ApiProblems(400, 404, 413, 422)
  async record(@Body() body: RecordDriftEventRequestDto, @CurrentActor() actor: ActorRef): Promise<DriftEventResponseDto> {
    const { detectedAt, ...rest } = body;
    const event = await this.drift.record({ ...rest, detectedAt: instantOf(detectedAt) }, actor);
    return DriftEventResponseDto.from(event);
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List drift events, newest detection first' })
  @ApiOkResponse({ type: DriftEventPageResponseDto })
  @ApiProblems(400, 422)
  async list(@Query() query: ListDriftEventsQueryDto): Promise<DriftEventPageResponseDto> {
    const { limit, cursor, from, to, ...filter } = query;
    const page = await this.drift.list({ ...filter, from: instantOf(from), to: instantOf(to) }, { limit, cursor });
    return mapPage(page, DriftEventResponseDto.from);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one drift event' })
  @ApiOkResponse({ type: DriftEventResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<DriftEventResponseDto> {
    return DriftEventResponseDto.from(await this.drift.get(id));
  }

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'Acknowledge or resolve a drift event with a note' })
  @ApiOkResponse({ type: DriftEventResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: UpdateDriftEventRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<DriftEventResponseDto> {
    return DriftEventResponseDto.from(await this.drift.changeStatus(id, body.status, body.note, actor));
  }
}
