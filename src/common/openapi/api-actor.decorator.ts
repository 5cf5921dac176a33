import { ApiHeader } from '@nestjs/swagger';

import { ACTOR_HEADER } from '../http/actor.decorator.js';

/** Documents the X-Actor header on endpoints that record who acted. */
export const ApiActor = (required = true) =>
  ApiHeader({ name: ACTOR_HEADER, required, description: 'Who performs the action (until authentication takes it from the caller)' });
