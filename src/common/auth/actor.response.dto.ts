import { ApiProperty } from '@nestjs/swagger';

import type { ActorRef } from './principal.js';

/** Who acted: the stable id that identity comparisons use, and the name people read. */
export class ActorResponseDto implements ActorRef {
  @ApiProperty({ example: 'user:8d1f0c52-6a1e-4b0e-9a57-1f2b3c4d5e6f', description: 'Stable id: user:<subject> for people, service:<name> for services, system:<name> for the platform itself' })
  id: string;

  @ApiProperty({ example: 'Alice Kim' })
  name: string;
}
