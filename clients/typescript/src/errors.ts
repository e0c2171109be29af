/** The closed set of `extensions.code` values the service answers with (docs/api.md, "Errors"). */
export type ScoranErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL' | 'RATE_LIMITED';

export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; fields?: string[]; retryAfterSeconds?: number; requestId?: string; [key: string]: unknown };
}

/** An error the API returned: `code` tells what to do, `errors` keeps every error of the response. */
export class ScoranError extends Error {
  constructor(
    readonly code: ScoranErrorCode,
    message: string,
    readonly errors: readonly GraphQLErrorShape[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
  /** The service's request id (for its logs), when it gave one. */
  get requestId(): string | undefined {
    return this.errors.find((e) => typeof e.extensions?.requestId === 'string')?.extensions?.requestId;
  }
}

/** Invalid input: `fields` are the input paths at fault (`territories.0.code`). Nothing was recorded. */
export class BadUserInputError extends ScoranError {
  get fields(): string[] {
    return this.errors.flatMap((e) => e.extensions?.fields ?? []);
  }
}
/** Missing, expired or invalid token: get a new one. */
export class UnauthenticatedError extends ScoranError {}
/** The token's role or actor may not do this. */
export class ForbiddenError extends ScoranError {}
/** The record does not exist. */
export class NotFoundError extends ScoranError {}
/** The record changed since it was read (expectedRevision), or the command id was used for another command. */
export class ConflictError extends ScoranError {}
/** The service failed; a command retried with the same commandId is still applied at most once. */
export class InternalError extends ScoranError {}
/** Too many requests; wait `retryAfterSeconds`. */
export class RateLimitedError extends ScoranError {
  constructor(
    message: string,
    errors: readonly GraphQLErrorShape[],
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message, errors);
  }
}
/** The service could not be reached, or answered something that is not the API (a proxy's page). */
export class NetworkError extends Error {
  constructor(
    message: string,
    cause?: unknown,
    readonly status?: number,
  ) {
    super(message, { cause });
    this.name = 'NetworkError';
  }
}

const CLASSES = {
  BAD_USER_INPUT: BadUserInputError,
  UNAUTHENTICATED: UnauthenticatedError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  INTERNAL: InternalError,
} as const;

/** The typed error for a response's errors (the first error's code decides; unknown codes are INTERNAL). */
export function errorFromResponse(errors: readonly GraphQLErrorShape[], retryAfterHeader?: string | null): ScoranError {
  const first = errors[0] ?? { message: 'Unknown error' };
  const code = first.extensions?.code;
  const message = errors.map((e) => e.message).join('; ');
  if (code === 'RATE_LIMITED') {
    const seconds = first.extensions?.retryAfterSeconds ?? Number(retryAfterHeader ?? 60);
    return new RateLimitedError(message, errors, Number.isFinite(seconds) ? seconds : 60);
  }
  const Class = code && code in CLASSES ? CLASSES[code as keyof typeof CLASSES] : InternalError;
  return new Class((code && code in CLASSES ? code : 'INTERNAL') as ScoranErrorCode, message, errors);
}
