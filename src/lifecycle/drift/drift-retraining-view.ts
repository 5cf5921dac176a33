import { Injectable } from '@nestjs/common';

import type { DriftRetrainingStatus } from './drift-event.js';
import { DriftEventsRepository } from './drift-events.repository.js';

/** What drift events show of their retraining: written by the retraining pipeline as its jobs move. */
@Injectable()
export class DriftRetrainingView {
  constructor(private readonly events: DriftEventsRepository) {}

  /** Never goes back to an older status: updates may arrive out of order. */
  show(ids: readonly string[], retraining: DriftRetrainingStatus): Promise<void> {
    return this.events.setRetraining(ids, retraining);
  }
}
