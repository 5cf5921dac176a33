import { ConsoleLogger, type LogLevel } from '@nestjs/common';

import { LOG_LEVELS, type LogLevelName } from '../config/app.config.js';
import { currentRequestId } from '../http/request-context.js';

/** Levels at and above the configured one, in Nest's vocabulary. */
export function levelsFrom(level: LogLevelName): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as LogLevel[];
}

interface JsonLogOptions {
  context: string;
  logLevel: LogLevel;
  writeStreamType?: 'stdout' | 'stderr';
  errorStack?: unknown;
  params?: Record<string, unknown>;
  error?: Error;
}

interface JsonLogLine {
  [key: string]: unknown;
  level: LogLevel;
  pid: number;
  timestamp: number;
  message: unknown;
}

/**
 * One JSON object per line in production (`LOG_FORMAT=json`), Nest's coloured lines in development;
 * either way every line written while a request is served carries its request id.
 */
export class PlatformLogger extends ConsoleLogger {
  constructor(format: 'json' | 'pretty', level: LogLevelName) {
    super({ json: format === 'json', logLevels: levelsFrom(level) });
  }

  protected override getJsonLogObject(message: unknown, options: JsonLogOptions): JsonLogLine {
    const line = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    // Structured messages ({ msg, ...fields }) become top-level fields that log pipelines can index.
    const fields = isPlainObject(message) ? { ...message, message: message.msg ?? line.message } : {};
    return { ...line, ...fields, ...(requestId && { requestId }) };
  }

  protected override formatContext(context: string): string {
    const requestId = currentRequestId();
    return super.formatContext(requestId ? `${context}] [${requestId}` : context);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
