import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { LifecycleClient, MlopsApiError, MlopsClientModule } from '../../libs/client/src/index.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';

/** Stands for another team's service: it imports the client module explicitly and injects the typed client. */
@Module({})
class ConsumerModule {}

describe('typed client from libs/client', () => {
  let t: TestApp;
  let client: LifecycleClient;

  beforeAll(async () => {
    t = await createTestApp('client');
    // The other team's service holds an API key of its own, minted by an admin.
    const minted = await t.http.post('/api/v1/identity/api-keys').set(t.as('admin')).send({ name: 'pricing', service: 'pricing-service', roles: ['editor'] }).expect(201);
    const consumer = await Test.createTestingModule({
      imports: [ConsumerModule, MlopsClientModule.forRootAsync({ useFactory: async () => ({ baseUrl: await t.app.getUrl(), credential: minted.body.secret as string }) })],
    }).compile();
    client = consumer.get(LifecycleClient);
  });

  afterAll(async () => {
    await t.close();
  });

  it('drives experiment, run, metrics, registry and drift calls with typed answers', async () => {
    const experiment = await client.createExperiment({ name: 'client-exp', tags: ['client'] });
    const run = await client.createRun({ experimentId: experiment.id, params: { lr: '0.01' }, artifactUri: 's3://models/client-exp/1' });
    await client.logMetrics(run.id, [
      { key: 'auc', value: 0.7, step: 1 },
      { key: 'auc', value: 0.74, step: 2 },
      { key: 'loss', value: 'NaN', step: 2 },
    ]);
    const finished = await client.endRun(run.id, 'FINISHED');
    expect(finished.status).toBe('FINISHED');
    expect(finished.latestMetrics).toEqual({ auc: 0.74, loss: 'NaN' });

    const found = await client.searchRuns({ experimentIds: experiment.id, filter: 'metrics.auc > 0.72' });
    expect(found.items.map((r) => r.id)).toEqual([run.id]);

    await client.registerModel({ name: 'client-model', defaultChecklist: [{ key: 'risk-review', description: 'Risk committee sign-off', required: true }] });
    const version = await client.createModelVersion('client-model', { runId: run.id });
    expect(version).toMatchObject({ version: 1, runId: run.id, params: { lr: '0.01' } });
    const staged = await client.changeStage('client-model', 1, 'STAGING', 'candidate');
    expect(staged.stage).toBe('STAGING');

    const drift = await client.recordDriftEvent({ modelName: 'client-model', modelVersion: 1, features: ['spread'], statistic: 'PSI', value: 0.22 });
    expect(drift).toMatchObject({ severity: 'HIGH', recordedBy: { id: 'service:pricing-service', name: 'pricing-service' } });
  });

  it('raises MlopsApiError carrying the problem document: a service may not promote, nor repeat a transition', async () => {
    const error = await client.changeStage('client-model', 1, 'PRODUCTION').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlopsApiError);
    const apiError = error as MlopsApiError;
    expect(apiError.status).toBe(403);
    expect(apiError.isForbidden).toBe(true);
    expect(apiError.problem).toMatchObject({ requiredRoles: ['approver'] });
    const repeated = (await client.changeStage('client-model', 1, 'STAGING').catch((e: unknown) => e)) as MlopsApiError;
    expect(repeated.isConflict).toBe(true);
    expect(repeated.problem).toMatchObject({ from: 'STAGING', to: 'STAGING' });
    const missing = await client.getExperiment('0123456789abcdef01234567').catch((e: unknown) => e);
    expect((missing as MlopsApiError).isNotFound).toBe(true);
  });
});
