import { Global, Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Principal } from '../shared/principal.js';
import { TokenVerifier } from './token-verifier.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';

/** Routes left out of the budget: probes from the orchestrator and the metrics scraper. */
const EXEMPT = new Set(['/health', '/metrics']);

/**
 * One budget per caller for everything it does: GraphQL over HTTP, every operation over
 * graphql-ws and every REST download share it. The caller is the verified principal (the token's
 * subject) when the token verifies, else the client address, so a rewritten header
 * (`bearer`, extra spaces) or a junk token gains nothing. Fixed one-minute windows, in memory:
 * the budget is per service instance (docs/security.md says what to put in front of several).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Called on every refusal, whatever the transport (the metrics count them). */
  onRefused: () => void = () => {};

  constructor(
    readonly requestsPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for this key: undefined when allowed, else the seconds to wait. */
  take(key: string): number | undefined {
    if (this.requestsPerMinute === 0) return undefined;
    const time = this.now();
    let window = this.windows.get(key);
    if (!window || time - window.start >= 60_000) {
      if (this.windows.size > 100_000) this.sweep(time);
      window = { start: time, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.requestsPerMinute) return undefined;
    this.onRefused();
    return Math.max(1, Math.ceil((window.start + 60_000 - time) / 1000));
  }

  message(): string {
    return `Too many requests: at most ${this.requestsPerMinute} a minute`;
  }

  /** The error a graphql-ws operation gets when over budget. */
  error(retryAfterSeconds: number): GraphQLError {
    return new GraphQLError(this.message(), { extensions: { code: 'RATE_LIMITED', retryAfterSeconds } });
  }

  private sweep(time: number) {
    for (const [key, window] of this.windows) if (time - window.start >= 60_000) this.windows.delete(key);
    if (this.windows.size > 100_000) this.windows.clear();
  }
}

export const principalKey = (principal: Pick<Principal, 'subject'>) => `principal:${principal.subject}`;
export const addressKey = (address: string | undefined) => `address:${address ?? 'unknown'}`;

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Verifies the bearer token once per request (the guard then reuses the principal on
 * `req.principal`) and counts the request against the principal, or against the address when
 * there is no token or it does not verify (the guard then refuses it, after it was counted).
 */
export function rateLimitMiddleware(limiter: RateLimiter, verifier: TokenVerifier) {
  return async (req: Request & { principal?: Principal }, res: Response, next: NextFunction) => {
    if (EXEMPT.has(req.path)) return next();
    const header = req.header('authorization');
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    let key = addressKey(req.ip);
    if (token) {
      try {
        const principal = await verifier.verify(token);
        req.principal = principal;
        key = principalKey(principal);
      } catch {
        // Unverifiable: counted against the address; the guard answers UNAUTHENTICATED.
      }
    }
    const retryAfter = limiter.take(key);
    if (retryAfter === undefined) return next();
    res.setHeader('retry-after', String(retryAfter));
    const extensions = { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter };
    if (req.path === '/graphql') res.status(429).json({ errors: [{ message: limiter.message(), extensions }] });
    else res.status(429).json({ error: { ...extensions, message: limiter.message() } });
  };
}

/** The one limiter of this instance, shared by the HTTP middleware and the graphql-ws server. */
@Global()
@Module({
  providers: [{ provide: RateLimiter, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new RateLimiter(config.rateLimit.requestsPerMinute) }],
  exports: [RateLimiter],
})
export class RateLimitModule {}
