import { Injectable } from '@nestjs/common';

import type { RunStatus } from '../../../libs/contracts/src/index.js';
import { ConflictError, DuplicateError, IllegalTransitionError, InconsistentInputError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import type { MetricPoint } from './metrics/metric-point.js';
import type { NewRun, NewRunArtifact, Run, RunArtifact } from './run.js';
import { assertRunning, canTransition } from './run-status.js';
import { MAX_ARTIFACTS_PER_RUN, RunsRepository } from './runs.repository.js';
import { parseRunFilter } from './search/run-filter.js';
import { DEFAULT_RUN_ORDER, parseRunOrder } from './search/run-order.js';

export interface RunSearch {
  experimentIds: string[];
  /** Filter text in the grammar of parseRunFilter. */
  filter?: string;
  /** Ordering text in the grammar of parseRunOrder; newest start first when absent. */
  orderBy?: string;
}

@Injectable()
export class RunsService {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly runs: RunsRepository,
  ) {}

  /** Opens a run in an active experiment (404 unknown, 409 archived). */
  async create(run: NewRun): Promise<Run> {
    await this.experiments.getActive(run.experimentId);
    return this.runs.create(run);
  }

  async get(id: string): Promise<Run> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundError('Run', id);
    return run;
  }

  search(search: RunSearch, page: PageRequest): Promise<Page<Run>> {
    const clauses = search.filter === undefined ? [] : parseRunFilter(search.filter);
    const order = search.orderBy === undefined ? DEFAULT_RUN_ORDER : parseRunOrder(search.orderBy);
    return this.runs.search(search.experimentIds, clauses, order, page);
  }

  /** Ends a running run; compare-and-set, so of concurrent requests exactly one wins. */
  async end(id: string, status: RunStatus, endTime: Date): Promise<Run> {
    if (status !== 'RUNNING') {
      const ended = await this.runs.end(id, status, endTime);
      if (ended) return ended;
    }
    const current = await this.get(id);
    if (!canTransition(current.status, status)) {
      const hint = current.status === 'RUNNING' ? 'a run ends as FINISHED, FAILED or KILLED' : 'an ended run is never re-opened or changed';
      throw new IllegalTransitionError(`Run '${current.name}'`, current.status, status, { hint });
    }
    throw new InconsistentInputError(`endTime ${endTime.toISOString()} is before the run's startTime ${current.startTime.toISOString()}`, [
      { field: 'endTime', message: 'endTime must not be before the startTime of the run' },
    ]);
  }

  /**
   * Logs params all at once or not at all. A key already logged with the same value is accepted again;
   * with another value the whole request is refused (409) and `conflicts` lists the keys.
   */
  async logParams(id: string, params: Record<string, string>): Promise<Run> {
    const updated = await this.runs.addParams(id, params);
    if (updated) return updated;
    const current = await this.get(id);
    assertRunning(current, 'params');
    const conflicts = Object.entries(params)
      .filter(([key, value]) => current.params[key] !== undefined && current.params[key] !== value)
      .map(([key, value]) => ({ key, logged: current.params[key], given: value }));
    const keys = conflicts.map((c) => `'${c.key}'`).join(', ');
    throw new ConflictError(`Params ${keys} of run '${current.name}' were already logged with other values; a param is logged once`, { conflicts });
  }

  /** Tags annotate a run at any status, ended runs included. */
  async setTag(id: string, key: string, value: string): Promise<Run> {
    const updated = await this.runs.setTag(id, key, value);
    if (!updated) throw new NotFoundError('Run', id);
    return updated;
  }

  async deleteTag(id: string, key: string): Promise<void> {
    if (await this.runs.deleteTag(id, key)) return;
    await this.get(id);
    throw new NotFoundError(`Tag of run ${id}`, key);
  }

  async addArtifact(id: string, artifact: NewRunArtifact): Promise<RunArtifact> {
    const updated = await this.runs.addArtifact(id, artifact);
    if (updated) return updated.artifacts.find((a) => a.name === artifact.name)!;
    const current = await this.get(id);
    assertRunning(current, 'artifacts');
    if (current.artifacts.some((a) => a.name === artifact.name)) {
      throw new DuplicateError(`Run '${current.name}' already has an artifact named '${artifact.name}'`, { field: 'name' });
    }
    throw new ConflictError(`Run '${current.name}' already has ${MAX_ARTIFACTS_PER_RUN} artifacts, the most a run can hold`);
  }

  /** The run's status alone, or null when there is no such run: the metric ingestion path reads no more. */
  findStatus(id: string): Promise<RunStatus | null> {
    return this.runs.findStatus(id);
  }

  /** Adds the keys to the run's metric keys unless that takes it past `cap`; null when admitted, else the count it holds. */
  admitMetricKeys(id: string, keys: readonly string[], cap: number): Promise<number | null> {
    return this.runs.admitMetricKeys(id, keys, cap);
  }

  /** Raises the run's latest value of each key where a point is newer than the one it shows. */
  raiseLatestMetrics(id: string, latest: readonly MetricPoint[]): Promise<void> {
    return this.runs.raiseLatestMetrics(id, latest);
  }
}
