import { RUN_STATUSES, type RunStatus } from '../../../../libs/contracts/src/index.js';
import { DateTime, Int, OneOf, Text } from '../../../common/validation/fields.js';
import { KEY_RULE, NAME_PATTERN, NAME_RULE, OBJECT_ID_PATTERN } from '../../../common/validation/patterns.js';
import { PARAMS_RULE, TAG_VALUE_MAX_LENGTH, TAGS_RULE, URI_PATTERN } from './run-limits.js';
import { StringMap } from '../../../common/validation/string-map.validator.js';

export const ARTIFACT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,49}$/;
export const CHECKSUM_PATTERN = /^[a-z0-9-]{2,20}:[A-Fa-f0-9]{8,128}$/;

export class CreateTrackedRunRequestDto {
  @Text({ example: '665f1c2b9d1e8a0012345678', pattern: OBJECT_ID_PATTERN, message: 'experimentId must be a 24-character hexadecimal id', description: 'An experiment that exists and is not archived' })
  experimentId: string;

  @Text({ optional: true, example: 'lr-sweep-07', pattern: NAME_PATTERN, message: `name must be ${NAME_RULE}`, description: `${NAME_RULE}; made from the id when absent` })
  name?: string;

  @DateTime({ optional: true, description: 'When training started; the time of the request when absent' })
  startTime?: string;

  @Text({ optional: true, example: 's3://ml-artifacts/kospi-momentum/lr-sweep-07/', maxLength: 2000, pattern: URI_PATTERN, message: 'artifactUri must be a URI with a scheme, such as s3://bucket/path' })
  artifactUri?: string;

  @StringMap(PARAMS_RULE, { optional: true, example: { lr: '0.01', lookback: '20' }, description: `Hyper-parameters, at most ${PARAMS_RULE.maxEntries}; keys are ${KEY_RULE}` })
  params?: Record<string, string>;

  @StringMap(TAGS_RULE, { optional: true, example: { team: 'alpha' }, description: `At most ${TAGS_RULE.maxEntries}; keys are ${KEY_RULE}` })
  tags?: Record<string, string>;
}

export class EndTrackedRunRequestDto {
  @OneOf(RUN_STATUSES, {
    example: 'FINISHED',
    description: 'FINISHED, FAILED or KILLED; only a RUNNING run can end, once (409 otherwise, RUNNING included)',
    message: `status must be one of ${RUN_STATUSES.join(', ')}`,
  })
  status: RunStatus;

  @DateTime({ optional: true, description: 'When training ended (not before startTime); the time of the request when absent' })
  endTime?: string;
}

export class LogTrackedRunParamsRequestDto {
  @StringMap(
    { ...PARAMS_RULE, minEntries: 1 },
    { example: { lr: '0.01', lookback: '20' }, description: `1 to ${PARAMS_RULE.maxEntries} params; keys are ${KEY_RULE}. A key logged before must carry the same value.` },
  )
  params: Record<string, string>;
}

export class SetTrackedRunTagRequestDto {
  @Text({ example: 'alpha', maxLength: TAG_VALUE_MAX_LENGTH })
  value: string;
}

export class AddTrackedRunArtifactRequestDto {
  @Text({ example: 'model.onnx', pattern: NAME_PATTERN, message: `name must be ${NAME_RULE}`, description: `Unique within the run; ${NAME_RULE}` })
  name: string;

  @Text({ example: 's3://ml-artifacts/kospi-momentum/lr-sweep-07/model.onnx', maxLength: 2000, pattern: URI_PATTERN, message: 'uri must be a URI with a scheme, such as s3://bucket/path' })
  uri: string;

  @Text({ example: 'model', pattern: ARTIFACT_TYPE_PATTERN, message: 'type must be 1-50 letters, digits, _ or -, starting with a letter', description: 'What the artifact is: model, dataset, report, plot, ...' })
  type: string;

  @Int({ optional: true, example: 1048576, minimum: 0 })
  sizeBytes?: number;

  @Text({ optional: true, example: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', pattern: CHECKSUM_PATTERN, message: 'checksum must be algorithm:hexdigest, such as sha256:9f86d0...', description: 'algorithm:hex digest' })
  checksum?: string;
}
