import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Roles } from '../common/auth/roles.decorator.js';
import { NotFoundError } from '../common/errors/domain.errors.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { mapPage } from '../common/pagination/page.js';
import { PageQueryDto } from '../common/pagination/page-query.dto.js';
import { instantOf } from '../common/validation/date-time.js';
import type { AuditFilter } from './audit-log.repository.js';
import { AuditService } from './audit.service.js';
import { ChainVerifier } from './chain-verifier.js';
import { AuditCheckpointsService } from './checkpoints/audit-checkpoints.service.js';
import { CheckpointSigner } from './checkpoints/checkpoint-signer.js';
import { AuditCheckpointPageResponseDto, AuditCheckpointResponseDto, AuditPublicKeyResponseDto } from './dto/audit-checkpoint.response.dto.js';
import { AuditEntryPageResponseDto, AuditEntryResponseDto } from './dto/audit-entry.response.dto.js';
import { AuditVerificationResponseDto } from './dto/audit-verification.response.dto.js';
import { AuditFilterQueryDto, ListAuditQueryDto, VerifyAuditQueryDto } from './dto/audit.query.dto.js';

@ApiTags('platform: audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly verifier: ChainVerifier,
    private readonly checkpoints: AuditCheckpointsService,
    private readonly signer: CheckpointSigner,
  ) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Every governed change and refused attempt of the platform, newest first, filtered by actor, action, resource, outcome and time' })
  @ApiOkResponse({ type: AuditEntryPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListAuditQueryDto): Promise<AuditEntryPageResponseDto> {
    const { limit, cursor, ...filter } = query;
    return mapPage(await this.audit.list(toFilter(filter), { limit, cursor }), AuditEntryResponseDto.from);
  }

  @Get('verify')
  @Roles('viewer')
  @ApiOperation({
    summary: 'Verify the whole chain: every hash and link, and every signed checkpoint',
    description: 'Appends audit drafts left pending by interrupted changes first. Pass `checkpoint` (a JWS kept outside the database) to also compare the chain with it.',
  })
  @ApiOkResponse({ type: AuditVerificationResponseDto })
  @ApiProblems(400, 422, 503)
  async verify(@Query() query: VerifyAuditQueryDto): Promise<AuditVerificationResponseDto> {
    return AuditVerificationResponseDto.from(await this.verifier.verify(query.checkpoint));
  }

  @Get('export')
  @Roles('admin')
  @Header('Content-Type', 'application/x-ndjson')
  @ApiOperation({ summary: 'The chain (or the entries matching the filters) as JSON lines in chain order, with hashes, for retention elsewhere' })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'One audit entry (as in GET /audit) per line', schema: { type: 'string' } })
  @ApiProblems(400)
  async export(@Query() query: AuditFilterQueryDto, @Res() response: Response): Promise<void> {
    response.status(200);
    for await (const entry of this.audit.entries(toFilter(query))) {
      if (!response.write(`${JSON.stringify(AuditEntryResponseDto.from(entry))}\n`)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }

  @Get('checkpoints')
  @Roles('viewer')
  @ApiOperation({ summary: 'Signed checkpoints of the chain head, newest first' })
  @ApiOkResponse({ type: AuditCheckpointPageResponseDto })
  @ApiProblems(400)
  async listCheckpoints(@Query() query: PageQueryDto): Promise<AuditCheckpointPageResponseDto> {
    return mapPage(await this.checkpoints.list(query), AuditCheckpointResponseDto.from);
  }

  @Post('checkpoints')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Checkpoint the chain head now (the worker also does so on an interval); 204 while the chain is empty' })
  @ApiCreatedResponse({ type: AuditCheckpointResponseDto })
  @ApiNoContentResponse({ description: 'The chain is empty' })
  @ApiProblems(409)
  async checkpoint(@Res({ passthrough: true }) response: Response): Promise<AuditCheckpointResponseDto | undefined> {
    const checkpoint = await this.checkpoints.checkpoint();
    if (!checkpoint) {
      response.status(204);
      return undefined;
    }
    return AuditCheckpointResponseDto.from(checkpoint);
  }

  @Get('checkpoints/public-key')
  @Roles('viewer')
  @ApiOperation({ summary: 'The public key (JWK) that verifies checkpoints; keep a copy where the database administrators cannot change it' })
  @ApiOkResponse({ type: AuditPublicKeyResponseDto })
  @ApiProblems(404)
  async publicKey(): Promise<AuditPublicKeyResponseDto> {
    const jwk = await this.signer.jwk();
    if (!jwk) throw new NotFoundError('Checkpoint key', 'AUDIT_CHECKPOINT_KEY');
    return jwk as unknown as AuditPublicKeyResponseDto;
  }
}

function toFilter(query: AuditFilterQueryDto): AuditFilter {
  const { from, to, ...rest } = query;
  return { ...rest, ...(from && { from: instantOf(from) }), ...(to && { to: instantOf(to) }) };
}
