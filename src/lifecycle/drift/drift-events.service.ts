import { Injectable } from '@nestjs/common';

import type { DriftSeverity, DriftStatistic, DriftStatus } from '../../../libs/contracts/src/index.js';
import { AuditService, pendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { IllegalTransitionError, InconsistentInputError, InvalidInputError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { ModelVersionsService } from '../registry/model-versions.service.js';
import { RegisteredModelsService } from '../registry/registered-models.service.js';
import type { DriftEvent, DriftEventFilter } from './drift-event.js';
import { DriftEventNotices } from './drift-event-notices.js';
import { DriftEventsRepository } from './drift-events.repository.js';
import {
  BAND_MULTIPLES,
  bandsAreOrdered,
  bandsFromThreshold,
  DEFAULT_THRESHOLDS,
  deriveSeverity,
  type DriftDirection,
  type SeverityBands,
} from './drift-severity.js';

interface RecordDriftEvent {
  modelName: string;
  modelVersion?: number;
  features: string[];
  statistic: DriftStatistic;
  statisticName?: string;
  value: number;
  threshold?: number;
  direction?: DriftDirection;
  bands?: SeverityBands;
  severity?: DriftSeverity;
  detectedAt?: Date;
  responsePlan?: string;
}

@Injectable()
export class DriftEventsService {
  constructor(
    private readonly events: DriftEventsRepository,
    private readonly notices: DriftEventNotices,
    private readonly models: RegisteredModelsService,
    private readonly versions: ModelVersionsService,
    private readonly audit: AuditService,
  ) {}

  /** Stores the event with its "recorded" notice, then delivers the notice to its subscriber. */
  async record(input: RecordDriftEvent, actor: ActorRef): Promise<DriftEvent> {
    if (input.modelVersion === undefined) await this.models.get(input.modelName);
    else await this.versions.get(input.modelName, input.modelVersion);
    const direction = input.direction ?? 'HIGHER_IS_WORSE';
    const threshold = this.thresholdFor(input);
    const bands = input.bands ?? bandsFromThreshold(threshold, direction);
    if (![bands.medium, bands.high, bands.critical].every(Number.isFinite)) {
      throw new InconsistentInputError(`threshold ${threshold} is too large to derive the severity bands (${BAND_MULTIPLES.critical}x) from; give bands`, [
        { field: 'threshold', message: 'threshold is too large to derive the severity bands from; give bands' },
      ]);
    }
    if (!bandsAreOrdered(bands, direction)) {
      throw new InconsistentInputError(`bands must satisfy medium ${direction === 'HIGHER_IS_WORSE' ? '<=' : '>='} high and high vs critical likewise`, [
        { field: 'bands', message: 'bands must tighten from medium to high to critical in the direction of worse drift' },
      ]);
    }
    const stored = await this.events.create({
      modelName: input.modelName,
      modelVersion: input.modelVersion ?? null,
      features: input.features,
      statistic: input.statistic,
      statisticName: input.statistic === 'CUSTOM' ? (input.statisticName ?? null) : null,
      value: input.value,
      threshold,
      direction,
      bands,
      severity: input.severity ?? deriveSeverity(input.value, bands, direction),
      severitySource: input.severity ? 'GIVEN' : 'DERIVED',
      detectedAt: input.detectedAt ?? new Date(),
      responsePlan: input.responsePlan ?? '',
      recordedBy: actor,
    });
    return this.notices.deliver(stored);
  }

  async get(id: string): Promise<DriftEvent> {
    const event = await this.events.findById(id);
    if (!event) throw new NotFoundError('Drift event', id);
    return event;
  }

  list(filter: DriftEventFilter, page: PageRequest): Promise<Page<DriftEvent>> {
    if (filter.from && filter.to && filter.from > filter.to) {
      throw new InconsistentInputError('from must not be after to', [{ field: 'from', message: 'from must be on or before to' }]);
    }
    return this.events.list(filter, page);
  }

  /** Acknowledges or resolves an event; audited, because it says someone took responsibility for the drift. */
  async changeStatus(id: string, status: Exclude<DriftStatus, 'OPEN'>, note: string, actor: ActorRef): Promise<DriftEvent> {
    const at = new Date();
    const action = status === 'ACKNOWLEDGED' ? 'drift.event.acknowledged' : 'drift.event.resolved';
    const draft = pendingAudit({ actor, action, resource: { type: 'drift-event', id }, before: null, after: { status, note }, comment: note || null }, at);
    const changed = await this.events.transition(id, { status, note, by: actor, at }, draft);
    if (changed) {
      await this.audit.publish(draft, this.events, id);
      return changed;
    }
    const current = await this.get(id);
    throw new IllegalTransitionError('Drift event', current.status, status);
  }

  private thresholdFor(input: RecordDriftEvent): number {
    if (input.statistic === 'CUSTOM' && !input.statisticName) {
      throw new InvalidInputError('statisticName is required when statistic is CUSTOM', [{ field: 'statisticName', message: 'statisticName is required for a CUSTOM statistic' }]);
    }
    const threshold = input.threshold ?? input.bands?.medium ?? DEFAULT_THRESHOLDS[input.statistic];
    if (threshold === undefined) {
      throw new InvalidInputError(`${input.statistic} has no conventional threshold: give threshold or bands`, [
        { field: 'threshold', message: `threshold is required for ${input.statistic}` },
      ]);
    }
    return threshold;
  }
}
