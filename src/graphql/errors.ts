import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { CommandRejected, type RejectionKind } from '../decider/errors.js';
import { ConcurrencyError, DamagedEventError, IdempotencyConflictError, InvalidAppendError } from '../event-store/errors.js';
import { ProjectionTimeoutError } from '../projections/projection-runner.js';
import { requestContext } from '../runtime/request-context.js';
import { scalarText } from '../shared/scalar-text.js';

/** A token that is missing, malformed, expired or not signed by a trusted issuer (UNAUTHENTICATED). */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** The closed set of codes in `extensions.code`. */
export const ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, fields: string[]) => apiError('BAD_USER_INPUT', message, { fields });

const KIND_TO_CODE: Record<RejectionKind, ErrorCode> = {
  invalid: 'BAD_USER_INPUT',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
};

/** Codes Apollo gives to requests that never reached a resolver: all the client's fault. */
const APOLLO_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
]);

export interface ErrorLogger {
  error(message: unknown, ...context: unknown[]): void;
}

/**
 * Maps whatever a request produced to the closed set of codes. Anything unexpected becomes
 * INTERNAL with the request id only: no stack, no SQL, no internal message leaves the service.
 */
export function formatApiError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger?: ErrorLogger,
  options: { hideSuggestions?: boolean } = {},
): GraphQLFormattedError {
  if (options.hideSuggestions) formatted = { ...formatted, message: withoutSuggestions(formatted.message) };
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const make = (code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLFormattedError => ({
    ...base,
    message,
    extensions: { ...extensions, code },
  });

  if (original instanceof GraphQLError && (ERROR_CODES as readonly string[]).includes(String(original.extensions?.code))) {
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...base, extensions };
  }
  if (original instanceof CommandRejected) {
    return make(KIND_TO_CODE[original.kind], original.message, {
      ...(original.fields.length ? { fields: original.fields } : {}),
      // The stable code and parameters, for clients that word the refusal themselves.
      ...(original.refusal ? { refusal: original.refusal } : {}),
    });
  }
  if (original instanceof ConcurrencyError) {
    return make('CONFLICT', `The record changed since revision ${String(original.expected)} (it is now at ${original.actual}): reload and retry`, {
      expectedRevision: original.expected,
      actualRevision: original.actual,
    });
  }
  if (original instanceof IdempotencyConflictError) return make('CONFLICT', 'This command id was already used for a different command');
  if (original instanceof InvalidAppendError) return make('BAD_USER_INPUT', original.message, { fields: [] });
  if (original instanceof AuthenticationError) return make('UNAUTHENTICATED', original.message);
  const apolloCode = scalarText(formatted.extensions?.code);
  if (APOLLO_INPUT_CODES.has(apolloCode) || (original instanceof GraphQLError && !original.path && !original.originalError)) {
    const { code: _code, stacktrace: _stack, ...details } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return make('BAD_USER_INPUT', formatted.message, { fields: [], ...details });
  }
  const requestId = requestContext.current()?.requestId;
  if (original instanceof DamagedEventError) {
    // The service's fault, not the caller's: say where the record is damaged (verifyIntegrity lists it; docs/operations.md).
    logger?.error(original.message, undefined, 'GraphQL');
    return make('INTERNAL', `${original.message}. Run verifyIntegrity; see docs/operations.md, "Damage"`, {
      requestId,
      damage: { position: original.position.toString(), streamId: original.streamId, revision: original.revision, reason: original.reason },
    });
  }
  if (original instanceof ProjectionTimeoutError) {
    return make('INTERNAL', 'The command was recorded but the read models are late: retry with the same commandId to get its result', { requestId });
  }
  logger?.error(original instanceof Error ? original : String(original), original instanceof Error ? original.stack : undefined, 'GraphQL');
  return make('INTERNAL', `Internal error (request ${requestId ?? 'unknown'})`, { requestId });
}

/** graphql-js suggests close names ("Did you mean \"actor\"?"): with introspection off, that would leak the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}
