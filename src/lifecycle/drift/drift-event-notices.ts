import { Injectable, Logger } from '@nestjs/common';

import type { DriftEvent, DriftEventRecordedHandler, DriftRetrainingStatus } from './drift-event.js';
import { DriftEventsRepository } from './drift-events.repository.js';

/**
 * The outbox of "recorded" notices. Every event is stored with its notice pending (one insert); the notice is
 * handed to the subscriber in the request and cleared with the subscriber's answer. When the subscriber fails
 * or the process stops first, the notice stays pending and the subscriber's sweep takes it from `pending`.
 * Drift knows nothing of the subscriber beyond this.
 */
@Injectable()
export class DriftEventNotices {
  private readonly logger = new Logger(DriftEventNotices.name);
  private handler: DriftEventRecordedHandler | null = null;

  constructor(private readonly events: DriftEventsRepository) {}

  subscribe(handler: DriftEventRecordedHandler): void {
    if (this.handler) throw new Error('Drift events already have a subscriber of their recorded notice');
    this.handler = handler;
  }

  /** Hands a just-stored event to the subscriber; answers the event as it stands afterwards. */
  async deliver(event: DriftEvent): Promise<DriftEvent> {
    if (!this.handler) return event;
    try {
      return (await this.settle(event.id, await this.handler(event))) ?? event;
    } catch (error) {
      // The event is stored and its notice is still pending: recording has succeeded, the sweep handles it.
      this.logger.error(`The subscriber failed on drift event ${event.id}; its notice stays pending: ${(error as Error).message}`, (error as Error).stack);
      return event;
    }
  }

  /** Events whose notice has been pending since before `before`: their delivery failed or was interrupted. */
  pending(before: Date, limit: number): Promise<DriftEvent[]> {
    return this.events.pendingNotices(before, limit);
  }

  /** Clears the notice of the event, storing where retraining stands (unless a newer status is there already). */
  settle(id: string, retraining: DriftRetrainingStatus): Promise<DriftEvent | null> {
    return this.events.settleNotice(id, retraining);
  }
}
