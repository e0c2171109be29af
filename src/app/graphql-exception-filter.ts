import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { CommandRejected } from '../decider/errors.js';

const HTTP_STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };
const REJECTION_CODE: Record<string, string> = { invalid: 'BAD_USER_INPUT', forbidden: 'FORBIDDEN', notFound: 'NOT_FOUND', conflict: 'CONFLICT' };

/**
 * GraphQL errors go straight to formatApiError, which maps them to the closed set of codes and logs
 * only real faults (Nest's default handler would log every refused token as an error with a stack).
 * On plain HTTP routes (reports, exports), the same typed errors become their HTTP status with a
 * JSON body `{ error: { code, message, fields? } }`; anything else keeps Nest's default handling.
 */
@Catch()
export class GraphQLErrorFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') return exception;
    const code =
      exception instanceof GraphQLError ? String(exception.extensions.code ?? '') : exception instanceof CommandRejected ? REJECTION_CODE[exception.kind] : undefined;
    if (host.getType() === 'http' && code && HTTP_STATUS[code]) {
      const response = host.switchToHttp().getResponse<Response>();
      const fields = exception instanceof GraphQLError ? exception.extensions.fields : exception instanceof CommandRejected ? exception.fields : undefined;
      response.status(HTTP_STATUS[code]).json({ error: { code, message: (exception as Error).message, ...(fields ? { fields } : {}) } });
      return;
    }
    return super.catch(exception, host);
  }
}
