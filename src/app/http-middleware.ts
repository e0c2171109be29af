import { createHash, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/config.js';
import type { JsonLogger } from './json-logger.js';
import { requestContext } from './request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Gives each request an id (or keeps a sane X-Request-Id), runs it in its context, logs it once done. */
export function requestContextMiddleware(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    const context = { requestId };
    res.on('finish', () => {
      requestContext.run(context, () =>
        logger.event('info', 'request', {
          method: req.method,
          // originalUrl: under a mounted middleware req.path is relative ('/' for every GraphQL request).
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        }),
      );
    });
    requestContext.run(context, next);
  };
}

/**
 * Fixed one-minute windows per caller: per bearer token (hashed), else per address. In memory,
 * so per service instance. Answers 429 with a GraphQL-shaped body and Retry-After.
 */
export function rateLimitMiddleware(config: AppConfig['rateLimit'], now: () => number = Date.now, onRefused: () => void = () => {}) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction) => {
    if (config.requestsPerMinute === 0) return next();
    const auth = req.header('authorization');
    const key = auth ? `t:${createHash('sha256').update(auth).digest('base64url')}` : `a:${req.ip}`;
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.start >= 60_000) {
      if (windows.size > 100_000) windows.clear();
      window = { start: time, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= config.requestsPerMinute) return next();
    onRefused();
    const retryAfter = Math.ceil((window.start + 60_000 - time) / 1000);
    res.setHeader('retry-after', String(retryAfter));
    res.status(429).json({
      errors: [{ message: `Too many requests: at most ${config.requestsPerMinute} a minute`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }],
    });
  };
}
