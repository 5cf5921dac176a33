import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import request from 'supertest';

import { createTestApp, type TestApp } from '../harness/test-app.js';

const BASE = '/api/v1/ml/lifecycle/drift-events';
const MODELS = '/api/v1/ml/lifecycle/models';

describe('lifecycle drift events', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('drift_events');
    await t.http.post(MODELS).send({ name: 'credit-spread' }).expect(201);
    await t.http.post(`${MODELS}/credit-spread/versions`).send({ artifactUri: 's3://models/credit-spread/1', metrics: { auc: 0.71 } }).expect(201);
    await t.http.post(MODELS).send({ name: 'fx-carry' }).expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  const psi = (value: number, extra: object = {}) => ({ modelName: 'credit-spread', features: ['spread_z'], statistic: 'PSI', value, ...extra });

  it('derives severity from the value against the conventional PSI threshold', async () => {
    const cases: [number, string][] = [[0.05, 'LOW'], [0.12, 'MEDIUM'], [0.25, 'HIGH'], [0.4, 'CRITICAL']];
    for (const [value, severity] of cases) {
      const res = await t.http.post(BASE).send(psi(value)).expect(201);
      expect(res.body).toMatchObject({ severity, severitySource: 'DERIVED', threshold: 0.1, status: 'OPEN', modelVersion: null });
    }
  });

  it('keeps a given severity and records version, plan, detection time and the actor', async () => {
    const res = await t.http
      .post(BASE)
      .set(t.as('drift-monitor'))
      .send(psi(0.01, { modelVersion: 1, severity: 'HIGH', detectedAt: '2026-11-20T08:00:00.000Z', responsePlan: 'retrain' }))
      .expect(201);
    expect(res.body).toMatchObject({ severity: 'HIGH', severitySource: 'GIVEN', modelVersion: 1, responsePlan: 'retrain', recordedBy: { id: 'user:drift-monitor', name: 'Drift Monitor' } });
    expect(res.body.detectedAt).toBe('2026-11-20T08:00:00.000Z');
  });

  it('grades a lower-is-worse statistic with explicit bands', async () => {
    const res = await t.http
      .post(BASE)
      .send({ modelName: 'fx-carry', features: ['usdkrw_ret'], statistic: 'CUSTOM', statisticName: 'ks_pvalue', value: 0.004, direction: 'LOWER_IS_WORSE', bands: { medium: 0.05, high: 0.01, critical: 0.001 } })
      .expect(201);
    expect(res.body).toMatchObject({ severity: 'HIGH', threshold: 0.05, statisticName: 'ks_pvalue' });
  });

  it('refuses observations it cannot grade or attribute, storing nothing', async () => {
    const before = (await t.http.get(`${BASE}?modelName=fx-carry&limit=200`).expect(200)).body.items.length;
    const noThreshold = await t.http.post(BASE).send({ modelName: 'fx-carry', features: ['f'], statistic: 'WASSERSTEIN', value: 3 }).expect(400);
    expect(noThreshold.body.errors[0].field).toBe('threshold');
    const customWithoutName = await t.http.post(BASE).send({ modelName: 'fx-carry', features: ['f'], statistic: 'CUSTOM', value: 1, threshold: 1 }).expect(400);
    expect(customWithoutName.body.errors[0].field).toBe('statisticName');
    const disordered = await t.http.post(BASE).send({ modelName: 'fx-carry', features: ['f'], statistic: 'PSI', value: 1, bands: { medium: 0.3, high: 0.2, critical: 0.1 } }).expect(422);
    expect(disordered.body.errors[0].field).toBe('bands');
    const overflowing = await t.http.post(BASE).send({ modelName: 'fx-carry', features: ['f'], statistic: 'PSI', value: 1, threshold: 1e308 }).expect(422);
    expect(overflowing.body.errors[0].field).toBe('threshold');
    await t.http.post(BASE).send({ modelName: 'fx-carry', features: [], statistic: 'PSI', value: 1 }).expect(400);
    await t.http.post(BASE).send({ modelName: 'fx-carry', features: ['f'], statistic: 'PSI', value: 'NaN' }).expect(400);
    const unknownModel = await t.http.post(BASE).send({ ...psi(0.2), modelName: 'no-such-model' }).expect(404);
    expect(unknownModel.body.detail).toContain('no-such-model');
    await t.http.post(BASE).send(psi(0.2, { modelVersion: 99 })).expect(404);
    const after = (await t.http.get(`${BASE}?modelName=fx-carry&limit=200`).expect(200)).body.items.length;
    expect(after).toBe(before);
  });

  it('filters by model, version, severity, status and time range, newest detection first', async () => {
    await t.http.post(BASE).send(psi(0.5, { modelVersion: 1, detectedAt: '2026-10-01T00:00:00Z' })).expect(201);
    await t.http.post(BASE).send(psi(0.6, { modelVersion: 1, detectedAt: '2026-10-03T00:00:00Z' })).expect(201);
    await t.http.post(BASE).send(psi(0.7, { modelVersion: 1, detectedAt: '2026-10-05T00:00:00Z' })).expect(201);
    const ranged = await t.http.get(`${BASE}?modelName=credit-spread&modelVersion=1&severity=CRITICAL&from=2026-10-02T00:00:00Z&to=2026-10-31T00:00:00Z`).expect(200);
    expect(ranged.body.items.map((e: { value: number }) => e.value)).toEqual([0.7, 0.6]);
    const badRange = await t.http.get(`${BASE}?from=2026-10-05T00:00:00Z&to=2026-10-01T00:00:00Z`).expect(422);
    expect(badRange.body.errors[0].field).toBe('from');
    await t.http.get(`${BASE}?severity=SEVERE`).expect(400);
  });

  it('acknowledges then resolves with notes, and refuses to reopen or skip back', async () => {
    const event = await t.http.post(BASE).send(psi(0.3)).expect(201);
    const url = `${BASE}/${event.body.id}`;
    await request(t.url).patch(url).send({ status: 'ACKNOWLEDGED', note: 'looking' }).expect(401);
    const acked = await t.http.patch(url).set(t.as('analyst-1')).send({ status: 'ACKNOWLEDGED', note: 'looking' }).expect(200);
    expect(acked.body.status).toBe('ACKNOWLEDGED');
    await t.http.patch(url).set(t.as('analyst-1')).send({ status: 'ACKNOWLEDGED', note: 'again' }).expect(409);
    const resolved = await t.http.patch(url).set(t.as('analyst-2')).send({ status: 'RESOLVED', note: 'retrained' }).expect(200);
    expect(resolved.body.notes.map((n: { status: string; by: { id: string } }) => [n.status, n.by.id])).toEqual([['ACKNOWLEDGED', 'user:analyst-1'], ['RESOLVED', 'user:analyst-2']]);
    const audited = (await t.http.get(`/api/v1/audit?resourceType=drift-event&resourceId=${event.body.id}`).expect(200)).body.items;
    expect(audited.map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id])).toEqual([
      ['drift.event.resolved', 'user:analyst-2'],
      ['drift.event.acknowledged', 'user:analyst-1'],
    ]);
    const reopen = await t.http.patch(url).set(t.as('analyst-1')).send({ status: 'OPEN', note: 'x' }).expect(400);
    expect(reopen.body.errors[0].field).toBe('status');
    const twice = await t.http.patch(url).set(t.as('analyst-1')).send({ status: 'RESOLVED', note: 'x' }).expect(409);
    expect(twice.body).toMatchObject({ from: 'RESOLVED', to: 'RESOLVED' });
  });

  it('lets exactly one of several concurrent resolutions win', async () => {
    const event = await t.http.post(BASE).send(psi(0.3)).expect(201);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.http.patch(`${BASE}/${event.body.id}`).set(t.as(['alice', 'bob', 'dave', 'erin', 'analyst-1', 'analyst-2'][i])).send({ status: 'RESOLVED', note: `n${i}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const final = await t.http.get(`${BASE}/${event.body.id}`).expect(200);
    expect(final.body.notes).toHaveLength(1);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    await t.http.get(`${BASE}/xyz`).expect(400);
    await t.http.get(`${BASE}/0123456789abcdef01234567`).expect(404);
  });
});
