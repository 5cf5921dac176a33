import { SetMetadata } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

export const RATE_CLASS_METADATA = 'mlops:rate-class';
export type RateClass = 'read' | 'write' | 'ingestion';

/** Ingestion endpoints (metric batches, usage logs) get a larger budget than other writes. */
export const IngestionRateLimit = (): MethodDecorator => SetMetadata(RATE_CLASS_METADATA, 'ingestion');

/** Which budget a request draws on: ingestion where declared, otherwise reads or writes by method. */
export function rateClassOf(context: ExecutionContext, reflector: Reflector): RateClass {
  const declared = reflector.get<RateClass | undefined>(RATE_CLASS_METADATA, context.getHandler());
  if (declared) return declared;
  const method = context.switchToHttp().getRequest<{ method: string }>().method;
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}
