import { describe, expect, it } from '@jest/globals';

import { retrainingCompletionPaths } from '../../contracts/src/index.js';
import { JobNoLongerOpenError, PlatformCompletionClient, PlatformRequestError } from './platform-completion.client.js';
import { resolveWorkerOptions } from './retraining-worker.options.js';

type Reply = Response | Error;

/** A fetch that answers the queued replies in order and records each request. */
function scriptedFetch(...replies: Reply[]) {
  const requests: { url: string; authorization: string | null; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization'), body: JSON.parse(String(init?.body)) });
    const reply = replies.shift();
    if (!reply) throw new Error('no reply scripted');
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch, requests };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, detail: string) => json(status, { status, detail });

function clientWith(fetch: typeof globalThis.fetch): PlatformCompletionClient {
  return new PlatformCompletionClient(resolveWorkerOptions({ platformUrl: 'http://platform.test/', apiKey: 'mlp_team-key', handler: async () => ({ metrics: {}, params: {}, artifactUri: '', tags: {} }), fetch }, 'test'));
}

const JOB_ID = '0123456789abcdef01234567';
const claimed = { jobId: JOB_ID, completion: retrainingCompletionPaths(JOB_ID), credentials: { token: `mlpj_${JOB_ID}_secret`, expiresAt: '2099-01-01T00:00:00.000Z' } };
const RESULT = { metrics: { auc: 0.8 }, params: {}, artifactUri: 's3://m/1', tags: {} };

describe(PlatformCompletionClient.name, () => {
  it('claims with the trainer key, answering the payload, or null when no job waits (204)', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { jobId: JOB_ID }), new Response(null, { status: 204 }));
    const sut = clientWith(fetch);
    expect(await sut.claimNext('risk-1', ['risk-models'])).toEqual({ jobId: JOB_ID });
    expect(await sut.claimNext('risk-1')).toBeNull();
    expect(requests).toEqual([
      { url: 'http://platform.test/api/v1/ml/lifecycle/retraining-jobs/claim-next', authorization: 'Bearer mlp_team-key', body: { worker: 'risk-1', queues: ['risk-models'] } },
      { url: 'http://platform.test/api/v1/ml/lifecycle/retraining-jobs/claim-next', authorization: 'Bearer mlp_team-key', body: { worker: 'risk-1' } },
    ]);
  });

  it('reports about a claimed job with its own token, and with the trainer key when the payload has none', async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}), json(200, {}), json(200, {}), json(200, {}));
    const sut = clientWith(fetch);
    await sut.progress(claimed, 0.5, 'half');
    await sut.complete(claimed, RESULT);
    await sut.fail({ jobId: JOB_ID, credentials: null }, 'no data', false);
    await sut.release(claimed);
    expect(requests.map((r) => [r.url.replace('http://platform.test/api/v1/ml/lifecycle/retraining-jobs/', ''), r.authorization, r.body])).toEqual([
      [`${JOB_ID}/progress`, `Bearer mlpj_${JOB_ID}_secret`, { progress: 0.5, message: 'half' }],
      [`${JOB_ID}/complete`, `Bearer mlpj_${JOB_ID}_secret`, RESULT],
      [`${JOB_ID}/fail`, 'Bearer mlp_team-key', { reason: 'no data', retryable: false }],
      [`${JOB_ID}/release`, `Bearer mlpj_${JOB_ID}_secret`, {}],
    ]);
  });

  it('retries a report after network errors and 5xx answers until the platform takes it', async () => {
    const { fetch, requests } = scriptedFetch(new TypeError('fetch failed'), problem(503, 'database unavailable'), json(200, {}));
    await clientWith(fetch).complete(claimed, RESULT);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => JSON.stringify(r.body)))).toEqual(new Set([JSON.stringify(RESULT)]));
  });

  it('waits as long as a 429 answer asks before retrying', async () => {
    const { fetch, requests } = scriptedFetch(new Response(null, { status: 429, headers: { 'retry-after': '1' } }), json(200, {}));
    const started = Date.now();
    await clientWith(fetch).fail(claimed, 'flaky', true);
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('turns a 409 into JobNoLongerOpenError and other refusals into PlatformRequestError, without retrying', async () => {
    const { fetch, requests } = scriptedFetch(problem(409, 'Retraining job is CANCELLED'), problem(403, 'Refused: not your job'), problem(401, 'expired'));
    const sut = clientWith(fetch);
    await expect(sut.complete(claimed, RESULT)).rejects.toThrow(new JobNoLongerOpenError('Retraining job is CANCELLED'));
    const refused = await sut.fail(claimed, 'x', true).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PlatformRequestError);
    expect(refused).toMatchObject({ status: 403, detail: 'Refused: not your job' });
    await expect(sut.claimNext('risk-1')).rejects.toMatchObject({ status: 401 });
    expect(requests).toHaveLength(3);
  });

  it('does not retry a claim whose answer was lost, since it may have claimed a job', async () => {
    const { fetch, requests } = scriptedFetch(new TypeError('fetch failed'), json(200, {}));
    await expect(clientWith(fetch).claimNext('risk-1')).rejects.toThrow('claim-next failed: fetch failed');
    expect(requests).toHaveLength(1);
  });
});
