import { beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';

import type { PendingAudit } from '../../audit/audit-entry.js';
import { AuditService } from '../../audit/audit.service.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { Scenario, ScenarioDefinition } from './scenario.js';
import { definitionFromInput } from './scenario-input.js';
import { ScenarioRevisionsRepository } from './scenario-revisions.repository.js';
import { ScenariosRepository } from './scenarios.repository.js';
import { ScenariosService } from './scenarios.service.js';

const ID = '665f1c2b9d1e8a0012345678';
const ALICE: ActorRef = { id: 'user:alice', name: 'Alice Kim' };
const BOB: ActorRef = { id: 'user:bob', name: 'Bob Novak' };
const BASELINE = { metrics: { sharpe: 1.1 } };

/** One scenario in memory, with the compare-and-set and the drafts written with each change. */
class InMemoryScenarios {
  stored: Scenario | null = null;
  drafts: PendingAudit[] = [];
  /** Changes another writer lands just before the next replace, to lose its compare-and-set. */
  interleave: ScenarioDefinition[] = [];

  async create(definition: ScenarioDefinition, actor: ActorRef, audit: (id: string) => PendingAudit) {
    const draft = audit(ID);
    const now = new Date();
    this.stored = { ...definition, id: ID, revision: 1, createdBy: actor, updatedBy: actor, createdAt: now, updatedAt: now };
    this.drafts.push(draft);
    return { scenario: this.stored, draft };
  }

  async findById(): Promise<Scenario | null> {
    return this.stored;
  }

  async replace(id: string, expectedRevision: number, definition: ScenarioDefinition, actor: ActorRef, draft: PendingAudit): Promise<Scenario | null> {
    const other = this.interleave.shift();
    if (other && this.stored) this.stored = { ...this.stored, ...other, revision: this.stored.revision + 1, updatedBy: BOB };
    if (!this.stored || this.stored.revision !== expectedRevision) return null;
    this.stored = { ...this.stored, ...definition, revision: expectedRevision + 1, updatedBy: actor };
    this.drafts.push(draft);
    return this.stored;
  }
}

describe(ScenariosService.name, () => {
  let sut: ScenariosService;
  let scenarios: InMemoryScenarios;
  let published: { draft: PendingAudit; documentId: string }[];
  let kept: number[];

  beforeEach(async () => {
    scenarios = new InMemoryScenarios();
    published = [];
    kept = [];
    const moduleRef = await Test.createTestingModule({
      providers: [
        ScenariosService,
        { provide: ScenariosRepository, useValue: scenarios },
        { provide: ScenarioRevisionsRepository, useValue: { ensure: async (s: Scenario) => void kept.push(s.revision) } },
        { provide: AuditService, useValue: { publish: async (draft: PendingAudit, _outbox: unknown, documentId: string) => void published.push({ draft, documentId }) } },
        { provide: ConfigService, useValue: new ConfigService({ evaluation: { maxSeriesPoints: 1000 } }) },
      ],
    }).compile();
    sut = moduleRef.get(ScenariosService);
  });

  it('writes the creation entry with the scenario and appends it once revision 1 is kept', async () => {
    const created = await sut.create({ name: 'momentum', modelName: 'kr', baseline: BASELINE }, ALICE);
    expect(created).toMatchObject({ id: ID, revision: 1, createdBy: ALICE });
    expect(kept).toEqual([1]);
    expect(published).toEqual([{ draft: scenarios.drafts[0], documentId: ID }]);
    expect(published[0].draft).toMatchObject({ actor: ALICE, action: 'evaluation.scenario.created', resource: { type: 'evaluation-scenario', id: ID }, after: { revision: 1, name: 'momentum' } });
  });

  it('writes the revision entry in the compare-and-set of the change and names the fields it changed', async () => {
    await sut.create({ name: 'momentum', baseline: BASELINE }, ALICE);
    const updated = await sut.update(ID, { description: 'tighter', thresholds: [{ metric: 'sharpe', comparator: '>=', value: 1 }] }, BOB);
    expect(updated).toMatchObject({ revision: 2, updatedBy: BOB, description: 'tighter' });
    const entry = published[1].draft;
    expect(entry).toBe(scenarios.drafts[1]);
    expect(entry).toMatchObject({ actor: BOB, action: 'evaluation.scenario.revised', context: { revision: 2 }, before: { revision: 1 }, after: { revision: 2, changedFields: ['description', 'thresholds'] } });
  });

  it('describes the revision it really replaced when a concurrent change wins the first attempt', async () => {
    await sut.create({ name: 'momentum', baseline: BASELINE }, ALICE);
    scenarios.interleave.push(definitionFromInput({ name: 'momentum', description: 'concurrent', baseline: BASELINE }, 1000));
    const updated = await sut.update(ID, { modelName: 'kr' }, ALICE);
    expect(updated).toMatchObject({ revision: 3, description: 'concurrent', modelName: 'kr' });
    expect(published.map((p) => p.draft.context)).toEqual([{ revision: 1 }, { revision: 3 }]);
    expect(published[1].draft).toMatchObject({ before: { revision: 2 }, after: { revision: 3, changedFields: ['modelName'] } });
    expect(scenarios.drafts).toHaveLength(2);
  });

  it('makes no revision and no entry for a change that changes nothing', async () => {
    await sut.create({ name: 'momentum', description: 'same', baseline: BASELINE }, ALICE);
    const unchanged = await sut.update(ID, { description: 'same', baseline: BASELINE }, BOB);
    expect(unchanged).toMatchObject({ revision: 1, updatedBy: ALICE });
    expect(published).toHaveLength(1);
  });
});
