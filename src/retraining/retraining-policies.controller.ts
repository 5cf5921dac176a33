import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor } from '../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../common/auth/principal.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { ParseModelNamePipe } from '../common/validation/path-params.js';
import { PutRetrainingPolicyRequestDto } from './dto/put-retraining-policy.request.dto.js';
import { RetrainRequestDto } from './dto/retrain.request.dto.js';
import { RetrainingJobResponseDto } from './dto/retraining-job.response.dto.js';
import { RetrainingPolicyResponseDto } from './dto/retraining-policy.response.dto.js';
import { RetrainingPoliciesService } from './policies/retraining-policies.service.js';
import { RetrainingTriggerService } from './trigger/retraining-trigger.service.js';

@ApiTags('lifecycle: retraining')
@Controller('ml/lifecycle/models/:model')
export class RetrainingPoliciesController {
  constructor(
    private readonly policies: RetrainingPoliciesService,
    private readonly trigger: RetrainingTriggerService,
  ) {}

  @Get('retraining-policy')
  @Roles('viewer')
  @ApiOperation({ summary: "The model's retraining policy: its own, or the platform default (source DEFAULT)" })
  @ApiOkResponse({ type: RetrainingPolicyResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('model', ParseModelNamePipe) model: string): Promise<RetrainingPolicyResponseDto> {
    return RetrainingPolicyResponseDto.from(await this.policies.get(model));
  }

  @Put('retraining-policy')
  @Roles('admin')
  @ApiOperation({ summary: "Set the model's retraining policy (replaced whole)" })
  @ApiOkResponse({ type: RetrainingPolicyResponseDto })
  @ApiProblems(400, 404, 413, 422)
  async put(
    @Param('model', ParseModelNamePipe) model: string,
    @Body() body: PutRetrainingPolicyRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<RetrainingPolicyResponseDto> {
    const { trainer, experimentName, ...rest } = body;
    const policy = await this.policies.put(model, { ...rest, trainer: { ...trainer }, experimentName: experimentName ?? null }, actor);
    return RetrainingPolicyResponseDto.from(policy);
  }

  @Post('retrain')
  @Roles('editor')
  @ApiOperation({ summary: 'Retrain the model now, with its policy\'s trainer (ignores `enabled` and the cooldown; 409 while a job is open)' })
  @ApiCreatedResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async retrain(@Param('model', ParseModelNamePipe) model: string, @Body() body: RetrainRequestDto, @CurrentActor() actor: ActorRef): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.trigger.retrainByHand(model, body.reason, actor));
  }
}
