export interface MlopsClientOptions {
  /** Base URL of the platform, e.g. http://mlops-api:3000 (the /api/v1 prefix is added by the client). */
  baseUrl: string;
  /**
   * The credential sent as `Authorization: Bearer …` on every call: an API key (`mlp_…`), or a function that
   * answers a current OIDC access token (called for every request; cache in it). The platform takes the
   * caller's identity from it, so every change the client makes is recorded under that identity.
   */
  credential: string | (() => string | Promise<string>);
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Retries of idempotent requests (GET, PUT, DELETE) on network errors and 502/503/504; default 2. */
  retries?: number;
  /** Injected for tests or custom agents; default the global fetch. */
  fetch?: typeof fetch;
}

export const MLOPS_CLIENT_OPTIONS = Symbol('MLOPS_CLIENT_OPTIONS');
