import type { Principal } from '../auth/principal.js';
import { AuthenticationError, type TokenVerifier } from '../auth/token-verifier.js';

/** What a graphql-ws connection keeps between messages: the principal its token proved. */
interface ConnectionExtra {
  principal?: Principal;
}

interface ConnectionContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

/**
 * Subscriptions authenticate once, when the connection opens: `connectionParams.authorization`
 * carries `Bearer <JWT>` as the HTTP header would. A missing or invalid token closes the
 * connection (graphql-ws closes it with 4403 Forbidden).
 */
export async function authenticateConnection(verifier: TokenVerifier, context: ConnectionContext): Promise<boolean> {
  const header = context.connectionParams?.authorization ?? context.connectionParams?.Authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) return false;
  try {
    (context.extra as ConnectionExtra).principal = await verifier.verify(match[1]!);
    return true;
  } catch (error) {
    if (error instanceof AuthenticationError) return false;
    throw error;
  }
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
