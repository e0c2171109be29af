import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { CommandRejected } from '../decider/errors.js';
import { scalarText } from '../shared/scalar-text.js';

const HTTP_STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };
const REJECTION_CODE: Record<string, string> = { invalid: 'BAD_USER_INPUT', forbidden: 'FORBIDDEN', notFound: 'NOT_FOUND', conflict: 'CONFLICT' };

/**
 * GraphQL errors go straight to formatApiError, which maps them to the closed set of codes and logs
 * only real faults (Nest's default handler would log every refused token as an error with a stack).
 * On plain HTTP routes (reports, exports), the same typed errors become their HTTP status with a
 * JSON body `{ error: { code, message, fields? } }`. Nest's own HTTP exceptions (body parser: invalid
 * JSON 400, body too large 413, unsupported media type 415; unknown route 404) keep their status
 * with a typed body too: `errors[].extensions.code` on /graphql, `{ error: { code } }` elsewhere.
 * Anything else keeps Nest's default handling (500 without details).
 */
@Catch()
export class GraphQLErrorFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') return exception;
    const code =
      exception instanceof GraphQLError
        ? scalarText(exception.extensions.code)
        : exception instanceof CommandRejected
          ? REJECTION_CODE[exception.kind]
          : undefined;
    if (host.getType() === 'http' && code && HTTP_STATUS[code]) {
      const response = host.switchToHttp().getResponse<Response>();
      const fields = exception instanceof GraphQLError ? exception.extensions.fields : exception instanceof CommandRejected ? exception.fields : undefined;
      response.status(HTTP_STATUS[code]).json({ error: { code, message: (exception as Error).message, ...(fields ? { fields } : {}) } });
      return;
    }
    if (host.getType() === 'http' && exception instanceof HttpException) {
      const status = exception.getStatus();
      const typed =
        status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL';
      const request = host.switchToHttp().getRequest<Request>();
      const response = host.switchToHttp().getResponse<Response>();
      if (response.headersSent) return response.end();
      const message = httpMessage(exception);
      if (request.path === '/graphql' || request.path.startsWith('/graphql/')) {
        response
          .status(status)
          .json({ errors: [{ message, extensions: { code: typed, httpStatus: status, ...(typed === 'BAD_USER_INPUT' ? { fields: [] } : {}) } }] });
      } else {
        response.status(status).json({ error: { code: typed, message } });
      }
      return;
    }
    return super.catch(exception, host);
  }
}

/** The body parser's messages are for developers ("Unexpected token … in JSON at position 1"); ours say what to do. */
function httpMessage(exception: HttpException): string {
  const status = exception.getStatus();
  if (status === 413) return 'The request body is too large';
  if (status === 415) return 'Unsupported media type: send application/json';
  if (status === 400 && exception.cause instanceof SyntaxError) return 'The request body is not valid JSON';
  if (status === 400 && /JSON/.test(exception.message)) return 'The request body is not valid JSON';
  return exception.message;
}
