import { Injectable } from '@nestjs/common';

import { IllegalTransitionError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { Experiment, ExperimentChanges, ExperimentFilter, NewExperiment } from './experiment.js';
import { ExperimentsRepository } from './experiments.repository.js';

@Injectable()
export class ExperimentsService {
  constructor(private readonly experiments: ExperimentsRepository) {}

  create(experiment: NewExperiment): Promise<Experiment> {
    return this.experiments.create(experiment);
  }

  async get(id: string): Promise<Experiment> {
    const experiment = await this.experiments.findById(id);
    if (!experiment) throw new NotFoundError('Experiment', id);
    return experiment;
  }

  findByName(name: string): Promise<Experiment | null> {
    return this.experiments.findByName(name);
  }

  /** An experiment that accepts new runs: it exists and is not archived. */
  async getActive(id: string): Promise<Experiment> {
    const experiment = await this.get(id);
    if (experiment.archived) {
      throw new IllegalTransitionError(`Experiment '${experiment.name}' is archived and`, 'ARCHIVED', 'a new run', { hint: 'restore it first' });
    }
    return experiment;
  }

  list(filter: ExperimentFilter, page: PageRequest): Promise<Page<Experiment>> {
    return this.experiments.list(filter, page);
  }

  async update(id: string, changes: ExperimentChanges): Promise<Experiment> {
    const updated = await this.experiments.update(id, changes);
    if (!updated) throw new NotFoundError('Experiment', id);
    return updated;
  }

  archive(id: string): Promise<Experiment> {
    return this.setArchived(id, true);
  }

  restore(id: string): Promise<Experiment> {
    return this.setArchived(id, false);
  }

  private async setArchived(id: string, archived: boolean): Promise<Experiment> {
    const changed = await this.experiments.setArchived(id, archived);
    if (changed) return changed;
    const current = await this.get(id);
    const [from, to] = archived ? ['ARCHIVED', 'ARCHIVED'] : ['ACTIVE', 'ACTIVE'];
    throw new IllegalTransitionError(`Experiment '${current.name}'`, from, to, { hint: archived ? 'it is already archived' : 'it is not archived' });
  }
}
