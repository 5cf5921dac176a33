import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { DriftEventsRepository } from '../../src/lifecycle/drift/drift-events.repository.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { getJob, JOBS, LIFECYCLE, registerModel, TESTER, type RetrainingJobBody } from './retraining-fixtures.js';

interface StoredEvent {
  id: string;
  retraining: { jobId: string | null; state: string } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** No worker runs in this suite: the API process takes the outbox sweep, as it does without workers. */
describe('drift to retraining through the recorded notice: a crash between storing an event and handling it loses no trigger', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('retraining-notices', {
      QUEUE_PREFIX: 'e2e-retraining-notices',
      RETRAINING_OUTBOX_SWEEP_MS: '300',
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const getEvent = async (id: string): Promise<StoredEvent> => (await t.http.get(`${LIFECYCLE}/drift-events/${id}`).expect(200)).body;
  const jobsOf = async (model: string): Promise<RetrainingJobBody[]> => (await t.http.get(`${JOBS}?modelName=${model}`).expect(200)).body.items;

  it('opens the retraining job of an event whose request stopped after storing it, from the sweep, once', async () => {
    await registerModel(t.http, 'orphaned-drift');
    // All a request had done when its process died: the event and its pending notice, stored in one insert.
    const stored = await t.app.get(DriftEventsRepository).create({
      modelName: 'orphaned-drift',
      modelVersion: null,
      features: ['spread_z'],
      statistic: 'PSI',
      statisticName: null,
      value: 0.25,
      threshold: 0.1,
      direction: 'HIGHER_IS_WORSE',
      bands: { medium: 0.1, high: 0.2, critical: 0.3 },
      severity: 'HIGH',
      severitySource: 'DERIVED',
      detectedAt: new Date(),
      responsePlan: '',
      recordedBy: TESTER,
    });
    expect((await getEvent(stored.id)).retraining).toBeNull();
    expect(await jobsOf('orphaned-drift')).toEqual([]);

    const deadline = Date.now() + 30_000;
    let event = await getEvent(stored.id);
    while (!event.retraining?.jobId && Date.now() < deadline) {
      await sleep(200);
      event = await getEvent(stored.id);
    }
    expect(event.retraining).toMatchObject({ jobId: expect.any(String), state: 'QUEUED' });
    const job = await getJob(t.http, event.retraining!.jobId!);
    expect(job).toMatchObject({ modelName: 'orphaned-drift', state: 'QUEUED', driftEventIds: [stored.id], trigger: { kind: 'DRIFT', requestedBy: TESTER } });

    // Later sweeps find the notice cleared: the event opens nothing more.
    await sleep(2000);
    expect((await jobsOf('orphaned-drift')).map((j) => j.id)).toEqual([job.id]);
  });

  it('clears the notice of an event handled in its request, so no sweep handles it again', async () => {
    await registerModel(t.http, 'handled-drift');
    const recorded = (await t.http.post(`${LIFECYCLE}/drift-events`).send({ modelName: 'handled-drift', features: ['f'], statistic: 'PSI', value: 0.25 }).expect(201)).body;
    expect(recorded.retraining).toMatchObject({ jobId: expect.any(String), state: 'QUEUED' });
    expect(await t.app.get(DriftEventsRepository).pendingNotices(new Date(Date.now() + 60_000), 10)).toEqual([]);
  });
});
