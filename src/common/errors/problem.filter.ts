import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import { currentRequestId } from '../http/request-context.js';
import {
  ConflictError,
  DomainError,
  DuplicateError,
  ForbiddenError,
  IllegalTransitionError,
  InconsistentInputError,
  InvalidInputError,
  NotFoundError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from './domain.errors.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, type ProblemDetailsDto } from './problem-details.js';

const DOMAIN_STATUS = new Map<Function, number>([
  [ConflictError, HttpStatus.CONFLICT],
  [DuplicateError, HttpStatus.CONFLICT],
  [ForbiddenError, HttpStatus.FORBIDDEN],
  [IllegalTransitionError, HttpStatus.CONFLICT],
  [InconsistentInputError, HttpStatus.UNPROCESSABLE_ENTITY],
  [InvalidInputError, HttpStatus.BAD_REQUEST],
  [NotFoundError, HttpStatus.NOT_FOUND],
  [ServiceUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [UnauthenticatedError, HttpStatus.UNAUTHORIZED],
]);

const HTTP_SLUGS: Record<number, [string, string]> = {
  400: ['invalid-input', 'Invalid request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Resource not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict with the current state'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
  503: ['service-unavailable', 'Dependency unavailable'],
};

type Problem = Omit<ProblemDetailsDto, 'instance' | 'requestId'> & Record<string, unknown>;

/** Maps every error the API can raise to one RFC 9457 problem document. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status === 500) {
      this.logger.error(`${request.method} ${request.originalUrl} failed`, (exception as Error)?.stack);
    } else if (problem.status > 500) {
      this.logger.warn(`${request.method} ${request.originalUrl}: ${problem.detail}`);
    }
    if (response.headersSent) return;
    if (exception instanceof DomainError) for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...problem, instance: request.originalUrl, requestId: currentRequestId() }));
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) return this.fromDomain(exception);
    // Nest wraps body-parser failures in an HttpException whose cause says what went wrong.
    const known = this.fromDriverOrParser(exception instanceof HttpException ? (exception.cause ?? exception) : exception);
    if (known) return known;
    if (exception instanceof HttpException) return this.fromHttp(exception);
    return problem(500, 'internal-error', 'Internal server error', 'An unexpected error occurred; it has been logged with the request id.');
  }

  private fromDomain(error: DomainError): Problem {
    const status = DOMAIN_STATUS.get(error.constructor) ?? statusOfAncestor(error);
    const base = problem(status, error.code, error.title, error.message);
    const errors = error instanceof InvalidInputError && error.errors.length > 0 ? { errors: error.errors } : {};
    return { ...error.extensions, ...base, ...errors };
  }

  private fromHttp(exception: HttpException): Problem {
    const status = exception.getStatus();
    const [slug, title] = HTTP_SLUGS[status] ?? ['http-error', exception.name];
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
    return problem(status, slug, title, detail);
  }

  /** Errors raised below the services: the body parser, the MongoDB driver and Mongoose casting. */
  private fromDriverOrParser(exception: unknown): Problem | undefined {
    const error = exception as { type?: string; status?: number; code?: number; name?: string; message?: string; limit?: number };
    if (error?.type === 'entity.too.large') {
      return problem(413, 'payload-too-large', 'Payload too large', `The request body exceeds the limit of ${error.limit} bytes; split it into smaller batches.`);
    }
    if (error?.type === 'entity.too.deep') {
      return problem(400, 'json-too-deep', 'JSON nested too deeply', String(error.message));
    }
    if (error?.type === 'entity.parse.failed') {
      return problem(400, 'malformed-json', 'Malformed JSON', `The request body is not valid JSON: ${error.message}`);
    }
    if (error?.type === 'charset.unsupported' || error?.type === 'encoding.unsupported') {
      return problem(415, 'unsupported-media-type', 'Unsupported media type', String(error.message));
    }
    if (error?.code === 11000) {
      return problem(409, 'duplicate', 'Resource already exists', 'A resource with the same unique key already exists.');
    }
    if (error?.name === 'CastError' || error?.name === 'ValidationError' || error?.name === 'BSONError') {
      return problem(400, 'invalid-input', 'Invalid request', String(error.message));
    }
    return undefined;
  }
}

function statusOfAncestor(error: DomainError): number {
  for (const [type, status] of DOMAIN_STATUS) if (error instanceof (type as new (...a: never[]) => DomainError)) return status;
  return HttpStatus.BAD_REQUEST;
}

function problem(status: number, slug: string, title: string, detail: string): Problem {
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, detail };
}
