import { Injectable } from '@nestjs/common';

import type {
  CreateExperimentRequest,
  DriftEventView,
  DriftSeverity,
  DriftStatus,
  ExperimentView,
  Page,
  RecordDriftEventRequest,
} from '../../contracts/src/index.js';
import { HttpTransport } from './http-transport.js';

const BASE = '/ml/lifecycle';

/** Typed calls to /api/v1/ml/lifecycle. Errors arrive as MlopsApiError with the problem document. */
@Injectable()
export class LifecycleClient {
  constructor(private readonly http: HttpTransport) {}

  createExperiment(body: CreateExperimentRequest): Promise<ExperimentView> {
    return this.http.request('POST', `${BASE}/experiments`, { body });
  }

  getExperiment(id: string): Promise<ExperimentView> {
    return this.http.request('GET', `${BASE}/experiments/${encodeURIComponent(id)}`);
  }

  recordDriftEvent(body: RecordDriftEventRequest, actor?: string): Promise<DriftEventView> {
    return this.http.request('POST', `${BASE}/drift-events`, { body, actor });
  }

  listDriftEvents(query: { modelName?: string; modelVersion?: number; severity?: DriftSeverity; status?: DriftStatus; from?: string; to?: string; limit?: number; cursor?: string } = {}): Promise<Page<DriftEventView>> {
    return this.http.request('GET', `${BASE}/drift-events`, { query });
  }

  changeDriftEventStatus(id: string, status: 'ACKNOWLEDGED' | 'RESOLVED', note: string, actor?: string): Promise<DriftEventView> {
    return this.http.request('PATCH', `${BASE}/drift-events/${encodeURIComponent(id)}`, { body: { status, note }, actor });
  }
}
