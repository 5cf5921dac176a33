import type { ActorView } from '../../../libs/contracts/src/index.js';
import { ApiModel, type ApiFields } from '../openapi/api-model.js';

export const ACTOR_FIELDS: ApiFields<ActorView> = {
  id: { type: String, example: 'user:8d1f0c52-6a1e-4b0e-9a57-1f2b3c4d5e6f', description: 'Stable id: user:<subject> for people, service:<name> for services, system:<name> for the platform itself' },
  name: { type: String, example: 'Alice Kim' },
};

/** Who acted: the stable id that identity comparisons use, and the name people read. */
export class ActorResponseDto extends ApiModel<ActorView>(ACTOR_FIELDS) {}
