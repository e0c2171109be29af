import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { requestContext } from '../runtime/request-context.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'silent'>;

/** One JSON object per line, with the request id, principal and command id when there is a request. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(level: AppConfig['logLevel'] = 'info') {
    this.threshold = LEVELS[level];
  }

  /** Whether entries of this level are written (callers skip building them otherwise). */
  writes(level: Level): boolean {
    return LEVELS[level] >= this.threshold;
  }

  log(message: unknown, ...context: unknown[]) {
    this.write('info', message, context);
  }
  error(message: unknown, ...context: unknown[]) {
    this.write('error', message, context);
  }
  warn(message: unknown, ...context: unknown[]) {
    this.write('warn', message, context);
  }
  debug(message: unknown, ...context: unknown[]) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, ...context: unknown[]) {
    this.write('debug', message, context);
  }

  /** Structured entry: `logger.event('info', 'command handled', { streamId })`. */
  event(level: Level, message: string, fields: Record<string, unknown> = {}) {
    this.write(level, message, [], fields);
  }

  private write(level: Level, message: unknown, context: unknown[], fields: Record<string, unknown> = {}) {
    if (LEVELS[level] < this.threshold) return;
    const request = requestContext.current();
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      msg: message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message),
      ...fields,
    };
    const last = context[context.length - 1];
    if (typeof last === 'string') entry.context = last;
    const stack = context.find((item) => typeof item === 'string' && item.includes('\n    at '));
    if (stack) entry.stack = stack;
    if (message instanceof Error) entry.stack = message.stack;
    if (request) {
      entry.requestId = request.requestId;
      if (request.principal) entry.principal = request.principal.subject;
      if (request.commandId) entry.commandId = request.commandId;
      if (request.operationName) entry.operation = request.operationName;
      if (request.operationType) entry.operationType = request.operationType;
    }
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
}
