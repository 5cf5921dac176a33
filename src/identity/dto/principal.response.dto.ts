import { ACTOR_FIELDS } from '../../common/auth/actor.response.dto.js';
import { ROLES, type Principal } from '../../common/auth/principal.js';
import { ApiModel } from '../../common/openapi/api-model.js';

export class PrincipalResponseDto extends ApiModel<Omit<Principal, 'trainerQueues'>>({
  ...ACTOR_FIELDS,
  kind: { enum: ['person', 'service'] },
  roles: { enum: ROLES, isArray: true },
  credential: { enum: ['oidc', 'api-key', 'job-token'], description: 'How the caller authenticated' },
  keyId: { type: String, required: false, description: 'The API key used, when the credential is one' },
  jobId: { type: String, required: false, description: 'A job token acts for this retraining job only' },
}) {
  static from(principal: Principal): PrincipalResponseDto {
    const { id, name, kind, roles, credential, keyId, jobId } = principal;
    return Object.assign(new PrincipalResponseDto(), { id, name, kind, roles, credential, ...(keyId && { keyId }), ...(jobId && { jobId }) });
  }
}
