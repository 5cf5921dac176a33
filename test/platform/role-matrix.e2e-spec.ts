import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { createTestApp, type AuthHeader, type TestApp } from '../harness/test-app.js';

type Role = 'viewer' | 'editor' | 'approver' | 'admin' | 'trainer';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const PUBLIC: Role[] = [];
const READ: Role[] = ['viewer'];
const EDIT: Role[] = ['editor'];
const APPROVE: Role[] = ['approver'];
const EDIT_OR_APPROVE: Role[] = ['editor', 'approver'];
const ADMIN: Role[] = ['admin'];
const TRAINER: Role[] = ['trainer', 'admin'];

/**
 * Who may call each operation: the specification the README's role matrix states. `viewer` admits every
 * reading role (viewer, editor, approver, admin); `trainer` is a service role that reaches only its job
 * endpoints. Written by hand on purpose: a route whose declaration drifts from it fails this suite.
 */
const MATRIX: Record<string, Role[]> = {
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,

  'GET /api/v1/identity/me': ['viewer', 'trainer'],
  'POST /api/v1/identity/api-keys': ADMIN,
  'GET /api/v1/identity/api-keys': ADMIN,
  'GET /api/v1/identity/api-keys/{id}': ADMIN,
  'POST /api/v1/identity/api-keys/{id}/revoke': ADMIN,

  'GET /api/v1/audit': READ,
  'GET /api/v1/audit/verify': READ,
  'GET /api/v1/audit/export': ADMIN,
  'GET /api/v1/audit/checkpoints': READ,
  'POST /api/v1/audit/checkpoints': ADMIN,
  'GET /api/v1/audit/checkpoints/public-key': READ,

  'POST /api/v1/ml/lifecycle/experiments': EDIT,
  'GET /api/v1/ml/lifecycle/experiments': READ,
  'GET /api/v1/ml/lifecycle/experiments/{id}': READ,
  'PATCH /api/v1/ml/lifecycle/experiments/{id}': EDIT,
  'POST /api/v1/ml/lifecycle/experiments/{id}/archive': EDIT,
  'POST /api/v1/ml/lifecycle/experiments/{id}/restore': EDIT,

  'POST /api/v1/ml/lifecycle/runs': EDIT,
  'GET /api/v1/ml/lifecycle/runs': READ,
  'GET /api/v1/ml/lifecycle/runs/{id}': READ,
  'PATCH /api/v1/ml/lifecycle/runs/{id}': EDIT,
  'POST /api/v1/ml/lifecycle/runs/{id}/params': EDIT,
  'PUT /api/v1/ml/lifecycle/runs/{id}/tags/{key}': EDIT,
  'DELETE /api/v1/ml/lifecycle/runs/{id}/tags/{key}': EDIT,
  'POST /api/v1/ml/lifecycle/runs/{id}/artifacts': EDIT,
  'POST /api/v1/ml/lifecycle/runs/{id}/metrics': EDIT,
  'GET /api/v1/ml/lifecycle/runs/{id}/metrics/{key}': READ,

  'POST /api/v1/ml/lifecycle/drift-events': EDIT,
  'GET /api/v1/ml/lifecycle/drift-events': READ,
  'GET /api/v1/ml/lifecycle/drift-events/{id}': READ,
  'PATCH /api/v1/ml/lifecycle/drift-events/{id}': EDIT,

  'POST /api/v1/ml/lifecycle/models': EDIT,
  'GET /api/v1/ml/lifecycle/models': READ,
  'GET /api/v1/ml/lifecycle/models/{model}': READ,
  'PATCH /api/v1/ml/lifecycle/models/{model}': EDIT,
  'GET /api/v1/ml/lifecycle/models/{model}/compare': READ,
  'GET /api/v1/ml/lifecycle/models/{model}/transitions': READ,
  'GET /api/v1/ml/lifecycle/models/{model}/production': READ,
  'POST /api/v1/ml/lifecycle/models/{model}/rollback': APPROVE,
  'POST /api/v1/ml/lifecycle/models/{model}/versions': EDIT,
  'GET /api/v1/ml/lifecycle/models/{model}/versions': READ,
  'GET /api/v1/ml/lifecycle/models/{model}/versions/{version}': READ,
  'POST /api/v1/ml/lifecycle/models/{model}/versions/{version}/stage': EDIT_OR_APPROVE,
  'PATCH /api/v1/ml/lifecycle/models/{model}/versions/{version}/checklist/{key}': APPROVE,
  'GET /api/v1/ml/lifecycle/models/{model}/versions/{version}/transitions': READ,

  'GET /api/v1/ml/lifecycle/models/{model}/retraining-policy': READ,
  'PUT /api/v1/ml/lifecycle/models/{model}/retraining-policy': ADMIN,
  'POST /api/v1/ml/lifecycle/models/{model}/retrain': EDIT,
  'GET /api/v1/ml/lifecycle/retraining-jobs': READ,
  'GET /api/v1/ml/lifecycle/retraining-jobs/{id}': READ,
  'POST /api/v1/ml/lifecycle/retraining-jobs/{id}/retry': EDIT,
  'POST /api/v1/ml/lifecycle/retraining-jobs/{id}/cancel': EDIT,
  'POST /api/v1/ml/lifecycle/retraining-jobs/claim-next': TRAINER,
  'POST /api/v1/ml/lifecycle/retraining-jobs/{id}/claim': TRAINER,
  'POST /api/v1/ml/lifecycle/retraining-jobs/{id}/progress': TRAINER,
  'POST /api/v1/ml/lifecycle/retraining-jobs/{id}/complete': TRAINER,
  'POST /api/v1/ml/lifecycle/retraining-jobs/{id}/fail': TRAINER,
  'POST /api/v1/ml/lifecycle/retraining-jobs/{id}/release': TRAINER,

  'POST /api/v1/ml/evaluation/scenarios': EDIT,
  'GET /api/v1/ml/evaluation/scenarios': READ,
  'GET /api/v1/ml/evaluation/scenarios/{id}': READ,
  'PATCH /api/v1/ml/evaluation/scenarios/{id}': EDIT,
  'GET /api/v1/ml/evaluation/scenarios/{id}/revisions': READ,
  'GET /api/v1/ml/evaluation/scenarios/{id}/revisions/{revision}': READ,
  'POST /api/v1/ml/evaluation/runs': EDIT,
  'GET /api/v1/ml/evaluation/runs': READ,
  'GET /api/v1/ml/evaluation/runs/{id}': READ,
  'GET /api/v1/ml/evaluation/runs/{id}/report': READ,
  'POST /api/v1/ml/evaluation/runs/{id}/explainability': EDIT,
  'GET /api/v1/ml/evaluation/runs/{id}/explainability': READ,
  'GET /api/v1/ml/evaluation/runs/{id}/explainability/{artifactId}': READ,

  'POST /api/v1/prompt-governance/evaluate': EDIT,
  'GET /api/v1/prompt-governance/audit/verify': READ,
  'POST /api/v1/prompt-governance/templates': EDIT,
  'GET /api/v1/prompt-governance/templates': READ,
  'GET /api/v1/prompt-governance/templates/{id}': READ,
  'PATCH /api/v1/prompt-governance/templates/{id}': EDIT,
  'GET /api/v1/prompt-governance/templates/{id}/audit': READ,
  'GET /api/v1/prompt-governance/templates/{id}/diff': READ,
  'GET /api/v1/prompt-governance/templates/{id}/versions': READ,
  'POST /api/v1/prompt-governance/templates/{id}/versions': EDIT,
  'GET /api/v1/prompt-governance/templates/{id}/{version}': READ,
  'PATCH /api/v1/prompt-governance/templates/{id}/{version}': EDIT,
  'DELETE /api/v1/prompt-governance/templates/{id}/{version}': EDIT,
  'POST /api/v1/prompt-governance/templates/{id}/{version}/render': READ,
  'POST /api/v1/prompt-governance/templates/{id}/{version}/submit': EDIT,
  'POST /api/v1/prompt-governance/templates/{id}/{version}/approve': APPROVE,
  'POST /api/v1/prompt-governance/templates/{id}/{version}/reject': APPROVE,
  'POST /api/v1/prompt-governance/templates/{id}/{version}/deprecate': EDIT,
  'GET /api/v1/prompt-governance/templates/{id}/labels/{label}': READ,
  'PUT /api/v1/prompt-governance/templates/{id}/labels/{label}': EDIT_OR_APPROVE,
  'DELETE /api/v1/prompt-governance/templates/{id}/labels/{label}': EDIT_OR_APPROVE,
  'GET /api/v1/prompt-governance/templates/{id}/usage/stats': READ,
  'POST /api/v1/prompt-governance/templates/{id}/{version}/usage': EDIT,
  'POST /api/v1/prompt-governance/templates/{id}/{version}/usage/batch': EDIT,
  'GET /api/v1/prompt-governance/templates/{id}/{version}/usage': READ,
};

const READER_ROLES: Role[] = ['viewer', 'editor', 'approver', 'admin'];
const HEALTH_PROBES = new Set(['GET /health/live', 'GET /health/ready']);
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Syntactically valid path values that name nothing, so writes end in 400/404 and leave no state behind. */
const PLACEHOLDERS: Record<string, string> = {
  id: '0123456789abcdef01234567',
  artifactId: '0123456789abcdef01234568',
  version: '1',
  revision: '1',
  model: 'matrix-model',
  key: 'k',
  label: 'production',
};

const BATCH_SIZE = 20;

interface Caller {
  name: string;
  roles: Role[];
  headers: () => Partial<AuthHeader>;
}

interface Operation {
  key: string;
  method: Method;
  path: string;
  spec: Record<string, unknown>;
}

interface Answer {
  status: number;
  contentType: string;
  wwwAuthenticate: string | null;
  body: Record<string, unknown> | null;
}

const sorted = (roles: readonly string[]): string[] => [...roles].sort();
const sameRoles = (a: unknown, b: readonly string[]): boolean => Array.isArray(a) && JSON.stringify(sorted(a as string[])) === JSON.stringify(sorted(b));

/** Public operations admit everyone; `viewer` admits every reading role; otherwise a role must be named. */
function admits(required: readonly Role[], roles: readonly Role[]): boolean {
  if (required.length === 0) return true;
  return roles.some((role) => required.includes(role) || (required.includes('viewer') && READER_ROLES.includes(role)));
}

function concretePath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = PLACEHOLDERS[name];
    if (value === undefined) throw new Error(`no placeholder for the path parameter '${name}' of ${path}; add one to PLACEHOLDERS`);
    return value;
  });
}

async function inBatches<T, R>(items: T[], send: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) results.push(...(await Promise.all(items.slice(i, i + BATCH_SIZE).map(send))));
  return results;
}

describe('role matrix over every operation of the OpenAPI document', () => {
  let t: TestApp;
  let operations: Operation[];
  let callers: Caller[];

  const call = async (operation: Operation, headers: Partial<AuthHeader>): Promise<Answer> => {
    const hasBody = operation.method !== 'GET' && operation.method !== 'DELETE';
    const res = await fetch(`${t.url}${concretePath(operation.path)}`, {
      method: operation.method,
      headers: { ...headers, ...(hasBody && { 'Content-Type': 'application/json' }) },
      body: hasBody ? '{}' : undefined,
    });
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    if (/^application\/(problem\+)?json/.test(contentType) && text) body = JSON.parse(text) as Record<string, unknown>;
    return { status: res.status, contentType, wwwAuthenticate: res.headers.get('www-authenticate'), body };
  };

  beforeAll(async () => {
    t = await createTestApp('role_matrix');
    const document = await (await fetch(`${t.url}/api/docs-json`)).json() as { paths: Record<string, Record<string, Record<string, unknown>>> };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method.toLowerCase()]).map((method) => ({ key: `${method} ${path}`, method, path, spec: item[method.toLowerCase()] })),
    );
    const minted = await fetch(`${t.url}/api/v1/identity/api-keys`, {
      method: 'POST',
      headers: { ...t.as('admin'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'matrix-trainer', service: 'team-x', roles: ['trainer'], trainerQueues: ['q'] }),
    });
    expect(minted.status).toBe(201);
    const { secret } = (await minted.json()) as { secret: string };
    callers = [
      { name: 'viewer', roles: ['viewer'], headers: () => t.as('viewer') },
      { name: 'tester', roles: ['editor'], headers: () => t.as('tester') },
      { name: 'approver', roles: ['approver'], headers: () => t.as('approver') },
      { name: 'admin', roles: ['admin'], headers: () => t.as('admin') },
      { name: 'trainer key', roles: ['trainer'], headers: () => ({ Authorization: `Bearer ${secret}` }) },
    ];
  });

  afterAll(async () => {
    await t?.close();
  });

  it('names every operation of the document in the matrix, and no operation the document lacks', () => {
    const documented = operations.map((operation) => operation.key);
    expect({ notInMatrix: documented.filter((key) => !(key in MATRIX)).sort(), notInDocument: Object.keys(MATRIX).filter((key) => !documented.includes(key)).sort() }).toEqual({
      notInMatrix: [],
      notInDocument: [],
    });
  });

  it('declares on each operation the roles the matrix gives it (x-required-roles)', () => {
    const disagreements = operations
      .filter((operation) => operation.key in MATRIX && !sameRoles(operation.spec['x-required-roles'], MATRIX[operation.key]))
      .map((operation) => `${operation.key}: declares ${JSON.stringify(operation.spec['x-required-roles'] ?? null)}, the matrix says ${JSON.stringify(MATRIX[operation.key])}`);
    expect(disagreements).toEqual([]);
  });

  it('documents on every operation but the health probes a bearer requirement, its roles and its 401, 403 and 429 answers', () => {
    const gaps = operations
      .filter((operation) => !HEALTH_PROBES.has(operation.key))
      .flatMap((operation) => {
        const problems: string[] = [];
        const roles = operation.spec['x-required-roles'];
        if (!Array.isArray(roles) || roles.length === 0) problems.push('no x-required-roles');
        const security = operation.spec.security as Array<Record<string, unknown>> | undefined;
        if (!security?.some((requirement) => 'bearer' in requirement)) problems.push('no bearer security requirement');
        const responses = Object.keys((operation.spec.responses ?? {}) as Record<string, unknown>);
        for (const status of ['401', '403', '429']) if (!responses.includes(status)) problems.push(`no ${status} response`);
        return problems.map((problem) => `${operation.key}: ${problem}`);
      });
    expect(gaps).toEqual([]);
  });

  it('documents the health probes as public: no roles and no security requirement', () => {
    for (const key of HEALTH_PROBES) {
      const operation = operations.find((candidate) => candidate.key === key);
      expect(operation?.spec['x-required-roles']).toEqual([]);
      expect(operation?.spec.security ?? []).toEqual([]);
    }
  });

  it('refuses a request without credentials with 401 and a Bearer challenge, except the health probes', async () => {
    const answers = await inBatches(operations, async (operation) => ({ operation, answer: await call(operation, {}) }));
    const wrong = answers
      .filter(({ operation, answer }) =>
        HEALTH_PROBES.has(operation.key) ? answer.status !== 200 : answer.status !== 401 || !/^Bearer/.test(answer.wwwAuthenticate ?? '') || !/problem\+json/.test(answer.contentType),
      )
      .map(({ operation, answer }) => `${operation.key}: ${answer.status} WWW-Authenticate ${answer.wwwAuthenticate ?? '(none)'}`);
    expect(wrong).toEqual([]);
  });

  it('refuses each caller an operation its roles do not admit with a 403 naming the roles the matrix gives', async () => {
    const refused = operations
      .filter((operation) => operation.key in MATRIX)
      .flatMap((operation) => callers.filter((caller) => !admits(MATRIX[operation.key], caller.roles)).map((caller) => ({ operation, caller })));
    expect(refused.length).toBeGreaterThan(100);
    const answers = await inBatches(refused, async ({ operation, caller }) => ({ operation, caller, answer: await call(operation, caller.headers()) }));
    const wrong = answers
      .filter(({ operation, answer }) => answer.status !== 403 || !/problem\+json/.test(answer.contentType) || !sameRoles(answer.body?.requiredRoles, MATRIX[operation.key]))
      .map(({ operation, caller, answer }) => `${caller.name} ${operation.key}: ${answer.status} requiredRoles ${JSON.stringify(answer.body?.requiredRoles ?? null)}`);
    expect(wrong).toEqual([]);
  });

  it('lets each caller whose roles the matrix admits past the role check', async () => {
    const admitted = operations
      .filter((operation) => operation.key in MATRIX)
      .flatMap((operation) => callers.filter((caller) => admits(MATRIX[operation.key], caller.roles)).map((caller) => ({ operation, caller })));
    expect(admitted.length).toBeGreaterThan(200);
    const answers = await inBatches(admitted, async ({ operation, caller }) => ({ operation, caller, answer: await call(operation, caller.headers()) }));
    // A 403 may still come from a rule of the service (a protected label, a production move): it names other roles
    // than the operation's own, which the guard names when it refuses.
    const refusedByRole = (operation: Operation, answer: Answer) =>
      answer.status === 403 && [MATRIX[operation.key], operation.spec['x-required-roles'] as string[]].some((roles) => Array.isArray(roles) && sameRoles(answer.body?.requiredRoles, roles));
    const wrong = answers
      .filter(({ operation, answer }) => answer.status === 401 || refusedByRole(operation, answer))
      .map(({ operation, caller, answer }) => `${caller.name} ${operation.key}: ${answer.status} ${String(answer.body?.detail ?? '')}`);
    expect(wrong).toEqual([]);
  });
});
