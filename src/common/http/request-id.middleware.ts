import { randomUUID } from 'node:crypto';

import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

import { runWithRequestId } from './request-context.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const logger = new Logger('HTTP');

/**
 * Takes the caller's X-Request-Id (or makes one), echoes it on the response and binds it to every log
 * line written while the request is served; logs one access line when the response is finished.
 */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header(REQUEST_ID_HEADER);
  const requestId = given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, requestId);
  const started = process.hrtime.bigint();
  runWithRequestId(requestId, () => {
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.log({ msg: 'request', method: request.method, path: request.originalUrl, status: response.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  });
}
