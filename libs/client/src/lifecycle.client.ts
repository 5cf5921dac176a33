import { Injectable } from '@nestjs/common';

import type {
  CreateExperimentRequest,
  CreateModelRequest,
  CreateModelVersionRequest,
  CreateRunRequest,
  MetricPoint,
  ModelStage,
  ModelVersionView,
  ModelView,
  RunStatus,
  RunView,
  SearchRunsQuery,
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

  createRun(body: CreateRunRequest): Promise<RunView> {
    return this.http.request('POST', `${BASE}/runs`, { body });
  }

  getRun(id: string): Promise<RunView> {
    return this.http.request('GET', `${BASE}/runs/${encodeURIComponent(id)}`);
  }

  searchRuns(query: SearchRunsQuery): Promise<Page<RunView>> {
    return this.http.request('GET', `${BASE}/runs`, { query: { ...query } });
  }

  endRun(id: string, status: Exclude<RunStatus, 'RUNNING'>, endTime?: string): Promise<RunView> {
    return this.http.request('PATCH', `${BASE}/runs/${encodeURIComponent(id)}`, { body: { status, endTime } });
  }

  logParams(runId: string, params: Record<string, string>): Promise<RunView> {
    return this.http.request('POST', `${BASE}/runs/${encodeURIComponent(runId)}/params`, { body: { params } });
  }

  /** Up to 1,000 points a call; split larger histories into batches. */
  logMetrics(runId: string, points: MetricPoint[]): Promise<unknown> {
    return this.http.request('POST', `${BASE}/runs/${encodeURIComponent(runId)}/metrics`, { body: { points } });
  }

  registerModel(body: CreateModelRequest): Promise<ModelView> {
    return this.http.request('POST', `${BASE}/models`, { body });
  }

  getModel(name: string): Promise<ModelView> {
    return this.http.request('GET', `${BASE}/models/${encodeURIComponent(name)}`);
  }

  createModelVersion(modelName: string, body: CreateModelVersionRequest): Promise<ModelVersionView> {
    return this.http.request('POST', `${BASE}/models/${encodeURIComponent(modelName)}/versions`, { body });
  }

  getModelVersion(modelName: string, version: number): Promise<ModelVersionView> {
    return this.http.request('GET', `${BASE}/models/${encodeURIComponent(modelName)}/versions/${version}`);
  }

  changeStage(modelName: string, version: number, stage: ModelStage, comment?: string): Promise<ModelVersionView> {
    return this.http.request('POST', `${BASE}/models/${encodeURIComponent(modelName)}/versions/${version}/stage`, { body: { stage, comment } });
  }

  setChecklistItem(modelName: string, version: number, key: string, checked: boolean, comment?: string): Promise<ModelVersionView> {
    const path = `${BASE}/models/${encodeURIComponent(modelName)}/versions/${version}/checklist/${encodeURIComponent(key)}`;
    return this.http.request('PATCH', path, { body: { checked, comment } });
  }

  recordDriftEvent(body: RecordDriftEventRequest): Promise<DriftEventView> {
    return this.http.request('POST', `${BASE}/drift-events`, { body });
  }

  listDriftEvents(query: { modelName?: string; modelVersion?: number; severity?: DriftSeverity; status?: DriftStatus; from?: string; to?: string; limit?: number; cursor?: string } = {}): Promise<Page<DriftEventView>> {
    return this.http.request('GET', `${BASE}/drift-events`, { query });
  }

  changeDriftEventStatus(id: string, status: 'ACKNOWLEDGED' | 'RESOLVED', note: string): Promise<DriftEventView> {
    return this.http.request('PATCH', `${BASE}/drift-events/${encodeURIComponent(id)}`, { body: { status, note } });
  }
}
