import { Injectable } from '@nestjs/common';

import { InconsistentInputError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { ChecklistTemplateItem, NewRegisteredModel, RegisteredModel, RegisteredModelChanges, RegisteredModelFilter } from './registered-model.js';
import { RegisteredModelsRepository } from './registered-models.repository.js';

@Injectable()
export class RegisteredModelsService {
  constructor(private readonly models: RegisteredModelsRepository) {}

  create(model: NewRegisteredModel): Promise<RegisteredModel> {
    assertDistinctKeys(model.defaultChecklist);
    return this.models.create(model);
  }

  async get(name: string): Promise<RegisteredModel> {
    const model = await this.models.findByName(name);
    if (!model) throw new NotFoundError('Model', name);
    return model;
  }

  list(filter: RegisteredModelFilter, page: PageRequest): Promise<Page<RegisteredModel>> {
    return this.models.list(filter, page);
  }

  /** A new default checklist applies to versions created afterwards; existing versions keep their own. */
  async update(name: string, changes: RegisteredModelChanges): Promise<RegisteredModel> {
    if (changes.defaultChecklist) assertDistinctKeys(changes.defaultChecklist);
    const updated = await this.models.update(name, changes);
    if (!updated) throw new NotFoundError('Model', name);
    return updated;
  }
}

function assertDistinctKeys(checklist: readonly ChecklistTemplateItem[]): void {
  const seen = new Set<string>();
  checklist.forEach((item, index) => {
    if (seen.has(item.key)) {
      const message = `defaultChecklist keys must be distinct; '${item.key}' appears twice`;
      throw new InconsistentInputError(`The request is inconsistent: ${message}`, [{ field: `defaultChecklist.${index}.key`, message }]);
    }
    seen.add(item.key);
  });
}
