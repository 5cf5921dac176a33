import type { NextFunction, Request, Response } from 'express';

import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../errors/problem-details.js';
import { currentRequestId } from './request-context.js';

interface RouteTemplate {
  pattern: RegExp;
  /** Literal segments first: a concrete path wins over a templated one, as OpenAPI matches them. */
  literals: number;
  methods: Set<string>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Route templates from the OpenAPI document's paths, e.g. `/api/v1/ml/lifecycle/experiments/{id}`. */
export function routeTemplates(paths: Record<string, Record<string, unknown>>): RouteTemplate[] {
  return Object.entries(paths).map(([path, operations]) => {
    const segments = path.split('/').filter(Boolean);
    const pattern = new RegExp(`^/${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : escape(s))).join('/')}/?$`);
    const methods = new Set(Object.keys(operations).filter((m) => HTTP_METHODS.includes(m)).map((m) => m.toUpperCase()));
    if (methods.has('GET')) methods.add('HEAD');
    return { pattern, literals: segments.filter((s) => !s.startsWith('{')).length, methods };
  });
}

/**
 * An unsupported method on a known path is answered 405 with `Allow`, rather than falling through to a 404 or,
 * worse, to a templated route that happens to match (`PATCH /templates/{id}/diff` is not a version edit).
 * OPTIONS answers the methods the path takes.
 */
export function methodNotAllowed(templates: RouteTemplate[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const matching = templates.filter((t) => t.pattern.test(request.path));
    if (matching.length === 0) return next();
    const best = matching.reduce((a, b) => (b.literals > a.literals ? b : a));
    if (best.methods.has(request.method)) return next();
    const allow = [...ORDER.filter((m) => best.methods.has(m)), 'OPTIONS'].join(', ');
    response.setHeader('Allow', allow);
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    response
      .status(405)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: `${PROBLEM_TYPE_BASE}method-not-allowed`,
          title: 'Method not allowed',
          status: 405,
          detail: `${request.method} is not supported on ${request.path}; allowed: ${allow}`,
          instance: request.originalUrl,
          requestId: currentRequestId(),
        }),
      );
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
