import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AppConfig } from '../config/config.js';
import { AuthenticationError } from '../graphql/errors.js';
import { isRole, type Principal } from '../shared/principal.js';

/**
 * Principals this verifier produced from a token. The guard requires their actor to be registered
 * and active; a principal built inside the service (the demo loader, a scheduled job) is not a token.
 */
const FROM_TOKEN = new WeakSet<Principal>();
export const isFromToken = (principal: Principal) => FROM_TOKEN.has(principal);

/** Development tokens are signed with this issuer and audience. */
export const DEV_ISSUER = 'scoran-ledger-dev';
export const DEV_AUDIENCE = 'scoran-ledger';

/**
 * Verifies bearer JWTs for real: HS256 with the development secret, or RS/ES/PS keys from an
 * OpenID Connect provider's JWKS with its issuer and audience. Both can be enabled at once.
 */
export interface TokenVerifierOptions {
  /** Verified tokens kept until their expiry, least recently used leaving first (0: verify every time). */
  cacheSize?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

/** A token without an expiry is kept this long at most (ms), so it is re-verified now and then. */
const NO_EXPIRY_TTL_MS = 60_000;

export class TokenVerifier {
  private readonly devKey?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly cacheSize: number;
  private readonly now: () => number;
  /** Token → what verifying it gave, until when. Only successes: a refused token is checked again. */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly auth: AppConfig['auth'],
    options: TokenVerifierOptions = {},
  ) {
    if (auth.devSecret) this.devKey = new TextEncoder().encode(auth.devSecret);
    if (auth.jwksUrl) this.jwks = createRemoteJWKSet(new URL(auth.jwksUrl));
    if (!this.devKey && !this.jwks) throw new Error('No way to verify tokens: set AUTH_DEV_SECRET (development) or AUTH_JWKS_URL');
    this.cacheSize = options.cacheSize ?? 0;
    this.now = options.now ?? Date.now;
  }

  /**
   * The token's principal. A token verified before and not yet expired is not verified again (its
   * signature cannot have changed); whether its actor is still active is the guard's check, made
   * on every request.
   */
  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const hit = this.verified.get(token);
    if (hit !== undefined) {
      this.verified.delete(token);
      if (hit.until > now) {
        this.verified.set(token, hit);
        return hit.principal;
      }
      throw new AuthenticationError('The token has expired');
    }
    const principal = await this.verifyUncached(token);
    if (this.cacheSize > 0) {
      const until = principal.expiresAt !== undefined ? principal.expiresAt * 1000 : now + NO_EXPIRY_TTL_MS;
      this.verified.set(token, { principal, until });
      while (this.verified.size > this.cacheSize) this.verified.delete(this.verified.keys().next().value as string);
    }
    return principal;
  }

  private async verifyUncached(token: string): Promise<Principal> {
    const payload = await this.verifySignature(token);
    const { sub, actor_id: actorId, role } = payload as JWTPayload & { actor_id?: unknown; role?: unknown };
    if (typeof sub !== 'string' || sub.length === 0) throw new AuthenticationError('The token has no subject');
    if (typeof actorId !== 'string' || actorId.length === 0) throw new AuthenticationError('The token names no actor (claim actor_id)');
    if (!isRole(role)) throw new AuthenticationError('The token has no known role (claim role)');
    const principal: Principal = { subject: sub, actorId, role, ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp } : {}) };
    FROM_TOKEN.add(principal);
    return principal;
  }

  private async verifySignature(token: string): Promise<JWTPayload> {
    const header = safeHeader(token);
    try {
      if (header?.alg === 'HS256' && this.devKey) {
        return (await jwtVerify(token, this.devKey, { algorithms: ['HS256'], issuer: DEV_ISSUER, audience: DEV_AUDIENCE })).payload;
      }
      if (this.jwks && header?.alg !== 'HS256') {
        return (await jwtVerify(token, this.jwks, { issuer: this.auth.issuer, audience: this.auth.audience })).payload;
      }
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('The token has expired');
      if (error instanceof joseErrors.JOSEError) throw new AuthenticationError(`The token is not valid (${error.code})`);
      throw error;
    }
    throw new AuthenticationError('The token is signed with an algorithm this service does not accept');
  }
}

function safeHeader(token: string): { alg?: string } | undefined {
  try {
    const [header] = token.split('.');
    return JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as { alg?: string };
  } catch {
    throw new AuthenticationError('The token is not a JWT');
  }
}
