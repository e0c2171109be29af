import type { IncomingMessage } from 'node:http';
import { GraphQLError, specifiedRules, validate, type ValidationRule } from 'graphql';
import type { FormattedExecutionResult } from 'graphql';
import type { Principal } from '../shared/principal.js';
import type { ActorStatusLookup } from './auth.guard.js';
import type { TokenVerifier } from './token-verifier.js';
import { addressKey, principalKey, type RateLimiter } from './rate-limit.js';
import { AuthenticationError, formatApiError, type ErrorLogger } from '../graphql/errors.js';

/** Close code when the connection's token expires (graphql-ws's own "Unauthorized"). Reconnect with a fresh token. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/** What a graphql-ws connection keeps between messages: the principal its token proved. */
interface ConnectionExtra {
  principal?: Principal;
  expiryTimer?: NodeJS.Timeout;
  socket?: { close(code: number, reason: string): void };
  request?: IncomingMessage;
}

interface ConnectionContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

/**
 * Subscriptions authenticate when the connection opens: `connectionParams.authorization`
 * carries `Bearer <JWT>` as the HTTP header would. A missing or invalid token closes the
 * connection (graphql-ws closes it with 4403 Forbidden). When the token expires, the connection
 * is closed with 4401 (its subscriptions end); the client reconnects with a fresh token.
 */
export async function authenticateConnection(
  verifier: TokenVerifier,
  context: ConnectionContext,
  limiter?: RateLimiter,
  actors?: WsRules['actors'],
): Promise<boolean> {
  const extra = context.extra as ConnectionExtra;
  const header = context.connectionParams?.authorization ?? context.connectionParams?.Authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  let principal: Principal | undefined;
  if (match) {
    try {
      principal = await verifier.verify(match[1]);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
    }
  }
  // A refused attempt counts against the socket's address; a verified connection's operations count against its principal.
  if (!principal) {
    limiter?.take(addressKey(extra.request?.socket.remoteAddress));
    return false;
  }
  // A token must name a registered, active actor (the admin bootstrap is done over HTTP).
  const status = actors?.statusOf(principal.actorId);
  if (actors && (!status || status === 'retired')) return false;
  extra.principal = principal;
  if (principal.expiresAt !== undefined) {
    const delay = Math.max(0, principal.expiresAt * 1000 - Date.now());
    // setTimeout holds at most ~24.8 days; longer-lived tokens are checked at each operation anyway.
    if (delay < 2 ** 31 - 1) extra.expiryTimer = setTimeout(() => extra.socket?.close(TOKEN_EXPIRED_CLOSE_CODE, 'Token expired'), delay);
  }
  return true;
}

/** Close code when the connection's actor is retired (graphql-ws's "Forbidden"). */
export const ACTOR_RETIRED_CLOSE_CODE = 4403;

export interface WsRules {
  verifier: TokenVerifier;
  /** The actor registry: a retired actor's open subscriptions end at their next message. */
  actors?: ActorStatusLookup;
  limiter: RateLimiter;
  validationRules: ValidationRule[];
  logger?: ErrorLogger;
  hideSuggestions: boolean;
}

/**
 * graphql-ws server options that make an operation over WebSocket pass what one over HTTP passes:
 * the same validation rules (depth, aliases, cost), the same rate limiter (one count per
 * operation, against the connection's principal), a token still valid at each operation, and
 * errors mapped to the same closed set of codes.
 */
export function graphqlWsOptions(rules: WsRules) {
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatApiError(error.toJSON(), error, rules.logger, { hideSuggestions: rules.hideSuggestions }));
  return {
    path: '/graphql',
    onConnect: (ctx: ConnectionContext) => authenticateConnection(rules.verifier, ctx, rules.limiter, rules.actors),
    validate: (schema: Parameters<typeof validate>[0], document: Parameters<typeof validate>[1]) =>
      validate(schema, document, [...specifiedRules, ...rules.validationRules]),
    onSubscribe: (ctx: ConnectionContext) => {
      const extra = ctx.extra as ConnectionExtra;
      const principal = extra.principal;
      if (!principal) return [new GraphQLError('A bearer token is required', { extensions: { code: 'UNAUTHENTICATED' } })];
      if (principal.expiresAt !== undefined && principal.expiresAt * 1000 <= Date.now()) {
        extra.socket?.close(TOKEN_EXPIRED_CLOSE_CODE, 'Token expired');
        return [new GraphQLError('The token has expired: reconnect with a fresh one', { extensions: { code: 'UNAUTHENTICATED' } })];
      }
      const retryAfter = rules.limiter.take(principalKey(principal));
      if (retryAfter !== undefined) return [rules.limiter.error(retryAfter)];
      return undefined;
    },
    onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) => format(errors),
    onNext: (
      ctx: ConnectionContext,
      _id: string,
      _payload: unknown,
      _args: unknown,
      result: { errors?: readonly GraphQLError[] },
    ): FormattedExecutionResult | void => {
      const extra = ctx.extra as ConnectionExtra;
      if (extra.principal && rules.actors?.statusOf(extra.principal.actorId) === 'retired') {
        extra.socket?.close(ACTOR_RETIRED_CLOSE_CODE, 'Actor retired');
        return {
          errors: format([new GraphQLError(`Actor ${extra.principal.actorId} is retired and can no longer act`, { extensions: { code: 'FORBIDDEN' } })]),
        };
      }
      if (result.errors?.length) return { ...(result as FormattedExecutionResult), errors: format(result.errors) };
    },
    onClose: (ctx: ConnectionContext) => clearTimeout((ctx.extra as ConnectionExtra).expiryTimer),
  };
}

/**
 * The GraphQL context: over HTTP the request itself; over graphql-ws a request-shaped object
 * carrying the connection's principal, so guards and decorators read both the same way.
 */
export function graphqlContext(input: { req?: unknown; res?: unknown; extra?: unknown }) {
  if (input.req) return { req: input.req, res: input.res };
  const extra = (input.extra ?? {}) as ConnectionExtra;
  return { req: { headers: {}, principal: extra.principal } };
}
